"""What notifications does when other domains' events arrive (imported by NotificationsConfig.ready).

Each handler runs once per event (the events bus records it with its effects) and names the fact it tells
(`<kind>:<id>`), so a second event about the same fact tells nobody twice either. An id that is missing,
malformed or unknown is tolerated where the order is known: a parcel event still names the order.

| event | payload | told |
|---|---|---|
| payment succeeded | order, payment | the buyer (订单已支付); the seller's members (a new paid order) |
| order shipped, parcel released, parcel delivered | order, parcel | the buyer |
| refund made | order, refund, amount, currency | the buyer |
| message received | message, conversation | the other side (`conversations.events.recipients`) |
| review answered | review, buyer | the buyer who wrote the review |
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from borderless import events
from borderless.accounts.models import Membership
from borderless.conversations import events as conversation_events
from borderless.conversations.models import Message
from borderless.logistics.models import Parcel
from borderless.notifications import services
from borderless.notifications.kinds import Kind
from borderless.orders.models import Order
from borderless.reviews.models import Review


def _uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _order(payload: dict) -> Order | None:
    wanted = _uuid(payload.get("order"))
    if wanted is None:
        return None
    return Order.objects.select_related("buyer", "seller").filter(public_id=wanted).first()


def _members(seller_id: int) -> list:
    return [m.user for m in Membership.objects.filter(seller_id=seller_id).select_related("user")]


def order_params(order: Order) -> dict:
    """What an order's notice names: its short reference and the seller, never the buyer's identity."""
    seller = order.seller
    return {
        "order": str(order.public_id),
        "ref": str(order.public_id)[:8],
        "seller": seller.display_name_zh or seller.display_name,
    }


@events.handler("payment succeeded", key="notifications.order_paid")
def order_paid(event: events.Event) -> None:
    order = _order(event.payload)
    if order is None:
        return
    services.notify(
        f"{Kind.ORDER_PAID}:{order.public_id}", Kind.ORDER_PAID, [order.buyer], order_params(order)
    )
    seller_side = {
        "order": str(order.public_id),
        "ref": str(order.public_id)[:8],
        "amount": str(order.goods_total),
        "currency": order.goods_currency,
    }
    services.notify(
        f"{Kind.NEW_ORDER}:{order.public_id}", Kind.NEW_ORDER, _members(order.seller_id), seller_side
    )


def _parcel_notice(event: events.Event, kind: str) -> None:
    order = _order(event.payload)
    if order is None:
        return
    params = order_params(order)
    parcel_id = _uuid(event.payload.get("parcel"))
    if parcel_id is not None:
        parcel = Parcel.objects.filter(order=order, public_id=parcel_id).first()
        if parcel is not None:
            params.update(
                parcel=str(parcel.public_id), carrier=parcel.carrier, tracking=parcel.tracking_number
            )
    fact = f"{kind}:{order.public_id}:{parcel_id or '-'}"
    services.notify(fact, kind, [order.buyer], params)


@events.handler("order shipped", key="notifications.order_shipped")
def order_shipped(event: events.Event) -> None:
    _parcel_notice(event, Kind.ORDER_SHIPPED)


@events.handler("parcel released", key="notifications.parcel_released")
def parcel_released(event: events.Event) -> None:
    _parcel_notice(event, Kind.CUSTOMS_RELEASED)


@events.handler("parcel delivered", key="notifications.parcel_delivered")
def parcel_delivered(event: events.Event) -> None:
    _parcel_notice(event, Kind.DELIVERED)


@events.handler("refund made", key="notifications.refund_made")
def refund_made(event: events.Event) -> None:
    order = _order(event.payload)
    if order is None:
        return
    params = order_params(order)
    try:
        amount = Decimal(str(event.payload.get("amount")))
        currency = str(event.payload.get("currency") or "")
        if amount.is_finite() and amount > 0 and len(currency) == 3:
            params.update(amount=str(amount), currency=currency.upper())
    except InvalidOperation:
        pass  # the notice names the order without the amount
    refund_id = _uuid(event.payload.get("refund"))
    fact = f"{Kind.REFUND_MADE}:{order.public_id}:{refund_id or event.id}"
    services.notify(fact, Kind.REFUND_MADE, [order.buyer], params)


@events.handler("message received", key="notifications.message_received")
def message_received(event: events.Event) -> None:
    wanted = _uuid(event.payload.get("message"))
    message = (
        Message.objects.select_related("conversation__seller", "conversation__buyer", "conversation__order")
        .select_related("conversation__product")
        .filter(public_id=wanted)
        .first()
        if wanted
        else None
    )
    if message is None:
        return
    conversation = message.conversation
    seller = conversation.seller
    about = (
        f"order {str(conversation.order.public_id)[:8]}"
        if conversation.order_id
        else (conversation.product.title_en if conversation.product_id else conversation.subject)
    )
    params = {
        "conversation": str(conversation.public_id),
        "side": message.side,
        "seller": seller.display_name_zh or seller.display_name,
        "about": about[:200],
    }
    fact = f"{Kind.MESSAGE}:{message.public_id}"
    services.notify(fact, Kind.MESSAGE, conversation_events.recipients(message), params)


@events.handler("review answered", key="notifications.review_answered")
def review_answered(event: events.Event) -> None:
    wanted = _uuid(event.payload.get("review"))
    review = (
        Review.objects.select_related("buyer", "seller", "product").filter(public_id=wanted).first()
        if wanted
        else None
    )
    if review is None:
        return
    # The review's own buyer is told, whoever the payload names: never someone else's review.
    buyer = review.buyer
    named = event.payload.get("buyer")
    if named is not None and str(named) not in (str(buyer.pk), str(buyer.public_id)):
        return  # a payload that disagrees with the review tells nobody
    product = review.product
    params = {
        "review": str(review.public_id),
        "seller": review.seller.display_name_zh or review.seller.display_name,
        "product": (product.title_zh or product.title_en) if product else "",
        "product_id": str(product.public_id) if product else "",
    }
    services.notify(f"{Kind.REVIEW_ANSWERED}:{review.public_id}", Kind.REVIEW_ANSWERED, [buyer], params)
