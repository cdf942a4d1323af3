"""Start-up checks of a fleet's configuration (`borderless serve`, `worker` and `scheduler` run them first).

Each error names the setting to fix: a replica that does not answer (DATABASE_REPLICA_URL), PgBouncer in a
mode that cannot carry the prepared statements DATABASE_PREPARED_STATEMENTS turns on (PGBOUNCER_ADMIN_URL),
a media bucket that is not there (MEDIA_S3_BUCKET). Nothing is checked when nothing is configured.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register


def _where(url: str) -> str:
    """Host, port and database of a URL, without its user or password."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or 5432}{parts.path}"


@register("fleet")
def replicas_answer(app_configs=None, **kwargs):
    import psycopg

    problems = []
    for number, url in enumerate(settings.REPLICA_URLS, start=1):
        try:
            with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
                in_recovery = conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]
        except psycopg.Error as exc:
            problems.append(
                Error(
                    f"DATABASE_REPLICA_URL: replica {number} ({_where(url)}) does not answer: "
                    f"{str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}",
                    hint="Fix or remove that URL in DATABASE_REPLICA_URL (comma-separated).",
                    id="fleet.E001",
                )
            )
            continue
        if not in_recovery:
            problems.append(
                Warning(
                    f"DATABASE_REPLICA_URL: replica {number} ({_where(url)}) is not in recovery: a primary?",
                    id="fleet.W001",
                )
            )
    return problems


def pgbouncer_config(url: str) -> dict[str, str]:
    """PgBouncer's running configuration, from its admin console (SHOW CONFIG, simple query protocol)."""
    import psycopg

    with psycopg.connect(
        url, connect_timeout=3, autocommit=True, cursor_factory=psycopg.ClientCursor
    ) as conn:
        cursor = conn.cursor()
        cursor.execute("SHOW CONFIG")
        names = [c.name for c in cursor.description]
        return {row[names.index("key")]: str(row[names.index("value")]) for row in cursor.fetchall()}


@register("fleet")
def pgbouncer_mode(app_configs=None, **kwargs):
    import psycopg

    url = settings.PGBOUNCER_ADMIN_URL
    if not url:
        return []
    try:
        config = pgbouncer_config(url)
    except psycopg.Error as exc:
        return [
            Error(
                f"PGBOUNCER_ADMIN_URL: PgBouncer's admin console ({_where(url)}) does not answer: {exc}",
                id="fleet.E002",
            )
        ]
    mode = config.get("pool_mode", "?")
    prepared_ok = int(config.get("max_prepared_statements", "0") or 0) > 0
    if not settings.PREPARED_STATEMENTS:
        return []
    if mode == "session":
        return [
            Error(
                "PGBOUNCER_ADMIN_URL: PgBouncer runs pool_mode=session with DATABASE_PREPARED_STATEMENTS on: "
                "a client holds a server connection, so the fleet's nodes use up PostgreSQL's connections.",
                hint="Run PgBouncer with pool_mode = transaction (deploy/pgbouncer.ini) and set "
                "DATABASE_PREPARED_STATEMENTS=0.",
                id="fleet.E003",
            )
        ]
    if not prepared_ok:
        return [
            Error(
                f"PGBOUNCER_ADMIN_URL: PgBouncer runs pool_mode={mode} without max_prepared_statements while "
                "DATABASE_PREPARED_STATEMENTS is on: prepared statements would land on other clients' "
                "server connections.",
                hint="Set DATABASE_PREPARED_STATEMENTS=0 behind this PgBouncer.",
                id="fleet.E004",
            )
        ]
    return []


@register("fleet")
def media_bucket_exists(app_configs=None, **kwargs):
    bucket = settings.MEDIA_S3_BUCKET
    if not bucket:
        return []
    from botocore.exceptions import BotoCoreError, ClientError
    from django.core.files.storage import default_storage

    try:
        default_storage.connection.meta.client.head_bucket(Bucket=bucket)
    except (ClientError, BotoCoreError) as exc:
        endpoint = settings.STORAGES["default"]["OPTIONS"].get("endpoint_url") or "AWS"
        return [
            Error(
                f"MEDIA_S3_BUCKET: bucket {bucket!r} at {endpoint} cannot be used: {exc}",
                hint="Create the bucket, or fix MEDIA_S3_BUCKET / AWS_S3_ENDPOINT_URL / the access keys.",
                id="fleet.E005",
            )
        ]
    return []
