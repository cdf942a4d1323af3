"""The seller's side-by-side review of a listing's machine-translated Chinese."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from borderless.catalog.models import TranslationStatus
from borderless.trust import listings
from borderless.web.forms import ChineseReviewForm
from borderless.web.seller.views import _own, seller_required


@seller_required
@require_POST
def review_chinese(request, public_id):
    """Save the reviewed Chinese: unchanged text counts as reviewed (buyers no longer see 机器翻译), changed
    text becomes the seller's own (never translated over, and remembered for the seller's other listings)."""
    product = _own(request, public_id)
    form = ChineseReviewForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(request, f"{form.fields[field].label}: {' '.join(errors)}")
        return redirect("web:seller-product", product.public_id)
    fields = {**form.cleaned_data, "chinese_reviewed": True}
    try:
        listings.update_listing(request.user, product, fields)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    else:
        messages.success(request, "Chinese reviewed: buyers no longer see the machine-translation mark.")
    return redirect("web:seller-product", product.public_id)


@seller_required
@require_GET
def translation_panel(request, public_id):
    """What the listing page polls while the translation is queued: the panel as it is while the worker has
    not filled the Chinese yet, then a full reload (`HX-Refresh`), so that the Chinese, the review form and
    the listing's status (published once its title is there) all show as they now are."""
    product = _own(request, public_id)
    if product.translation_status == TranslationStatus.QUEUED:
        return render(request, "web/seller/translation_panel.html", {"product": product})
    response = HttpResponse("")
    response["HX-Refresh"] = "true"
    return response
