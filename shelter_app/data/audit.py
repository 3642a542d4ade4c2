"""The audit trail, written by the session itself: every INSERT, UPDATE and soft delete of a
record adds an AuditEvent with each field's old and new value, in the same flush and so in the
same transaction. No service can forget it.

ORM bulk UPDATEs and DELETEs are audited per row they change (their rows are read before and
after). Bulk Core INSERTs (demo data) bypass the ORM and are not audited; imports of thousands
of rows use `insert_audited`, which writes the same create events in bulk, and links of
thousands of rows `update_matching`, which has the database write their events.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import (
    JSON,
    Integer,
    Text,
    case,
    cast,
    event,
    func,
    insert,
    inspect,
    literal,
    literal_column,
    null,
    select,
    update,
)
from sqlalchemy.engine import Result
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import BindParameter

from shelter_app.data import outbox
from shelter_app.data.base import REASON_KEY, USER_KEY, Record
from shelter_app.data.bulk import among, insert_columns
from shelter_app.data.models import AuditEvent
from shelter_app.data.replication import encoded
from shelter_app.domain import clock

# Bookkeeping columns whose change says nothing to a reader of the history.
_QUIET = {"updated_at", "version", "created_at", "created_by"}
# Columns whose values never enter the trail.
_SECRET = {"password_hash"}


def json_value(value: Any) -> Any:
    """A JSON-safe form of a column value, as the audit trail stores it (an erasure compares
    the trail with it, an access export writes it)."""
    if type(value) is str or value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return value
    return str(value)


def _changes(session: Session, record: Record, *, created: bool) -> dict[str, list[Any]]:
    state = inspect(record)
    changes: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        key = attr.key
        if key in _QUIET:
            continue
        history = state.attrs[key].history
        if created:
            new = getattr(record, key)
            if new is not None:
                changes[key] = [None, "***" if key in _SECRET else json_value(new)]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else _stored(session, record, attr)
            new = history.added[0] if history.added else None
            if key in _SECRET:
                changes[key] = ["***", "***"]
            else:
                changes[key] = [json_value(old), json_value(new)]
    return changes


def _stored(session: Session, record: Record, attr: Any) -> Any:
    """The value in the database of a column that was changed without being loaded first
    (load_only, deferred, expired): the history knows only the new one."""
    table = inspect(record).mapper.local_table
    return session.connection().execute(
        select(attr.columns[0]).where(table.c.id == record.id)).scalar()


def _apply_defaults(record: Record) -> None:
    """Fill Python-side column defaults now rather than at INSERT, so the create event shows
    the values the record really gets (and its id)."""
    for column in inspect(record).mapper.columns:
        default = column.default
        key = column.key
        if default is None or getattr(record, key, None) is not None:
            continue
        if default.is_scalar:
            setattr(record, key, default.arg)
        elif default.is_callable:
            setattr(record, key, default.arg(None))


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if USER_KEY not in session.info:
        return
    user_id = session.info[USER_KEY]
    reason = session.info.get(REASON_KEY)
    events = []
    for record in list(session.new):
        if isinstance(record, Record) and not isinstance(record, AuditEvent):
            _apply_defaults(record)
            if record.created_by is None:
                record.created_by = user_id
            events.append(("create", record, _changes(session, record, created=True)))
    for record in list(session.dirty):
        if (isinstance(record, Record) and not isinstance(record, AuditEvent)
                and session.is_modified(record, include_collections=False)):
            changes = _changes(session, record, created=False)
            if changes:
                action = "delete" if changes.get("deleted_at", [1, None])[0] is None and \
                    "deleted_at" in changes else "update"
                events.append((action, record, changes))
    for record in list(session.deleted):
        if isinstance(record, Record) and not isinstance(record, AuditEvent):
            events.append(("purge", record, {}))
    for action, record, changes in events:
        session.add(AuditEvent(user_id=user_id, created_by=user_id, action=action,
                               entity=type(record).__tablename__, entity_id=record.id,
                               changes=changes, reason=reason))


def _bulk_statement(state: ORMExecuteState) -> Result[Any] | None:
    """An ORM bulk UPDATE or DELETE of records bypasses the flush: read the rows it matches
    before it runs, and write an event per changed row, as the flush would. The new values are
    the statement's own when they are plain values; otherwise the rows are read again after."""
    session = state.session
    mapper = state.bind_mapper
    if not (state.is_update or state.is_delete) or USER_KEY not in session.info \
            or mapper is None or not issubclass(mapper.class_, Record) \
            or mapper.class_ is AuditEvent:
        return None
    table = mapper.local_table
    values = {getattr(key, "key", key): value
              for key, value in (getattr(state.statement, "_values", None) or {}).items()}
    columns = [column for column in table.columns  # what the UPDATE sets (or, unknown, all)
               if column.key not in _QUIET | {"id"} and (not values or column.key in values)
               and state.is_update]
    where = state.statement.whereclause
    connection = session.connection()
    read = select(table.c.id, *columns)
    before = {row[0]: row[1:] for row in connection.execute(
        read.where(where) if where is not None else read)}
    result = state.invoke_statement()
    if not before:
        return result
    if state.is_delete:
        after: dict[Any, Any] = {}
    elif values and all(isinstance(values[column.key], BindParameter) for column in columns):
        constant = tuple(values[column.key].value for column in columns)
        after = dict.fromkeys(before, constant)
    else:
        after = {row[0]: row[1:] for row in connection.execute(
            read.where(table.c.id.in_(list(before))))}
    now = clock.now()
    shown: dict[Any, Any] = {}  # json_value of each distinct value: most rows share the new ones

    def plain(value: Any) -> Any:
        if isinstance(value, dict | list):  # JSON values are not hashable
            return json_value(value)
        if value not in shown:
            shown[value] = json_value(value)
        return shown[value]

    events = []
    for record_id, old in before.items():
        new = after.get(record_id)
        changes = {column.key: [plain(was), plain(value)]
                   for column, was, value in zip(columns, old, new, strict=True)
                   if was != value} if new is not None else {}
        if new is None or changes:
            events.append(event_row(session, now, "purge" if new is None else "update",
                                     table.name, record_id, changes))
    if events:
        connection.execute(insert(AuditEvent.__table__), events)
        names = [column.key for column in columns]
        outbox.record(session, table.name, [
            (record_id, "purge", {}) if record_id not in after else
            (record_id, "update", dict(zip(names, after[record_id], strict=True)))
            for record_id in before
            if record_id not in after or after[record_id] != before[record_id]])
    return result


def event_row(session: Session, now: datetime, action: str, entity: str, entity_id: Any,
               changes: dict[str, list[Any]]) -> dict[str, Any]:
    """An audit_events row for a Core INSERT, with what the flush would have filled in."""
    user_id = session.info.get(USER_KEY)
    return {"id": uuid.uuid4(), "created_at": now, "updated_at": now, "created_by": user_id,
            "version": 1, "user_id": user_id, "action": action, "entity": entity,
            "entity_id": entity_id, "changes": changes, "reason": session.info.get(REASON_KEY)}


def install(session_class: Any) -> None:
    """Audit every session made by `session_class` (a sessionmaker) that names its user."""
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "do_orm_execute", _bulk_statement)


def insert_audited(session: Session, model: type[Record], columns: dict[str, list[Any]]
                   ) -> list[uuid.UUID]:
    """INSERT new records in bulk with their create events and outbox ops, as the flush would
    write them; returns the new records' ids, made here, in order.

    The ORM's unit of work costs ~45 µs per record (FIELD_NOTES.md: 4.5 s per 100k), too slow
    for a 50,000-row import: the records come as a list of values per column, written as such
    (bulk.insert_columns), and their events and ops are each one INSERT … SELECT over the
    inserted rows, built by the database from what was stored (replication.encoded). On
    SQLite those rows are the ones after the table's greatest rowid before the INSERT (a new
    row's rowid is one above it), read in rowid order: their ids in a list (bulk.among) cost
    the statements a fifth more, and the events came in the ids' random order."""
    count = len(next(iter(columns.values()), []))
    if not count:
        return []
    user_id = session.info.get(USER_KEY)
    now = clock.now()
    bookkeeping = {"created_at": now, "updated_at": now, "created_by": user_id, "version": 1}
    ids = [uuid.uuid4() for _ in range(count)]
    columns = {**columns, "id": ids}
    table = model.__table__
    connection = session.connection()
    postgres = connection.dialect.name == "postgresql"
    rowid = literal_column(f"{table.name}.rowid", Integer)
    new = among(connection, table.c.id, ids) if postgres else (
        rowid > connection.scalar(select(func.coalesce(func.max(rowid), 0)).select_from(table)))
    insert_columns(connection, table, columns, bookkeeping)
    # an empty column is left out of a create's changes: a column empty in every row is not
    # named, one empty in some rows is dropped row by row (in SQL, the slower way)
    shown = [table.c[key] for key, values in columns.items()
             if any(value is not None for value in values)]
    mixed = {column.name for column in shown
             if column.nullable and any(value is None for value in columns[column.name])}
    pair = func.jsonb_build_array if postgres else func.json_array

    def created(column: Any) -> Any:  # [null, value]
        value = pair(null(), encoded(column, postgres))
        if postgres or column.name not in mixed:
            return value
        return func.json(case((column.is_(None), null()), else_=value))

    changes = (func.jsonb_build_object if postgres else func.json_object)(*(
        part for column in shown for part in (cast(literal(column.name), Text),
                                              created(column))))
    if postgres:
        for column in shown:
            if column.name in mixed:
                changes = changes.op("-")(case((column.is_(None), column.name), else_=""))
        changes = cast(changes, JSON)
    elif mixed:
        changes = func.json_patch("{}", changes)  # drops the members whose value is null
    _insert_events(session, table.name, "create", table.c.id, func.row_number().over() - 1,
                   changes, new)
    if outbox.is_server(session):  # the change log reads each row's office
        names = [*columns, *bookkeeping]
        outbox.record(session, table.name, [
            (values[0], "create", dict(zip(names, (*values, *bookkeeping.values()))))
            for values in zip(*columns.values())])
    else:
        outbox.record_inserted(session, table.name, new, [*columns, *bookkeeping], count)
    return ids


def update_matching(session: Session, model: type[Record], where: Any, column: str,
                    value: Any) -> int:
    """Set `column` (empty now) to `value`, which no row holds yet (a new batch's id), on every
    row of `model` matching `where`, with each row's update event and their outbox ops (one
    link row standing for them: outbox.record_matching), all written set-wise by the database
    (one UPDATE, then INSERT … SELECT over the rows now holding `value`): a month's payment
    batch links 25,000 timesheets, and the per-row events of an ORM bulk UPDATE cost seconds
    in Python. The number of rows.

    On the server the change log needs each row's office: there it is the ORM bulk UPDATE,
    audited per row by `_bulk_statement`."""
    table = model.__table__
    where = where & table.c[column].is_(None)
    now = clock.now()
    change = {"version": table.c.version + 1, "updated_at": now, column: value}
    if outbox.is_server(session):
        return session.execute(update(model).where(where).values(**change)
                               .execution_options(synchronize_session=False)).rowcount
    connection = session.connection()
    count = connection.execute(update(table).where(where).values(**change)).rowcount
    if count:  # one change for every row, bound once
        row_id, place = outbox.numbered(session, table.c.id, table.c[column] == value)
        _insert_events(session, table.name, "update", row_id, place, literal(
            {column: [None, json_value(value)]}, AuditEvent.__table__.c.changes.type))
        outbox.record_matching(session, table.name, row_id, place, {column: value}, count, value)
    return count


def _insert_events(session: Session, entity: str, action: str, row_id: Any, place: Any,
                   changes: Any, where: Any = None) -> None:
    """The `action` event of every row selected by `row_id` (SQL: its id, as
    `outbox.numbered` gives or a table's column) matching `where`, its `changes` built by the
    database (SQL), in one INSERT … SELECT. The ids grow with `place` (SQL: the row's place
    from 0 in the order they are inserted), whichever index the SELECT reads."""
    events, columns = AuditEvent.__table__, AuditEvent.__table__.c
    user = literal(session.info.get(USER_KEY), columns.user_id.type)
    now = clock.now()
    rows = select(outbox.ordered_uuid(session, place), literal(now, columns.created_at.type),
                  literal(now, columns.updated_at.type), user, literal(1), user,
                  literal(action), literal(entity), row_id, changes,
                  literal(session.info.get(REASON_KEY), columns.reason.type))
    session.connection().execute(insert(events).from_select(
        ["id", "created_at", "updated_at", "created_by", "version", "user_id", "action",
         "entity", "entity_id", "changes", "reason"],
        rows if where is None else rows.where(where)))
