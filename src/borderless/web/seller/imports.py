"""The seller centre's import of a Shopify or WooCommerce export, and HS code suggestions for a listing."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from borderless.catalog import services as catalog
from borderless.catalog.models import Product
from borderless.catalog.storefront_import import StorefrontImportReport
from borderless.trust import listings
from borderless.web.seller.views import seller_required


class StorefrontImportForm(forms.Form):
    file = forms.FileField(label="Export file (CSV)")
    dry_run = forms.BooleanField(
        required=False, label="Check only", help_text="Show what would be created; save nothing."
    )
    publish = forms.BooleanField(
        required=False,
        initial=True,
        label="Publish what the shop published",
        help_text="Only products whose HS code suggestion is sure and unrestricted; the rest stay drafts.",
    )


@seller_required
def storefront_import(request):
    form = StorefrontImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.MAX_CSV_BYTES:
            report = StorefrontImportReport(
                errors=[
                    (0, f"The file is {upload.size:,} bytes; the limit is {settings.MAX_CSV_BYTES:,} bytes.")
                ]
            )
        else:
            report = listings.import_storefront_listings(
                request.user,
                upload.read(),
                settings.MAX_CSV_BYTES,
                dry_run=form.cleaned_data["dry_run"],
                publish=form.cleaned_data["publish"],
            )
    return render(
        request,
        "web/seller/import.html",
        {"seller": request.seller, "form": form, "report": report, "tab": "csv"},
    )


def _own(request, public_id) -> Product:
    try:
        return catalog.get_own_product(request.user, public_id)
    except (Product.DoesNotExist, ValidationError):
        raise Http404 from None


@seller_required
@require_POST
def product_hs_code(request, public_id):
    """The seller confirms a suggested HS code (or keeps the one typed in the form)."""
    product = _own(request, public_id)
    code = request.POST.get("hs_code", "")
    try:
        listings.update_listing(request.user, product, {"hs_code": code})
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    else:
        messages.success(request, f"HS code set to {product.hs_code}.")
    return redirect("web:seller-product", product.public_id)
