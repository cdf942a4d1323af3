"""Compile every .po catalog under src/ to .mo with Babel, so no system msgfmt is needed."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent / "src"


def main() -> None:
    for po_path in sorted(ROOT.rglob("LC_MESSAGES/*.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
        with po_path.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        print(f"compiled {po_path.relative_to(ROOT.parent)} ({len(catalog)} messages)")


if __name__ == "__main__":
    main()
