"""Personal data under KVKK (Law 6698): IDs and IBANs shown by role, consent, the export of
everything held on one person, pseudonymisation after the retention period, and the list of
people due for it.

Households, landlords and workers are the data subjects. Pseudonymisation rather than deletion:
the dwelling, agreements, labour days and payments stay, so programme figures and paid amounts
still reconcile, but nothing left names the person.
"""

import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, exists, func, inspect, null, or_, select, update
from sqlalchemy.orm import Session

from shelter_app.data.base import REASON_KEY, Record
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    AuditEvent,
    BoQ,
    Dwelling,
    Erasure,
    Household,
    HouseholdMember,
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
from shelter_app.domain import clock
from shelter_app.domain.errors import (
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.iban import format_iban
from shelter_app.domain.masking import mask_iban, mask_id
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, BatchStatus
from shelter_app.services import erased_copies
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.settings import setting
from shelter_app.services.cases.dwellings import reindex

# Stored in place of a name. Not translated: it is data, the same in every language.
PSEUDONYM = "Pseudonymised {ref}"
# What replaces an erased value in the audit trail.
SCRUBBED = "***"
# Agreements being prepared or in force: the parties' data is still needed to perform them.
OPEN_AGREEMENTS = (AgreementStatus.DRAFT, AgreementStatus.PRINTED, AgreementStatus.SIGNED,
                   AgreementStatus.ACTIVE)


class PersonKind(StrEnum):
    HOUSEHOLD = "household"
    LANDLORD = "landlord"
    WORKER = "worker"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]()


_KIND_LABELS = {
    PersonKind.HOUSEHOLD: lambda: translate("privacy", "household"),
    PersonKind.LANDLORD: lambda: translate("privacy", "landlord"),
    PersonKind.WORKER: lambda: translate("privacy", "worker"),
}
Person = Household | Landlord | Worker
_MODELS: dict[PersonKind, type[Person]] = {
    PersonKind.HOUSEHOLD: Household, PersonKind.LANDLORD: Landlord, PersonKind.WORKER: Worker,
}


@dataclass(frozen=True)
class _Party:
    """How a party to agreements is linked: its name, and the columns that point at it."""

    model: type[Household] | type[Landlord]
    name: Any
    on_agreement: Any
    on_dwelling: Any


_PARTIES = {
    PersonKind.HOUSEHOLD: _Party(Household, Household.head_name, LeaseAgreement.household_id,
                                 Dwelling.household_id),
    PersonKind.LANDLORD: _Party(Landlord, Landlord.name, LeaseAgreement.landlord_id,
                                Dwelling.landlord_id),
}


# --- shown by role ---------------------------------------------------------------------------


def shown_id(actor: Actor, value: str | None) -> str:
    """An ID number as this actor may see it: clear with VIEW_PERSONAL_IDS, else masked."""
    if not value:
        return ""
    return value if actor.can(Action.VIEW_PERSONAL_IDS) else mask_id(value)


def shown_iban(actor: Actor, value: str | None) -> str:
    """An IBAN grouped by four, clear with VIEW_PERSONAL_IDS, else masked."""
    if not value:
        return ""
    return format_iban(value) if actor.can(Action.VIEW_PERSONAL_IDS) else mask_iban(value)


# --- consent ---------------------------------------------------------------------------------


def record_consent(db: Database, actor: Actor, household_ref: str, given_on: date) -> None:
    """Record the day the household head consented to the processing of their data."""
    require(actor, Action.EDIT_CASES)
    if given_on > clock.today():
        raise ValidationError(
            translate("privacy", "The consent date {day} is in the future; enter the day the "
                                 "consent form was signed.").format(day=date_text(given_on)),
            field="consent_on")
    with db.write(actor) as session:
        household = _person(session, actor, PersonKind.HOUSEHOLD, household_ref)
        assert isinstance(household, Household)
        household.consent_at = datetime.combine(given_on, time(), UTC)


# --- export ----------------------------------------------------------------------------------


def export_person(db: Database, actor: Actor, kind: str, ref: str) -> dict[str, Any]:
    """Everything held on one person and the audit trail of those records, as JSON-ready
    values (KVKK art. 11 access request). The export itself enters the audit trail."""
    require(actor, Action.EXPORT_PERSON_DATA)
    with db.write(actor) as session:
        return _export(session, actor, _kind(kind), ref)


def write_person_export(db: Database, actor: Actor, kind: str, ref: str,
                        out_path: str | Path) -> dict[str, Any]:
    """`export_person` written to `out_path` as UTF-8 JSON, readable only by its owner where the
    system allows. Written before the transaction commits, so a failed write leaves no
    "export" in the audit trail."""
    require(actor, Action.EXPORT_PERSON_DATA)
    path = Path(out_path)
    with db.write(actor) as session:
        data = _export(session, actor, _kind(kind), ref)
        _write_private(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return data


def _export(session: Session, actor: Actor, kind: PersonKind, ref: str) -> dict[str, Any]:
    person = _person(session, actor, kind, ref)
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
    party = _PARTIES[kind]
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
        "at": _plain(event.created_at), "by": users.get(event.user_id, "system"),
        "action": event.action, "entity": event.entity, "entity_id": str(event.entity_id),
        "reason": event.reason,
        "changes": {key: [mask_iban(v) for v in pair] if key in masked else pair
                    for key, pair in event.changes.items()},
    }


def _row(record: Record, masked: tuple[str, ...] = ()) -> dict[str, Any]:
    values = {attr.key: _plain(getattr(record, attr.key))
              for attr in inspect(type(record)).column_attrs}
    for key in masked:
        values[key] = mask_iban(values[key])
    return values


def _plain(value: Any) -> Any:
    """A JSON value: Decimal as a string (no float rounding), dates ISO, enums by value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


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


# --- pseudonymisation ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pseudonymised:
    """What `pseudonymise_person` changed, for the confirmation message."""

    kind: PersonKind
    ref: str
    name: str
    people: int
    dwellings: int
    audit_events: int


class ErasureReason(StrEnum):
    """Why a person's data is erased. A code rather than free text: a reason typed freely is
    where a user writes the person's name ("Ayşe Yılmaz asked by phone"), and the erasure
    record travels to every machine and stays; a note may go beside it, scrubbed."""

    RETENTION_ENDED = "retention_ended"
    PERSON_ASKED = "person_asked"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    NOT_NEEDED = "not_needed"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _REASON_LABELS[self]()


_REASON_LABELS = {
    ErasureReason.RETENTION_ENDED: lambda: translate("privacy", "the retention period ended"),
    ErasureReason.PERSON_ASKED: lambda: translate("privacy", "the person asked for erasure"),
    ErasureReason.CONSENT_WITHDRAWN: lambda: translate("privacy", "consent was withdrawn"),
    ErasureReason.NOT_NEEDED: lambda: translate("privacy", "the data is no longer needed"),
    ErasureReason.OTHER: lambda: translate("privacy", "other (see the note)"),
}
MAX_NOTE = 500
# Numbers long enough to be an ID, a phone or an account: never kept in an erasure's note.
_LONG_NUMBER = re.compile(r"\+?\d[\d \-]{5,}\d")


def _erasure_reason(reason: str, note: str) -> tuple[ErasureReason, str]:
    """The reason's code and the note, checked (the note is scrubbed once the person is
    known)."""
    try:
        code = ErasureReason(reason.strip())
    except ValueError:
        raise ValidationError(translate(
            "privacy", "Choose the reason for erasing this person's data: {choices}.").format(
            choices=", ".join(f"{r.value} ({r.label})" for r in ErasureReason)),
            field="reason") from None
    note = note.strip()
    if code is ErasureReason.OTHER and not note:
        raise ValidationError(translate(
            "privacy", "With the reason \"other\", write a short note saying why (the person's "
                       "name and numbers are left out of it)."), field="note")
    if len(note) > MAX_NOTE:
        raise ValidationError(translate(
            "privacy", "The note has {count} characters; shorten it to {limit}.").format(
            count=len(note), limit=MAX_NOTE), field="note")
    return code, note


def _scrubbed(text: str, terms: list[str]) -> str:
    """`text` without the person's name and numbers, nor any long number."""
    for term in terms:
        text = re.sub(re.escape(term), SCRUBBED, text, flags=re.IGNORECASE)
    return _LONG_NUMBER.sub(SCRUBBED, text)


def pseudonymise_person(db: Database, actor: Actor, kind: str, ref: str,
                        reason: str, note: str = "") -> Pseudonymised:
    """Replace a person's identifying data with neutral values, keeping the record and its facts.

    A household takes its workers with it (they are its members, kept for its case); a landlord's
    IBAN is also removed from their agreements. Refused while an agreement is open or labour
    days are unpaid, as the data is then still needed to perform them. Dwelling addresses stay:
    they are the programme's sites, and without a name they no longer point at the person.

    Earlier audit events of these records still hold the old values, so those values are
    replaced there by "***" (the trail keeps who changed which field when, not the erased
    content). This rewrites history on purpose: KVKK erasure must reach every copy we control;
    the event of this action records the actor and `reason` (an ErasureReason value) with
    `note`, scrubbed of the person's name and numbers. Backups keep old values until they are
    rotated out.
    """
    require(actor, Action.ERASE_PERSON)
    person_kind = _kind(kind)
    code, note = _erasure_reason(reason, note)
    with db.write(actor, reason=code.label) as session:
        person = _person(session, actor, person_kind, ref)
        people: list[Person] = [person]
        if isinstance(person, Household):
            people += session.scalars(select(Worker).where(Worker.household_id == person.id))
        _refuse_open_work(session, person_kind, person, people)
        note = _scrubbed(note, _terms(people))
        if note:
            session.info[REASON_KEY] = f"{code.label}: {note}"
        reached, files = _reached(session, person_kind, person, people)
        erased_copies.forget_unsent(session, reached)  # they would bring the old values back
        session.add(Erasure(office_id=_office_of(session, person), reason_code=code.value,
                            reason=note,
                            records=[[entity, str(row_id), columns]
                                     for entity, row_id, columns in reached],
                            files=[list(f) for f in files]))
        session.flush()  # the erasure travels before the changes it explains
        _erase_files_and_text(session, person_kind, person, people)
        records: list[Record] = list(people)
        if isinstance(person, Household):  # the members register goes with its household
            records += session.scalars(select(HouseholdMember).where(
                HouseholdMember.household_id == person.id))
        for record in records:
            for key, value in _neutral(record).items():
                setattr(record, key, value)
        if isinstance(person, Household):
            person.consent_at = None
        if isinstance(person, Landlord):
            agreements = session.scalars(select(LeaseAgreement)
                                         .where(LeaseAgreement.landlord_id == person.id)).all()
            for agreement in agreements:
                agreement.payment_iban = None
            records += agreements
        session.flush()  # writes this action's own audit events, which are scrubbed too
        scrubbed = sum(_scrub_trail(session, record) for record in records)
        dwellings = [] if person_kind is PersonKind.WORKER else list(session.scalars(
            select(Dwelling).where(_PARTIES[person_kind].on_dwelling == person.id)))
        for dwelling in dwellings:
            reindex(session, dwelling)
        session.flush()
        erased_copies.clear_trail(session, reached)
        done = Pseudonymised(person_kind, person.ref, PSEUDONYM.format(ref=person.ref),
                             len(people), len(dwellings), scrubbed)
    erased_copies.finish(db, files)
    return done


# Free text where a person may be named: scrubbed of their name and numbers on erasure.
FREE_TEXT = {Assessment: ("eligibility_reason", "notes"), BoQ: ("return_reason",),
             Timesheet: ("return_reason",), LabourEntry: ("task", "override_reason"),
             LeaseAgreement: ("fixtures", "utilities", "end_reason"),
             Photo: ("caption", "original_name"), MonitoringVisit: ("notes",),
             Erasure: ("reason",)}  # an earlier erasure's note


def _terms(people: list[Person]) -> list[str]:
    """What names a person in free text: their name and numbers (IDs, IBAN, phone)."""
    fields = ("head_name", "head_id_number", "name", "full_name", "id_number", "tax_number",
              "iban", "phone", "work_permit_number")
    found = {str(getattr(p, f)) for p in people for f in fields if getattr(p, f, None)}
    return sorted((t for t in found if len(t) >= 3), key=len, reverse=True)


def _photos_and_scans(session: Session, kind: PersonKind, person: Person
                      ) -> tuple[list[Photo], list[LeaseAgreement]]:
    if kind not in _PARTIES:
        return [], []
    party = _PARTIES[kind]
    photos = list(session.scalars(select(Photo).join(Dwelling, Dwelling.id == Photo.dwelling_id)
                                  .where(party.on_dwelling == person.id)))
    scans = list(session.scalars(select(LeaseAgreement).where(
        party.on_agreement == person.id, LeaseAgreement.signed_scan_sha256.is_not(None))))
    return photos, scans


def _named_in_text(session: Session, terms: list[str]) -> list[Record]:
    if not terms:
        return []
    found: list[Record] = []
    for model, columns in FREE_TEXT.items():
        condition = or_(*(func.lower(getattr(model, c)).contains(t.lower())
                          for c in columns for t in terms))
        found += session.scalars(select(model).where(condition))
    return found


def _reached(session: Session, kind: PersonKind, person: Person, people: list[Person]
             ) -> tuple[erased_copies.Records, list[tuple[str, str]]]:
    """The records an erasure changes or deletes, with the columns it changes (none named:
    deleted), and the files it deletes."""
    photos, scans = _photos_and_scans(session, kind, person)
    columns: dict[Record, set[str]] = {}
    for record in people:
        columns.setdefault(record, set()).update(_neutral(record))
    for record in _named_in_text(session, _terms(people)):
        columns.setdefault(record, set()).update(FREE_TEXT[type(record)])
    for agreement in scans:
        columns.setdefault(agreement, set()).add("signed_scan_sha256")
    if isinstance(person, Landlord):
        for agreement in session.scalars(select(LeaseAgreement).where(
                LeaseAgreement.landlord_id == person.id)):
            columns.setdefault(agreement, set()).add("payment_iban")
    for photo in photos:
        columns[photo] = set()  # deleted: every value goes
    files = [(kind_, p.sha256) for p in photos for kind_ in ("photo", "thumb")]
    files += [("scan", str(a.signed_scan_sha256)) for a in scans]
    return [(type(r).__tablename__, r.id, sorted(c)) for r, c in columns.items()], files


def _erase_files_and_text(session: Session, kind: PersonKind, person: Person,
                          people: list[Person]) -> None:
    """Delete the photos of the person's dwellings and the scans of their agreements, and
    scrub their name and numbers from free text."""
    terms = _terms(people)
    photos, scans = _photos_and_scans(session, kind, person)
    for photo in photos:
        session.delete(photo)
    for agreement in scans:
        agreement.signed_scan_sha256 = None
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE) if terms else None
    for record in _named_in_text(session, terms) if pattern else []:
        if record in photos:
            continue
        for column in FREE_TEXT[type(record)]:
            value = getattr(record, column)
            if value:
                setattr(record, column, pattern.sub(SCRUBBED, value))


def _office_of(session: Session, person: Person) -> uuid.UUID | None:
    if isinstance(person, Worker):
        return session.scalar(select(Household.office_id).where(
            Household.id == person.household_id))
    return person.office_id


def _neutral(record: Record) -> dict[str, Any]:
    """The values that replace a record's personal data; its other fields stay.

    A worker's ID column cannot be empty (NOT NULL), so it becomes ""; the birth date keeps
    its year, which age limits and statistics need; `extra` holds unknown free data, so it goes.
    """
    if isinstance(record, Household):
        return {"head_name": PSEUDONYM.format(ref=record.ref), "head_id_number": None,
                "phone": None, "search_key": ""}
    if isinstance(record, Landlord):
        return {"name": PSEUDONYM.format(ref=record.ref), "id_number": None,
                "tax_number": None, "iban": None, "phone": None, "address": None,
                "search_key": ""}
    if isinstance(record, Worker):
        return {"full_name": PSEUDONYM.format(ref=record.ref), "id_number": "",
                "birth_date": date(record.birth_date.year, 1, 1), "work_permit_number": None,
                "iban": None, "extra": {}, "search_key": ""}
    if isinstance(record, HouseholdMember):
        return {"latin_name": SCRUBBED, "arabic_name": None, "id_number": None,
                "birth_date": date(record.birth_date.year, 1, 1), "search_key": ""}
    assert isinstance(record, LeaseAgreement)
    return {"payment_iban": None}


def _scrub_trail(session: Session, record: Record) -> int:
    """Replace erased values in the record's audit events by "***"; return how many changed.

    A value equal to the record's new (neutral) one is kept, so the trail still shows what the
    field was set to. Core UPDATEs, so the scrub is not itself audited with the old values."""
    current = {key: _plain(value) for key, value in _neutral(record).items()}
    events = session.execute(
        select(AuditEvent.id, AuditEvent.changes)
        .where(AuditEvent.entity == type(record).__tablename__, AuditEvent.entity_id == record.id)
    ).all()
    count = 0
    for event_id, changes in events:
        clean = {key: [value if value is None or value == current[key] else SCRUBBED
                       for value in pair] if key in current else pair
                 for key, pair in changes.items()}
        if clean != changes:
            session.execute(update(AuditEvent).where(AuditEvent.id == event_id)
                            .values(changes=clean, updated_at=clock.now()))
            count += 1
    return count


def _refuse_open_work(session: Session, kind: PersonKind, person: Person,
                      people: list[Person]) -> None:
    if kind in _PARTIES:
        number = session.scalar(select(LeaseAgreement.number).where(
            _PARTIES[kind].on_agreement == person.id,
            LeaseAgreement.status.in_(OPEN_AGREEMENTS)).limit(1))
        if number is not None:
            raise UserError(
                translate("privacy", "{ref} is a party to agreement {number}, which is still "
                                     "open; end it before erasing the data.").format(
                    ref=person.ref, number=number))
    workers = [p.id for p in people if isinstance(p, Worker)]
    unpaid = session.scalar(
        select(func.count(LabourEntry.id))
        .outerjoin(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
        .outerjoin(PaymentBatch, PaymentBatch.id == Timesheet.payment_batch_id)
        .where(LabourEntry.worker_id.in_(workers), LabourEntry.deleted_at.is_(None),
               or_(PaymentBatch.status.is_(None), PaymentBatch.status != BatchStatus.PAID))
    ) if workers else 0
    if unpaid:
        raise UserError(
            translate("privacy", "{ref} has {count} labour days not yet paid; pay them before "
                                 "erasing the data.").format(ref=person.ref, count=unpaid))


# --- retention -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureCandidate:
    kind: PersonKind
    ref: str
    name: str
    last_activity: date


def due_for_erasure(db: Database, actor: Actor, today: date | None = None
                    ) -> list[ErasureCandidate]:
    """Households and landlords whose retention period has run out, for an admin to review.

    A person is due when nothing has happened on their case for `privacy.retention_years` (the
    office's value): they were registered and last gave consent before the cut-off, none of
    their agreements is open or ends after it, and no labour day on their dwellings falls after
    it. Retention thus runs from the end of the relationship, not from registration. People
    already pseudonymised are left out; workers go with their household.
    """
    require(actor, Action.ERASE_PERSON)
    today = today or clock.today()
    found: list[ErasureCandidate] = []
    with db.read() as session:
        offices = select(Office.id)
        if actor.office_id is not None:
            offices = offices.where(Office.id == actor.office_id)
        for office_id in session.scalars(offices).all():
            years = int(setting(session, "privacy.retention_years", on=today,
                                office_id=office_id))
            found += _due(session, office_id, _years_before(today, years))
    return sorted(found, key=lambda c: (c.last_activity, c.kind, c.ref))


def _due(session: Session, office_id: uuid.UUID, cutoff: date) -> list[ErasureCandidate]:
    cutoff_at = datetime.combine(cutoff, time(), UTC)
    found = []
    for kind, party in _PARTIES.items():
        model = party.model
        theirs = party.on_agreement == model.id
        consent = Household.consent_at if model is Household else null()
        last_end = select(func.max(LeaseAgreement.end_date)).where(theirs).scalar_subquery()
        last_work = (select(func.max(LabourEntry.work_date))
                     .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
                     .where(party.on_dwelling == model.id).scalar_subquery())
        query = select(model.ref, party.name, model.created_at, consent, last_end, last_work).where(
            model.office_id == office_id,
            model.created_at < cutoff_at,
            or_(consent.is_(None), consent < cutoff_at),
            party.name != PSEUDONYM.format(ref="") + model.ref,
            ~exists().where(theirs, or_(LeaseAgreement.status.in_(OPEN_AGREEMENTS),
                                        LeaseAgreement.end_date >= cutoff)),
            ~exists().where(LabourEntry.dwelling_id == Dwelling.id, party.on_dwelling == model.id,
                            LabourEntry.work_date >= cutoff),
        )
        for ref, name, *dates in session.execute(query):
            days = [d.date() if isinstance(d, datetime) else d for d in dates if d is not None]
            found.append(ErasureCandidate(kind, ref, name, max(days)))
    return found


def _years_before(day: date, years: int) -> date:
    """The same day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --- shared ----------------------------------------------------------------------------------


def _kind(kind: str) -> PersonKind:
    try:
        return PersonKind(kind)
    except ValueError:
        raise ValidationError(
            translate("privacy", "'{kind}' is not a kind of person; use household, landlord or "
                                 "worker.").format(kind=kind), field="kind") from None


def _person(session: Session, actor: Actor, kind: PersonKind, ref: str) -> Person:
    """The person `ref` of `kind`, refused when missing or in another office than the actor's."""
    model = _MODELS[kind]
    person = session.scalar(select(model).where(model.ref == ref.strip().upper()))
    if person is None:
        raise NotFound(translate("privacy", "No {kind} {ref} exists; check the reference.").format(
            kind=kind.label, ref=ref.strip()))
    office_id = (session.scalar(select(Household.office_id)
                                .where(Household.id == person.household_id))
                 if isinstance(person, Worker) else person.office_id)
    if actor.office_id is not None and office_id != actor.office_id:
        raise PermissionDenied(
            translate("privacy", "{ref} belongs to another office; ask that office or an "
                                 "administrator.").format(ref=person.ref))
    return person
