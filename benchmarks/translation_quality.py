"""Translation quality of the built-in offline translator on the labelled titles of tests/data/translation.

    .venv/bin/python benchmarks/translation_quality.py [--misses]

For each title: are all its key product terms (any of each term's spellings) in the Chinese title? Prints the
share on dev.csv (the titles the glossary was tuned on) and on heldout.csv (never tuned on: the figure that
counts). `--misses` lists the held-out titles that miss a term; do not tune the glossary on that list.
"""

import argparse
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "translation"


def evaluate(name: str):
    from borderless.translation.glossary import GlossaryTranslator

    translator = GlossaryTranslator()
    total, misses, terms, terms_found = 0, [], 0, 0
    with (DATA / name).open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            chinese = translator.translate_text(row["title_en"]).text
            wanted = [term.split("/") for term in row["key_terms"].split("|")]
            found = [any(a in chinese for a in term) for term in wanted]
            total += 1
            terms += len(found)
            terms_found += sum(found)
            if not all(found):
                misses.append(
                    (row["title_en"], chinese, [t[0] for t, ok in zip(wanted, found, strict=True) if not ok])
                )
    return total, misses, terms, terms_found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    import django

    django.setup()
    for name in ("dev.csv", "heldout.csv"):
        total, misses, terms, terms_found = evaluate(name)
        share = 1 - len(misses) / total
        print(
            f"{name}: {total} titles, all key terms present in {total - len(misses)} ({share:.1%}); "
            f"key terms found {terms_found}/{terms} ({terms_found / terms:.1%})"
        )
        if args.misses and name == "heldout.csv":
            for english, chinese, missing in misses:
                print(f"  {english} -> {chinese}   missing: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
