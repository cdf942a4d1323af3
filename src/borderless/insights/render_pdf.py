"""The report as PDF (fpdf2, docs/adr/0603), with charts (matplotlib) and a methods page.

Both editions are set in Noto Sans SC, which covers Latin and Chinese: one font, real glyphs in either.
"""

from __future__ import annotations

import io

from django.utils import translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from borderless.insights import charts
from borderless.insights.impact import ImpactReport, Table

FONT = "noto"
TOP_ROWS = 12  # rows of a breakdown table in the PDF; the CSV has them all


class _Document(FPDF):
    def __init__(self):
        super().__init__(format="A4")
        self.set_auto_page_break(auto=True, margin=15)
        self.add_font(FONT, "", charts.cjk_font_path())
        self.set_font(FONT, size=10)

    def heading(self, text: str, size: int = 14) -> None:
        self.set_font(FONT, size=size)
        self.multi_cell(0, size * 0.6, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_font(FONT, size=10)

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        self.set_font(FONT, size=9)
        self.set_fill_color(230, 236, 242)
        for text, width in zip(headers, widths, strict=True):
            self.cell(width, 6, text, border="B", fill=True)
        self.ln()
        for row in rows:
            if self.will_page_break(6):
                self.add_page()
            for i, (text, width) in enumerate(zip(row, widths, strict=True)):
                self.cell(width, 6, text, align="L" if i == 0 else "R")
            self.ln()
        self.ln(4)
        self.set_font(FONT, size=10)

    def chart(self, figure) -> None:
        image = io.BytesIO(charts.png(figure))
        if self.will_page_break(75):
            self.add_page()
        self.image(image, w=170)
        self.ln(3)


def _breakdown(doc: _Document, table: Table) -> None:
    doc.heading(table.title, 12)
    rows = [[label, *(f.text for f in values)] for _key, label, values in table.rows[:TOP_ROWS]]
    doc.table(table.headers, rows, [62, 24, 20, 32, 32])


def render(report: ImpactReport) -> bytes:
    with translation.override(report.lang):
        return _render(report)


def _render(report: ImpactReport) -> bytes:
    doc = _Document()
    doc.set_title(_("Export Impact Report"))
    doc.add_page()
    doc.heading(_("Export Impact Report"), 20)
    doc.multi_cell(0, 6, _("Period: %(start)s to %(end)s (%(days)s days)") % {
        "start": report.period.start.isoformat(), "end": report.period.end.isoformat(),
        "days": report.period.days}, new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    doc.ln(4)
    doc.heading(_("Headline figures"), 14)
    doc.table([_("Figure"), _("Value")], [[f.label, f.text] for f in report.headline], [125, 55])
    for note in report.notes:
        doc.multi_cell(0, 5, note, new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)
    doc.heading(report.growth.title, 12)
    doc.table(report.growth.headers, [[label, *(f.text for f in values)] for _k, label, values in
                                      report.growth.rows], [70, 40, 40, 30])  # fmt: skip
    months = report.current.breakdowns.get("month") if report.current else None
    if months and months.rows:
        doc.chart(charts.bars(_("Export value by month (US dollars)"), [r[0] for r in months.rows],
                              [r[2] for r in months.rows], lang=report.lang))  # fmt: skip
    for table in report.tables:
        if table.key in ("state", "category") and table.rows:
            top = table.rows[:TOP_ROWS]
            doc.chart(charts.bars(table.title + " (USD)", [label for _k, label, _v in top],
                                  [values[2].value for _k, _l, values in top], lang=report.lang,
                                  horizontal=True))  # fmt: skip
        _breakdown(doc, table)
    doc.add_page()
    doc.heading(_("Methods: what each figure means"), 16)
    for term, definition in report.methods:
        doc.set_font(FONT, size=10)
        doc.multi_cell(0, 5, term, new_x="LMARGIN", new_y="NEXT")
        doc.set_font(FONT, size=9)
        doc.multi_cell(0, 4.5, definition, new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)
    return bytes(doc.output())
