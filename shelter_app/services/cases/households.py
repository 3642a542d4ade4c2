"""Registering and correcting households: the head, members, vulnerabilities and consent.

Doubtful input is not saved silently: a foreign ID whose check digits fail raises
NeedsConfirmation with a message per field; nothing is written. The form shows the messages at
their fields and the user saves again with confirm=True if the values are right. An ID number
already registered (on another household, a landlord or a worker) is refused unless a supervisor
confirms it (services.cases.duplicate_ids). A household that moved dwellings is the usual
duplicate: the message names the existing record to open.
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, Office
from shelter_app.domain.errors import NeedsConfirmation, Problems, ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain.household import check_members, check_vulnerabilities
from shelter_app.domain.i18n import translate
from shelter_app.domain.ids import check_person_id
from shelter_app.domain.masking import mask_phone
from shelter_app.domain.permissions import Action
from shelter_app.domain.phone import format_tr_mobile, normalise_tr_mobile
from shelter_app.domain.stages import ProtectionStatus
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import load_household, office_for_new_case
from shelter_app.services.cases.duplicate_ids import (
    SupervisorConfirmation,
    duplicate_id_warnings,
    refuse_duplicates,
)
from shelter_app.services.cases.dwellings import reindex
from shelter_app.services.privacy.people import shown_id
from shelter_app.services.cases.references import device_mark, format_ref, next_number

Warnings = list[tuple[str, str]]


@dataclass(frozen=True)
class HouseholdInput:
    """The household form as typed."""

    head_name: str
    id_number: str
    nationality: str
    protection_status: ProtectionStatus | str
    consent_on: date | None
    members: Mapping[str, int | str] = field(default_factory=dict)
    vulnerabilities: Collection[str] = ()
    phone: str = ""
    size: str = ""  # the household's size, when a list gives no members by age and sex


def clean_household(data: HouseholdInput) -> tuple[dict[str, Any], Warnings]:
    """Column values of a valid household, and the warnings the user must confirm; every
    problem of the form at once (InvalidInput)."""
    problems = Problems()
    warnings: Warnings = []
    values: dict[str, Any] = {
        "head_name": problems.check(
            text, data.head_name, field="head_name",
            label=translate("households", "name of the head of household"), most=160),
    }
    checked = problems.check(check_person_id, data.id_number, field="id_number")
    if checked is not None and checked.warning:
        warnings.append(("id_number", checked.warning))
    values["head_id_number"] = checked.value if checked is not None else None
    values["nationality"] = problems.check(text, data.nationality, field="nationality",
                                           label=translate("households", "nationality"),
                                           most=60)
    try:
        values["protection_status"] = ProtectionStatus(data.protection_status)
    except ValueError:
        problems.add(ValidationError(translate("households", "Choose the protection status."),
                                     field="protection_status"))
    values["phone"] = (problems.check(normalise_tr_mobile, data.phone, field="phone")
                       if data.phone.strip() else None)
    values["members"] = problems.check(check_members, data.members, data.size)
    values["vulnerabilities"] = problems.check(check_vulnerabilities, data.vulnerabilities)
    if data.consent_on is None:
        problems.add(ValidationError(
            translate("households", "Record the day the head of household consented to the "
                                    "processing of their data; without consent the programme "
                                    "may not register them."), field="consent_on"))
    else:
        consent_on = problems.check(past_date, data.consent_on, field="consent_on",
                                    label=translate("households", "consent date"))
        if consent_on is not None:
            values["consent_at"] = datetime.combine(consent_on, time(), UTC)
    problems.raise_any(warnings)
    values["search_key"] = fold(values["head_name"])
    return values, warnings


def confirm_or_raise(warnings: Warnings, confirm: bool) -> None:
    if warnings and not confirm:
        raise NeedsConfirmation(warnings)


def add_household(session: Session, office: Office, values: Mapping[str, Any]) -> Household:
    """Insert a checked household with the office's next reference."""
    number = next_number(session, Household.ref, office.code, "household")
    household = Household(ref=format_ref(office.code, "household", number, device_mark(session)),
                          office_id=office.id,
                          **values)
    session.add(household)
    session.flush()
    return household


def register_household(db: Database, actor: Actor, data: HouseholdInput, *,
                       confirm: bool = False,
                       supervisor: SupervisorConfirmation | None = None) -> str:
    """A new household in the actor's office; returns its reference."""
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_household(data)
    with db.write(actor) as session:
        office = office_for_new_case(session, actor)
        refuse_duplicates(session, duplicate_id_warnings(
            session, values["head_id_number"], field_name="id_number"), warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        return add_household(session, office, values).ref


def update_household(db: Database, actor: Actor, ref: str, data: HouseholdInput, *,
                     confirm: bool = False,
                     supervisor: SupervisorConfirmation | None = None) -> None:
    """Correct a household; its dwellings' search follows the head's name."""
    require(actor, Action.EDIT_CASES)
    values, warnings = clean_household(data)
    with db.write(actor) as session:
        household = load_household(session, actor, ref)
        if values["head_id_number"] != household.head_id_number:
            refuse_duplicates(session, duplicate_id_warnings(
                session, values["head_id_number"], field_name="id_number",
                exclude=household.id), warnings, supervisor)
        confirm_or_raise(warnings, confirm)
        renamed = values["head_name"] != household.head_name
        for key, value in values.items():
            if getattr(household, key) != value:
                setattr(household, key, value)
        if renamed:
            for dwelling in session.scalars(select(Dwelling).where(
                    Dwelling.household_id == household.id, Dwelling.deleted_at.is_(None))):
                reindex(session, dwelling)


@dataclass(frozen=True)
class HouseholdView:
    """A household as the dwelling file shows it; the ID as the viewer's role may see it."""

    ref: str
    head_name: str
    id_number: str
    nationality: str
    protection_status: ProtectionStatus
    phone: str  # "+90 532 123 45 67", masked for roles that may not see personal data
    members: dict[str, int]
    vulnerabilities: list[str]
    consent_on: date | None

    @property
    def size(self) -> int:
        return sum(self.members.values())

    def as_input(self) -> HouseholdInput:
        """The edit form's starting values (who may edit may see ID numbers)."""
        return HouseholdInput(self.head_name, self.id_number, self.nationality,
                              self.protection_status, self.consent_on, dict(self.members),
                              list(self.vulnerabilities), self.phone)


def household_view(db: Database, actor: Actor, ref: str) -> HouseholdView:
    with db.read() as session:
        household = load_household(session, actor, ref)
        return HouseholdView(
            household.ref, household.head_name, shown_id(actor, household.head_id_number),
            household.nationality, household.protection_status,
            _shown_phone(actor, household.phone),
            dict(household.members or {}), list(household.vulnerabilities or []),
            household.consent_at.date() if household.consent_at else None)


def _shown_phone(actor: Actor, phone: str | None) -> str:
    if not phone:
        return ""
    return format_tr_mobile(phone) if actor.can(Action.VIEW_PERSONAL_IDS) else mask_phone(phone)


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    """One line of the households list."""

    ref: str
    head_name: str
    id_number: str
    nationality: str
    protection_status: ProtectionStatus
    size: int
    office: str


def word_matches(word: str, search_key: ColumnElement[str], ref: ColumnElement[str]
                 ) -> ColumnElement[bool]:
    """`word` (folded) starts the reference or a word of the folded name."""
    return or_(search_key.startswith(word), search_key.contains(" " + word),
               func.lower(ref).startswith(word))


def list_households(db: Database, actor: Actor, words: str = "", *, offset: int = 0,
                    limit: int | None = 200) -> list[HouseholdRow]:
    """The office's households (all for an administrator), by reference. Each word of `words`
    must start the reference or a word of the head's name, with or without Turkish letters."""
    require(actor, Action.VIEW_CASES)
    query = (select(Household, Office.code).join(Office, Office.id == Household.office_id)
             .where(Household.deleted_at.is_(None)))
    if actor.office_id is not None:
        query = query.where(Household.office_id == actor.office_id)
    for word in fold(words).split():
        query = query.where(word_matches(word, Household.search_key, Household.ref))
    query = query.order_by(Household.ref).offset(offset).limit(limit)
    with db.read() as session:
        return [HouseholdRow(row.ref, row.head_name, shown_id(actor, row.head_id_number),
                             row.nationality, row.protection_status,
                             sum((row.members or {}).values()), code)
                for row, code in session.execute(query)]
