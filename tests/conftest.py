"""Test set-up shared by every suite.

The database is whatever DATABASE_URL says (SQLite by default; `make test` runs the integration suite again on
PostgreSQL). Under CI=true a missing PostgreSQL, Redis or browser fails the run; elsewhere those tests skip.
"""

import os

import pytest

from support import CI, service_missing


def _postgres_unreachable() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    try:
        psycopg.connect(
            host=cfg["HOST"],
            port=cfg["PORT"] or 5432,
            user=cfg["USER"],
            password=cfg["PASSWORD"],
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.OperationalError as exc:
        return str(exc).strip().splitlines()[0]
    return None


def pytest_configure(config):
    from django.conf import settings

    # Tests serve static files from the source tree: no collectstatic, no manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


def pytest_collection_modifyitems(config, items):
    problem = _postgres_unreachable()
    if problem is None:
        return
    if CI:
        pytest.exit(f"PostgreSQL is required under CI=true and is unreachable: {problem}", returncode=1)
    skip = pytest.mark.skip(reason=f"PostgreSQL unreachable ({problem}): start it to run these tests.")
    for item in items:
        item.add_marker(skip)


@pytest.fixture(autouse=True)
def _empty_cache():
    # Each test starts from its own rolled-back database: nothing cached by an earlier test may answer it.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _fast_hashing(settings, tmp_path):
    # Argon2 is the real hasher (tested on its own); here it would only slow every login down.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def on_postgres(django_db_setup):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("This test is about PostgreSQL; `make test` runs it there.")


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        service_missing(f"Redis at {url}")
    return url


# The attack suites' summary (operations fuzzed per role, matrix cells, corpus inputs) at the end of a run.
from attack_summary import pytest_terminal_summary  # noqa: E402, F401
