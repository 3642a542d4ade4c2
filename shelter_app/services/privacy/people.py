"""The data subjects (households, landlords, workers): finding one a user may reach, and their
IDs and IBANs as a role may see them, and their consent."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Dwelling,
    Household,
    Landlord,
    LeaseAgreement,
    Worker,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import (
    NotFound,
    PermissionDenied,
    ValidationError,
)
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.iban import format_iban
from shelter_app.domain.masking import mask_iban, mask_id
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.accounts.auth import Actor, require

# Stored in place of a name. Not translated: it is data, the same in every language.
PSEUDONYM = "Pseudonymised {ref}"
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
MODELS: dict[PersonKind, type[Person]] = {
    PersonKind.HOUSEHOLD: Household, PersonKind.LANDLORD: Landlord, PersonKind.WORKER: Worker,
}


@dataclass(frozen=True)
class Party:
    """How a party to agreements is linked: its name, and the columns that point at it."""

    model: type[Household] | type[Landlord]
    name: Any
    on_agreement: Any
    on_dwelling: Any


PARTIES = {
    PersonKind.HOUSEHOLD: Party(Household, Household.head_name, LeaseAgreement.household_id,
                                 Dwelling.household_id),
    PersonKind.LANDLORD: Party(Landlord, Landlord.name, LeaseAgreement.landlord_id,
                                Dwelling.landlord_id),
}




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




def record_consent(db: Database, actor: Actor, household_ref: str, given_on: date) -> None:
    """Record the day the household head consented to the processing of their data."""
    require(actor, Action.EDIT_CASES)
    if given_on > clock.today():
        raise ValidationError(
            translate("privacy", "The consent date {day} is in the future; enter the day the "
                                 "consent form was signed.").format(day=date_text(given_on)),
            field="consent_on")
    with db.write(actor) as session:
        household = person_of(session, actor, PersonKind.HOUSEHOLD, household_ref)
        assert isinstance(household, Household)
        household.consent_at = datetime.combine(given_on, time(), UTC)




def kind_of(kind: str) -> PersonKind:
    try:
        return PersonKind(kind)
    except ValueError:
        raise ValidationError(
            translate("privacy", "'{kind}' is not a kind of person; use household, landlord or "
                                 "worker.").format(kind=kind), field="kind") from None


def person_of(session: Session, actor: Actor, kind: PersonKind, ref: str) -> Person:
    """The person `ref` of `kind`, refused when missing or in another office than the actor's."""
    model = MODELS[kind]
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
