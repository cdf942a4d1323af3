"""Weights and net contents as US sellers write them (lb, oz, fl oz, quarts), in grams and millilitres."""

import re
from decimal import Decimal, InvalidOperation

GRAMS_PER = {
    "g": Decimal("1"),
    "kg": Decimal("1000"),
    "lb": Decimal("453.59237"),
    "lbs": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}
MILLILITRES_PER = {
    "ml": Decimal("1"),
    "l": Decimal("1000"),
    "fl oz": Decimal("29.5735295625"),
    "pint": Decimal("473.176473"),
    "quart": Decimal("946.352946"),
    "gallon": Decimal("3785.411784"),
}
_NET_CONTENT = re.compile(
    r"(?<![\w.])(\d+(?:[.,]\d+)?)\s*-?\s*"
    r"(fl\.?\s*oz|fluid\s+ounces?|ounces?|oz|pounds?|lbs?|kilograms?|kg|grams?|g|millilit(?:er|re)s?|ml|"
    r"lit(?:er|re)s?|l|pints?|quarts?|qt|gallons?|gal|count|ct|pieces?|pcs|pack|capsules|softgels|tablets|gummies)"
    r"(?![\w])",
    re.IGNORECASE,
)
_UNIT_NAMES = {
    "fluid ounce": "fl oz",
    "fluid ounces": "fl oz",
    "ounce": "oz",
    "ounces": "oz",
    "pound": "lb",
    "pounds": "lb",
    "kilogram": "kg",
    "kilograms": "kg",
    "gram": "g",
    "grams": "g",
    "qt": "quart",
    "gal": "gallon",
}


def to_grams(value: str | Decimal, unit: str) -> Decimal:
    """'2', 'lb' → 907.2 g. ValueError for a unit that is not a weight or a value that is not a number."""
    unit = (unit or "").strip().lower()
    if unit not in GRAMS_PER:
        raise ValueError(f"'{unit}' is not a weight unit (g, kg, lb, oz).")
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"'{value}' is not a number.") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"'{value}' is not a weight.")
    return (amount * GRAMS_PER[unit]).quantize(Decimal("0.1"))


def _canonical_unit(raw: str) -> str:
    unit = re.sub(r"\s+", " ", raw.lower().replace(".", "")).strip()
    unit = _UNIT_NAMES.get(unit, unit)
    if unit.startswith("fl"):
        return "fl oz"
    if unit.startswith(("millilit",)):
        return "ml"
    if unit.startswith("lit"):
        return "l"
    return unit.rstrip("s") if unit in ("pints", "quarts", "gallons") else unit


def net_content(text: str) -> tuple[Decimal, str] | None:
    """The first size written in the text as (value, 'g' | 'ml' | 'piece'): '12 fl oz' → (354.9, 'ml'),
    '1 lb bag' → (453.6, 'g'), '60 capsules' → (60, 'piece'). None when no size is written."""
    for match in _NET_CONTENT.finditer(text or ""):
        amount = Decimal(match.group(1).replace(",", "."))
        if amount <= 0:
            continue
        unit = _canonical_unit(match.group(2))
        if unit in GRAMS_PER:
            return (amount * GRAMS_PER[unit]).quantize(Decimal("0.1")), "g"
        if unit in MILLILITRES_PER:
            return (amount * MILLILITRES_PER[unit]).quantize(Decimal("0.1")), "ml"
        return amount.quantize(Decimal("1")), "piece"
    return None
