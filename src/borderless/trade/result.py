"""What a quote says: per line and per tax, the treatment, the reasons (each citing a rule), the FX used."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from borderless.money.core import Money, trusted_money
from borderless.money.fx import FxRate
from borderless.trade.request import RequestItem

PREFERENTIAL = "preferential"
FULL = "full"
NOT_ALLOWED = "not_allowed"


@dataclass(frozen=True, slots=True)
class Reason:
    rule: str  # e.g. "CN-C4"
    message: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "message": self.message}


@dataclass(slots=True)
class PreparedLine:
    """One item in the destination currency, with its share of freight and insurance (CN-C1 value)."""

    item: RequestItem
    unit_price: Decimal
    goods: Decimal
    freight: Decimal = Decimal(0)
    insurance: Decimal = Decimal(0)
    value: Decimal = Decimal(0)  # goods + freight + insurance: the dutiable value


@dataclass(slots=True)
class PreparedOrder:
    destination: str
    currency: str
    on: date
    lines: list[PreparedLine]
    goods_total: Decimal
    freight: Decimal
    insurance: Decimal
    value_total: Decimal
    annual_total: Decimal
    fx: FxRate | None
    reasons: list[Reason] = field(default_factory=list)  # set while preparing (FX, default freight)


@dataclass(frozen=True, slots=True)
class LineTax:
    """A regime's verdict on one line: taxes already rounded, or None where unknown or not allowed."""

    duty: Decimal | None
    consumption_tax: Decimal | None
    vat: Decimal | None
    rates: dict[str, str] | None = None
    tariff: dict[str, str] | None = None
    reasons: tuple[Reason, ...] = ()


def _m(amount: Decimal | None, currency: str) -> Money | None:
    return None if amount is None else trusted_money(amount, currency)


def _s(money: Money | None) -> str | None:
    return None if money is None else str(money.amount)


@dataclass(frozen=True, slots=True)
class LineQuote:
    hs_code: str
    description: str
    sku: str | None
    quantity: int
    unit_price: Money
    goods_value: Money
    freight: Money
    insurance: Money
    dutiable_value: Money
    duty: Money | None
    consumption_tax: Money | None
    vat: Money | None
    total_tax: Money | None
    total: Money | None
    rates: dict[str, str] | None
    tariff: dict[str, str] | None
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {
            "hs_code": self.hs_code,
            "description": self.description,
            "sku": self.sku,
            "quantity": self.quantity,
            "unit_price": _s(self.unit_price),
            "goods_value": _s(self.goods_value),
            "freight": _s(self.freight),
            "insurance": _s(self.insurance),
            "dutiable_value": _s(self.dutiable_value),
            "duty": _s(self.duty),
            "consumption_tax": _s(self.consumption_tax),
            "vat": _s(self.vat),
            "total_tax": _s(self.total_tax),
            "total": _s(self.total),
            "rates": self.rates,
            "tariff": self.tariff,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class ChannelOption:
    """Another way into the same country (China: personal postal articles), for comparison."""

    channel: str
    allowed: bool
    treatment: str
    goods_value: Money
    tax: Money | None
    total: Money | None
    cheaper: bool  # cheaper in total than the quote's own channel (or the only allowed one)
    reasons: tuple[Reason, ...]

    def as_dict(self) -> dict:
        return {
            "channel": self.channel,
            "allowed": self.allowed,
            "treatment": self.treatment,
            "goods_value": _s(self.goods_value),
            "tax": _s(self.tax),
            "total": _s(self.total),
            "cheaper": self.cheaper,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class Quote:
    destination: str
    regime: str
    currency: str
    date: date
    treatment: str
    allowed: bool
    goods_value: Money
    freight: Money
    insurance: Money
    dutiable_value: Money
    duty: Money | None
    consumption_tax: Money | None
    vat: Money | None
    total_tax: Money | None
    total: Money | None
    reasons: tuple[Reason, ...]
    lines: tuple[LineQuote, ...]
    fx: FxRate | None
    alternatives: tuple[ChannelOption, ...] = ()

    def as_dict(self) -> dict:
        return {
            "destination": self.destination,
            "regime": self.regime,
            "currency": self.currency,
            "date": self.date.isoformat(),
            "treatment": self.treatment,
            "allowed": self.allowed,
            "goods_value": _s(self.goods_value),
            "freight": _s(self.freight),
            "insurance": _s(self.insurance),
            "dutiable_value": _s(self.dutiable_value),
            "duty": _s(self.duty),
            "consumption_tax": _s(self.consumption_tax),
            "vat": _s(self.vat),
            "total_tax": _s(self.total_tax),
            "total": _s(self.total),
            "reasons": [r.as_dict() for r in self.reasons],
            "lines": [line.as_dict() for line in self.lines],
            "fx": self.fx.as_dict() if self.fx is not None else None,
            "alternatives": [a.as_dict() for a in self.alternatives],
        }


def _sum(values: list[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def build_quote(
    order: PreparedOrder,
    regime: str,
    treatment: str,
    taxes: list[LineTax] | None,
    reasons: list[Reason],
    alternatives: tuple[ChannelOption, ...] = (),
) -> Quote:
    """Assemble lines and order totals: the order's tax is the sum of the lines' rounded taxes."""
    cur = order.currency
    allowed = treatment != NOT_ALLOWED
    lines = []
    duties, cts, vats = [], [], []
    for i, pl in enumerate(order.lines):
        tax = taxes[i] if taxes is not None else None
        if tax is None or not allowed:
            duty = ct = vat = None
        else:
            duty, ct, vat = tax.duty, tax.consumption_tax, tax.vat
        line_tax = _sum([duty, ct, vat])
        duties.append(duty)
        cts.append(ct)
        vats.append(vat)
        item = pl.item
        lines.append(
            LineQuote(
                hs_code=item.hs_code,
                description=item.description,
                sku=item.sku,
                quantity=item.quantity,
                unit_price=trusted_money(pl.unit_price, cur),
                goods_value=trusted_money(pl.goods, cur),
                freight=trusted_money(pl.freight, cur),
                insurance=trusted_money(pl.insurance, cur),
                dutiable_value=trusted_money(pl.value, cur),
                duty=_m(duty, cur),
                consumption_tax=_m(ct, cur),
                vat=_m(vat, cur),
                total_tax=_m(line_tax, cur),
                total=_m(None if line_tax is None else pl.value + line_tax, cur),
                rates=tax.rates if tax is not None else None,
                tariff=tax.tariff if tax is not None else None,
                reasons=tax.reasons if tax is not None else (),
            )
        )
    duty, ct, vat = _sum(duties), _sum(cts), _sum(vats)
    total_tax = _sum([duty, ct, vat])
    return Quote(
        destination=order.destination,
        regime=regime,
        currency=cur,
        date=order.on,
        treatment=treatment,
        allowed=allowed,
        goods_value=trusted_money(order.goods_total, cur),
        freight=trusted_money(order.freight, cur),
        insurance=trusted_money(order.insurance, cur),
        dutiable_value=trusted_money(order.value_total, cur),
        duty=_m(duty, cur),
        consumption_tax=_m(ct, cur),
        vat=_m(vat, cur),
        total_tax=_m(total_tax, cur),
        total=_m(None if total_tax is None else order.value_total + total_tax, cur),
        reasons=tuple(order.reasons + reasons),
        lines=tuple(lines),
        fx=order.fx,
        alternatives=alternatives,
    )
