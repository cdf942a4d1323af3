"""Translation memory: every text translated once, and every seller's correction of a translation."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from borderless.accounts.models import Seller


class TranslationMemory(models.Model):
    """One source text and its translation. Rows without a seller are what a provider answered (keyed by the
    provider and its glossary version, `provider`); a seller's row is that seller's own correction, reused
    before anything else for that seller's listings."""

    seller = models.ForeignKey(
        Seller, null=True, blank=True, on_delete=models.CASCADE, related_name="translation_corrections"
    )
    provider = models.CharField(max_length=80)
    source_lang = models.CharField(max_length=8)
    target_lang = models.CharField(max_length=8)
    source_hash = models.CharField(max_length=64)
    source_text = models.TextField()
    translated_text = models.TextField()
    untranslated = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "source_lang", "target_lang", "source_hash"],
                condition=Q(seller__isnull=True),
                name="translation_memory_unique",
            ),
            models.UniqueConstraint(
                fields=["seller", "source_lang", "target_lang", "source_hash"],
                condition=Q(seller__isnull=False),
                name="translation_correction_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_text[:40]} -> {self.translated_text[:40]}"
