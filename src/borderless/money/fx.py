"""ECB euro reference rates, offline: the history shipped with `currencyconverter`, or a newer file imported.

Loaded once per process (first use, or `preload()`); every lookup after that is in memory. Rates are kept
as Decimal built from the file's text. Cross rates go through EUR; the rate for a date is the latest
published on or before it.
"""

from __future__ import annotations

import bisect
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Context, Decimal
from pathlib import Path

from borderless.money.core import CurrencyMismatch, Money
from borderless.money.currencies import MINOR_UNITS, QUANTA, UnknownCurrency

log = logging.getLogger(__name__)

SOURCE = "ECB euro foreign exchange reference rates"
STALE_AFTER = timedelta(days=7)
IMPORTED_NAMES = ("eurofxref-hist.zip", "eurofxref-hist.csv")
_RATE_CONTEXT = Context(prec=12)  # 12 significant digits: ECB publishes 5 or 6
_BPS = Decimal(10_000)


class FxError(ValueError):
    """No rate can be given (unknown currency, or a date before the currency's first rate)."""


class InvalidRatesFile(FxError):
    """A file offered to `import_rates` is not an ECB history we can use."""


@dataclass(frozen=True, slots=True)
class FxRate:
    base: str
    quote: str
    rate: Decimal  # quote units per base unit, margin applied
    reference_rate: Decimal  # the ECB cross rate, before margin
    margin_bps: int
    date: date  # ECB publication date used
    source: str
    stale: bool  # published more than 7 days before the date asked for
    requested_date: date | None = None

    def convert(self, money: Money) -> Money:
        if money.currency != self.base:
            raise CurrencyMismatch(f"This rate converts {self.base}, not {money.currency}.")
        return Money((money.amount * self.rate).quantize(QUANTA[self.quote], ROUND_HALF_UP), self.quote)

    def as_dict(self) -> dict:
        return {
            "base": self.base,
            "quote": self.quote,
            "rate": str(self.rate),
            "reference_rate": str(self.reference_rate),
            "margin_bps": self.margin_bps,
            "date": self.date.isoformat(),
            "requested_date": self.requested_date.isoformat() if self.requested_date else None,
            "source": self.source,
            "stale": self.stale,
        }

    @classmethod
    def from_dict(cls, data: dict) -> FxRate:
        """Rebuild a stored record (the one kept with a quote or an order)."""
        requested = data.get("requested_date")
        return cls(
            base=data["base"],
            quote=data["quote"],
            rate=Decimal(data["rate"]),
            reference_rate=Decimal(data["reference_rate"]),
            margin_bps=int(data["margin_bps"]),
            date=date.fromisoformat(data["date"]),
            source=data["source"],
            stale=bool(data["stale"]),
            requested_date=date.fromisoformat(requested) if requested else None,
        )


class _RateTable:
    """Per currency: sorted publication dates and the EUR rate on each (1 EUR = rate units)."""

    def __init__(self, rates: dict[str, dict[date, Decimal | None]], origin: str) -> None:
        self.origin = origin
        self.dates: dict[str, list[date]] = {}
        self.values: dict[str, list[Decimal]] = {}
        for currency, by_date in rates.items():
            published = sorted((d, r) for d, r in by_date.items() if r is not None)
            if published:
                self.dates[currency] = [d for d, _ in published]
                self.values[currency] = [Decimal(str(r)) for _, r in published]
        self.last_date = max((d[-1] for d in self.dates.values()), default=None)

    def eur_rate(self, currency: str, on: date) -> tuple[Decimal, date]:
        if currency == "EUR":
            return Decimal(1), on
        dates = self.dates.get(currency)
        if dates is None:
            raise FxError(f"The ECB publishes no rate for {currency}.")
        i = bisect.bisect_right(dates, on) - 1
        if i < 0:
            raise FxError(f"No ECB rate for {currency} on or before {on} (first: {dates[0]}).")
        return self.values[currency][i], dates[i]


_lock = threading.Lock()
_table: _RateTable | None = None
_rate_cache: dict[tuple, FxRate] = {}


def var_dir() -> Path:
    return Path(os.environ.get("BORDERLESS_VAR_DIR") or "var")


def imported_file() -> Path | None:
    for name in IMPORTED_NAMES:
        path = var_dir() / "fx" / name
        if path.is_file():
            return path
    return None


def _load_file(path: str) -> dict:
    from currency_converter import CurrencyConverter

    # decimal=True: the converter builds Decimal from the file's text, so no float ever holds a rate.
    converter = CurrencyConverter(path, decimal=True, fallback_on_missing_rate=False)
    return converter._rates  # {currency: {date: Decimal | None}}; None marks days without publication


def _load() -> _RateTable:
    from currency_converter import CURRENCY_FILE

    path = imported_file()
    if path is not None:
        try:
            return _RateTable(_load_file(str(path)), origin=str(path))
        except Exception as exc:  # a damaged import must not stop pricing: fall back to the shipped history
            log.warning("Imported ECB file %s unusable (%s); using the packaged history.", path, exc)
    return _RateTable(_load_file(CURRENCY_FILE), origin="currencyconverter package")


def _get_table() -> _RateTable:
    global _table
    table = _table
    if table is None:
        with _lock:
            if _table is None:
                _table = _load()
            table = _table
    return table


def preload() -> None:
    """Load the rates now (at process start), so that no request pays for it."""
    _get_table()


def reload() -> None:
    """Forget the loaded rates; the next lookup reads the files again (after an import)."""
    global _table
    with _lock:
        _table = None
        _rate_cache.clear()


def last_published() -> date | None:
    return _get_table().last_date


def data_origin() -> str:
    return _get_table().origin


def get_rate(base: str, quote: str, on: date | None = None, margin_bps: int = 0) -> FxRate:
    """Units of `quote` per unit of `base` on `on` (default: today, UTC), with an optional margin.

    The margin raises the rate by margin_bps / 10,000: the buyer converting into `quote` pays it.
    """
    if on is None:
        on = datetime.now(UTC).date()
    elif isinstance(on, datetime):
        on = on.date()  # a datetime would not compare with the publication dates
    key = (base, quote, on, margin_bps)
    cached = _rate_cache.get(key)
    if cached is not None:
        return cached
    for code in (base, quote):
        if code not in MINOR_UNITS:
            raise UnknownCurrency(f"Unknown currency {code!r} (expected an ISO 4217 code such as CNY).")
    if type(margin_bps) is not int or not 0 <= margin_bps <= 10_000:
        raise ValueError("margin_bps must be an int from 0 to 10000.")
    if base == quote:
        rate = FxRate(base, quote, Decimal(1), Decimal(1), margin_bps, on, SOURCE, False, on)
    else:
        table = _get_table()
        base_eur, base_date = table.eur_rate(base, on)
        quote_eur, quote_date = table.eur_rate(quote, on)
        used = min(base_date, quote_date)
        reference = _RATE_CONTEXT.divide(quote_eur, base_eur)
        with_margin = _RATE_CONTEXT.multiply(reference, 1 + Decimal(margin_bps) / _BPS)
        rate = FxRate(
            base,
            quote,
            with_margin.normalize(_RATE_CONTEXT),
            reference.normalize(_RATE_CONTEXT),
            margin_bps,
            used,
            SOURCE,
            on - used > STALE_AFTER,
            on,
        )
    if len(_rate_cache) > 10_000:
        _rate_cache.clear()
    _rate_cache[key] = rate
    return rate


def import_rates(path: str | Path) -> tuple[Path, date]:
    """Check an ECB history file (zip or csv) and install it under <var dir>/fx/; later loads prefer it.

    Returns where it went and its last publication date. Raises InvalidRatesFile with a clear message.
    """
    source = Path(path)
    if not source.is_file():
        raise InvalidRatesFile(f"{source}: no such file.")
    suffix = source.suffix.lower()
    if suffix not in (".zip", ".csv"):
        raise InvalidRatesFile(f"{source}: expected an ECB history file ending in .zip or .csv.")
    try:
        table = _RateTable(_load_file(str(source)), origin=str(source))
    except Exception as exc:
        raise InvalidRatesFile(
            f"{source}: not an ECB reference-rate file ({exc.__class__.__name__}: {exc})."
        ) from exc
    for code in ("USD", "CNY"):
        if code not in table.dates:
            raise InvalidRatesFile(
                f"{source}: no {code} rates; expected the ECB euro reference-rate history."
            )
    if any(v <= 0 for values in table.values.values() for v in values):
        raise InvalidRatesFile(f"{source}: holds a rate that is zero or negative.")
    current_table = _get_table()
    current = current_table.last_date
    ours, theirs = current_table.dates.get("USD", [None])[0], table.dates["USD"][0]
    if ours is not None and theirs > ours:
        raise InvalidRatesFile(
            f"{source}: starts on {theirs}, ours on {ours}: import the full history (eurofxref-hist), "
            "not a daily file."
        )
    if current is not None and table.last_date < current:
        raise InvalidRatesFile(
            f"{source}: its last rates are of {table.last_date}, older than those in use ({current}); "
            "not imported."
        )
    target_dir = var_dir() / "fx"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"eurofxref-hist{suffix}"
    tmp = target.with_suffix(target.suffix + ".part")
    tmp.write_bytes(source.read_bytes())
    os.replace(tmp, target)  # atomic: a reader sees the old file or the new one
    for name in IMPORTED_NAMES:
        other = target_dir / name
        if other != target and other.exists():
            other.unlink()
    reload()
    return target, table.last_date
