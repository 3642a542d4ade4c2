"""Cash-for-work workers: household members registered to be paid for their days.

A worker belongs to a household. The ID number (TCKN or YKN) is checked; the same ID on another
worker is refused (one person, one record, one pay), the same ID on a household head or
landlord elsewhere unless a supervisor confirms it (services.cases.duplicate_ids), while an IBAN
already used by someone else, a doubtful YKN or a missing work permit under temporary
protection are warnings the engineer confirms (NeedsConfirmation, as for households). Payment is by IBAN (checked) or at PTT against the ID card.
"""

import uuid
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Household, HouseholdMember, Landlord, Office, Worker
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import age_on
from shelter_app.domain.errors import NotFound, Problems, ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.iban import check_iban
from shelter_app.domain.ids import check_person_id
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import PaymentMethod, ProtectionStatus
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import in_office, load_household
from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation, refuse_duplicates
from shelter_app.services.cases.households import Warnings, confirm_or_raise, word_matches
from shelter_app.services.privacy.people import shown_id, shown_iban
from shelter_app.services.cases.references import device_mark, format_ref, next_number
from shelter_app.services.accounts.settings import setting

MAX_SKILLS = 12
# Suggestions for the skills field; any other skill can be typed.
SKILLS = ("general labour", "plastering", "painting", "insulation", "masonry", "carpentry",
          "tiling", "glazing", "roofing", "electrical", "plumbing")


@dataclass(frozen=True)
class WorkerInput:
    """The worker form as typed."""

    household_ref: str
    full_name: str
    id_number: str
    birth_date: date | None
    payment_method: PaymentMethod | str
    iban: str = ""
    work_permit_number: str = ""
    work_permit_expiry: date | None = None
    skills: Collection[str] | str = ()
    # picked from the household's members register: name, ID and birth date come from there
    member_id: uuid.UUID | None = None


@dataclass(frozen=True)
class WorkerRow:
    """A worker as lists and the grid show them; ID and IBAN as the viewer may see them."""

    id: uuid.UUID
    ref: str
    full_name: str
    household_ref: str
    id_number: str
    birth_date: date
    payment_method: PaymentMethod
    iban: str
    work_permit_number: str | None
    work_permit_expiry: date | None
    skills: tuple[str, ...]


def _skills(raw: Collection[str] | str) -> list[str]:
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    skills = list(dict.fromkeys(" ".join(item.split()) for item in items if item.strip()))
    if len(skills) > MAX_SKILLS:
        raise ValidationError(translate("workers", "List at most %n skills.", "", MAX_SKILLS), field="skills")
    for skill in skills:
        text(skill, field="skills", label=translate("workers", "skill"), most=40)
    return skills


def clean_worker(data: WorkerInput, household: Household | None, min_age: int,
                 today: date | None = None) -> tuple[dict[str, Any], Warnings]:
    """The checked column values of a worker, and the warnings to confirm; every problem at
    once (InvalidInput). Without `household` (a wrong reference, reported by the caller) the
    household's own warnings wait for the next save."""
    today = today or clock.today()
    problems = Problems()
    warnings: Warnings = []
    name = problems.check(text, data.full_name, field="full_name",
                          label=translate("workers", "full name"), most=160)
    checked = problems.check(check_person_id, data.id_number, field="id_number")
    if checked is not None and checked.warning:
        warnings.append(("id_number", checked.warning))
    birth = problems.check(past_date, data.birth_date, field="birth_date",
                           label=translate("workers", "date of birth"), today=today,
                           earliest=date(1900, 1, 1))
    if birth is not None and (age := age_on(birth, today)) < min_age:
        problems.add(ValidationError(translate(
            "workers", "{name} is {age}; cash-for-work workers must be at least {min_age}. "
                       "Register them from their birthday on.").format(
            name=name or "", age=age, min_age=min_age), field="birth_date"))
    method = None
    try:
        method = PaymentMethod(data.payment_method)
    except ValueError:
        problems.add(ValidationError(translate("workers", "Choose payment by IBAN or at PTT."),
                                     field="payment_method"))
    iban = (problems.check(check_iban, data.iban, field="iban")
            if method is PaymentMethod.IBAN else None)
    permit = problems.check(text, data.work_permit_number, field="work_permit_number",
                            label=translate("workers", "work permit number"), most=40,
                            required=False)
    expiry = data.work_permit_expiry
    if permit and expiry is None:
        problems.add(ValidationError(translate(
            "workers", "Enter the expiry date of work permit {number}.").format(number=permit),
            field="work_permit_expiry"))
    if household is not None and household.protection_status is ProtectionStatus.TEMPORARY:
        if not permit:
            warnings.append(("work_permit_number", translate(
                "workers", "People under temporary protection need a work permit for paid "
                           "work; without one every logged day needs a reason.")))
        elif expiry is not None and expiry < today:
            warnings.append(("work_permit_expiry", translate(
                "workers", "This work permit expired on {day}; days after it need a "
                           "reason.").format(day=date_text(expiry))))
    skills = problems.check(_skills, data.skills)
    problems.raise_any(warnings)
    assert name is not None and checked is not None
    values = {"full_name": name, "id_number": checked.value, "birth_date": birth,
              "payment_method": method, "iban": iban, "work_permit_number": permit,
              "work_permit_expiry": expiry if permit else None,
              "skills": skills, "search_key": fold(name)}
    return values, warnings


def _duplicates(session: Session, values: dict[str, Any], household: Household,
                exclude: uuid.UUID | None) -> tuple[Warnings, Warnings]:
    """Refuse a second worker with the same ID; the ID on another person (for a supervisor to
    confirm) and the IBAN elsewhere (a warning)."""
    others = select(Worker.ref).where(Worker.deleted_at.is_(None))
    if exclude is not None:
        others = others.where(Worker.id != exclude)
    twin = session.scalar(others.where(Worker.id_number == values["id_number"]))
    if twin:
        raise ValidationError(translate(
            "workers", "ID number {id} is already registered as worker {ref}; open that record "
                       "instead of registering the person twice.").format(
            id=values["id_number"], ref=twin), field="id_number")
    duplicates: Warnings = []
    warnings: Warnings = []
    found = list(session.scalars(
        select(Household.ref).where(Household.head_id_number == values["id_number"],
                                    Household.id != household.id,
                                    Household.deleted_at.is_(None))))
    found += session.scalars(select(Landlord.ref).where(
        Landlord.id_number == values["id_number"], Landlord.deleted_at.is_(None)))
    if found:
        duplicates.append(("id_number", translate(
            "workers", "This ID number is also registered as {refs}; only a supervisor may "
                       "confirm that this is the same person and both records are "
                       "right.").format(refs=", ".join(sorted(found)))))
    if values["iban"]:
        used = list(session.scalars(others.where(Worker.iban == values["iban"])))
        used += session.scalars(select(Landlord.ref).where(Landlord.iban == values["iban"],
                                                           Landlord.deleted_at.is_(None)))
        if used:
            warnings.append(("iban", translate(
                "workers", "This IBAN is already used by {refs}; each worker is paid into "
                           "their own account. Save only if that is right.").format(
                refs=", ".join(sorted(used)))))
    return duplicates, warnings


def _from_member(session: Session, household: Household, data: WorkerInput) -> WorkerInput:
    """The worker form with the picked member's name, ID and birth date, as recorded."""
    member = session.get(HouseholdMember, data.member_id)
    if member is None or member.deleted_at is not None or member.household_id != household.id:
        raise ValidationError(translate("workers", "Pick a member of household {ref}.").format(
            ref=household.ref), field="member")
    if not member.id_number:
        raise ValidationError(translate(
            "workers", "{name} has no ID number in the members register; record it there "
                       "first.").format(name=member.latin_name), field="member")
    return replace(data, full_name=member.latin_name, id_number=member.id_number,
                   birth_date=member.birth_date)


def _household_has_worker(session: Session, household: Household) -> Warnings:
    """Cash-for-work takes one worker per household at a time."""
    refs = list(session.scalars(select(Worker.ref).where(
        Worker.household_id == household.id, Worker.deleted_at.is_(None)).order_by(Worker.ref)))
    return [("member", translate(
        "workers", "Household {household} already has worker {refs}; cash-for-work takes one "
                   "worker per household at a time. Save only if that worker has stopped."
    ).format(household=household.ref, refs=", ".join(refs)))] if refs else []


def register_worker(db: Database, actor: Actor, data: WorkerInput, *,
                    confirm: bool = False, today: date | None = None,
                    supervisor: SupervisorConfirmation | None = None) -> str:
    """A new worker of a household in the actor's office; returns the worker's reference."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        problems = Problems()
        household = problems.check(load_household, session, actor, data.household_ref,
                                   at="household_ref")
        min_age = int(setting(session, "cfw.min_age", office_id=household.office_id
                              if household else actor.office_id))
        if household is not None and data.member_id is not None:
            data = problems.check(_from_member, session, household, data) or data
        values, warnings = problems.check(clean_worker, data, household, min_age,
                                          today) or ({}, [])
        problems.raise_any()
        assert household is not None
        duplicates, found = _duplicates(session, values, household, None)
        warnings += found + _household_has_worker(session, household)
        refuse_duplicates(session, duplicates, warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        code = session.scalar(select(Office.code).where(Office.id == household.office_id))
        assert code is not None
        number = next_number(session, Worker.ref, code, "worker")
        worker = Worker(ref=format_ref(code, "worker", number, device_mark(session)),
                        household_id=household.id,
                        extra={}, **values)
        session.add(worker)
        session.flush()
        return worker.ref


def update_worker(db: Database, actor: Actor, ref: str, data: WorkerInput, *,
                  confirm: bool = False, today: date | None = None,
                  supervisor: SupervisorConfirmation | None = None) -> None:
    """Correct a worker or record a renewed work permit; the household stays."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        worker = _load(session, actor, ref)
        household = session.get(Household, worker.household_id)
        assert household is not None
        min_age = int(setting(session, "cfw.min_age", office_id=household.office_id))
        values, warnings = clean_worker(data, household, min_age, today)
        duplicates, found = _duplicates(session, values, household, worker.id)
        warnings += found
        refuse_duplicates(session, duplicates, warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        for key, value in values.items():
            if getattr(worker, key) != value:
                setattr(worker, key, value)


def _load(session: Session, actor: Actor, ref_or_id: str | uuid.UUID) -> Worker:
    condition = Worker.id == ref_or_id if isinstance(ref_or_id, uuid.UUID) else \
        Worker.ref == ref_or_id.strip().upper()
    worker = session.scalar(select(Worker).where(condition, Worker.deleted_at.is_(None)))
    if worker is None:
        raise NotFound(translate("workers", "No worker {ref} exists; check the reference."
                                 ).format(ref=ref_or_id), field="worker")
    office_id = session.scalar(select(Household.office_id).where(
        Household.id == worker.household_id))
    in_office(actor, office_id, worker.ref)
    return worker


def _row(actor: Actor, worker: Worker, household_ref: str) -> WorkerRow:
    return WorkerRow(worker.id, worker.ref, worker.full_name, household_ref,
                     shown_id(actor, worker.id_number), worker.birth_date,
                     worker.payment_method, shown_iban(actor, worker.iban),
                     worker.work_permit_number, worker.work_permit_expiry,
                     tuple(worker.skills or ()))


def worker_view(db: Database, actor: Actor, ref: str) -> WorkerRow:
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        worker = _load(session, actor, ref)
        household_ref = session.scalar(select(Household.ref).where(
            Household.id == worker.household_id))
        return _row(actor, worker, household_ref or "")


def household_workers(db: Database, actor: Actor, household_ref: str) -> list[WorkerRow]:
    """The live workers of a household, by reference."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        household = load_household(session, actor, household_ref)
        workers = session.scalars(select(Worker).where(
            Worker.household_id == household.id, Worker.deleted_at.is_(None))
            .order_by(Worker.ref))
        return [_row(actor, worker, household.ref) for worker in workers]


def list_workers(db: Database, actor: Actor, words: str = "", *, offset: int = 0,
                 limit: int | None = 200) -> list[WorkerRow]:
    """The office's cash-for-work workers (all for an administrator), by reference; a word
    may also start their household's reference."""
    require(actor, Action.VIEW_CASES)
    query = (select(Worker, Household.ref).join(Household, Household.id == Worker.household_id)
             .where(Worker.deleted_at.is_(None)))
    if actor.office_id is not None:
        query = query.where(Household.office_id == actor.office_id)
    for word in fold(words).split():
        query = query.where(or_(word_matches(word, Worker.search_key, Worker.ref),
                                func.lower(Household.ref).startswith(word)))
    query = query.order_by(Worker.ref).offset(offset).limit(limit)
    with db.read() as session:
        return [_row(actor, worker, household_ref)
                for worker, household_ref in session.execute(query)]
