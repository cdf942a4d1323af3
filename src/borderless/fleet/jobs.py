"""Periodic jobs that run once per period however many workers and schedulers fire them (ADR 1101).

A job is registered with its period. Whoever fires it (the Huey consumer's own clock in the embedded set-up,
`borderless scheduler` in a fleet, a scheduler restarted mid-period, two of them) calls `run_once`: it
inserts the row (job, period) into `fleet_jobrun`, and only the caller whose insert succeeds runs the job.
A worker killed during a run leaves the row unfinished; the next period's run does the work, since every job
works from the state it finds (what is due now), not from a list handed to it.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

log = logging.getLogger("borderless.fleet.jobs")


@dataclass(frozen=True)
class Job:
    name: str
    seconds: int  # the period
    run: Callable[[], object]

    def period_seconds(self) -> int:
        return settings.JOB_PERIOD_SECONDS or self.seconds


JOBS: dict[str, Job] = {}


def periodic(name: str, seconds: int | Callable[[], int]):
    """Register `fn` as the job `name`, run once per `seconds` (a number, or a function of the settings)."""

    def register(fn):
        period = seconds() if callable(seconds) else seconds
        JOBS[name] = Job(name=name, seconds=period, run=fn)
        return fn

    return register


def node_name() -> str:
    return settings.NODE_NAME or f"{socket.gethostname()}:{os.getpid()}"


def period_of(job: Job, now: datetime) -> str:
    seconds = job.period_seconds()
    start = int(now.timestamp()) // seconds * seconds
    return datetime.fromtimestamp(start, tz=UTC).isoformat(timespec="seconds")


def claim(job: Job, period: str) -> int | None:
    """The id of the new run when this caller won the period, else None (someone else has it)."""
    from borderless.fleet.models import JobRun

    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=job.name, period=period, node=node_name(), started_at=timezone.now()
            )
    except IntegrityError:
        return None
    return run.pk


def run_once(name: str, period: str | None = None) -> object | None:
    """Run the job `name` unless its period (by default the current one) already ran; its result, or None."""
    from borderless.fleet.models import JobRun

    job = JOBS[name]
    period = period or period_of(job, timezone.now())
    run_id = claim(job, period)
    if run_id is None:
        log.info("fleet job skipped job=%s period=%s node=%s (ran elsewhere)", name, period, node_name())
        return None
    # One line per run: the fleet test counts them across every worker's log.
    log.warning("fleet job ran job=%s period=%s node=%s", name, period, node_name())
    result = job.run()
    JobRun.objects.filter(pk=run_id).update(finished_at=timezone.now(), result=str(result)[:200])
    return result


def due(now: datetime, last: dict[str, str]) -> list[tuple[str, str]]:
    """The (job, period) pairs that began since `last` (job -> last period fired); `last` is updated."""
    fired = []
    for job in JOBS.values():
        period = period_of(job, now)
        if last.get(job.name) != period:
            last[job.name] = period
            fired.append((job.name, period))
    return fired


def periodic_job(name: str, schedule, seconds: int | Callable[[], int]):
    """A periodic job: registered here with its period, and a Huey periodic task (on `schedule`, a crontab
    matching the period) that runs it once per period. Calling the task runs `run_once(name)`."""
    from huey.contrib.djhuey import db_periodic_task

    def register(fn):
        periodic(name, seconds)(fn)

        def fire():
            return run_once(name)

        fire.__doc__ = fn.__doc__
        fire.__name__ = fn.__name__
        return db_periodic_task(schedule, name=name)(fire)

    return register
