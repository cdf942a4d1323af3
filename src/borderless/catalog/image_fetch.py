"""Fetching a product image from the URL an export names (Shopify's CDN, a WooCommerce uploads folder).

Plain HTTP(S) GET with a timeout and a size cap; addresses inside the platform's own network are refused
unless `IMPORT_IMAGES_FROM_PRIVATE_HOSTS` is set (a seller must not make the server read internal services).
A failure is a reason, never an exception: the importer leaves that image for the seller to upload.
"""

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "Borderless catalog import (+https://github.com/borderless)"


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes = b""
    problem: str = ""  # why it was not fetched, in words a seller understands
    unreachable: bool = False  # the host did not answer at all (other images there are not tried)


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            return None
        _check_host(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Refused(Exception):
    pass


def _check_host(url: str) -> None:
    if settings.IMPORT_IMAGES_FROM_PRIVATE_HOSTS:
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except socket.gaierror:
        raise _Refused("the host name does not resolve") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            raise _Refused("the address is inside a private network")


def fetch_image(url: str, timeout: float, max_bytes: int) -> Fetched:
    if urlsplit(url).scheme not in ("http", "https"):
        return Fetched(url, problem="not an http(s) address")
    try:
        _check_host(url)
        opener = urllib.request.build_opener(_NoRedirectToOtherSchemes)
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})  # noqa: S310 (scheme checked above)
        with opener.open(request, timeout=timeout) as response:
            content = response.read(max_bytes + 1)
    except _Refused as exc:
        return Fetched(url, problem=str(exc), unreachable=True)
    except urllib.error.HTTPError as exc:
        return Fetched(url, problem=f"the server answered {exc.code}")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        problem = "timed out" if "timed out" in str(reason) else f"unreachable ({reason})"
        return Fetched(url, problem=problem, unreachable=True)
    if len(content) > max_bytes:
        return Fetched(url, problem=f"larger than {max_bytes // (1024 * 1024)} MB")
    return Fetched(url, content=content)
