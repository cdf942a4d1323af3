"""Listing screening as pure functions on plain data: no database, no Django.

`screen(listing, registry)` returns the score, the verdict and the reasons; `trust.services` gathers the facts
from the database and stores the result.
"""

from borderless.trust.rules.facts import BrandFacts, ListingFacts, Reason, ReferenceProduct, Screening
from borderless.trust.rules.registry import BrandRegistry
from borderless.trust.rules.screen import BLOCK_AT, REVIEW_AT, screen

__all__ = [
    "BLOCK_AT",
    "REVIEW_AT",
    "BrandFacts",
    "BrandRegistry",
    "ListingFacts",
    "Reason",
    "ReferenceProduct",
    "Screening",
    "screen",
]
