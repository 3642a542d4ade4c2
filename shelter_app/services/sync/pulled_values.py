"""How a pulled row's JSON values become what the database driver stores, column by column
and per dialect: the column type's own reading and binding, made once per table, with fast
paths that check and convert a whole column of the usual values in a few passes (a first
sync writes hundreds of thousands of rows)."""

import re
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Enum, Integer, Numeric, String, Uuid
from sqlalchemy.engine import Dialect

from shelter_app.data.base import UTCDateTime
from shelter_app.data.bulk import json_text
from shelter_app.data.replication import TABLES, BadValue, reader, synced_columns

_DIALECTS: dict[str, Dialect] = {}


def writers(entity: str, dialect: Dialect) -> list[tuple[str, Callable[[Any], Any]]]:
    _DIALECTS.setdefault(dialect.name, dialect)
    return _writers_for(entity, dialect.name)


@cache
def _writers_for(entity: str, dialect_name: str) -> list[tuple[str, Callable[[Any], Any]]]:
    """For each column of `entity` (the id first): JSON value -> what the driver stores, made
    once. It is the column type's own reading and binding, so rows read back exactly as the
    ORM wrote them, minus SQLAlchemy's per-row statement work, which a first sync of hundreds
    of thousands of rows cannot afford."""
    dialect = _DIALECTS[dialect_name]
    columns = {"id": TABLES[entity].c.id} | synced_columns(entity)
    out = []
    for name, column in columns.items():
        if name == "version":
            continue
        bind = column.type.dialect_impl(dialect).bind_processor(dialect)
        # a JSON column stores None as JSON null: it is a value, not a missing one
        nullable = bool(column.nullable) or isinstance(column.type, JSON)
        if isinstance(column.type, Uuid) and not dialect.supports_native_uuid:
            out.append((name, _writer(_uuid_hex, None, nullable, name)))
        elif isinstance(column.type, UTCDateTime) and dialect.name == "sqlite":
            out.append((name, _writer(_sqlite_moment, None, nullable, name)))
        elif isinstance(column.type, JSON) and dialect.name == "sqlite":
            # JSON text by orjson, not the json module SQLAlchemy binds with: a first sync
            # writes 100,000 values of households and workers, read back as the same values
            out.append((name, _writer(reader(column.type), json_text, nullable, name)))
        else:
            out.append((name, _writer(reader(column.type), bind, nullable, name)))
    return out


def converters(entity: str, dialect: Dialect
                ) -> list[tuple[str, Callable[[list[Any]], list[Any]]]]:
    _DIALECTS.setdefault(dialect.name, dialect)
    return _converters_for(entity, dialect.name)


@cache
def _converters_for(entity: str, dialect_name: str
                    ) -> list[tuple[str, Callable[[list[Any]], list[Any]]]]:
    """`_writers_for` for a whole column of values at once. The usual column (the server's own
    UUIDs, times, short texts, a few distinct codes and numbers) is checked and converted in
    a few passes over the list; any value off that path sends the column through the writer
    value by value, which raises the same BadValue it always did."""
    dialect = _DIALECTS[dialect_name]
    columns = {"id": TABLES[entity].c.id} | synced_columns(entity)
    out = []
    for name, write in _writers_for(entity, dialect_name):
        kind = columns[name].type
        bound = kind.dialect_impl(dialect).bind_processor(dialect) is not None
        if isinstance(kind, Uuid) and not dialect.supports_native_uuid:
            fast: Callable[[list[Any]], list[Any] | None] | None = _uuid_column
        elif isinstance(kind, UTCDateTime) and dialect.name == "sqlite":
            fast = _moment_column
        elif isinstance(kind, Enum | Numeric | Date | Boolean | Integer):
            fast = _distinct_column(write)  # few distinct values: each converted once
        elif isinstance(kind, String) and not bound:
            fast = _string_column(kind.length)
        else:
            fast = None
        out.append((name, _column(write, fast, columns[name].nullable)))
    return out


def _column(write: Callable[[Any], Any], fast: Callable[[list[Any]], list[Any] | None] | None,
            nullable: bool | None) -> Callable[[list[Any]], list[Any]]:
    def convert(values: list[Any]) -> list[Any]:
        if fast is not None and (nullable or None not in values):
            present = [value for value in values if value is not None]
            done = fast(present)
            if done is not None:
                if len(present) == len(values):
                    return done
                null, taken = write(None), iter(done)
                return [null if value is None else next(taken) for value in values]
        return list(map(write, values))

    return convert


_UUIDS = re.compile("(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})*")
# isoformat leaves out the fraction of a whole second
_MOMENTS = re.compile(r"(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?\+00:00)*")


def _joined(values: list[Any]) -> str | None:
    """The texts `values` joined; None: not all are texts (str.join refuses the others, one
    pass in C rather than a type check per value)."""
    try:
        return "".join(values)
    except TypeError:
        return None


def _uuid_column(values: list[Any]) -> list[Any] | None:
    """The server's UUIDs (lower case, with dashes) as 32 hex digits; None: not all are."""
    joined = _joined(values)
    if joined is None or _UUIDS.fullmatch(joined) is None:
        return None
    digits = joined.replace("-", "")
    return [digits[start:start + 32] for start in range(0, len(digits), 32)]


def _moment_column(values: list[Any]) -> list[Any] | None:
    """UTC times in the server's format as SQLite stores them; None: not all are."""
    joined = _joined(values)
    if joined is None or _MOMENTS.fullmatch(joined) is None:
        return None
    try:
        for _ in map(datetime.fromisoformat, values):  # a real day and time
            pass
    except ValueError:
        return None
    return [f"{value[:10]} {value[11:26]}" if len(value) == 32
            else f"{value[:10]} {value[11:19]}.000000" for value in values]


def _distinct_column(write: Callable[[Any], Any]) -> Callable[[list[Any]], list[Any] | None]:
    def convert(values: list[Any]) -> list[Any] | None:
        try:  # by type as well: True, 1 and 1.0 are one key of a set but not one value here
            distinct = {(type(value), value) for value in values}
        except TypeError:  # a list or object where a value belongs
            return None
        if len(distinct) * 4 > len(values) + 100 or any(
                kind not in (str, int, bool, float) for kind, _ in distinct):
            return None  # mostly different values (nothing to share), or not plain JSON
        written = {key: write(key[1]) for key in distinct}
        return [written[type(value), value] for value in values]

    return convert


def _string_column(length: int | None) -> Callable[[list[Any]], list[Any] | None]:
    def convert(values: list[Any]) -> list[Any] | None:
        joined = _joined(values)
        if joined is None or "\x00" in joined or (length is not None and values
                                                  and max(map(len, values)) > length):
            return None
        return values

    return convert


def _uuid_hex(value: Any) -> str:
    """A UUID's text as stored without a native UUID type (32 hex digits), checked; several
    times faster than uuid.UUID(value).hex, and a first sync has millions."""
    digits = value.replace("-", "").lower() if isinstance(value, str) else ""
    if _HEX32.fullmatch(digits) is None:
        raise BadValue(f"{value!r} is not a UUID")
    return digits


def _sqlite_moment(value: Any) -> str:
    """A UTC time as SQLAlchemy stores it in SQLite ("2026-11-25 09:00:00.000000")."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        raise BadValue(f"{value!r} is not a time with its zone")
    if moment.tzinfo is UTC and len(value) == 32 and value[19] == "." and value[4] == "-" \
            and value.endswith("+00:00"):  # as the server writes it: its own digits
        return f"{value[:10]} {value[11:26]}"
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


_HEX32 = re.compile("[0-9a-f]{32}")


def local_defaults(entity: str, dialect: Dialect) -> dict[str, Any]:
    """What a new row gets in the columns that stay on each machine (sign-in lockouts)."""
    travelling = synced_columns(entity)
    out = {}
    for column in TABLES[entity].columns:
        if column.name in travelling or column.name in ("id", "version"):
            continue
        value = column.default.arg if column.default is not None and \
            column.default.is_scalar else None
        bind = column.type.dialect_impl(dialect).bind_processor(dialect)
        out[column.name] = bind(value) if bind is not None and value is not None else value
    return out


def _writer(read: Callable[[Any], Any], bind: Callable[[Any], Any] | None, nullable: bool,
            name: str) -> Callable[[Any], Any]:
    def write(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise BadValue(f"{name}: a value is required")
            return bind(None) if bind is not None else None
        return bind(read(value)) if bind is not None else read(value)

    return write
