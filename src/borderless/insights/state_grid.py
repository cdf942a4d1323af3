"""A tile grid of the US states (one square each, roughly where the state lies), shaded by a value. SVG."""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

TILES = {
    "AK": (0, 0), "ME": (0, 11), "VT": (1, 10), "NH": (1, 11),
    "WA": (2, 1), "ID": (2, 2), "MT": (2, 3), "ND": (2, 4), "MN": (2, 5), "IL": (2, 6), "WI": (2, 7),
    "MI": (2, 8), "NY": (2, 9), "RI": (2, 10), "MA": (2, 11),
    "OR": (3, 1), "NV": (3, 2), "WY": (3, 3), "SD": (3, 4), "IA": (3, 5), "IN": (3, 6), "OH": (3, 7),
    "PA": (3, 8), "NJ": (3, 9), "CT": (3, 10),
    "CA": (4, 1), "UT": (4, 2), "CO": (4, 3), "NE": (4, 4), "MO": (4, 5), "KY": (4, 6), "WV": (4, 7),
    "VA": (4, 8), "MD": (4, 9), "DE": (4, 10),
    "AZ": (5, 2), "NM": (5, 3), "KS": (5, 4), "AR": (5, 5), "TN": (5, 6), "NC": (5, 7), "SC": (5, 8),
    "DC": (5, 9),
    "OK": (6, 4), "LA": (6, 5), "MS": (6, 6), "AL": (6, 7), "GA": (6, 8),
    "HI": (7, 0), "TX": (7, 4), "FL": (7, 9),
}  # fmt: skip
SHADES = ["#eef2f6", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
SIZE, GAP = 44, 4


def shade(value: Decimal, top: Decimal) -> str:
    if not value or value <= 0 or not top:
        return SHADES[0]
    step = int((value / top) * (len(SHADES) - 2) + Decimal("0.9999"))
    return SHADES[min(max(step, 1), len(SHADES) - 1)]


def svg(values: dict[str, Decimal], unit: str = "USD") -> bytes:
    top = max(values.values(), default=Decimal(0))
    width, height = 12 * (SIZE + GAP), 8 * (SIZE + GAP)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">']  # fmt: skip
    for state, (row, col) in sorted(TILES.items()):
        value = values.get(state, Decimal(0))
        fill = shade(value, top)
        ink = "#ffffff" if fill in SHADES[4:] else "#1b2a38"
        x, y = col * (SIZE + GAP), row * (SIZE + GAP)
        parts.append(
            f'<g class="state" data-state="{state}"><title>{escape(state)}: {value:,.2f} {unit}</title>'
            f'<rect x="{x}" y="{y}" width="{SIZE}" height="{SIZE}" rx="4" fill="{fill}"/>'
            f'<text x="{x + SIZE / 2}" y="{y + SIZE / 2 + 5}" text-anchor="middle" fill="{ink}">'
            f"{state}</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")
