"""The seller's own freight rate card: read it, replace it. Its members only, and only their own card."""

from datetime import datetime
from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema

from borderless.api.auth import AUTH
from borderless.api.errors import AUTH_ERRORS, WRITE_ERRORS, Error
from borderless.api.fields import MoneyAmount
from borderless.catalog import rate_cards
from borderless.catalog.models import RateCard
from borderless.trade.rate_card import MAX_BRACKETS, MAX_WEIGHT_G, zones

seller_router = Router(tags=["seller"], auth=AUTH)

Zone = Literal[zones()]  # the platform default card's zones: CN, JP, EU (every member), GB, AU, CA


class BracketIn(Schema):
    zone: Zone
    up_to_g: int = Field(ge=1, le=MAX_WEIGHT_G, description="Parcels up to and including this weight (g).")
    base: MoneyAmount = Field(description="USD for the bracket's first kilogram above the previous bracket.")
    per_additional_kg: MoneyAmount = Field(
        Decimal("0.00"), description="USD for each started kilogram beyond that first one."
    )


class RateCardIn(Schema):
    """Replaces the whole card. Within a zone, brackets go strictly up in weight; [] leaves the default."""

    brackets: list[BracketIn] = Field(max_length=MAX_BRACKETS)

    model_config = {
        "json_schema_extra": {
            "example": {
                "brackets": [
                    {"zone": "CN", "up_to_g": 500, "base": "9.00", "per_additional_kg": "0.00"},
                    {"zone": "CN", "up_to_g": 5000, "base": "12.00", "per_additional_kg": "3.50"},
                ]
            }
        }
    }


class BracketOut(Schema):
    zone: str
    up_to_g: int
    base: str
    per_additional_kg: str


class RateCardOut(Schema):
    """The seller's brackets in USD; where none covers a parcel's zone and weight, the default card does."""

    currency: Literal["USD"] = "USD"
    version: int = Field(description="Grows with every change; 0 before the seller sets a card.")
    updated_at: datetime | None
    brackets: list[BracketOut]


def _out(card: RateCard | None) -> RateCardOut:
    if card is None:
        return RateCardOut(version=0, updated_at=None, brackets=[])
    return RateCardOut(
        version=card.version,
        updated_at=card.updated_at,
        brackets=[BracketOut(**row) for row in card.brackets],
    )


@seller_router.get("/rate-card", response={200: RateCardOut, AUTH_ERRORS: Error})
def get_rate_card(request: HttpRequest):
    """Your organisation's freight rate card."""
    return _out(rate_cards.rate_card_of(request.auth))


@seller_router.put("/rate-card", response={200: RateCardOut, WRITE_ERRORS: Error})
def put_rate_card(request: HttpRequest, payload: RateCardIn):
    """Replace your rate card. A bad bracket is a 422 naming it (`brackets[1].up_to_g`); nothing changes."""
    rows = [bracket.model_dump() for bracket in payload.brackets]
    return _out(rate_cards.set_rate_card(request.auth, rows))
