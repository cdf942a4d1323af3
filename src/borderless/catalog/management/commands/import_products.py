"""`borderless import_products FILE --seller EMAIL [--dry-run] [--no-publish]`

Imports a Shopify or WooCommerce product export for the seller the member with that e-mail works for,
exactly as the seller centre does (all or nothing, screened, Chinese translated in the background), and
prints the figures, each product's HS code and notes, or every problem with its line number.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from borderless.accounts.models import User
from borderless.trust import listings

MAX_BYTES = 20 * 1024 * 1024  # a file from disk may be larger than an upload


class Command(BaseCommand):
    help = "Import a Shopify or WooCommerce product export for a seller."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the export, a CSV file")
        parser.add_argument("--seller", required=True, help="e-mail of a member of the seller organisation")
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would be created; save nothing"
        )
        parser.add_argument("--no-publish", action="store_true", help="keep every product a draft")

    def handle(self, *args, **options):
        try:
            user = User.objects.get(email__iexact=options["seller"])
            raw = Path(options["file"]).read_bytes()
        except User.DoesNotExist:
            raise CommandError(f"No user {options['seller']!r}.") from None
        except OSError as exc:
            raise CommandError(str(exc)) from None
        report = listings.import_storefront_listings(
            user, raw, MAX_BYTES, dry_run=options["dry_run"], publish=not options["no_publish"]
        )
        if report.errors:
            for line, message in report.errors:
                self.stderr.write(f"line {line}: {message}" if line else message)
            raise CommandError(f"Nothing was imported: {len(report.errors)} problem(s).")
        for item in report.products:
            flags = f" [{'; '.join(item.hs_flags)}]" if item.hs_flags else ""
            self.stdout.write(
                f"lines {item.lines}: {item.title_en} · {item.skus} SKU(s) · HS {item.hs_code}{flags}"
            )
            for note in item.notes:
                self.stdout.write(f"    {note}")
        verb = "would be created" if report.dry_run else "created"
        self.stdout.write(
            f"{report.format}: {len(report.products)} products {verb}, {report.sku_count} SKUs, "
            f"{report.published} published, {report.flagged} with an HS code to check, "
            f"{report.images_fetched} images fetched, {report.images_left} left to upload."
        )
