"""The translation memory: a text translated once is not sent again; a seller's corrections come first."""

import hashlib
import re
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone

from borderless.translation.models import TranslationMemory
from borderless.translation.providers import Translation

_SPACE = re.compile(r"\s+")


def normalised(text: str) -> str:
    return _SPACE.sub(" ", text or "").strip()


def source_hash(text: str) -> str:
    return hashlib.sha256(normalised(text).encode()).hexdigest()


def recall(
    texts: Sequence[str], provider_key: str, source: str, target: str, seller_id: int | None
) -> dict[str, Translation]:
    """The remembered translations of these texts, by source hash: the seller's correction over the
    provider's answer. One query."""
    hashes = {source_hash(t) for t in texts if normalised(t)}
    if not hashes:
        return {}
    scope = Q(seller__isnull=True, provider=provider_key)
    if seller_id:
        scope |= Q(seller_id=seller_id)
    rows = TranslationMemory.objects.filter(
        scope,
        source_lang=source,
        target_lang=target,
        source_hash__in=hashes,
    ).values_list("source_hash", "seller_id", "translated_text", "untranslated")
    found: dict[str, Translation] = {}
    for digest, row_seller, text, untranslated in sorted(rows, key=lambda r: r[1] is not None):
        found[digest] = Translation(text, () if row_seller else tuple(untranslated))  # seller rows last: win
    return found


def store(pairs: Sequence[tuple[str, Translation]], provider_key: str, source: str, target: str) -> None:
    rows = [
        TranslationMemory(
            provider=provider_key,
            source_lang=source,
            target_lang=target,
            source_hash=source_hash(text),
            source_text=normalised(text),
            translated_text=result.text,
            untranslated=list(result.untranslated),
        )
        for text, result in pairs
        if normalised(text)
    ]
    TranslationMemory.objects.bulk_create(rows, ignore_conflicts=True)


def remember_correction(seller_id: int, source_text: str, corrected: str, source="en", target="zh") -> None:
    """The seller corrected the machine's translation of `source_text`: reuse theirs for their listings."""
    if not normalised(source_text) or not corrected.strip():
        return
    TranslationMemory.objects.update_or_create(
        seller_id=seller_id,
        source_lang=source,
        target_lang=target,
        source_hash=source_hash(source_text),
        defaults={
            "provider": "seller",
            "source_text": normalised(source_text),
            "translated_text": corrected.strip(),
            "untranslated": [],
            "updated_at": timezone.now(),
        },
    )
