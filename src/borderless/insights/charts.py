"""Charts for reports and dashboards, drawn with matplotlib on the server (SVG for pages, PNG for PDFs)."""

from __future__ import annotations

import base64
import io
from decimal import Decimal
from functools import cache

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

BLUE = "#1f5f8b"


@cache
def cjk_font_path() -> str:
    """Noto Sans SC (SIL Open Font License), shipped by a pinned package: docs/adr/1001."""
    import pylopdf_fonts_zh_cn

    return str(pylopdf_fonts_zh_cn.sans_path())


@cache
def _font(lang: str) -> font_manager.FontProperties | None:
    if lang.startswith("zh"):
        return font_manager.FontProperties(fname=cjk_font_path(), size=9)
    return None


def _figure(width: float = 6.4, height: float = 3.0) -> Figure:
    figure = Figure(figsize=(width, height), dpi=100)
    figure.set_layout_engine("constrained")
    return figure


def bars(title: str, labels: list[str], values: list[Decimal | int | float], *, lang: str = "en",
         horizontal: bool = False) -> Figure:  # fmt: skip
    figure = _figure(6.4, max(2.4, 0.32 * len(labels) + 1) if horizontal else 3.0)
    axes = figure.add_subplot()
    numbers = [float(v) for v in values]  # drawing only: the figures themselves stay exact
    font = _font(lang)
    if horizontal:
        axes.barh(range(len(labels))[::-1], numbers, color=BLUE)
        axes.set_yticks(range(len(labels))[::-1], labels, fontproperties=font)
    else:
        axes.bar(range(len(labels)), numbers, color=BLUE)
        axes.set_xticks(range(len(labels)), labels, rotation=45 if len(labels) > 6 else 0, ha="right",
                        fontproperties=font)  # fmt: skip
    axes.set_title(title, fontproperties=font_manager.FontProperties(fname=cjk_font_path(), size=11)
                   if font else None)  # fmt: skip
    axes.spines[["top", "right"]].set_visible(False)
    if not numbers:
        axes.text(0.5, 0.5, "—", ha="center", va="center", transform=axes.transAxes)
    return figure


def png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150)
    return out.getvalue()


def svg(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def data_uri(content: bytes, mime: str = "image/svg+xml") -> str:
    """Charts go in pages as images: the CSP forbids inline styles, which an inline SVG would carry."""
    return f"data:{mime};base64,{base64.b64encode(content).decode('ascii')}"
