"""Language by audience: the seller centre and console speak English; the storefront Chinese unless chosen."""

from django.conf import settings
from django.utils import translation

ENGLISH_PREFIXES = ("/seller", "/ops", "/admin")
# The brand portal speaks English unless the visitor chose Chinese (rights holders in China file too).
ENGLISH_FIRST_PREFIXES = ("/brand",)
SUPPORTED = {code for code, _ in settings.LANGUAGES}


def storefront_language(request) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or request.GET.get("lang")
    return chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE


class AudienceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ENGLISH_PREFIXES):
            language = "en"
        elif request.path.startswith(ENGLISH_FIRST_PREFIXES):
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or request.GET.get("lang")
            language = chosen if chosen in SUPPORTED else "en"
        else:
            language = storefront_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
