"""The buyer's cart, checkout, the sandbox payment page and the buyer's orders (Chinese first)."""

import uuid
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderless.customs import services as customs
from borderless.customs.reasons import reason_text
from borderless.logistics import tracking
from borderless.money import Money
from borderless.orders import queries
from borderless.orders import services as orders
from borderless.orders.errors import InvalidCart, OrderError
from borderless.orders.models import STATUS_LABELS, Checkout, Order
from borderless.orders.state import OrderStatus
from borderless.payments import services as payments
from borderless.payments.errors import AlreadyCompleted, PaymentError, ProviderUnavailable
from borderless.payments.models import Payment, PaymentStatus, SandboxRecord
from borderless.payouts import services as payouts
from borderless.web.pricing import refusal_text
from borderless.web.storefront.checkout_forms import AddToCartForm, CartQuantityForm, CheckoutForm, ReturnForm


def _zh() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def buyer_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_buyer:
            raise PermissionDenied(_("Only buyer accounts can shop."))
        return view(request, *args, **kwargs)

    return wrapper


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or request.headers.get("Referer") or fallback
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return fallback
    return target


def _seller_name(seller) -> str:
    return seller.display_name_zh if _zh() and seller.display_name_zh else seller.display_name


def _title(title_en: str, title_zh: str, option_en: str = "", option_zh: str = "") -> str:
    title = title_zh if _zh() and title_zh else title_en
    option = option_zh if _zh() and option_zh else option_en
    return f"{title} · {option}" if option else title


# --- cart ---


@require_POST
def cart_add(request):
    """The product page's "add to cart" form; anonymous buyers log in first and come back."""
    if not request.user.is_authenticated:
        return redirect_to_login(_back(request, reverse("web:home")), reverse("web:login"))
    if not request.user.is_buyer:
        raise PermissionDenied(_("Only buyer accounts can shop."))
    form = AddToCartForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quantity from 1 to 999."))
        return redirect(_back(request, reverse("web:cart")))
    try:
        orders.add_to_cart(request.user, form.cleaned_data["sku"], form.cleaned_data["quantity"])
    except InvalidCart:
        messages.error(request, _("This item cannot be added to your cart (sold out, or at most 999)."))
        return redirect(_back(request, reverse("web:cart")))
    messages.success(request, _("Added to your cart."))
    return redirect("web:cart")


def _cart_context(view: orders.CartView) -> dict:
    groups = []
    for group in view.sellers:
        lines = [
            {
                "sku": line.sku,
                "title": _title(line.sku.product.title_en, line.sku.product.title_zh, line.sku.option_en,
                                line.sku.option_zh),
                "product": line.sku.product,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "available": line.available,
            }
            for line in group.lines
        ]  # fmt: skip
        groups.append(
            {
                "seller": group.seller,
                "seller_name": _seller_name(group.seller),
                "lines": lines,
                "quote": group.quote if group.allowed else None,
                "refusal": ""
                if group.allowed
                else (group.problem and _("This order cannot be priced yet.")) or refusal_text(group.quote),
            }
        )
    return {
        "groups": groups,
        "annual_used": view.annual_used,
        "annual_limit": Money(Decimal("26000.00"), "CNY"),
        "total": view.total,
        "can_checkout": bool(groups) and view.total is not None and all(
            line["available"] for g in groups for line in g["lines"]
        ),
    }  # fmt: skip


@buyer_required
def cart(request):
    return render(request, "web/storefront/cart.html", _cart_context(orders.cart_view(request.user)))


@buyer_required
@require_POST
def cart_update(request):
    form = CartQuantityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quantity from 0 to 999."))
        return redirect("web:cart")
    try:
        orders.set_cart_quantity(request.user, form.cleaned_data["sku"], form.cleaned_data["quantity"])
    except InvalidCart:
        messages.error(request, _("This item is no longer for sale: please remove it."))
    return redirect("web:cart")


@buyer_required
@require_POST
def cart_remove(request):
    form = CartQuantityForm({"sku": request.POST.get("sku"), "quantity": 0})
    if not (form.is_valid() and orders.remove_from_cart(request.user, form.cleaned_data["sku"])):
        messages.error(request, _("This item is not in your cart."))
    return redirect("web:cart")


# --- checkout ---


@buyer_required
def checkout(request):
    """Address and real-name identity; a hidden idempotency key makes a double submit one checkout."""
    if request.method == "POST":
        form = CheckoutForm(request.POST)
        if form.is_valid():
            try:
                result = orders.checkout(
                    request.user, form.cleaned_data["idempotency_key"], form.address(), form.identity()
                )
            except OrderError as exc:
                form.add_order_error(exc)
            else:
                return _to_payment(request, result.checkout)
        status = 422
    else:
        form = CheckoutForm(initial={"idempotency_key": CheckoutForm.new_key()})
        status = 200
    view = orders.cart_view(request.user)
    if not view.sellers and request.method == "GET":
        return redirect("web:cart")
    return render(
        request, "web/storefront/checkout.html", {"form": form, **_cart_context(view)}, status=status
    )


def _to_payment(request, checkout):
    try:
        opened = payments.start_payment(request.user, checkout.public_id)[1]
    except ProviderUnavailable:  # nothing was opened: the orders wait, reserved, for another try
        messages.error(
            request,
            _(
                "The payment service did not answer. Nothing was charged; "
                "use “Pay now” on the order to try again."
            ),
        )
        return redirect(f"{reverse('web:orders')}?checkout={checkout.public_id}")
    except PaymentError:
        messages.error(request, _("This checkout can no longer be paid."))
        return redirect("web:orders")
    return redirect(opened.redirect_url)


# --- the sandbox provider's payment page ---


def _own_payment(request, payment_id) -> Payment:
    payments.require_sandbox()
    try:
        return payments.get_payment(request.user, payment_id)
    except Payment.DoesNotExist:
        raise Http404 from None


@buyer_required
def pay_sandbox(request, payment_id):
    """The sandbox's hosted payment page: the amount, the orders it pays for, pay or fail."""
    payment = _own_payment(request, payment_id)
    order_list = list(
        payment.checkout.orders.select_related("seller").prefetch_related("lines").order_by("id")
    )
    return render(
        request,
        "web/storefront/pay_sandbox.html",
        {
            "payment": payment,
            "amount": Money(payment.amount, payment.currency),
            "orders": [_order_row(o) for o in order_list],
            "payable": payment.status == PaymentStatus.REQUIRES_PAYMENT
            and not SandboxRecord.objects.filter(payment=payment, kind=SandboxRecord.PAYMENT).exists(),
        },
    )


@buyer_required
@require_POST
def pay_sandbox_complete(request, payment_id):
    payment = _own_payment(request, payment_id)
    outcome = request.POST.get("outcome")
    if outcome not in ("succeeded", "failed"):
        messages.error(request, _("Choose to pay or to fail the payment."))
        return redirect("web:pay-sandbox", payment_id=payment.public_id)
    try:
        payments.sandbox_complete(request.user, payment.public_id, outcome)
    except AlreadyCompleted:
        messages.info(request, _("This payment was already completed."))
    except PaymentError as exc:
        messages.error(request, exc.message)
    else:
        if outcome == "succeeded":
            messages.success(request, _("Payment sent. Your orders are confirmed once the payment clears."))
        else:
            messages.error(request, _("The payment failed; your orders are cancelled."))
    return redirect(f"{reverse('web:orders')}?checkout={payment.checkout.public_id}")


# --- the buyer's orders ---


def _money(amount, currency) -> Money | None:
    return None if amount is None else Money(Decimal(str(amount)), currency)


def _order_row(order: Order, declaration=None) -> dict:
    quote = order.quote or {}
    cny = order.landed_currency
    return {
        "order": order,
        "customs": declaration,
        "customs_reason": reason_text(declaration.reason_code)
        if declaration and declaration.reason_code
        else "",
        "seller_name": _seller_name(order.seller),
        "status_label": STATUS_LABELS.get(OrderStatus(order.status), order.status),
        "lines": [
            {
                "title": _title(line.title_en, line.title_zh, line.option_en, line.option_zh),
                "quantity": line.quantity,
                "unit_price": Money(line.unit_price, line.currency),
            }
            for line in order.lines.all()
        ],
        "goods": _money(quote.get("goods_value"), cny),
        "freight": Money(order.freight, cny),
        "duty": _money(quote.get("duty"), cny),
        "consumption_tax": _money(quote.get("consumption_tax"), cny),
        "vat": _money(quote.get("vat"), cny),
        "tax_total": Money(order.tax_total, cny),
        "total": Money(order.landed_total, cny),
        "can_confirm": order.status in (OrderStatus.DELIVERED, OrderStatus.CUSTOMS_RELEASED),
        "can_cancel": order.status == OrderStatus.PENDING_PAYMENT,
        "returns": [
            {"return": r, "amount": Money(r.gross, cny), "taxes": Money(r.taxes, cny)}
            for r in order.returns.all()
        ],
        **_return_offer(order, cny),
    }


def _return_offer(order: Order, cny: str) -> dict:
    """退货 within 30 days of delivery (CN-C6): the form, what can still come back, and the last day."""
    if not payouts.can_return(order):
        return {"can_return": False}
    share = getattr(order, "payment_share", None)
    left = order.landed_total if share is None else share.amount - share.refunded
    if left <= 0:
        return {"can_return": False}
    return {
        "can_return": True,
        "return_left": Money(left, cny),
        "return_deadline": payouts.return_deadline(order),
        "return_form": ReturnForm(initial={"amount": left, "key": uuid.uuid4().hex}),
    }


@buyer_required
def order_list(request):
    found = queries.buyer_orders(request.user)
    checkout_id = request.GET.get("checkout", "")
    if checkout_id:
        try:
            found = found.filter(checkout__public_id=checkout_id)
        except Exception:  # noqa: BLE001 - a malformed id shows all orders
            checkout_id = ""
    return _render_orders(request, found, checkout_id)


def _render_orders(request, found, checkout_id="", failed: tuple[Order, ReturnForm] | None = None):
    found = found.select_related("payment_share").prefetch_related("returns__refund")
    page = list(found[:100])
    declarations = customs.declarations_by_order(o.pk for o in page)
    events = tracking.timelines(o.pk for o in page)
    rows = [{**_order_row(o, declarations.get(o.pk)), "timeline": events.get(o.pk, [])} for o in page]
    if failed is not None:  # the return form that was refused, with its errors, in place of a fresh one
        for row in rows:
            if row["order"].pk == failed[0].pk:
                row.update(can_return=True, return_form=failed[1])
    waiting = bool(checkout_id) and _payment_in_flight(rows)
    context = {"rows": rows, "checkout_id": checkout_id, "waiting": waiting}
    template = "web/storefront/_orders.html" if request.htmx else "web/storefront/orders.html"
    return render(request, template, context, status=422 if failed is not None else 200)


def _payment_in_flight(rows: list[dict]) -> bool:
    """The buyer has paid or failed on the sandbox page and the provider's webhook has not arrived yet."""
    pending = {r["order"].checkout_id for r in rows if r["order"].status == OrderStatus.PENDING_PAYMENT}
    return SandboxRecord.objects.filter(
        kind=SandboxRecord.PAYMENT,
        payment__checkout_id__in=pending,
        payment__status=PaymentStatus.REQUIRES_PAYMENT,
    ).exists()


@buyer_required
@require_POST
def checkout_pay(request, public_id):
    """Back to the payment of a checkout whose orders still await it."""
    try:
        result = orders.get_checkout(request.user, public_id)
    except Checkout.DoesNotExist:
        raise Http404 from None
    return _to_payment(request, result.checkout)


def _own_order(request, public_id) -> Order:
    try:
        order = queries.visible_order(request.user, public_id)
    except Order.DoesNotExist:
        raise Http404 from None
    if order.buyer_id != request.user.pk:
        raise Http404
    return order


@buyer_required
@require_POST
def order_confirm(request, public_id):
    """确认收货: the buyer confirms receipt; the seller's money leaves escrow."""
    order = _own_order(request, public_id)
    try:
        payouts.confirm_receipt(request.user, order)
    except (OrderError, Order.DoesNotExist):
        messages.error(request, _("This order cannot be confirmed now."))
    else:
        messages.success(request, _("Thank you: receipt confirmed, the seller will be paid."))
    return redirect("web:orders")


@buyer_required
@require_POST
def order_return(request, public_id):
    """申请退货: the buyer returns all or part of a delivered order within 30 days; refunded at once."""
    order = _own_order(request, public_id)
    form = ReturnForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            payouts.request_return(request.user, order.public_id, data["amount"], data["reason"], data["key"])
        except payouts.ReturnNotAllowed as exc:
            deadline = exc.details.get("deadline")
            form.add_error(
                None,
                _("The return period ended on %(day)s (30 days after delivery).") % {"day": deadline}
                if deadline
                else _("This order cannot be returned now."),
            )
        except PaymentError as exc:
            form.add_error("amount" if exc.code == "refund_exceeds_payment" else None, _return_error(exc))
        else:
            messages.success(request, _("Return accepted: the refund is on its way to your payment account."))
            return redirect("web:orders")
    return _render_orders(request, queries.buyer_orders(request.user), failed=(order, form))


def _return_error(exc: PaymentError) -> str:
    if exc.code == "refund_exceeds_payment":
        return _("That is more than is left to refund for this order.")
    if exc.code == "idempotency_conflict":
        return _("This form was already sent with other figures; reload the page.")
    return _("The refund could not be made now; please try again later.")


@buyer_required
@require_POST
def order_cancel(request, public_id):
    order = _own_order(request, public_id)
    try:
        queries.cancel_order(request.user, order.public_id)
    except OrderError:
        messages.error(request, _("Only unpaid orders can be cancelled."))
    else:
        messages.success(request, _("The order is cancelled."))
    return redirect("web:orders")
