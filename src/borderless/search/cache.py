"""Reuse what was computed from a page of search results while nothing it shows can have changed (ADR 0203).

The key holds the index's version (`results_version`: any listing change or seller decision moves it), the
caller's own inputs (words, filters, page, language, currency, destination, FX rate) and today's date (the
tariffs in force). What is cached must be plain data (text, numbers, lists, dicts). Stock shown on a card
may lag by SEARCH_CACHE_SECONDS at most when it changes at checkout rather than by the seller.
"""

import hashlib
import json
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from borderless.search.services import results_version

T = TypeVar("T")


def cached_results(namespace: str, inputs: list, compute: Callable[[], T]) -> T:
    seconds = settings.SEARCH_CACHE_SECONDS
    if seconds <= 0:
        return compute()
    material = [results_version(), str(timezone.now().date()), *inputs]
    digest = hashlib.sha256(json.dumps(material, ensure_ascii=False, default=str).encode()).hexdigest()
    key = f"search:{namespace}:{digest}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, seconds)
    return found
