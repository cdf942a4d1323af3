"""Input types shared by the routers: text a database can store, exact decimal amounts."""

import math
import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema


def _storable_text(value: str) -> str:
    # PostgreSQL cannot store NUL, and lone surrogates cannot be encoded: refuse them here, not with a 500.
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode.") from None
    return value


def Text(max_length: int, min_length: int = 0):  # noqa: N802 - reads like a type in schemas
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_storable_text)]


def _exact_decimal(places: int, max_integer_digits: int):
    pattern = re.compile(rf"-?\d{{1,{max_integer_digits}}}(\.\d{{1,{places}}})?")
    message = f'Give an exact amount with at most {places} decimals, as a string such as "12.50".'

    def parse(value):
        if isinstance(value, Decimal):
            value = format(value, "f")
        if isinstance(value, bool):
            raise ValueError(message)
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError(message)
            value = repr(value)  # the shortest text that round-trips: 12.5 stays 12.5, 0.1 stays 0.1
        if isinstance(value, int):
            value = str(value)
        if not isinstance(value, str) or not pattern.fullmatch(value.strip()):
            raise ValueError(message)
        amount = Decimal(value.strip())
        if amount < 0:
            raise ValueError("The amount must not be negative.")
        return amount

    return parse


def decimal_type(places: int, max_integer_digits: int, maximum: int):
    schema = {
        "anyOf": [
            {"type": "string", "pattern": rf"^\d{{1,{max_integer_digits}}}(\.\d{{1,{places}}})?$"},
            {"type": "number", "minimum": 0, "maximum": maximum},
        ],
        "example": "12.50" if places >= 2 else "12.5",
    }
    return Annotated[
        Decimal, BeforeValidator(_exact_decimal(places, max_integer_digits)), WithJsonSchema(schema)
    ]


# Money in and out of the API is a decimal string; JSON numbers are accepted only when exact.
MoneyAmount = decimal_type(places=2, max_integer_digits=7, maximum=1_000_000)
Quantity = decimal_type(places=3, max_integer_digits=7, maximum=1_000_000)
Weight = decimal_type(places=1, max_integer_digits=5, maximum=30_000)
