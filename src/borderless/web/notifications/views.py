"""The in-site inbox and notice preferences: the buyer's in the storefront (Chinese first), a seller
member's in the seller centre (English). Each reads and changes only the signed-in user's own notices."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderless.notifications import services, texts
from borderless.notifications.kinds import Channel, Kind
from borderless.notifications.models import Notice
from borderless.web.notifications.forms import PreferencesForm
from borderless.web.seller.views import seller_required
from borderless.web.storefront.checkout import buyer_required


def link(notice: Notice, seller_side: bool) -> str:
    """Where a notice leads: the order, the conversation or the product it is about."""
    p = notice.params
    if notice.kind == Kind.MESSAGE and p.get("conversation"):
        name = "web:seller-message" if seller_side else "web:message"
        return reverse(name, args=[p["conversation"]])
    if notice.kind == Kind.REVIEW_ANSWERED and p.get("product_id"):
        return reverse("web:product", args=[p["product_id"]])
    if seller_side and p.get("order"):
        return reverse("web:seller-order", args=[p["order"]])
    if seller_side:
        return reverse("web:seller-notifications")
    return reverse("web:orders")


def _rows(user, seller_side: bool):
    return [
        {
            "notice": n,
            "title": texts.title(n.kind),
            "body": texts.body(n.kind, n.params),
            "link": link(n, seller_side),
        }
        for n in services.inbox(user)[:200]
    ]


def _read(request, public_id, seller_side: bool):
    try:
        notice = services.mark_read(request.user, public_id)
    except Notice.DoesNotExist:
        raise Http404 from None
    return redirect(link(notice, seller_side))


def _preferences(request, template: str, done: str, context: dict):
    form = PreferencesForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notice preferences are saved."))
        return redirect(done)
    return render(request, template, {**context, "form": form, "channels": form.channels, "Channel": Channel})


@buyer_required
def inbox(request):
    return render(request, "web/storefront/notifications.html", {"rows": _rows(request.user, False)})


@buyer_required
@require_POST
def read(request, public_id):
    return _read(request, public_id, False)


@buyer_required
@require_POST
def read_all(request):
    services.mark_all_read(request.user)
    return redirect("web:notifications")


@buyer_required
def preferences(request):
    return _preferences(
        request, "web/storefront/notification_preferences.html", reverse("web:notification-preferences"), {}
    )


@seller_required
def seller_inbox(request):
    context = {"rows": _rows(request.user, True), "tab": "notifications"}
    return render(request, "web/seller/notifications.html", context)


@seller_required
@require_POST
def seller_read(request, public_id):
    return _read(request, public_id, True)


@seller_required
@require_POST
def seller_read_all(request):
    services.mark_all_read(request.user)
    return redirect("web:seller-notifications")


@seller_required
def seller_preferences(request):
    return _preferences(
        request,
        "web/seller/notification_preferences.html",
        reverse("web:seller-notification-preferences"),
        {"tab": "notifications"},
    )
