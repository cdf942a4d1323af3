"""Plain SQL for the hottest reads, with model instances made as the ORM makes them (ADR 0403).

Compiling a queryset with `select_related` over three or four models takes about a millisecond of CPU,
several times what the database takes to run it. The few reads on every API call and every checkout (the
bearer token, the cart at checkout) and the checkout's inserts are written with these helpers instead. Nothing
is typed twice: the column lists come from the models' metadata, values go through the fields' own database
converters, and instances are made by `Model.from_db` with their related objects cached as `select_related`
would cache them, so the code that uses them cannot tell the difference.
"""

# ruff: noqa: S608 (every name in this SQL comes from model metadata, every value is a parameter)
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import date, time
from decimal import Decimal
from uuid import UUID

from django.db import connections, router
from django.db.models import Model
from psycopg.types.json import Jsonb


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
    field.set_cached_value(instance, related)
    if related is not None and not field.concrete:  # the reverse side: the forward key is known too
        field.field.set_cached_value(related, instance)


def insert(objs: Sequence[Model]) -> None:
    """INSERT new instances of one model, as bulk_create does but without compiling a query each time; an
    auto primary key is set from RETURNING (PostgreSQL, and SQLite from 3.35). Like bulk_create, no signals
    are sent and save() is not called."""
    if not objs:
        return
    model = type(objs[0])
    meta = model._meta
    connection = connections[router.db_for_write(model)]
    auto, fields = _insert_fields(meta)
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    columns = ", ".join(quote(f.column) for f in fields)
    head = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES "
    tail = f" RETURNING {quote(auto.column)}" if auto else ""
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            batch = objs[start : start + size]
            params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in batch for f in fields]
            cursor.execute(head + ", ".join([row] * len(batch)) + tail, params)
            ids = [r[0] for r in cursor.fetchall()] if auto else [obj.pk for obj in batch]
            for obj, pk in zip(batch, ids, strict=True):
                _saved(obj, pk, connection)


def _saved(obj: Model, pk, connection) -> None:
    """The instance as the ORM leaves it after an INSERT."""
    setattr(obj, obj._meta.pk.attname, pk)
    obj._state.adding = False
    obj._state.db = connection.alias


def _insert_fields(meta) -> tuple:
    auto = meta.auto_field if meta.pk is meta.auto_field else None
    return auto, [f for f in meta.concrete_fields if f is not auto and not f.generated]


def insert_family(
    parents: Sequence[Model],
    children: Sequence[tuple[Sequence[Model], str]],
    key: str = "public_id",
    also: tuple[str, list] | None = None,
) -> None:
    """INSERT new parents and their children in one statement on PostgreSQL (data-modifying WITH clauses).

    Each child names its parent by the foreign key `children[i][1]`, matched on the parents' unique `key`,
    which they have before the INSERT (a UUID default). `also` is one more data-modifying clause (SQL and
    parameters) run in the same statement. The parents get their primary keys, the children their foreign
    keys; the children's own primary keys are not read back. Each table's rows travel as one JSON parameter
    (`jsonb_to_recordset`), so the statement's text is the same for any number of rows: psycopg converts it
    once and PostgreSQL prepares it once per connection. Elsewhere: one INSERT per model.
    """
    if not parents:
        return
    meta = parents[0]._meta
    connection = connections[router.db_for_write(type(parents[0]))]
    if connection.vendor != "postgresql":
        insert(parents)
        for objs, fk in children:
            for obj in objs:
                setattr(obj, fk, getattr(obj, fk))  # the parent now has its key: copy it to <fk>_id
            insert(objs)
        if also:
            with connection.cursor() as cursor:
                cursor.execute(*also)
        return
    plan = _family_plan(connection, meta, tuple((objs[0]._meta, fk) for objs, fk in children if objs), key)
    # (a child list that is empty is left out: its model is not known from it)
    params = [_rows_json(connection, parents, plan.parent_fields)]
    for objs, fk in children:
        if objs:
            rows = _rows_json(connection, objs, plan.child_fields[fk, objs[0]._meta.label], parent=(fk, key))
            params.append(rows)
    sql = plan.sql
    if also:
        sql = plan.with_also(also[0])
        params += also[1]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = dict((k, pk) for pk, k in cursor.fetchall())
    for obj in parents:
        _saved(obj, ids[getattr(obj, key)], connection)
    for objs, fk in children:
        for obj in objs:
            setattr(obj, fk, getattr(obj, fk))  # sets <fk>_id from the parent's new primary key


class _FamilyPlan:
    def __init__(self, connection, meta, children, key: str) -> None:
        quote = connection.ops.quote_name
        auto, self.parent_fields = _insert_fields(meta)
        key_field = meta.get_field(key)
        key_column = quote(key_field.column)

        def record(fields, parent: bool = False) -> str:
            # in the JSON array's order (ids are then given in the order of the instances, as bulk_create)
            columns = [f"c{i} {f.cast_db_type(connection)}" for i, f in enumerate(fields)]
            names = [f"c{i}" for i in range(len(fields))]
            if parent:
                columns = [f"parent {key_field.cast_db_type(connection)}", *columns]
                names = ["parent", *names]
            return (
                f"ROWS FROM (jsonb_to_recordset(%s::jsonb) AS ({', '.join(columns)})) "
                f"WITH ORDINALITY AS v ({', '.join(names)}, n)"
            )

        def names(fields) -> str:
            return ", ".join(quote(f.column) for f in fields)

        values = ", ".join(f"v.c{i}" for i in range(len(self.parent_fields)))
        clauses = [
            f"p AS (INSERT INTO {quote(meta.db_table)} ({names(self.parent_fields)}) "
            f"SELECT {values} FROM {record(self.parent_fields)} ORDER BY v.n "
            f"RETURNING {quote(auto.column)}, {key_column})"
        ]
        self.child_fields = {}
        for n, (child_meta, fk) in enumerate(children):
            link_field = child_meta.get_field(fk)
            fields = [f for f in _insert_fields(child_meta)[1] if f is not link_field]
            self.child_fields[fk, child_meta.label] = fields
            values = ", ".join(f"v.c{i}" for i in range(len(fields)))
            clauses.append(
                f"c{n} AS (INSERT INTO {quote(child_meta.db_table)} "
                f"({quote(link_field.column)}, {names(fields)}) "
                f"SELECT p.{quote(auto.column)}, {values} FROM {record(fields, parent=True)} "
                f"JOIN p ON p.{key_column} = v.parent ORDER BY v.n)"
            )
        self.head = "WITH " + ", ".join(clauses)
        self.tail = f" SELECT {quote(auto.column)}, {key_column} FROM p"
        self.sql = self.head + self.tail

    def with_also(self, also_sql: str) -> str:
        return f"{self.head}, extra AS ({also_sql}){self.tail}"


_family_plans: dict[tuple, _FamilyPlan] = {}


def _family_plan(connection, meta, children: tuple, key: str) -> _FamilyPlan:
    cache_key = (connection.alias, meta.label, tuple((m.label, fk) for m, fk in children), key)
    plan = _family_plans.get(cache_key)
    if plan is None:
        plan = _family_plans[cache_key] = _FamilyPlan(connection, meta, children, key)
    return plan


def _json_ready(value):
    """A column's database value (after get_db_prep_save) as JSON that PostgreSQL reads back as the column's
    type; JSON columns keep their own structure (nested values are left to json.dumps, as Django does)."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, Jsonb):
        return value.obj
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, date | time):  # datetimes too
        return value.isoformat()
    raise TypeError(f"rows.insert_family cannot send a {type(value).__name__} as JSON.")


def _rows_json(connection, objs, fields, parent: tuple[str, str] | None = None) -> str:
    rows = []
    for obj in objs:
        row = {
            f"c{i}": _json_ready(f.get_db_prep_save(f.pre_save(obj, True), connection))
            for i, f in enumerate(fields)
        }
        if parent is not None:
            row["parent"] = _json_ready(getattr(getattr(obj, parent[0]), parent[1]))
        rows.append(row)
    return json.dumps(rows)


def delete_ids(model: type[Model], ids: list[int]) -> tuple[str, list]:
    """A DELETE of these primary keys as (SQL, parameters): one array parameter on PostgreSQL, so that the
    text does not change with the number of rows."""
    connection = connections[router.db_for_write(model)]
    table, pk = (
        connection.ops.quote_name(model._meta.db_table),
        connection.ops.quote_name(model._meta.pk.column),
    )
    if connection.vendor == "postgresql":
        return f"DELETE FROM {table} WHERE {pk} = ANY(%s)", [list(ids)]
    return f"DELETE FROM {table} WHERE {pk} IN ({', '.join(['%s'] * len(ids))})", list(ids)


def connection_for(model: type[Model]):
    return connections[router.db_for_read(model)]
