"""The index in each database: SQLite FTS5 plus a facts table, or PostgreSQL tsvector, GIN and facts columns.

Both store the product's words already segmented (space-separated), so the database only splits on spaces
and never needs to understand Chinese. Beside the words each product has its facts (seller, category, origin
state, cheapest SKU price, publication), so visibility, filters and the newest-first order are answered from
the index and the small seller table, never by joining every visible product of the catalog. Every word and
every bound value reaches SQL as a parameter; the FTS5 query string quotes each word as a phrase, so query
syntax in user input is inert text.
"""

# SQL here is built only from constant table and column names, placeholders and fixed fragments; every value
# is a bound parameter.
# ruff: noqa: S608

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, connections, router

from borderless.catalog.models import Product
from borderless.search.documents import ProductDocument
from borderless.search.glossary import Concept
from borderless.search.models import IndexGeneration

TABLE = "search_productdocument"
FACTS_TABLE = "search_productfacts"  # SQLite only; on PostgreSQL the facts are columns of TABLE
TITLE_WEIGHT = 10.0
# PostgreSQL ranks (ts_rank) only the newest RANK_WINDOW matches; older matches follow, newest first.
RANK_WINDOW = 300
FACT_COLUMNS = ("seller_id", "category_id", "origin_state", "min_price_usd", "published_at", "is_published")
# Mirrors ProductQuerySet.visible_to_buyers(): published and not held from buyers by brand protection (one
# fact of the index, refreshed through the catalog's outbox) and a verified seller (read
# from the seller table at query time, since verification changes write nothing to the catalog's outbox).
VERIFIED = "verified"
_CHUNK = 500


@dataclass(frozen=True)
class Filters:
    """What a buyer narrows a search to; the price is the cheapest SKU's."""

    category: str | None = None
    state: str | None = None
    min_price_usd: Decimal | None = None
    max_price_usd: Decimal | None = None

    def where(self, facts: str = "f", seller: str = "s") -> tuple[str, list]:
        """Visibility and filters as one SQL condition over the facts and seller rows, with its parameters."""
        parts = [f"{facts}.is_published", f"{seller}.verification_status = %s"]
        params: list = [VERIFIED]
        if self.category:
            parts.append(f"{facts}.category_id = (SELECT c.id FROM catalog_category c WHERE c.slug = %s)")
            params.append(self.category)
        if self.state:
            parts.append(f"{facts}.origin_state = %s")
            params.append(self.state.upper())
        if self.min_price_usd is not None:
            parts.append(f"{facts}.min_price_usd >= %s")
            params.append(connection.ops.adapt_decimalfield_value(self.min_price_usd, 12, 2))
        if self.max_price_usd is not None:
            parts.append(f"{facts}.min_price_usd <= %s")
            params.append(connection.ops.adapt_decimalfield_value(self.max_price_usd, 12, 2))
        return " AND ".join(parts), params


def _seller_table() -> str:
    return Product._meta.get_field("seller").related_model._meta.db_table


def _fact_values(document: ProductDocument) -> tuple:
    ops = connection.ops
    return (
        document.seller_id,
        document.category_id,
        document.origin_state,
        ops.adapt_decimalfield_value(document.min_price_usd, 12, 2),
        ops.adapt_datetimefield_value(document.published_at),
        document.is_published,
    )


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


class SqliteIndex:
    """An FTS5 table whose rowid is the product id (bm25 ranks, title words count ten times) and a plain
    table of facts with the same key; every match is ranked (SQLite serves one machine's catalogue)."""

    def write(self, documents: Sequence[ProductDocument]) -> None:
        if not documents:
            return
        marks = ", ".join(["%s"] * len(FACT_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(d.product_id, d.title, d.body) for d in documents],
            )
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FACTS_TABLE} (product_id, {', '.join(FACT_COLUMNS)}) "
                f"VALUES (%s, {marks})",
                [(d.product_id, *_fact_values(d)) for d in documents],
            )

    def delete(self, product_ids: Sequence[int]) -> None:
        if not product_ids:
            return
        with connection.cursor() as cursor:
            for chunk in _chunks(list(product_ids)):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", list(chunk))
                cursor.execute(f"DELETE FROM {FACTS_TABLE} WHERE product_id IN ({marks})", list(chunk))

    def delete_all(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"DELETE FROM {FACTS_TABLE}")

    @staticmethod
    def match_expression(concepts: Sequence[Concept], match_all: bool = True) -> str:
        """("w1" OR "w2 w3") AND ("w4"): each alternative a quoted phrase, quotes inside doubled."""

        def phrase(words) -> str:
            return '"' + " ".join(words).replace('"', '""') + '"'

        joiner = " AND " if match_all else " OR "
        return joiner.join("(" + " OR ".join(phrase(a) for a in c.alternatives) + ")" for c in concepts)

    def _matches(self, concepts, filters: Filters, match_all: bool) -> tuple[str, list]:
        where, where_params = filters.where()
        # bm25() only works in the query that holds MATCH: rank there, then join and filter outside.
        sql = (
            f"WITH m AS MATERIALIZED (SELECT rowid AS product_id, bm25({TABLE}, {TITLE_WEIGHT}, 1.0) AS rank "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s) "
            f"SELECT m.product_id, m.rank, f.published_at FROM m "
            f"JOIN {FACTS_TABLE} f ON f.product_id = m.product_id "
            f"JOIN {_seller_table()} s ON s.id = f.seller_id WHERE {where}"
        )
        return sql, [self.match_expression(concepts, match_all), *where_params]

    def page(self, concepts, filters: Filters, limit: int, offset: int, match_all: bool = True):
        matches, params = self._matches(concepts, filters, match_all)
        sql = (
            f"SELECT product_id, COUNT(*) OVER () FROM ({matches}) "
            "ORDER BY rank, published_at DESC, product_id DESC LIMIT %s OFFSET %s"
        )
        return _page(sql, [*params, limit, offset])

    def count(self, concepts, filters: Filters, match_all: bool = True) -> int:
        matches, params = self._matches(concepts, filters, match_all)
        return _count(f"SELECT COUNT(*) FROM ({matches})", params)

    def browse(self, filters: Filters, limit: int, offset: int) -> tuple[str, list]:
        """The ids of one page, newest first, as SQL and parameters (a subquery of the products' query)."""
        where, params = filters.where()
        sql = (
            f"SELECT f.product_id FROM {FACTS_TABLE} f JOIN {_seller_table()} s ON s.id = f.seller_id "
            f"WHERE {where} ORDER BY f.published_at DESC, f.product_id DESC LIMIT %s OFFSET %s"
        )
        return sql, [*params, limit, offset]

    def browse_count(self, filters: Filters, cap: int) -> int:
        where, params = filters.where()
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {FACTS_TABLE} f JOIN {_seller_table()} s "
            f"ON s.id = f.seller_id WHERE {where} LIMIT %s)"
        )
        return _count(sql, [*params, cap])


class PostgresIndex:
    """A table of tsvectors (title words weight A, body words weight B) under a GIN index, with the facts
    as columns under partial btree indexes of the published rows, newest first."""

    def write(self, documents: Sequence[ProductDocument]) -> None:
        if not documents:
            return
        columns = ", ".join(FACT_COLUMNS)
        marks = ", ".join(["%s"] * len(FACT_COLUMNS))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in ("document", *FACT_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (product_id, document, {columns}) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'), "
                f"{marks}) ON CONFLICT (product_id) DO UPDATE SET {updates}",
                [(d.product_id, d.title, d.body, *_fact_values(d)) for d in documents],
            )

    def delete(self, product_ids: Sequence[int]) -> None:
        if product_ids:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {TABLE} WHERE product_id = ANY(%s)", [list(product_ids)])

    def delete_all(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    @staticmethod
    def tsquery(concepts: Sequence[Concept], match_all: bool = True) -> tuple[str, list[str]]:
        """(phrase OR phrase) AND (...), every phrase a bound parameter of phraseto_tsquery."""
        parts, params = [], []
        for concept in concepts:
            alternatives = []
            for words in concept.alternatives:
                alternatives.append("phraseto_tsquery('simple', %s)")
                params.append(" ".join(words))
            parts.append("(" + " || ".join(alternatives) + ")")
        return (" && " if match_all else " || ").join(parts), params

    def _hits(self, concepts, filters: Filters, match_all: bool) -> tuple[str, list]:
        """`q` (the tsquery) and `hits` (visible matches passing the filters: id and date only, so they stay
        small in memory) as the head of a WITH clause."""
        query_sql, query_params = self.tsquery(concepts, match_all)
        where, where_params = filters.where()
        sql = (
            f"WITH q AS (SELECT {query_sql} AS query), "
            f"hits AS MATERIALIZED (SELECT f.product_id, f.published_at FROM {TABLE} f "
            f"JOIN {_seller_table()} s ON s.id = f.seller_id CROSS JOIN q "
            f"WHERE f.document @@ q.query AND {where}) "
        )
        return sql, [*query_params, *where_params]

    def page(self, concepts, filters: Filters, limit: int, offset: int, match_all: bool = True):
        """One page of ids and the exact total. ts_rank orders the newest RANK_WINDOW matches; the older
        ones follow newest first, so ranking costs the same for a word in ten products or in ten thousand."""
        head, params = self._hits(concepts, filters, match_all)
        sql = (
            head + ", fresh AS (SELECT product_id, published_at, "
            "row_number() OVER (ORDER BY published_at DESC, product_id DESC) AS position "
            "FROM hits ORDER BY published_at DESC, product_id DESC LIMIT %s) "
            f"SELECT w.product_id, (SELECT COUNT(*) FROM hits) FROM fresh w "
            f"JOIN {TABLE} d ON d.product_id = w.product_id CROSS JOIN q "
            "ORDER BY w.position > %s, "
            "CASE WHEN w.position <= %s THEN ts_rank(d.document, q.query) END DESC NULLS LAST, "
            "w.published_at DESC, w.product_id DESC LIMIT %s OFFSET %s"
        )
        window = max(RANK_WINDOW, offset + limit)
        return _page(sql, [*params, window, RANK_WINDOW, RANK_WINDOW, limit, offset])

    def count(self, concepts, filters: Filters, match_all: bool = True) -> int:
        head, params = self._hits(concepts, filters, match_all)
        return _count(head + "SELECT COUNT(*) FROM hits", params)

    def browse(self, filters: Filters, limit: int, offset: int) -> tuple[str, list]:
        """The ids of one page, newest first, as SQL and parameters (a subquery of the products' query)."""
        where, params = filters.where()
        sql = (
            f"SELECT f.product_id FROM {TABLE} f JOIN {_seller_table()} s ON s.id = f.seller_id "
            f"WHERE {where} ORDER BY f.published_at DESC, f.product_id DESC LIMIT %s OFFSET %s"
        )
        return sql, [*params, limit, offset]

    def browse_count(self, filters: Filters, cap: int) -> int:
        where, params = filters.where()
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} f JOIN {_seller_table()} s "
            f"ON s.id = f.seller_id WHERE {where} LIMIT %s) AS capped"
        )
        return _count(sql, [*params, cap])


def reading_connection():
    """The database a search reads from: the request's replica when it may read from one (ADR 1102), as the
    products' own rows are, so that the ids, the rows and the cache's version all come from one database."""
    return connections[router.db_for_read(IndexGeneration)]


def _page(sql: str, params: list) -> tuple[list[int], int | None]:
    """The product ids of one page, and the total (None when the page is empty and the total unknown)."""
    with reading_connection().cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else None)


def _count(sql: str, params: list) -> int:
    with reading_connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def current_index() -> SqliteIndex | PostgresIndex:
    if connection.vendor == "postgresql":
        return PostgresIndex()
    if connection.vendor == "sqlite":
        return SqliteIndex()
    raise NotImplementedError(f"Search has no index for the {connection.vendor} database.")
