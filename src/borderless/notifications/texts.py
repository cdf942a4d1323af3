"""What a notice says, rendered in the reader's language when it is shown or sent.

The texts are gettext messages filled from the notice's `params`; an amount is formatted for the language
(¥381.85 in Chinese, CN¥381.85 in English). SMS go out as a gateway template code and its parameters
(`SMS_TEMPLATES`): the gateway holds the approved Chinese text of each code.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from borderless.money import Money
from borderless.money.formatting import format_money
from borderless.notifications.kinds import Kind

SMS_TEMPLATES = {
    Kind.ORDER_PAID: "BL_ORDER_PAID",
    Kind.ORDER_SHIPPED: "BL_ORDER_SHIPPED",
    Kind.CUSTOMS_RELEASED: "BL_CUSTOMS_RELEASED",
    Kind.DELIVERED: "BL_DELIVERED",
    Kind.REFUND_MADE: "BL_REFUND_MADE",
    Kind.MESSAGE: "BL_MESSAGE",
    Kind.REVIEW_ANSWERED: "BL_REVIEW_ANSWERED",
}


def amount_text(params: dict) -> str:
    try:
        money = Money(Decimal(params["amount"]), params["currency"])
    except (KeyError, TypeError, ValueError, InvalidOperation):
        return ""
    locale = "zh_Hans_CN" if (get_language() or "zh-hans").startswith("zh") else "en_US"
    return format_money(money, locale)


def title(kind: str) -> str:
    return str(Kind(kind).label) if kind in Kind.values else kind


def body(kind: str, params: dict) -> str:
    values = {
        "ref": params.get("ref", ""),
        "seller": params.get("seller", ""),
        "product": params.get("product", ""),
        "tracking": f"{params.get('carrier', '')} {params.get('tracking', '')}".strip(),
        "amount": amount_text(params),
    }
    return _body(kind, params, values)


def _body(kind: str, params: dict, v: dict) -> str:
    if kind == Kind.ORDER_PAID:
        return _("Your order %(ref)s from %(seller)s is paid. The seller ships it next.") % v
    if kind == Kind.NEW_ORDER:
        if v["amount"]:
            return _("Order %(ref)s is paid (%(amount)s of goods). Ship it within your handling time.") % v
        return _("Order %(ref)s is paid. Ship it within your handling time.") % v
    if kind == Kind.ORDER_SHIPPED:
        if v["tracking"]:
            return _("Your order %(ref)s has shipped: %(tracking)s.") % v
        return _("Your order %(ref)s has shipped.") % v
    if kind == Kind.CUSTOMS_RELEASED:
        return _("China customs released the parcel of your order %(ref)s. It is on its way to you.") % v
    if kind == Kind.DELIVERED:
        return _("Your order %(ref)s was delivered. Please confirm receipt when all is well.") % v
    if kind == Kind.REFUND_MADE:
        if v["amount"]:
            return _("A refund of %(amount)s was made for your order %(ref)s.") % v
        return _("A refund was made for your order %(ref)s.") % v
    if kind == Kind.MESSAGE:
        if params.get("side") == "operator":
            return _("Borderless customer service wrote to you.")
        if params.get("side") == "buyer":
            return _("A buyer wrote to you about %(about)s.") % {"about": params.get("about", "")}
        return _("%(seller)s answered you.") % v
    if kind == Kind.REVIEW_ANSWERED:
        return _("%(seller)s answered your review of %(product)s.") % v
    return ""


def sms_params(params: dict) -> dict:
    """The parameters of an SMS template: short values only, as gateways require (20 characters each)."""
    chosen = {"order": params.get("ref", ""), "seller": params.get("seller", "")}
    if params.get("amount"):
        chosen["amount"] = f"{params['amount']} {params.get('currency', '')}".strip()
    return {name: str(value)[:20] for name, value in chosen.items() if value}
