"""The report as CSV data, one figure per row: section, key, label, measure, value, unit."""

from __future__ import annotations

import io

from borderless.csv_cells import SafeWriter
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
    months = report.current.breakdowns.get("month") if report.current else None
    for key, cny, usd, orders, sellers in months.rows if months else []:
        # the data behind the report's monthly chart
        yield ["month", key, key, "export_value_usd", canonical(usd, "USD"), "USD"]
        yield ["month", key, key, "export_value_cny", canonical(cny, "CNY"), "CNY"]
        yield ["month", key, key, "orders", str(orders), ""]
        yield ["month", key, key, "sellers", str(sellers), ""]
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
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows(report))
    return buffer.getvalue().encode("utf-8")
