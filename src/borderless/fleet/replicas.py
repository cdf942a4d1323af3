"""Which database a request reads from (ADR 1102): a replica that has caught up, else the primary.

Two guards keep a replica's answer from being older than it may be:
- lag: the replica's replay position (pg_last_wal_replay_lsn) against the primary's insert position
  (pg_current_wal_insert_lsn); behind it, the lag in seconds is the age of the last transaction replayed.
  Past REPLICA_MAX_LAG_SECONDS the replica is skipped. Measured at most once per REPLICA_LAG_CHECK_SECONDS
  per process.
- read-your-writes: after a request that writes, the visitor (session cookie or API token) is pinned to the
  primary's WAL position at that moment, in the shared cache, for REPLICA_PIN_SECONDS. Their reads go to a
  replica only once it has replayed that position.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connections

log = logging.getLogger(__name__)
PRIMARY = "default"
reading_from: ContextVar[str] = ContextVar("reading_from", default=PRIMARY)


@dataclass
class Lag:
    seconds: float | None  # None: the replica did not answer
    measured: float


_lag: dict[str, Lag] = {}


def primary_position() -> str | None:
    if connections[PRIMARY].vendor != "postgresql":
        return None
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        return cursor.fetchone()[0]


def measure_lag(alias: str) -> float | None:
    """Seconds the replica `alias` is behind the primary (0 when it has replayed all), None if it is down."""
    if connections[alias].vendor != "postgresql":
        return 0.0
    try:
        position = primary_position()
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT CASE WHEN pg_last_wal_replay_lsn() IS NULL OR pg_last_wal_replay_lsn() >= %s::pg_lsn"
                " THEN 0 ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END",
                [position],
            )
            return float(cursor.fetchone()[0] or 0)
    except DatabaseError as exc:
        log.warning("Replica %s not usable: %s", alias, exc)
        connections[alias].close()
        return None


def lag_of(alias: str) -> float | None:
    known = _lag.get(alias)
    now = time.monotonic()
    if known is None or now - known.measured >= settings.REPLICA_LAG_CHECK_SECONDS:
        known = _lag[alias] = Lag(measure_lag(alias), now)
    return known.seconds


def _visitor_keys(request, response=None) -> list[str]:
    marks = []
    if token := request.META.get("HTTP_AUTHORIZATION"):
        marks.append(token)
    name = settings.SESSION_COOKIE_NAME
    if session := request.COOKIES.get(name):
        marks.append(session)
    if response is not None and name in response.cookies and response.cookies[name].value:
        marks.append(response.cookies[name].value)
    return ["replica-pin:" + hashlib.sha256(m.encode()).hexdigest()[:32] for m in marks]


def pin(request, response) -> None:
    """The visitor just wrote: their next reads wait for a replica that has the primary's position now."""
    keys = _visitor_keys(request, response)
    if not keys or not settings.REPLICA_DATABASES:
        return
    try:
        position = primary_position()
    except DatabaseError:
        return
    if position:
        cache.set_many(dict.fromkeys(keys, position), timeout=settings.REPLICA_PIN_SECONDS)


def _has_replayed(alias: str, position: str) -> bool:
    if connections[alias].vendor != "postgresql":
        return True
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(
                "SELECT pg_last_wal_replay_lsn() IS NULL OR pg_last_wal_replay_lsn() >= %s::pg_lsn",
                [position],
            )
            return bool(cursor.fetchone()[0])
    except DatabaseError:
        connections[alias].close()
        return False


def replica_may_serve(path: str) -> bool:
    return any(path == p if p == "/" else path.startswith(p) for p in settings.REPLICA_READ_PATHS)


def choose(request) -> str:
    """The database this request reads from."""
    if not settings.REPLICA_DATABASES or request.method not in ("GET", "HEAD"):
        return PRIMARY
    if not replica_may_serve(request.path):
        return PRIMARY
    fresh = [
        alias
        for alias in settings.REPLICA_DATABASES
        if (lag := lag_of(alias)) is not None and lag <= settings.REPLICA_MAX_LAG_SECONDS
    ]
    if not fresh:
        return PRIMARY
    alias = random.choice(fresh)
    pins = [p for p in cache.get_many(_visitor_keys(request)).values() if p]
    if pins and not all(_has_replayed(alias, position) for position in pins):
        return PRIMARY
    return alias
