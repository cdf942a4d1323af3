"""One world per test module, built once inside a transaction that is rolled back when the module ends.

Each test runs in a savepoint inside it (pytest-django's `db`), so what a test changes is undone before the
next one, and nothing of the world outlives the module. Requests reach the WSGI application directly; the
request signals must not close the connection that holds the world's transaction.
"""

import pytest
from django.core import signals
from django.db import close_old_connections, connections, transaction
from django.test import override_settings
from huey.contrib.djhuey import HUEY
from world import build_world

from borderless.trade import preload


@pytest.fixture(scope="module")
def world_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("attack")
    return {"MEDIA_ROOT": root / "media", "PRIVATE_MEDIA_ROOT": root / "private", "VAR_DIR": root / "var"}


@pytest.fixture(autouse=True)
def _fast_hashing(settings, world_files):
    """As the suite's own fixture, but with the world's file roots: its uploads must stay readable."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name, value in world_files.items():
        setattr(settings, name, value)


def _keep_connection(keep: bool) -> None:
    for signal in (signals.request_started, signals.request_finished):
        (signal.disconnect if keep else signal.connect)(close_old_connections)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, world_files):
    preload()
    immediate, HUEY.immediate = HUEY.immediate, True
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast, **world_files):
        _keep_connection(True)
        atomics = [transaction.atomic(using=alias) for alias in connections]
        for atomic in atomics:
            atomic.__enter__()
        try:
            yield build_world()
        finally:
            for alias in connections:
                transaction.set_rollback(True, using=alias)
            for atomic in reversed(atomics):
                atomic.__exit__(None, None, None)
            _keep_connection(False)
            HUEY.immediate = immediate
