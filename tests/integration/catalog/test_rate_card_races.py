"""Two members of a seller saving its rate card at once: both answered, one card, no version lost."""

import pytest

from borderless.catalog.models import RateCard
from borderless.catalog.rate_cards import set_rate_card
from factories import make_seller, owner_of, staff_of
from support import at_once

pytestmark = pytest.mark.django_db(transaction=True)


def _cards(base: str) -> list[dict]:
    return [{"zone": "CN", "up_to_g": 1000, "base": base}]


@pytest.mark.parametrize("existing", [False, True])
def test_concurrent_saves_of_one_sellers_card(on_postgres, existing):
    seller = make_seller()
    members = [owner_of(seller), staff_of(seller)]
    if existing:
        set_rate_card(members[0], _cards("1.00"))
    results = at_once(2, lambda i: set_rate_card(members[i], _cards(f"{i + 5}.00")))
    assert all(isinstance(r, RateCard) for r in results), results
    card = RateCard.objects.get(seller=seller)
    assert card.version == (3 if existing else 2)
    assert card.brackets[0]["base"] in {"5.00", "6.00"}
