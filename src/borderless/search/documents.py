"""What the index stores for a product: its words (a title part weighted high and a body part) and the
facts the storefront filters and sorts on, so a search never has to join the catalog's tables."""

from datetime import datetime
from decimal import Decimal
from typing import NamedTuple

from borderless.catalog.models import ProductStatus
from borderless.search.text import index_words, pinyin_words


class ProductDocument(NamedTuple):
    product_id: int
    title: str
    body: str
    seller_id: int
    category_id: int
    origin_state: str
    # The cheapest SKU's price; None for a product without SKUs (it cannot be published).
    min_price_usd: Decimal | None
    published_at: datetime | None
    is_published: bool


def _join(words: list[str]) -> str:
    return " ".join(words)


def document_for(product, min_price_usd: Decimal | None) -> ProductDocument:
    """Segmented, lower-cased words of both languages; synonyms are not stored (they widen the query).

    Stock is not a fact here: orders change it without writing to the catalog's outbox.
    """
    category = product.category
    title = index_words(f"{product.title_en}\n{product.title_zh}\n{product.brand_name}")
    title += pinyin_words(product.title_zh)
    body = index_words(
        f"{product.description_en}\n{product.description_zh}\n{category.name_en}\n{category.name_zh}"
    )
    body += pinyin_words(category.name_zh)
    return ProductDocument(
        product.pk,
        _join(title),
        _join(body),
        product.seller_id,
        product.category_id,
        product.origin_state,
        min_price_usd,
        product.published_at,
        product.status == ProductStatus.PUBLISHED and not product.held_from_buyers,
    )
