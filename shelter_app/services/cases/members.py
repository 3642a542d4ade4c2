"""The household members register: each person with the name in both scripts, sex, birth date
(or an age), relation to the head and ID number.

A cash-for-work worker is picked from it (services.labour.workers), so the name, ID and age are
typed once. The same ID number on a person of another household, a landlord or a worker is
refused unless a supervisor confirms it (services.cases.duplicate_ids), as for households.
"""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Household, HouseholdMember, Landlord, Worker
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import age_on
from shelter_app.domain.errors import NotFound, Problems, ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain.i18n import translate
from shelter_app.domain.ids import check_person_id
from shelter_app.domain.members import (
    RELATIONS,
    SEXES,
    birth_from_age,
    check_arabic_name,
    check_latin_name,
)
from shelter_app.domain.permissions import Action
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import in_office, load_household
from shelter_app.services.cases.duplicate_ids import (
    SupervisorConfirmation,
    refuse_duplicates,
    registered_as,
)
from shelter_app.services.cases.households import Warnings, confirm_or_raise
from shelter_app.services.privacy.people import shown_id


@dataclass(frozen=True)
class MemberInput:
    """The member form as typed: a birth date, or else an age in years."""

    latin_name: str
    arabic_name: str = ""
    sex: str = ""
    birth_date: date | None = None
    age: str = ""
    relation: str = ""
    id_number: str = ""


def clean_member(data: MemberInput, today: date | None = None
                 ) -> tuple[dict[str, Any], Warnings]:
    """Column values of a valid member and the warnings to confirm; every problem at once."""
    today = today or clock.today()
    problems = Problems()
    warnings: Warnings = []
    latin = problems.check(text, data.latin_name, field="latin_name", most=160,
                           label=translate("members", "name in Latin letters"))
    if latin:
        problems.check(check_latin_name, latin, field="latin_name")
    arabic = problems.check(text, data.arabic_name, field="arabic_name", most=160,
                            label=translate("members", "name in Arabic letters"), required=False)
    if arabic:
        problems.check(check_arabic_name, arabic, field="arabic_name")
    if data.sex not in SEXES:
        problems.add(ValidationError(translate("members", "Choose female or male."),
                                     field="sex"))
    estimated = data.birth_date is None and bool(data.age.strip())
    if estimated:
        birth = problems.check(birth_from_age, data.age, today, field="age")
    else:
        birth = problems.check(past_date, data.birth_date, field="birth_date", today=today,
                               label=translate("members", "date of birth"),
                               earliest=date(1900, 1, 1))
    if data.relation not in RELATIONS:
        problems.add(ValidationError(translate("members", "Choose the relation to the head of "
                                                          "household."), field="relation"))
    checked = (problems.check(check_person_id, data.id_number, field="id_number")
               if data.id_number.strip() else None)
    if checked is not None and checked.warning:
        warnings.append(("id_number", checked.warning))
    problems.raise_any(warnings)
    return {"latin_name": latin, "arabic_name": arabic, "sex": data.sex, "birth_date": birth,
            "birth_date_estimated": estimated, "relation": data.relation,
            "id_number": checked.value if checked else None,
            "search_key": fold(f"{latin} {arabic or ''}")}, warnings


def _others_with_id(session: Session, household: Household, id_number: str | None,
                    exclude: uuid.UUID | None) -> Warnings:
    """The same ID on anyone outside this household (its own head's ID is the head's)."""
    if not id_number:
        return []
    found = list(session.scalars(select(Household.ref).join(
        HouseholdMember, HouseholdMember.household_id == Household.id).where(
        HouseholdMember.id_number == id_number, HouseholdMember.deleted_at.is_(None),
        Household.id != household.id)))
    found += session.scalars(select(Household.ref).where(
        Household.head_id_number == id_number, Household.id != household.id,
        Household.deleted_at.is_(None)))
    found += session.scalars(select(Landlord.ref).where(Landlord.id_number == id_number,
                                                        Landlord.deleted_at.is_(None)))
    found += session.scalars(select(Worker.ref).where(Worker.id_number == id_number,
                                                      Worker.household_id != household.id,
                                                      Worker.deleted_at.is_(None)))
    twin = select(HouseholdMember.id).where(
        HouseholdMember.household_id == household.id, HouseholdMember.id_number == id_number,
        HouseholdMember.deleted_at.is_(None))
    if exclude is not None:
        twin = twin.where(HouseholdMember.id != exclude)
    if session.scalar(twin) is not None:
        raise ValidationError(translate("members", "This ID number is already on another member "
                                                   "of this household."), field="id_number")
    return [("id_number", registered_as(sorted(set(found))))] if found else []


def add_member(db: Database, actor: Actor, household_ref: str, data: MemberInput, *,
               confirm: bool = False,
               supervisor: SupervisorConfirmation | None = None) -> uuid.UUID:
    """A new person in a household's register; returns their id."""
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_member(data)
    with db.write(actor) as session:
        household = load_household(session, actor, household_ref)
        refuse_duplicates(session, _others_with_id(session, household, values["id_number"], None),
                          warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        member = HouseholdMember(household_id=household.id, **values)
        session.add(member)
        session.flush()
        return member.id


def load_member(session: Session, actor: Actor, member_id: uuid.UUID) -> HouseholdMember:
    member = session.get(HouseholdMember, member_id)
    if member is None or member.deleted_at is not None:
        raise NotFound(translate("members", "This member is no longer in the register; "
                                            "refresh the list."), field="member")
    office_id = session.scalar(select(Household.office_id).where(
        Household.id == member.household_id))
    in_office(actor, office_id, member.latin_name)
    return member


def update_member(db: Database, actor: Actor, member_id: uuid.UUID, data: MemberInput, *,
                  confirm: bool = False,
                  supervisor: SupervisorConfirmation | None = None) -> None:
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_member(data)
    with db.write(actor) as session:
        member = load_member(session, actor, member_id)
        household = session.get(Household, member.household_id)
        assert household is not None
        if values["id_number"] != member.id_number:
            refuse_duplicates(session, _others_with_id(session, household, values["id_number"],
                                                        member.id), warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        for key, value in values.items():
            if getattr(member, key) != value:
                setattr(member, key, value)


def remove_member(db: Database, actor: Actor, member_id: uuid.UUID) -> None:
    """Take a person off the register (moved out, registered by mistake); kept as deleted."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        load_member(session, actor, member_id).deleted_at = clock.now()


@dataclass(frozen=True)
class MemberRow:
    """A member as the register shows them; the ID as the viewer's role may see it."""

    id: uuid.UUID
    latin_name: str
    arabic_name: str
    sex: str
    birth_date: date
    birth_date_estimated: bool
    age: int
    relation: str
    id_number: str

    def as_input(self) -> MemberInput:
        return MemberInput(self.latin_name, self.arabic_name, self.sex,
                           None if self.birth_date_estimated else self.birth_date,
                           str(self.age) if self.birth_date_estimated else "", self.relation,
                           self.id_number)


def household_members(db: Database, actor: Actor, household_ref: str) -> list[MemberRow]:
    """The register of a household: the head first, then the eldest to the youngest."""
    require(actor, Action.VIEW_CASES)
    today = clock.today()
    with db.read() as session:
        household = load_household(session, actor, household_ref)
        members = session.scalars(select(HouseholdMember).where(
            HouseholdMember.household_id == household.id, HouseholdMember.deleted_at.is_(None))
            .order_by(HouseholdMember.relation != "head", HouseholdMember.birth_date,
                      HouseholdMember.id))
        return [MemberRow(m.id, m.latin_name, m.arabic_name or "", m.sex, m.birth_date,
                          m.birth_date_estimated, age_on(m.birth_date, today), m.relation,
                          shown_id(actor, m.id_number)) for m in members]
