"""What the benchmarks share: their own PostgreSQL databases (named borderless_bench*) and Django set-up."""

import os
from urllib.parse import urlsplit, urlunsplit


def ensure_database(url: str, name: str | None = None, regenerate: bool = False) -> None:
    """Create the database (by default the one `url` names) if absent; with `regenerate`, drop it first.

    Only databases named borderless_bench* are ever touched.
    """
    import psycopg

    parts = urlsplit(url)
    name = name or parts.path.lstrip("/")
    if not name.startswith("borderless_bench"):
        raise SystemExit(
            f"Refusing to use {name!r}: the benchmark only owns databases named borderless_bench*."
        )
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and regenerate:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created database {name}.")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "borderless.settings")
    import django

    django.setup()
