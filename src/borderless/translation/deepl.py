"""DeepL API (v2) adapter: `POST /v2/translate` with a glossary made by `POST /v2/glossaries`.

Documented protocol: the key goes in `Authorization: DeepL-Auth-Key <key>`; a JSON body
`{"text": [...], "source_lang": "EN", "target_lang": "ZH-HANS", "glossary_id": ...}` (at most 50 texts)
answers `{"translations": [{"detected_source_language": "EN", "text": ...}]}`. Glossaries are TSV entries
for a language pair (`en` → `zh`), listed by `GET /v2/glossaries`. Errors: 403 key refused, 456 quota
used up, 413 request too large, 429 too many requests, 5xx service trouble.

Settings: DEEPL_AUTH_KEY; DEEPL_API_URL (default: the free API for keys ending ":fx", else the pro API);
DEEPL_TIMEOUT (s, 10), DEEPL_RETRIES (2), DEEPL_REQUESTS_PER_SECOND (5).
"""

import contextlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from borderless.translation.http import HttpClient
from borderless.translation.providers import (
    ProviderRefused,
    ProviderUnavailable,
    Translation,
    service_glossary,
)

FREE_API = "https://api-free.deepl.com"
PRO_API = "https://api.deepl.com"
BATCH = 50
TARGETS = {"zh": "ZH-HANS", "zh-hans": "ZH-HANS", "en": "EN-US"}


def _glossary_name(entries: Mapping[str, str]) -> str:
    import hashlib

    tsv = "\n".join(f"{k}\t{v}" for k, v in sorted(entries.items()))
    return "borderless-trade-" + hashlib.sha256(tsv.encode()).hexdigest()[:12]


@dataclass
class DeepLTranslator:
    auth_key: str
    api_url: str
    http: HttpClient
    name: str = "deepl"
    _glossaries: dict[str, str] = field(default_factory=dict, repr=False)  # name → glossary_id

    @classmethod
    def from_environment(cls, env: Mapping[str, str]) -> "DeepLTranslator":
        key = env.get("DEEPL_AUTH_KEY", "").strip()
        if not key:
            raise ValueError("TRANSLATION_PROVIDER=deepl needs DEEPL_AUTH_KEY.")
        url = env.get("DEEPL_API_URL", "").strip() or (FREE_API if key.endswith(":fx") else PRO_API)
        http = HttpClient(
            "DeepL",
            timeout=float(env.get("DEEPL_TIMEOUT", "10")),
            retries=int(env.get("DEEPL_RETRIES", "2")),
            requests_per_second=float(env.get("DEEPL_REQUESTS_PER_SECOND", "5")),
        )
        return cls(key, url.rstrip("/"), http)

    @property
    def memory_key(self) -> str:
        from borderless.translation.glossary import trade_glossary

        return f"deepl:{_glossary_name(service_glossary(trade_glossary()))}"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"DeepL-Auth-Key {self.auth_key}", "Content-Type": "application/json"}

    def _call(self, method: str, path: str, payload: dict | None = None) -> dict:
        body = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else None
        response = self.http.post(f"{self.api_url}{path}", body, self._headers(), method=method)
        if response.status in (200, 201):
            try:
                return json.loads(response.body or b"{}")
            except ValueError:
                raise ProviderUnavailable("DeepL answered with something that is not JSON") from None
        detail = ""
        with contextlib.suppress(ValueError, AttributeError):
            detail = str(json.loads(response.body).get("message", ""))[:200]
        reasons = {
            403: "DeepL refused the API key (HTTP 403); check DEEPL_AUTH_KEY",
            456: "the DeepL character quota is used up (HTTP 456)",
            413: "the text is too long for DeepL (HTTP 413)",
        }
        message = reasons.get(response.status, f"DeepL refused the request (HTTP {response.status})")
        raise ProviderRefused(f"{message}{': ' + detail if detail else ''}")

    def glossary_id(self, entries: Mapping[str, str], source: str, target: str) -> str | None:
        """The id of the DeepL glossary holding these entries: found by its name, else created."""
        if not entries:
            return None
        name = _glossary_name(entries)
        if name in self._glossaries:
            return self._glossaries[name]
        listed = self._call("GET", "/v2/glossaries").get("glossaries", [])
        found = next(
            (g["glossary_id"] for g in listed if g.get("name") == name and g.get("ready", True)), None
        )
        if found is None:
            tsv = "\n".join(f"{en}\t{zh}" for en, zh in sorted(entries.items()))
            created = self._call(
                "POST",
                "/v2/glossaries",
                {
                    "name": name,
                    "source_lang": source[:2].lower(),
                    "target_lang": target[:2].lower(),
                    "entries": tsv,
                    "entries_format": "tsv",
                },
            )
            found = created["glossary_id"]
        self._glossaries[name] = found
        return found

    def translate(
        self, texts: Sequence[str], source: str, target: str, glossary: Mapping[str, str]
    ) -> list[Translation]:
        glossary_id = self.glossary_id(service_glossary(glossary), source, target)
        results: list[Translation] = []
        for start in range(0, len(texts), BATCH):
            batch = list(texts[start : start + BATCH])
            payload = {
                "text": batch,
                "source_lang": source[:2].upper(),
                "target_lang": TARGETS.get(target.lower(), target.upper()),
            }
            if glossary_id:
                payload["glossary_id"] = glossary_id
            answer = self._call("POST", "/v2/translate", payload)
            translations = answer.get("translations")
            if not isinstance(translations, list) or len(translations) != len(batch):
                raise ProviderUnavailable("DeepL answered with a different number of translations")
            results += [Translation(str(t.get("text", ""))) for t in translations]
        return results
