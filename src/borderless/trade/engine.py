"""quote(request): convert to the destination's currency, share freight out, let the regime assess."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from borderless.money.core import Money, allocate
from borderless.money.currencies import QUANTA
from borderless.money.fx import FxError, get_rate
from borderless.trade.freight import default_freight, zone_for
from borderless.trade.rate_card import RateCard
from borderless.trade.regimes import regime_for
from borderless.trade.request import InvalidRequest, NetContent, QuoteRequest, RequestItem
from borderless.trade.result import PreparedLine, PreparedOrder, Quote, Reason

ZERO = Decimal(0)
SELLER_CARD = "Seller's rate card:"  # how the FREIGHT reason begins when the seller's own bracket was charged


def _today() -> date:
    return datetime.now(UTC).date()


def quote(request: QuoteRequest) -> Quote:
    """The landed cost of one order (one parcel) in the destination's currency, with its explanation."""
    regime = regime_for(request.destination)
    on = request.date or _today()
    cur = regime.currency_for(request.destination)
    q = QUANTA[cur]
    reasons: list[Reason] = []
    fx = None
    try:
        if request.currency != cur:
            fx = get_rate(request.currency, cur, on, request.fx_margin_bps)
            reasons.append(_fx_reason(fx))
        annual_cur = request.annual_total_currency or request.currency
        annual_fx = get_rate(annual_cur, cur, on) if annual_cur != cur else None
        freight_fx = None
        if request.freight is None:
            freight_fx = get_rate("USD", cur, on, request.fx_margin_bps) if cur != "USD" else None
    except FxError as exc:
        raise InvalidRequest(f"currency: {exc}") from None

    def conv(amount: Decimal, rate=fx) -> Decimal:
        if rate is None:
            return amount
        return (amount * rate.rate).quantize(q, ROUND_HALF_UP)

    lines = []
    goods_total = ZERO
    for item in request.items:
        unit_price = conv(item.unit_price)
        goods = unit_price * item.quantity
        goods_total += goods
        lines.append(PreparedLine(item, unit_price, goods))
    if request.freight is None:
        weight = sum((item.weight_g * item.quantity for item in request.items), ZERO)
        usd, reason = _freight_usd(request, weight)
        freight = conv(usd, freight_fx)
        reasons.append(reason)
    else:
        freight = conv(request.freight)
    insurance = conv(request.insurance)
    _share_out(lines, goods_total, freight, insurance, cur)
    order = PreparedOrder(
        destination=request.destination,
        currency=cur,
        on=on,
        lines=lines,
        goods_total=goods_total,
        freight=freight,
        insurance=insurance,
        value_total=goods_total + freight + insurance,
        annual_total=conv(request.annual_total, annual_fx),
        fx=fx,
        reasons=reasons,
    )
    return regime.assess(order)


def _freight_usd(request: QuoteRequest, weight: Decimal) -> tuple[Decimal, Reason]:
    """The seller's rate card where it has a bracket for the zone and weight; else the default card."""
    card = request.freight_card
    charge = card.charge(request.destination, weight) if card is not None else None
    if charge is not None:
        b = charge.bracket
        text = f"{SELLER_CARD} {charge.amount} USD for {weight} g ({b.zone}, up to {b.up_to_g} g)."
        return charge.amount, Reason("FREIGHT", text)
    usd = _default_freight(request.destination, weight).amount
    text = f"Default rate card: {usd} USD for {weight} g."
    if card is not None:
        zone = zone_for(request.destination)
        text = f"The seller's rate card has no rate for {zone} at {weight} g. {text}"
    return usd, Reason("FREIGHT", text)


def uses_seller_card(quote: Quote | None) -> bool:
    """True when the quote's freight came from the seller's own rate card (not the platform default)."""
    return quote is not None and any(
        r.rule == "FREIGHT" and r.message.startswith(SELLER_CARD) for r in quote.reasons
    )


@lru_cache(maxsize=4096)
def _default_freight(destination: str, weight_g: Decimal):
    return default_freight(destination, weight_g)


def _share_out(
    lines: list[PreparedLine], goods_total: Decimal, freight: Decimal, insurance: Decimal, cur: str
):
    """Freight and insurance to the lines in proportion to goods value (minor unit; rest to the largest)."""
    if len(lines) == 1:
        line = lines[0]
        line.freight, line.insurance = freight, insurance
        line.value = line.goods + freight + insurance
        return
    weights = [line.goods for line in lines] if goods_total > 0 else [Decimal(1)] * len(lines)
    freights = allocate(Money(freight, cur), weights) if freight else None
    insurances = allocate(Money(insurance, cur), weights) if insurance else None
    for i, line in enumerate(lines):
        line.freight = freights[i].amount if freights else ZERO
        line.insurance = insurances[i].amount if insurances else ZERO
        line.value = line.goods + line.freight + line.insurance


@lru_cache(maxsize=256)
def _fx_reason(fx) -> Reason:
    text = (
        f"1 {fx.base} = {fx.rate} {fx.quote} (ECB reference {fx.reference_rate} of {fx.date}"
        + (f", plus a {fx.margin_bps} bp margin" if fx.margin_bps else "")
        + ")"
    )
    if fx.stale:
        text += f"; the latest rate is more than 7 days older than {fx.requested_date}: stale"
    return Reason("FX", text + ".")


def landed_price_for_listing(
    destination: str,
    hs_code: str,
    unit_price_usd: Decimal,
    net_content: tuple[Decimal, str] | None,
    weight_g: Decimal,
    on: date | None = None,
    freight_card: RateCard | None = None,
) -> Quote:
    """One unit, the seller's card or the default freight, no prior annual total: a product card's price.

    No I/O after warm-up.

    `hs_code` as stored (dots allowed); `net_content` as (value, unit) with unit ml, l, g, kg or piece.
    Raises InvalidRequest for a code or unit that cannot be quoted.
    """
    from borderless.trade.request import _UNITS, normalise_hs_code

    content = None
    if net_content is not None:
        value, unit = net_content
        norm = _UNITS.get(unit)
        if norm is None:
            raise InvalidRequest(f"net_content unit {unit!r}: expected ml, l, g, kg or piece.")
        content = NetContent(Decimal(value) * norm[1], norm[0])
    item = RequestItem(
        normalise_hs_code(hs_code), Decimal(unit_price_usd), 1, "", content, None, Decimal(weight_g)
    )
    return quote(QuoteRequest(destination, (item,), "USD", on, freight_card=freight_card))


def preload() -> None:
    """Load rates and tariff data now (at process start), so that no request pays for the files."""
    from borderless.money import fx
    from borderless.trade import freight, tariff

    fx.preload()
    tariff.cn_tariff()
    tariff.cn_banned()
    tariff.rules()
    freight._card()
