"""Alibaba Cloud Machine Translation adapter: the RPC API `alimt` 2018-10-12, e-commerce edition.

Documented protocol: a POST of form fields to the endpoint (default https://mt.cn-hangzhou.aliyuncs.com/)
with the common RPC parameters (Format=JSON, Version, AccessKeyId, Timestamp, SignatureMethod=HMAC-SHA1,
SignatureVersion=1.0, SignatureNonce) and `Action=TranslateECommerce`, `FormatType=text`, `SourceLanguage`,
`TargetLanguage`, `SourceText`, `Scene` (`title` for product titles, `description` for descriptions), signed
with HMAC-SHA1 of `POST&%2F&<percent-encoded sorted query>` under the secret plus "&". Success:
`{"RequestId": ..., "Code": "200", "Data": {"Translated": ..., "WordCount": ...}}`; errors carry a `Code`
and `Message` (`Throttling.User` when rate limited, `InvalidAccessKeyId.NotFound`, `SignatureDoesNotMatch`,
the service's numbered codes such as 10001 timeout, 10002 system error).

The API takes no glossary; terminology is set in the console. The adapter applies the platform's glossary
by writing the glossary's Chinese for its phrases into the source text before sending (the service keeps
Chinese text as it is), so "American ginseng" is 西洋参 whatever the engine would say.

Settings: ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET; ALIBABA_MT_ENDPOINT;
ALIBABA_MT_TIMEOUT (s, 10), ALIBABA_MT_RETRIES (2), ALIBABA_MT_REQUESTS_PER_SECOND (20; the service allows
50).
"""

import base64
import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote

from borderless.translation.http import HttpClient
from borderless.translation.providers import (
    ProviderBusy,
    ProviderRefused,
    ProviderUnavailable,
    Translation,
    TranslationError,
    service_glossary,
)

ENDPOINT = "https://mt.cn-hangzhou.aliyuncs.com/"
VERSION = "2018-10-12"
RETRYABLE_CODES = {"10001", "10002", "10007", "10012", "InternalError", "ServiceUnavailable"}
MAX_CHARS = 5000


def percent(value: str) -> str:
    """RFC 3986 encoding as the signature requires: space as %20, "*" as %2A, "~" kept."""
    return quote(value, safe="~")


def signature(params: Mapping[str, str], secret: str, method: str = "POST") -> str:
    canonical = "&".join(f"{percent(k)}={percent(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{percent('/')}&{percent(canonical)}"
    digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


@dataclass
class AlibabaTranslator:
    access_key_id: str
    access_key_secret: str
    endpoint: str
    http: HttpClient
    name: str = "alibaba"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC), repr=False)

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> "AlibabaTranslator":
        key_id = env.get("ALIBABA_CLOUD_ACCESS_KEY_ID", "").strip()
        secret = env.get("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "").strip()
        if not key_id or not secret:
            raise ValueError(
                "TRANSLATION_PROVIDER=alibaba needs ALIBABA_CLOUD_ACCESS_KEY_ID and "
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET."
            )
        http = HttpClient(
            "Alibaba Cloud Machine Translation",
            timeout=float(env.get("ALIBABA_MT_TIMEOUT", "10")),
            retries=int(env.get("ALIBABA_MT_RETRIES", "2")),
            requests_per_second=float(env.get("ALIBABA_MT_REQUESTS_PER_SECOND", "20")),
        )
        return cls(key_id, secret, env.get("ALIBABA_MT_ENDPOINT", "").strip() or ENDPOINT, http)

    @property
    def memory_key(self) -> str:
        from borderless.translation.glossary import vocabulary

        return f"alibaba:{vocabulary().version}"

    def with_glossary(self, text: str, glossary: Mapping[str, str]) -> str:
        """The text with the glossary's phrases already in Chinese, longest phrase first, whole words only."""
        entries = service_glossary(glossary)
        if not entries:
            return text
        pattern = re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(k) for k in sorted(entries, key=len, reverse=True))
            + r")(?![\w-])",
            re.IGNORECASE,
        )
        return pattern.sub(lambda m: entries.get(m.group(1).lower(), m.group(1)), text)

    def _params(self, text: str, source: str, target: str) -> dict[str, str]:
        return {
            "Format": "JSON",
            "Version": VERSION,
            "AccessKeyId": self.access_key_id,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "SignatureNonce": uuid.uuid4().hex,
            "Timestamp": self.clock().strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Action": "TranslateECommerce",
            "FormatType": "text",
            "SourceLanguage": source[:2].lower(),
            "TargetLanguage": target[:2].lower(),
            "SourceText": text[:MAX_CHARS],
            "Scene": "title" if len(text) <= 200 and "\n" not in text else "description",
        }

    def _body(self, text: str, source: str, target: str) -> bytes:
        """A freshly signed request (a new nonce and time for every attempt)."""
        params = self._params(text, source, target)
        params["Signature"] = signature(params, self.access_key_secret)
        return "&".join(f"{percent(k)}={percent(v)}" for k, v in params.items()).encode()

    @staticmethod
    def _error(response) -> TranslationError | None:
        try:
            answer = json.loads(response.body or b"{}")
        except ValueError:
            return ProviderUnavailable("Alibaba Cloud answered with something that is not JSON")
        code = str(answer.get("Code", response.status))
        message = str(answer.get("Message", ""))[:200]
        if response.status == 200 and code == "200":
            return None
        if code.startswith("Throttling"):
            return ProviderBusy(f"Alibaba Cloud is rate limiting requests ({code})")
        if code in RETRYABLE_CODES:
            return ProviderUnavailable(f"Alibaba Cloud failed ({code}: {message})")
        return ProviderRefused(f"Alibaba Cloud refused the request ({code}: {message})")

    def translate_one(self, text: str, source: str, target: str) -> Translation:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        response = self.http.post(
            self.endpoint, lambda: self._body(text, source, target), headers, check=self._error
        )
        answer = json.loads(response.body)
        return Translation(str((answer.get("Data") or {}).get("Translated", "")))

    def translate(
        self, texts: Sequence[str], source: str, target: str, glossary: Mapping[str, str]
    ) -> list[Translation]:
        return [self.translate_one(self.with_glossary(t, glossary), source, target) for t in texts]
