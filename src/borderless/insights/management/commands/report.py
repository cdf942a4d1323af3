"""`borderless report impact --from YYYY-MM-DD --to YYYY-MM-DD --format pdf|html|csv --output FILE`

Also `borderless report export-facts --to YYYY-MM-DD --output DIR` (the Parquet export) and
`--parquet DIR` on `impact` to report from such an export with DuckDB instead of the database.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from borderless.insights import facts as facts_module
from borderless.insights import impact, services
from borderless.insights.period import Period, PeriodError


class Command(BaseCommand):
    help = "The Export Impact Report for a period (HTML, PDF or CSV), or the Parquet export of its facts."

    def add_arguments(self, parser):
        parser.add_argument("report", help="impact, or export-facts")
        parser.add_argument("--from", dest="start", help="first day, YYYY-MM-DD (UTC)")
        parser.add_argument("--to", dest="end", help="last day, YYYY-MM-DD (UTC), included")
        parser.add_argument("--format", dest="fmt", default="pdf", help="pdf (default), html or csv")
        parser.add_argument("--lang", default="en", help="en (default) or zh-hans (the Chinese edition)")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--parquet", help="read the facts from this Parquet export instead of the database"
        )

    def handle(self, *args, **options):
        try:
            if options["report"] == "impact":
                return self._impact(options)
            if options["report"] == "export-facts":
                return self._export(options)
        except (PeriodError, services.ReportError, ValueError, OSError) as exc:
            raise CommandError(str(exc)) from None
        raise CommandError(f"Unknown report {options['report']!r}: use impact or export-facts.")

    def _impact(self, options):
        period = Period.parse(options["start"], options["end"])
        services.check_request(options["fmt"], options["lang"])
        facts = None
        if options["parquet"]:
            facts = facts_module.read_parquet(Path(options["parquet"]))
        content = services.RENDERERS[options["fmt"]](impact.build(period, options["lang"], facts))
        self._write(content, options["output"])

    def _export(self, options):
        if not options["output"]:
            raise CommandError("export-facts: give the folder to write with --output DIR.")
        until = Period.parse(options["end"], options["end"]).ends_before if options["end"] else None
        folder = facts_module.export_parquet(facts_module.load_facts(until=until), Path(options["output"]))
        self.stdout.write(f"Wrote {folder / 'orders.parquet'} and {folder / 'refunds.parquet'}.")

    def _write(self, content: bytes, output: str | None) -> None:
        if output:
            Path(output).write_bytes(content)
            self.stderr.write(f"Wrote {output} ({len(content):,} bytes).")
        else:
            sys.stdout.buffer.write(content)
            sys.stdout.flush()
