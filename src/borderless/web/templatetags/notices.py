from django import template

from borderless.notifications.services import unread_count

register = template.Library()


@register.simple_tag
def unread_notices(user) -> int:
    """The user's unread in-site notices, for the header's link (0 for anonymous visitors)."""
    return unread_count(user)
