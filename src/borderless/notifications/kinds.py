"""The kinds of notice, who receives each, and the channels a notice goes out on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ORDER_PAID = "order_paid", _("Order paid")
    NEW_ORDER = "new_order", _("New paid order")
    ORDER_SHIPPED = "order_shipped", _("Order shipped")
    CUSTOMS_RELEASED = "customs_released", _("Released by customs")
    DELIVERED = "delivered", _("Order delivered")
    REFUND_MADE = "refund_made", _("Refund made")
    MESSAGE = "message", _("New message")
    REVIEW_ANSWERED = "review_answered", _("Review answered")


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-site")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


# What a buyer and a seller's member can hear of, in the order their preference pages list them.
BUYER_KINDS = (
    Kind.ORDER_PAID,
    Kind.ORDER_SHIPPED,
    Kind.CUSTOMS_RELEASED,
    Kind.DELIVERED,
    Kind.REFUND_MADE,
    Kind.MESSAGE,
    Kind.REVIEW_ANSWERED,
)
SELLER_KINDS = (Kind.NEW_ORDER, Kind.MESSAGE)
# The in-site inbox always receives; e-mail is on until turned off; SMS is off until turned on (and needs a
# mobile number). Sellers (US numbers) choose e-mail only.
OPTIONAL_CHANNELS = (Channel.EMAIL, Channel.SMS)
DEFAULT_WANTED = {Channel.EMAIL: True, Channel.SMS: False}


def is_seller_side(user) -> bool:
    return getattr(user, "membership", None) is not None


def kinds_for(user) -> tuple:
    return SELLER_KINDS if is_seller_side(user) else BUYER_KINDS


def channels_for(user) -> tuple:
    return (Channel.EMAIL,) if is_seller_side(user) else OPTIONAL_CHANNELS


def language_of(user) -> str:
    """The language a notice is written in for `user`: English for sellers and staff, Chinese for buyers."""
    return "en" if is_seller_side(user) or user.is_staff else "zh-hans"
