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


def start_server(url: str, port: int, workers: int, threads: int, ready_path: str, env: dict | None = None):
    """`borderless serve` on loopback against `url`, no task worker; returns once `ready_path` answers."""
    extra = env or {}
    import subprocess
    import sys
    import time
    import urllib.request
    from pathlib import Path

    env = {**os.environ, "DATABASE_URL": url, "ACCESS_LOG": os.devnull, "DEBUG": "0", **extra}
    command = [str(Path(sys.executable).with_name("borderless")), "serve", "--no-prepare", "--no-worker",
               "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--threads", str(threads)]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server exited with status {server.returncode}.")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=5) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("The server did not answer within 60 s.")
