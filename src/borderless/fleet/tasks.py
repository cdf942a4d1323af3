"""The task that `borderless scheduler` puts on the queue for each job and period; a worker runs it."""

from huey.contrib.djhuey import db_task

from borderless.fleet.jobs import run_once


@db_task(name="fleet.run_job")
def run_job(name: str, period: str) -> object | None:
    import borderless.tasks  # noqa: F401  (registers every job)

    return run_once(name, period)
