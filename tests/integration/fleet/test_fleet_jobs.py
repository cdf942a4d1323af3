"""Periodic jobs run once per period however many workers fire them (ADR 1101)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command

import borderless.tasks  # noqa: F401  (registers every job)
from borderless.fleet import jobs
from borderless.fleet.models import JobRun
from support import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def counted():
    ran = []
    jobs.periodic("test.counted", 60)(lambda: ran.append(1) or len(ran))
    yield ran
    jobs.JOBS.pop("test.counted")


def test_a_job_fired_twice_in_one_period_runs_once(counted):
    assert jobs.run_once("test.counted", "2026-12-07T03:00:00+00:00") == 1
    assert jobs.run_once("test.counted", "2026-12-07T03:00:00+00:00") is None
    assert jobs.run_once("test.counted", "2026-12-07T03:01:00+00:00") == 2
    assert len(counted) == 2
    run = JobRun.objects.get(job="test.counted", period="2026-12-07T03:00:00+00:00")
    assert run.finished_at is not None and run.result == "1"


def test_periods_are_the_jobs_own_or_the_override(counted, settings):
    now = datetime(2026, 12, 7, 3, 14, 59, tzinfo=UTC)
    assert jobs.period_of(jobs.JOBS["test.counted"], now) == "2026-12-07T03:14:00+00:00"
    assert jobs.period_of(jobs.JOBS["payouts.run_payouts"], now) == "2026-12-07T03:00:00+00:00"
    settings.JOB_PERIOD_SECONDS = 5
    assert jobs.period_of(jobs.JOBS["payouts.run_payouts"], now) == "2026-12-07T03:14:55+00:00"


def test_the_scheduler_fires_each_job_once_per_period():
    last: dict[str, str] = {}
    now = datetime(2026, 12, 7, 3, 0, 30, tzinfo=UTC)
    first = jobs.due(now, last)
    assert {name for name, _ in first} == set(jobs.JOBS)
    assert jobs.due(now + timedelta(seconds=10), last) == []
    again = dict(jobs.due(now + timedelta(seconds=40), last))  # a new minute: the minute jobs only
    assert "orders.expire_unpaid_orders" in again and "payouts.auto_confirm" not in again


def test_every_periodic_job_of_the_platform_is_registered():
    expected = {
        "orders.expire_unpaid_orders",
        "payments.retry_outbox",
        "payments.retry_refunds",
        "payments.reconcile_yesterday",
        "payouts.auto_confirm",
        "payouts.run_payouts",
        "payouts.reconcile_transfers_yesterday",
        "trust.casework_deadlines",
        "trust.lapse_strikes",
        "logistics.cancel_late_orders",
        "logistics.deliver_released_orders",
        "translation.retry_translations",
        "conversations.retry_message_translations",
    }
    assert expected <= set(jobs.JOBS)


def test_the_scheduler_command_queues_every_job_and_each_runs_once(settings):
    settings.SCHEDULER_TICK_SECONDS = 0
    call_command("scheduler", ticks=2)  # the queue runs in the caller in tests
    runs = list(JobRun.objects.values_list("job", flat=True))
    assert sorted(runs) == sorted(set(runs))
    assert set(runs) >= {"payouts.run_payouts", "orders.expire_unpaid_orders", "payments.reconcile_yesterday"}
    assert JobRun.objects.filter(finished_at__isnull=True).count() == 0


def test_ten_workers_firing_the_same_period_at_once_run_it_once(on_postgres, counted):
    results = at_once(10, lambda i: jobs.run_once("test.counted", "2026-12-07T04:00:00+00:00"))
    assert [r for r in results if isinstance(r, Exception)] == []
    assert len(counted) == 1
    assert sorted(map(str, results)) == ["1"] + ["None"] * 9
    assert JobRun.objects.filter(job="test.counted").count() == 1
