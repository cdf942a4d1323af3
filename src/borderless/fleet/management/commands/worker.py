"""`borderless worker`: the Huey consumer of every background job (settings.HUEY: SQLite or Redis).

Beside the scheduler in fleet, the one domain that imports every domain's jobs (`borderless.tasks`)."""

from huey.contrib.djhuey.management.commands.run_huey import Command as RunHuey


class Command(RunHuey):
    help = "Run the background workers: outbox deliveries, refunds, periodic jobs (expiry, reconciliation)."

    def handle(self, *args, **options):
        from django.core.management import call_command
        from huey.contrib.djhuey import HUEY

        call_command("check", tags=["fleet"], fail_level="ERROR")

        import borderless.tasks  # noqa: F401  (registers the platform's periodic jobs)
        from borderless.events.tasks import deliver_outbox

        if HUEY.immediate:
            HUEY.immediate = False  # a worker consumes the queue; it never runs tasks in the caller
        # Whatever a previous worker left undelivered (killed mid-delivery) goes out first.
        deliver_outbox()
        super().handle(*args, **options)
