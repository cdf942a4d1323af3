"""The brand portal: brand owners register brands, reference products and the sellers they authorise."""

import re
from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderless.accounts import services as accounts
from borderless.accounts.models import Role
from borderless.trust import services as trust
from borderless.trust.models import Brand, BrandDocument
from borderless.web.brand.forms import (
    AuthorizedSellerForm,
    BrandForm,
    BrandOwnerSignupForm,
    ReferenceProductForm,
)

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


def brand_owner_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.role != Role.BRAND_OWNER:
            raise PermissionDenied(_("The brand portal is for brand owners."))
        return view(request, *args, **kwargs)

    return wrapper


def _form_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
        name = field.split(".")[-1] if field else None
        form.add_error(name if name in form.fields else None, errors)


def _own_brand(request, public_id) -> Brand:
    try:
        return trust.get_own_brand(request.user, public_id)
    except Brand.DoesNotExist:
        raise Http404 from None


def signup(request):
    form = BrandOwnerSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = accounts.sign_up_brand_owner(data["email"], data["password"], data["full_name"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("web:brand-home")
    return render(request, "web/brand/signup.html", {"form": form})


@brand_owner_required
def home(request):
    brands = trust.own_brands(request.user).order_by("-created_at", "-id")
    return render(request, "web/brand/home.html", {"brands": brands})


@brand_owner_required
def brand_new(request):
    form = BrandForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in ("name_en", "name_zh", "aliases", "website")}
        trademark = {k: data[k] for k in ("office", "number", "classes", "expires_on")}
        try:
            brand = trust.register_brand(request.user, fields, [trademark], data["documents"])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request, _("Brand registered: Borderless will check the trademark and verify it.")
            )
            return redirect("web:brand-detail", brand.public_id)
    return render(request, "web/brand/brand_form.html", {"form": form})


@brand_owner_required
def brand_detail(request, public_id):
    brand = _own_brand(request, public_id)
    product_form = ReferenceProductForm(prefix="product")
    seller_form = AuthorizedSellerForm(prefix="seller")
    status = 200
    if request.method == "POST" and request.POST.get("action") == "product":
        product_form = ReferenceProductForm(request.POST, request.FILES, prefix="product")
        if product_form.is_valid():
            data = product_form.cleaned_data
            gtins = [g for g in data["gtins"].replace(" ", ",").split(",") if g]
            fields = {k: data[k] for k in ("name_en", "name_zh", "msrp_amount", "msrp_currency")}
            try:
                trust.add_reference_product(request.user, brand, fields, gtins, data["images"])
            except ValidationError as exc:
                _form_errors(product_form, exc)
            else:
                messages.success(request, _("Reference product added."))
                return redirect("web:brand-detail", brand.public_id)
    elif request.method == "POST" and request.POST.get("action") == "seller":
        seller_form = AuthorizedSellerForm(request.POST, prefix="seller")
        if seller_form.is_valid():
            found = _UUID.search(seller_form.cleaned_data["seller"])
            try:
                if not found:
                    raise ValidationError({"seller": [_("No seller with this id.")]})
                trust.authorize_seller(request.user, brand, found.group())
            except ValidationError as exc:
                _form_errors(seller_form, exc)
            else:
                messages.success(request, _("Seller authorised."))
                return redirect("web:brand-detail", brand.public_id)
    elif request.method == "POST":
        messages.error(request, _("Choose what to add: a reference product or an authorised seller."))
        status = 400
    context = {
        "brand": brand,
        "trademarks": brand.trademarks.all(),
        "documents": brand.documents.all(),
        "products": brand.products.prefetch_related("gtins", "images"),
        "authorized": brand.authorized_sellers.select_related("seller"),
        "product_form": product_form,
        "seller_form": seller_form,
    }
    return render(request, "web/brand/brand_detail.html", context, status=status)


@login_required
def document(request, public_id):
    """A supporting document, for its brand's owner and operators only (never a public media address)."""
    try:
        row = BrandDocument.objects.select_related("brand").get(public_id=public_id)
    except BrandDocument.DoesNotExist:
        raise Http404 from None
    if not (request.user.is_operator or row.brand.owner_id == request.user.pk):
        raise Http404
    return FileResponse(row.file.open("rb"), content_type=row.content_type, filename=row.original_name)
