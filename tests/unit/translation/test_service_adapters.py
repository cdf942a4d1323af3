"""The DeepL and Alibaba Cloud adapters against local servers that speak those services' documented APIs."""

import pytest

from borderless.translation.alibaba import AlibabaTranslator, signature
from borderless.translation.deepl import DeepLTranslator
from borderless.translation.http import HttpClient
from borderless.translation.providers import (
    ProviderBusy,
    ProviderRefused,
    ProviderUnavailable,
    provider_from_environment,
)
from translation_services import AlibabaService, DeepLService, serving

GLOSSARY = {"american ginseng": "西洋参", "maple syrup": "枫糖浆", "can": "罐装", "wisconsin": "威斯康星"}


def no_sleep(seconds):
    pass


@pytest.fixture
def deepl():
    service = DeepLService()
    with serving(service) as url:
        env = {"DEEPL_AUTH_KEY": DeepLService.KEY, "DEEPL_API_URL": url, "DEEPL_TIMEOUT": "0.5"}
        translator = DeepLTranslator.from_environment(env)
        translator.http.sleep = no_sleep
        yield service, translator


@pytest.fixture
def alibaba():
    service = AlibabaService()
    with serving(service) as url:
        env = {
            "ALIBABA_CLOUD_ACCESS_KEY_ID": AlibabaService.KEY_ID,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": AlibabaService.SECRET,
            "ALIBABA_MT_ENDPOINT": url + "/",
            "ALIBABA_MT_TIMEOUT": "0.5",
        }
        translator = AlibabaTranslator.from_environment(env)
        translator.http.sleep = no_sleep
        yield service, translator


def test_deepl_translates_in_order_with_a_glossary_it_creates_once(deepl):
    service, translator = deepl
    out = translator.translate(["Wisconsin American ginseng", "Vermont maple syrup"], "en", "zh", GLOSSARY)
    assert [t.text for t in out] == ["威斯康星 西洋参", "Vermont 枫糖浆"]
    translator.translate(["American ginseng tea"], "en", "zh", GLOSSARY)
    created = [r for r in service.requests if r["method"] == "POST" and r["path"] == "/v2/glossaries"]
    assert len(created) == 1
    entries = next(iter(service.glossaries.values()))["entries"]
    assert entries["american ginseng"] == "西洋参"
    assert "can" not in entries  # a short common word is not forced on a sentence by the service
    sent = [r for r in service.requests if r["path"] == "/v2/translate"]
    assert all(r["headers"]["Authorization"] == "DeepL-Auth-Key test-key:fx" for r in sent)


def test_deepl_finds_its_glossary_again_after_a_restart(deepl):
    service, translator = deepl
    translator.translate(["American ginseng"], "en", "zh", GLOSSARY)
    again = DeepLTranslator(translator.auth_key, translator.api_url, HttpClient("DeepL", sleep=no_sleep))
    again.translate(["American ginseng"], "en", "zh", GLOSSARY)
    assert len(service.glossaries) == 1


def test_deepl_sends_at_most_fifty_texts_a_request(deepl):
    service, translator = deepl
    texts = [f"maple syrup {i}" for i in range(120)]
    out = translator.translate(texts, "en", "zh", GLOSSARY)
    assert [t.text for t in out] == [f"枫糖浆 {i}" for i in range(120)]
    assert len([r for r in service.requests if r["path"] == "/v2/translate"]) == 3


def test_deepl_retries_a_429_and_a_500_then_answers(deepl):
    service, translator = deepl
    translator.glossary_id({"maple syrup": "枫糖浆"}, "en", "zh")
    service.fail_next(429, retry_after="1")
    service.fail_next(500)
    assert translator.translate(["maple syrup"], "en", "zh", GLOSSARY)[0].text == "枫糖浆"


def test_deepl_rate_limit_that_persists_says_when_to_come_back(deepl):
    service, translator = deepl
    translator.glossary_id({"maple syrup": "枫糖浆"}, "en", "zh")
    service.fail_next(429, times=3, retry_after="120")
    with pytest.raises(ProviderBusy) as caught:
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)
    assert caught.value.retry_after == 120
    assert caught.value.retryable
    assert "429" in caught.value.message


def test_deepl_timeout_is_unavailable_after_retries(deepl):
    service, translator = deepl
    translator.glossary_id({"maple syrup": "枫糖浆"}, "en", "zh")
    service.fail_next("timeout", times=3, seconds=1.0)
    with pytest.raises(ProviderUnavailable) as caught:
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)
    assert "did not answer within 0.5 s" in caught.value.message
    assert len([r for r in service.requests if r.get("failed") == "timeout"]) == 3


def test_deepl_quota_and_bad_key_are_refusals_not_retried(deepl):
    service, translator = deepl
    service.fail_next(456, body={"message": "Quota exceeded"})
    with pytest.raises(ProviderRefused, match="quota") as caught:
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)
    assert not caught.value.retryable
    translator.auth_key = "wrong"
    with pytest.raises(ProviderRefused, match="403"):
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)


def test_alibaba_signature_matches_the_documented_example():
    # The worked example of Alibaba Cloud's RPC signature documentation (GET, secret "testsecret").
    params = {
        "Action": "DescribeRegions",
        "Format": "XML",
        "AccessKeyId": "testid",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        "SignatureVersion": "1.0",
        "Timestamp": "2016-02-23T12:46:24Z",
        "Version": "2014-05-26",
    }
    assert signature(params, "testsecret", "GET") == "OLeaidS1JvxuMvnyHOwuJ+uX5qY="


def test_alibaba_translates_signed_requests_with_the_glossary_applied(alibaba):
    service, translator = alibaba
    out = translator.translate(
        ["Wisconsin American ginseng, 4 oz can", "A long description. " * 20], "en", "zh", GLOSSARY
    )
    assert out[0].text == "威斯康星 西洋参, 4 oz can"  # "can" is not a glossary phrase for a service
    first, second = [r["params"] for r in service.requests]
    assert first["Action"] == "TranslateECommerce" and first["Scene"] == "title"
    assert second["Scene"] == "description"
    assert first["SourceLanguage"] == "en" and first["TargetLanguage"] == "zh"
    assert first["SignatureNonce"] != second["SignatureNonce"]


def test_alibaba_throttling_and_server_errors(alibaba):
    service, translator = alibaba
    service.fail_next(
        400,
        times=3,
        body={"Code": "Throttling.User", "Message": "Request was denied due to user flow control."},
    )
    with pytest.raises(ProviderBusy, match="Throttling.User"):
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)
    service.fail_next(503, times=3)
    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)
    service.fail_next(500)
    assert translator.translate(["maple syrup"], "en", "zh", GLOSSARY)[0].text == "枫糖浆"


def test_alibaba_bad_secret_is_refused(alibaba):
    service, translator = alibaba
    translator.access_key_secret = "wrong"
    with pytest.raises(ProviderRefused, match="SignatureDoesNotMatch"):
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)


def test_alibaba_timeout(alibaba):
    service, translator = alibaba
    service.fail_next("timeout", times=3, seconds=1.0)
    with pytest.raises(ProviderUnavailable, match="did not answer"):
        translator.translate(["maple syrup"], "en", "zh", GLOSSARY)


def test_unreachable_service_is_unavailable():
    translator = DeepLTranslator("k", "http://127.0.0.1:9", HttpClient("DeepL", timeout=0.5, sleep=no_sleep))
    with pytest.raises(ProviderUnavailable, match="could not be reached"):
        translator.translate(["maple syrup"], "en", "zh", {})


def test_the_environment_chooses_the_provider():
    assert provider_from_environment({}).name == "glossary"
    deepl = provider_from_environment({"TRANSLATION_PROVIDER": "deepl", "DEEPL_AUTH_KEY": "abc:fx"})
    assert deepl.api_url == "https://api-free.deepl.com"
    assert (
        provider_from_environment({"TRANSLATION_PROVIDER": "deepl", "DEEPL_AUTH_KEY": "abc"}).api_url
        == "https://api.deepl.com"
    )
    with pytest.raises(ValueError, match="DEEPL_AUTH_KEY"):
        provider_from_environment({"TRANSLATION_PROVIDER": "deepl"})
    with pytest.raises(ValueError, match="ALIBABA_CLOUD_ACCESS_KEY_ID"):
        provider_from_environment({"TRANSLATION_PROVIDER": "alibaba"})
    with pytest.raises(ValueError, match="must be one of"):
        provider_from_environment({"TRANSLATION_PROVIDER": "babelfish"})
