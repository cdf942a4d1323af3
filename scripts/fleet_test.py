#!/usr/bin/env python3
"""The fleet on one machine, under fire: a scripted day of trade while nodes are killed (`make fleet-test`).

Everything runs on loopback, on free ports, in one temporary folder:

- a PostgreSQL primary (wal_level=replica, a replication role) and a streaming replica (pg_basebackup -R);
- PgBouncer in transaction mode in front of the primary; the schema migrated through the direct URL;
- two web nodes (`borderless serve`) behind nginx, two workers (`borderless worker`, Redis queue) and one
  `borderless scheduler`, all on PgBouncer (prepared statements off), reading from the replica;
- a day of trade through nginx over the API: sign-ups, an operator verifying the seller, a listing
  published, buyers' checkouts with idempotency keys, sandbox payments, shipping, delivery, confirmation;
- meanwhile, with SIGKILL, a web node dies under a burst of six checkouts, a worker just after a payment,
  and the scheduler 1.5 s into a period; each is restarted (the scheduler at once, so that it fires the
  same period again).

At the end it checks what a fleet must keep: every checkout answered once (a retry after a lost answer
returns the first checkout, no duplicate order), no periodic job run twice in a period (the job-run table
and the workers' logs), no outbox message applied twice (payment events, captures) nor left unsent after
the drain, no buyer missing their own writes on a page the replica served, and the ledger's trial balance
zero. The last lines printed are the figures; the exit code is non-zero on any failure. Everything started
is stopped and the folder removed, on failure or SIGTERM too.

Options: --checkouts N (40), --rounds N (kills of each kind, 1), --seed S (random), --keep (leave the
folder for a post-mortem). Environment: FLEET_REDIS_URL (redis://127.0.0.1:6379/9), PG_BIN (the newest
/usr/lib/postgresql/*/bin), NGINX, PGBOUNCER. As root, PostgreSQL and PgBouncer run as the postgres user.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import http.client
import json
import os
import pwd
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
NGINX = os.environ.get("NGINX", "/usr/sbin/nginx")
PGBOUNCER = os.environ.get("PGBOUNCER", "/usr/sbin/pgbouncer")
PASSWORD = "fleet-test-password-1"
PERIOD = 20  # seconds: every periodic job's period in the fleet test
IDENTITY = {"name": "张三", "id_number": "11010519491231002X"}
ADDRESS = {
    "name": "张三",
    "phone": "13800138000",
    "province": "北京市",
    "city": "北京市",
    "district": "朝阳区",
    "street": "建国路 88 号 1 单元 101",
}
BUSINESS = {
    "legal_name": "Fleet Maple Farm LLC",
    "display_name": "Fleet Maple Farm",
    "state": "VT",
    "city": "Montpelier",
    "business_type": "farm",
    "employee_band": "2-9",
    "revenue_band": "lt100k",
    "year_founded": 1987,
}
PRODUCT = {
    "category": "maple-syrup",
    "brand_name": "Sugarbush Farm",
    "hs_code": "1702.20",
    "title_en": "Vermont maple syrup, grade A amber, 500 ml",
    "title_zh": "佛蒙特枫糖浆 A级琥珀色 500毫升",
    "description_en": "Boiled over wood fire from our own sugar maples.",
    "description_zh": "用自家糖枫树的树液柴火熬制。",
    "net_content": {"value": "500", "unit": "ml"},
    "unit_weight_g": "720",
    "skus": [{"code": "MS-500", "price_usd": "18.50", "stock": 900, "gtin": "036000291452"}],
    "status": "published",
}


NODES = ("web1", "web2", "worker1", "worker2", "scheduler")


class Failure(Exception):
    pass


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port: int, seconds: float, what: str, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise Failure(f"{what} exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise Failure(f"{what} did not listen on port {port} within {seconds:.0f} s")


def pg_bin() -> Path:
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise Failure("no PostgreSQL binaries under /usr/lib/postgresql/*/bin")
    return Path(found[-1]).parent


class Fleet:
    """The processes and the folder; `close` stops and removes everything, whatever happened."""

    def __init__(self, keep: bool) -> None:
        self.keep = keep
        self.dir = Path(tempfile.mkdtemp(prefix="borderless-fleet-"))
        self.dir.chmod(0o755)
        self.logs = self.dir / "logs"
        self.logs.mkdir()
        self.logs.chmod(0o777)
        self.procs: dict[str, subprocess.Popen] = {}
        self.generation: Counter = Counter()
        self.clusters: list[Path] = []
        self.as_root = os.geteuid() == 0
        self.pg = pg_bin()
        self.suffix = secrets.token_hex(6)
        self.secret = secrets.token_urlsafe(40)
        (self.dir / "var").mkdir()
        self.preparing: threading.Thread | None = None
        self.redis_url = os.environ.get("FLEET_REDIS_URL", "redis://127.0.0.1:6379/9")
        self.ports = {
            name: free_port() for name in ("primary", "replica", "pgbouncer", "nginx", "web1", "web2")
        }

    # --- processes ---

    def as_postgres(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if self.as_root else argv

    def run(self, argv: list[str], env: dict | None = None, timeout: float = 300, what: str = "") -> str:
        done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, cwd=self.dir)
        if done.returncode != 0:
            raise Failure(
                f"{what or argv[0]} failed ({done.returncode}): {(done.stderr or done.stdout)[-3000:]}"
            )
        return done.stdout

    def start(self, name: str, argv: list[str], env: dict | None = None) -> subprocess.Popen:
        self.generation[name] += 1
        log = open(self.logs / f"{name}.log", "a")  # noqa: SIM115
        log.write(f"--- start {self.generation[name]} at {time.time():.3f}\n")
        log.flush()
        proc = subprocess.Popen(
            argv, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=self.dir, start_new_session=True
        )
        log.close()
        self.procs[name] = proc
        return proc

    def kill(self, name: str) -> None:
        """SIGKILL to the process and everything it started (its session): a node that dies."""
        proc = self.procs[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)

    def stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(8)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        except ProcessLookupError:
            pass

    def log_tail(self, name: str, chars: int = 2500) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def close(self) -> None:
        if self.preparing is not None:
            self.preparing.join(300)  # its commands end on their own; PostgreSQL is stopped after them
        for name in reversed(list(self.procs)):  # Borderless first, then nginx, then PgBouncer
            try:
                self.stop(name)
            except Exception as exc:  # noqa: BLE001 - stop the rest whatever one does
                say(f"could not stop {name}: {exc}")
        for cluster in self.clusters:
            if (cluster / "postmaster.pid").exists():
                subprocess.run(
                    self.as_postgres(
                        [str(self.pg / "pg_ctl"), "-D", str(cluster), "-m", "immediate", "-w", "stop"]
                    ),
                    capture_output=True,
                    timeout=60,
                )
        try:
            import redis

            client = redis.Redis.from_url(self.redis_url)
            for pattern in (f"huey.*{self.huey_name}*", f"{self.cache_prefix}:*"):
                keys = client.keys(pattern)
                if keys:
                    client.delete(*keys)
        except Exception as exc:  # noqa: BLE001
            say(f"could not clear the Redis keys: {exc}")
        if self.keep:
            say(f"kept {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def huey_name(self) -> str:
        return f"fleet{self.suffix}"

    @property
    def cache_prefix(self) -> str:
        return f"fleet{self.suffix}"

    # --- PostgreSQL, PgBouncer, nginx ---

    def databases(self) -> None:
        pgdir = self.dir / "pg"
        pgdir.mkdir()
        if self.as_root:
            user = pwd.getpwnam("postgres")
            os.chown(pgdir, user.pw_uid, user.pw_gid)
        primary, replica = pgdir / "primary", pgdir / "replica"
        self.clusters = [primary, replica]
        self.run(
            self.as_postgres(
                [
                    str(self.pg / "initdb"),
                    "-D",
                    str(primary),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync",
                    "-E",
                    "UTF8",
                ]
            ),
            what="initdb",
        )
        settings = f"""
listen_addresses = '127.0.0.1'
port = {self.ports["primary"]}
unix_socket_directories = '{pgdir}'
wal_level = replica
max_wal_senders = 4
hot_standby = on
max_connections = 200
fsync = off
full_page_writes = off
"""
        self.as_owner_append(primary / "postgresql.conf", settings)
        hba = (primary / "pg_hba.conf").read_text()
        self.as_owner_write(
            primary / "pg_hba.conf",
            "host replication replicator 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 trust\n" + hba,
        )
        self.pg_start(primary, "primary")
        import psycopg

        with psycopg.connect(self.url("primary", "postgres"), autocommit=True) as conn:
            conn.execute("CREATE ROLE replicator WITH REPLICATION LOGIN")
            conn.execute("CREATE DATABASE borderless")
        self.prepare_in_background()  # migrating while the replica is copied and started
        self.run(
            self.as_postgres(
                [
                    str(self.pg / "pg_basebackup"),
                    "-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U", "replicator",
                    "-D", str(replica), "-R", "-X", "stream", "-c", "fast",
                ]
            ),
            what="pg_basebackup",
        )  # fmt: skip
        self.as_owner_append(replica / "postgresql.auto.conf", f"port = {self.ports['replica']}\n")
        self.pg_start(replica, "replica")
        with psycopg.connect(self.url("replica"), autocommit=True) as conn:
            if not conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]:
                raise Failure("the replica is not in recovery")

    def as_owner_append(self, path: Path, text: str) -> None:
        with open(path, "a") as f:
            f.write(text)

    def as_owner_write(self, path: Path, text: str) -> None:
        path.write_text(text)

    def pg_start(self, cluster: Path, name: str) -> None:
        self.run(
            self.as_postgres(
                [
                    str(self.pg / "pg_ctl"),
                    "-D",
                    str(cluster),
                    "-l",
                    str(self.logs / f"{name}.log"),
                    "-w",
                    "start",
                ]
            ),
            what=f"pg_ctl start {name}",
        )

    def url(self, where: str, database: str = "borderless") -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[where]}/{database}"

    def pgbouncer(self) -> None:
        folder = self.dir / "pgbouncer"
        folder.mkdir()
        (folder / "userlist.txt").write_text('"postgres" ""\n')
        conf = folder / "pgbouncer.ini"
        conf.write_text(f"""[databases]
borderless = host=127.0.0.1 port={self.ports["primary"]} dbname=borderless

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {self.ports["pgbouncer"]}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "userlist.txt"}
admin_users = postgres
pool_mode = transaction
max_client_conn = 400
default_pool_size = 40
server_reset_query =
ignore_startup_parameters = extra_float_digits,options
logfile = {self.logs / "pgbouncer-server.log"}
""")
        if self.as_root:
            user = pwd.getpwnam("postgres")
            for path in (folder, folder / "userlist.txt", conf):
                os.chown(path, user.pw_uid, user.pw_gid)
        proc = self.start("pgbouncer", self.as_postgres([PGBOUNCER, str(conf)]))
        wait_port(self.ports["pgbouncer"], 15, "PgBouncer", proc)

    def nginx(self) -> None:
        folder = self.dir / "nginx"
        folder.mkdir()
        folder.chmod(0o777)
        temp = {k: folder / k for k in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir()
            path.chmod(0o777)
        conf = folder / "nginx.conf"
        conf.write_text(f"""daemon off;
worker_processes 1;
pid {folder / "nginx.pid"};
error_log {self.logs / "nginx.log"} warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    upstream borderless {{
        server 127.0.0.1:{self.ports["web1"]} max_fails=1 fail_timeout=2s;
        server 127.0.0.1:{self.ports["web2"]} max_fails=1 fail_timeout=2s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{self.ports["nginx"]};
        client_max_body_size 10m;
        location / {{
            proxy_pass http://borderless;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_read_timeout 30s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
""")
        proc = self.start(
            "nginx", [NGINX, "-p", str(folder), "-e", str(self.logs / "nginx.log"), "-c", str(conf)]
        )
        wait_port(self.ports["nginx"], 15, "nginx", proc)

    # --- Borderless ---

    def env(self, name: str = "", direct: bool = False) -> dict:
        dropped = {
            "DATABASE_URL",
            "DATABASE_REPLICA_URL",
            "REDIS_URL",
            "HUEY_IMMEDIATE",
            "PGBOUNCER_ADMIN_URL",
        }
        env = {k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("MEDIA_S3")}
        env.update(
            {
                "PYTHONPATH": os.pathsep.join(
                    filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])
                ),
                "DJANGO_SETTINGS_MODULE": "borderless.settings",
                "BORDERLESS_VAR_DIR": str(self.dir / "var"),
                "SECRET_KEY": self.secret,
                "SANDBOX_WEBHOOK_SECRET": "whsec_fleet_" + self.suffix,
                "CARRIER_WEBHOOK_SECRET": "carrier_fleet_" + self.suffix,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "REDIS_URL": self.redis_url,
                "HUEY_NAME": self.huey_name,
                "CACHE_KEY_PREFIX": self.cache_prefix,
                "DATABASE_PREPARED_STATEMENTS": "0",
                "WORKER_PERIODIC": "0",  # the scheduler is the fleet's clock
                "JOB_PERIOD_SECONDS": str(PERIOD),  # every job every 20 s: a day's periods in a minute
                "SCHEDULER_TICK_SECONDS": "0.5",
                "OUTBOX_LEASE_SECONDS": "3",
                "CUSTOMS_SANDBOX_VERDICT_SECONDS": "1",
                # Workers log each job they skip as run elsewhere (INFO): the test counts them.
                "LOG_LEVEL": "INFO" if name.startswith(("worker", "scheduler")) else "WARNING",
                "ACCESS_LOG": os.devnull,
                "NODE_NAME": f"{name}.{self.generation[name] + 1}" if name else "",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if direct:
            env["DATABASE_URL"] = self.url("primary")
            env["DATABASE_PREPARED_STATEMENTS"] = "1"
        else:
            env["DATABASE_URL"] = self.url("pgbouncer")
            env["PGBOUNCER_ADMIN_URL"] = self.url("pgbouncer", "pgbouncer")
            env["DATABASE_REPLICA_URL"] = self.url("replica")
        return env

    def borderless(self, *args: str) -> list[str]:
        return [PYTHON, "-m", "borderless.cli", *args]

    def prepare(self) -> None:
        """The schema through the direct URL, the static files beside it, then the operator."""
        env = self.env(direct=True)
        static = subprocess.Popen(
            self.borderless("collectstatic", "--noinput", "--verbosity", "0"),
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=self.dir,
        )  # fmt: skip
        try:
            self.run(
                self.borderless("migrate", "--noinput", "--verbosity", "0"), env, what="borderless migrate"
            )
        finally:
            _, errors = static.communicate(timeout=300)
        if static.returncode != 0:
            raise Failure(f"collectstatic failed: {errors[-2000:]}")
        self.django(
            "from borderless.accounts.models import User\n"
            f"User.objects.create_superuser('operator@fleet.example', {PASSWORD!r})\n",
            direct=True,
        )

    def prepare_in_background(self) -> None:
        def prepare() -> None:
            try:
                self.prepare()
            except Exception as exc:  # noqa: BLE001 - raised by finish_preparing
                self.prepare_error = exc

        self.prepare_error: Exception | None = None
        self.preparing = threading.Thread(target=prepare)
        self.preparing.start()

    def finish_preparing(self) -> None:
        self.preparing.join(600)
        if self.prepare_error is not None:
            raise self.prepare_error

    def django(self, code: str, direct: bool = True) -> str:
        script = "import django\ndjango.setup()\n" + code
        return self.run([PYTHON, "-c", script], self.env(direct=direct), what="a Django step")

    def start_web(self, name: str, wait: bool = True) -> None:
        port = self.ports[name]
        argv = self.borderless(
            "serve", "--host", "127.0.0.1", "--port", str(port), "--no-prepare", "--no-worker",
            "--workers", "1", "--threads", "8",
        )  # fmt: skip
        proc = self.start(name, argv, self.env(name))
        if wait:
            wait_port(port, 60, name, proc)

    def start_worker(self, name: str) -> None:
        self.start(name, self.borderless("worker", "--workers", "2"), self.env(name))

    def start_scheduler(self) -> None:
        self.start("scheduler", self.borderless("scheduler"), self.env("scheduler"))

    def alive(self, name: str) -> bool:
        return self.procs[name].poll() is None

    READY = {"web": "Listening at: ", "worker": "Huey consumer started", "scheduler": "periodic jobs."}

    def wait_ready(self, name: str, seconds: float = 90) -> None:
        """Until the process's latest start logged that it serves (web), consumes (worker) or ticks."""
        marker = f"--- start {self.generation[name]} "
        wanted = self.READY[re.sub(r"\d+$", "", name)]
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            text = (self.logs / f"{name}.log").read_text(errors="replace")
            if wanted in text[text.rfind(marker) :]:
                return
            if not self.alive(name):
                raise Failure(f"{name} exited with {self.procs[name].returncode}:\n{self.log_tail(name)}")
            time.sleep(0.2)
        raise Failure(f"{name} not ready within {seconds:.0f} s:\n{self.log_tail(name)}")


class Api:
    """JSON over HTTP through nginx, with retries when the answer is lost (a node died under the request)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.retries = 0
        self.lock = threading.Lock()
        self.local = threading.local()  # the database the last answer in this thread was read from
        self.stale = []
        self.reads = Counter()

    def once(self, method: str, path: str, body=None, token: str | None = None, headers: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            sent = {"Content-Type": "application/json", **(headers or {})}
            if token:
                sent["Authorization"] = f"Bearer {token}"
            data = json.dumps(body).encode() if body is not None else None
            conn.request(method, "/api/v1" + path, body=data, headers=sent)
            response = conn.getresponse()
            raw = response.read()
            self.local.read = response.getheader("X-Borderless-Read")
            if self.local.read:
                with self.lock:
                    self.reads[self.local.read] += 1
            try:
                payload = json.loads(raw) if raw else None
            except ValueError:
                payload = raw.decode(errors="replace")[:300]
            return response.status, payload
        finally:
            conn.close()

    def read_own(self, path: str, token: str, fresh) -> None:
        """A read of what this visitor just wrote (a page the replica may serve): stale if `fresh(answer)`
        is false."""
        _, payload = self.call("GET", path, token=token)
        if not fresh(payload):
            self.stale.append(f"{path} read from {getattr(self.local, 'read', '?')}: {str(payload)[:200]}")

    def call(
        self, method: str, path: str, body=None, token=None, headers=None, ok=(200, 201, 202, 204), lost=None
    ):
        """The answer, retrying a lost one (connection error or a gateway error) with the same request;
        `lost` (a list) gets the path once if the first answer was lost."""
        last = None
        for attempt in range(12):
            try:
                status, payload = self.once(method, path, body, token, headers)
            except (OSError, http.client.HTTPException) as exc:
                status, payload = None, str(exc)
            if status is not None and status not in (502, 503, 504):
                if status in ok or (attempt and status == 409):
                    return status, payload
                raise Failure(f"{method} {path}: {status} {payload}")
            last = (status, payload)
            with self.lock:
                self.retries += 1
            if lost is not None and attempt == 0:
                lost.append(path)
            time.sleep(0.25 * (attempt + 1))
        raise Failure(f"{method} {path}: no answer after retries: {last}")


def checkout_state_script(keys: list[str]) -> str:
    return f"""
import json
from django.db.models import Count
from borderless.fleet.models import JobRun
from borderless.ledger.balances import trial_balance, verify_ledger
from borderless.ledger.models import Transaction
from borderless.orders.models import Checkout, Order
from borderless.events.models import OutboxMessage
from borderless.payments.models import Payment, PaymentEvent
keys = {keys!r}
checkouts = Checkout.objects.filter(idempotency_key__in=keys)
per_key = checkouts.values("buyer", "idempotency_key").annotate(n=Count("id"))
runs = JobRun.objects.values("job", "period").annotate(n=Count("id"))
events = PaymentEvent.objects.values("provider", "event_id").annotate(n=Count("id"))
captured = Payment.objects.filter(status="succeeded").count()
unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
redelivered = OutboxMessage.objects.filter(attempts__gt=1)
print(json.dumps({{
    "checkouts": checkouts.count(),
    "keys_once": sum(1 for p in per_key if p["n"] == 1),
    "keys_twice": sum(1 for p in per_key if p["n"] > 1),
    "orders": Order.objects.filter(checkout__in=checkouts).count(),
    "orders_by_status": dict(Counter(Order.objects.values_list("status", flat=True))),
    "job_runs": JobRun.objects.count(),
    "job_runs_unfinished": JobRun.objects.filter(finished_at__isnull=True).count(),
    "job_runs_twice": runs.filter(n__gt=1).count(),
    "jobs_run": sorted(set(JobRun.objects.values_list("job", flat=True))),
    "outbox": OutboxMessage.objects.count(),
    "outbox_redelivered": dict(Counter(redelivered.values_list("topic", flat=True))),
    "outbox_unsent": unsent.count(),
    "outbox_unsent_topics": dict(Counter(unsent.values_list("topic", flat=True))),
    "events_twice": events.filter(n__gt=1).count(),
    "payments_succeeded": captured,
    "captures": Transaction.objects.filter(kind="payment_capture").count(),
    "trial_balance": trial_balance(),
    "ledger_problems": verify_ledger()[:5],
}}))
""".replace("import json\n", "import json\nfrom collections import Counter\n", 1)


def day_of_trade(fleet: Fleet, api: Api, checkouts: int, rounds: int, rng: random.Random) -> dict:
    ops_token = token(api, "operator@fleet.example")
    status, body = api.call("POST", "/auth/signup", {
        "email": "owner@fleet-maple.example", "password": PASSWORD, "role": "seller",
        "full_name": "Fleet Owner", "business": BUSINESS,
    })  # fmt: skip
    seller_id = body["seller"]["id"]
    seller_token = token(api, "owner@fleet-maple.example")
    api.call("POST", f"/ops/sellers/{seller_id}/verify", {"note": "fleet test"}, ops_token)
    status, product = api.call("POST", "/seller/products", PRODUCT, seller_token)
    if product["status"] != "published":
        raise Failure(f"the listing was not published: {product}")
    sku = product["skus"][0]["id"]
    buyers = []
    for n in range(6):
        email = f"buyer{n}@fleet.example"
        api.call(
            "POST", "/auth/signup", {"email": email, "password": PASSWORD, "role": "buyer", "province": "BJ"}
        )
        buyers.append(token(api, email))
    say(f"seller verified, listing {product['id']} published, {len(buyers)} buyers signed up")

    # The chaos plan: which checkout each kill comes before, and how many checkouts later the restart.
    kills = chaos_plan(checkouts, rounds, rng)
    restarts: dict[int, list[str]] = {}
    chaos: list[threading.Thread] = []
    survived: list[str] = []
    keys: list[str] = []
    answers: dict[str, str] = {}
    orders_of: dict[str, set[str]] = {}
    retried_on_purpose: list[str] = []
    cut_by_kill: list = []  # checkouts whose answer a kill lost
    pending: list[tuple[str, dict]] = []  # (buyer token, checkout answer) not yet paid
    tracking = iter(range(10_000, 99_999))
    completed = 0

    def advance(final: bool = False) -> None:
        nonlocal completed
        for entry in list(pending):
            buyer_token, answer = entry
            _, payment = api.call("GET", f"/payments/{answer['payment']['id']}", token=buyer_token)
            if payment["status"] != "succeeded":
                continue
            pending.remove(entry)
            for order in answer["orders"]:
                path = f"/orders/{order['id']}"
                number = f"940011189922319{next(tracking):07d}"
                api.call("POST", f"{path}/ship", {"carrier": "USPS", "tracking_number": number}, seller_token)
                api.call("POST", f"{path}/deliver", token=seller_token)
                _, done = api.call("POST", f"{path}/confirm-receipt", token=buyer_token)
                if done["status"] != "completed":
                    raise Failure(f"order {order['id']} is {done['status']} after confirmation")
                api.read_own(path, buyer_token, lambda p: p["status"] == "completed")
                completed += 1

    def checkout(i: int, buyer_token: str, lost: list) -> dict:
        """Checkout number i (the cart holds its line): its answer, the first one even when it was lost."""
        key = f"fleet-{fleet.suffix}-{i}"
        headers = {"Idempotency-Key": key}
        body = {"address": ADDRESS, "identity": IDENTITY}
        _, answer = api.call("POST", "/checkout", body, buyer_token, headers, lost=lost)
        if i % 7 == 3:
            # The answer was lost on the way back: the app retries; the first checkout must come back.
            status, again = api.call("POST", "/checkout", body, buyer_token, headers)
            if status != 200 or not again.get("replayed") or again["checkout_id"] != answer["checkout_id"]:
                raise Failure(f"retry of checkout {key} answered {status}: {again}")
            retried_on_purpose.append(key)
        answers[key] = answer["checkout_id"]
        return answer

    def pay(buyer_token: str, answer: dict) -> None:
        payment = answer["payment"]["id"]
        api.call("POST", f"/payments/{payment}/sandbox/complete", {"outcome": "succeeded"}, buyer_token)
        pending.append((buyer_token, answer))
        # Read-your-writes: the buyer's order list (a replica page) shows the orders just placed.
        placed = {o["id"] for o in answer["orders"]}
        orders_of.setdefault(buyer_token, set()).update(placed)
        api.read_own("/orders?limit=200", buyer_token, lambda p: placed <= {o["id"] for o in p["orders"]})

    i = 0
    while i < checkouts:
        for name in [n for at in sorted(restarts) if at <= i for n in restarts.pop(at)]:
            restart(fleet, name)
            say(f"checkout {i}: restarted {name}")
        victim = kills.get(i)
        for names in restarts.values():
            if victim in names:  # killed again before its restart: back first, then killed once more
                names.remove(victim)
                restart(fleet, victim)
                fleet.wait_ready(victim)
        # A burst of checkouts from every buyer at once where the web node dies, one at a time elsewhere.
        batch = list(range(i, min(checkouts, i + len(buyers)))) if victim == "web1" else [i]
        for n in batch:
            keys.append(f"fleet-{fleet.suffix}-{n}")
            api.call("PUT", f"/cart/items/{sku}", {"quantity": 1 + n % 2}, buyers[n % len(buyers)])
        if victim == "scheduler":
            # Killed just after it fired a period, and restarted at once: the new one comes up within the
            # same period and fires it again; the workers must refuse the second run of each job.
            chaos.append(threading.Thread(target=kill_scheduler_mid_period, args=(fleet,)))
            chaos[-1].start()
        if victim:
            survived.append(victim)
            if victim != "scheduler":
                restarts.setdefault(i + len(batch) + rng.randint(3, 6), []).append(victim)
        if victim == "web1":
            # The node dies with checkouts in flight: nginx answers 502 for those it held, and each buyer's
            # app sends its checkout again with the same key.
            results: dict[int, object] = {}
            lost: list = []

            def one(n: int, results: dict, lost: list) -> None:
                try:
                    results[n] = checkout(n, buyers[n % len(buyers)], lost)
                except Exception as exc:  # noqa: BLE001 - raised below, in the main thread
                    results[n] = exc

            threads = [threading.Thread(target=one, args=(n, results, lost)) for n in batch]
            for thread in threads:
                thread.start()
            time.sleep(rng.uniform(0.02, 0.12))
            fleet.kill("web1")
            say(f"checkouts {batch[0]}-{batch[-1]}: killed web1 (SIGKILL) under {len(batch)} checkouts")
            for thread in threads:
                thread.join(120)
            for n in batch:
                if isinstance(results.get(n), Exception) or n not in results:
                    raise Failure(f"checkout {n} in the burst: {results.get(n)!r}")
            cut_by_kill.extend(lost)
            for n in batch:
                pay(buyers[n % len(buyers)], results[n])
        else:
            buyer_token = buyers[i % len(buyers)]
            pay(buyer_token, checkout(i, buyer_token, cut_by_kill))
            if victim == "worker1":
                # The payment's webhook is on the queue or being delivered: the worker dies with it.
                time.sleep(rng.uniform(0.0, 0.08))
                fleet.kill("worker1")
                say(f"checkout {i}: killed worker1 (SIGKILL) just after the payment")
        advance()
        i += len(batch)
    for i in sorted(restarts):
        for name in restarts[i]:
            restart(fleet, name)
            say(f"after the loop: restarted {name}")
    for thread in chaos:
        thread.join(PERIOD + 30)
    deadline = time.monotonic() + 60
    while pending and time.monotonic() < deadline:
        advance(final=True)
        if pending:
            time.sleep(0.5)
    if pending:
        raise Failure(f"{len(pending)} checkouts still unpaid a minute after the day")
    # Reads on the storefront go to the replica once nothing was written by the visitor; a buyer's order
    # list too once the replica has replayed their last write, and it shows every order completed.
    for _ in range(5):
        api.call("GET", "/products")
    time.sleep(1)
    for buyer_token, placed in orders_of.items():
        api.read_own(
            "/orders?limit=200",
            buyer_token,
            lambda p, placed=placed: placed == {o["id"] for o in p["orders"] if o["status"] == "completed"},
        )
    return {
        "seller_token": seller_token,
        "product": product["id"],
        "keys": keys,
        "answers": answers,
        "lost_then_retried": len(retried_on_purpose),
        "in_flight_kill": len(cut_by_kill),
        "survived": survived,
        "completed": completed,
    }


def search_across_nodes(fleet: Fleet, seller_token: str, product_id: str) -> dict:
    """Both web nodes cache the same search (the cache is shared, keyed by the index's generation); the
    seller renames the listing through one node; the other node's next answers show the new title, none the
    old one once it has shown the new. Reads may come from the replica, so the new title is waited for within
    the replica's lag bound, then every later read must keep it."""
    nodes = {name: Api(fleet.ports[name]) for name in ("web1", "web2")}
    path = "/products?q=%E6%9E%AB%E7%B3%96%E6%B5%86&lang=zh-hans"  # 枫糖浆

    def titles(api: Api) -> set[str]:
        _, page = api.call("GET", path)
        return {item["title"] for item in page["items"] if item["id"] == product_id}

    before = [titles(api) for api in nodes.values() for _ in range(2)]  # each node answers twice: cached
    renamed = "佛蒙特枫糖浆 A级琥珀色 500毫升 新季"
    nodes["web1"].call("PATCH", f"/seller/products/{product_id}", {"title_zh": renamed}, seller_token)
    deadline, first_new, reads, old_after_new = time.monotonic() + 15, None, 0, 0
    while time.monotonic() < deadline and first_new is None:
        if renamed in titles(nodes["web2"]):
            first_new = time.monotonic()
        else:
            time.sleep(0.2)
    time.sleep(1)  # a replica read at the same moment may still be a few milliseconds behind
    for _ in range(10):
        for api in nodes.values():
            reads += 1
            if renamed not in titles(api):
                old_after_new += 1
    return {"before": before, "shown": first_new is not None, "reads": reads, "old_after_new": old_after_new}


def chaos_plan(checkouts: int, rounds: int, rng: random.Random) -> dict[int, str]:
    """Checkout number -> what is killed there: each kind `rounds` times, at random, 7 checkouts apart at
    least (a web node's kill comes with a burst of 6 checkouts), none in the first 3 or the last 6."""
    victims = ["web1", "worker1", "scheduler"] * rounds
    rng.shuffle(victims)
    room = range(3, checkouts - 6)
    if len(room) < 7 * len(victims):
        raise Failure(f"{checkouts} checkouts are too few for {len(victims)} kills: {7 * len(victims) + 9}")
    for _ in range(1000):
        slots = sorted(rng.sample(room, len(victims)))
        if all(b - a >= 7 for a, b in zip(slots, slots[1:], strict=False)):
            return dict(zip(slots, victims, strict=True))
    return {room.start + 7 * n: v for n, v in enumerate(victims)}  # evenly spaced


SCHEDULER_KILLS = threading.Lock()  # one at a time: each in a period after the previous restart


def kill_scheduler_mid_period(fleet: Fleet) -> None:
    with SCHEDULER_KILLS:
        time.sleep(PERIOD - time.time() % PERIOD + 1.5)  # the next period began and was fired 1.5 s ago
        fleet.kill("scheduler")
        say("killed the scheduler (SIGKILL) 1.5 s into a period; restarting it")
        fleet.start_scheduler()
        fleet.wait_ready("scheduler")


def token(api: Api, email: str) -> str:
    _, body = api.call("POST", "/auth/tokens", {"email": email, "password": PASSWORD, "name": "fleet"})
    return body["token"]


def restart(fleet: Fleet, name: str) -> None:
    if name.startswith("web"):
        fleet.start_web(name, wait=False)  # nginx sends everything to the other node meanwhile
    elif name.startswith("worker"):
        fleet.start_worker(name)
    else:
        fleet.start_scheduler()


def jobs_in_logs(fleet: Fleet) -> tuple[int, int, int]:
    """Across every worker's log: runs logged, (job, period) pairs run more than once, and fires skipped
    because the period had run already (a restarted scheduler firing it again)."""
    runs = Counter()
    skipped = 0
    for path in fleet.logs.glob("worker*.log"):
        text = path.read_text(errors="replace")
        for match in re.finditer(r"fleet job ran job=(\S+) period=(\S+)", text):
            runs[match.groups()] += 1
        skipped += len(re.findall(r"fleet job skipped job=", text))
    return sum(runs.values()), sum(1 for n in runs.values() if n > 1), skipped


def drain(fleet: Fleet, keys: list[str], seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        state = json.loads(fleet.django(checkout_state_script(keys)).strip().splitlines()[-1])
        if state["outbox_unsent"] == 0 or time.monotonic() > deadline:
            return state
        time.sleep(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkouts", type=int, default=40)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument(
        "--rounds", type=int, default=1, help="kills of each kind (web node, worker, scheduler)"
    )
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.randrange(1_000_000)
    rng = random.Random(seed)
    began = time.monotonic()
    for tool in (NGINX, PGBOUNCER):
        if not os.access(tool, os.X_OK):
            print(f"FAIL: {tool} is missing (make fleet-tools)")
            return 2
    fleet = Fleet(options.keep)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    failures: list[str] = []
    try:
        say(f"fleet in {fleet.dir} (seed {seed}); ports {fleet.ports}")
        fleet.databases()
        say("PostgreSQL primary and streaming replica up")
        fleet.pgbouncer()
        fleet.finish_preparing()
        say(f"migrated through the direct URL ({time.monotonic() - began:.0f} s)")
        for name in ("web1", "web2"):
            fleet.start_web(name, wait=False)
        for name in ("worker1", "worker2"):
            fleet.start_worker(name)
        fleet.start_scheduler()
        fleet.nginx()
        for name in NODES:
            fleet.wait_ready(name)
        say(f"fleet up: nginx, 2 web nodes, 2 workers, a scheduler ({time.monotonic() - began:.0f} s)")
        api = Api(fleet.ports["nginx"])
        day = day_of_trade(fleet, api, options.checkouts, options.rounds, rng)
        say(f"day of trade done: {day['completed']} orders completed ({time.monotonic() - began:.0f} s)")
        for name in NODES:  # the restarted ones too
            fleet.wait_ready(name)
        state = drain(fleet, day["keys"], 45)
        logged, logged_twice, skipped = jobs_in_logs(fleet)
        search = search_across_nodes(fleet, day["seller_token"], day["product"])

        answered_once = state["keys_once"]
        if state["checkouts"] != options.checkouts or answered_once != options.checkouts:
            failures.append(
                f"{state['checkouts']} checkouts for {options.checkouts} keys, {answered_once} once"
            )
        if state["keys_twice"]:
            failures.append(f"{state['keys_twice']} idempotency keys with two checkouts")
        duplicates = state["job_runs_twice"] + logged_twice + state["events_twice"]
        if state["captures"] != state["payments_succeeded"]:
            duplicates += abs(state["captures"] - state["payments_succeeded"])
            failures.append(f"{state['captures']} captures for {state['payments_succeeded']} payments")
        if duplicates:
            failures.append(
                f"duplicates: job runs {state['job_runs_twice']} (table), {logged_twice} (logs); "
                f"payment events {state['events_twice']}"
            )
        if state["outbox_unsent"]:
            failures.append(f"outbox messages unsent after the drain: {state['outbox_unsent_topics']}")
        if not state["trial_balance"]["balanced"] or state["ledger_problems"]:
            failures.append(f"ledger: {state['trial_balance']} {state['ledger_problems']}")
        if not state["job_runs"] or "payments.retry_outbox" not in state["jobs_run"]:
            failures.append(f"the periodic jobs did not run: {state['jobs_run']}")
        if not any(k.startswith("replica") for k in api.reads):
            failures.append(f"no read came from the replica: {dict(api.reads)}")
        if not all(search["before"]) or not search["shown"] or search["old_after_new"]:
            failures.append(f"search across the web nodes: {search}")
        if api.stale:
            failures.append(f"{len(api.stale)} stale reads of the visitor's own writes: {api.stale[:3]}")
        balance = ", ".join(
            f"{c} {v['debits']} = {v['credits']}" for c, v in state["trial_balance"]["currencies"].items()
        )
        print()
        print(f"orders: {state['orders']} ({state['orders_by_status']})")
        print(f"reads: {dict(api.reads)}, {len(api.stale)} stale (the visitor's own writes missing)")
        print(
            f"periodic job runs: {state['job_runs']} ({logged} logged, {skipped} fires refused as run "
            f"already, {state['job_runs_unfinished']} cut short by a kill)"
        )
        print(
            f"outbox messages: {state['outbox']} (tried more than once, waiting for what they follow or "
            f"after a kill: {state['outbox_redelivered']}); "
            f"requests retried after a lost answer: {api.retries}"
        )
        print(
            f"checkouts: {options.checkouts} attempted, {answered_once} answered once "
            f"({day['lost_then_retried']} retried after a lost answer, {day['in_flight_kill']} cut by a kill)"
        )
        print(
            f"search cache across the web nodes: a rename through web1 shown by web2, then "
            f"{search['reads']} reads on both nodes, {search['old_after_new']} with the old title"
        )
        print(f"kills survived: {len(day['survived'])} ({', '.join(day['survived'])})")
        print(f"duplicates: {duplicates}")
        print(f"lost: {state['outbox_unsent']}")
        print(f"trial balance: {'zero' if state['trial_balance']['balanced'] else 'NOT ZERO'} ({balance})")
    except Failure as exc:
        failures.append(str(exc))
    except Exception as exc:  # noqa: BLE001 - reported, then everything is stopped
        import traceback

        failures.append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
    finally:
        if failures:
            for name in NODES:
                tail = fleet.log_tail(name, 1500)
                if tail:
                    print(f"--- {name} log (end) ---\n{tail}")
        fleet.close()
    elapsed = time.monotonic() - began
    for failure in failures:
        print(f"FAIL: {failure}")
    print(f"fleet test {'FAILED' if failures else 'passed'} in {elapsed:.0f} s (seed {seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
