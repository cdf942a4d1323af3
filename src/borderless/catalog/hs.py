"""Harmonized System codes: format and chapter checks (HS 2022 nomenclature)."""

import re

from django.core.exceptions import ValidationError

# Chapters 01–97 exist; 77 is reserved for future use. 98 and 99 are national-use only.
HS_CHAPTERS = frozenset(f"{n:02d}" for n in range(1, 98) if n != 77)
_SEPARATORS = re.compile(r"[.\s-]")


def normalise_hs_code(value: str) -> str:
    """'1702.20' → '170220'. Dots, spaces and dashes are how people write codes; digits are the code."""
    return _SEPARATORS.sub("", str(value or "").strip())


def validate_hs_code(value: str) -> None:
    digits = normalise_hs_code(value)
    if not digits.isdigit() or not 6 <= len(digits) <= 10:
        raise ValidationError(
            "An HS code has 6 to 10 digits (for example 1702.20 or 1211.20.0000).", code="hs_format"
        )
    if digits[:2] not in HS_CHAPTERS:
        raise ValidationError(
            "HS chapter %(chapter)s does not exist.", code="hs_chapter", params={"chapter": digits[:2]}
        )


def format_hs_code(digits: str) -> str:
    """'17022000' → '1702.20.00': the dotted form printed on documents."""
    parts = [digits[:4], digits[4:6], digits[6:8], digits[8:10]]
    return ".".join(p for p in parts if p)


# Export Control Classification Numbers (Commerce Control List), e.g. 5A992; EAR99 for items on no entry.
ECCN_FORMAT = re.compile(r"[0-9][A-E][0-9]{3}")


def validate_eccn(value: str) -> None:
    code = str(value or "").strip().upper()
    if code and code != "EAR99" and not ECCN_FORMAT.fullmatch(code):
        raise ValidationError(
            "An ECCN is a digit, a letter A to E and three digits (for example 5A992), or EAR99.", code="eccn"
        )
