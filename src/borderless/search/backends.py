"""The index table in each database: SQLite FTS5, or PostgreSQL tsvector with a GIN index.

Both store the product's words already segmented (space-separated), so the database only splits on spaces
and never needs to understand Chinese. Every word and every bound value reaches SQL as a parameter; the
FTS5 query string quotes each word as a phrase, so query syntax in user input is inert text.
"""

# SQL here is built only from the constant table name, placeholders and SQL compiled by the ORM; every value
# is a bound parameter.
# ruff: noqa: S608

from collections.abc import Iterable, Sequence

from django.db import connection

from borderless.search.documents import ProductDocument
from borderless.search.glossary import Concept

TABLE = "search_productdocument"
TITLE_WEIGHT = 10.0
# The products a buyer may see that pass the filters, as SQL compiled by the ORM and its parameters.
Candidates = tuple[str, Sequence]
_CHUNK = 500


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


class SqliteIndex:
    """An FTS5 table whose rowid is the product id; bm25 ranks, title words count ten times."""

    def write(self, documents: Sequence[ProductDocument]) -> None:
        if not documents:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (rowid, title, body) VALUES (%s, %s, %s)",
                [(d.product_id, d.title, d.body) for d in documents],
            )

    def delete(self, product_ids: Sequence[int]) -> None:
        if not product_ids:
            return
        with connection.cursor() as cursor:
            for chunk in _chunks(list(product_ids)):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {TABLE} WHERE rowid IN ({marks})", list(chunk))

    def delete_all(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    @staticmethod
    def match_expression(concepts: Sequence[Concept], match_all: bool = True) -> str:
        """("w1" OR "w2 w3") AND ("w4"): each alternative a quoted phrase, quotes inside doubled."""

        def phrase(words) -> str:
            return '"' + " ".join(words).replace('"', '""') + '"'

        joiner = " AND " if match_all else " OR "
        return joiner.join("(" + " OR ".join(phrase(a) for a in c.alternatives) + ")" for c in concepts)

    def page(self, concepts, candidates: Candidates, limit: int, offset: int, match_all: bool = True):
        candidate_sql, candidate_params = candidates
        # bm25() only works in the query that holds MATCH: rank there, then join and filter outside.
        sql = (
            f"WITH m AS MATERIALIZED (SELECT rowid AS product_id, bm25({TABLE}, {TITLE_WEIGHT}, 1.0) AS rank "
            f"FROM {TABLE} WHERE {TABLE} MATCH %s) "
            "SELECT m.product_id, COUNT(*) OVER () FROM m JOIN catalog_product p ON p.id = m.product_id "
            f"WHERE m.product_id IN ({candidate_sql}) "
            "ORDER BY m.rank, p.published_at DESC, p.id DESC LIMIT %s OFFSET %s"
        )
        params = [self.match_expression(concepts, match_all), *candidate_params, limit, offset]
        return _page(sql, params)

    def count(self, concepts, candidates: Candidates, match_all: bool = True) -> int:
        candidate_sql, candidate_params = candidates
        sql = f"SELECT COUNT(*) FROM {TABLE} WHERE {TABLE} MATCH %s AND {TABLE}.rowid IN ({candidate_sql})"
        return _count(sql, [self.match_expression(concepts, match_all), *candidate_params])


class PostgresIndex:
    """A table of tsvectors (title words weight A, body words weight B) under a GIN index; ts_rank ranks."""

    def write(self, documents: Sequence[ProductDocument]) -> None:
        if not documents:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (product_id, document) VALUES (%s, "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')) "
                "ON CONFLICT (product_id) DO UPDATE SET document = EXCLUDED.document",
                [(d.product_id, d.title, d.body) for d in documents],
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

    def page(self, concepts, candidates: Candidates, limit: int, offset: int, match_all: bool = True):
        query_sql, query_params = self.tsquery(concepts, match_all)
        candidate_sql, candidate_params = candidates
        sql = (
            f"WITH q AS (SELECT {query_sql} AS query) "
            f"SELECT d.product_id, COUNT(*) OVER () FROM {TABLE} d "
            "JOIN catalog_product p ON p.id = d.product_id CROSS JOIN q "
            f"WHERE d.document @@ q.query AND d.product_id IN ({candidate_sql}) "
            "ORDER BY ts_rank(d.document, q.query) DESC, p.published_at DESC, p.id DESC LIMIT %s OFFSET %s"
        )
        return _page(sql, [*query_params, *candidate_params, limit, offset])

    def count(self, concepts, candidates: Candidates, match_all: bool = True) -> int:
        query_sql, query_params = self.tsquery(concepts, match_all)
        candidate_sql, candidate_params = candidates
        sql = (
            f"SELECT COUNT(*) FROM {TABLE} d "
            f"WHERE d.document @@ ({query_sql}) AND d.product_id IN ({candidate_sql})"
        )
        return _count(sql, [*query_params, *candidate_params])


def _page(sql: str, params: list) -> tuple[list[int], int | None]:
    """The product ids of one page, and the total (None when the page is empty and the total unknown)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [row[0] for row in rows], (rows[0][1] if rows else None)


def _count(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def current_index() -> SqliteIndex | PostgresIndex:
    if connection.vendor == "postgresql":
        return PostgresIndex()
    if connection.vendor == "sqlite":
        return SqliteIndex()
    raise NotImplementedError(f"Search has no index for the {connection.vendor} database.")
