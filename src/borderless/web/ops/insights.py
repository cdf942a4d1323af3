"""The operations dashboard and the Export Impact Report, for operators only."""

from django.http import HttpResponse
from django.shortcuts import render

from borderless.insights import dashboards, state_grid
from borderless.insights.charts import data_uri
from borderless.insights.models import FORMATS, SnapshotStatus
from borderless.insights.period import Period, PeriodError
from borderless.insights.services import LANGUAGES, ReportError, request_impact
from borderless.web.insights_period import chart_csv_response, period_from
from borderless.web.ops.views import operator_required

DEFAULT_DAYS = 365
CHART_ORDER = ("month", "category", "business_type", "destination", "state")


@operator_required
def insights(request):
    form, period, valid = period_from(request, DEFAULT_DAYS)
    board = dashboards.ops_dashboard(period)
    by_state = {row[0]: row[2] for row in board.figures.breakdowns["state"].rows}
    charts = [
        {"chart": board.charts[key], "uri": dashboards.chart_image(board.charts[key])}
        for key in CHART_ORDER
        if key != "state"
    ]
    farms = next((row for row in board.figures.breakdowns["business_type"].rows if row[0] == "farm"), None)
    context = {
        "form": form,
        "period": period,
        "f": board.figures,
        "charts": charts,
        "state_grid": data_uri(state_grid.svg(by_state)),
        "state_chart": board.charts["state"],
        "farms": farms,
        "brand": board.extra["brand_protection"],
        "query": request.GET.urlencode(),
        "formats": FORMATS,
    }
    return render(request, "web/ops/insights.html", context, status=200 if valid else 400)


@operator_required
def chart_csv(request, chart):
    return chart_csv_response(request, chart, CHART_ORDER, DEFAULT_DAYS, dashboards.ops_dashboard)


@operator_required
def impact_report(request):
    """Asks for the report (built by the task queue, cached); serves it once ready."""
    fmt, lang = request.GET.get("format", "pdf"), request.GET.get("lang", "en")
    try:
        period = Period.parse(request.GET.get("from"), request.GET.get("to"))
        snapshot = request_impact(period, fmt, lang)
    except (PeriodError, ReportError) as exc:
        context = {"error": str(exc), "formats": FORMATS, "languages": LANGUAGES}
        return render(request, "web/ops/report.html", context, status=400)
    snapshot.refresh_from_db()
    if snapshot.status == SnapshotStatus.READY:
        response = HttpResponse(bytes(snapshot.content), content_type=snapshot.content_type)
        if fmt != "html":
            response["Content-Disposition"] = f'attachment; filename="{snapshot.filename}"'
        return response
    context = {"snapshot": snapshot, "period": period, "formats": FORMATS, "languages": LANGUAGES}
    return render(request, "web/ops/report.html", context, status=202)
