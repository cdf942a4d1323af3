"""The order domain's use cases, in one place for callers (API, web, payments, tasks)."""

from borderless.orders.cart import (
    CartLine,
    CartView,
    SellerCart,
    add_to_cart,
    add_to_cart_counted,
    cart_view,
    remove_from_cart,
    set_cart_quantity,
)
from borderless.orders.checkout import (
    RESERVATION_TTL,
    CheckoutResult,
    PaymentShare,
    checkout,
    get_checkout,
    payment_shares,
)
from borderless.orders.customs import customs_identity, payer_is_orderer
from borderless.orders.lifecycle import (
    SYSTEM_EXPIRY,
    cancel,
    cancel_checkout,
    expire_reservations,
    give_back_quota_part,
    mark_checkout_paid,
    mark_paid,
    restore_annual_quota,
    return_stock,
    transition,
)

__all__ = [
    "RESERVATION_TTL",
    "SYSTEM_EXPIRY",
    "CartLine",
    "CartView",
    "CheckoutResult",
    "PaymentShare",
    "SellerCart",
    "add_to_cart",
    "add_to_cart_counted",
    "cancel",
    "cancel_checkout",
    "cart_view",
    "checkout",
    "customs_identity",
    "expire_reservations",
    "get_checkout",
    "give_back_quota_part",
    "mark_checkout_paid",
    "mark_paid",
    "payer_is_orderer",
    "payment_shares",
    "remove_from_cart",
    "restore_annual_quota",
    "return_stock",
    "set_cart_quantity",
    "transition",
]
