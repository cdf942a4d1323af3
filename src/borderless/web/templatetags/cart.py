from django import template

from borderless.orders.queries import cart_count

register = template.Library()


@register.simple_tag
def cart_units(user) -> int:
    """Units in the buyer's cart, for the header's cart link (0 for everyone else)."""
    return cart_count(user)
