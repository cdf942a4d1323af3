"""The carriers a parcel may travel with, from `data/carriers.json`, and their tracking-number formats.

Plain Python: no database. A tracking number is normalised (spaces and dashes out, letters upper-cased) before
it is checked and stored, so "9400 1118 ..." and "94001118..." are the same parcel.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "carriers.json"
ANY_FORMAT = re.compile(r"[0-9A-Z]{6,40}")


class UnknownCarrier(ValueError):
    pass


class BadTrackingNumber(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Carrier:
    code: str
    name: str
    name_zh: str
    tracking_formats: tuple[re.Pattern, ...]
    customs_logistics_code: str
    customs_logistics_name: str

    def check(self, tracking_number: str) -> str:
        """The normalised tracking number if it fits this carrier's format; BadTrackingNumber if not."""
        number = normalise(tracking_number)
        patterns = self.tracking_formats or (ANY_FORMAT,)
        if not any(p.fullmatch(number) for p in patterns):
            shown = ", ".join(p.pattern for p in self.tracking_formats) or "6 to 40 letters and digits"
            raise BadTrackingNumber(
                f"{number or 'An empty number'} is not a {self.name} tracking number ({shown})."
            )
        return number


def normalise(tracking_number: str) -> str:
    return re.sub(r"[\s-]+", "", tracking_number or "").upper()


@cache
def _registry() -> dict[str, Carrier]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))["carriers"]
    return {
        c["code"].lower(): Carrier(
            code=c["code"],
            name=c["name"],
            name_zh=c["name_zh"],
            tracking_formats=tuple(re.compile(p) for p in c["tracking_formats"]),
            customs_logistics_code=c["customs_logistics_code"],
            customs_logistics_name=c["customs_logistics_name"],
        )
        for c in raw
    }


def all_carriers() -> list[Carrier]:
    return list(_registry().values())


def get(code: str) -> Carrier:
    """The carrier by its code, in any case ("usps", "USPS"); UnknownCarrier otherwise."""
    try:
        return _registry()[(code or "").strip().lower()]
    except KeyError:
        known = ", ".join(c.code for c in all_carriers())
        raise UnknownCarrier(f"Unknown carrier {code!r}; one of: {known}.") from None


def choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in all_carriers()]


def customs_logistics(code: str) -> tuple[str, str]:
    """The carrier's China customs logistics code and name (CEB511 logisticsCode, logisticsName): the
    deployment's LOGISTICS_CUSTOMS_CODES first, then the data file ("" where not on file)."""
    from django.conf import settings

    carrier = get(code)
    override = getattr(settings, "LOGISTICS_CUSTOMS_CODES", {}).get(carrier.code, "")
    return (override or carrier.customs_logistics_code), carrier.customs_logistics_name
