"""Reading the audit trail: the audit screen's filters and one record's history."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    Dwelling,
    Household,
    Landlord,
    LeaseAgreement,
    Office,
    User,
    Worker,
)
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import SYSTEM, Actor, require

# Tables whose records people know by a reference rather than an id.
_REFERENCES: dict[str, Any] = {
    "dwellings": Dwelling.ref,
    "households": Household.ref,
    "landlords": Landlord.ref,
    "workers": Worker.ref,
    "lease_agreements": LeaseAgreement.number,
    "users": User.username,
    "offices": Office.code,
}


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: uuid.UUID
    record: str
    changes: dict[str, list[Any]]
    reason: str | None


def _query(user: str | None, entity_id: uuid.UUID | None, since: datetime | None,
           until: datetime | None) -> Select[tuple[AuditEvent, str | None]]:
    query = (
        select(AuditEvent, User.username)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id)
    )
    if user and user.strip().lower() == SYSTEM.username:
        query = query.where(AuditEvent.user_id.is_(None))
    elif user:
        query = query.where(User.username == user.strip().lower())
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    if since is not None:
        query = query.where(AuditEvent.created_at >= since)
    if until is not None:
        query = query.where(AuditEvent.created_at < until)
    return query


def _rows(session: Session, events: list[Any]) -> list[AuditRow]:
    refs: dict[uuid.UUID, str] = {}
    by_table: dict[str, set[uuid.UUID]] = {}
    for event, _ in events:
        by_table.setdefault(event.entity, set()).add(event.entity_id)
    for table, ids in by_table.items():
        column = _REFERENCES.get(table)
        if column is not None:
            model = column.class_
            refs.update(session.execute(select(model.id, column).where(model.id.in_(ids))).all())
    return [
        AuditRow(event.created_at, username or SYSTEM.username, event.action, event.entity,
                 event.entity_id, refs.get(event.entity_id, str(event.entity_id)[:8]),
                 event.changes, event.reason)
        for event, username in events
    ]


def find_record(db: Database, reference: str) -> uuid.UUID | None:
    """The id of the record a person names by its reference (GAZ-D-000001, a user name...)."""
    typed = reference.strip()
    with db.read() as session:
        for column in _REFERENCES.values():
            for form in dict.fromkeys((typed, typed.upper(), typed.lower())):
                found = session.scalar(select(column.class_.id).where(column == form))
                if found is not None:
                    return found
    return None


def list_events(db: Database, actor: Actor, *, user: str | None = None,
                entity_id: uuid.UUID | None = None, since: datetime | None = None,
                until: datetime | None = None, offset: int = 0,
                limit: int | None = 200) -> list[AuditRow]:
    """The audit screen: newest first, filtered by person, record and time."""
    require(actor, Action.VIEW_AUDIT)
    with db.read() as session:
        events = session.execute(
            _query(user, entity_id, since, until).offset(offset).limit(limit)
        ).all()
        return _rows(session, list(events))


def record_history(db: Database, actor: Actor, entity_id: uuid.UUID) -> list[AuditRow]:
    """One record's history, for anyone who may see the record itself."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        events = session.execute(_query(None, entity_id, None, None)).all()
        return _rows(session, list(events))
