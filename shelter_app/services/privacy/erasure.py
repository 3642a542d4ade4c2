"""Pseudonymising a person: their identifying data replaced everywhere we hold it, facts kept."""

import re
import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from shelter_app.data.audit import json_value
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
    PaymentBatch,
    Photo,
    Timesheet,
    Worker,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import (
    UserError,
    ValidationError,
)
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import BatchStatus
from shelter_app.services import erased_copies
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.privacy.people import (
    OPEN_AGREEMENTS,
    PARTIES,
    PSEUDONYM,
    Person,
    PersonKind,
    kind_of,
    person_of,
)


# What replaces an erased value in the audit trail.
SCRUBBED = "***"


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
            "privacy", "The note has %n characters; shorten it to {limit}.", "",
            len(note)).format(limit=MAX_NOTE), field="note")
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
    person_kind = kind_of(kind)
    code, note = _erasure_reason(reason, note)
    with db.write(actor, reason=code.label) as session:
        person = person_of(session, actor, person_kind, ref)
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
            select(Dwelling).where(PARTIES[person_kind].on_dwelling == person.id)))
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
    if kind not in PARTIES:
        return [], []
    party = PARTIES[kind]
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
    current = {key: json_value(value) for key, value in _neutral(record).items()}
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
    if kind in PARTIES:
        number = session.scalar(select(LeaseAgreement.number).where(
            PARTIES[kind].on_agreement == person.id,
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
            translate("privacy", "{ref} has %n labour days not yet paid; pay them before "
                                 "erasing the data.", "", unpaid).format(ref=person.ref))
