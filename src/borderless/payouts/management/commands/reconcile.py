"""`borderless reconcile --date YYYY-MM-DD`: the provider's settlement file of that day against the ledger.

It lives in payouts, which sits above payments: it compares payments' settlements, and with
`--provider stripe_connect` payouts' own transfers."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borderless.payments.services import reconcile
from borderless.payouts.stripe_connect import reconcile_transfers


class Command(BaseCommand):
    help = "Compare a day's settlement file from the payment provider with the ledger; print the differences."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="the UTC day, YYYY-MM-DD (default: yesterday)")
        parser.add_argument(
            "--provider",
            help="default: settings.PAYMENT_PROVIDER; stripe_connect: the day's transfers against payouts",
        )

    def handle(self, *args, **options):
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date: expected YYYY-MM-DD, not {options['date']!r}.") from None
        else:
            day = (timezone.now() - timedelta(days=1)).date()
        if options["provider"] == "stripe_connect":
            report = reconcile_transfers(day)
        else:
            report = reconcile(day, options["provider"])
        self.stdout.write(
            f"{report.provider} {day}: {report.matched} matched, {len(report.differences)} differ"
        )
        for d in report.differences:
            self.stdout.write(
                f"  {d['problem']}: {d['kind']} {d['reference']} (payment {d['payment'] or '-'}): "
                f"settlement {d['settlement'] or '-'}, ledger {d['ledger'] or '-'}"
            )
        if report.differences:
            raise CommandError(
                f"{len(report.differences)} difference(s) between the settlement and the ledger."
            )
