"""What the index stores for a product: its words, in a title part (weighted high) and a body part."""

from typing import NamedTuple

from borderless.search.text import index_words, pinyin_words


class ProductDocument(NamedTuple):
    product_id: int
    title: str
    body: str


def _join(words: list[str]) -> str:
    return " ".join(words)


def document_for(product) -> ProductDocument:
    """Segmented, lower-cased words of both languages; synonyms are not stored (they widen the query)."""
    category = product.category
    title = index_words(f"{product.title_en}\n{product.title_zh}\n{product.brand_name}")
    title += pinyin_words(product.title_zh)
    body = index_words(
        f"{product.description_en}\n{product.description_zh}\n{category.name_en}\n{category.name_zh}"
    )
    body += pinyin_words(category.name_zh)
    return ProductDocument(product.pk, _join(title), _join(body))
