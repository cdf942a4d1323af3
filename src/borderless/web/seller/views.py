"""The seller centre (English): own products only, members, profile, CSV."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from borderless.accounts import services as accounts
from borderless.accounts.models import Membership
from borderless.catalog import csv_io, rate_cards
from borderless.catalog import services as catalog
from borderless.catalog.landed import DESTINATIONS, listing_quote
from borderless.catalog.models import Product, ProductStatus
from borderless.trust import listings
from borderless.trust.screening import current_screening
from borderless.web.forms import (
    CsvImportForm,
    ImageForm,
    InviteForm,
    ProductForm,
    SellerProfileForm,
    SignupForm,
    SkuFormSet,
)
from borderless.web.pricing import DESTINATION_NAMES
from borderless.web.rate_card_forms import RateCardFormSet, apply_errors, default_card_rows, submitted_rows
from borderless.web.seller.hs_panel import hs_panel


def seller_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        membership = getattr(request.user, "membership", None)
        if membership is None:
            raise PermissionDenied("The seller centre is for members of a seller organisation.")
        request.seller = membership.seller
        return view(request, *args, **kwargs)

    return wrapper


def _own(request, public_id) -> Product:
    try:
        return catalog.get_own_product(request.user, public_id)
    except (Product.DoesNotExist, ValidationError):
        raise Http404 from None


def _apply_errors(form, formset, exc: ValidationError) -> None:
    for key, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
        if key and key.startswith("skus[") and "]." in key:
            index, field = int(key[5 : key.index("]")]), key.split("].", 1)[1]
            forms = [f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
            if index < len(forms) and field in forms[index].fields:
                forms[index].add_error(field, errors)
                continue
        form.add_error(key if key in form.fields else None, errors)


def _context(request, **extra):
    return {"seller": request.seller, **extra}


@seller_required
def dashboard(request):
    products = (
        catalog.own_products(request.user)
        .select_related("category")
        .prefetch_related("skus")
        .order_by("-updated_at", "-id")
    )
    status = request.GET.get("status")
    if status in ProductStatus.values:
        products = products.filter(status=status)
    return render(request, "web/seller/dashboard.html", _context(request, products=products, tab="products"))


def _save_product(request, product: Product | None):
    initial = {"origin_state": request.seller.state}
    if product is not None:
        initial = {name: getattr(product, name) for name in catalog.PRODUCT_FIELDS}
        initial["category"] = product.category.slug
    sku_initial = [
        {
            "code": s.code,
            "option_en": s.option_en,
            "option_zh": s.option_zh,
            "price_usd": s.price_usd,
            "stock": s.stock,
            "gtin": s.gtin,
        }
        for s in (product.skus.all() if product else [])
    ]
    form = ProductForm(request.POST or None, initial=initial)
    formset = SkuFormSet(request.POST or None, initial=sku_initial, prefix="skus")
    hs = hs_panel(product) if product is not None else None
    if (
        request.method == "POST"
        and product is None
        and (request.POST.get("suggest_hs") or request.POST.get("use_hs"))
    ):
        # Suggest an HS code from what the seller has written so far (or take one suggested): nothing saved.
        data = {
            **request.POST.dict(),
            **({"hs_code": request.POST["use_hs"]} if request.POST.get("use_hs") else {}),
        }
        form, hs = ProductForm(initial={**initial, **data}), hs_panel(None, data)
    elif request.method == "POST" and form.is_valid() and formset.is_valid():
        fields = dict(form.cleaned_data)
        skus = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        skus = [{k: v for k, v in s.items() if k != "DELETE"} for s in skus]
        if request.POST.get("publish") == "1":
            fields["status"] = ProductStatus.PUBLISHED
        try:
            if product is None:
                product, result = listings.create_listing(request.user, fields, skus)
                messages.success(request, "Product created.")
            else:
                product, result = listings.update_listing(request.user, product, fields, skus)
                messages.success(request, "Product saved.")
            if result.holds_listing:
                messages.warning(request, "Brand protection holds this listing for review; see why below.")
        except ValidationError as exc:
            _apply_errors(form, formset, exc)
        else:
            return redirect("web:seller-product", product.public_id)
    return render(
        request,
        "web/seller/product_form.html",
        _context(
            request,
            form=form,
            formset=formset,
            product=product,
            image_form=ImageForm(),
            screening=current_screening(product) if product is not None else None,
            hs=hs,
            tab="new" if product is None else "products",
        ),
    )


@seller_required
def product_new(request):
    return _save_product(request, None)


@seller_required
def product_edit(request, public_id):
    return _save_product(request, _own(request, public_id))


@seller_required
@require_POST
def product_status(request, public_id):
    product = _own(request, public_id)
    status = request.POST.get("status")
    if status not in (ProductStatus.PUBLISHED, ProductStatus.DRAFT):
        # Only the two buttons' values: anything else used to unpublish the product.
        messages.error(request, _("Choose to publish or to unpublish the product."))
        return redirect("web:seller-product", product.public_id)
    try:
        if status == ProductStatus.PUBLISHED:
            catalog.publish_product(request.user, product)
            messages.success(request, _("Published: buyers can now find this product."))
        else:
            catalog.unpublish_product(request.user, product)
            messages.success(request, _("Unpublished: the product is a draft again."))
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    return redirect("web:seller-product", product.public_id)


@seller_required
def product_landed(request, public_id):
    """What a buyer in each destination pays for this product, and whether it may be sold there at all."""
    product = _own(request, public_id)
    skus = list(product.skus.all())
    chosen = next((s for s in skus if s.code == request.GET.get("sku")), skus[0] if skus else None)
    try:
        quantity = max(1, min(int(request.GET.get("quantity", "1")), 50))
    except ValueError:
        quantity = 1
    rows = []
    if chosen is not None:
        for destination in DESTINATIONS:
            quote = listing_quote(product, chosen.price_usd, destination, quantity=quantity)
            rows.append({"destination": destination, "name": DESTINATION_NAMES[destination], "quote": quote})
    return render(
        request,
        "web/seller/landed.html",
        _context(request, product=product, skus=skus, chosen=chosen, quantity=quantity, rows=rows),
    )


@seller_required
@require_POST
def product_delete(request, public_id):
    catalog.delete_product(request.user, _own(request, public_id))
    messages.success(request, "Product deleted.")
    return redirect("web:seller-dashboard")


@seller_required
@require_POST
def product_image(request, public_id):
    product = _own(request, public_id)
    form = ImageForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose an image file to upload.")
    else:
        try:
            listings.add_listing_image(request.user, product, form.cleaned_data["image"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Image added.")
    return redirect("web:seller-product", product.public_id)


@seller_required
def csv_page(request):
    form = CsvImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.MAX_CSV_BYTES:
            report = csv_io.ImportReport(
                errors=[
                    (0, f"The file is {upload.size:,} bytes; the limit is {settings.MAX_CSV_BYTES:,} bytes.")
                ]
            )
        else:
            report = listings.import_listings(request.user, upload.read(), settings.MAX_CSV_BYTES)
        if report.ok:
            messages.success(request, f"Imported: {report.created} new, {report.updated} updated.")
            return redirect("web:seller-dashboard")
    return render(request, "web/seller/csv.html", _context(request, form=form, report=report, tab="csv"))


@seller_required
def csv_export(request):
    response = HttpResponse(csv_io.export_products(request.user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="borderless-products.csv"'
    return response


@seller_required
def members(request):
    form = InviteForm(request.POST or None)
    invite_link = None
    if request.method == "POST" and form.is_valid():
        try:
            _, token = accounts.invite_member(request.user, form.cleaned_data["email"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error("email", exc.messages if isinstance(exc, ValidationError) else [str(exc)])
        else:
            invite_link = request.build_absolute_uri(f"/seller/join/{token}/")
            messages.success(request, "Invitation created. Send the link below to your colleague.")
    team = Membership.objects.filter(seller=request.seller).select_related("user").order_by("joined_at")
    is_owner = request.user.membership.role == "owner"
    return render(
        request,
        "web/seller/members.html",
        _context(request, form=form, team=team, invite_link=invite_link, is_owner=is_owner, tab="members"),
    )


def join(request, token):
    try:
        invitation = accounts.find_invitation(token)
    except ValidationError:
        raise Http404 from None

    form = SignupForm(request.POST or None, initial={"email": invitation.email, "role": "seller"})
    if request.method == "POST":
        try:
            user = accounts.accept_invitation(
                token,
                request.POST.get("email", ""),
                request.POST.get("password", ""),
                request.POST.get("full_name", ""),
            )
        except ValidationError as exc:
            for key, errors in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            ):
                form.add_error(key if key in form.fields else None, errors)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("web:seller-dashboard")
    return render(request, "web/seller/join.html", {"form": form, "invitation": invitation})


@seller_required
def profile(request):
    seller = request.seller
    initial = {name: getattr(seller, name) for name in accounts.SELLER_FIELDS}
    form = SellerProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.update_seller_profile(request.user, form.cleaned_data)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for key, errors in exc.message_dict.items():
                form.add_error(key if key in form.fields else None, errors)
        else:
            messages.success(request, "Business profile saved.")
            return redirect("web:seller-profile")
    return render(request, "web/seller/profile.html", _context(request, form=form, tab="profile"))


@seller_required
def rate_card(request):
    """The seller's own freight rates by zone and weight; where it has none, the platform's default card."""
    card = rate_cards.rate_card_of(request.user)
    formset = RateCardFormSet(request.POST or None, initial=card.brackets if card else [], prefix="brackets")
    card_errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows, kept = submitted_rows(formset)
        try:
            rate_cards.set_rate_card(request.user, rows)
        except ValidationError as exc:
            card_errors = apply_errors(kept, exc.message_dict)
        else:
            messages.success(request, _("Rate card saved. Landed prices of your listings now use it."))
            return redirect("web:seller-rate-card")
    context = _context(
        request,
        formset=formset,
        card=card,
        card_errors=card_errors,
        failed=request.method == "POST",  # a valid card redirects: a POST that renders was refused
        default_card=default_card_rows(),
        tab="rates",
    )
    return render(request, "web/seller/rate_card.html", context)
