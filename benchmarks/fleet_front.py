"""nginx and PgBouncer for the benchmarks, from the files in deploy/, on loopback ports.

`nginx_front(ports)` runs deploy/nginx.conf with its upstream set to the given web nodes, plain HTTP on a
free port (the TLS server's settings kept, its certificate and the redirect server left out, so the figures
compare with a node served directly). `pgbouncer_front(url)` runs deploy/pgbouncer.ini in transaction mode
in front of the database of `url`. Both need root or the postgres user (PgBouncer refuses root: it runs as
postgres) and Debian's packages (`scripts/ensure-fleet-tools`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with status {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise SystemExit(f"{what} did not listen on {port} within 20 s")


def nginx_config(ports: list[int], listen: int, folder: Path) -> str:
    text = (DEPLOY / "nginx.conf").read_text()
    text = re.sub(r"^user .*;$", "", text, flags=re.M)
    text = re.sub(r"^pid .*;$", f"pid {folder / 'nginx.pid'};", text, flags=re.M)
    text = text.replace("/var/log/nginx/", f"{folder}/")
    text = text.replace("/var/lib/borderless/", f"{folder}/")
    # The redirect server (port 80) out; the TLS server listens on plain HTTP.
    text = re.sub(r"\n    server \{\n        listen 80 default_server;.*?\n    \}\n", "\n", text, flags=re.S)
    text = re.sub(r"^\s*listen \[::\]:443.*$\n", "", text, flags=re.M)
    text = re.sub(
        r"^(\s*)listen 443 ssl http2 default_server;$", rf"\1listen 127.0.0.1:{listen};", text, flags=re.M
    )
    text = re.sub(r"^\s*ssl_.*$\n", "", text, flags=re.M)
    servers = "".join(f"        server 127.0.0.1:{port} max_fails=3 fail_timeout=10s;\n" for port in ports)
    text = re.sub(r"(upstream borderless_web \{\n(?:\s*#.*\n)*)(?:\s*server .*\n)+", rf"\g<1>{servers}", text)
    return text


@contextlib.contextmanager
def nginx_front(ports: list[int]):
    """Yields the port nginx listens on, balancing the web nodes on `ports`."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    folder = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    listen = free_port()
    conf = folder / "nginx.conf"
    conf.write_text(nginx_config(ports, listen, folder))
    command = [
        binary,
        "-c",
        str(conf),
        "-p",
        str(folder),
        "-e",
        str(folder / "error.log"),
        "-g",
        "daemon off;",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for(listen, process, "nginx")
        yield listen
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def pgbouncer_front(url: str):
    """Yields the URL of PgBouncer (transaction mode) in front of the database of `url`."""
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    parts = urlsplit(url)
    database, user = parts.path.lstrip("/"), parts.username or "postgres"
    folder = Path(tempfile.mkdtemp(prefix="bench-pgbouncer-"))
    port, secret = free_port(), "bench-secret"
    (folder / "userlist.txt").write_text(f'"{user}" "{secret}"\n')
    text = (DEPLOY / "pgbouncer.ini").read_text()
    text = re.sub(
        r"^borderless = host=127\.0\.0\.1 port=5432 dbname=borderless",
        f"{database} = host={parts.hostname or '127.0.0.1'} port={parts.port or 5432} dbname={database}",
        text,
        flags=re.M,
    )
    for key, value in {
        "listen_port": str(port), "unix_socket_dir": "", "auth_file": str(folder / "userlist.txt"),
        "admin_users": user, "stats_users": user, "logfile": str(folder / "pgbouncer.log"),
        "pidfile": str(folder / "pgbouncer.pid"),
    }.items():  # fmt: skip
        text = re.sub(rf"^{key} = .*$", f"{key} = {value}", text, flags=re.M)
    (folder / "pgbouncer.ini").write_text(text)
    command = [binary, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:
        for path in (folder, folder / "userlist.txt", folder / "pgbouncer.ini"):
            shutil.chown(path, "postgres")
        command = ["runuser", "-u", "postgres", "--", *command]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(port, process, "PgBouncer")
        yield f"postgres://{user}:{secret}@127.0.0.1:{port}/{database}"
    finally:
        process.terminate()
        process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
