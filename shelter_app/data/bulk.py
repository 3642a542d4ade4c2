"""Statements for thousands of rows at once, at PostgreSQL's own speed where it has one.

The sync server writes a pushed batch's rows, change log, audit events and answers in bulk. An
executemany of 1,000 rows still sends 1,000 statements; PostgreSQL's COPY sends one stream.
A list of 1,000 ids in `IN (…)` is 1,000 parameters that the driver parses on every call;
`= ANY(array)` is one, and the statement is the same text whatever the count (cached).
SQLite (the laptops, and the server in tests) keeps the portable statements.
"""

import json
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ARRAY,
    JSON,
    Boolean,
    ColumnElement,
    Date,
    Integer,
    Numeric,
    Table,
    Uuid,
    any_,
    bindparam,
    exc,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.types import TypeEngine

from shelter_app.data.base import UTCDateTime

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


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT `rows` (dicts with the same keys) into `table`: by COPY on PostgreSQL when the
    rows give every column that has a default on the Python side (COPY fills in only the
    database's own defaults), else by executemany."""
    if not rows:
        return
    names = list(rows[0])
    if connection.dialect.name != "postgresql" or any(
            column.default is not None for column in table.columns if column.name not in names):
        connection.execute(insert(table), rows)
        return
    _copy(connection, table, connection.dialect.identifier_preparer.format_table(table),
          names, [[row[name] for name in names] for row in rows])


def update_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """UPDATE `table` SET each row's values WHERE id = its "_id" (dicts with the same keys):
    on PostgreSQL one COPY into a temporary table and one UPDATE … FROM it, else by
    executemany."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        connection.execute(update(table).where(table.c.id == bindparam("_id")), rows)
        return
    names = [name for name in rows[0] if name != "_id"]
    quote = connection.dialect.identifier_preparer.quote
    target = connection.dialect.identifier_preparer.format_table(table)
    columns = ", ".join(map(quote, ["id", *names]))
    connection.exec_driver_sql(
        f"CREATE TEMPORARY TABLE {_TEMPORARY} AS SELECT {columns} FROM {target} WITH NO DATA")
    _copy(connection, table, _TEMPORARY, ["id", *names],
          [[row["_id"], *(row[name] for name in names)] for row in rows])
    sets = ", ".join(f"{quote(name)} = u.{quote(name)}" for name in names)
    connection.exec_driver_sql(
        f"UPDATE {target} SET {sets} FROM {_TEMPORARY} AS u WHERE {target}.id = u.id")
    connection.exec_driver_sql(f"DROP TABLE {_TEMPORARY}")


_TEMPORARY = "bulk_update_rows"


def array_text(kind: str, values: Sequence[Any]) -> str:
    """`values` as the text of a PostgreSQL array of `kind` (uuid, int, text, timestamptz),
    to be cast by the statement: psycopg's own dumping costs a Python call per element and
    kind, several times this string's making."""
    if kind == "text":
        return "{" + ",".join(["NULL" if value is None else '"' + value.replace(
            "\\", "\\\\").replace('"', '\\"') + '"' for value in values]) + "}"
    write = _ELEMENTS[kind]
    return "{" + ",".join(["NULL" if value is None else write(value) for value in values]) + "}"


_ELEMENTS: dict[str, Callable[[Any], str]] = {
    "uuid": lambda value: value.hex if type(value) is UUID else str(UUID(str(value))),
    "int": str, "timestamptz": lambda value: value.isoformat()}


def _copy(connection: Connection, table: Table, into: str, names: list[str],
          rows: list[list[Any]]) -> None:
    """COPY `rows` (values of `names`, columns of `table`) into the table named `into`, written
    as COPY text by one formatter per column (not a driver call per row and value)."""
    dialect = connection.dialect
    formats = [_formatter(table.c[name].type, dialect) for name in names]
    quote = dialect.identifier_preparer.quote
    driver = connection.connection.driver_connection
    assert driver is not None
    statement = f"COPY {into} ({', '.join(map(quote, names))}) FROM STDIN"
    driver_error = dialect.loaded_dbapi.Error
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:
            for start in range(0, len(rows), _LINES):
                copy.write("".join([
                    "\t".join([write(value) for value, write in zip(row, formats, strict=True)])
                    + "\n" for row in rows[start:start + _LINES]]))
    except driver_error as error:  # as SQLAlchemy raises any statement's (IntegrityError…)
        raise exc.DBAPIError.instance(statement, None, error, driver_error) from None


_LINES = 2_000  # rows sent to the server per write


def _escaped(text: str) -> str:
    """`text` in COPY's text format: a backslash, tab, newline or carriage return escaped."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace(
        "\r", "\\r")


def _remembered(write: Callable[[Any], str]) -> Callable[[Any], str]:
    """`write`, called once per distinct value."""
    known: dict[Any, str] = {None: "\\N"}

    def remembered(value: Any) -> str:
        text = known.get(value)
        if text is None:
            text = known[value] = write(value)
        return text
    return remembered


def _formatter(kind: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], str]:
    """Writes one value of a column of type `kind` as COPY text (None as NULL, "\\N")."""
    if isinstance(kind, JSON):  # None too: a JSON column stores null, as its binding does
        # JSON writes a tab, newline or return inside a string as an escape: only its
        # backslashes need escaping again
        return lambda value: json.dumps(value).replace("\\", "\\\\")
    bind = kind.dialect_impl(dialect).bind_processor(dialect)
    if isinstance(kind, UTCDateTime):  # a batch writes the same few moments on every row
        return _remembered(lambda value: bind(value).isoformat())
    if isinstance(kind, Date):
        return lambda value: "\\N" if value is None else value.isoformat()
    if isinstance(kind, Boolean):
        return lambda value: "\\N" if value is None else "t" if value else "f"
    if isinstance(kind, Uuid):  # PostgreSQL reads its 32 digits without the dashes
        return lambda value: "\\N" if value is None else value.hex if type(value) is UUID \
            else str(value)
    if isinstance(kind, Integer | Numeric):
        return lambda value: "\\N" if value is None else str(value)
    if bind is None:
        return lambda value: "\\N" if value is None else _escaped(str(value))
    return lambda value: "\\N" if value is None else _escaped(str(bind(value)))
