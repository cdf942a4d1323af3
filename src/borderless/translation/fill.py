"""The background half of a listing's translation: fill the missing Chinese, or say why not and retry."""

import logging

from django.db import transaction
from django.utils import timezone

from borderless.catalog import services as catalog
from borderless.catalog.models import ChineseOrigin, Product, ProductStatus, Sku, TranslationStatus
from borderless.translation import services
from borderless.translation.listings import TEXTS, needs_translation
from borderless.translation.providers import TranslationError

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
UNTRANSLATED_SHOWN = 12


def retry_delay(attempts: int, retry_after: float | None) -> float:
    """Seconds before the next attempt: what the provider asked for, else 30 s doubling up to an hour."""
    return max(retry_after or 0.0, min(30.0 * 2 ** max(attempts - 1, 0), 3600.0))


@transaction.atomic
def fill_listing(product_id: int) -> float | None:
    """Translate what the listing is missing and save it as machine text (the seller reviews it); publish it
    when the seller asked to and the title now exists. On a provider error the listing keeps its English,
    is marked `failed` with the reason, and the delay before the next try is returned."""
    product = Product.objects.select_for_update().filter(pk=product_id).first()
    if product is None or product.translation_status == TranslationStatus.DONE:
        return None
    fields = needs_translation(product)
    sources = {zh: getattr(product, en) for zh, _, en in TEXTS if zh in fields}
    skus = Sku.objects.filter(product_id=product.pk)
    options = [s for s in skus if s.option_en.strip() and not s.option_zh]
    try:
        answers = services.translate(
            [*sources.values(), *(s.option_en for s in options)],
            seller_id=product.seller_id,
            keep=[product.brand_name],
        )
    except TranslationError as exc:
        product.translation_attempts += 1
        product.translation_status = TranslationStatus.FAILED
        product.translation_note = f"Translation failed ({exc.message}); it will be tried again."[:500]
        product.save(update_fields=["translation_status", "translation_note", "translation_attempts"])
        log.warning("Translation of product %s failed: %s", product_id, exc.message)
        if not exc.retryable or product.translation_attempts >= MAX_ATTEMPTS:
            product.translation_attempts = MAX_ATTEMPTS
            product.translation_note = (
                f"Translation failed ({exc.message}). Write the Chinese yourself or save again to retry."
            )[:500]
            product.save(update_fields=["translation_note", "translation_attempts"])
            return None
        return retry_delay(product.translation_attempts, exc.retry_after)
    untranslated: list[str] = []
    changed = ["translation_status", "translation_note", "translation_attempts"]
    answers, option_answers = answers[: len(sources)], answers[len(sources) :]
    for sku, answer in zip(options, option_answers, strict=True):
        if answer.text:  # an option the seller left without Chinese: filled, never one they wrote
            Sku.objects.filter(pk=sku.pk, option_zh="").update(option_zh=answer.text[:100])
    for (zh, origin_field, _), answer in zip([t for t in TEXTS if t[0] in sources], answers, strict=True):
        setattr(product, zh, answer.text[: Product._meta.get_field(zh).max_length])
        setattr(product, origin_field, ChineseOrigin.MACHINE if answer.text else ChineseOrigin.MISSING)
        changed += [zh, origin_field]
        untranslated += [w for w in answer.untranslated if w not in untranslated]
    product.translation_status = TranslationStatus.DONE
    product.translation_attempts = 0
    product.translation_note = (
        "Left in English (not in the glossary): " + ", ".join(untranslated[:UNTRANSLATED_SHOWN])
        if untranslated
        else ""
    )[:500]
    if (
        product.publish_when_translated
        and product.title_zh
        and product.status == ProductStatus.DRAFT
        and product.seller.is_verified
    ):
        product.publish_when_translated = False
        product.status = ProductStatus.PUBLISHED
        product.published_at = product.published_at or timezone.now()
        changed += ["publish_when_translated", "status", "published_at"]
    product.save(update_fields=changed)
    catalog.record_change(product)
    from borderless.trust.screening import screen_saved_listing

    screen_saved_listing(product)
    return None
