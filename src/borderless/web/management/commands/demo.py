"""`borderless demo`: prepare the database with demo data (idempotent), print the logins, and serve."""

from django.core.management.base import BaseCommand

from borderless.web.management.commands.serve import prepare, run_gunicorn, start_worker


class Command(BaseCommand):
    help = "Load the demo data (once) and serve Borderless."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--load-only", action="store_true", help="load the data and exit without serving")

    def handle(self, *args, **options):
        from borderless.demo import load_demo
        from borderless.search.services import refresh_index

        prepare(self.stdout)
        summary = load_demo(stdout=self.stdout)
        refresh_index()
        self.stdout.write(
            "Demo data " + ("loaded." if summary.created else "already present: nothing changed.")
        )
        base = f"http://{options['host']}:{options['port']}"
        self.stdout.write("")
        self.stdout.write(f"Storefront (Chinese):   {base}/")
        self.stdout.write(f"Seller centre:          {base}/seller/")
        self.stdout.write(f"Operations console:     {base}/ops/sellers/   Django admin: {base}/admin/")
        self.stdout.write(f"API docs:               {base}/api/v1/docs")
        self.stdout.write("")
        self.stdout.write("Log in at " + f"{base}/login/ as:")
        for role, email, password in summary.logins:
            self.stdout.write(f"  {role}\n      {email}   password: {password}")
        self.stdout.write("")
        self.stdout.flush()
        if not options["load_only"]:
            start_worker()  # payments' webhooks, reservation expiry and payouts run beside the server
            run_gunicorn(options["host"], options["port"], workers=2, threads=4)
