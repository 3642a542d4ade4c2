"""A KVKK erasure reaches every copy this machine keeps, wherever the erasure was made.

The erased records' new values travel as any change does; what sync itself kept of their old
values does not, so each machine clears it when it makes or takes an `Erasure`: unsent changes
of those records (a laptop's outbox: they would bring the old values back), older states in the
change log (the server's), every value of their audit events that is no longer the record's
(the trail keeps who changed which field when, not what was erased), the values of sync
conflicts over an erased field (which side won stays, not the value), the photos and scans the
erasure deleted (unless another record still shows the same file), and SQLite's write-ahead
log, checkpointed so that no page of the old values is left in it.
"""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    Conflict,
    Erasure,
    LeaseAgreement,
    LogEntry,
    OutboxOp,
    Photo,
)
from shelter_app.data.outbox import is_server, log_entry
from shelter_app.data.replication import TABLES, encode
from shelter_app.domain import clock
from shelter_app.services.files import SCAN, remove_stored

SCRUBBED = "***"
# (table, row id, the columns the erasure changed: empty for all, as of a deleted row)
Records = list[tuple[str, uuid.UUID, list[str]]]


def records_of(erasure: Erasure | dict[str, Any]) -> Records:
    raw = erasure.records if isinstance(erasure, Erasure) else erasure.get("records") or []
    return [(entity, uuid.UUID(str(row_id)), list(columns))
            for entity, row_id, columns in raw if entity in TABLES]


def forget_unsent(session: Session, records: Records) -> None:
    """Drop this laptop's changes of `records` not yet taken by the server (any status)."""
    for entity, row_ids in _by_entity(records).items():
        session.execute(delete(OutboxOp).where(OutboxOp.entity == entity,
                                               OutboxOp.row_id.in_(row_ids)))


def clear_trail(session: Session, records: Records) -> None:
    """Scrub the audit events of `records` of every value of an erased column that the record
    no longer holds, and on the server replace their older states in the change log by the
    newest."""
    erased = {(entity, row_id): set(columns) for entity, row_id, columns in records}
    for entity, row_ids in _by_entity(records).items():
        table = TABLES[entity]
        current = {row.id: dict(row._mapping) for row in session.execute(
            select(table).where(table.c.id.in_(row_ids)))}
        for event_id, row_id, changes in session.execute(
                select(AuditEvent.id, AuditEvent.entity_id, AuditEvent.changes).where(
                    AuditEvent.entity == entity, AuditEvent.entity_id.in_(row_ids))):
            row, columns = current.get(row_id), erased[(entity, row_id)]
            clean = {key: [_kept(value, row, key) for value in pair]
                     if not columns or key in columns else pair
                     for key, pair in (changes or {}).items()}
            if clean != changes:
                session.execute(update(AuditEvent).where(AuditEvent.id == event_id)
                                .values(changes=clean, updated_at=clock.now()))
        _scrub_conflicts(session, entity, current, erased)
        if is_server(session):
            _newest_only(session, entity, row_ids)


_CONFLICT_VALUES = ("base", "ours", "theirs", "resolution")


def _scrub_conflicts(session: Session, entity: str, current: dict[uuid.UUID, dict[str, Any]],
                     erased: dict[tuple[str, uuid.UUID], set[str]]) -> None:
    """Scrub the values of the conflicts over an erased column of `entity` (those the record
    no longer holds); on the server, every logged state of such a conflict becomes the
    scrubbed one, so that no pull brings the old values back."""
    table = Conflict.__table__
    for conflict in session.execute(select(table).where(
            table.c.entity == entity, table.c.row_id.in_([r for e, r in erased if e == entity]))
            ).mappings().all():
        columns = erased[(entity, conflict["row_id"])]
        if columns and conflict["field"] not in columns:
            continue
        row = current.get(conflict["row_id"])
        clean = {name: _kept(conflict[name], row, conflict["field"])
                 for name in _CONFLICT_VALUES}
        if all(clean[name] == conflict[name] for name in _CONFLICT_VALUES):
            continue
        session.execute(update(table).where(table.c.id == conflict["id"])
                        .values(clean | {"updated_at": clock.now()}))
        if is_server(session):
            logged = log_entry(Conflict.__tablename__, conflict["id"], (),
                               dict(conflict) | clean, conflict["office_id"], device_id=None,
                               user_id=None, stamp=None, now=clock.now())["row"]
            session.execute(update(LogEntry).where(
                LogEntry.entity == Conflict.__tablename__,
                LogEntry.row_id == conflict["id"]).values(row=logged))


def _kept(value: Any, row: dict[str, Any] | None, key: str) -> Any:
    if not isinstance(value, str) or not value:
        return value
    if row is not None and key in row and encode(row[key]) == value:
        return value
    return SCRUBBED


def _newest_only(session: Session, entity: str, row_ids: list[uuid.UUID]) -> None:
    for row_id in row_ids:
        newest = session.execute(select(LogEntry.seq, LogEntry.row).where(
            LogEntry.entity == entity, LogEntry.row_id == row_id)
            .order_by(LogEntry.seq.desc()).limit(1)).first()
        if newest is not None:
            session.execute(update(LogEntry).where(
                LogEntry.entity == entity, LogEntry.row_id == row_id,
                LogEntry.seq < newest.seq).values(row=newest.row))


def taking(session: Session, entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Before a laptop applies pulled `entries`: the erasures among them, their records' unsent
    changes dropped (else the laptop would keep its own old values over the server's)."""
    erased = [entry["row"] for entry in entries
              if entry.get("entity") == Erasure.__tablename__ and entry.get("row")]
    for erasure in erased:
        forget_unsent(session, records_of(erasure))
    return erased


def taken(session: Session, erased: list[dict[str, Any]]) -> None:
    """After the entries of `taking` are applied, in the same transaction."""
    for erasure in erased:
        clear_trail(session, records_of(erasure))


def settle_pushed(db: Database, erasure_ids: list[uuid.UUID]) -> None:
    """On the server, after erasures pushed by a laptop were applied."""
    if not erasure_ids:
        return
    with db.write() as session:
        erasures = list(session.scalars(select(Erasure).where(Erasure.id.in_(erasure_ids))))
        for erasure in erasures:
            clear_trail(session, records_of(erasure))
        files = [tuple(f) for erasure in erasures for f in erasure.files]
    finish(db, files)


def finish(db: Database, files: Iterable[Any]) -> None:
    """After the transaction: delete the erased files no record still shows, and empty the
    SQLite write-ahead log (its frames still hold the pages as they were)."""
    with db.read() as session:
        for kind, sha in files:
            if kind == SCAN:
                used = session.scalar(select(LeaseAgreement.id).where(
                    LeaseAgreement.signed_scan_sha256 == sha).limit(1))
            else:
                used = session.scalar(select(Photo.id).where(Photo.sha256 == sha).limit(1))
            if used is None:
                remove_stored(db, kind, sha)
    if db.is_sqlite:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _by_entity(records: Records) -> dict[str, list[uuid.UUID]]:
    out: dict[str, list[uuid.UUID]] = {}
    for entity, row_id, _ in records:
        out.setdefault(entity, []).append(row_id)
    return out
