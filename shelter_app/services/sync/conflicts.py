"""Conflicts, as a supervisor sees and settles them on any laptop (or on the server itself).

A conflict names one field of one record that two machines changed from the same version:
the base value, ours (the change the server did not apply), theirs (the value it kept), who
made each and when. Settling it writes the chosen value to the record and marks the conflict
resolved, in one transaction; both travel to the server as ordinary changes and from there to
every laptop, so all databases end up holding the same value.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Conflict, User
from shelter_app.data.replication import BadValue, decode, encode, model_for, synced_columns
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, UserError, ValidationError
from shelter_app.domain.i18n import field_text, translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.sync.record_names import record_labels


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    entity: str
    record: str
    field: str
    base: Any
    ours: Any
    theirs: Any
    ours_by: str | None
    ours_device: str | None
    ours_at: datetime | None
    theirs_by: str | None
    theirs_at: datetime | None
    resolved: bool
    resolution: Any


def list_conflicts(db: Database, actor: Actor, *, open_only: bool = True) -> list[ConflictView]:
    """Conflicts of the actor's office (every office for someone of none), newest first."""
    require(actor, Action.APPROVE)
    with db.read() as session:
        query = select(Conflict).where(Conflict.deleted_at.is_(None))
        if open_only:
            query = query.where(Conflict.resolved_at.is_(None))
        if actor.office_id is not None:
            query = query.where(Conflict.office_id == actor.office_id)
        rows = list(session.scalars(query.order_by(Conflict.created_at.desc()).limit(1000)))
        names = dict(session.execute(select(User.id, User.full_name).where(User.id.in_(
            {r.ours_user_id for r in rows} | {r.theirs_user_id for r in rows}))).all())
        labels = record_labels(session, [(r.entity, r.row_id, {}) for r in rows])
        return [ConflictView(
            r.id, r.entity, label, r.field, r.base, r.ours,
            r.theirs, names.get(r.ours_user_id), r.ours_device, r.ours_at,
            names.get(r.theirs_user_id), r.theirs_at, r.resolved_at is not None, r.resolution)
            for r, label in zip(rows, labels, strict=True)]


def resolve(db: Database, actor: Actor, conflict_id: uuid.UUID, value: Any) -> None:
    """Settle a conflict with `value` (in its JSON form: base, ours, theirs or an edit)."""
    require(actor, Action.APPROVE)
    with db.write(actor, reason=translate("sync", "conflict resolved")) as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.deleted_at is not None:
            raise NotFound(translate("sync", "This conflict no longer exists."))
        if conflict.resolved_at is not None:
            raise UserError(translate("sync", "This conflict was already resolved."))
        if actor.office_id is not None and conflict.office_id not in (None, actor.office_id):
            raise UserError(translate("sync", "This conflict belongs to another office."))
        record = session.get(model_for(conflict.entity), conflict.row_id)
        if record is None:
            raise NotFound(translate("sync", "The record of this conflict is no longer on this "
                                             "laptop."))
        column = synced_columns(conflict.entity)[conflict.field]
        try:
            chosen = decode(column, value)
        except BadValue as error:
            raise ValidationError(translate("sync", "{field}: {reason}").format(
                field=field_text(conflict.field), reason=error), field=conflict.field) from None
        if encode(getattr(record, conflict.field)) != encode(chosen):
            setattr(record, conflict.field, chosen)
        conflict.resolved_at = clock.now()
        conflict.resolved_by = actor.user_id
        conflict.resolution = encode(chosen)
