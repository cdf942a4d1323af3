"""Who is calling: a personal API token (Authorization: Bearer) or the web session cookie."""

from django.conf import settings
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from borderless.accounts.services import user_for_token
from borderless.api.errors import ApiError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class BearerToken(HttpBearer):
    """Authorization: Bearer bl_…

    ninja's own HttpBearer logs the whole header when the scheme is not "Bearer" (under DEBUG); a token
    sent as "Token bl_…" would end up in the log. Parse it here and never log it.
    """

    def __call__(self, request: HttpRequest):
        value = request.headers.get(self.header, "")
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        return user_for_token(token)


def _csrf_fails(request: HttpRequest) -> bool:
    try:
        return check_csrf(request) is not None
    except MultiPartParserError:  # the CSRF check reads the form body; a malformed one is the client's error
        raise ApiError(400, "The request body cannot be parsed.") from None


class SessionCookie(APIKeyCookie):
    """The browser session of the web faces; unsafe methods need the CSRF token as the web forms do.

    CSRF is checked only once a session user is known, so an anonymous write answers 401, not 403.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=False)

    def authenticate(self, request: HttpRequest, key: str | None):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and _csrf_fails(request):
            raise ApiError(
                403,
                "CSRF check failed: send the X-CSRFToken header with the session cookie.",
                code="csrf_failed",
            )
        return user


AUTH = [BearerToken(), SessionCookie()]
