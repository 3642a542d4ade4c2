"""What the laptop shows of sync: where it syncs to, when it last did, what waits to go, what
the server refused and why, and how many conflicts wait for a supervisor."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session

from shelter_app.data.base import CONFIRMED_BY
from shelter_app.data.engine import Database
from shelter_app.data.models import Conflict, Dwelling, LabourEntry, OutboxOp
from shelter_app.data.outbox import state
from shelter_app.data.replication import TABLES
from shelter_app.domain.i18n import date_text, translate
from shelter_app.services.sync import links, reasons
from shelter_app.services.sync.state_keys import (
    LAST_ERROR_KEY,
    LAST_SYNC_KEY,
    NAME_KEY,
    SERVER_KEY,
    TOKEN_KEY,
)


@dataclass(frozen=True)
class HeldOp:
    """A change the server refused or found in conflict: what it was and why."""

    op_id: uuid.UUID
    entity: str
    record: str  # the record's reference when it has one, else its id
    fields: list[str]
    status: str  # refused | conflict
    reason: str | None
    at: datetime


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    device_name: str | None
    last_sync_at: datetime | None
    last_error: str | None
    pending: int
    held: list[HeldOp]
    open_conflicts: int


def sync_status(db: Database, office_id: uuid.UUID | None = None) -> SyncStatus:
    """`office_id`: the open conflicts counted are that office's, the ones its conflicts pages
    list (None: every office's, for someone of none)."""
    with db.read() as session:
        last = state(session, LAST_SYNC_KEY)
        pending = links.pending_count(session)
        # newest change first, by its clock stamp: a held part of a link is written as a row
        # of its own when it is answered, later than changes made after the link
        held_ops = list(session.scalars(select(OutboxOp).where(
            OutboxOp.status != "pending", ~_decided).order_by(
            OutboxOp.hlc.desc(), OutboxOp.seq.desc()).limit(500)))
        labels = record_labels(session, [(op.entity, op.row_id, op.fields) for op in held_ops])
        held = [HeldOp(op.op_id, op.entity, label, _said_fields(op), op.status,
                       reasons.said(op.reason), op.created_at)
                for op, label in zip(held_ops, labels, strict=True)]
        open_ones = select(func.count()).select_from(Conflict).where(
            Conflict.resolved_at.is_(None), Conflict.deleted_at.is_(None))
        if office_id is not None:
            open_ones = open_ones.where(Conflict.office_id == office_id)
        conflicts = session.scalar(open_ones) or 0
        return SyncStatus(
            enrolled=state(session, TOKEN_KEY) is not None,
            server_url=state(session, SERVER_KEY), device_name=state(session, NAME_KEY),
            last_sync_at=datetime.fromisoformat(last) if last else None,
            last_error=state(session, LAST_ERROR_KEY), pending=pending, held=held,
            open_conflicts=conflicts)


# A change in conflict whose every conflict a supervisor has decided (here, or on another
# machine, pulled): it leaves the held list. The op stays, unsent, as it was; the conflicts
# keep what was decided, by whom and when (the conflicts page's record).
_decided = and_(
    OutboxOp.status == "conflict",
    exists().where(Conflict.op_id == OutboxOp.op_id),
    ~exists().where(Conflict.op_id == OutboxOp.op_id, Conflict.resolved_at.is_(None),
                    Conflict.deleted_at.is_(None)))


def _said_fields(op: OutboxOp) -> list[str]:
    """The fields a held change names: not the app's bookkeeping, nor those a new record was
    made without (a new payment batch's "deleted at" and "paid at")."""
    return sorted(name for name, value in op.fields.items()
                  if name not in _UNSAID and not (op.action == "create" and value is None))


def record_labels(session: Session, records: list[tuple[str, uuid.UUID, dict[str, Any]]]
                  ) -> list[str]:
    """How people name each (table, id, values) record: its reference, number, code or user
    name (a labour day: its site and day), else its id; one query per table. A record the
    server refused and this laptop no longer holds is named by the values its op carried."""
    names = _labour_days(session, [(row_id, values) for entity, row_id, values in records
                                   if entity == LabourEntry.__tablename__])
    for entity in {entity for entity, _, _ in records}:
        table = TABLES.get(entity)
        column = next((c for c in _LABELS if table is not None and c in table.c), None)
        if table is None or column is None:
            continue
        ids = [row_id for name, row_id, _ in records if name == entity]
        for start in range(0, len(ids), 500):
            for row_id, value in session.execute(select(table.c.id, table.c[column]).where(
                    table.c.id.in_(ids[start:start + 500]))):
                if value:
                    names[(entity, row_id)] = str(value)
    return [names.get((entity, row_id)) or record_name(values) or str(row_id)
            for entity, row_id, values in records]


def _labour_days(session: Session, days: list[tuple[uuid.UUID, dict[str, Any]]]
                 ) -> dict[tuple[str, uuid.UUID], str]:
    """Labour days by their site and day ("at GAZ-D-000012 on 05/12/2026"): a day has no
    reference, and its id told the user nothing. A day this laptop no longer holds is named
    by the values one of its held changes carried (its making, a move), if they say where
    and when; else it is said to be gone."""
    if not days:
        return {}
    entity = LabourEntry.__tablename__
    ids = [row_id for row_id, _ in days]
    held = {row_id: (dwelling_id, day) for start in range(0, len(ids), 500)
            for row_id, dwelling_id, day in session.execute(
                select(LabourEntry.id, LabourEntry.dwelling_id, LabourEntry.work_date).where(
                    LabourEntry.id.in_(ids[start:start + 500])))}
    for row_id, values in days:
        if row_id not in held and values.get("dwelling_id") and values.get("work_date"):
            held[row_id] = (uuid.UUID(str(values["dwelling_id"])),
                            date.fromisoformat(str(values["work_date"])))
    sites = dict(session.execute(select(Dwelling.id, Dwelling.ref).where(
        Dwelling.id.in_({dwelling_id for dwelling_id, _ in held.values()}))).all())
    left = dict.fromkeys([(entity, row_id) for row_id in ids if row_id not in held],
                         translate("sync", "(no longer on this laptop)"))
    return left | {(entity, row_id): _placed(sites.get(dwelling_id), day)
                   for row_id, (dwelling_id, day) in held.items()}


def _placed(site: str | None, day: date) -> str:
    if site is None:  # a site this laptop does not hold either: its id would tell nothing
        return translate("sync", "on {day}").format(day=date_text(day))
    return translate("sync", "at {site} on {day}").format(site=site, day=date_text(day))


def record_name(values: dict[str, Any]) -> str | None:
    """How people name a record by its values (its reference, number, code, user name, key or
    label), if it has such a name."""
    found = next((values.get(c) for c in _LABELS if values.get(c)), None)
    return str(found) if found else None


_LABELS = ("ref", "number", "code", "username", "key", "label")
# What a held change's fields leave out: the bookkeeping the app writes, not the user.
_UNSAID = {CONFIRMED_BY, "created_at", "created_by"}
