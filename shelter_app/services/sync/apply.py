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

A batch of a thousand ops cannot afford a dozen queries per op: it is decided in segments in
which no row is changed twice. A segment's rows, their parents, the authors and the log entries
since each op's base are read in a few queries (`rows.Rows`), each op is decided in memory by
the same rules, in order, seeing the decisions before it, and the segment is written with one
statement per table and kind. A segment the database refuses (a reference another laptop took,
a parent that does not exist) is undone and decided again op by op, each in its own savepoint,
so that one bad op never sinks the others.
"""

import logging
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from sqlalchemy import Numeric, delete, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from shelter_app.data import totals
from shelter_app.data.base import CONFIRMED_BY
from shelter_app.data.bulk import among, insert_columns, pipelined, update_rows
from shelter_app.data.engine import Database
from shelter_app.data.models import AppliedOp, AuditEvent, Conflict, Device, LogEntry
from shelter_app.data.outbox import insert_log, lock_log, log_head
from shelter_app.data.replication import (
    TABLES,
    BadValue,
    decode,
    encode,
    synced_columns,
)
from shelter_app.data.totals_touched import Touched, moves_totals
from shelter_app.domain import clock
from shelter_app.domain.i18n import field_text, fields_text, table_text, translate
from shelter_app.services.cases.duplicate_ids import ID_COLUMNS
from shelter_app.services.sync import reasons
from shelter_app.services.sync.protocol import Op
from shelter_app.services.sync.rows import Row, Rows
from shelter_app.services.sync.rules import (
    Refused,
    author,
    check,
    check_duplicate_ids,
    office_of,
)

log = logging.getLogger(__name__)
_CHUNK = 1_000


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
                "reason_key": reasons.key_of(self.reason), "version": self.version,
                "row": self.row}


@dataclass
class _Decision:
    """What one op does, decided in memory and written with its segment."""

    op: Op
    outcome: Outcome
    current: Row | None  # the row before the op
    after: Row | None = None  # an updated row as the database stores it (read back if None)
    write: str | None = None  # insert | update | delete
    values: dict[str, Any] = field(default_factory=dict)  # what the statement sets
    fields: list[str] = field(default_factory=list)  # the fields logged as changed
    office: uuid.UUID | None = None  # of the row after the op
    conflicts: list[dict[str, Any]] = field(default_factory=list)  # sync_conflicts rows


def apply_batch(db: Database, device: Device, ops: Sequence[Op]) -> list[Outcome]:
    """Apply `ops` from `device` in one transaction and return one outcome per op."""
    with db.write() as session:
        lock_log(session)  # before any read: a concurrent push commits first, then we read
        done = {row.op_id: row for row in session.scalars(select(AppliedOp).where(among(
            session.connection(), AppliedOp.op_id, [op.op_id for op in ops])))}
        outcomes: dict[uuid.UUID, Outcome] = {}
        segment: list[Op] = []
        touched: set[tuple[str, uuid.UUID]] = set()
        for op in ops:
            if op.op_id in done or (op.entity, op.row_id) in touched:
                _apply_segment(session, device, segment, outcomes)
                segment, touched = [], set()
            if op.op_id in done:
                outcomes[op.op_id] = _replay(session, device, op, done[op.op_id])
            else:
                segment.append(op)
                touched.add((op.entity, op.row_id))
        _apply_segment(session, device, segment, outcomes)
        session.execute(update(Device.__table__).where(Device.__table__.c.id == device.id)
                        .values(last_seen_at=clock.now()))
        return [outcomes[op.op_id] for op in ops]


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
        rows = Rows(session)
        row = _visible_row(rows, device, op.entity, rows.get(op.entity, op.row_id))
    return Outcome(op.op_id, old.status, reasons.said(old.reason), old.version, row)


def _apply_segment(session: Session, device: Device, ops: list[Op],
                   outcomes: dict[uuid.UUID, Outcome]) -> None:
    """Decide and write `ops`, no two of which change the same row."""
    if not ops:
        return
    rows = Rows(session)
    _read_ahead(rows, ops)
    theirs = _changed_elsewhere(session, device, rows, ops)
    decisions = [_decide_op(session, rows, device, op, theirs.get(op.op_id, {})) for op in ops]
    try:
        with session.begin_nested():
            _write(session, device, decisions)
    except (IntegrityError, DataError) as error:  # the database's own refusal, never a crash
        if len(ops) > 1:
            for op in ops:
                _apply_segment(session, device, [op], outcomes)
            return
        [decision] = decisions
        decision.outcome = Outcome(decision.op.op_id, "refused", _integrity_reason(error),
                                   row=_visible_row(rows, device, decision.op.entity,
                                                    decision.current))
    insert_columns(session.connection(), AppliedOp.__table__, {
        "op_id": [d.op.op_id for d in decisions],
        "status": [d.outcome.status for d in decisions],
        "reason": [reasons.stored(d.outcome.reason) for d in decisions],
        "version": [d.outcome.version for d in decisions]},
        {"device_id": device.id, "received_at": clock.now()})
    for decision in decisions:
        op = decision.op
        if decision.outcome.status == "refused":
            log.warning("refused op %s (%s %s) from device %s: %s", op.op_id, op.entity,
                        op.row_id, device.name, decision.outcome.reason)
        outcomes[op.op_id] = decision.outcome


def _read_ahead(rows: Rows, ops: list[Op]) -> None:
    """Read in bulk what deciding `ops` reads: their rows, authors, parents and offices."""
    by_entity: dict[str, list[Op]] = {}
    for op in ops:
        by_entity.setdefault(op.entity, []).append(op)
    rows.load("users", {op.user_id for op in ops})
    rows.id_carriers({number for op in ops for column in ID_COLUMNS.get(op.entity, ())
                      if isinstance(number := op.fields.get(column), str) and number})
    for entity, group in by_entity.items():
        rows.load(entity, [op.row_id for op in group])
        current = [rows.get(entity, op.row_id) for op in group]
        rows.load_parents(entity, [row for row in current if row is not None]
                          + [op.fields for op in group])


def _changed_elsewhere(session: Session, device: Device, rows: Rows, ops: list[Op]
                       ) -> dict[uuid.UUID, dict[str, Any]]:
    """For each op editing an existing row: the newest log entry by another machine that set
    each field after the op's base version."""
    edits: dict[str, dict[uuid.UUID, Op]] = {}
    for op in ops:  # a row still at the op's base version was changed by no one since
        if op.action != "purge" and (row := rows.get(op.entity, op.row_id)) is not None \
                and row["version"] > op.base_version:
            edits.setdefault(op.entity, {})[op.row_id] = op
    theirs: dict[uuid.UUID, dict[str, Any]] = {}
    for entity, by_row in edits.items():
        ids = list(by_row)
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            entries = session.execute(select(
                LogEntry.row_id, LogEntry.version, LogEntry.fields, LogEntry.user_id,
                LogEntry.at).where(
                LogEntry.entity == entity, among(session.connection(), LogEntry.row_id, chunk),
                LogEntry.version > min(by_row[row_id].base_version for row_id in chunk),
                (LogEntry.device_id != device.id) | (LogEntry.device_id.is_(None)))
                .order_by(LogEntry.seq))
            for entry in entries:
                op = by_row[entry.row_id]
                if entry.version > op.base_version:
                    for name in entry.fields:
                        theirs.setdefault(op.op_id, {})[name] = entry
    return theirs


def _decide_op(session: Session, rows: Rows, device: Device, op: Op,
               theirs: dict[str, Any]) -> _Decision:
    current = rows.get(op.entity, op.row_id)
    try:
        return _decide(session, rows, device, op, current, theirs)
    except Refused as refusal:
        return _Decision(op, Outcome(op.op_id, "refused", refusal.message,
                                     row=_visible_row(rows, device, op.entity, current)), current)


def _decide(session: Session, rows: Rows, device: Device, op: Op, current: Row | None,
            theirs: dict[str, Any]) -> _Decision:
    table = TABLES[op.entity]
    columns = synced_columns(op.entity)
    changes = {}
    confirmed_by = op.fields.get(CONFIRMED_BY)
    for name, value in op.fields.items():
        if name == CONFIRMED_BY:
            continue
        try:
            changes[name] = decode(columns[name], value)
        except BadValue as error:
            raise Refused(translate("sync", "{table}, {field}: {reason}").format(
                table=table_text(op.entity), field=field_text(name), reason=error.args[0])) from None
    who = author(rows, op.user_id)
    now = clock.now()
    if op.action == "purge":
        check(rows, who, device.office_id, op.entity, current, {"deleted_at": now})
        if current is None:
            return _Decision(op, Outcome(op.op_id, "applied"), current)
        rows.put(op.entity, op.row_id, None)
        return _Decision(op, Outcome(op.op_id, "applied"), current, write="delete")
    if current is None:
        if op.action != "create":
            raise Refused(translate("sync", "The server has no such {table} record; it may have "
                                            "been erased.").format(table=table_text(op.entity)))
        missing = [name for name, column in columns.items() if name not in changes
                   and not column.nullable and column.default is None and name != "version"]
        if missing:
            raise Refused(translate("sync", "{table}: the new record lacks {fields}.").format(
                table=table_text(op.entity), fields=fields_text(missing)))
        check(rows, who, device.office_id, op.entity, None, changes, made_at=op.created_at)
        values = {name: column.default.arg for name, column in columns.items()
                  if name not in changes and column.default is not None
                  and column.default.is_scalar} | changes | {
            "version": 1, "updated_at": now, "created_at": changes.get("created_at") or now}
        after = dict.fromkeys(table.c.keys()) | values | {"id": op.row_id}
        check_duplicate_ids(rows, who, op.entity, None, after, confirmed_by)
        rows.put(op.entity, op.row_id, after)
        return _Decision(op, Outcome(op.op_id, "applied", version=1), current, write="insert",
                         values=values, fields=list(changes),
                         office=office_of(rows, op.entity, after))
    # the op as sent: who may not make it is refused, never turned into a conflict that
    # records (and answers with) a row of another office
    office = check(rows, who, device.office_id, op.entity, current, changes)
    sent = dict(changes)
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
        if encode(changes[name]) == encode(current[name]):
            del changes[name]  # already so: nothing to write
        elif name in theirs:
            conflicts[name] = current[name]
            del changes[name]
    version = current["version"]
    after = current
    if not changes:
        decision = _Decision(op, Outcome(op.op_id, "applied", version=version), current)
    else:
        if changes != sent:  # what is left after the conflicts must pass on its own too
            office = check(rows, who, device.office_id, op.entity, current, changes)
        version += 1
        values = changes | {"version": version, "updated_at": now}
        after = current | values
        check_duplicate_ids(rows, who, op.entity, current, after, confirmed_by)
        rows.put(op.entity, op.row_id, after)
        stored = _as_stored(op.entity, values)
        decision = _Decision(
            op, Outcome(op.op_id, "applied", version=version), current,
            # SQLite: read back (_write), it stores a NUMERIC as a float and gives back that
            # float's digits
            after=(after if stored is values else current | stored) if rows.postgres else None,
            write="update", values=values, fields=list(changes),
            office=office)  # check's: the office path holds no version or updated_at
    if conflicts:
        decision.conflicts = _conflicts(session, rows, device, op, current, after, conflicts,
                                        theirs, now)
        # the row goes with the answer once written (_write)
        decision.outcome = Outcome(op.op_id, "conflict", translate(
            "sync", "Changed on another machine too: {fields}; a supervisor decides.").format(
            fields=fields_text(sorted(conflicts))), version)
    return decision


def _conflicts(session: Session, rows: Rows, device: Device, op: Op, current: Row, after: Row,
               conflicts: dict[str, Any], theirs: dict[str, Any], now: datetime
               ) -> list[dict[str, Any]]:
    base_row = session.scalar(select(LogEntry.row).where(
        LogEntry.entity == op.entity, LogEntry.row_id == op.row_id,
        LogEntry.version == op.base_version).order_by(LogEntry.seq.desc()).limit(1)) or {}
    office = office_of(rows, op.entity, after)
    out = []
    for name, their_value in conflicts.items():
        entry = theirs.get(name)
        out.append({
            "id": uuid.uuid4(), "created_at": now, "updated_at": now, "created_by": op.user_id,
            "version": 1, "entity": op.entity, "row_id": op.row_id, "office_id": office,
            "field": name, "base": base_row.get(name), "ours": op.fields.get(name),
            "theirs": encode(their_value), "ours_user_id": op.user_id, "ours_device": device.name,
            "ours_at": op.created_at, "theirs_user_id": entry.user_id if entry else None,
            "theirs_at": entry.at if entry else current.get("updated_at"), "op_id": op.op_id,
            # JSON null, not SQL NULL: the column holds a JSON value, and null is one
            "resolution": None, "resolved_at": None, "resolved_by": None})
    return out


def _write(session: Session, device: Device, decisions: list[_Decision]) -> None:
    """Write a segment's decisions: rows (parents first), conflicts, then the change log
    entries and audit events of the rows as the database now holds them. A segment that need
    not read back what it wrote (PostgreSQL's updates: their rows are known) sends its writes
    pipelined, so the database updates the rows while the log and audit rows are made."""
    connection = session.connection()
    conflicts = [row for d in decisions for row in d.conflicts]
    written: dict[str, list[uuid.UUID]] = {Conflict.__tablename__: [c["id"] for c in conflicts]}
    for d in decisions:
        if d.write == "insert" or (d.write == "update" and d.after is None):
            written.setdefault(d.op.entity, []).append(d.op.row_id)
    read_back = any(written.values())
    with nullcontext() if read_back else pipelined(connection):
        _write_rows(connection, decisions, conflicts)
        stored = _stored(session, written) if read_back else {}
        for d in decisions:
            if d.after is not None:
                stored.setdefault(d.op.entity, {})[d.op.row_id] = d.after
        _write_log(connection, device, decisions, stored)
    touched = Touched()  # the totals the report reads, from the rows before and after
    for d in decisions:
        if d.write is not None and (d.write != "update" or moves_totals(d.op.entity,
                                                                               d.fields)):
            touched.note(d.op.entity, d.op.row_id, d.current)
            touched.note(d.op.entity, d.op.row_id, stored.get(d.op.entity, {}).get(d.op.row_id))
    totals.refresh(session, touched)


def _write_rows(connection: Connection, decisions: list[_Decision],
                conflicts: list[dict[str, Any]]) -> None:
    """INSERT, UPDATE and DELETE the decided rows, one statement per table and kind, and
    INSERT the conflicts."""
    inserts: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = {}
    updates: dict[str, dict[frozenset[str], list[dict[str, Any]]]] = {}
    deletes: dict[str, list[uuid.UUID]] = {}
    for d in decisions:
        entity, row_id = d.op.entity, d.op.row_id
        if d.write == "insert":
            inserts.setdefault(entity, {}).setdefault(frozenset(d.values), []).append(
                d.values | {"id": row_id})
        elif d.write == "update":
            updates.setdefault(entity, {}).setdefault(frozenset(d.values), []).append(
                d.values | {"_id": row_id})
        elif d.write == "delete":
            deletes.setdefault(entity, []).append(row_id)
    for entity, table in TABLES.items():  # parents first
        for group in inserts.get(entity, {}).values():
            connection.execute(insert(table), group)
    for entity, table in TABLES.items():
        for group in updates.get(entity, {}).values():
            update_rows(connection, table, group)
    for entity, table in reversed(TABLES.items()):  # children first
        if entity in deletes:
            connection.execute(delete(table).where(table.c.id.in_(deletes[entity])))
    if conflicts:
        connection.execute(insert(Conflict.__table__), conflicts)


def _write_log(connection: Connection, device: Device, decisions: list[_Decision],
               stored: dict[str, dict[uuid.UUID, Row]]) -> None:
    """The change log entries and audit events of the written rows (`stored`: as the database
    now holds them), and the rows that go with a conflict's answer."""
    now = clock.now()
    reason = translate("sync", "synced from {device}").format(device=device.name)
    entries = []
    events: dict[str, list[Any]] = {"action": [], "entity": [], "entity_id": [], "user_id": [],
                                    "changes": []}
    for d in decisions:
        op = d.op
        if d.write is not None:
            entries.append(log_head(op.entity, op.row_id, d.fields, d.office,
                                    device_id=device.id, user_id=op.user_id, stamp=op.hlc,
                                    now=now))
            events["action"].append("purge" if d.write == "delete" else (
                "create" if op.action == "create" else "update"))
            events["entity"].append(op.entity)
            events["entity_id"].append(op.row_id)
            events["user_id"].append(op.user_id)
            events["changes"].append({name: [None, op.fields.get(name)] for name in d.fields})
        for conflict in d.conflicts:
            entries.append(log_head(
                Conflict.__tablename__, conflict["id"], list(conflict), conflict["office_id"],
                device_id=None, user_id=op.user_id, stamp=op.hlc, now=now))
        if d.conflicts:
            row = stored.get(op.entity, {}).get(op.row_id, d.current)
            d.outcome = replace(d.outcome, row=_row_message(op.entity, row))
    insert_log(connection, entries, [stored.get(entry["entity"], {}).get(entry["row_id"])
                                     for entry in entries])
    insert_columns(connection, AuditEvent.__table__, events | {"created_by": events["user_id"]},
                   {"created_at": now, "updated_at": now, "version": 1, "reason": reason})


def _stored(session: Session, ids: dict[str, list[uuid.UUID]]
            ) -> dict[str, dict[uuid.UUID, Row]]:
    """The rows of `ids` as the database holds them now (the change log sends these)."""
    rows = Rows(session)
    for entity, row_ids in ids.items():
        rows.load(entity, row_ids)
    return {entity: {row_id: row for row_id in row_ids
                     if (row := rows.get(entity, row_id)) is not None}
            for entity, row_ids in ids.items()}


def _as_stored(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """`values` as the database gives them back: a number to its column's scale (1 is 1.0 in
    a NUMERIC(2, 1)); every other decoded value reads back as it was written."""
    scales = _scales(entity)
    if scales.keys().isdisjoint(values):
        return values
    return {name: value.quantize(scales[name], ROUND_HALF_UP)
            if name in scales and isinstance(value, Decimal) else value
            for name, value in values.items()}


@cache
def _scales(entity: str) -> dict[str, Decimal]:
    return {name: Decimal(1).scaleb(-column.type.scale)
            for name, column in synced_columns(entity).items()
            if isinstance(column.type, Numeric) and isinstance(column.type.scale, int)}


def _visible_row(rows: Rows, device: Device, entity: str, row: Row | None
                 ) -> dict[str, Any] | None:
    """The row for the laptop to take, unless it belongs to an office the device may not see."""
    if row is None:
        return None
    office = office_of(rows, entity, row)
    if device.office_id is not None and office not in (None, device.office_id):
        return None
    return _row_message(entity, row)


def _row_message(entity: str, row: Row | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {name: encode(row[name]) for name in synced_columns(entity)} | {
        "id": str(row["id"]), "version": row["version"]}


def _integrity_reason(error: IntegrityError | DataError) -> str:
    text = str(error.orig).splitlines()[0] if error.orig else str(error)
    return translate("sync", "The server's database refused this change ({reason}); a "
                             "reference may already be in use on another laptop.").format(
        reason=text)
