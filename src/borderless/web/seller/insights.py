"""The seller's dashboard: the seller's own sales, orders, refunds, balance and payouts, with charts."""

from django.shortcuts import render

from borderless.insights import dashboards
from borderless.payouts import services as payouts
from borderless.web.insights_period import chart_csv_response, period_from
from borderless.web.seller.views import seller_required

DEFAULT_DAYS = 365
CHART_ORDER = ("month", "orders", "destination", "province", "products", "landed")


@seller_required
def insights(request):
    form, period, valid = period_from(request, DEFAULT_DAYS)
    board = dashboards.seller_dashboard(request.seller, period)
    charts = [
        {"chart": board.charts[key], "uri": dashboards.chart_image(board.charts[key])} for key in CHART_ORDER
    ]
    recent_payouts = list(payouts.payouts_of(request.seller, limit=10))
    context = {
        "seller": request.seller,
        "tab": "insights",
        "form": form,
        "period": period,
        "f": board.figures,
        "charts": charts,
        "balance": payouts.seller_balance(request.seller),
        "payouts": recent_payouts,
        "query": request.GET.urlencode(),
    }
    return render(request, "web/seller/insights.html", context, status=200 if valid else 400)


@seller_required
def chart_csv(request, chart):
    return chart_csv_response(
        request,
        chart,
        CHART_ORDER,
        DEFAULT_DAYS,
        lambda period: dashboards.seller_dashboard(request.seller, period),
    )
