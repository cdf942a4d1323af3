"""`borderless quote FILE|-` and `borderless fx import FILE`: plain Python, no database needed."""

from __future__ import annotations

import json
import sys
from typing import TextIO


def quote_main(
    argv: list[str], stdin: TextIO | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    if len(argv) != 1:
        stderr.write("usage: borderless quote FILE   (FILE '-' reads the JSON request from stdin)\n")
        return 2
    from borderless.trade import InvalidRequest, QuoteRequest, quote

    try:
        if argv[0] == "-":
            text = stdin.read()
        else:
            with open(argv[0], encoding="utf-8") as fh:
                text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        stderr.write(f"borderless quote: cannot read {argv[0]}: {exc}\n")
        return 2
    try:
        data = json.loads(text, parse_float=_refuse_float, parse_constant=_refuse_float)
        result = quote(QuoteRequest.from_dict(data))
    except InvalidRequest as exc:
        stderr.write(f"borderless quote: invalid request: {exc.message}\n")
        return 2
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, and integers too long to read
        stderr.write(f"borderless quote: not valid JSON: {exc}\n")
        return 2
    json.dump(result.as_dict(), stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0


def _refuse_float(text: str):
    from borderless.trade import InvalidRequest

    raise InvalidRequest(
        f'JSON number {text} has a fraction or exponent: give amounts as strings ("{text}").'
    )


def fx_import_main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if len(argv) != 1:
        stderr.write("usage: borderless fx import FILE   (an ECB eurofxref-hist .zip or .csv)\n")
        return 2
    from borderless.money.fx import InvalidRatesFile, import_rates

    try:
        target, last = import_rates(argv[0])
    except InvalidRatesFile as exc:
        stderr.write(f"borderless fx import: {exc}\n")
        return 2
    stdout.write(f"Imported ECB rates up to {last} into {target}.\n")
    return 0


def main(argv: list[str]) -> int:
    """argv after the program name: ["quote", FILE] or ["fx", "import", FILE]."""
    if argv[:1] == ["quote"]:
        return quote_main(argv[1:])
    if argv[:2] == ["fx", "import"]:
        return fx_import_main(argv[2:])
    sys.stderr.write("usage: borderless quote FILE | borderless fx import FILE\n")
    return 2
