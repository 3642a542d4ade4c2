"""Everything held on one person, as JSON (KVKK art. 11 access request)."""

import json
import os
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, inspect, select
from sqlalchemy.orm import Session

from shelter_app.data.base import Record
from shelter_app.data.audit import json_value
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    AuditEvent,
    Dwelling,
    HouseholdMember,
    LabourEntry,
    LeaseAgreement,
    MonitoringVisit,
    Photo,
    User,
    Worker,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import (
    UserError,
)
from shelter_app.domain.i18n import translate
from shelter_app.domain.masking import mask_iban
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.privacy.people import PARTIES, Person, PersonKind, kind_of, person_of



def export_person(db: Database, actor: Actor, kind: str, ref: str) -> dict[str, Any]:
    """Everything held on one person and the audit trail of those records, as JSON-ready
    values (KVKK art. 11 access request). The export itself enters the audit trail."""
    require(actor, Action.EXPORT_PERSON_DATA)
    with db.write(actor) as session:
        return _export(session, actor, kind_of(kind), ref)


def write_person_export(db: Database, actor: Actor, kind: str, ref: str,
                        out_path: str | Path) -> dict[str, Any]:
    """`export_person` written to `out_path` as UTF-8 JSON, readable only by its owner where the
    system allows. Written before the transaction commits, so a failed write leaves no
    "export" in the audit trail."""
    require(actor, Action.EXPORT_PERSON_DATA)
    path = Path(out_path)
    with db.write(actor) as session:
        data = _export(session, actor, kind_of(kind), ref)
        _write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return data


def _export(session: Session, actor: Actor, kind: PersonKind, ref: str) -> dict[str, Any]:
    person = person_of(session, actor, kind, ref)
    linked = _linked(session, kind, person)
    masked = _THIRD_PARTY.get(kind, {})
    ids = [person.id] + [record.id for records in linked.values() for record in records]
    users: dict[uuid.UUID | None, str] = dict(
        session.execute(select(User.id, User.username)).all())
    trail = session.scalars(
        select(AuditEvent).where(AuditEvent.entity_id.in_(ids))
        .order_by(AuditEvent.created_at, AuditEvent.id)
    ).all()
    data = {
        "kind": kind.value,
        "ref": person.ref,
        "exported_at": clock.now().isoformat(),
        "exported_by": actor.username,
        "person": _row(person),
        "linked": {table: [_row(record, masked.get(table, ())) for record in records]
                   for table, records in linked.items()},
        "audit_trail": [_event(event, users, masked.get(event.entity, ())) for event in trail],
    }
    session.add(AuditEvent(user_id=actor.user_id, created_by=actor.user_id, action="export",
                           entity=type(person).__tablename__, entity_id=person.id, changes={}))
    return data


# Another person's data on records linked to this kind of person, masked in their export: a
# household's agreements carry the landlord's IBAN.
_THIRD_PARTY: dict[PersonKind, dict[str, tuple[str, ...]]] = {
    PersonKind.HOUSEHOLD: {LeaseAgreement.__tablename__: ("payment_iban",)},
}


def _linked(session: Session, kind: PersonKind, person: Person) -> dict[str, list[Record]]:
    """The records about `person`, by table, soft-deleted ones included: they are still held."""

    def rows(model: type[Record], condition: ColumnElement[bool]) -> list[Record]:
        return list(session.scalars(select(model).where(condition).order_by(model.created_at,
                                                                            model.id)))

    if kind is PersonKind.WORKER:
        return {"labour_entries": rows(LabourEntry, LabourEntry.worker_id == person.id)}
    party = PARTIES[kind]
    dwellings = rows(Dwelling, party.on_dwelling == person.id)
    agreements = rows(LeaseAgreement, party.on_agreement == person.id)
    linked: dict[str, list[Record]] = {
        "dwellings": dwellings,
        "lease_agreements": agreements,
        "monitoring_visits": rows(MonitoringVisit, MonitoringVisit.agreement_id.in_(
            [a.id for a in agreements])),
    }
    if kind is PersonKind.HOUSEHOLD:
        dwelling_ids = [d.id for d in dwellings]
        workers = rows(Worker, Worker.household_id == person.id)
        linked |= {
            "household_members": rows(HouseholdMember, HouseholdMember.household_id == person.id),
            "assessments": rows(Assessment, Assessment.dwelling_id.in_(dwelling_ids)),
            "photos": rows(Photo, Photo.dwelling_id.in_(dwelling_ids)),
            "workers": workers,
            "labour_entries": rows(LabourEntry,
                                   LabourEntry.worker_id.in_([w.id for w in workers])),
        }
    return linked


def _event(event: AuditEvent, users: dict[uuid.UUID | None, str],
           masked: tuple[str, ...]) -> dict[str, Any]:
    return {
        "at": json_value(event.created_at), "by": users.get(event.user_id, "system"),
        "action": event.action, "entity": event.entity, "entity_id": str(event.entity_id),
        "reason": event.reason,
        "changes": {key: [mask_iban(v) for v in pair] if key in masked else pair
                    for key, pair in event.changes.items()},
    }


def _row(record: Record, masked: tuple[str, ...] = ()) -> dict[str, Any]:
    values = {attr.key: json_value(getattr(record, attr.key))
              for attr in inspect(type(record)).column_attrs}
    for key in masked:
        values[key] = mask_iban(values[key])
    return values


def _write_private(path: Path, text: str) -> None:
    """Write atomically (a partial file never appears) with owner-only permissions."""
    part = path.with_name(path.name + ".part")
    try:
        descriptor = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(descriptor, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(part, path)
    except OSError as error:
        part.unlink(missing_ok=True)
        raise UserError(
            translate("privacy", "Cannot write {path}: {error}. Choose a folder you can write "
                                 "to.").format(path=path, error=error.strerror or error),
            field="out_path") from None
