"""The `borderless` command: Django's management commands, plus serve and demo."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:2] == ["quote"] or argv[1:3] == ["fx", "import"]:
        # Plain-Python commands: no settings, no database.
        from borderless.trade.cli import main as trade_main

        sys.exit(trade_main(argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    from django.core.management import execute_from_command_line

    argv[0] = "borderless"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
