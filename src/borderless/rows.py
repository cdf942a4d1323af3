"""Plain SQL for the hottest reads, with model instances made as the ORM makes them (ADR 0403).

Compiling a queryset with `select_related` over three or four models takes about a millisecond of CPU,
several times what the database takes to run it. The few reads on every API call and every checkout (the
bearer token, the SKU put in a cart, the cart at checkout) are written here once as SQL instead. Nothing
is typed twice: the column lists come from the models' metadata, values go through the fields' own database
converters, and instances are made by `Model.from_db` with their related objects cached as `select_related`
would cache them, so the code that uses them cannot tell the difference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connections, router
from django.db.models import Model


class Table:
    """One model's columns under an alias in a SELECT, and its instance made back from a row."""

    def __init__(self, model: type[Model], alias: str) -> None:
        self.model = model
        self.alias = alias
        self.fields = tuple(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.width = len(self.fields)
        self.pk_index = self.fields.index(model._meta.pk)
        self._converters: dict[str, list] = {}

    @property
    def name(self) -> str:
        return self.model._meta.db_table

    def columns(self, connection) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def _converters_for(self, connection) -> list:
        found = self._converters.get(connection.alias)
        if found is None:
            found = []
            for i, field in enumerate(self.fields):
                column = field.get_col(self.alias)
                converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
                if converters:
                    found.append((i, converters, column))
            self._converters[connection.alias] = found
        return found

    def make(self, row, start: int, connection) -> Model | None:
        """The instance from `row[start:start + width]`; None when its primary key is NULL (an outer join)."""
        values = list(row[start : start + self.width])
        if values[self.pk_index] is None:
            return None
        for i, converters, column in self._converters_for(connection):
            value = values[i]
            for convert in converters:
                value = convert(value, column, connection)
            values[i] = value
        return self.model.from_db(connection.alias, self.attnames, values)


def make_all(row, connection, *tables: Table) -> list[Model | None]:
    """One instance per table, from a row that selected their columns one after the other."""
    made, start = [], 0
    for table in tables:
        made.append(table.make(row, start, connection))
        start += table.width
    return made


class Statement:
    """SQL text built from Tables once per database connection alias (quoting differs between backends)."""

    def __init__(self, build: Callable[[object], str]) -> None:
        self.build = build
        self._text: dict[str, str] = {}

    def __call__(self, connection) -> str:
        text = self._text.get(connection.alias)
        if text is None:
            text = self._text[connection.alias] = self.build(connection)
        return text


def link(instance: Model, field_name: str, related: Model | None) -> None:
    """Cache `related` on `instance` as `select_related(field_name)` would: a forward foreign key or
    one-to-one, or the reverse side of a one-to-one (None there means "has none")."""
    field = instance._meta.get_field(field_name)
    if field.is_relation and field.auto_created and not field.concrete:  # reverse one-to-one
        field.set_cached_value(instance, related)
        if related is not None:
            field.field.set_cached_value(related, instance)
        return
    field.set_cached_value(instance, related)


def insert(objs: Sequence[Model]) -> None:
    """INSERT new instances of one model, as bulk_create does but without compiling a query each time; an
    auto primary key is set from RETURNING (PostgreSQL, and SQLite from 3.35). Like bulk_create, no signals
    are sent and save() is not called."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    auto = meta.auto_field if meta.pk is meta.auto_field else None
    fields = [f for f in meta.concrete_fields if f is not auto and not f.generated]
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    columns = ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "  # noqa: S608 (names from the model)
    tail = f" RETURNING {quote(auto.column)}" if auto else ""
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in batch for f in fields]
            cursor.execute(head + ", ".join([row] * len(batch)) + tail, params)
            ids = [r[0] for r in cursor.fetchall()] if auto else [obj.pk for obj in batch]
            for obj, pk in zip(batch, ids, strict=True):
                setattr(obj, meta.pk.attname, pk)
                obj._state.adding = False
                obj._state.db = connection.alias


def param(model: type[Model], field_name: str, value, connection):
    """`value` as the database stores the field (a UUID is text on SQLite, for one)."""
    return model._meta.get_field(field_name).get_db_prep_value(value, connection)


def connection_for(model: type[Model]):
    return connections[router.db_for_read(model)]
