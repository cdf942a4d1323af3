"""The files in deploy/ are valid: each is checked by the program that reads it, or against the platform.

- nginx.conf passes `nginx -t` (Debian's nginx), and its upload limit is the platform's largest request.
- pgbouncer.ini, started by Debian's PgBouncer, pools in transaction mode onto the real PostgreSQL; the
  platform's own settings connect through it, and the start-up check accepts it with the environment
  example's DATABASE_PREPARED_STATEMENTS (and refuses it with prepared statements on).
- Every Procfile line and systemd ExecStart runs a real `borderless` subcommand with options it accepts,
  and the units pass `systemd-analyze verify`.
- borderless.env.example names every environment variable the platform reads, and nothing else.

The files are copied into a temporary folder with their machine paths (/var/lib/borderless, /etc/…) and
ports replaced, and nothing else changed.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class
from django.core.management.base import CommandError
from test_fleet_checks import PG_URL, borderless, free_port, wait_for_port

from support import service_missing

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"
SRC = REPO / "src" / "borderless"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


def replace_once(text: str, pattern: str, replacement: str, what: str) -> str:
    """The text with pattern (a regex, one line) replaced; fails unless the file has it exactly once."""
    new, count = re.subn(pattern, lambda _: replacement, text, flags=re.MULTILINE)
    assert count == 1, f"{what}: expected one line matching {pattern!r}, found {count}"
    return new


# --- nginx ------------------------------------------------------------------------------------------------


def nginx_binary() -> str:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(binary):
        service_missing("nginx (scripts/ensure-fleet-tools installs Debian's nginx-light)")
    return binary


def nginx_copy(folder: Path) -> Path:
    """deploy/nginx.conf with its pid, logs, static root and certificate in folder."""
    text = (DEPLOY / "nginx.conf").read_text()
    for name in ("logs", "state/static"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    text = replace_once(text, r"^pid /run/nginx\.pid;$", f"pid {folder / 'nginx.pid'};", "nginx pid")
    text = text.replace("/var/log/nginx/", f"{folder / 'logs'}/")
    text = text.replace("/var/lib/borderless/", f"{folder / 'state'}/")
    tls = folder / "tls"
    tls.mkdir()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(tls / "privkey.pem"), "-out", str(tls / "fullchain.pem")],
        check=True,
        capture_output=True,
    )
    text = text.replace("/etc/borderless/tls/", f"{tls}/")
    assert "/var/" not in text and "/run/" not in text, "a machine path the test does not move"
    conf = folder / "nginx.conf"
    conf.write_text(text)
    return conf


def nginx_test(conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            nginx_binary(),
            "-t",
            "-q",
            "-c",
            str(conf),
            "-p",
            str(conf.parent),
            "-e",
            str(conf.parent / "e.log"),
        ],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_nginx_accepts_the_configuration(tmp_path):
    nginx_binary()
    conf = nginx_copy(tmp_path)
    done = nginx_test(conf)
    assert done.returncode == 0, done.stderr
    # The same check refuses a broken file: a misspelt directive.
    conf.write_text(conf.read_text().replace("proxy_read_timeout", "proxy_reed_timeout"))
    broken = nginx_test(conf)
    assert broken.returncode != 0 and "proxy_reed_timeout" in broken.stderr


def nginx_directives(name: str) -> list[str]:
    text = re.sub(r"#.*", "", (DEPLOY / "nginx.conf").read_text())
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, flags=re.MULTILINE)


def test_nginx_takes_the_largest_request_the_platform_accepts():
    from borderless.trust.evidence_files import MAX_FILES

    # A counter-notice: evidence for the brand and for the operators, MAX_FILES each, plus its form fields.
    largest = 2 * MAX_FILES * settings.MAX_EVIDENCE_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    per_file = max(
        settings.MAX_IMAGE_BYTES,
        settings.MAX_CSV_BYTES,
        settings.MAX_BRAND_DOCUMENT_BYTES,
        settings.MAX_EVIDENCE_BYTES,
        settings.MAX_MESSAGE_ATTACHMENT_BYTES,
    )
    assert largest >= per_file
    (size,) = nginx_directives("client_max_body_size")
    assert size.endswith("m")
    assert int(size[:-1]) * 1024 * 1024 == largest, f"client_max_body_size should be {largest // 1048576}m"


def test_nginx_balances_the_nodes_the_target_starts_and_tells_them_the_scheme():
    upstream = re.search(r"upstream borderless_web \{(.*?)\}", (DEPLOY / "nginx.conf").read_text(), re.S)
    servers = re.findall(r"^\s*server 127\.0\.0\.1:(\d+)", upstream.group(1), flags=re.MULTILINE)
    assert servers == ["8001", "8002"]
    target = (DEPLOY / "systemd" / "borderless.target").read_text()
    assert sorted(re.findall(r"borderless-web@(\d+)\.service", target)) == servers
    headers = dict(h.split(None, 1) for h in nginx_directives("proxy_set_header"))
    assert headers["X-Forwarded-Proto"] == "$scheme"  # what SECURE_PROXY_SSL_HEADER reads with HTTPS=1
    assert headers["X-Forwarded-For"] == "$remote_addr"  # set, not appended to what the client sent
    assert nginx_directives("proxy_read_timeout") == ["75s"]  # longer than gunicorn's 60 s (serve.py)


# --- PgBouncer --------------------------------------------------------------------------------------------


@pytest.fixture
def deployed_pgbouncer():
    """deploy/pgbouncer.ini on a free port, its database pointing at the test server's `postgres` database.

    Yields (client URL, admin URL). PgBouncer refuses to run as root: under root it runs as postgres, from a
    folder of its own outside pytest's (which only root may enter).
    """
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not os.path.exists(binary):
        service_missing("PgBouncer (scripts/ensure-fleet-tools installs Debian's package)")
    # The server of PG_TEST_URL, its maintenance database: the URL's own database may not exist (the
    # suite makes test_<name> from it).
    server = {**psycopg.conninfo.conninfo_to_dict(PG_URL), "dbname": "postgres"}
    try:
        psycopg.connect(**server, connect_timeout=3).close()
    except psycopg.OperationalError:
        service_missing(f"PostgreSQL at {PG_URL} (PG_TEST_URL)")
    port = free_port()
    folder = Path(tempfile.mkdtemp(prefix="pgbouncer-deploy-"))
    (folder / "userlist.txt").write_text('"postgres" "deploy-test-secret"\n')
    text = (DEPLOY / "pgbouncer.ini").read_text()
    text = replace_once(
        text,
        r"host=127\.0\.0\.1 port=5432 dbname=borderless",
        f"host={server.get('host', '127.0.0.1')} port={server.get('port', 5432)} dbname={server['dbname']}",
        "the [databases] entry",
    )
    for key, value in {
        "listen_port": str(port),
        "unix_socket_dir": "",
        "auth_file": str(folder / "userlist.txt"),
        "admin_users": "postgres",
        "stats_users": "postgres",
        "logfile": str(folder / "pgbouncer.log"),
        "pidfile": str(folder / "pgbouncer.pid"),
    }.items():
        text = replace_once(text, rf"^{key} = .*$", f"{key} = {value}", "pgbouncer.ini")
    (folder / "pgbouncer.ini").write_text(text)
    args = [binary, str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(folder / "userlist.txt", "postgres")
        args = ["runuser", "-u", "postgres", "--", *args]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, process)
    except RuntimeError:
        log = (folder / "pgbouncer.log").read_text() if (folder / "pgbouncer.log").exists() else ""
        pytest.fail(f"PgBouncer refused deploy/pgbouncer.ini: {process.stderr.read()}{log}")
    user = "postgres:deploy-test-secret@127.0.0.1"
    yield f"postgres://{user}:{port}/borderless", f"postgres://{user}:{port}/pgbouncer"
    process.terminate()
    process.wait(10)
    shutil.rmtree(folder, ignore_errors=True)


def test_pgbouncer_pools_in_transaction_mode_onto_postgresql(deployed_pgbouncer):
    client, admin = deployed_pgbouncer
    with psycopg.connect(admin, autocommit=True, cursor_factory=psycopg.ClientCursor) as conn:
        config = {row[0]: row[1] for row in conn.execute("SHOW CONFIG").fetchall()}
    assert config["pool_mode"] == "transaction"
    assert config["auth_type"] == "scram-sha-256"
    # The connection options the platform sends (settings._postgres_options): `options` and all.
    with psycopg.connect(client, options="-c random_page_cost=1.1", connect_timeout=5) as conn:
        assert conn.execute("select 1").fetchone() == (1,)
        # The server connection set what PgBouncer does not forward from the startup packet.
        assert conn.execute("show random_page_cost").fetchone() == ("1.1",)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(client.replace("deploy-test-secret", "wrong"), connect_timeout=5).close()


def test_the_platform_runs_behind_it_with_the_environment_example(tmp_path, deployed_pgbouncer):
    client, admin = deployed_pgbouncer
    prepared = example_values()["DATABASE_PREPARED_STATEMENTS"]
    env = {"DATABASE_URL": client, "PGBOUNCER_ADMIN_URL": admin, "DATABASE_PREPARED_STATEMENTS": prepared}
    done = borderless(
        tmp_path, "check", "--tag", "fleet", "--tag", "database", "--database", "default", **env
    )
    assert done.returncode == 0, done.stderr
    query = (
        "from django.db import connection; c = connection.cursor(); "
        "c.execute('select 41 + 1'); print(c.fetchone()[0])"
    )
    done = borderless(tmp_path, "shell", "-c", query, **env)
    assert done.returncode == 0 and done.stdout.split()[-1] == "42", done.stderr
    # With prepared statements on, the start-up check refuses this PgBouncer.
    refused = borderless(tmp_path, "check", "--tag", "fleet", **{**env, "DATABASE_PREPARED_STATEMENTS": "1"})
    assert refused.returncode != 0 and "without max_prepared_statements" in refused.stderr


# --- Commands: Procfile and systemd -----------------------------------------------------------------------


def procfile() -> dict[str, str]:
    lines = [line for line in (DEPLOY / "Procfile").read_text().splitlines() if line.strip()]
    return dict(line.split(":", 1) for line in lines)


def exec_starts(unit: Path) -> list[str]:
    return [line.split("=", 1)[1] for line in unit.read_text().splitlines() if line.startswith("ExecStart=")]


def borderless_invocations(command_line: str) -> list[list[str]]:
    """Each `borderless …` of a command line (joined by &&), the units' and shell's variables filled in."""
    filled = command_line.replace("%i", "8001").replace("%H", "node1").replace("$PORT", "8000")
    assert "$" not in filled and "%" not in filled, f"an unfilled variable in {command_line!r}"
    invocations, current = [], []
    for word in [*shlex.split(filled), "&&"]:
        if word != "&&":
            current.append(word)
            continue
        assert current and Path(current[0]).name == "borderless", (
            f"not a borderless command: {command_line!r}"
        )
        invocations.append(current[1:])
        current = []
    return invocations


def check_subcommand(argv: list[str]) -> None:
    """Raises CommandError when argv is not a borderless subcommand with options it accepts."""
    commands = get_commands()
    if not argv or argv[0] not in commands:
        raise CommandError(f"borderless has no subcommand {argv[:1]}")
    command = load_command_class(commands[argv[0]], argv[0])
    parser = command.create_parser("borderless", argv[0])
    parser.allow_abbrev = False  # argparse would take --no-prep for --no-prepare: the files spell options out
    parser.parse_args(argv[1:])


def every_command_line() -> list[tuple[str, str]]:
    lines = [(f"Procfile {name}", line) for name, line in procfile().items()]
    for unit in UNITS:
        lines += [(unit.name, line) for line in exec_starts(unit)]
    return lines


def test_the_procfile_has_the_fleets_processes():
    assert set(procfile()) == {"release", "web", "worker", "scheduler"}
    assert borderless_invocations(procfile()["release"]) == [["migrate", "--noinput"]]
    assert {unit.name for unit in UNITS} == {
        "borderless-web@.service",
        "borderless-worker@.service",
        "borderless-scheduler.service",
        "borderless-migrate.service",
    }


@pytest.mark.parametrize(("where", "line"), every_command_line())
def test_every_command_is_a_real_borderless_subcommand(where, line):
    for argv in borderless_invocations(line):
        check_subcommand(argv)  # raises CommandError, naming the subcommand or the option


@pytest.mark.parametrize(
    "argv",
    [
        ["serv", "--port", "8001"],
        ["serve", "--no-prepared"],
        ["serve", "--no-prepar"],
        ["serve", "--port", "web"],
        ["scheduler", "--ticks"],
        ["migrat"],
        [],
    ],
)
def test_a_typo_is_refused(argv):
    with pytest.raises(CommandError):
        check_subcommand(argv)


def test_the_units_pass_systemd_analyze_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        service_missing("systemd-analyze (systemd)")
    executable = Path(sys.executable).parent / "borderless"
    assert executable.exists(), f"{executable}: install the project (pip install -e .)"
    env_file = tmp_path / "borderless.env"
    shutil.copy(DEPLOY / "borderless.env.example", env_file)
    for unit in [*UNITS, DEPLOY / "systemd" / "borderless.target"]:
        text = unit.read_text().replace("/opt/borderless/venv/bin/borderless", str(executable))
        text = text.replace("/etc/borderless/borderless.env", str(env_file))
        (tmp_path / unit.name).write_text(text)
    names = ["borderless.target", "borderless-migrate.service", "borderless-scheduler.service"]
    names += ["borderless-web@8001.service", "borderless-worker@1.service"]
    done = subprocess.run(
        [analyze, "verify", "--man=no", *[str(tmp_path / n) for n in names]],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    # Warnings about units of other packages (postgresql, pgbouncer, redis) not installed here are fine;
    # anything about our own files is not.
    ours = [line for line in done.stderr.splitlines() if "borderless" in line]
    assert done.returncode == 0 and not ours, done.stderr


# --- Environment ------------------------------------------------------------------------------------------


def example_values() -> dict[str, str]:
    """Every NAME=value of the example, commented out or not (a commented line shows the default)."""
    values = {}
    for line in (DEPLOY / "borderless.env.example").read_text().splitlines():
        if match := re.match(r"^#? ?([A-Z][A-Z0-9_]*)=(.*)$", line):
            assert match.group(1) not in values, f"{match.group(1)} twice in borderless.env.example"
            values[match.group(1)] = match.group(2)
    return values


def _is_environ(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "environ"
        and isinstance(node.value, ast.Name)
        and node.value.id == "os"
    )


def environment_reads(path: Path) -> set[str]:
    """Names a module reads from the environment: os.environ.get/[]/getenv, an `env` mapping's get (the
    translation providers take os.environ as `env`), and functions of the module that read the name they
    are given (settings.env_flag, _kept_secret). A read of a name the code computes fails the test."""
    tree = ast.parse(path.read_text())

    def is_read(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Call)
            and bool(node.args)
            and isinstance(node.func, ast.Attribute)
            and (
                (node.func.attr == "get" and _is_environ(node.func.value))
                or (
                    node.func.attr == "get"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "env"
                )
                or (
                    node.func.attr == "getenv"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "os"
                )
            )
        )

    # Functions that read the name passed to them: {function name: position of that parameter}.
    helpers: dict[str, int] = {}
    passed_on: set[int] = set()  # ids of the reads inside those functions
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef):
            params = [a.arg for a in function.args.args]
            for node in ast.walk(function):
                if is_read(node) and isinstance(node.args[0], ast.Name) and node.args[0].id in params:
                    helpers[function.name] = params.index(node.args[0].id)
                    passed_on.add(id(node))
    names: set[str] = set()

    def named(node: ast.AST, where: ast.AST) -> None:
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            raise AssertionError(
                f"{path.name}:{where.lineno}: an environment variable whose name is computed"
            )
        names.add(node.value)

    for node in ast.walk(tree):
        if is_read(node) and id(node) not in passed_on:
            named(node.args[0], node)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers:
            named(node.args[helpers[node.func.id]], node)
        elif isinstance(node, ast.Subscript) and _is_environ(node.value) and isinstance(node.ctx, ast.Load):
            named(node.slice, node)
    return names


def platform_reads() -> tuple[set[str], set[str]]:
    """(read by settings.py, read by any other module of the platform)."""
    in_settings = environment_reads(SRC / "settings.py")
    elsewhere: set[str] = set()
    for module in SRC.rglob("*.py"):
        if module.name != "settings.py" and "migrations" not in module.parts:
            elsewhere |= environment_reads(module)
    # Set by the `borderless` command and wsgi.py for Django itself, never by an operator.
    elsewhere.discard("DJANGO_SETTINGS_MODULE")
    return in_settings, elsewhere - in_settings


def test_the_environment_example_names_every_variable_the_platform_reads():
    in_settings, elsewhere = platform_reads()
    assert {"DATABASE_URL", "DATABASE_PREPARED_STATEMENTS", "MEDIA_S3_BUCKET", "HTTPS"} <= in_settings
    assert {"FIELD_ENCRYPTION_KEY", "PORT", "TRANSLATION_PROVIDER"} <= elsewhere
    example = set(example_values())
    assert sorted(in_settings - example) == [], "read by settings.py, missing from borderless.env.example"
    assert sorted(elsewhere - example) == [], "read by the platform, missing from borderless.env.example"
    assert sorted(example - in_settings - elsewhere) == [], "in borderless.env.example, read by nothing"


def test_the_reads_are_found_in_every_form_settings_uses(tmp_path):
    module = tmp_path / "fake_settings.py"
    module.write_text(
        "import os\n"
        "def flag(name, default=False):\n    return os.environ.get(name) == '1'\n"
        "A = os.environ.get('ALPHA', '')\nB = os.environ['BRAVO']\nC = flag('CHARLIE')\n"
        "D = os.getenv('DELTA')\nE = [x for x in os.environ.get(\n    'ECHO', 'a,b').split(',')]\n"
    )
    assert environment_reads(module) == {"ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO"}
    module.write_text("import os\nname = 'X'\nA = os.environ.get(name + '_URL')\n")
    with pytest.raises(AssertionError, match="computed"):
        environment_reads(module)


def test_the_example_is_set_for_pgbouncer_and_the_scheduler():
    values = example_values()
    assert values["DATABASE_PREPARED_STATEMENTS"] == "0"  # PgBouncer 1.18, transaction mode (ADR 0404)
    assert ":6432/" in values["DATABASE_URL"]  # deploy/pgbouncer.ini's listen_port
    assert values["WORKER_PERIODIC"] == "0"  # borderless scheduler is the clock (ADR 1101)
    assert values["HTTPS"] == "1"
    active = [
        line.split("=", 1)[0]
        for line in (DEPLOY / "borderless.env.example").read_text().splitlines()
        if re.match(r"^[A-Z]", line)
    ]
    # systemd's EnvironmentFile= wins over the units' Environment=NODE_NAME=…: it must stay unset here.
    assert "NODE_NAME" not in active
