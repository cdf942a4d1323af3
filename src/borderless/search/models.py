"""The search index's own state; the index tables themselves come from raw-SQL migrations (FTS5, tsvector)."""

from django.db import models


class IndexGeneration(models.Model):
    """One row whose number grows whenever the index changes: cached search results carry it in their key,
    so a change to any listing makes every cached result set obsolete at once (ADR 0203)."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"search index generation {self.value}"
