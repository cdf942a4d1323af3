"""What the tests that kill real worker processes share: running a Python process in the tests' folder, and a
database of its own for those processes."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

TESTS_DIR = Path(__file__).resolve().parent


def run_python(env, *args, timeout=300) -> str:
    """Run `python *args` with `env` in the tests' folder; its last line of output (it must exit 0)."""
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=timeout, cwd=TESTS_DIR
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def own_database(tmp_path, prefix: str):
    """A database of its own for the processes: a SQLite file, or (when the suite runs on PostgreSQL) a fresh
    PostgreSQL database dropped after. A generator, for a pytest fixture to yield from."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = dict(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], password=cfg["PASSWORD"])
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
