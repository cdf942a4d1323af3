"""Landed cost: POST a quote request, get back what `borderless quote` prints for the same JSON.

The body is parsed by the engine's own parser (not by a Pydantic model), so the API and the CLI cannot
disagree on what a valid request is; the schema below only documents that contract for clients and docs.
"""

import json
import re

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import Router, Schema

from borderless.api.errors import ApiError, Error
from borderless.trade import InvalidRequest, QuoteRequest, quote
from borderless.trade.cli import _refuse_float  # the CLI's float refusal, so both answer alike
from borderless.trade.request import MAX_LINES, MAX_QUANTITY

router = Router(tags=["trade"])

# 500 lines with 500-character Chinese descriptions fit well inside; anything larger is not a quote.
MAX_BODY_BYTES = 2 * 1024 * 1024
# Engine messages start with the field they are about ("items[0].unit_price: ..."): that is the detail key.
_FIELD_PREFIX = re.compile(r"^([a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*): ")

# --- the request, as documentation (the engine's parser is the authority) ---

_AMOUNT = {
    "type": "string",
    "pattern": r"^\d{1,13}(\.\d+)?$",
    "description": "A decimal amount as a string, at most the currency's minor unit; never a JSON float.",
    "example": "300.00",
}
_RATE = {
    "type": "string",
    "pattern": r"^\d{1,3}(\.\d{1,8})?$",
    "description": 'A fraction as a string: "0.13" is 13 %.',
    "example": "0.13",
}
_CURRENCY = {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 code.", "example": "CNY"}
_ITEM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["hs_code", "unit_price"],
    "properties": {
        "hs_code": {
            "type": "string",
            "description": "6 to 10 digits; dots, spaces and dashes are ignored.",
            "example": "1702.20",
        },
        "description": {"type": "string", "maxLength": 500},
        "unit_price": _AMOUNT,
        "quantity": {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY, "default": 1},
        "net_content": {
            "type": "object",
            "additionalProperties": False,
            "required": ["value", "unit"],
            "properties": {
                "value": _AMOUNT,
                "unit": {"type": "string", "enum": ["ml", "l", "g", "kg", "piece", "pieces", "pcs", "pc"]},
            },
        },
        "rates": {
            "type": "object",
            "additionalProperties": False,
            "description": "A classification ruling: these rates win over the tariff data.",
            "properties": {"duty": _RATE, "vat": _RATE, "consumption_tax": _RATE},
        },
        "weight_g": {**_AMOUNT, "description": "Grams per unit; needed on every item without freight."},
        "sku": {"type": "string", "maxLength": 100},
    },
}
QUOTE_REQUEST_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["destination", "currency", "items"],
    "properties": {
        "destination": {
            "type": "string",
            "pattern": "^[A-Z]{2}$",
            "description": "ISO 3166 alpha-2 country (CN, EU members, GB, AU, CA, JP).",
            "example": "CN",
        },
        "date": {"type": "string", "format": "date", "description": "Defaults to today (UTC)."},
        "currency": {**_CURRENCY, "description": "ISO 4217 currency of every amount in the request."},
        "freight": {**_AMOUNT, "description": "Absent: the default rate card, from the items' weight_g."},
        "insurance": _AMOUNT,
        "buyer": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "annual_total": {**_AMOUNT, "description": "The buyer's CBEC purchases so far this year."},
                "currency": {**_CURRENCY, "description": "Currency of annual_total (default: currency)."},
            },
        },
        "items": {"type": "array", "minItems": 1, "maxItems": MAX_LINES, "items": _ITEM},
        "fx_margin_bps": {"type": "integer", "minimum": 0, "maximum": 10_000, "default": 0},
    },
    "example": {
        "destination": "CN",
        "date": "2026-11-25",
        "currency": "CNY",
        "freight": "50.00",
        "insurance": "0.00",
        "buyer": {"annual_total": "0.00"},
        "items": [
            {
                "hs_code": "1702.20",
                "description": "maple syrup",
                "unit_price": "300.00",
                "quantity": 1,
                "net_content": {"value": "250", "unit": "ml"},
                "rates": {"duty": "0.10", "vat": "0.13", "consumption_tax": "0"},
            }
        ],
    },
}

# --- the answer: exactly Quote.as_dict() ---


class QuoteReason(Schema):
    rule: str
    message: str


class QuoteLine(Schema):
    hs_code: str
    description: str
    sku: str | None
    quantity: int
    unit_price: str
    goods_value: str
    freight: str
    insurance: str
    dutiable_value: str
    duty: str | None
    consumption_tax: str | None
    vat: str | None
    total_tax: str | None
    total: str | None
    rates: dict[str, str] | None
    tariff: dict[str, str] | None
    reasons: list[QuoteReason]


class QuoteFx(Schema):
    base: str
    quote: str
    rate: str
    reference_rate: str
    margin_bps: int
    date: str
    requested_date: str
    source: str
    stale: bool


class QuoteChannel(Schema):
    channel: str
    allowed: bool
    treatment: str
    goods_value: str
    tax: str | None
    total: str | None
    cheaper: bool
    reasons: list[QuoteReason]


class QuoteOut(Schema):
    """Amounts are decimal strings in `currency`; taxes and totals are null when not allowed or unknown."""

    destination: str
    regime: str
    currency: str
    date: str
    treatment: str
    allowed: bool
    goods_value: str
    freight: str
    insurance: str
    dutiable_value: str
    duty: str | None
    consumption_tax: str | None
    vat: str | None
    total_tax: str | None
    total: str | None
    reasons: list[QuoteReason]
    lines: list[QuoteLine]
    fx: QuoteFx | None
    alternatives: list[QuoteChannel]


def _invalid(message: str) -> ApiError:
    match = _FIELD_PREFIX.match(message)
    field = match.group(1) if match and match.group(1) != "request" else "__all__"
    return ApiError(422, message, details={field: [message]})


def _body_text(request: HttpRequest) -> str:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    too_large = ApiError(413, f"The request body is over {MAX_BODY_BYTES // (1024 * 1024)} MB.")
    if declared > MAX_BODY_BYTES:
        raise too_large
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_large from None
    if len(body) > MAX_BODY_BYTES:
        raise too_large
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise _invalid("The request body is not UTF-8 text.") from None


@router.post(
    "/quotes",
    response={200: QuoteOut, frozenset({400, 413, 422}): Error},
    auth=None,
    summary="Quote the landed cost of one order",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": QUOTE_REQUEST_SCHEMA}},
        }
    },
)
def create_quote(request: HttpRequest):
    """Duty, taxes and total in the destination's currency, with the rule behind each figure.

    Same JSON in and out as `borderless quote FILE`. An order the destination refuses (e.g. over China's
    CBEC limits) is still a 200, with `allowed: false` and the reasons; an invalid request is a 422.
    """
    text = _body_text(request)
    try:
        data = json.loads(text, parse_float=_refuse_float, parse_constant=_refuse_float)
        return quote(QuoteRequest.from_dict(data)).as_dict()
    except InvalidRequest as exc:
        raise _invalid(exc.message) from None
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an integer too long to read
        raise _invalid(f"The request body is not valid JSON: {exc}") from None
