"""Which tables and columns travel between laptops and the server, how their values are written
as JSON and read back, and how a row finds the office that may see it.

Values are checked when read back (`decode`): a value from the network that does not fit its
column is refused naming the field, never stored.
"""

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum as PyEnum
from functools import cache
from typing import Any

from sqlalchemy import (JSON, BigInteger, Boolean, Column, ColumnElement, Date, Enum, Float,
                        Integer, Numeric, SmallInteger, String, Table, Text, Uuid, case, cast,
                        func, literal, literal_column)

from shelter_app.data.base import Base, Record, UTCDateTime
from shelter_app.data.models import AuditEvent, ExternalKey
from shelter_app.domain.i18n import translate

# Records that stay on the machine that wrote them: each side keeps its own audit trail, and
# the server's device table is its own.
_LOCAL_TABLES = {AuditEvent.__tablename__, ExternalKey.__tablename__, "sync_devices"}
# Bookkeeping each side keeps for itself and never sends: sending it would make every pair of
# edits of different fields look like a conflict on `updated_at`.
NOT_SENT = frozenset({"version", "updated_at"})
# Columns that describe one machine's state rather than the record (sign-in lockouts), and
# totals kept from the record's own values (data.totals), worked out again on each machine.
LOCAL_FIELDS = {"users": {"failed_logins", "locked_until"}, "boqs": {"gross_total", "approved_on"},
                "lease_agreements": {"open_visit_due"},
                "households": {"n_female_0_17", "n_male_0_17", "n_female_18_59", "n_male_18_59",
                               "n_female_60_plus", "n_male_60_plus", "n_unspecified",
                               "disabled"}}
# How a row reaches its office: (column, parent table) steps; the last step names the office
# column itself. Tables missing here are seen by every office (offices, users of no office...).
OFFICE_PATH: dict[str, list[tuple[str, str | None]]] = {
    "dwellings": [("office_id", None)],
    "households": [("office_id", None)],
    "landlords": [("office_id", None)],
    "lease_agreements": [("office_id", None)],
    "users": [("office_id", None)],
    "settings": [("office_id", None)],
    "sync_conflicts": [("office_id", None)],
    "erasures": [("office_id", None)],
    "workers": [("household_id", "households"), ("office_id", None)],
    "household_members": [("household_id", "households"), ("office_id", None)],
    "assessments": [("dwelling_id", "dwellings"), ("office_id", None)],
    "works_checks": [("assessment_id", "assessments"), ("dwelling_id", "dwellings"),
                     ("office_id", None)],
    "photos": [("dwelling_id", "dwellings"), ("office_id", None)],
    "boqs": [("dwelling_id", "dwellings"), ("office_id", None)],
    "timesheets": [("dwelling_id", "dwellings"), ("office_id", None)],
    "reopen_requests": [("dwelling_id", "dwellings"), ("office_id", None)],
    "labour_entries": [("dwelling_id", "dwellings"), ("office_id", None)],
    "boq_lines": [("boq_id", "boqs"), ("dwelling_id", "dwellings"), ("office_id", None)],
    "monitoring_visits": [("agreement_id", "lease_agreements"), ("office_id", None)],
}


def _synced() -> dict[str, Table]:
    tables = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if issubclass(cls, Record) and cls.__tablename__ not in _LOCAL_TABLES:
            tables[cls.__tablename__] = cls.__table__
    # parents before children, so a batch of creates can be applied in order; keyed by plain
    # str (a table's name is SQLAlchemy's quoted_name: bound as a value, sqlite3 looks it up
    # for an adapter each time, 2 s of CPU over a first sync's known versions)
    return {str(table.name): table for table in Base.metadata.sorted_tables
            if table.name in tables}


TABLES: dict[str, Table] = _synced()


@cache
def synced_columns(entity: str) -> dict[str, Column[Any]]:
    """The columns of `entity` that travel, by name (the id travels as the row's key); made
    once per table and shared, so read it, never change it."""
    local = LOCAL_FIELDS.get(entity, set()) | {"id"}
    return {c.name: c for c in TABLES[entity].columns if c.name not in local}


_AS_IS = {type(None), bool, int, float, str, dict, list}  # by exact type: an enum is not a str
_AS_TEXT: dict[type, Callable[[Any], str]] = {
    uuid.UUID: str, Decimal: str, datetime: datetime.isoformat, date: date.isoformat}


def encode(value: Any) -> Any:
    """A column value as JSON."""
    kind = type(value)  # most values take one or two look-ups (a batch's log encodes each column)
    if kind in _AS_IS:
        return value
    if kind in _AS_TEXT:
        return _AS_TEXT[kind](value)
    if isinstance(value, PyEnum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")


@cache
def row_json_sql(entity: str) -> str:
    """PostgreSQL's expression for a row of `entity` (as `t`) as JSON, the same values `encode`
    writes for each synced column plus the id: the server's change log has the database write
    a pushed batch's rows instead of reading each back into a dict of Python values."""
    pairs = [f"'{name}', {_value_sql(column.type, f't.{_quoted(name)}')}"
             for name, column in synced_columns(entity).items()] + ["'id', t.id::text"]
    return f"json_build_object({', '.join(pairs)})"


def _value_sql(kind: Any, value: str) -> str:
    if isinstance(kind, UTCDateTime):  # isoformat: micro-seconds only when not zero
        utc = f"({value} AT TIME ZONE 'UTC')"
        return (f"to_char({utc}, 'YYYY-MM-DD\"T\"HH24:MI:SS') || CASE WHEN mod(date_part("
                f"'microseconds', {value})::bigint, 1000000) = 0 THEN '' ELSE to_char({utc}, "
                f"'.US') END || '+00:00'")
    if isinstance(kind, Date):
        return f"to_char({value}, 'YYYY-MM-DD')"
    if isinstance(kind, Uuid) or (isinstance(kind, Numeric) and not isinstance(kind, Float)
                                  and isinstance(kind.scale, int)):
        return f"{value}::text"  # as str(UUID), and str(Decimal) of a scaled NUMERIC
    if isinstance(kind, Boolean | Integer | String | Enum | JSON):  # JSON as json_build_object
        return value  # writes them (an Enum holds its values)
    raise TypeError(f"no JSON for a column of {kind!r}")


def _quoted(name: str) -> str:
    return f'"{name}"'


def encoded(column: Column[Any], postgres: bool) -> ColumnElement[Any]:
    """`encode` of the column's stored value, worked out by the database (SQLite or
    PostgreSQL), so INSERT … SELECT can write audit events and outbox ops of thousands of rows
    without Python per row: a UUID with its dashes, a moment as `isoformat` writes it in UTC,
    JSON as JSON, a boolean as true/false. NULL stays NULL. PostgreSQL's is `row_json_sql`'s."""
    if postgres:
        return literal_column(_value_sql(
            column.type, f"{_quoted(column.table.name)}.{_quoted(column.name)}"))
    kind = column.type
    if isinstance(kind, Uuid):  # SQLite keeps 32 hex digits
        hex_ = [func.substr(column, start, length)
                for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]
        return _joined(hex_[0], "-", hex_[1], "-", hex_[2], "-", hex_[3], "-", hex_[4])
    if isinstance(kind, UTCDateTime):  # stored in UTC as "2026-11-25 10:11:12.000000"
        micros = func.substr(column, 21, 6)
        fraction = case((micros.in_(["", "000000"]), ""), else_=_joined(".", micros))
        return _joined(func.substr(column, 1, 10), "T", func.substr(column, 12, 8), fraction,
                       "+00:00")
    if isinstance(kind, Boolean):
        return func.json(case((column == 1, "true"), (column == 0, "false")))
    if isinstance(kind, JSON):
        return func.json(column)
    if isinstance(kind, Integer | String):
        return column
    raise TypeError(f"{column.name}: {type(kind).__name__} is not encoded by the database")


def _joined(*parts: Any) -> ColumnElement[str]:
    """Text and expressions joined with ||."""
    joined: Any = None
    for part in parts:
        value = cast(literal(part), Text) if isinstance(part, str) else part
        joined = value if joined is None else joined.op("||")(value)
    return cast(joined, Text)


class BadValue(ValueError):
    """A value that does not fit its column; the message names what was expected."""


def decode(column: Column[Any], value: Any) -> Any:
    """The Python value for `column` from its JSON form; BadValue when it does not fit."""
    if value is None:
        if not column.nullable and not isinstance(column.type, JSON):  # JSON null is a value
            raise BadValue(translate("sync", "a value is required"))
        return None
    try:
        return _reader(column.type)(value)
    except BadValue:
        raise
    except (InvalidOperation, ValueError, TypeError, OverflowError):
        raise BadValue(translate("sync", "{value} cannot be read").format(
            value=repr(value))) from None


@cache
def _reader(kind: Any) -> Callable[[Any], Any]:
    """`reader(kind)`, made once per column type (a pushed batch decodes every value it sets)."""
    return reader(kind)


def reader(kind: Any) -> Callable[[Any], Any]:
    """A function reading a non-null JSON value of a column of type `kind` (decode's core)."""
    if isinstance(kind, Uuid):
        return lambda value: uuid.UUID(_text(value))
    if isinstance(kind, UTCDateTime):
        return _moment
    if isinstance(kind, Date):
        return lambda value: date.fromisoformat(_text(value))
    if isinstance(kind, Boolean):
        return _boolean
    if isinstance(kind, Integer):
        bits = 64 if isinstance(kind, BigInteger) else 16 if isinstance(kind, SmallInteger) \
            else 32
        return lambda value: _whole(value, bits)
    if isinstance(kind, Numeric):
        whole = kind.precision - kind.scale if isinstance(kind.precision, int) and \
            isinstance(kind.scale, int) and not isinstance(kind, Float) else None
        return lambda value: _number(value, whole)
    if isinstance(kind, Enum):
        return lambda value: _choice(kind, value)
    if isinstance(kind, JSON):
        return lambda value: value
    if isinstance(kind, String):
        return lambda value: _string(kind.length, value)
    raise BadValue(translate("sync", "this column cannot be written"))


def _moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise BadValue(translate("sync", "a time with its zone (UTC) is expected"))
    return moment.astimezone(UTC)  # here, not at the INSERT: 0001-01-01+14:00 has no UTC


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise BadValue(translate("sync", "true or false is expected"))
    return value


def _whole(value: Any, bits: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(translate("sync", "a whole number is expected"))
    if not -(2 ** (bits - 1)) <= value < 2 ** (bits - 1):  # what PostgreSQL's column holds
        raise BadValue(translate("sync", "{value} is too large a number").format(value=value))
    return value


def _number(value: Any, whole_digits: int | None) -> Decimal:
    number = Decimal(_text(value))
    if not number.is_finite():
        raise BadValue(translate("sync", "a finite number is expected"))
    if whole_digits is not None and number.adjusted() >= whole_digits:
        # PostgreSQL refuses it; SQLite would keep it: refused alike on both
        raise BadValue(translate("sync", "{value} is too large a number").format(value=value))
    return number


def _choice(kind: Enum, value: Any) -> Any:
    text = _text(value)
    if text not in kind.enums:
        raise BadValue(translate("sync", "one of {choices} is expected").format(
            choices=", ".join(kind.enums)))
    return kind.enum_class(text) if kind.enum_class else text


def _string(length: int | None, value: Any) -> str:
    text = _text(value)
    if length is not None and len(text) > length:
        raise BadValue(translate("sync", "at most %n characters are allowed", "", length))
    if "\x00" in text:  # PostgreSQL's text cannot hold it
        raise BadValue(translate("sync", "a NUL character is not allowed"))
    return text


def model_for(entity: str) -> type[Record]:
    """The mapped class of a synced table."""
    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__tablename__", None) == entity:
            return mapper.class_
    raise KeyError(entity)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue(translate("sync", "text is expected"))
    return value
