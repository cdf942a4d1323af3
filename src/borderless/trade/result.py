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


def _money_property(name: str, doc: str) -> property:
    slot = "_" + name

    def get(self) -> Money | None:
        amount = getattr(self, slot)
        return None if amount is None else trusted_money(amount, self.currency)

    return property(get, doc=doc)


def _s(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


class _Amounts:
    """Amounts kept as Decimal in one currency; read as Money (built on access: the quote path stays fast)."""

    __slots__ = ()
    _AMOUNTS: tuple[str, ...] = ()

    def _amounts_dict(self) -> dict[str, str | None]:
        return {name: _s(getattr(self, "_" + name)) for name in self._AMOUNTS}


class LineQuote(_Amounts):
    """One line of a quote. Amount attributes (duty, vat, total …) are Money, or None where not computed."""

    _AMOUNTS = ("unit_price", "goods_value", "freight", "insurance", "dutiable_value", "duty",
                "consumption_tax", "vat", "total_tax", "total")  # fmt: skip
    __slots__ = ("hs_code", "description", "sku", "quantity", "currency", "rates", "tariff", "reasons",
                 *("_" + n for n in _AMOUNTS))  # fmt: skip

    def __init__(self, hs_code, description, sku, quantity, currency, amounts, rates, tariff, reasons):
        self.hs_code, self.description, self.sku, self.quantity = hs_code, description, sku, quantity
        self.currency, self.rates, self.tariff, self.reasons = currency, rates, tariff, reasons
        (self._unit_price, self._goods_value, self._freight, self._insurance, self._dutiable_value,
         self._duty, self._consumption_tax, self._vat, self._total_tax, self._total) = amounts  # fmt: skip

    def as_dict(self) -> dict:
        return {
            "hs_code": self.hs_code,
            "description": self.description,
            "sku": self.sku,
            "quantity": self.quantity,
            **self._amounts_dict(),
            "rates": self.rates,
            "tariff": self.tariff,
            "reasons": [r.as_dict() for r in self.reasons],
        }


for _name in LineQuote._AMOUNTS:
    setattr(LineQuote, _name, _money_property(_name, f"The line's {_name.replace('_', ' ')}."))


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
            "goods_value": str(self.goods_value.amount),
            "tax": None if self.tax is None else str(self.tax.amount),
            "total": None if self.total is None else str(self.total.amount),
            "cheaper": self.cheaper,
            "reasons": [r.as_dict() for r in self.reasons],
        }


class Quote(_Amounts):
    """The landed cost of one order. Amount attributes are Money in `currency`, or None where not computed
    (tax and totals when the order is not allowed, or when a rate is unknown)."""

    _AMOUNTS = ("goods_value", "freight", "insurance", "dutiable_value", "duty", "consumption_tax", "vat",
                "total_tax", "total")  # fmt: skip
    __slots__ = ("destination", "regime", "currency", "date", "treatment", "allowed", "reasons", "lines",
                 "fx", "alternatives", *("_" + n for n in _AMOUNTS))  # fmt: skip

    def __init__(self, destination, regime, currency, on, treatment, allowed, amounts, reasons, lines, fx,
                 alternatives=()):  # fmt: skip
        self.destination, self.regime, self.currency, self.date = destination, regime, currency, on
        self.treatment, self.allowed, self.reasons, self.lines = treatment, allowed, reasons, lines
        self.fx, self.alternatives = fx, alternatives
        (self._goods_value, self._freight, self._insurance, self._dutiable_value, self._duty,
         self._consumption_tax, self._vat, self._total_tax, self._total) = amounts  # fmt: skip

    def as_dict(self) -> dict:
        return {
            "destination": self.destination,
            "regime": self.regime,
            "currency": self.currency,
            "date": self.date.isoformat(),
            "treatment": self.treatment,
            "allowed": self.allowed,
            **self._amounts_dict(),
            "reasons": [r.as_dict() for r in self.reasons],
            "lines": [line.as_dict() for line in self.lines],
            "fx": self.fx.as_dict() if self.fx is not None else None,
            "alternatives": [a.as_dict() for a in self.alternatives],
        }


for _name in Quote._AMOUNTS:
    setattr(Quote, _name, _money_property(_name, f"The order's {_name.replace('_', ' ')}."))


def _sum(values: list[Decimal | None]) -> Decimal | None:
    if None in values:
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
    with_taxes = allowed and taxes is not None
    for i, pl in enumerate(order.lines):
        tax = taxes[i] if taxes is not None else None
        if with_taxes:
            duty, ct, vat = tax.duty, tax.consumption_tax, tax.vat
            line_tax = None if duty is None or ct is None or vat is None else duty + ct + vat
        else:
            duty = ct = vat = line_tax = None
        duties.append(duty)
        cts.append(ct)
        vats.append(vat)
        item = pl.item
        amounts = (pl.unit_price, pl.goods, pl.freight, pl.insurance, pl.value, duty, ct, vat, line_tax,
                   None if line_tax is None else pl.value + line_tax)  # fmt: skip
        if tax is None:
            lines.append(LineQuote(item.hs_code, item.description, item.sku, item.quantity, cur, amounts,
                                   None, None, ()))  # fmt: skip
        else:
            lines.append(LineQuote(item.hs_code, item.description, item.sku, item.quantity, cur, amounts,
                                   tax.rates, tax.tariff, tax.reasons))  # fmt: skip
    duty, ct, vat = _sum(duties), _sum(cts), _sum(vats)
    total_tax = None if duty is None or ct is None or vat is None else duty + ct + vat
    amounts = (order.goods_total, order.freight, order.insurance, order.value_total, duty, ct, vat, total_tax,
               None if total_tax is None else order.value_total + total_tax)  # fmt: skip
    return Quote(order.destination, regime, cur, order.on, treatment, allowed, amounts,
                 tuple(order.reasons + reasons), tuple(lines), order.fx, alternatives)  # fmt: skip
