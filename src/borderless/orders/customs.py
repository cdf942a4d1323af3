"""The buyer's identity as customs needs it (CN-C9): the only place the ID number is decrypted."""

from __future__ import annotations

import hmac

from borderless.orders.errors import InvalidIdentity
from borderless.orders.identity import (
    BuyerIdentity,
    blind_index,
    decrypt_id_number,
    normalise_id_number,
    normalise_real_name,
)
from borderless.orders.models import Order


def customs_identity(order: Order) -> BuyerIdentity:
    """Name and plaintext ID number for the CEB311/411/621 messages; elsewhere show `buyer_id_masked`."""
    return BuyerIdentity(order.buyer_name, decrypt_id_number(order.buyer_id_encrypted))


def payer_is_orderer(order: Order, payer_name: str, payer_id_number: str) -> bool:
    """CN-C9: the payer declared by the payment provider must be the person who ordered."""
    try:
        name = normalise_real_name(payer_name)
        number = normalise_id_number(payer_id_number)
    except InvalidIdentity:
        return False
    return name == order.buyer_name and hmac.compare_digest(blind_index(number), order.buyer_id_index)
