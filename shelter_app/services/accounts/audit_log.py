"""Reading the audit trail: the audit screen's filters and one record's history."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    AuditEvent,
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    LabourEntry,
    Landlord,
    LeaseAgreement,
    MonitoringVisit,
    Office,
    PaymentBatch,
    Photo,
    Timesheet,
    User,
    Worker,
)
from shelter_app.domain.i18n import date_text
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
    "boqs": BoQ.ref,
    "timesheets": Timesheet.ref,
    "payment_batches": PaymentBatch.ref,
}
# ...and the name shown beside the reference of a person
_NAMES: dict[str, Any] = {
    "households": Household.head_name,
    "landlords": Landlord.name,
    "workers": Worker.full_name,
}


def _short(record_id: uuid.UUID) -> str:
    """How a record with nothing else to name it by reads: the start of its id."""
    return str(record_id)[:8]


# Records people know by what they hold, not by a reference: the columns to read (the first is
# the id) and how a row reads ("Ev iç duvarı" for a photo, "GAZ-B-000003-R1 · YAL-01" for a line).
_DESCRIBED: tuple[tuple[Select[Any], Any], ...] = (
    (select(Assessment.id, Assessment.assessed_on), lambda row: date_text(row[1])),
    (select(Photo.id, Photo.caption, Photo.original_name, Photo.taken_at),
     lambda row: row[1] or row[2] or (date_text(row[3].date()) if row[3] else _short(row[0]))),
    (select(BoQLine.id, BoQ.ref, BoQLine.code).join(BoQ, BoQ.id == BoQLine.boq_id),
     lambda row: f"{row[1]} · {row[2]}"),
    (select(MonitoringVisit.id, LeaseAgreement.number, MonitoringVisit.due_on)
     .join(LeaseAgreement, LeaseAgreement.id == MonitoringVisit.agreement_id),
     lambda row: f"{row[1]} · {date_text(row[2])}"),
    (select(LabourEntry.id, Worker.full_name, LabourEntry.work_date)
     .join(Worker, Worker.id == LabourEntry.worker_id),
     lambda row: f"{row[1]} · {date_text(row[2])}"),
)


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


def _linked_ids(events: list[Any]) -> set[uuid.UUID]:
    """The ids a change points to (`household_id: None -> 680f…`), to be named."""
    found: set[uuid.UUID] = set()
    for event, _ in events:
        for field, values in event.changes.items():
            if field.endswith("_id") or field in ("submitted_by", "decided_by"):
                for value in values:
                    try:
                        found.add(uuid.UUID(str(value)))
                    except ValueError:
                        continue
    return found


def _names(session: Session, ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[str, str]]:
    """(reference, "reference name") for each id of a record people name: ("GAZ-H-000012",
    "GAZ-H-000012 Ayşe Demir"), ("GAZ-B-000003", "GAZ-B-000003"); a record without a reference
    reads as what it holds (a day, a caption, a line's code)."""
    names: dict[uuid.UUID, tuple[str, str]] = {}
    for table, column in _REFERENCES.items():
        model = column.class_
        wanted = [found for found in ids if found not in names]
        if not wanted:
            break
        name = _NAMES.get(table)
        columns = (model.id, column, name) if name is not None else (model.id, column)
        for row in session.execute(select(*columns).where(model.id.in_(wanted))):
            names[row[0]] = (row[1], " ".join(str(part) for part in row[1:]))
    for query, text in _DESCRIBED:
        wanted = [found for found in ids if found not in names]
        if not wanted:
            break
        for row in session.execute(query.where(query.selected_columns[0].in_(wanted))):
            names[row[0]] = (text(row),) * 2
    return names


def _named(changes: dict[str, list[Any]], names: dict[uuid.UUID, tuple[str, str]]
           ) -> dict[str, list[Any]]:
    def name(value: Any) -> Any:
        try:
            return names.get(uuid.UUID(str(value)), (value, value))[1]
        except ValueError:
            return value

    return {field: [name(value) for value in values] if field.endswith("_id") or field in (
        "submitted_by", "decided_by") else values for field, values in changes.items()}


def _rows(session: Session, events: list[Any]) -> list[AuditRow]:
    names = _names(session, {event.entity_id for event, _ in events} | _linked_ids(events))
    return [
        AuditRow(event.created_at, username or SYSTEM.username, event.action, event.entity,
                 event.entity_id, names.get(event.entity_id, (_short(event.entity_id),))[0],
                 _named(event.changes, names), event.reason)
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


def case_history(db: Database, actor: Actor, dwelling_id: uuid.UUID,
                 limit: int | None = 500) -> list[AuditRow]:
    """The whole case's history, newest first: the dwelling, its household and landlord, and
    every assessment, photo, BoQ (and line), agreement, visit, timesheet and labour day of it."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        dwelling = session.get(Dwelling, dwelling_id)
        if dwelling is None:
            return []
        agreements = select(LeaseAgreement.id).where(LeaseAgreement.dwelling_id == dwelling_id)
        boqs = select(BoQ.id).where(BoQ.dwelling_id == dwelling_id)
        parts = [
            select(Assessment.id).where(Assessment.dwelling_id == dwelling_id),
            select(Photo.id).where(Photo.dwelling_id == dwelling_id),
            boqs, select(BoQLine.id).where(BoQLine.boq_id.in_(boqs)), agreements,
            select(MonitoringVisit.id).where(MonitoringVisit.agreement_id.in_(agreements)),
            select(Timesheet.id).where(Timesheet.dwelling_id == dwelling_id),
            select(LabourEntry.id).where(LabourEntry.dwelling_id == dwelling_id),
        ]
        own = {dwelling.id, dwelling.household_id, dwelling.landlord_id} - {None}
        query = _query(None, None, None, None).where(or_(
            AuditEvent.entity_id.in_(own), *(AuditEvent.entity_id.in_(part) for part in parts)))
        events = session.execute(query.limit(limit)).all()
        return _rows(session, list(events))
