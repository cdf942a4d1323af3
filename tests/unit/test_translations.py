"""The Chinese catalog is complete, and the shipped .mo matches the .po (so no msgfmt is needed)."""

import io
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import borderless

LOCALE = Path(borderless.__file__).parent / "locale"


def _catalog(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle)


def test_every_message_has_a_chinese_translation():
    catalog = _catalog("zh_Hans")
    missing = [
        m.id
        for m in catalog
        if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))
    ]
    assert missing == []


def test_compiled_catalog_matches_the_source():
    catalog = _catalog("zh_Hans")
    with (LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.mo").open("rb") as handle:
        compiled = read_mo(io.BufferedReader(io.BytesIO(handle.read())))
    source = {
        m.id if isinstance(m.id, str) else m.id[0]: tuple(m.string)
        if isinstance(m.string, (list, tuple))
        else m.string
        for m in catalog
        if m.id
    }
    shipped = {
        m.id if isinstance(m.id, str) else m.id[0]: tuple(m.string)
        if isinstance(m.string, (list, tuple))
        else m.string
        for m in compiled
        if m.id
    }
    assert shipped == source
