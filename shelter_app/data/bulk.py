"""Statements for thousands of rows at once, at PostgreSQL's own speed where it has one.

The sync server writes a pushed batch's rows, change log, audit events and answers in bulk. An
executemany of 1,000 rows still sends 1,000 statements; on PostgreSQL one statement reads them
from one array parameter per column (`unnest`), each written as one text.
A list of 1,000 ids in `IN (…)` is 1,000 parameters that the driver parses on every call;
`= ANY(array)` is one, and the statement is the same text whatever the count (cached).
SQLite (the laptops, and the server in tests) keeps the portable statements.
"""

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import repeat
from typing import Any
from uuid import UUID

import orjson

from sqlalchemy import (
    ARRAY,
    JSON,
    ColumnElement,
    Integer,
    Table,
    Uuid,
    any_,
    bindparam,
    func,
    literal,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.elements import ColumnClause

from shelter_app.data.replication import encode

_FEW = 1_000  # values in one IN (…) on SQLite (the sync paths ask for chunks of this size)


def among(connection: Connection, column: ColumnClause[Any], values: Sequence[Any]
          ) -> ColumnElement[bool]:
    """`column IN values`: one array parameter on PostgreSQL; on SQLite, beyond a few hundred
    values (a statement there takes at most 32,766 parameters), one JSON array of the stored
    values read by json_each."""
    if connection.dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    if len(values) <= _FEW:
        return column.in_(values)
    stored = column.type.bind_processor(connection.dialect)
    items = func.json_each(literal(json.dumps(
        [stored(value) for value in values] if stored else list(values)))).table_valued("value")
    return column.in_(select(items.c.value))


@contextmanager
def pipelined(connection: Connection) -> Iterator[None]:
    """Writes sent in here do not wait for the one before (PostgreSQL's pipeline mode): the
    database writes a statement's thousand rows while Python makes the next one's parameters.
    Writes only: a read's rows would come at the end. The database's refusal is raised by the
    end at the latest, as SQLAlchemy raises any statement's (IntegrityError, DataError)."""
    if connection.dialect.name != "postgresql":
        yield
        return
    driver = connection.connection.driver_connection
    assert driver is not None
    driver_error = connection.dialect.loaded_dbapi.Error
    try:
        with driver.pipeline():
            yield
    except driver_error as error:
        raise DBAPIError.instance(None, None, error, driver_error) from None


_ROOMY_CACHE_KIB = 65_536  # SQLite's page cache while writing in bulk (its default: 2,000)


@contextmanager
def roomy_cache(connection: Connection) -> Iterator[None]:
    """On SQLite, a page cache of 64 MiB for the writes sent in here, the connection's own
    again after. With the default 2 MiB, a transaction that writes more pages than that
    spills them to the WAL before it commits, and reads some back: 50,000 households and their
    indexes are ~20 MiB (their INSERT took a third more CPU). Pages are taken only as used."""
    if connection.dialect.name != "sqlite":
        yield
        return
    size = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_ROOMY_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(size)}")


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table` (`insert_columns`)."""
    if rows:
        insert_columns(connection, table, {name: [row[name] for row in rows] for name in rows[0]})


def insert_columns(connection: Connection, table: Table, columns: Mapping[str, Sequence[Any]],
                   same: Mapping[str, Any] | None = None) -> None:
    """INSERT one row per position of `columns` (a list of values per column name, all of one
    length), each also holding `same`'s values, and the Python defaults of the columns not
    given. On PostgreSQL one INSERT … SELECT from one array per column (`_unnested`), and a
    Uuid `id` not given is made by the database; elsewhere one executemany of the values as
    stored (`_stored`)."""
    same = dict(same or {})
    count = len(next(iter(columns.values()))) if columns else 0
    if not count:
        return
    postgres = connection.dialect.name == "postgresql"
    for column in table.columns:  # Python defaults, as a Core INSERT fills them
        default = column.default
        if column.key in columns or column.key in same or default is None or (
                postgres and column.key == "id" and isinstance(column.type, Uuid)):
            continue
        if default.is_scalar:
            same[column.key] = default.arg
        elif default.is_callable:
            columns = {**columns, column.key: [default.arg(None) for _ in range(count)]}
    if not postgres:
        _insert_stored(connection, table, columns, same, count)
        return
    quote = connection.dialect.identifier_preparer.quote
    source, params = _unnested(connection, table, columns)
    names = list(columns)
    selected = [f"u.{quote(name)}" for name in names]
    for name, value in same.items():
        names.append(name)
        selected.append(f"%(same_{len(params)})s::{_sql_type(connection, table, name)}")
        params[f"same_{len(params)}"] = _text_of(connection, table, name)(value)
    if "id" not in names and "id" in table.c and isinstance(table.c.id.type, Uuid):
        names.append("id")
        selected.append("gen_random_uuid()")
    connection.exec_driver_sql(
        f"INSERT INTO {connection.dialect.identifier_preparer.format_table(table)} "
        f"({', '.join(map(quote, names))}) SELECT {', '.join(selected)} FROM {source}", params)


def _insert_stored(connection: Connection, table: Table, columns: Mapping[str, Sequence[Any]],
                   same: dict[str, Any], count: int) -> None:
    """`insert_columns` by the driver's executemany: SQLAlchemy's Core executemany makes a
    dict of parameters per row and calls each column's bind processor per value (~60% of
    inserting an import's 50,000 households); here each column is converted in one pass."""
    stored = [_stored(connection, table.c[name], values) for name, values in columns.items()]
    stored += [repeat(_stored(connection, table.c[name], [value])[0], count)
               for name, value in same.items()]
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in [*columns, *same])
    connection.exec_driver_sql(
        f"INSERT INTO {connection.dialect.identifier_preparer.format_table(table)} ({names}) "
        f"VALUES ({', '.join('?' * len(stored))})", list(zip(*stored)))


def _stored(connection: Connection, column: ColumnClause[Any], values: Sequence[Any]
            ) -> list[Any]:
    """`values` of `column` as SQLite stores them: a UUID as 32 hex digits, JSON as orjson
    writes it (`json_text`; None is JSON's null, as SQLAlchemy binds it), the rest through
    the column type's bind processor, once per distinct value (an import's 50,000 consent
    dates are a few dozen days: 0.17 s -> 0.01 s of CPU)."""
    kind = column.type
    if isinstance(kind, Uuid):
        return [None if value is None else value.hex if type(value) is UUID
                else UUID(str(value)).hex for value in values]
    if isinstance(kind, JSON):
        return [json_text(value) for value in values]
    bind = kind._cached_bind_processor(connection.dialect)  # noqa: SLF001 - made once per type
    if bind is None:
        return list(values)
    stored: dict[Any, Any] = {}
    return [stored[value] if value in stored else stored.setdefault(value, bind(value))
            for value in values]


def update_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE `table` SET each row's values WHERE id = its "_id" (dicts with the same keys):
    on PostgreSQL one UPDATE … FROM one array per column (`_unnested`), else by executemany."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(update(table).where(table.c.id == bindparam("_id")), rows)
        return
    names = [name for name in rows[0] if name != "_id"]
    quote = connection.dialect.identifier_preparer.quote
    target = connection.dialect.identifier_preparer.format_table(table)
    source, params = _unnested(connection, table, {"id": [row["_id"] for row in rows]} | {
        name: [row[name] for row in rows] for name in names})
    sets = ", ".join(f"{quote(name)} = u.{quote(name)}" for name in names)
    connection.exec_driver_sql(
        f"UPDATE {target} SET {sets} FROM {source} WHERE {target}.id = u.id", params)


def _unnested(connection: Connection, table: Table, columns: Mapping[str, Sequence[Any]]
              ) -> tuple[str, dict[str, Any]]:
    """A FROM item `u` with the values of `columns` (columns of `table`) as rows, and its
    parameters: one array text per column (`array_text`), a JSON column's values as one JSON
    array, so that a thousand rows are a few parameters whatever their count."""
    quote = connection.dialect.identifier_preparer.quote
    functions, params = [], {}
    made: dict[tuple[int, str], str] = {}  # a list given for two columns is sent once
    for n, (name, values) in enumerate(columns.items()):
        if isinstance(table.c[name].type, JSON):  # None too: a JSON column stores null
            functions.append(f"json_array_elements(%(c{n})s::json)")
            params[f"c{n}"] = json_text(values)
            continue
        sql_type = _sql_type(connection, table, name)
        key = made.setdefault((id(values), sql_type), f"c{n}")
        if key == f"c{n}":
            kind = _ARRAY_KINDS.get(type(table.c[name].type))
            if kind is not None:
                params[key] = array_text(kind, values)
            elif (write := _text_of(connection, table, name)) is _as_text:  # a str as it is
                params[key] = array_text("text", [value if type(value) is str else write(value)
                                                  for value in values])
            else:
                params[key] = array_text("text", [write(value) for value in values])
        functions.append(f"unnest(%({key})s::{sql_type}[])")
    return (f"ROWS FROM ({', '.join(functions)}) AS u({', '.join(map(quote, columns))})",
            params)


def json_text(value: Any) -> str:
    """`value` as JSON text, by orjson (a batch's change log and audit events are thousands of
    rows of JSON, several times faster than json's), a value it does not know as `encode`
    writes it (a Decimal as its digits); json when orjson cannot (an integer beyond 64 bits)."""
    try:
        return orjson.dumps(value, default=encode).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value, default=encode)


_ARRAY_KINDS = {Uuid: "uuid", Integer: "int"}  # the rest as text, cast by the statement


def _sql_type(connection: Connection, table: Table, name: str) -> str:
    return str(table.c[name].type.compile(dialect=connection.dialect))


def _text_of(connection: Connection, table: Table, name: str) -> Callable[[Any], str | None]:
    """Writes a value of the column as PostgreSQL reads it back from text (None: NULL)."""
    dialect = connection.dialect
    kind = table.c[name].type
    bind = kind.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(kind, JSON):
        return json.dumps
    if bind is None:
        return _as_text
    return lambda value: None if value is None else str(bind(value))


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def array_text(kind: str, values: Sequence[Any]) -> str:
    """`values` as the text of a PostgreSQL array of `kind` (uuid, int, text, timestamptz),
    to be cast by the statement: psycopg's own dumping costs a Python call per element and
    kind, several times this string's making."""
    if kind == "text":
        return "{" + ",".join(["NULL" if value is None else '"' + value.replace(
            "\\", "\\\\").replace('"', '\\"') + '"' for value in values]) + "}"
    if kind == "uuid":  # 32 hex digits, from the bytes: UUID.hex is ~6 times slower
        return "{" + ",".join(["NULL" if value is None else value.int.to_bytes(16).hex()
                               if type(value) is UUID else str(UUID(str(value)))
                               for value in values]) + "}"
    write = _ELEMENTS[kind]
    return "{" + ",".join(["NULL" if value is None else write(value) for value in values]) + "}"


_ELEMENTS: dict[str, Callable[[Any], str]] = {
    "int": str, "timestamptz": lambda value: value.isoformat()}
