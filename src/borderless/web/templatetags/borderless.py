from django import template
from django.utils.translation import get_language

from borderless.money import Money
from borderless.money.formatting import format_money

register = template.Library()


@register.filter
def money(value: Money | None) -> str:
    """A Money in the viewer's locale: ¥381.85 in Chinese, CN¥381.85 in English."""
    if value is None:
        return ""
    locale = "zh_Hans_CN" if (get_language() or "zh-hans").startswith("zh") else "en_US"
    return format_money(value, locale)


@register.filter
def seller_rates(quote) -> bool:
    """The quote's shipping is the seller's own rate, not the platform's default."""
    from borderless.trade.engine import uses_seller_card

    return uses_seller_card(quote)
