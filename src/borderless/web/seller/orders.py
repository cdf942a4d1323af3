"""The seller centre's orders (English): what was bought, what to ship, and shipping it."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.customs import services as customs
from borderless.customs.reasons import reason_text
from borderless.logistics import carriers, documents, handling, tracking
from borderless.logistics import services as logistics
from borderless.orders import queries
from borderless.orders.errors import OrderError
from borderless.orders.models import Order
from borderless.orders.state import OrderStatus
from borderless.payouts import accounts as payout_accounts
from borderless.payouts import services as payouts
from borderless.web import tracking_upload
from borderless.web.seller.views import seller_required


class ParcelForm(forms.Form):
    tracking_number = forms.CharField(max_length=64)
    weight_g = forms.DecimalField(
        label="Weight (g)", max_digits=7, decimal_places=1, min_value=Decimal("0.1")
    )
    length_cm = forms.DecimalField(label="Length (cm)", max_digits=4, decimal_places=1, required=False)
    width_cm = forms.DecimalField(label="Width (cm)", max_digits=4, decimal_places=1, required=False)
    height_cm = forms.DecimalField(label="Height (cm)", max_digits=4, decimal_places=1, required=False)


class ShipForm(ParcelForm):
    """The first parcel (its weight defaults to the goods' weight), the carrier and the ITN."""

    field_order = ["carrier", "tracking_number", "weight_g", "length_cm", "width_cm", "height_cm", "itn"]
    carrier = forms.ChoiceField(choices=carriers.choices)
    itn = forms.CharField(
        label="ITN",
        max_length=15,
        required=False,
        help_text="The AES Internal Transaction Number (X and 14 digits), when EEI is required.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight_g"].required = False
        self.fields[
            "weight_g"
        ].help_text = "One parcel: leave blank for the goods' weight plus packaging (10 %, at least 100 g)."


# More parcels of the same order, with the same carrier; blank rows are ignored.
MoreParcels = forms.formset_factory(ParcelForm, extra=2, max_num=19, validate_max=True)
MORE = "parcels"


def _parcel(cleaned: dict, carrier: str) -> logistics.ParcelSpec:
    return logistics.ParcelSpec(
        carrier=carrier,
        tracking_number=cleaned["tracking_number"],
        weight_g=cleaned.get("weight_g"),
        length_cm=cleaned.get("length_cm"),
        width_cm=cleaned.get("width_cm"),
        height_cm=cleaned.get("height_cm"),
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
    late = {lo.order.pk: lo for lo in handling.late_orders(request.seller)}
    for order in orders:
        order.late = late.get(order.pk)
    return render(
        request,
        "web/seller/orders.html",
        {
            "seller": request.seller,
            "orders": orders,
            "tab": "orders",
            "to_ship": sum(o.status == OrderStatus.PAID for o in orders),
            "late_count": len(late),
            "balance": payouts.seller_balance(request.seller),
            "payouts": list(payouts.payouts_of(request.seller, limit=20)),
            "payout_onboarding": payout_accounts.onboarding_enabled(),
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
def order_detail(request, public_id, form=None, parcels=None):
    order = _own_order(request, public_id)
    declaration = customs.declaration_of(order)
    can_ship = order.status == OrderStatus.PAID
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
            "more_parcels": parcels or MoreParcels(prefix=MORE),
            "can_ship": can_ship,
            "eei": logistics.eei_decision(order) if can_ship else None,
            "parcels": documents.parcels_of(order),
            "filing": getattr(order, "export_filing", None),
            "timeline": tracking.timeline(order),
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
    more = MoreParcels(request.POST if f"{MORE}-TOTAL_FORMS" in request.POST else None, prefix=MORE)
    if not form.is_valid() or (more.is_bound and not more.is_valid()):
        return order_detail(request, public_id, form=form, parcels=more)
    carrier = form.cleaned_data["carrier"]
    specs = [_parcel(form.cleaned_data, carrier)]
    if more.is_bound:
        specs += [_parcel(f.cleaned_data, carrier) for f in more.forms if f.cleaned_data]
    try:
        logistics.ship(request.user, order, parcels=specs, itn=form.cleaned_data["itn"])
    except OrderError as exc:
        form.add_error(None, exc.message)
        return order_detail(request, public_id, form=form, parcels=more)
    messages.success(request, "Marked as shipped; the buyer can follow the parcel.")
    return redirect("web:seller-order", public_id=order.public_id)


@seller_required
def order_paper(request, public_id, kind: str):
    """The order's commercial invoice, packing list or shipping labels, as PDF."""
    if kind not in logistics.PAPERS:
        raise Http404
    order = _own_order(request, public_id)
    try:
        name, pdf = logistics.export_paper(request.user, order, kind)
    except OrderError as exc:
        messages.error(request, exc.message)
        return redirect("web:seller-order", public_id=order.public_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@seller_required
def tracking_csv(request):
    """Carrier events for the seller's own parcels, as CSV."""
    context = {"seller": request.seller, "tab": "orders"}
    return tracking_upload.upload(
        request, "web/seller/tracking.html", "web:seller-tracking", context, seller=request.seller
    )
