"""A snapshot of the platform's tables, to show that a refused request changed nothing.

Every row of every model, in primary-key order, except what a request may write without changing the data:
sessions and login attempts (a login writes them), a token's `last_used_at`, and when a party last read a
conversation (the page shown again with its error marks it read).
"""

from django.apps import apps

SKIPPED_APPS = frozenset({"sessions", "axes", "admin", "contenttypes"})
SKIPPED_FIELDS = frozenset({"last_used_at", "last_login", "buyer_read_at", "seller_read_at"})


def snapshot() -> dict[str, list[tuple]]:
    tables = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS:
            continue
        names = [f.attname for f in model._meta.concrete_fields if f.attname not in SKIPPED_FIELDS]
        tables[model._meta.db_table] = list(model._default_manager.order_by("pk").values_list(*names))
    return tables


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
