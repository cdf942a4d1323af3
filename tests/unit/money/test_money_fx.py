import io
import zipfile
from datetime import date, datetime, timedelta
from decimal import Context
from decimal import Decimal as D

import pytest
from currency_converter import CURRENCY_FILE

from borderless.money import CurrencyMismatch, Money, UnknownCurrency, fx
from borderless.money.fx import FxError, FxRate, get_rate
from borderless.trade.cli import fx_import_main

# A date well inside the shipped history, so that a newer imported file cannot change the figures.
# ECB 2024-06-14: USD 1.0686, CNY 7.7529, JPY 167.8 (twelve significant digits kept for cross rates).
FRIDAY = date(2024, 6, 14)


def test_rate_is_the_ecb_cross_rate_through_eur_as_decimal():
    rate = get_rate("USD", "CNY", FRIDAY)
    assert rate.reference_rate == Context(prec=12).divide(D("7.7529"), D("1.0686"))
    assert rate.reference_rate == D("7.25519371140")
    assert isinstance(rate.rate, D)
    assert rate.date == FRIDAY
    assert rate.source == "ECB euro foreign exchange reference rates"
    assert rate.stale is False


def test_weekend_uses_the_latest_rate_published_before():
    rate = get_rate("USD", "CNY", date(2024, 6, 16))  # a Sunday
    assert rate.date == FRIDAY
    assert rate.reference_rate == get_rate("USD", "CNY", FRIDAY).reference_rate


def test_a_datetime_is_taken_as_its_date():
    assert get_rate("USD", "CNY", datetime(2024, 6, 14, 23, 59)).date == FRIDAY


def test_eur_base_and_identity():
    assert get_rate("EUR", "USD", FRIDAY).reference_rate == D("1.0686")
    same = get_rate("CNY", "CNY", FRIDAY)
    assert same.rate == 1 and same.stale is False


def test_margin_is_applied_and_shown_apart():
    plain = get_rate("USD", "CNY", FRIDAY)
    loaded = get_rate("USD", "CNY", FRIDAY, margin_bps=150)
    assert loaded.reference_rate == plain.reference_rate
    assert loaded.rate == Context(prec=12).multiply(plain.reference_rate, D("1.015"))
    assert loaded.as_dict()["margin_bps"] == 150
    assert loaded.as_dict()["reference_rate"] != loaded.as_dict()["rate"]


def test_convert_rounds_to_the_quote_currency():
    rate = get_rate("USD", "JPY", FRIDAY)
    converted = rate.convert(Money(D("10.00"), "USD"))
    assert converted.currency == "JPY"
    assert converted.amount == (D("10.00") * rate.rate).quantize(D(1))
    assert converted.amount.as_tuple().exponent == 0
    with pytest.raises(CurrencyMismatch):
        rate.convert(Money(D("1"), "CNY"))


def test_stale_when_more_than_seven_days_after_the_last_publication():
    last = fx.last_published()
    assert get_rate("USD", "CNY", last + timedelta(days=7)).stale is False
    eight = get_rate("USD", "CNY", last + timedelta(days=8))
    assert eight.stale is True
    assert eight.date == last


def test_as_dict_round_trips():
    rate = get_rate("USD", "CNY", FRIDAY, margin_bps=25)
    data = rate.as_dict()
    assert data["date"] == "2024-06-14" and isinstance(data["rate"], str)
    assert FxRate.from_dict(data) == rate


def test_unknown_currency_and_dates_before_the_first_rate():
    with pytest.raises(UnknownCurrency):
        get_rate("USD", "XYZ", FRIDAY)
    with pytest.raises(FxError):
        get_rate("USD", "CNY", date(2001, 1, 1))  # the ECB publishes CNY from 2005
    with pytest.raises(ValueError):
        get_rate("USD", "CNY", FRIDAY, margin_bps=-1)


def _history_lines() -> list[str]:
    with zipfile.ZipFile(CURRENCY_FILE) as zf:
        return zf.read(zf.namelist()[0]).decode().splitlines()


@pytest.fixture
def var_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BORDERLESS_VAR_DIR", str(tmp_path / "var"))
    fx.reload()
    yield tmp_path / "var"
    fx.reload()


def test_fx_import_installs_a_newer_file_and_later_loads_prefer_it(var_dir, tmp_path):
    lines = _history_lines()
    header, latest = lines[0], lines[1]
    newer_day = date.fromisoformat(latest.split(",")[0]) + timedelta(days=14)
    cells = latest.split(",")
    usd_column = header.split(",").index("USD")
    cells[0], cells[usd_column] = newer_day.isoformat(), "1.2000"
    newer = tmp_path / "eurofxref-hist.csv"
    newer.write_text("\n".join([header, ",".join(cells), *lines[1:]]) + "\n")
    out, err = io.StringIO(), io.StringIO()
    assert fx_import_main([str(newer)], stdout=out, stderr=err) == 0, err.getvalue()
    assert (var_dir / "fx" / "eurofxref-hist.csv").is_file()
    assert fx.last_published() == newer_day
    assert get_rate("EUR", "USD", newer_day).reference_rate == D("1.2")
    assert fx.data_origin().endswith("eurofxref-hist.csv")


def test_fx_import_refuses_bad_files(var_dir, tmp_path):
    garbage = tmp_path / "rates.csv"
    garbage.write_text("hello,world\nnot,rates\n")
    broken_zip = tmp_path / "rates.zip"
    broken_zip.write_bytes(b"PK not really")
    older = tmp_path / "old.csv"
    older.write_text("\n".join(_history_lines()[:1] + _history_lines()[200:]) + "\n")
    daily = tmp_path / "eurofxref.csv"
    daily.write_text("\n".join(_history_lines()[:2]) + "\n")
    for path in (garbage, broken_zip, older, daily, tmp_path / "missing.csv", tmp_path / "rates.txt"):
        err = io.StringIO()
        assert fx_import_main([str(path)], stdout=io.StringIO(), stderr=err) == 2
        assert err.getvalue().startswith("borderless fx import: ")
        assert "Traceback" not in err.getvalue()
    assert not (var_dir / "fx" / "eurofxref-hist.csv").exists()
