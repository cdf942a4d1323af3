"""A listing's Chinese: who wrote it, what is missing, and queueing the machine translation of the rest.

The catalog calls `note_chinese(product, before, fields)` before it saves a listing and
`queue_listing_translation(product)` after; the worker then fills the missing Chinese (`fill.py`). Text the
seller wrote or corrected is never replaced; machine text is replaced when the English it came from changes.
"""

from collections.abc import Mapping

from django.db import transaction

from borderless.catalog.models import ChineseOrigin, Product, TranslationStatus
from borderless.translation import memory

# (Chinese field, its origin field, the English it translates)
TEXTS = (
    ("title_zh", "title_zh_origin", "title_en"),
    ("description_zh", "description_zh_origin", "description_en"),
)


def texts_of(product: Product) -> dict[str, str]:
    return {name: getattr(product, name) or "" for pair in TEXTS for name in (pair[0], pair[2])}


def needs_translation(product: Product) -> list[str]:
    """The Chinese fields the machine (re)writes: missing, or machine text (reviewed text whose English
    changed is machine text again, `note_chinese`). Never the seller's."""
    return [
        zh
        for zh, origin, _ in TEXTS
        if getattr(product, origin) in (ChineseOrigin.MISSING, ChineseOrigin.MACHINE)
    ]


def note_chinese(product: Product, before: Mapping[str, str], fields: Mapping, new: bool) -> None:
    """Set who wrote each Chinese text after the seller's edit, remember corrections, and mark the listing
    `queued` when something is left for the machine. `before` is `texts_of(product)` before the edit
    (empty for a new listing); `fields` what the seller sent (`chinese_reviewed`: the seller reviewed the
    machine text shown beside the English and saves it, changed or not)."""
    reviewed = bool(fields.get("chinese_reviewed"))
    queue = False
    for zh, origin_field, en in TEXTS:
        text = (getattr(product, zh) or "").strip()
        origin = ChineseOrigin.MISSING if new else getattr(product, origin_field)
        english_changed = not new and (before.get(en, "") != getattr(product, en))
        sent = zh in fields
        if not text:
            origin = ChineseOrigin.MISSING
        elif new and sent:
            origin = ChineseOrigin.SELLER
        elif sent and text != before.get(zh, ""):
            if origin in (ChineseOrigin.MACHINE, ChineseOrigin.REVIEWED) and not english_changed:
                memory.remember_correction(product.seller_id, getattr(product, en), text)
            origin = ChineseOrigin.SELLER
        elif reviewed and origin == ChineseOrigin.MACHINE and not english_changed:
            origin = ChineseOrigin.REVIEWED
        if origin == ChineseOrigin.MISSING or (english_changed and origin != ChineseOrigin.SELLER):
            queue = queue or bool(getattr(product, en).strip())
            if origin == ChineseOrigin.REVIEWED:
                origin = ChineseOrigin.MACHINE  # its English changed: to be translated and reviewed again
        setattr(product, origin_field, origin)
    if queue:
        product.translation_status = TranslationStatus.QUEUED
        product.translation_attempts = 0
        product.translation_note = ""


def queue_listing_translation(product: Product, delay: float | None = None) -> bool:
    """Queue the background translation of the listing's missing Chinese, after the caller's transaction
    commits (a rolled-back save queues nothing). True when something was queued."""
    if product.translation_status == TranslationStatus.DONE or product.pk is None:
        return False
    product_id = product.pk

    def enqueue() -> None:
        from borderless.translation import tasks

        if delay:
            tasks.translate_listing.schedule(args=(product_id,), delay=delay)
        else:
            tasks.translate_listing(product_id)

    transaction.on_commit(enqueue)
    return True
