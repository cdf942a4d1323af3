"""A lighter path for token-authenticated API calls: what only browsers need is skipped.

A call to /api/ that carries `Authorization: Bearer …` has no session, no CSRF token, no flash messages, no
login form to lock out and no page to protect with a Content-Security-Policy (its answer is JSON read by a
program); the session, CSRF, authentication, messages, htmx, lockout and CSP middleware only cost it CPU.
Each of them is wrapped here: for such a call it passes straight on, for every other request it runs as
before. The API's own bearer check (`api.auth.BearerToken`) authenticates the call; a bad token answers 401
as before.
"""

import axes.middleware as axes
import csp.middleware as csp
import django_htmx.middleware as htmx
from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.middleware import csrf

API_PREFIX = "/api/"


def is_bearer_api_call(request) -> bool:
    return (
        request.path_info.startswith(API_PREFIX)
        and request.headers.get("Authorization", "")[:7].lower() == "bearer "
    )


class _BrowserOnly:
    """Mixed in before a middleware class: a bearer-token API call passes straight on to the next layer."""

    def __call__(self, request):
        if is_bearer_api_call(request):
            return self.get_response(request)
        return super().__call__(request)


# Subclasses, so that Django's checks (admin needs sessions, auth and messages) still find them.
class CSPMiddleware(_BrowserOnly, csp.CSPMiddleware):
    pass


class SessionMiddleware(_BrowserOnly, sessions.SessionMiddleware):
    pass


class CsrfViewMiddleware(_BrowserOnly, csrf.CsrfViewMiddleware):
    pass


class AuthenticationMiddleware(_BrowserOnly, auth.AuthenticationMiddleware):
    pass


class MessageMiddleware(_BrowserOnly, messages.MessageMiddleware):
    pass


class HtmxMiddleware(_BrowserOnly, htmx.HtmxMiddleware):
    pass


class AxesMiddleware(_BrowserOnly, axes.AxesMiddleware):
    pass
