"""The provider interface every translator implements, its errors, and the provider the settings choose.

`translate(texts, source, target, glossary) -> [Translation]`: one answer per text, in order. `glossary` maps
source terms to the target terms the platform wants (the trade's vocabulary); a provider uses it with its own
glossary feature. Errors say whether trying again later may help (`retryable`) and when (`retry_after`).
"""

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol


@dataclass(frozen=True)
class Translation:
    text: str
    untranslated: tuple[str, ...] = ()  # source words the translator left as they were


class TranslationError(Exception):
    """A translation that did not happen. `message` is written for the seller."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class ProviderBusy(TranslationError):
    """Rate limited (HTTP 429): try again after `retry_after` seconds."""


class ProviderUnavailable(TranslationError):
    """The provider failed (5xx), timed out or could not be reached."""


class ProviderRefused(TranslationError):
    """The provider refused the request (bad key, quota used up, text it will not take): retrying the same
    request will not help until someone changes the configuration."""

    retryable = False


class Provider(Protocol):
    name: str

    @property
    def memory_key(self) -> str:
        """What the translation memory files this provider's answers under (name and glossary version)."""

    def translate(
        self, texts: Sequence[str], source: str, target: str, glossary: Mapping[str, str]
    ) -> list[Translation]: ...


PROVIDERS = ("glossary", "deepl", "alibaba")


def provider_from_environment(env: Mapping[str, str] | None = None) -> Provider:
    """TRANSLATION_PROVIDER: glossary (the default, offline), deepl or alibaba, each with its settings."""
    env = os.environ if env is None else env
    name = env.get("TRANSLATION_PROVIDER", "glossary").strip().lower() or "glossary"
    if name == "glossary":
        from borderless.translation.glossary import GlossaryTranslator

        return GlossaryTranslator()
    if name == "deepl":
        from borderless.translation.deepl import DeepLTranslator

        return DeepLTranslator.from_environment(env)
    if name == "alibaba":
        from borderless.translation.alibaba import AlibabaTranslator

        return AlibabaTranslator.from_environment(env)
    raise ValueError(f"TRANSLATION_PROVIDER must be one of {', '.join(PROVIDERS)}, not {name!r}.")


@cache
def default_provider() -> Provider:
    return provider_from_environment()


COMMON_WORDS = frozenset(
    ("can", "set", "dry", "tin", "oil", "raw", "rose", "long", "rich", "down", "bar", "tart", "sweet", "game")
    + ("guide", "red", "pure", "whole", "wild", "dark", "regular", "large", "small")
)


def service_glossary(glossary: Mapping[str, str]) -> dict[str, str]:
    """The entries a machine-translation service is given: phrases and longer words, not the short common
    words ("can", "set", "dry") the offline translator reads as units and qualities but a sentence uses
    otherwise."""
    return {
        en: zh
        for en, zh in glossary.items()
        if en
        and zh
        and en.lower() != zh.lower()  # a name kept as it is: services keep names anyway
        and (" " in en or (len(en) >= 4 and en not in COMMON_WORDS))
        and "\t" not in en + zh
    }
