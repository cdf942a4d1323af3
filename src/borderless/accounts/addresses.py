"""The visitor's address as the login throttle counts it.

Behind nginx (deploy/nginx.conf) every request comes from the proxy's address, so throttling by
`REMOTE_ADDR` would lock every visitor out together after a few failures of one. nginx sets
`X-Forwarded-For` to the address it saw (it never passes on the client's own header). That header is read
only when the request comes from a proxy named in TRUSTED_PROXIES; from anywhere else it is the client's own
words and is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    peer = request.META.get("REMOTE_ADDR", "")
    if _address(peer) not in settings.TRUSTED_PROXIES:
        return peer or None
    # The right-most entry is the one the trusted proxy wrote; anything left of it came from the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    return _address(forwarded[-1]) or peer
