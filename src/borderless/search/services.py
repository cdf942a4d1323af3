"""Search use cases: find products in Chinese or English, keep the index current, rebuild it."""

import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import DatabaseError, connection, transaction
from django.db.models import F, Min, OuterRef, Subquery
from django.db.models.expressions import RawSQL

from borderless.accounts.models import Seller
from borderless.catalog.models import Product, ProductChange, Sku
from borderless.catalog.services import buyer_products
from borderless.search.backends import Filters, current_index, reading_connection
from borderless.search.documents import document_for
from borderless.search.glossary import MAX_QUERY_CHARS, expanded_terms, parse_query
from borderless.search.models import IndexGeneration

logger = logging.getLogger(__name__)

MAX_LIMIT = 100
MAX_OFFSET = 10_000
REFRESH_BATCH = 500
# Browsing (no query) counts at most this many products, so the count reads a bounded slice of the index
# however large the catalogue: SearchResults.total is then this number ("1,000 or more"), and pages past it
# are reached by offset only. Searches with words count exactly (their matches are read anyway).
BROWSE_COUNT_CAP = 1_000
SLUG = re.compile(r"[-a-z0-9_]{1,50}")
STATE = re.compile(r"[A-Za-z]{2}")


@dataclass(frozen=True)
class SearchResults:
    products: list[Product]
    total: int
    query: str
    terms: list[str] = field(default_factory=list)
    # True when no product holds every word of the query and the results hold only some of them.
    relaxed: bool = False


def _price(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        price = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return price if price.is_finite() else None


def _bounded(value, lowest: int, highest: int, *, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return max(lowest, min(number, highest))


def _in_order(ids: list[int]) -> list[Product]:
    by_id = {p.pk: p for p in buyer_products().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def search_products(
    query: str = "",
    *,
    category: str | None = None,
    state: str | None = None,
    min_price_usd: Decimal | None = None,
    max_price_usd: Decimal | None = None,
    limit: int = 24,
    offset: int = 0,
) -> SearchResults:
    """Products visible to buyers that match the query (any language, synonyms widened) and the filters.

    An empty query browses, newest first; otherwise relevance ranks, then the newest. A query with no
    searchable word (only punctuation, say) finds nothing. A constant number of SQL queries, at most 6.
    """
    query = str(query or "").strip()[:MAX_QUERY_CHARS]
    limit = _bounded(limit, 1, MAX_LIMIT, default=24)
    offset = _bounded(offset, 0, MAX_OFFSET, default=0)
    if (category and not SLUG.fullmatch(str(category))) or (state and not STATE.fullmatch(str(state))):
        return SearchResults(products=[], total=0, query=query, terms=[])
    filters = Filters(
        category=str(category) if category else None,
        state=str(state) if state else None,
        min_price_usd=_price(min_price_usd),
        max_price_usd=_price(max_price_usd),
    )
    _refresh_quietly()
    index = current_index()

    if not query:
        # The index picks the page's ids (newest first, stopping after the page) inside the products' query.
        ids_sql = RawSQL(*index.browse(filters, limit, offset))  # noqa: S611 (constant SQL, bound values)
        page = buyer_products().filter(pk__in=ids_sql)
        products = list(page.order_by("-published_at", "-id"))
        # A first page that is not full is the whole result: no need to count.
        whole = offset == 0 and len(products) < limit
        total = len(products) if whole else index.browse_count(filters, BROWSE_COUNT_CAP)
        return SearchResults(products=products, total=total, query=query, terms=[])

    concepts = parse_query(query)
    terms = expanded_terms(concepts)
    if not concepts:
        return SearchResults(products=[], total=0, query=query, terms=[])
    # Visibility and filters are answered by the index's facts and the seller table, in the same query.
    ids, total = _page(index, concepts, filters, limit, offset, match_all=True)
    relaxed = False
    if not total and len(concepts) > 1:
        # Nothing holds every word ("美国西洋参" when no title says 美国): show what holds the most of them.
        ids, total = _page(index, concepts, filters, limit, offset, match_all=False)
        relaxed = bool(total)
    return SearchResults(products=_in_order(ids), total=total, query=query, terms=terms, relaxed=relaxed)


def _page(index, concepts, filters, limit, offset, *, match_all):
    ids, total = index.page(concepts, filters, limit, offset, match_all=match_all)
    if total is None:
        total = index.count(concepts, filters, match_all=match_all) if offset else 0
    return ids, total


def _refresh_quietly() -> None:
    # A search must answer even when the index cannot be brought up to date this instant (say, SQLite
    # busy with a long write): it then answers from the index as it stands, and the next search catches up.
    try:
        refresh_index()
    except DatabaseError:
        logger.warning("Search index refresh failed; answering from the index as it stands.", exc_info=True)


def refresh_index() -> int:
    """Index the products named in the catalog's outbox (ProductChange), then delete those rows.

    One cheap query when nothing is pending. Safe to run in several processes at once: on PostgreSQL each
    takes the rows the others have not locked, and locks the products it reads, in id order, so a document
    is never overwritten by an older reading of its product. Returns how many outbox rows it consumed.
    """
    if not ProductChange.objects.exists():
        return 0
    consumed = 0
    while True:
        taken = _refresh_batch()
        consumed += taken
        if taken < REFRESH_BATCH:
            return consumed


def _with_min_price(products):
    """Products with their category and cheapest SKU price (a subquery, not GROUP BY: rows can be locked)."""
    cheapest = Sku.objects.filter(product=OuterRef("pk")).order_by().values("product")
    cheapest = cheapest.annotate(price=Min("price_usd")).values("price")
    return products.select_related("category").annotate(index_min_price_usd=Subquery(cheapest))


@transaction.atomic
def _refresh_batch() -> int:
    changes = ProductChange.objects.order_by("id")
    if connection.features.has_select_for_update_skip_locked:
        changes = changes.select_for_update(skip_locked=True)
    taken = list(changes.values_list("id", "product_id")[:REFRESH_BATCH])
    if not taken:
        return 0
    product_ids = sorted({product_id for _, product_id in taken})
    products = _with_min_price(Product.objects.filter(pk__in=product_ids)).order_by("pk")
    if connection.features.has_select_for_update_of:
        products = products.select_for_update(of=("self",))
    products = list(products)
    index = current_index()
    index.write([document_for(p, p.index_min_price_usd) for p in products])
    index.delete(sorted(set(product_ids) - {p.pk for p in products}))
    ProductChange.objects.filter(pk__in=[change_id for change_id, _ in taken]).delete()
    _next_generation()
    return len(taken)


def _next_generation() -> None:
    # In the transaction that changed the index: a cached result is obsolete exactly when this commits.
    if not IndexGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        IndexGeneration.objects.create(pk=1, value=1)


def results_version() -> str:
    """What every cached search result depends on, as one string; one SQL query when nothing is pending.

    The index's generation (it grows with each change the outbox brings) and the time of the latest seller
    verification decision (a seller's listings appear or vanish with it, without touching the index).
    Pending catalog changes are indexed first, so the version never lags behind a committed change.
    """
    generation = IndexGeneration._meta.db_table
    sellers, changes = Seller._meta.db_table, ProductChange._meta.db_table
    sql = (
        f"SELECT (SELECT value FROM {generation} WHERE id = 1), (SELECT MAX(verified_at) FROM {sellers}), "  # noqa: S608
        f"EXISTS (SELECT 1 FROM {changes})"
    )
    for _attempt in range(2):
        with reading_connection().cursor() as cursor:  # where the results are read: a lagging replica's
            cursor.execute(sql)  # page is cached under the replica's own generation
            value, decided, pending = cursor.fetchone()
        if not pending:
            break
        _refresh_quietly()
    stamp = decided.isoformat() if hasattr(decided, "isoformat") else str(decided or "")
    return f"{value or 0}:{stamp}"


@transaction.atomic
def rebuild_index() -> int:
    """Index every product from scratch and consume the outbox rows seen at the start. Returns the count."""
    seen_changes = list(ProductChange.objects.values_list("id", flat=True))
    index = current_index()
    index.delete_all()
    batch, indexed = [], 0
    products = _with_min_price(Product.objects.all()).order_by("pk")
    for product in products.iterator(chunk_size=REFRESH_BATCH):
        batch.append(document_for(product, product.index_min_price_usd))
        if len(batch) >= REFRESH_BATCH:
            index.write(batch)
            indexed += len(batch)
            batch = []
    index.write(batch)
    indexed += len(batch)
    for start in range(0, len(seen_changes), REFRESH_BATCH):
        ProductChange.objects.filter(pk__in=seen_changes[start : start + REFRESH_BATCH]).delete()
    _next_generation()
    return indexed
