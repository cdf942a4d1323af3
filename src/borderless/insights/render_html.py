"""The report as one HTML page (charts as SVG images inside it, no scripts), standalone or in the console."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from borderless.insights import charts
from borderless.insights.impact import ImpactReport


def report_charts(report: ImpactReport) -> list[dict]:
    """Each chart with the section of the CSV that holds its data."""
    found = []
    months = report.current.breakdowns.get("month") if report.current else None
    if months and months.rows:
        title = _("Export value by month (US dollars)")
        figure = charts.bars(
            title, [r[0] for r in months.rows], [r[2] for r in months.rows], lang=report.lang
        )
        found.append({"title": title, "uri": charts.data_uri(charts.svg(figure)), "section": "month"})
    for table in report.tables:
        if table.key in ("state", "category") and table.rows:
            figure = charts.bars(
                table.title, [label for _k, label, _v in table.rows[:12]],
                [values[2].value for _k, _l, values in table.rows[:12]], lang=report.lang, horizontal=True,
            )  # fmt: skip
            found.append(
                {"title": table.title, "uri": charts.data_uri(charts.svg(figure)), "section": table.key}
            )
    return found


def context(report: ImpactReport) -> dict:
    return {"report": report, "charts": report_charts(report)}


def render(report: ImpactReport, standalone: bool = True) -> bytes:
    with translation.override(report.lang):
        ctx = context(report)
        template = "insights/impact_standalone.html" if standalone else "insights/impact_body.html"
        return render_to_string(template, ctx).encode("utf-8")
