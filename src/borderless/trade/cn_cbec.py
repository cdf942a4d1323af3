"""China: cross-border e-commerce retail import (CBEC, rules CN-C1..C16) and personal postal articles.

Pure functions on a PreparedOrder in CNY. Taxes per line from unrounded intermediates, each rounded once,
half-up to the fen (CN-C16); the order's tax is the sum of the lines'. Limits judged on the order's total.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, lru_cache

from borderless.money.core import Money, trusted_money
from borderless.trade import tariff
from borderless.trade.result import (
    FULL,
    NOT_ALLOWED,
    PREFERENTIAL,
    ChannelOption,
    LineTax,
    PreparedOrder,
    Quote,
    Reason,
    build_quote,
)

CENT = Decimal("0.01")
ZERO = Decimal(0)
ONE = Decimal(1)
CBEC = "CN-CBEC"
POSTAL = "CN-POSTAL"


@cache
def _constants() -> dict:
    rules = tariff.rules()
    th = rules["cn_ct_thresholds"]
    postal = rules["cn_postal"]
    return {
        "limits": [
            (
                date.fromisoformat(r["from"]),
                date.fromisoformat(r["to"]) if r["to"] else None,
                Decimal(r["per_order"]),
                Decimal(r["per_year"]),
                r["source"],
            )
            for r in rules["cn_cbec_limits"]
        ],
        "in_force": date.fromisoformat(rules["cn_cbec_in_force_from"]),
        "share": Decimal(rules["cn_cbec_tax_share"]),
        "cos_ml": Decimal(th["cosmetics_per_ml_or_g"]),
        "cos_piece": Decimal(th["cosmetics_per_piece"]),
        "watch": Decimal(th["watch_per_piece"]),
        "postal_rates": {k: Decimal(v) for k, v in postal["rates"].items()},
        "postal_waiver": Decimal(postal["waiver"]),
        "postal_limit": Decimal(postal["value_limit"]),
        "postal_from": date.fromisoformat(postal["from"]),
        "postal_source": postal["source"],
    }


def line_taxes(
    treatment: str, value: Decimal, duty_rate: Decimal, vat_rate: Decimal, ct_rate: Decimal, share: Decimal
) -> tuple[Decimal, Decimal, Decimal]:
    """(duty, consumption tax, VAT) of one line, unrounded, by the TRADE_RULES formulas."""
    if treatment == PREFERENTIAL:
        ct_statutory = value * ct_rate / (ONE - ct_rate)
        # The VAT base holds the full statutory consumption tax, not the 70 % share.
        return ZERO, share * ct_statutory, share * vat_rate * (value + ct_statutory)
    duty = value * duty_rate
    ct = (value + duty) * ct_rate / (ONE - ct_rate)
    return duty, ct, (value + duty + ct) * vat_rate


def _limits(on: date) -> tuple[Decimal, Decimal, str] | None:
    for start, end, per_order, per_year, source in _constants()["limits"]:
        if start <= on and (end is None or on <= end):
            return per_order, per_year, source
    return None


def _fen(x: Decimal) -> Decimal:
    return x.quantize(CENT, ROUND_HALF_UP)


@lru_cache(maxsize=1024)
def _fmt(x: Decimal) -> str:
    """RMB 26,000.00: amounts in reasons, with thousands separators (cached: limits recur on every quote)."""
    return f"{x:,.2f}"


def _high_end(kind: str, unit_value: Decimal, net_content, line_reasons: list[Reason]) -> bool:
    """CN-C12 thresholds, on the duty-paid value of one unit excluding VAT."""
    c = _constants()
    if kind == "cosmetics":
        if net_content is None:
            line_reasons.append(
                Reason(
                    "CN-C12",
                    "Cosmetics without net content: taxed as high-end (15 %) to "
                    "be safe; give net_content to apply the RMB 10/ml threshold.",
                )
            )
            return True
        if net_content.unit == "piece":
            per, limit, unit = unit_value / net_content.value, c["cos_piece"], "piece"
        else:
            per, limit, unit = unit_value / net_content.value, c["cos_ml"], net_content.unit
        high = per >= limit
        line_reasons.append(
            Reason(
                "CN-C12",
                f"Cosmetics at RMB {_fmt(per)} per {unit}: "
                + ("high-end (≥ RMB " if high else "ordinary (< RMB ")
                + f"{limit} per {unit}), consumption tax "
                + ("15 %." if high else "0."),
            )
        )
        return high
    if kind == "watch":
        high = unit_value >= c["watch"]
        line_reasons.append(
            Reason(
                "CN-C12",
                f"Watch at RMB {_fmt(unit_value)} each: "
                + (
                    "high-end (≥ RMB 10,000), consumption tax 20 %."
                    if high
                    else "below RMB 10,000, no consumption tax."
                ),
            )
        )
        return high
    return True


def _rates_for(line, item) -> tuple[Decimal, Decimal, Decimal, bool]:
    """(duty, vat, ct, overridden_ct) with a classification ruling winning over the data."""
    duty, vat, ct = line.duty, line.vat, line.consumption_tax
    override = item.rates
    if override is None:
        return duty, vat, ct, False
    return (
        duty if override.duty is None else override.duty,
        vat if override.vat is None else override.vat,
        ct if override.consumption_tax is None else override.consumption_tax,
        override.consumption_tax is not None,
    )


def _check_lines(order: PreparedOrder) -> tuple[list, list[Reason]]:
    """Tariff line per item, and reasons that refuse the order (CN-C15 banned, CN-C8 not listed/unknown)."""
    found, refusals = [], []
    for pl in order.lines:
        code = pl.item.hs_code
        banned = tariff.banned_cn(code, order.on)
        if banned is not None:
            refusals.append(
                Reason(
                    "CN-C15",
                    f"HS {code} ({banned.description}): may not enter by parcel "
                    f"(mail, express or CBEC 9610) — {banned.source}.",
                )
            )
        line = tariff.lookup_cn(code, order.on)
        if line is None:
            refusals.append(
                Reason(
                    "CN-C8",
                    f"HS {code} is not in our tariff data for {order.on}: we cannot "
                    "confirm it is on the CBEC positive list nor price it. Give the "
                    "8-digit Chinese line, or ask for the data to be extended.",
                )
            )
        found.append(line)
    return found, refusals


def assess(order: PreparedOrder) -> Quote:
    c = _constants()
    reasons: list[Reason] = []
    found, refusals = _check_lines(order)
    postal = assess_postal(order, found)
    if order.on < c["in_force"]:
        refusals.append(Reason("CN-C1", f"The CBEC retail import regime starts on {c['in_force']}."))
    for pl, line in zip(order.lines, found, strict=True):
        if line is not None and not line.cbec_list:
            refusals.append(
                Reason(
                    "CN-C8",
                    f"HS {pl.item.hs_code} ({line.description}) is not on the CBEC "
                    "retail import positive list.",
                )
            )
    limits = _limits(order.on)
    if refusals or limits is None:
        if limits is None and not refusals:
            refusals.append(Reason("CN-C2", f"No CBEC limits in our data for {order.on}."))
        return build_quote(order, CBEC, NOT_ALLOWED, None, refusals, _alternatives(postal, None))

    per_order, per_year, source = limits
    v = order.value_total
    after = order.annual_total + v
    single_item = len(order.lines) == 1 and order.lines[0].item.quantity == 1
    within_year = after <= per_year
    if v <= per_order and within_year:
        treatment = PREFERENTIAL
        reasons.append(
            Reason(
                "CN-C1",
                f"Dutiable value RMB {_fmt(v)} (goods + freight + insurance): duty 0 %, "
                "VAT and consumption tax at 70 %.",
            )
        )
        reasons.append(
            Reason(
                "CN-C2",
                f"Within the limits: RMB {_fmt(per_order)} per order, RMB "
                f"{_fmt(per_year)} per year (RMB {_fmt(after)} with this order) — "
                f"{source}.",
            )
        )
        if v == per_order or after == per_year:
            reasons.append(Reason("CN-C5", "A limit reached exactly is still within it."))
    elif v > per_order and single_item and within_year:
        treatment = FULL
        reasons.append(
            Reason(
                "CN-C3",
                f"One item of RMB {_fmt(v)}, over RMB {_fmt(per_order)}: allowed as CBEC "
                "with duty, VAT and consumption tax in full; counts towards the annual "
                "total.",
            )
        )
    else:
        if v > per_order:
            why = f"RMB {_fmt(v)} over the RMB {_fmt(per_order)} per-order limit with more than one item"
        else:
            why = (
                f"the buyer's annual total would reach RMB {_fmt(after)}, over RMB {_fmt(per_year)} "
                f"(RMB {_fmt(order.annual_total)} before this order)"
            )
        refusals.append(
            Reason("CN-C4", f"Not allowed as CBEC: {why}; the whole order goes to general trade.")
        )
        return build_quote(order, CBEC, NOT_ALLOWED, None, refusals, _alternatives(postal, None))

    share = c["share"]
    taxes = []
    for pl, line in zip(order.lines, found, strict=True):
        duty_rate, vat_rate, ct_rate, ct_overridden = _rates_for(line, pl.item)
        line_reasons: list[Reason] = []
        if line.remark:
            line_reasons.append(Reason("CN-C8", line.remark))
        value = pl.value
        duty = value * duty_rate if treatment == FULL else ZERO
        if ct_rate and not ct_overridden and line.ct_kind in ("cosmetics", "watch"):
            unit_value = (value + duty) / pl.item.quantity
            if not _high_end(line.ct_kind, unit_value, pl.item.net_content, line_reasons):
                ct_rate = ZERO
        if line.ct_kind == "jewellery" and not ct_overridden:
            line_reasons.append(
                Reason(
                    "CN-C12",
                    "Gold and platinum jewellery: consumption tax is levied at retail, none at import.",
                )
            )
        duty, ct, vat = line_taxes(treatment, value, duty_rate, vat_rate, ct_rate, share)
        if pl.item.rates is not None:
            line_reasons.append(
                Reason("RULING", "Rates from the item's classification ruling override the data.")
            )
        taxes.append(
            LineTax(
                duty=_fen(duty),
                consumption_tax=_fen(ct),
                vat=_fen(vat),
                rates={"duty": str(duty_rate), "vat": str(vat_rate), "consumption_tax": str(ct_rate)},
                tariff={
                    "line": line.hs,
                    "description": line.description,
                    "source": line.source,
                    "effective_from": line.effective_from.isoformat(),
                },
                reasons=tuple(line_reasons),
            )
        )
    reasons.append(Reason("CN-C16", "Each tax computed per line and rounded half-up to the fen."))
    cbec_total = order.value_total + sum((t.duty + t.consumption_tax + t.vat for t in taxes), ZERO)
    alternatives = _alternatives(postal, trusted_money(cbec_total, order.currency))
    return build_quote(order, CBEC, treatment, taxes, reasons, alternatives)


def _alternatives(postal: ChannelOption, cbec_total: Money | None) -> tuple[ChannelOption, ...]:
    if not postal.allowed:
        return (postal,)
    cheaper = cbec_total is None or postal.total.amount < cbec_total.amount
    if cheaper == postal.cheaper:
        return (postal,)
    return (
        ChannelOption(
            postal.channel,
            postal.allowed,
            postal.treatment,
            postal.goods_value,
            postal.tax,
            postal.total,
            cheaper,
            postal.reasons,
        ),
    )


def assess_postal(order: PreparedOrder, found: list) -> ChannelOption:
    """Personal postal articles (CN-P1..P3): tax on the goods by category, RMB 50 waived, RMB 1,000 limit."""
    c = _constants()
    cur = order.currency
    goods = trusted_money(order.goods_total, cur)
    reasons: list[Reason] = []
    refused = False
    if order.on < c["postal_from"]:
        reasons.append(Reason("CN-P1", f"The postal articles rates in our data start on {c['postal_from']}."))
        refused = True
    for pl, line in zip(order.lines, found, strict=True):
        banned = tariff.banned_cn(pl.item.hs_code, order.on)
        if banned is not None:
            reasons.append(
                Reason("CN-C15", f"HS {pl.item.hs_code} ({banned.description}) may not be posted.")
            )
            refused = True
        elif line is None:
            reasons.append(Reason("CN-P1", f"HS {pl.item.hs_code}: no postal rate class in our data."))
            refused = True
    single_item = len(order.lines) == 1 and order.lines[0].item.quantity == 1
    if order.goods_total > c["postal_limit"]:
        if single_item:
            reasons.append(
                Reason(
                    "CN-P3",
                    f"Over RMB {_fmt(c['postal_limit'])} but a single indivisible item: may still be posted.",
                )
            )
        else:
            reasons.append(
                Reason(
                    "CN-P3",
                    f"Goods of RMB {_fmt(order.goods_total)} exceed the RMB "
                    f"{_fmt(c['postal_limit'])} limit per parcel.",
                )
            )
            refused = True
    if refused:
        return ChannelOption(POSTAL, False, NOT_ALLOWED, goods, None, None, False, tuple(reasons))
    tax = ZERO
    rates = c["postal_rates"]
    for pl, line in zip(order.lines, found, strict=True):
        klass = line.postal
        if klass in ("cosmetics", "watch"):
            klass = "50" if _high_end(line.ct_kind, pl.unit_price, pl.item.net_content, []) else "20"
        tax += pl.goods * rates[klass]
    tax = _fen(tax)
    reasons.append(
        Reason(
            "CN-P1",
            f"Postal articles tax RMB {_fmt(tax)} on goods of RMB "
            f"{_fmt(order.goods_total)} (13/20/50 % by category) — {c['postal_source']}.",
        )
    )
    if tax <= c["postal_waiver"]:
        reasons.append(Reason("CN-P2", f"Tax of RMB {_fmt(tax)} is RMB 50 or less: waived."))
        tax = CENT * 0
    total = trusted_money(order.value_total + tax, cur)
    return ChannelOption(POSTAL, True, FULL, goods, trusted_money(tax, cur), total, True, tuple(reasons))
