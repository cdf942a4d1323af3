"""Reads of storefront and report pages from a replica, everything else from the primary (ADR 1102).

The middleware decides per request (fleet.replicas.choose); a read inside a transaction on the primary
(select_for_update, a read before a write) stays there; nothing is written or migrated on a replica.
"""

from django.conf import settings
from django.db import connections

from borderless.fleet.replicas import PRIMARY, reading_from


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = reading_from.get()
        if alias != PRIMARY and connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return alias

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db in settings.REPLICA_DATABASES else None
