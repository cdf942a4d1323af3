"""`borderless evidence verify BUNDLE.zip`: check an evidence bundle's chained manifest.

Exit status 0 when every file matches its SHA-256, the chain holds in order and nothing was added or dropped;
1 otherwise, with each problem printed. `--offline` skips looking the head up in this platform's record of
exported bundles (for a copy checked away from the platform's database)."""

from django.core.management.base import BaseCommand, CommandError

from borderless.trust.evidence import recorded_export, verify_bundle


class Command(BaseCommand):
    help = "Verify an evidence bundle: file hashes, the hash chain, and (unless --offline) our export record."

    def add_arguments(self, parser):
        parser.add_argument("action", help="verify")
        parser.add_argument("bundle", help="path of the bundle (zip)")
        parser.add_argument("--offline", action="store_true", help="do not check the export record")

    def handle(self, *args, **options):
        if options["action"] != "verify":
            raise CommandError(f"Unknown action {options['action']!r}: use verify.")
        result = verify_bundle(options["bundle"])
        if result.ok and not options["offline"]:
            export = recorded_export(result.head)
            if export is None:
                result.problems.append("the head hash matches no bundle this platform exported")
            else:
                self.stdout.write(
                    f"Exported for case {export.case.public_id} at {export.exported_at.isoformat()}."
                )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"The bundle does NOT verify ({len(result.problems)} problem(s)).", returncode=1
            )
        self.stdout.write(f"The bundle verifies: head {result.head}.")
