"""The operations console: verify or reject sellers."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderless.accounts import services as accounts
from borderless.accounts.models import Seller, Verification
from borderless.logistics import handling
from borderless.web import tracking_upload
from borderless.web.forms import RejectForm


def operator_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_operator:
            raise PermissionDenied("The operations console is for Borderless staff.")
        return view(request, *args, **kwargs)

    return wrapper


def chosen_decision(request, *choices: str) -> str | None:
    """The operator's `decision` if it is one of `choices`; else None, with the form error as a message.

    A missing or unknown decision must decide nothing (it once counted as the last choice: reject, uphold).
    """
    decision = request.POST.get("decision")
    if decision in choices:
        return decision
    text = _("Choose a decision: %(choices)s. Nothing was changed.") % {"choices": ", ".join(choices)}
    messages.error(request, text)
    return None


@operator_required
def sellers(request):
    status = request.GET.get("status", Verification.PENDING)
    queryset = Seller.objects.annotate(product_count=Count("products")).order_by("created_at")
    if status in Verification.values:
        queryset = queryset.filter(verification_status=status)
    return render(
        request,
        "web/ops/sellers.html",
        {
            "sellers": queryset[:200],
            "status": status,
            "statuses": Verification.choices,
            "reject_form": RejectForm(),
        },
    )


NOTE_MAX = 500


def console_note(request) -> str | None:
    """The operator's `note`; None, with the form error as a message, if too long or holding control bytes.

    A note over the limit was cut to 500 characters and a NUL byte kept: both now decide nothing.
    """
    note = request.POST.get("note", "")
    if len(note) <= NOTE_MAX and not any(ord(c) < 32 and c not in "\t\n\r" for c in note):
        return note
    messages.error(
        request,
        _("A note is at most %(limit)d characters, without control characters. Nothing was changed.")
        % {"limit": NOTE_MAX},
    )
    return None


@operator_required
@require_POST
def decide(request, public_id):
    seller = get_object_or_404(Seller, public_id=public_id)
    back = f"{reverse('web:ops-sellers')}?status={seller.verification_status}"
    if (decision := chosen_decision(request, "verify", "reject")) is None or (
        note := console_note(request)
    ) is None:
        return redirect(back)
    try:
        if decision == "verify":
            accounts.verify_seller(request.user, seller, note)
            messages.success(request, f"{seller.display_name} is verified.")
        else:
            accounts.reject_seller(request.user, seller, note)
            messages.success(request, f"{seller.display_name} was rejected.")
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    return redirect(f"{reverse('web:ops-sellers')}?status={seller.verification_status}")


@operator_required
def tracking_csv(request):
    """Carrier events for any parcel, as CSV (e.g. a carrier's daily export)."""
    return tracking_upload.upload(request, "web/ops/tracking.html", "web:ops-tracking", {})


@operator_required
def late_orders(request):
    """Paid orders past their handling time, oldest first, with when each will be refunded."""
    return render(request, "web/ops/late_orders.html", {"late": handling.late_orders()})
