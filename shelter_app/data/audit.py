"""The audit trail, written by the session itself: every INSERT, UPDATE and soft delete of a
record adds an AuditEvent with each field's old and new value, in the same flush and so in the
same transaction. No service can forget it.

Bulk Core INSERTs (demo data) bypass the ORM and are not audited; imports of thousands of rows
use `insert_audited`, which writes the same create events in bulk.
"""

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from shelter_app.data.base import Record, utcnow
from shelter_app.data.models import AuditEvent

#: Bookkeeping columns whose change says nothing to a reader of the history.
_QUIET = {"updated_at", "version", "created_at", "created_by"}
#: Columns whose values never enter the trail.
_SECRET = {"password_hash"}
USER_KEY = "audit_user_id"
REASON_KEY = "audit_reason"


def _plain(value: Any) -> Any:
    """A JSON-safe form of a column value."""
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


def _changes(record: Record, *, created: bool) -> dict[str, list[Any]]:
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
                changes[key] = [None, "***" if key in _SECRET else _plain(new)]
        elif history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if key in _SECRET:
                changes[key] = ["***", "***"]
            else:
                changes[key] = [_plain(old), _plain(new)]
    return changes


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
            events.append(("create", record, _changes(record, created=True)))
    for record in list(session.dirty):
        if (isinstance(record, Record) and not isinstance(record, AuditEvent)
                and session.is_modified(record, include_collections=False)):
            changes = _changes(record, created=False)
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


def install(session_class: Any) -> None:
    """Audit every session made by `session_class` (a sessionmaker) that names its user."""
    event.listen(session_class, "before_flush", _before_flush)


def insert_audited(session: Session, model: type[Record], rows: list[dict[str, Any]]) -> None:
    """INSERT new records in bulk with their create events, as the flush would write them.

    The ORM's unit of work costs ~45 µs per record (FIELD_NOTES.md: 4.5 s per 100k), too slow
    for a 50,000-row import; this is one executemany per table. Each row gets its id here."""
    if not rows:
        return
    user_id = session.info.get(USER_KEY)
    reason = session.info.get(REASON_KEY)
    now = utcnow()
    events = []
    for row in rows:
        row.setdefault("id", uuid.uuid4())
        row.update(created_at=now, updated_at=now, created_by=user_id, version=1)
        events.append({
            "id": uuid.uuid4(), "created_at": now, "updated_at": now, "created_by": user_id,
            "version": 1, "user_id": user_id, "action": "create",
            "entity": model.__tablename__, "entity_id": row["id"], "reason": reason,
            "changes": {key: [None, _plain(value)] for key, value in row.items()
                        if key not in _QUIET and value is not None},
        })
    session.execute(insert(model.__table__), rows)  # Core: no ORM bulk bookkeeping
    session.execute(insert(AuditEvent.__table__), events)
