"""Tariff and rule data shipped in `trade/data/`: loaded once, looked up by longest HS prefix and date."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class TariffLine:
    hs: str  # the prefix this row covers: 6 digits (a subheading) or 8 (a Chinese national line)
    description: str
    duty: Decimal
    vat: Decimal
    consumption_tax: Decimal
    ct_kind: str  # "", "cosmetics", "watch", "alcohol", "jewellery"
    postal: str  # "13", "20", "50", "cosmetics", "watch"
    cbec_list: bool
    remark: str
    effective_from: date
    effective_to: date | None
    source: str

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


@dataclass(frozen=True, slots=True)
class BannedPrefix:
    hs: str
    description: str
    effective_from: date
    effective_to: date | None
    source: str

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


def _read_csv(name: str) -> list[dict[str, str]]:
    text = resources.files("borderless.trade").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(rows))))


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def cn_tariff() -> dict[str, tuple[TariffLine, ...]]:
    index: dict[str, list[TariffLine]] = {}
    for row in _read_csv("cn_tariff.csv"):
        line = TariffLine(
            hs=row["hs"],
            description=row["description"],
            duty=Decimal(row["duty"]),
            vat=Decimal(row["vat"]),
            consumption_tax=Decimal(row["consumption_tax"]),
            ct_kind=row["ct_kind"],
            postal=row["postal"],
            cbec_list=row["cbec_list"] == "true",
            remark=row["remark"],
            effective_from=date.fromisoformat(row["effective_from"]),
            effective_to=_date(row["effective_to"]),
            source=row["source"],
        )
        index.setdefault(line.hs, []).append(line)
    return {hs: tuple(lines) for hs, lines in index.items()}


@cache
def cn_banned() -> dict[str, tuple[BannedPrefix, ...]]:
    index: dict[str, list[BannedPrefix]] = {}
    for row in _read_csv("cn_banned_by_parcel.csv"):
        entry = BannedPrefix(
            row["hs"],
            row["description"],
            date.fromisoformat(row["effective_from"]),
            _date(row["effective_to"]),
            row["source"],
        )
        index.setdefault(entry.hs, []).append(entry)
    return {hs: tuple(entries) for hs, entries in index.items()}


@cache
def rules() -> dict:
    return json.loads(resources.files("borderless.trade").joinpath("data", "rules.json").read_text("utf-8"))


@cache
def freight_card() -> dict:
    text = resources.files("borderless.trade").joinpath("data", "freight_card.json").read_text("utf-8")
    return json.loads(text)


@lru_cache(maxsize=4096)
def lookup_cn(hs_code: str, on: date) -> TariffLine | None:
    """The row in force on `on` with the longest HS prefix of `hs_code` (8-digit line before HS6).

    A code shorter than our rows (say "170220" when only 8-digit lines exist) matches when every row under
    it agrees on the rates; otherwise None, so the caller asks for the full national line.
    """
    index = cn_tariff()
    for length in range(len(hs_code), 5, -1):
        for line in index.get(hs_code[:length], ()):
            if line.in_force(on):
                return line
    below = [
        line for hs, lines in index.items() if hs.startswith(hs_code) for line in lines if line.in_force(on)
    ]
    if below and all(_same_rates(below[0], other) for other in below[1:]):
        return below[0]
    return None


def _same_rates(a: TariffLine, b: TariffLine) -> bool:
    return (a.duty, a.vat, a.consumption_tax, a.ct_kind, a.postal, a.cbec_list) == (
        b.duty,
        b.vat,
        b.consumption_tax,
        b.ct_kind,
        b.postal,
        b.cbec_list,
    )


@lru_cache(maxsize=4096)
def banned_cn(hs_code: str, on: date) -> BannedPrefix | None:
    index = cn_banned()
    for length in range(len(hs_code), 1, -1):
        for entry in index.get(hs_code[:length], ()):
            if entry.in_force(on):
                return entry
    return None
