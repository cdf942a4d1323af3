"""Sellers' own freight rate cards: read and replaced by the seller's members, used by every landed quote.

A change moves every cached landed price of the seller's listings forward: it writes the search outbox for
each listing buyers can see, in the same transaction, so cached result pages and product pages (keyed by
the index generation, ADR 0203) are recomputed with the new card.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from borderless.accounts.models import Seller, User
from borderless.catalog.models import Product, ProductChange, RateCard
from borderless.catalog.services import seller_of
from borderless.trade import rate_card as rules


def rate_card_of(user: User) -> RateCard | None:
    """The user's seller's card (None before it sets one); PermissionDenied for anyone not a member."""
    return RateCard.objects.filter(seller=seller_of(user)).first()


def freight_card(seller: Seller) -> rules.RateCard | None:
    """The seller's card for the quote engine; None when it has none (the default card applies).

    Load sellers with `select_related("rate_card")` (or `…seller__rate_card`) where many are priced: this
    reads the related row only when it was not loaded with the seller.
    """
    try:
        card = seller.rate_card
    except RateCard.DoesNotExist:
        return None
    return rules.stored_rate_card(card.brackets)


@transaction.atomic
def set_rate_card(user: User, rows: Iterable[Mapping]) -> RateCard:
    """Replace the seller's brackets (an empty list leaves only the default card). Any member may.

    ValidationError with "brackets[i].field" keys when a row is wrong: nothing is saved then.
    """
    seller = seller_of(user)
    try:
        parsed = rules.parse_rate_card(rows)
    except rules.InvalidRateCard as exc:
        raise ValidationError(exc.errors) from None
    brackets = parsed.as_rows()
    # Two members saving at once: the row lock (or, for the first card, the unique seller) serialises them.
    card, created = RateCard.objects.select_for_update().get_or_create(
        seller=seller, defaults={"brackets": brackets, "updated_by": user}
    )
    if not created and card.brackets == brackets:
        return card
    if not created:
        card.brackets, card.version = brackets, card.version + 1
        card.updated_at, card.updated_by = timezone.now(), user
        card.save()
    shown = Product.objects.visible_to_buyers().filter(seller=seller).values_list("pk", flat=True)
    ProductChange.objects.bulk_create([ProductChange(product_id=pk) for pk in shown])
    seller.rate_card = card
    return card
