"""Who may see which orders, and the lists the buyer's and the seller's faces show."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, QuerySet, Value, When

from borderless.accounts.models import Seller, User
from borderless.orders.lifecycle import cancel
from borderless.orders.models import CartItem, Order
from borderless.orders.state import OrderStatus

# What a seller must act on comes first: paid (to ship), held by customs, then shipped, then the rest.
SELLER_ORDER_RANK = {
    OrderStatus.PAID: 0,
    OrderStatus.REFUND_REQUESTED: 1,
    OrderStatus.CUSTOMS_HELD: 2,
    OrderStatus.SHIPPED: 3,
    OrderStatus.CUSTOMS_DECLARED: 3,
    OrderStatus.CUSTOMS_RELEASED: 3,
}


def _uuid(value) -> uuid.UUID | None:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def is_seller_member(user: User | None, order: Order) -> bool:
    """The user belongs to the seller organisation of the order."""
    membership = getattr(user, "membership", None) if user and user.is_authenticated else None
    return membership is not None and membership.seller_id == order.seller_id


def may_see(user: User, order: Order) -> bool:
    """The order's buyer, a member of its seller, or an operator."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_operator or order.buyer_id == user.pk:
        return True
    return is_seller_member(user, order)


def order_by_ref(ref) -> Order:
    """The order itself, or the one with this public id (with its seller); Order.DoesNotExist otherwise."""
    if isinstance(ref, Order):
        return ref
    public_id = _uuid(ref)
    if public_id is None:
        raise Order.DoesNotExist
    return Order.objects.select_related("seller").get(public_id=public_id)


def visible_order(user: User, public_id) -> Order:
    """One order the user may see, with its lines and seller; Order.DoesNotExist for anyone else's (no hint
    that it exists)."""
    public_id = _uuid(public_id)
    if public_id is None:
        raise Order.DoesNotExist
    order = (
        Order.objects.select_related("seller", "checkout", "buyer")
        .prefetch_related("lines")
        .get(public_id=public_id)
    )
    if not may_see(user, order):
        raise Order.DoesNotExist
    return order


def buyer_orders(buyer: User) -> QuerySet[Order]:
    """The buyer's orders, newest first."""
    if buyer is None or not buyer.is_authenticated:
        raise PermissionDenied("Sign in to see your orders.")
    return (
        Order.objects.filter(buyer=buyer)
        .select_related("seller", "checkout")
        .prefetch_related("lines")
        .order_by("-created_at", "-id")
    )


def seller_orders(seller: Seller) -> QuerySet[Order]:
    """A seller's orders, those awaiting the seller first (paid, then refund requested, then shipped)."""
    rank = Case(
        *[When(status=status, then=Value(n)) for status, n in SELLER_ORDER_RANK.items()],
        default=Value(9),
        output_field=IntegerField(),
    )
    return (
        Order.objects.filter(seller=seller)
        .exclude(status=OrderStatus.PENDING_PAYMENT)
        .select_related("checkout")
        .prefetch_related("lines")
        .annotate(rank=rank)
        .order_by("rank", "-paid_at", "-id")
    )


def cancel_order(user: User, public_id) -> Order:
    """Cancel an unpaid order (its buyer, a member of its seller, or an operator): stock and annual quota
    go back. Order.DoesNotExist if the user may not see it; IllegalTransition if it is no longer unpaid."""
    order = visible_order(user, public_id)
    return cancel(order, user, "cancelled before payment")


def cart_count(buyer: User) -> int:
    """The number of units in the buyer's cart (the header's badge)."""
    if buyer is None or not buyer.is_authenticated or not buyer.is_buyer:
        return 0
    return sum(CartItem.objects.filter(cart__buyer=buyer).values_list("quantity", flat=True))
