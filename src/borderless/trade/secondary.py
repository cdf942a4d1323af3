"""Secondary destinations (EU-1/EU-2, UK-1, AU-1, CA-1, JP-1): a low-value threshold, VAT/GST, and duty.

Below the threshold the tax follows the low-value rule; above it duty depends on the national tariff, which
our data does not hold: we compute it only from an item's `rates.duty` ruling, else report it as unknown
(tax fields null) rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from borderless.money.currencies import QUANTA
from borderless.trade import tariff
from borderless.trade.result import (
    FULL,
    NOT_ALLOWED,
    PREFERENTIAL,
    LineTax,
    PreparedOrder,
    Quote,
    Reason,
    build_quote,
)

ZERO = Decimal(0)


@cache
def _excise_prefixes() -> tuple[str, ...]:
    return tuple(tariff.rules()["excise_prefixes"])


@dataclass(frozen=True)
class ThresholdRegime:
    code: str  # "EU-IOSS", "UK", ...
    key: str  # key in rules.json destinations
    currency: str

    @property
    def _rules(self) -> dict:
        return tariff.rules()["destinations"][self.key]

    def currency_for(self, destination: str) -> str:
        return self.currency

    def assess(self, order: PreparedOrder) -> Quote:
        r = self._rules
        rule = r["rule"]
        q = QUANTA[self.currency]
        threshold = Decimal(r["threshold"])
        vat_rate = Decimal(r["vat"][order.destination])
        reasons: list[Reason] = []
        if order.on < date.fromisoformat(r["from"]):
            reasons.append(Reason(rule, f"Our rules for {order.destination} start on {r['from']}."))
            return build_quote(order, self.code, NOT_ALLOWED, None, reasons)
        excise = [pl.item.hs_code for pl in order.lines if pl.item.hs_code.startswith(_excise_prefixes())]
        excluded = [
            pl.item.hs_code
            for pl in order.lines
            if pl.item.hs_code.startswith(tuple(r.get("excluded_prefixes", ())))
        ]
        # The low-value test: intrinsic value of the goods (JP: 60 % of the retail price for personal use).
        tested = order.goods_total
        if "taxable_share" in r:
            tested = order.goods_total * Decimal(r["taxable_share"])
        low_value = tested <= threshold and not excise and not excluded
        taxes: list[LineTax] = []
        if low_value:
            treatment = PREFERENTIAL
            reasons.append(
                Reason(
                    rule,
                    f"Value {tested:,.2f} {self.currency} within the {threshold:,} "
                    f"{self.currency} low-value threshold — {r['source']}.",
                )
            )
            flat = r.get("flat_duty")
            flat_on = flat is not None and order.on >= date.fromisoformat(flat["from"])
            seen: set[str] = set()
            for pl in order.lines:
                vat = self._line_vat_rate(order, pl, vat_rate)
                duty = ZERO
                line_reasons = []
                if flat_on and pl.item.hs_code[:6] not in seen:
                    seen.add(pl.item.hs_code[:6])
                    duty = Decimal(flat["amount"])
                    line_reasons.append(
                        Reason(
                            flat["rule"],
                            f"Flat duty {flat['amount']} EUR for subheading {pl.item.hs_code[:6]}.",
                        )
                    )
                if self.key == "CA" and tested <= Decimal(r["tax_free"]):
                    tax = ZERO
                elif self.key == "JP":
                    tax = ZERO  # JP-1: no duty and no consumption tax at or below the threshold
                else:
                    tax = (pl.value + duty) * vat
                taxes.append(
                    LineTax(
                        duty.quantize(q, ROUND_HALF_UP),
                        ZERO.quantize(q),
                        tax.quantize(q, ROUND_HALF_UP),
                        {"duty": f"{flat['amount']} EUR flat" if duty else "0", "vat": str(vat)},
                        None,
                        tuple(line_reasons),
                    )
                )
            if self.key == "CA" and tested <= Decimal(r["tax_free"]):
                reasons.append(
                    Reason(rule, f"Courier shipment of {r['tax_free']} CAD or less: no duty or tax.")
                )
            return build_quote(order, self.code, treatment, taxes, reasons)

        treatment = FULL
        if excise:
            reasons.append(
                Reason(rule, f"Excise goods ({', '.join(excise)}): excluded from the low-value rule.")
            )
        if excluded:
            reasons.append(Reason(rule, f"Goods excluded from the low-value rule ({', '.join(excluded)})."))
        if tested > threshold:
            reasons.append(
                Reason(
                    rule,
                    f"Value {tested:,.2f} {self.currency} over the {threshold:,} "
                    f"{self.currency} threshold: duty and import tax apply.",
                )
            )
        for pl in order.lines:
            vat = self._line_vat_rate(order, pl, vat_rate)
            ruling = pl.item.rates
            if ruling is None or ruling.duty is None:
                unknown = Reason(
                    rule,
                    f"HS {pl.item.hs_code}: the duty rate for {order.destination} is not in our data; "
                    "give rates.duty (a classification ruling) to price it.",
                )
                taxes.append(LineTax(None, None, None, None, None, (unknown,)))
                continue
            base = pl.value
            if "taxable_share" in r:
                base = pl.goods * Decimal(r["taxable_share"]) + pl.freight + pl.insurance
            duty = base * ruling.duty
            taxes.append(
                LineTax(
                    duty.quantize(q, ROUND_HALF_UP),
                    ZERO.quantize(q),
                    ((base + duty) * vat).quantize(q, ROUND_HALF_UP),
                    {"duty": str(ruling.duty), "vat": str(vat)},
                    None,
                    (Reason("RULING", "Duty rate from the item's classification ruling."),),
                )
            )
        return build_quote(order, self.code, treatment, taxes, reasons)

    def _line_vat_rate(self, order: PreparedOrder, pl, default: Decimal) -> Decimal:
        if pl.item.rates is not None and pl.item.rates.vat is not None:
            return pl.item.rates.vat
        r = self._rules
        if "vat_reduced" in r and pl.item.hs_code[:2] in r["reduced_chapters"]:
            return Decimal(r["vat_reduced"])
        return default


EU = ThresholdRegime("EU-IOSS", "EU", "EUR")
UK = ThresholdRegime("UK", "GB", "GBP")
AU = ThresholdRegime("AU", "AU", "AUD")
CA = ThresholdRegime("CA", "CA", "CAD")
JP = ThresholdRegime("JP", "JP", "JPY")
