"""Translating texts for the platform: the translation memory first, the configured provider for the rest."""

from collections.abc import Sequence

from borderless.translation import memory
from borderless.translation.glossary import trade_glossary
from borderless.translation.providers import Provider, Translation, default_provider

MAX_TEXT_CHARS = 5000


def translate(
    texts: Sequence[str],
    source: str = "en",
    target: str = "zh",
    *,
    seller_id: int | None = None,
    provider: Provider | None = None,
    keep: Sequence[str] = (),
) -> list[Translation]:
    """One translation per text, in order. Texts in the memory (the seller's corrections first) are not sent
    again; the others go to the provider in one call, with the trade glossary, and are remembered. Empty texts
    translate to empty. `keep`: names left as they are written (the listing's brand). Provider errors
    (`TranslationError`) reach the caller, nothing is remembered then."""
    provider = provider or default_provider()
    key = provider.memory_key
    known = memory.recall(texts, key, source, target, seller_id)
    missing = []
    for text in texts:
        digest = memory.source_hash(text)
        if memory.normalised(text) and digest not in known and text not in missing:
            missing.append(text)
    if missing:
        answers = provider.translate(
            [memory.normalised(t)[:MAX_TEXT_CHARS] for t in missing],
            source,
            target,
            {**trade_glossary(), **{name.lower(): name for name in keep if name.strip()}},
        )
        pairs = list(zip(missing, answers, strict=True))
        memory.store(pairs, key, source, target)
        known.update({memory.source_hash(t): a for t, a in pairs})
    return [known.get(memory.source_hash(t), Translation("")) for t in texts]
