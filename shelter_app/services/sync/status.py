"""What the laptop shows of sync: where it syncs to, when it last did, what waits to go, what
the server refused and why, and how many conflicts wait for a supervisor."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, exists, func, select

from shelter_app.data.base import CONFIRMED_BY
from shelter_app.data.engine import Database
from shelter_app.data.models import Conflict, OutboxOp
from shelter_app.data.outbox import state
from shelter_app.services.sync import links, reasons
from shelter_app.services.sync.record_names import record_labels
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


# What a held change's fields leave out: the bookkeeping the app writes, not the user.
_UNSAID = {CONFIRMED_BY, "created_at", "created_by"}
