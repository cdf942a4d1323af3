"""Use cases of insights: render a report now (command line), or ask for it to be built off the request
path and cached (web), and read the cached copy."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from borderless.insights import impact, render_csv, render_html, render_pdf
from borderless.insights.facts import Facts
from borderless.insights.models import FORMATS, ReportSnapshot, SnapshotStatus
from borderless.insights.period import Period, PeriodError

LANGUAGES = ("en", "zh-hans")
RENDERERS = {"html": render_html.render, "pdf": render_pdf.render, "csv": render_csv.render}


class ReportError(ValueError):
    """A report that cannot be made as asked; the message says why."""


def check_request(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ReportError(f"Unknown format {fmt!r}: use one of {', '.join(FORMATS)}.")
    if lang not in LANGUAGES:
        raise ReportError(f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}.")


def render_impact(period: Period, fmt: str = "pdf", lang: str = "en", facts: Facts | None = None) -> bytes:
    check_request(fmt, lang)
    return RENDERERS[fmt](impact.build(period, lang, facts))


def ledger_mark() -> int:
    from borderless.insights.facts import reports_database
    from borderless.ledger.models import Transaction

    return Transaction.objects.using(reports_database()).aggregate(m=Max("id"))["m"] or 0


def casework_mark(period: Period) -> str:
    """The period's brand-protection counts: they change without the ledger (a notice books nothing)."""
    from borderless.insights import brand_protection

    stopped, taken_down = brand_protection.listings_stopped(period), brand_protection.takedowns(period)
    return "" if stopped is None or taken_down is None else f"{stopped}:{taken_down}"


def request_impact(period: Period, fmt: str, lang: str) -> ReportSnapshot:
    """The cached snapshot for this question, the ledger as it is now and the period's brand-protection
    counts; asked for (queued) if none."""
    check_request(fmt, lang)
    key = {"report": "impact", "period_start": period.start, "period_end": period.end, "lang": lang,
           "format": fmt, "ledger_mark": ledger_mark(), "casework_mark": casework_mark(period)}  # fmt: skip
    snapshot = ReportSnapshot.objects.filter(**key).first()
    if snapshot is not None and snapshot.status != SnapshotStatus.FAILED:
        return snapshot
    try:
        with transaction.atomic():
            if snapshot is not None:  # failed before: ask again
                snapshot.status, snapshot.error = SnapshotStatus.PENDING, ""
                snapshot.save(update_fields=["status", "error"])
            else:
                snapshot = ReportSnapshot.objects.create(**key)
            pk = snapshot.pk
            transaction.on_commit(lambda: _enqueue(pk))
    except IntegrityError:  # asked at the same moment by someone else: theirs is ours
        return ReportSnapshot.objects.get(**key)
    return snapshot


def _enqueue(pk: int) -> None:
    from borderless.insights.tasks import build_snapshot

    build_snapshot(pk)


def build_snapshot(pk: int) -> ReportSnapshot:
    """Render a pending snapshot (the task's body). A second run of a ready one does nothing."""
    snapshot = ReportSnapshot.objects.get(pk=pk)
    if snapshot.status == SnapshotStatus.READY:
        return snapshot
    try:
        period = Period(snapshot.period_start, snapshot.period_end)
        content = render_impact(period, snapshot.format, snapshot.lang)
    except (PeriodError, ReportError, ValueError) as exc:
        ReportSnapshot.objects.filter(pk=pk).update(status=SnapshotStatus.FAILED, error=str(exc)[:500])
        raise
    ReportSnapshot.objects.filter(pk=pk).update(
        status=SnapshotStatus.READY, content=content, ready_at=timezone.now()
    )
    snapshot.refresh_from_db()
    return snapshot
