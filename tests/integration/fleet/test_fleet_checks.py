"""Bad fleet configuration stops `borderless serve`, `worker` and `scheduler` at start-up, naming the setting.

Each case runs the real command in a child process against real servers: a port where no PostgreSQL answers,
a real PgBouncer (Debian's package) in session mode, a real S3-compatible server (moto's) without the bucket.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from support import service_missing

PG_URL = os.environ.get("PG_TEST_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on {port}")


def borderless(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "CI"}}
    base.update(BORDERLESS_VAR_DIR=str(tmp_path / "var"), **env)
    return subprocess.run(
        [sys.executable, "-m", "borderless.cli", *args],
        env=base,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_replica_that_does_not_answer_stops_the_start(tmp_path):
    dead = f"postgres://postgres:secret@127.0.0.1:{free_port()}/borderless"
    for command in (["check", "--tag", "fleet"], ["scheduler", "--ticks", "1"], ["worker"]):
        done = borderless(tmp_path, *command, DATABASE_REPLICA_URL=dead)
        assert done.returncode != 0
        assert "DATABASE_REPLICA_URL: replica 1 (127.0.0.1:" in done.stderr
        assert "does not answer" in done.stderr and "secret" not in done.stderr


@pytest.fixture
def pgbouncer(tmp_path):
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not os.path.exists(binary):
        service_missing("PgBouncer (scripts/ensure-fleet-tools installs Debian's package)")
    processes, folders = [], []

    def start(mode: str) -> str:
        port = free_port()
        # Its own folder outside pytest's (which only root may enter): PgBouncer runs as postgres under root.
        folder = Path(tempfile.mkdtemp(prefix=f"pgbouncer-{mode}-"))
        folders.append(folder)
        (folder / "users.txt").write_text('"postgres" ""\n')
        (folder / "pgbouncer.ini").write_text(
            "[databases]\n* = host=127.0.0.1 port=5432\n[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\nauth_type = trust\n"
            f"auth_file = {folder / 'users.txt'}\nadmin_users = postgres\npool_mode = {mode}\n"
            f"logfile = {folder / 'log'}\npidfile = {folder / 'pid'}\n"
        )
        args = [binary, str(folder / "pgbouncer.ini")]
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
            args = ["runuser", "-u", "postgres", "--", *args]
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(process)
        wait_for_port(port, process)
        return f"postgres://postgres@127.0.0.1:{port}/pgbouncer"

    yield start
    for process in processes:
        process.terminate()
        process.wait(10)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def test_pgbouncer_in_session_mode_with_prepared_statements_stops_the_start(tmp_path, pgbouncer):
    admin = pgbouncer("session")
    done = borderless(tmp_path, "check", "--tag", "fleet", PGBOUNCER_ADMIN_URL=admin)
    assert done.returncode != 0
    assert "PGBOUNCER_ADMIN_URL: PgBouncer runs pool_mode=session with DATABASE_PREPARED_STATEMENTS on" in (
        done.stderr
    )


def test_pgbouncer_in_transaction_mode_needs_prepared_statements_off(tmp_path, pgbouncer):
    admin = pgbouncer("transaction")
    done = borderless(tmp_path, "check", "--tag", "fleet", PGBOUNCER_ADMIN_URL=admin)
    assert done.returncode != 0 and "pool_mode=transaction without max_prepared_statements" in done.stderr
    fine = borderless(
        tmp_path, "check", "--tag", "fleet", PGBOUNCER_ADMIN_URL=admin, DATABASE_PREPARED_STATEMENTS="0"
    )
    assert fine.returncode == 0, fine.stderr
