"""The seller centre's orders (English): what was bought, what to ship, and shipping it."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.customs import services as customs
from borderless.customs.reasons import reason_text
from borderless.orders import queries
from borderless.orders.errors import OrderError
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payouts import services as payouts
from borderless.web.seller.views import seller_required

CARRIERS = [
    ("USPS", "USPS"),
    ("UPS", "UPS"),
    ("FedEx", "FedEx"),
    ("DHL", "DHL Express"),
    ("EMS", "China EMS (ePacket)"),
    ("SF", "SF Express"),
]


class ShipForm(forms.Form):
    carrier = forms.ChoiceField(choices=CARRIERS)
    tracking_number = forms.RegexField(
        regex=r"^[A-Za-z0-9-]{6,40}$",
        max_length=40,
        error_messages={"invalid": "Letters, digits and dashes, 6 to 40 characters."},
    )


def _own_order(request, public_id) -> Order:
    try:
        order = queries.visible_order(request.user, public_id)
    except Order.DoesNotExist:
        raise Http404 from None
    if order.seller_id != request.seller.pk:
        raise Http404  # operators see orders in the console, not as a seller
    return order


@seller_required
def order_list(request):
    orders = list(queries.seller_orders(request.seller)[:200])
    return render(
        request,
        "web/seller/orders.html",
        {
            "seller": request.seller,
            "orders": orders,
            "tab": "orders",
            "to_ship": sum(o.status == OrderStatus.PAID for o in orders),
            "balance": payouts.seller_balance(request.seller),
            "payouts": list(payouts.payouts_of(request.seller, limit=20)),
        },
    )


@seller_required
def statement(request, fmt: str):
    """The seller's payout statement (all payouts so far), as CSV or PDF."""
    if fmt not in ("csv", "pdf"):
        raise Http404
    built = payouts.build_statement(request.seller)
    if fmt == "csv":
        response = HttpResponse(payouts.statement_csv(built), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(payouts.statement_pdf(built), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="borderless-statement.{fmt}"'
    return response


@seller_required
def order_detail(request, public_id, form=None):
    order = _own_order(request, public_id)
    declaration = customs.declaration_of(order)
    return render(
        request,
        "web/seller/order.html",
        {
            "declaration": declaration,
            "customs_reason": reason_text(declaration.reason_code)
            if declaration and declaration.reason_code
            else "",
            "seller": request.seller,
            "order": order,
            "tab": "orders",
            "form": form or ShipForm(),
            "can_ship": order.status == OrderStatus.PAID,
            "transitions": list(order.transitions.all()),
            "returns": payouts.returns_of(order),
        },
        status=422 if form is not None else 200,
    )


@seller_required
@require_POST
def order_ship(request, public_id):
    order = _own_order(request, public_id)
    form = ShipForm(request.POST)
    if not form.is_valid():
        return order_detail(request, public_id, form=form)
    try:
        payouts.ship(request.user, order, form.cleaned_data["carrier"], form.cleaned_data["tracking_number"])
    except OrderError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Marked as shipped; the buyer can follow the parcel.")
    return redirect("web:seller-order", public_id=order.public_id)
