"""Sellers in the demo that ship on their own rates: a ginseng farm with a negotiated China rate (light
parcels, its own courier account) and a maple sugarhouse whose heavy glass bottles go by the kilogram."""

from borderless.accounts.models import User
from borderless.catalog.rate_cards import set_rate_card

# Seller code → brackets (USD). Zones and weights the card leaves out use the platform's default card.
RATE_CARDS = {
    "MCG": [
        {"zone": "CN", "up_to_g": 500, "base": "9.50"},
        {"zone": "CN", "up_to_g": 2000, "base": "13.00", "per_additional_kg": "3.50"},
        {"zone": "JP", "up_to_g": 1000, "base": "11.00"},
    ],
    "RSH": [
        {"zone": "CN", "up_to_g": 1000, "base": "15.00"},
        {"zone": "CN", "up_to_g": 10000, "base": "18.00", "per_additional_kg": "4.00"},
        {"zone": "CA", "up_to_g": 5000, "base": "8.00", "per_additional_kg": "1.50"},
    ],
}


def set_demo_rate_card(code: str, owner: User) -> bool:
    """Give the seller its demo rate card, if it has one; True when it did."""
    brackets = RATE_CARDS.get(code)
    if brackets is None:
        return False
    set_rate_card(owner, brackets)
    return True
