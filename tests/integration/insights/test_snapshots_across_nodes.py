"""Two web nodes asking for the same report at the same moment, and two workers building it at once: one
snapshot, built, and both answers are that snapshot (each thread is a node: its own database connection)."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from borderless.insights.models import ReportSnapshot, SnapshotStatus
from borderless.insights.period import Period
from borderless.insights.services import build_snapshot, request_impact

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(count, work):
    """`work()` in `count` threads released together; their answers, and any error raised."""
    barrier = threading.Barrier(count)
    answers, errors = [], []

    def run():
        try:
            barrier.wait(timeout=10)
            answers.append(work())
        except Exception as exc:  # reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers, errors


def _week():
    today = timezone.now().date()
    return Period(today - timedelta(days=7), today)


def test_two_nodes_asking_at_once_share_one_snapshot(on_postgres):
    period = _week()
    answers, errors = _at_once(4, lambda: request_impact(period, "csv", "en").pk)
    assert not errors, errors
    assert len(answers) == 4 and len(set(answers)) == 1
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.pk == answers[0] and snapshot.status == SnapshotStatus.READY
    assert bytes(snapshot.content).startswith(b"section,key")


def test_two_workers_building_one_snapshot_leave_it_ready_once(on_postgres):
    period = _week()
    snapshot = ReportSnapshot.objects.create(
        report="impact", period_start=period.start, period_end=period.end, lang="en", format="csv",
        ledger_mark=0, casework_mark="",
    )  # fmt: skip
    answers, errors = _at_once(2, lambda: build_snapshot(snapshot.pk))
    assert not errors, errors
    assert ReportSnapshot.objects.count() == 1
    snapshot.refresh_from_db()
    assert snapshot.status == SnapshotStatus.READY and snapshot.ready_at is not None
    assert {bytes(a.content) for a in answers} == {bytes(snapshot.content)}
