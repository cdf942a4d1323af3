"""Prices one seller's lines with the landed-cost engine, as one CBEC transaction into China."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from borderless.catalog.models import Product, Sku
from borderless.catalog.rate_cards import freight_card
from borderless.orders.errors import CannotQuote
from borderless.trade import InvalidRequest, NetContent, Quote, QuoteRequest, RequestItem, quote
from borderless.trade.request import normalise_hs_code

DESTINATION = "CN"
CHINA_TIME = ZoneInfo("Asia/Shanghai")


def china_date(now: datetime | None = None) -> date:
    """The calendar day in China: the annual CBEC limit (CN-C2) runs by China's calendar year."""
    return (now or timezone.now()).astimezone(CHINA_TIME).date()


@dataclass(frozen=True, slots=True)
class PricedLine:
    sku: Sku  # with its product (and the product's seller) loaded
    quantity: int

    @property
    def product(self) -> Product:
        return self.sku.product


def request_item(line: PricedLine) -> RequestItem:
    product = line.product
    return RequestItem(
        hs_code=normalise_hs_code(product.hs_code),
        unit_price=line.sku.price_usd,
        quantity=line.quantity,
        description=product.title_en,
        net_content=NetContent(product.net_content_value, product.net_content_unit),
        weight_g=product.unit_weight_g,
        sku=line.sku.code,
    )


def quote_lines(lines: Sequence[PricedLine], annual_total_cny: Decimal, on: date) -> Quote:
    """One seller's lines (one parcel) in USD, freight by that seller's rate card (the default card where it
    has no bracket), with the buyer's prior CBEC total this year. Load SKUs with
    `select_related("product__seller__rate_card")`: the card comes with the seller, in the same query."""
    try:
        request = QuoteRequest(
            destination=DESTINATION,
            items=tuple(request_item(line) for line in lines),
            currency="USD",
            date=on,
            annual_total=annual_total_cny,
            annual_total_currency="CNY",
            fx_margin_bps=settings.FX_MARGIN_BPS,
            freight_card=freight_card(lines[0].product.seller) if lines else None,
        )
        return quote(request)
    except InvalidRequest as exc:
        raise CannotQuote(f"This order cannot be priced: {exc.message}") from None
