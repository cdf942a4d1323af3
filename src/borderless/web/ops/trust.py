"""The operations console's brand protection: verify or reject brands; clear or uphold held listings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from borderless.trust import screening
from borderless.trust import services as trust
from borderless.trust.models import Brand, BrandStatus, Decision, ListingScreening
from borderless.web.ops.views import chosen_decision, console_note, operator_required


def _errors(exc: ValidationError) -> str:
    return (
        " ".join(m for ms in exc.message_dict.values() for m in ms)
        if hasattr(exc, "error_dict")
        else " ".join(exc.messages)
    )


@operator_required
def brands(request):
    status = request.GET.get("status", BrandStatus.PENDING)
    queryset = (
        Brand.objects.select_related("owner")
        .prefetch_related("trademarks", "documents")
        .order_by("created_at")
    )
    if status in BrandStatus.values:
        queryset = queryset.filter(status=status)
    context = {
        "brands": queryset[:200],
        "status": status,
        "statuses": BrandStatus.choices,
        "ops_tab": "brands",
    }
    return render(request, "web/ops/brands.html", context)


@operator_required
@require_POST
def brand_decide(request, public_id):
    brand = get_object_or_404(Brand, public_id=public_id)
    if (decision := chosen_decision(request, "verify", "reject")) is None or (
        note := console_note(request)
    ) is None:
        return redirect(f"{reverse('web:ops-brands')}?status={brand.status}")
    try:
        if decision == "verify":
            brand = trust.verify_brand(request.user, brand, note)
            messages.success(request, f"{brand.name_en} is verified; listings are being screened against it.")
        else:
            brand = trust.reject_brand(request.user, brand, note)
            messages.success(request, f"{brand.name_en} was rejected.")
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    return redirect(f"{reverse('web:ops-brands')}?status={brand.status}")


@operator_required
def review_queue(request):
    held = screening.review_queue()[:100]
    return render(request, "web/ops/review.html", {"held": held, "ops_tab": "review"})


@operator_required
@require_POST
def review_decide(request, public_id):
    row = get_object_or_404(ListingScreening, public_id=public_id, is_current=True)
    if (choice := chosen_decision(request, "clear", "uphold")) is None or (
        note := console_note(request)
    ) is None:
        return redirect("web:ops-review")
    decision = Decision.CLEARED if choice == "clear" else Decision.UPHELD
    try:
        screening.decide(request.user, row.public_id, decision, note)
    except ValidationError as exc:
        messages.error(request, _errors(exc))
    else:
        verb = "cleared: buyers can see it again" if decision == Decision.CLEARED else "kept from buyers"
        messages.success(request, f"“{row.product.title_en}” {verb}.")
    return redirect("web:ops-review")
