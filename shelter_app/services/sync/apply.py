"""The server applies a pushed batch of ops: in one transaction, each op at most once.

Pushes are applied one at a time, whichever server process receives them (PostgreSQL: the
change log's lock is taken first, so two batches never read the same row's version).

For each op, in the laptop's order:
- an op id already decided is answered again with the same decision (a replay changes nothing),
  with the server's row when the laptop must take it; an op id of another device is refused;
- its table, fields and values are checked (sync_protocol already checked the shape), its
  author is the server's user row, and `rules.check` applies the desktop's rules to the op as
  sent, before anything is merged;
- a field that another machine changed since the op's base version, to another value, is a
  conflict: the server keeps theirs and records base, ours and theirs for a supervisor; other
  fields merge. An edit of a row deleted elsewhere is a conflict on `deleted_at`.
Every applied change writes the row's new state to the change log (what laptops pull) and an
audit event, in the same transaction.
"""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from shelter_app.data import audit
from shelter_app.data.engine import Database
from shelter_app.data.models import AppliedOp, AuditEvent, Conflict, Device, LogEntry
from shelter_app.data.outbox import lock_log, office_ids, write_log
from shelter_app.data.replication import TABLES, BadValue, decode, encode, synced_columns
from shelter_app.domain import clock
from shelter_app.domain.i18n import translate
from shelter_app.services.sync.protocol import Op
from shelter_app.services.sync.rules import Refused, author, check, office_of

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """The server's answer to one op; `row` is the server's row when the laptop must take it."""

    op_id: uuid.UUID
    status: str  # applied | conflict | refused
    reason: str | None = None
    version: int | None = None
    row: dict[str, Any] | None = None

    def message(self) -> dict[str, Any]:
        return {"op_id": str(self.op_id), "status": self.status, "reason": self.reason,
                "version": self.version, "row": self.row}


def apply_batch(db: Database, device: Device, ops: Sequence[Op]) -> list[Outcome]:
    """Apply `ops` from `device` in one transaction and return one outcome per op."""
    with db.write() as session:
        lock_log(session)  # before any read: a concurrent push commits first, then we read
        done = {row.op_id: row for row in session.scalars(
            select(AppliedOp).where(AppliedOp.op_id.in_([op.op_id for op in ops])))}
        outcomes = []
        for op in ops:
            if op.op_id in done:
                outcomes.append(_replay(session, device, op, done[op.op_id]))
                continue
            outcome = _apply_one(session, device, op)
            session.execute(insert(AppliedOp.__table__).values(
                op_id=op.op_id, device_id=device.id, status=outcome.status,
                reason=outcome.reason, version=outcome.version, received_at=clock.now()))
            if outcome.status == "refused":
                log.warning("refused op %s (%s %s) from device %s: %s", op.op_id, op.entity,
                            op.row_id, device.name, outcome.reason)
            outcomes.append(outcome)
        session.execute(update(Device.__table__).where(Device.__table__.c.id == device.id)
                        .values(last_seen_at=clock.now()))
        return outcomes


def _replay(session: Session, device: Device, op: Op, old: AppliedOp) -> Outcome:
    """The answer to an op decided before. A laptop that missed the first answer of a refusal
    or a conflict must still take the server's row, so the row goes with it again."""
    if old.device_id != device.id:
        log.warning("refused op %s from device %s: its id belongs to another device", op.op_id,
                    device.name)
        return Outcome(op.op_id, "refused", translate(
            "sync", "This change's id was already used by another laptop; it was not applied."))
    row = None
    if old.status != "applied":
        row = _visible_row(session, device, op.entity, _reread(session, op))
    return Outcome(op.op_id, old.status, old.reason, old.version, row)


def _apply_one(session: Session, device: Device, op: Op) -> Outcome:
    table = TABLES[op.entity]
    current_row = session.execute(select(table).where(table.c.id == op.row_id)).first()
    current = dict(current_row._mapping) if current_row is not None else None
    try:
        with session.begin_nested():
            return _decide(session, device, op, current)
    except Refused as refusal:
        return Outcome(op.op_id, "refused", refusal.message,
                       row=_visible_row(session, device, op.entity, current))
    except (IntegrityError, DataError) as error:  # the database's own refusal, never a crash
        return Outcome(op.op_id, "refused", _integrity_reason(error),
                       row=_visible_row(session, device, op.entity, current))


def _decide(session: Session, device: Device, op: Op, current: dict[str, Any] | None
            ) -> Outcome:
    table = TABLES[op.entity]
    columns = synced_columns(op.entity)
    changes = {}
    for name, value in op.fields.items():
        try:
            changes[name] = decode(columns[name], value)
        except BadValue as error:
            raise Refused(translate("sync", "{table}.{field}: {reason}").format(
                table=op.entity, field=name, reason=error)) from None
    who = author(session, op.user_id)
    now = clock.now()
    if op.action == "purge":
        check(session, who, device.office_id, op.entity, current, {"deleted_at": now})
        if current is not None:
            session.execute(delete(table).where(table.c.id == op.row_id))
            _record(session, device, op, [], version=None)
        return Outcome(op.op_id, "applied")
    if current is None:
        if op.action != "create":
            raise Refused(translate("sync", "The server has no such {table} record; it may have "
                                            "been erased.").format(table=op.entity))
        missing = [name for name, column in columns.items() if name not in changes
                   and not column.nullable and column.default is None and name != "version"]
        if missing:
            raise Refused(translate("sync", "{table}: the new record lacks {fields}.").format(
                table=op.entity, fields=", ".join(missing)))
        check(session, who, device.office_id, op.entity, None, changes, made_at=op.created_at)
        values = {name: column.default.arg for name, column in columns.items()
                  if name not in changes and column.default is not None
                  and column.default.is_scalar} | changes
        session.execute(insert(table).values(id=op.row_id, **values | {
            "version": 1, "updated_at": now, "created_at": changes.get("created_at") or now}))
        _record(session, device, op, list(changes), version=1)
        return Outcome(op.op_id, "applied", version=1)
    # the op as sent: who may not make it is refused, never turned into a conflict that
    # records (and answers with) a row of another office
    check(session, who, device.office_id, op.entity, current, changes)
    sent = dict(changes)
    theirs = _changed_elsewhere(session, device, op)
    conflicts = {}
    if current["deleted_at"] is not None and "deleted_at" not in changes:
        # an edit of a row deleted elsewhere: never a silent resurrection; each edited field
        # is kept in the conflict too, so choosing "ours" everywhere restores the edit
        conflicts = {"deleted_at": current["deleted_at"]} | {
            name: current[name] for name, value in changes.items()
            if encode(value) != encode(current[name])}
        changes = {}
    elif changes.get("deleted_at") is not None and current["deleted_at"] is None and theirs:
        # a deletion of a row edited elsewhere since: the edit is not silently thrown away
        conflicts = {"deleted_at": None}
        del changes["deleted_at"]
    for name in list(changes):
        if name in theirs and encode(changes[name]) != encode(current[name]):
            conflicts[name] = current[name]
            del changes[name]
        elif encode(changes[name]) == encode(current[name]):
            del changes[name]  # already so: nothing to write
    version = current["version"]
    if changes:
        if changes != sent:  # what is left after the conflicts must pass on its own too
            check(session, who, device.office_id, op.entity, current, changes)
        version += 1
        session.execute(update(table).where(table.c.id == op.row_id).values(
            **changes, version=version, updated_at=now))
        _record(session, device, op, list(changes), version=version)
    if conflicts:
        _conflicts(session, device, op, current, conflicts, theirs, now)
        return Outcome(op.op_id, "conflict", translate(
            "sync", "Changed on another machine too: {fields}; a supervisor decides.").format(
            fields=", ".join(sorted(conflicts))), version,
            row=_row_message(op.entity, _reread(session, op)))
    return Outcome(op.op_id, "applied", version=version)


def _changed_elsewhere(session: Session, device: Device, op: Op
                       ) -> dict[str, LogEntry]:
    """The newest log entry by another machine that set each field after the op's base."""
    entries = session.scalars(select(LogEntry).where(
        LogEntry.entity == op.entity, LogEntry.row_id == op.row_id,
        LogEntry.version > op.base_version,
        (LogEntry.device_id != device.id) | (LogEntry.device_id.is_(None)))
        .order_by(LogEntry.seq))
    theirs: dict[str, LogEntry] = {}
    for entry in entries:
        for name in entry.fields:
            theirs[name] = entry
    return theirs


def _conflicts(session: Session, device: Device, op: Op, current: dict[str, Any],
               conflicts: dict[str, Any], theirs: dict[str, LogEntry], now: datetime) -> None:
    base_row = session.scalar(select(LogEntry.row).where(
        LogEntry.entity == op.entity, LogEntry.row_id == op.row_id,
        LogEntry.version == op.base_version).order_by(LogEntry.seq.desc()).limit(1)) or {}
    office = office_ids(session, op.entity, [op.row_id]).get(op.row_id)
    rows = []
    for name, their_value in conflicts.items():
        entry = theirs.get(name)
        rows.append({
            "id": uuid.uuid4(), "created_at": now, "updated_at": now, "created_by": op.user_id,
            "version": 1, "entity": op.entity, "row_id": op.row_id, "office_id": office,
            "field": name, "base": base_row.get(name), "ours": op.fields.get(name),
            "theirs": encode(their_value), "ours_user_id": op.user_id, "ours_device": device.name,
            "ours_at": op.created_at, "theirs_user_id": entry.user_id if entry else None,
            "theirs_at": entry.at if entry else current.get("updated_at"), "op_id": op.op_id,
            # JSON null, not SQL NULL: the column holds a JSON value, and null is one
            "resolution": None, "resolved_at": None, "resolved_by": None})
    session.execute(insert(Conflict.__table__), rows)
    write_log(session, "sync_conflicts", [(row["id"], "create", list(row)) for row in rows],
              device_id=None, hlc_stamps=[op.hlc] * len(rows), user_id=op.user_id)


def _record(session: Session, device: Device, op: Op, fields: list[str],
            version: int | None) -> None:
    """The change log entry and audit event of an applied op."""
    write_log(session, op.entity, [(op.row_id, "purge" if version is None else op.action,
                                    fields)], device_id=device.id, hlc_stamps=[op.hlc],
              user_id=op.user_id)
    session.execute(insert(AuditEvent.__table__).values(
        **audit.event_row(session, clock.now(), "purge" if version is None else (
            "create" if op.action == "create" else "update"), op.entity, op.row_id,
            {name: [None, op.fields.get(name)] for name in fields}) | {
            "user_id": op.user_id, "created_by": op.user_id,
            "reason": translate("sync", "synced from {device}").format(device=device.name)}))


def _reread(session: Session, op: Op) -> dict[str, Any] | None:
    table = TABLES[op.entity]
    row = session.execute(select(table).where(table.c.id == op.row_id)).first()
    return dict(row._mapping) if row is not None else None


def _visible_row(session: Session, device: Device, entity: str, row: dict[str, Any] | None
                 ) -> dict[str, Any] | None:
    """The row for the laptop to take, unless it belongs to an office the device may not see."""
    if row is None:
        return None
    office = office_of(session, entity, row)
    if device.office_id is not None and office not in (None, device.office_id):
        return None
    return _row_message(entity, row)


def _row_message(entity: str, row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {name: encode(row[name]) for name in synced_columns(entity)} | {
        "id": str(row["id"]), "version": row["version"]}


def _integrity_reason(error: IntegrityError) -> str:
    text = str(error.orig).splitlines()[0] if error.orig else str(error)
    return translate("sync", "The server's database refused this change ({reason}); a "
                             "reference may already be in use on another laptop.").format(
        reason=text)
