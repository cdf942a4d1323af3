"""`borderless scheduler`: the fleet's one clock. Each period of each job, it queues one run of it."""

import signal
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = "Queue every periodic job once per period for the workers (run one or more; each job runs once)."

    def add_arguments(self, parser):
        parser.add_argument("--ticks", type=int, default=0, help="stop after this many ticks (0: never)")

    def handle(self, *args, **options):
        import borderless.tasks  # noqa: F401  (registers every job)
        from borderless.fleet import jobs
        from borderless.fleet.tasks import run_job

        call_command("check", tags=["fleet"], fail_level="ERROR")
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        last: dict[str, str] = {}
        self.stdout.write(f"Scheduler {jobs.node_name()}: {len(jobs.JOBS)} periodic jobs.")
        self.stdout.flush()
        ticks = 0
        while not stopping:
            for name, period in jobs.due(timezone.now(), last):
                run_job(name, period)
            ticks += 1
            if options["ticks"] and ticks >= options["ticks"]:
                break
            time.sleep(settings.SCHEDULER_TICK_SECONDS)
