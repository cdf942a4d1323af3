"""A quote request, parsed strictly from JSON-shaped data: every amount a string, every field known."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from borderless.money.currencies import MINOR_UNITS
from borderless.trade import destinations

if TYPE_CHECKING:
    from borderless.trade.rate_card import RateCard

MAX_LINES = 500
MAX_QUANTITY = 100_000
MAX_AMOUNT = Decimal("1e12")
_AMOUNT = re.compile(r"^\d{1,13}(\.\d+)?$")
_RATE = re.compile(r"^\d{1,3}(\.\d{1,8})?$")
_HS_SEPARATORS = re.compile(r"[.\s-]")
_UNITS = {"ml": ("ml", 1), "l": ("ml", 1000), "g": ("g", 1), "kg": ("g", 1000), "piece": ("piece", 1),
          "pieces": ("piece", 1), "pcs": ("piece", 1), "pc": ("piece", 1)}  # fmt: skip
HS_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 98) if n != 77)


class InvalidRequest(ValueError):
    """The request cannot be quoted as given; the message says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class NetContent:
    value: Decimal  # in `unit`
    unit: str  # "ml", "g" or "piece" (litres and kilograms are converted)


@dataclass(frozen=True, slots=True)
class RateOverride:
    """A classification ruling for one item: these rates win over the tariff data."""

    duty: Decimal | None = None
    vat: Decimal | None = None
    consumption_tax: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RequestItem:
    hs_code: str  # digits only, 6 to 10 of them
    unit_price: Decimal  # in the request's currency
    quantity: int = 1
    description: str = ""
    net_content: NetContent | None = None
    rates: RateOverride | None = None
    weight_g: Decimal | None = None  # per unit; needed when the request gives no freight
    sku: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteRequest:
    destination: str  # ISO 3166 alpha-2
    items: tuple[RequestItem, ...]
    currency: str  # currency of every amount in the request
    date: date | None = None  # None: today (UTC)
    freight: Decimal | None = None  # None: the platform's default rate card, from the items' weights
    insurance: Decimal = Decimal(0)
    annual_total: Decimal = Decimal(0)  # the buyer's CBEC purchases so far this calendar year
    annual_total_currency: str | None = None  # None: `currency`
    fx_margin_bps: int = 0
    # The seller's own rates (brackets by zone and weight); None or no bracket: the platform's default card.
    freight_card: RateCard | None = None

    @classmethod
    def from_dict(cls, data: object) -> QuoteRequest:
        return parse_request(data)


def normalise_hs_code(value: object, where: str = "hs_code") -> str:
    if not isinstance(value, str):
        raise InvalidRequest(f'{where}: an HS code is a string such as "1702.20".')
    digits = _HS_SEPARATORS.sub("", value.strip())
    if not digits.isdigit() or not 6 <= len(digits) <= 10:
        raise InvalidRequest(f"{where}: {value!r} is not an HS code (6 to 10 digits, e.g. 1702.20).")
    if digits[:2] not in HS_CHAPTERS:
        raise InvalidRequest(f"{where}: HS chapter {digits[:2]} does not exist.")
    return digits


def check_destination(destination: str) -> str:
    """The regime key of a destination we quote (see `destinations`); a clear refusal for any other."""
    key = destinations.regime_key(destination)
    if key is None:
        import pycountry

        if pycountry.countries.get(alpha_2=destination) is None:
            raise InvalidRequest(f"destination: {destination!r} is not an ISO 3166 country code.")
        raise InvalidRequest(
            f"destination: no landed-cost rules for {destination} yet (we quote CN, EU, GB, AU, CA, JP)."
        )
    return key


def parse_amount(value: object, where: str, currency: str | None = None) -> Decimal:
    if isinstance(value, (bool, float)):
        raise InvalidRequest(
            f'{where}: give amounts as strings such as "300.00", not JSON numbers with decimals.'
        )
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise InvalidRequest(f'{where}: expected an amount as a string such as "300.00".')
    text = value.strip()
    if text.startswith("-"):
        raise InvalidRequest(f"{where}: amounts cannot be negative ({value!r}).")
    if not _AMOUNT.match(text):
        raise InvalidRequest(f'{where}: {value!r} is not a plain decimal amount such as "300.00".')
    amount = Decimal(text)
    if currency is not None:
        digits = MINOR_UNITS[currency]
        if -amount.as_tuple().exponent > digits:
            raise InvalidRequest(f"{where}: {value!r} has more than {digits} decimal places for {currency}.")
    if amount > MAX_AMOUNT:
        raise InvalidRequest(f"{where}: {value!r} is beyond any plausible order.")
    return amount


def _rate(value: object, where: str, below_one: bool = False) -> Decimal:
    if not isinstance(value, str | int) or isinstance(value, bool) or not _RATE.match(str(value).strip()):
        raise InvalidRequest(f'{where}: a rate is a decimal fraction as a string, e.g. "0.13" for 13 %.')
    rate = Decimal(str(value).strip())
    if below_one and rate >= 1:
        raise InvalidRequest(f'{where}: must be below 1 (it is a fraction, e.g. "0.15").')
    if rate > 10:
        raise InvalidRequest(f'{where}: {value!r} is not a plausible rate (fractions: "0.13" is 13 %).')
    return rate


def _object(value: object, where: str, allowed: set[str], required: set[str] = frozenset()) -> dict:
    if not isinstance(value, dict):
        raise InvalidRequest(f"{where}: expected a JSON object.")
    unknown = set(value) - allowed
    if unknown:
        raise InvalidRequest(f"{where}: unknown field(s) {', '.join(sorted(map(str, unknown)))}.")
    missing = required - set(value)
    if missing:
        raise InvalidRequest(f"{where}: missing field(s) {', '.join(sorted(missing))}.")
    return value


def _currency(value: object, where: str) -> str:
    if not isinstance(value, str) or value not in MINOR_UNITS:
        raise InvalidRequest(f"{where}: {value!r} is not a currency we price in (ISO 4217, e.g. CNY, USD).")
    return value


_TOP = {"destination", "date", "currency", "freight", "insurance", "buyer", "items", "fx_margin_bps"}
_ITEM = {"hs_code", "description", "unit_price", "quantity", "net_content", "rates", "weight_g", "sku"}


def parse_request(data: object) -> QuoteRequest:
    data = _object(data, "request", _TOP, {"destination", "currency", "items"})
    items = data["items"]
    if not isinstance(items, list) or not items:
        raise InvalidRequest("items: expected a non-empty list of items.")
    if len(items) > MAX_LINES:
        raise InvalidRequest(f"items: {len(items)} lines; a quote takes at most {MAX_LINES}.")
    destination = data["destination"]
    if not isinstance(destination, str) or not re.fullmatch(r"[A-Z]{2}", destination):
        raise InvalidRequest('destination: expected an ISO 3166 country code in capitals, e.g. "CN".')
    check_destination(destination)
    currency = _currency(data["currency"], "currency")
    on = None
    if data.get("date") is not None:
        if not isinstance(data["date"], str):
            raise InvalidRequest('date: expected an ISO date string, e.g. "2026-11-25".')
        try:
            on = date.fromisoformat(data["date"])
        except ValueError:
            raise InvalidRequest(f"date: {data['date']!r} is not an ISO date (YYYY-MM-DD).") from None
        if not date(2000, 1, 1) <= on <= date(2100, 12, 31):
            raise InvalidRequest(f"date: {on} is outside the years we can quote.")
    freight = None if data.get("freight") is None else parse_amount(data["freight"], "freight", currency)
    insurance = Decimal(0)
    if data.get("insurance") is not None:
        insurance = parse_amount(data["insurance"], "insurance", currency)
    annual_total, annual_currency = Decimal(0), None
    if data.get("buyer") is not None:
        buyer = _object(data["buyer"], "buyer", {"annual_total", "currency"})
        if "currency" in buyer:
            annual_currency = _currency(buyer["currency"], "buyer.currency")
        if buyer.get("annual_total") is not None:
            annual_total = parse_amount(
                buyer["annual_total"], "buyer.annual_total", annual_currency or currency
            )
    margin = data.get("fx_margin_bps", 0)
    if type(margin) is not int or not 0 <= margin <= 10_000:
        raise InvalidRequest("fx_margin_bps: expected a whole number of basis points from 0 to 10000.")
    parsed = tuple(_parse_item(item, f"items[{i}]", currency) for i, item in enumerate(items))
    if freight is None and any(item.weight_g is None for item in parsed):
        raise InvalidRequest(
            "freight: give the freight, or a weight_g on every item for the default rate card."
        )
    return QuoteRequest(
        destination, parsed, currency, on, freight, insurance, annual_total, annual_currency, margin
    )


def _parse_item(data: object, where: str, currency: str) -> RequestItem:
    data = _object(data, where, _ITEM, {"hs_code", "unit_price"})
    hs_code = normalise_hs_code(data["hs_code"], f"{where}.hs_code")
    unit_price = parse_amount(data["unit_price"], f"{where}.unit_price", currency)
    quantity = data.get("quantity", 1)
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:
        raise InvalidRequest(f"{where}.quantity: expected a whole number from 1 to {MAX_QUANTITY}.")
    description = data.get("description", "")
    if not isinstance(description, str) or len(description) > 500:
        raise InvalidRequest(f"{where}.description: expected text of at most 500 characters.")
    net_content = None
    if data.get("net_content") is not None:
        nc = _object(data["net_content"], f"{where}.net_content", {"value", "unit"}, {"value", "unit"})
        unit = _UNITS.get(str(nc["unit"]).strip().lower()) if isinstance(nc["unit"], str) else None
        if unit is None:
            raise InvalidRequest(f"{where}.net_content.unit: expected one of ml, l, g, kg, piece.")
        value = parse_amount(nc["value"], f"{where}.net_content.value")
        if value <= 0:
            raise InvalidRequest(f"{where}.net_content.value: must be greater than zero.")
        net_content = NetContent(value * unit[1], unit[0])
    rates = None
    if data.get("rates") is not None:
        r = _object(data["rates"], f"{where}.rates", {"duty", "vat", "consumption_tax"})
        rates = RateOverride(
            duty=_rate(r["duty"], f"{where}.rates.duty") if r.get("duty") is not None else None,
            vat=_rate(r["vat"], f"{where}.rates.vat", True) if r.get("vat") is not None else None,
            consumption_tax=(
                _rate(r["consumption_tax"], f"{where}.rates.consumption_tax", True)
                if r.get("consumption_tax") is not None
                else None
            ),
        )
    weight_g = None
    if data.get("weight_g") is not None:
        weight_g = parse_amount(data["weight_g"], f"{where}.weight_g")
    sku = data.get("sku")
    if sku is not None and (not isinstance(sku, str) or len(sku) > 100):
        raise InvalidRequest(f"{where}.sku: expected text of at most 100 characters.")
    try:
        return RequestItem(hs_code, unit_price, quantity, description, net_content, rates, weight_g, sku)
    except InvalidOperation:  # pragma: no cover - the regexes above admit only valid decimals
        raise InvalidRequest(f"{where}: invalid number.") from None
