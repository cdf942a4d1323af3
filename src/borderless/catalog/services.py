"""Catalog use cases. Every write goes through here, checks who acts, and runs in one transaction."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min, OuterRef, Prefetch, Subquery, Sum
from django.utils import timezone

from borderless.accounts.models import Seller, User
from borderless.catalog.hs import normalise_hs_code
from borderless.catalog.images import normalise_image
from borderless.catalog.models import (
    Category,
    Product,
    ProductChange,
    ProductImage,
    ProductStatus,
    Sku,
    TranslationStatus,
)
from borderless.catalog.versions import record_version
from borderless.translation import listings as translation

PRODUCT_FIELDS = (
    "category",
    "brand_name",
    "hs_code",
    "eccn",
    "origin_state",
    "title_en",
    "title_zh",
    "description_en",
    "description_zh",
    "net_content_value",
    "net_content_unit",
    "unit_weight_g",
)
# Also taken by create_product/update_product: `chinese_reviewed`, the seller reviewed the machine's Chinese.
SKU_FIELDS = ("code", "option_en", "option_zh", "price_usd", "stock", "gtin")
MAX_SKUS = 50
MAX_IMAGES = 8


def seller_of(user: User) -> Seller:
    """The seller organisation the user works for; PermissionDenied for anyone else."""
    membership = getattr(user, "membership", None) if user and user.is_authenticated else None
    if membership is None:
        raise PermissionDenied("Only members of a seller organisation can manage products.")
    return membership.seller


def own_products(user: User):
    return Product.objects.filter(seller=seller_of(user))


def get_own_product(user: User, public_id) -> Product:
    """The user's seller's product; Product.DoesNotExist for another seller's (never reveal it exists)."""
    return (
        own_products(user)
        .select_related("category", "seller__rate_card")
        .prefetch_related("skus", "images")
        .get(public_id=public_id)
    )


def _per_product(aggregate):
    """One product's SKU aggregate as a correlated subquery: evaluated only for the rows returned, so
    `buyer_products().order_by(...)[:12]` never groups the whole catalogue."""
    skus = Sku.objects.filter(product=OuterRef("pk")).order_by().values("product")
    return Subquery(skus.annotate(value=aggregate).values("value"))


def buyer_products():
    """Published products of verified sellers, with what a listing card needs, in a fixed query count."""
    return (
        Product.objects.visible_to_buyers()
        .select_related("category", "seller__rate_card")
        .annotate(
            min_price_usd=_per_product(Min("price_usd")),
            total_stock=_per_product(Sum("stock")),
        )
        .prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("position", "id")))
    )


def record_change(product: Product, content_changed: bool = True) -> None:
    """Tell the search index (outbox) and, when what buyers are shown changed, keep the new version."""
    ProductChange.objects.create(product_id=product.pk)
    if content_changed:
        record_version(product)


def _resolve_category(value) -> Category:
    if isinstance(value, Category):
        return value
    try:
        return Category.objects.get(slug=value)
    except Category.DoesNotExist:
        raise ValidationError({"category": [f"Unknown category '{value}'."]}) from None


def _apply_product_fields(product: Product, fields: Mapping) -> None:
    for name in PRODUCT_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        if name == "category":
            value = _resolve_category(value)
        elif name == "hs_code":
            value = normalise_hs_code(value)
        elif name == "eccn":
            value = str(value or "").strip().upper()
        elif isinstance(value, str):
            value = value.strip()
        setattr(product, name, value)


def _validate_skus(product: Product, skus: list[Mapping]) -> list[Sku]:
    if not skus:
        raise ValidationError({"skus": ["A product needs at least one SKU with a price and stock."]})
    if len(skus) > MAX_SKUS:
        raise ValidationError({"skus": [f"A product may have at most {MAX_SKUS} SKUs."]})
    codes = [str(s.get("code", "")).strip() for s in skus]
    if len(set(codes)) != len(codes):
        raise ValidationError({"skus": ["Each SKU code may appear only once per product."]})
    existing = {s.code: s for s in product.skus.all()} if product.pk else {}
    built, errors = [], {}
    for index, data in enumerate(skus):
        code = str(data.get("code", "")).strip()
        sku = existing.get(code) or Sku(product=product)
        for name in SKU_FIELDS:
            if name in data:
                value = data[name]
                setattr(sku, name, value.strip() if isinstance(value, str) else value)
        try:
            sku.full_clean(exclude=["product"], validate_unique=False)
        except ValidationError as exc:
            errors.update({f"skus[{index}].{k}": v for k, v in exc.message_dict.items()})
        built.append(sku)
    if errors:
        raise ValidationError(errors)
    return built


def _save(product: Product, skus: list[Mapping] | None) -> Product:
    try:
        product.full_clean(exclude=["seller"])
    except ValidationError as exc:
        if skus is not None:
            try:
                _validate_skus(product, skus)
            except ValidationError as sku_exc:
                raise ValidationError({**exc.message_dict, **sku_exc.message_dict}) from None
        raise
    sku_objects = _validate_skus(product, skus) if skus is not None else None
    product.updated_at = timezone.now()
    product.save()
    if sku_objects is not None:
        keep = [s.code for s in sku_objects]
        product.skus.exclude(code__in=keep).delete()
        for sku in sku_objects:
            sku.product = product
            sku.save()
    record_change(product)
    return product


@transaction.atomic
def create_product(user: User, fields: Mapping, skus: list[Mapping]) -> Product:
    seller = seller_of(user)
    product = Product(seller=seller, origin_country="US", status=ProductStatus.DRAFT)
    _apply_product_fields(product, fields)
    if not product.origin_state:
        product.origin_state = seller.state
    translation.note_chinese(product, {}, fields, new=True)
    _save(product, skus)
    translation.queue_listing_translation(product)
    if fields.get("status") == ProductStatus.PUBLISHED:
        _publish_or_wait(user, product)
    return product


@transaction.atomic
def update_product(
    user: User, product: Product, fields: Mapping, skus: list[Mapping] | None = None
) -> Product:
    if product.seller_id != seller_of(user).pk:
        raise Product.DoesNotExist
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = translation.texts_of(product)
    _apply_product_fields(product, fields)
    translation.note_chinese(product, before, fields, new=False)
    _save(product, skus)
    translation.queue_listing_translation(product)
    status = fields.get("status")
    if status == ProductStatus.PUBLISHED and product.status != ProductStatus.PUBLISHED:
        _publish_or_wait(user, product)
    elif status == ProductStatus.DRAFT and product.status == ProductStatus.PUBLISHED:
        unpublish_product(user, product)
    return product


def _publish_or_wait(user: User, product: Product) -> None:
    """Publish now, or, while the Chinese title is still being translated, as soon as it is there."""
    if not product.title_zh and product.translation_status != TranslationStatus.DONE:
        _check_publishable(user, product)  # the same checks as publishing, before the wait is promised
        product.publish_when_translated = True
        product.save(update_fields=["publish_when_translated"])
        return
    publish_product(user, product)


@transaction.atomic
def delete_product(user: User, product: Product) -> None:
    if product.seller_id != seller_of(user).pk:
        raise Product.DoesNotExist
    ProductChange.objects.create(product_id=product.pk)
    product.delete()


def _check_publishable(user: User, product: Product) -> None:
    seller = seller_of(user)
    if product.seller_id != seller.pk:
        raise Product.DoesNotExist
    if not seller.is_verified:
        raise ValidationError(
            {"status": ["Your business must be verified by Borderless before its products can be published."]}
        )
    if product.status == ProductStatus.SUSPENDED:
        raise ValidationError({"status": ["This product is suspended; contact Borderless support."]})
    if not product.skus.exists():
        raise ValidationError({"status": ["Add at least one SKU before publishing."]})


def publish_product(user: User, product: Product) -> Product:
    _check_publishable(user, product)
    if not product.title_zh:
        raise ValidationError(
            {
                "status": [
                    "A listing is published once its Chinese title is there: wait for the machine "
                    "translation or write the Chinese title yourself (the description may follow later)."
                ]
            }
        )
    product.status = ProductStatus.PUBLISHED
    product.published_at = product.published_at or timezone.now()
    product.save(update_fields=["status", "published_at"])
    record_change(product)
    return product


def unpublish_product(user: User, product: Product) -> Product:
    if product.seller_id != seller_of(user).pk:
        raise Product.DoesNotExist
    if product.status == ProductStatus.SUSPENDED:
        raise ValidationError({"status": ["This product is suspended; contact Borderless support."]})
    product.status = ProductStatus.DRAFT
    product.save(update_fields=["status"])
    record_change(product)
    return product


@transaction.atomic
def set_stock(user: User, product: Product, stock_by_code: Mapping[str, int]) -> None:
    if product.seller_id != seller_of(user).pk:
        raise Product.DoesNotExist
    errors = {}
    skus = {s.code: s for s in product.skus.select_for_update()}
    for code, stock in stock_by_code.items():
        if code not in skus:
            errors[code] = ["Unknown SKU."]
        elif not isinstance(stock, int) or stock < 0 or stock > 10_000_000:
            errors[code] = ["Stock is a whole number from 0 to 10,000,000."]
    if errors:
        raise ValidationError(errors)
    for code, stock in stock_by_code.items():
        Sku.objects.filter(pk=skus[code].pk).update(stock=stock)
    record_change(product, content_changed=False)  # "sold out" on the cards of cached search results


@transaction.atomic
def add_image(user: User, product: Product, upload, alt_en: str = "", alt_zh: str = "") -> ProductImage:
    if product.seller_id != seller_of(user).pk:
        raise Product.DoesNotExist
    if product.images.count() >= MAX_IMAGES:
        raise ValidationError({"image": [f"A product may have at most {MAX_IMAGES} images."]})
    content = normalise_image(upload)
    image = ProductImage(product=product, position=product.images.count(), alt_en=alt_en, alt_zh=alt_zh)
    image.image.save(content.name, content, save=False)
    image.save()
    record_change(product)
    return image


@transaction.atomic
def remove_image(user: User, product: Product, image_id: int) -> None:
    if product.seller_id != seller_of(user).pk:
        raise Product.DoesNotExist
    image = product.images.get(pk=image_id)
    image.image.delete(save=False)
    image.delete()
    record_change(product)


def suspend_product(operator: User, product: Product) -> Product:
    if not operator.is_operator:
        raise PermissionDenied("Only operators can suspend products.")
    product.status = ProductStatus.SUSPENDED
    product.save(update_fields=["status"])
    record_change(product)
    return product


def set_held_from_buyers(product: Product, held: bool) -> None:
    """Hide a listing from buyers (or show it again) on brand protection's word; the index hears of it."""
    if product.held_from_buyers == held:
        return
    product.held_from_buyers = held
    Product.objects.filter(pk=product.pk).update(held_from_buyers=held)
    record_change(product, content_changed=False)


def ensure_categories(specs: Iterable) -> None:
    for position, spec in enumerate(specs):
        Category.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name_en": spec.name_en,
                "name_zh": spec.name_zh,
                "typical_hs_code": spec.typical_hs_code,
                "position": position,
            },
        )
