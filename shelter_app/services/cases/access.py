"""Finding the records of a case for an action, scoped to the actor's office.

Engineers and supervisors work on their own office's cases; a user without an office (the
administrator, the command line) is not scoped. Every case service loads its dwelling here, so
the rule is written once.
"""

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.models import Dwelling, Household, Office
from shelter_app.domain.errors import NotFound, PermissionDenied, UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.accounts.auth import Actor


def actor_office(session: Session, actor: Actor) -> Office:
    """The office new records of `actor` belong to."""
    office = session.get(Office, actor.office_id) if actor.office_id else None
    if office is None:
        raise UserError(translate("cases", "Your account belongs to no office, so it cannot "
                                           "register cases; ask the administrator."))
    return office


def office_for_new_case(session: Session, actor: Actor, office: Office | None = None) -> Office:
    """The office a new case (household, landlord, dwelling) goes to: `office` when given (an
    import's chosen office), else the actor's. Refused when it is closed: a closed office
    keeps its records but takes no new cases."""
    office = office or actor_office(session, actor)
    refuse_closed(office)
    return office


def refuse_closed(office: Office) -> None:
    if office.closed_at is not None:
        raise UserError(
            translate("cases", "The office {code} ({name}) is closed and takes no new cases; "
                               "register the case in an open office, or ask the administrator "
                               "to reopen it.").format(code=office.code, name=office.name),
            field="office")


def in_office(actor: Actor, office_id: uuid.UUID, ref: str) -> None:
    if actor.office_id is not None and office_id != actor.office_id:
        raise PermissionDenied(
            translate("cases", "{ref} belongs to another office; ask that office or an "
                               "administrator.").format(ref=ref))


def load_dwelling(session: Session, actor: Actor, ref_or_id: str | uuid.UUID) -> Dwelling:
    """The live dwelling named by reference or id, in the actor's office."""
    if isinstance(ref_or_id, uuid.UUID):
        condition = Dwelling.id == ref_or_id
    else:
        condition = Dwelling.ref == ref_or_id.strip().upper()
    dwelling = session.scalar(select(Dwelling).where(condition, Dwelling.deleted_at.is_(None)))
    if dwelling is None:
        raise NotFound(translate("cases", "No dwelling {ref} exists; check the reference."
                                 ).format(ref=ref_or_id))
    in_office(actor, dwelling.office_id, dwelling.ref)
    return dwelling


def load_household(session: Session, actor: Actor, ref: str) -> Household:
    household = session.scalar(select(Household).where(Household.ref == ref.strip().upper(),
                                                       Household.deleted_at.is_(None)))
    if household is None:
        raise NotFound(translate("cases", "No household {ref} exists; check the reference."
                                 ).format(ref=ref))
    in_office(actor, household.office_id, household.ref)
    return household
