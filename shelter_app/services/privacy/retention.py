"""The people whose retention period has run out, for an administrator to review."""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import exists, func, null, or_, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Dwelling,
    Household,
    LabourEntry,
    LeaseAgreement,
    Office,
)
from shelter_app.domain import clock
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.settings import setting
from shelter_app.services.privacy.people import OPEN_AGREEMENTS, PARTIES, PSEUDONYM, PersonKind



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
    for kind, party in PARTIES.items():
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
