"""`borderless report impact`: the three formats, the Chinese edition, and clear errors for bad input."""

import csv
import io
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from insights_support import busy_market

from borderless.insights.models import ReportSnapshot, SnapshotStatus
from borderless.insights.period import Period
from borderless.insights.services import ReportError, request_impact

pytestmark = pytest.mark.django_db


def span():
    today = timezone.now().date()
    return (today - timedelta(days=30)).isoformat(), today.isoformat()


@pytest.mark.parametrize(
    "fmt, magic", [("pdf", b"%PDF-"), ("html", b"<!doctype html>"), ("csv", b"section,key")]
)
def test_writes_each_format(tmp_path, fmt, magic, django_capture_on_commit_callbacks):
    busy_market(django_capture_on_commit_callbacks)
    start, end = span()
    out = tmp_path / f"impact.{fmt}"
    call_command("report", "impact", "--from", start, "--to", end, "--format", fmt, "--output", str(out))
    assert out.read_bytes().startswith(magic)


def test_chinese_edition_on_request(tmp_path):
    start, end = span()
    out = tmp_path / "impact.html"
    call_command("report", "impact", "--from", start, "--to", end, "--format", "html", "--lang", "zh-hans",
                 "--output", str(out))  # fmt: skip
    assert "出口影响报告" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2026-12-31", "--to", "2026-01-01"], "starts (2026-12-31) after it ends (2026-01-01)"),
        (["--from", "", "--to", "2026-01-01"], "Give both ends of the period"),
        (["--to", "2026-01-01"], "Give both ends of the period"),
        (["--from", "2026-02-30", "--to", "2026-03-01"], "expected a date as YYYY-MM-DD"),
        (["--from", "2026-01-01", "--to", "2026-12-31", "--format", "docx"], "Unknown format 'docx'"),
        (["--from", "2026-01-01", "--to", "2026-12-31", "--lang", "fr"], "Unknown language 'fr'"),
    ],
)
def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "impact.pdf"
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("report", "impact", *args, "--output", str(out))
    assert not out.exists()


def test_the_command_line_exits_non_zero_on_bad_input(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "borderless.cli", "report", "impact", "--from", "2026-12-31",
         "--to", "2026-01-01", "--format", "pdf", "--output", str(tmp_path / "x.pdf")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode != 0
    assert "after it ends" in done.stderr


def test_reports_are_built_by_the_task_and_cached_until_the_ledger_moves(django_capture_on_commit_callbacks):
    m = busy_market(django_capture_on_commit_callbacks)
    today = timezone.now().date()
    period = Period(today - timedelta(days=7), today)
    with django_capture_on_commit_callbacks(execute=True):
        first = request_impact(period, "csv", "en")
    first.refresh_from_db()
    assert first.status == SnapshotStatus.READY and bytes(first.content).startswith(b"section,key")
    assert request_impact(period, "csv", "en").pk == first.pk  # same books: the cached copy
    from insights_support import sell

    with django_capture_on_commit_callbacks(execute=True):
        sell(m, 1, ("ginseng", 1))  # a new payment posts to the ledger
        second = request_impact(period, "csv", "en")
    assert second.pk != first.pk and ReportSnapshot.objects.count() == 2
    with pytest.raises(ReportError):
        request_impact(period, "xls", "en")


def test_a_takedown_makes_a_new_report_though_the_ledger_did_not_move(django_capture_on_commit_callbacks):
    """A notice books nothing, so a copy keyed by the ledger alone would keep the old counterfeits figure."""
    from borderless.trust import takedowns
    from casework_support import STATEMENT, make_brand, png

    m = busy_market(django_capture_on_commit_callbacks)
    today = timezone.now().date()
    period = Period(today - timedelta(days=7), today)
    with django_capture_on_commit_callbacks(execute=True):
        first = request_impact(period, "csv", "en")
    brand = make_brand()
    product = next(iter(m.skus.values())).product
    takedowns.file_notice(
        brand.owner, brand.public_id, [product.public_id], "counterfeit", STATEMENT, [png()]
    )
    with django_capture_on_commit_callbacks(execute=True):
        second = request_impact(period, "csv", "en")
    second.refresh_from_db()
    assert second.pk != first.pk and second.ledger_mark == first.ledger_mark
    assert _headline(first, "takedowns") == "0" and _headline(second, "takedowns") == "1"


def _headline(snapshot: ReportSnapshot, key: str) -> str:
    snapshot.refresh_from_db()
    rows = csv.DictReader(io.StringIO(bytes(snapshot.content).decode()))
    return next(row["value"] for row in rows if row["section"] == "headline" and row["key"] == key)
