"""A translation service that times out, rate limits (429) or fails (500) behind the real DeepL adapter: the
listing keeps its English, the seller reads why (seller centre and API), it is tried again later and then
filled; a refusal (bad key, quota) is not retried and tells the seller what to do."""

import pytest

from borderless.accounts.services import create_api_token
from borderless.catalog.models import ChineseOrigin, Product, TranslationStatus
from borderless.translation import fill
from borderless.translation.deepl import DeepLTranslator
from factories import make_product, make_seller, owner_of
from translation_services import DeepLService, serving

pytestmark = pytest.mark.django_db

ENGLISH = "Wisconsin Raw Wildflower Honey, 1 lb"


@pytest.fixture
def deepl(monkeypatch):
    """The platform configured for DeepL (TRANSLATION_PROVIDER=deepl), talking to a local DeepL server."""
    service = DeepLService()
    with serving(service) as url:
        env = {
            "DEEPL_AUTH_KEY": DeepLService.KEY,
            "DEEPL_API_URL": url,
            "DEEPL_TIMEOUT": "0.3",
            "DEEPL_RETRIES": "1",
        }
        translator = DeepLTranslator.from_environment(env)
        translator.http.sleep = lambda seconds: None
        monkeypatch.setattr("borderless.translation.services.default_provider", lambda: translator)
        yield service, translator


def english_only(seller):
    return make_product(seller, title_en=ENGLISH, title_zh="", description_zh="", status="draft")


@pytest.mark.parametrize(
    ("failure", "options", "tries", "why", "delay"),
    [
        (500, {}, 2, "500", 30.0),  # tried and retried once at once, then later
        (429, {"retry_after": "300"}, 1, "rate limiting", 300.0),  # a long Retry-After is not slept through
        ("timeout", {"seconds": 0.6}, 2, "did not answer within 0.3 s", 30.0),
    ],
)
def test_a_failing_service_keeps_the_english_shows_why_and_is_retried(
    client, deepl, failure, options, tries, why, delay
):
    service, _ = deepl
    seller = make_seller()
    product = english_only(seller)
    service.fail_next(failure, times=tries, **options)

    assert fill.fill_listing(product.pk) == delay  # the task is scheduled again after this many seconds
    product.refresh_from_db()
    assert product.translation_status == TranslationStatus.FAILED and product.translation_attempts == 1
    assert why in product.translation_note and "tried again" in product.translation_note
    assert product.title_en == ENGLISH and product.title_zh == ""
    assert product.title_zh_origin == ChineseOrigin.MISSING
    assert len([r for r in service.requests if r.get("failed")]) == tries

    client.force_login(owner_of(seller))
    page = client.get(f"/seller/products/{product.public_id}/").content.decode()
    assert "Translation failed" in page and why in page and "Your English stays" in page
    token = create_api_token(owner_of(seller), "test")[1]
    shown = client.get(
        f"/api/v1/seller/products/{product.public_id}", headers={"Authorization": f"Bearer {token}"}
    ).json()
    assert shown["translation"]["status"] == "failed" and why in shown["translation"]["note"]

    assert fill.fill_listing(product.pk) is None  # the service answers again: filled
    product.refresh_from_db()
    assert product.translation_status == TranslationStatus.DONE and product.title_zh
    assert product.title_zh_origin == ChineseOrigin.MACHINE
    assert "威斯康星" in product.title_zh and "野花" in product.title_zh  # the service applied the glossary


def test_a_refusal_is_not_retried_and_says_what_to_do(client, deepl):
    service, translator = deepl
    translator.auth_key = "wrong"
    seller = make_seller()
    product = english_only(seller)

    assert fill.fill_listing(product.pk) is None  # not scheduled again: the same request would fail again
    product.refresh_from_db()
    assert product.translation_status == TranslationStatus.FAILED
    assert "403" in product.translation_note and "Write the Chinese yourself" in product.translation_note
    assert product.title_zh == "" and Product.objects.get(pk=product.pk).title_en == ENGLISH
    assert len(service.requests) == 1  # refused once, not retried
    client.force_login(owner_of(seller))
    assert (
        "Write the Chinese yourself" in client.get(f"/seller/products/{product.public_id}/").content.decode()
    )
