"""The report as CSV data, one figure per row: section, key, label, measure, value, unit."""

from __future__ import annotations

import csv
import io

from borderless.insights.impact import ImpactReport, canonical

HEADER = ["section", "key", "label", "measure", "value", "unit"]


def rows(report: ImpactReport):
    yield ["period", "from", "", "date", report.period.start.isoformat(), ""]
    yield ["period", "to", "", "date", report.period.end.isoformat(), ""]
    yield ["period", "days", "", "days", str(report.period.days), ""]
    yield ["previous_period", "from", "", "date", report.previous.start.isoformat(), ""]
    yield ["previous_period", "to", "", "date", report.previous.end.isoformat(), ""]
    for figure in report.headline:
        yield ["headline", figure.key, figure.label, "value", figure.data, figure.unit]
    for table in (report.growth, *report.tables):
        for key, label, values in table.rows:
            for measure, unit, figure in zip(table.measures, table.units, values, strict=True):
                yield [
                    table.key,
                    key,
                    label,
                    measure,
                    canonical(figure.value, figure.unit),
                    unit or figure.unit,
                ]


def render(report: ImpactReport) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(report))
    return buffer.getvalue().encode("utf-8")
