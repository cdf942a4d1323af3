"""Brand registry use cases: brand owners register brands, trademarks, documents, reference products and
authorised sellers; operators verify or reject brands. Each is one transaction; a change to what screening
compares against re-screens the listings after commit."""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from borderless.accounts.models import Role, Seller, User
from borderless.catalog.gtin import validate_gtin
from borderless.catalog.images import normalise_image
from borderless.money.currencies import MINOR_UNITS
from borderless.trust.documents import check_document
from borderless.trust.images import perceptual_hash_of_file, to_hex
from borderless.trust.models import (
    AuthorizedSeller,
    Brand,
    BrandDocument,
    BrandGtin,
    BrandImage,
    BrandProduct,
    BrandStatus,
    RegistryVersion,
    TrademarkOffice,
    TrademarkRegistration,
)
from borderless.trust.rules.text import han_runs

MAX_TRADEMARKS = 20
MAX_DOCUMENTS = 10
MAX_ALIASES = 20
MAX_GTINS = 20
MAX_REFERENCE_IMAGES = 8


def require_brand_owner(user: User) -> None:
    if not (user and user.is_authenticated and user.is_active and user.role == Role.BRAND_OWNER):
        raise PermissionDenied(_("Only brand owners can manage brands."))


def require_operator(user: User) -> None:
    if not (user and user.is_authenticated and user.is_operator):
        raise PermissionDenied(_("Only operators can review brands and listings."))


def own_brands(user: User):
    require_brand_owner(user)
    return Brand.objects.filter(owner=user)


def get_own_brand(user: User, public_id) -> Brand:
    """The user's brand; Brand.DoesNotExist for anyone else's (never reveal it exists)."""
    return own_brands(user).get(public_id=public_id)


def readable_brands(user: User):
    """The brands a user may read: an operator every brand (they verify them), a brand owner its own."""
    if user and user.is_authenticated and user.is_operator:
        return Brand.objects.all()
    return own_brands(user)


def get_readable_brand(user: User, public_id) -> Brand:
    return readable_brands(user).get(public_id=public_id)


def _rescreen_after_commit(brand: Brand) -> None:
    from borderless.trust import tasks

    transaction.on_commit(lambda: tasks.rescreen_for_brand(brand.pk))


def _touch(brand: Brand) -> None:
    """Every change to a brand's data moves updated_at and the registry's version: screening reloads the
    registry when either moves."""
    brand.updated_at = timezone.now()
    Brand.objects.filter(pk=brand.pk).update(updated_at=brand.updated_at)
    registry_changed()


def registry_changed() -> None:
    """Move the registry's version in the caller's transaction (its row lock orders concurrent changes)."""
    if not RegistryVersion.objects.filter(pk=1).update(number=F("number") + 1):
        # Made by migration 0005; only a database emptied since (a test's flush) lacks it.
        RegistryVersion.objects.get_or_create(pk=1, defaults={"number": 1})


def _clean_aliases(aliases: object) -> list[str]:
    if aliases in (None, ""):
        return []
    if isinstance(aliases, str):
        aliases = [a for a in aliases.replace("\n", ",").split(",")]
    if not isinstance(aliases, list | tuple):
        raise ValidationError({"aliases": [_("A list of names.")]})
    cleaned = [str(a).strip()[:100] for a in aliases if str(a).strip()]
    if len(cleaned) > MAX_ALIASES:
        raise ValidationError({"aliases": [_("At most %(n)d other names.") % {"n": MAX_ALIASES}]})
    return list(dict.fromkeys(cleaned))


def _clean_trademark(data: Mapping, index: int) -> TrademarkRegistration:
    errors = {}
    office = str(data.get("office", "")).strip().upper()
    number = str(data.get("number", "")).strip()
    if office not in TrademarkOffice.values:
        errors[f"trademarks[{index}].office"] = [
            _("One of: %(offices)s.") % {"offices": ", ".join(TrademarkOffice.values)}
        ]
    if not number or len(number) > 40:
        errors[f"trademarks[{index}].number"] = [_("The registration number, up to 40 characters.")]
    classes = data.get("classes") or []
    if isinstance(classes, str):
        classes = [c for c in classes.replace(" ", ",").split(",") if c]
    try:
        classes = sorted({int(c) for c in classes})
    except (TypeError, ValueError):
        classes = [0]
    if not classes or not all(1 <= c <= 45 for c in classes):
        errors[f"trademarks[{index}].classes"] = [_("Nice classes, whole numbers from 1 to 45.")]
    expires = data.get("expires_on")
    if isinstance(expires, str):
        try:
            expires = datetime.date.fromisoformat(expires)
        except ValueError:
            expires = None
    if not isinstance(expires, datetime.date):
        errors[f"trademarks[{index}].expires_on"] = [_("The expiry date, YYYY-MM-DD.")]
    elif expires <= timezone.now().date():
        errors[f"trademarks[{index}].expires_on"] = [_("This registration has expired.")]
    if errors:
        raise ValidationError(errors)
    return TrademarkRegistration(office=office, number=number, classes=classes, expires_on=expires)


@transaction.atomic
def register_brand(
    owner: User, fields: Mapping, trademarks: list[Mapping], documents: Iterable = ()
) -> Brand:
    """A brand owner's claim to a brand, with at least one trademark registration; pending until verified."""
    require_brand_owner(owner)
    errors = {}
    name_en = str(fields.get("name_en", "")).strip()
    name_zh = str(fields.get("name_zh", "")).strip()
    if not name_en or len(name_en) > 100:
        errors["name_en"] = [_("The brand's name in Latin letters, up to 100 characters.")]
    if name_zh and (len(name_zh) > 100 or not han_runs(name_zh)):
        errors["name_zh"] = [_("The brand's Chinese name, in Chinese characters.")]
    if not trademarks:
        errors["trademarks"] = [_("Add at least one trademark registration.")]
    elif len(trademarks) > MAX_TRADEMARKS:
        errors["trademarks"] = [_("At most %(n)d registrations.") % {"n": MAX_TRADEMARKS}]
    registrations = []
    for index, data in enumerate(trademarks[:MAX_TRADEMARKS]):
        try:
            registrations.append(_clean_trademark(data, index))
        except ValidationError as exc:
            errors.update(exc.message_dict)
    documents = list(documents)
    if len(documents) > MAX_DOCUMENTS:
        errors["documents"] = [_("At most %(n)d documents.") % {"n": MAX_DOCUMENTS}]
    checked = []
    for upload in documents[:MAX_DOCUMENTS]:
        try:
            checked.append(check_document(upload))
        except ValidationError as exc:
            errors.setdefault("documents", []).extend(exc.messages)
    try:
        aliases = _clean_aliases(fields.get("aliases"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
        aliases = []
    if errors:
        raise ValidationError(errors)
    brand = Brand(
        owner=owner,
        name_en=name_en,
        name_zh=name_zh,
        name_pinyin=str(fields.get("name_pinyin", "")).strip()[:200],
        aliases=aliases,
        website=str(fields.get("website", "")).strip(),
    )
    brand.full_clean(exclude=["owner", "own_seller", "reviewed_by"])
    brand.save()
    registry_changed()
    for registration in registrations:
        registration.brand = brand
        registration.save()
    first = registrations[0]
    for document in checked:
        _store_document(brand, first, document)
    return brand


def _store_document(brand: Brand, trademark: TrademarkRegistration | None, document) -> BrandDocument:
    row = BrandDocument(
        brand=brand,
        trademark=trademark,
        original_name=document.original_name,
        content_type=document.content_type,
        size_bytes=len(document.content),
        sha256=document.sha256,
    )
    row.file.save(document.as_file().name, document.as_file(), save=False)
    row.save()
    return row


@transaction.atomic
def add_document(owner: User, brand: Brand, upload) -> BrandDocument:
    brand = get_own_brand(owner, brand.public_id)
    if brand.documents.count() >= MAX_DOCUMENTS:
        raise ValidationError({"documents": [_("At most %(n)d documents.") % {"n": MAX_DOCUMENTS}]})
    return _store_document(brand, brand.trademarks.first(), check_document(upload))


def _review(operator: User, brand: Brand, status: str, note: str) -> Brand:
    require_operator(operator)
    brand = Brand.objects.select_for_update().get(pk=brand.pk)
    brand.status = status
    brand.status_note = (note or "").strip()[:500]
    brand.reviewed_by = operator
    brand.reviewed_at = timezone.now()
    brand.updated_at = brand.reviewed_at
    try:
        with transaction.atomic():
            brand.save()
    except IntegrityError:
        raise ValidationError({"name_en": [_("Another verified brand already has this name.")]}) from None
    registry_changed()
    _rescreen_after_commit(brand)
    return brand


@transaction.atomic
def verify_brand(operator: User, brand: Brand, note: str = "") -> Brand:
    return _review(operator, brand, BrandStatus.VERIFIED, note)


@transaction.atomic
def reject_brand(operator: User, brand: Brand, note: str) -> Brand:
    if not (note or "").strip():
        raise ValidationError({"note": [_("Say why the brand is rejected; the brand owner reads this.")]})
    return _review(operator, brand, BrandStatus.REJECTED, note)


def _verified_own_brand(owner: User, brand: Brand) -> Brand:
    brand = own_brands(owner).select_for_update().get(pk=brand.pk)
    if not brand.is_verified:
        raise ValidationError({"brand": [_("Borderless must verify the brand first.")]})
    return brand


def _clean_msrp(fields: Mapping) -> tuple:
    from decimal import Decimal, InvalidOperation

    currency = str(fields.get("msrp_currency", "USD")).strip().upper()
    if currency not in MINOR_UNITS:
        raise ValidationError({"msrp_currency": [_("An ISO 4217 currency code such as USD.")]})
    try:
        amount = Decimal(str(fields.get("msrp_amount", "")))
    except InvalidOperation:
        amount = Decimal(0)
    if (
        not amount.is_finite()
        or amount <= 0
        or amount > Decimal("1000000")
        or amount.as_tuple().exponent < -2
    ):
        raise ValidationError(
            {"msrp_amount": [_("The list price, a positive amount with at most 2 decimals.")]}
        )
    return amount, currency


@transaction.atomic
def add_reference_product(
    owner: User, brand: Brand, fields: Mapping, gtins: list[str], images: Iterable = ()
) -> BrandProduct:
    """A genuine product of a verified brand: its names, MSRP, GTINs and official images."""
    brand = _verified_own_brand(owner, brand)
    errors = {}
    name_en = str(fields.get("name_en", "")).strip()
    if not name_en or len(name_en) > 200:
        errors["name_en"] = [_("The product's name, up to 200 characters.")]
    try:
        amount, currency = _clean_msrp(fields)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    gtins = [str(g).strip() for g in (gtins or []) if str(g).strip()]
    if len(gtins) > MAX_GTINS:
        errors["gtins"] = [_("At most %(n)d GTINs.") % {"n": MAX_GTINS}]
    for gtin in gtins:
        try:
            validate_gtin(gtin)
        except ValidationError as exc:
            errors.setdefault("gtins", []).append(f"{gtin}: {exc.messages[0]}")
    taken = BrandGtin.objects.filter(gtin__in=gtins).values_list("gtin", flat=True)
    for gtin in taken:
        errors.setdefault("gtins", []).append(
            _("%(gtin)s is already registered to a brand.") % {"gtin": gtin}
        )
    if len(set(gtins)) != len(gtins):
        errors.setdefault("gtins", []).append(_("Each GTIN once."))
    images = list(images)
    if len(images) > MAX_REFERENCE_IMAGES:
        errors["images"] = [_("At most %(n)d images.") % {"n": MAX_REFERENCE_IMAGES}]
    normalised = []
    for upload in images[:MAX_REFERENCE_IMAGES]:
        try:
            normalised.append(normalise_image(upload))
        except ValidationError as exc:
            errors.setdefault("images", []).extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    product = BrandProduct.objects.create(
        brand=brand,
        name_en=name_en,
        name_zh=str(fields.get("name_zh", "")).strip()[:200],
        msrp_amount=amount,
        msrp_currency=currency,
    )
    BrandGtin.objects.bulk_create([BrandGtin(product=product, gtin=g) for g in gtins])
    for content in normalised:
        image = BrandImage(product=product, phash=to_hex(perceptual_hash_of_file(content)))
        image.image.save(content.name, content, save=False)
        image.save()
    _touch(brand)
    _rescreen_after_commit(brand)
    return product


@transaction.atomic
def authorize_seller(owner: User, brand: Brand, seller_public_id) -> AuthorizedSeller:
    brand = _verified_own_brand(owner, brand)
    try:
        seller = Seller.objects.get(public_id=seller_public_id)
    except (Seller.DoesNotExist, ValidationError, ValueError):
        raise ValidationError({"seller": [_("No seller with this id.")]}) from None
    authorization, _created = AuthorizedSeller.objects.get_or_create(
        brand=brand, seller=seller, defaults={"added_by": owner}
    )
    _touch(brand)
    _rescreen_after_commit(brand)
    return authorization


@transaction.atomic
def revoke_seller(owner: User, brand: Brand, seller_public_id) -> None:
    brand = _verified_own_brand(owner, brand)
    AuthorizedSeller.objects.filter(brand=brand, seller__public_id=seller_public_id).delete()
    _touch(brand)
    _rescreen_after_commit(brand)


@transaction.atomic
def set_own_seller(operator: User, brand: Brand, seller: Seller | None) -> Brand:
    """Operators link a brand to the seller organisation that is the brand itself (after checking it is)."""
    require_operator(operator)
    Brand.objects.filter(pk=brand.pk).update(own_seller=seller, updated_at=timezone.now())
    registry_changed()
    brand.refresh_from_db()
    _rescreen_after_commit(brand)
    return brand
