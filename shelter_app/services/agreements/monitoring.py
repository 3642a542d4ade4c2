"""Monitoring visits during an agreement's term, and the engineer's list for the start of the day.

A visit records the rent actually paid and whether the household still lives there; a visit
that finds the rent raised or the household gone marks the agreement breached (DOMAIN.md: the
risk the programme guards against). Visits are scheduled when the agreement becomes active
(setting lease.monitoring_every_months); a recorded visit fills the earliest open one.
"""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Dwelling,
    Household,
    Landlord,
    LeaseAgreement,
    MonitoringVisit,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import Problems, ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain.i18n import stored_date_text, translate
from shelter_app.domain.lease import (
    IN_FORCE,
    OPEN,
    check_transition,
    expected_rent,
    judge_visit,
    money,
    status_label,
)
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, Stage
from shelter_app.services.agreements.agreements import load_agreement
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.flow import move_stage
from shelter_app.services.cases.access import load_dwelling
from shelter_app.services.accounts.settings import setting

S = AgreementStatus
# A visit fills a scheduled one due up to this long after it (a visit made a little early).
EARLY = timedelta(days=31)


@dataclass(frozen=True)
class VisitInput:
    visited_on: date | None
    household_present: bool
    rent_paid: str | Decimal | None = None  # None or "": not known
    notes: str = ""


@dataclass(frozen=True)
class VisitResult:
    visit_id: uuid.UUID
    due_on: date
    breach: str | None  # why the agreement is now breached, if it is


def record_visit(db: Database, actor: Actor, number: str, data: VisitInput, *,
                 today: date | None = None) -> VisitResult:
    require(actor, Action.EDIT_CASES)
    problems = Problems()  # every bad value named at once (InvalidInput)
    rent = (None if data.rent_paid is None or str(data.rent_paid).strip() == ""
            else problems.check(money, data.rent_paid, field="rent_paid"))
    notes = problems.check(text, data.notes, field="notes",
                           label=translate("monitoring", "notes"), most=2000, required=False)
    with db.write(actor) as session:
        agreement = load_agreement(session, actor, number)
        if agreement.status is not S.ACTIVE:
            raise ValidationError(
                translate("monitoring", "{number} is {status}; visits are recorded while an "
                                        "agreement is active.").format(
                    number=agreement.number, status=status_label(agreement.status).lower()),
                field="status")
        day = problems.check(past_date, data.visited_on, field="visited_on", today=today,
                             label=translate("monitoring", "visit date"),
                             earliest=agreement.start_date)
        problems.raise_any()
        assert day is not None
        visit = session.scalar(
            select(MonitoringVisit)
            .where(MonitoringVisit.agreement_id == agreement.id,
                   MonitoringVisit.deleted_at.is_(None), MonitoringVisit.visited_on.is_(None),
                   MonitoringVisit.due_on <= day + EARLY)
            .order_by(MonitoringVisit.due_on).limit(1))
        if visit is None:  # an unscheduled visit
            visit = MonitoringVisit(agreement_id=agreement.id, due_on=day)
            session.add(visit)
        visit.visited_on = day
        visit.rent_paid = rent
        visit.household_present = data.household_present
        visit.notes = notes
        finding = judge_visit(expected_rent(agreement.start_date, agreement.rent_free_months,
                                            agreement.monthly_rent, day),
                              rent, data.household_present)
        if finding.breach:
            check_transition(agreement.status, S.BREACHED, agreement.number)
            agreement.status = S.BREACHED
            # kept in the database: the date in the fixed notation, not this user's
            agreement.end_reason = translate("monitoring", "Found at the monitoring visit of "
                                                           "{day}: {finding}.").format(
                day=stored_date_text(day), finding=finding.breach)
        session.flush()
        dwelling = load_dwelling(session, actor, agreement.dwelling_id)
        if finding.breach is None and dwelling.stage is Stage.COMPLETED:
            move_stage(session, dwelling, Stage.MONITORED)
        return VisitResult(visit.id, visit.due_on, finding.breach)


@dataclass(frozen=True, slots=True)
class EndingRow:
    """An agreement in force whose term ends soon: prepare the renewal or the exit."""

    number: str
    dwelling_ref: str
    household: str
    landlord: str
    end_date: date
    days_left: int
    renewal: str | None  # the number of a renewal being prepared


@dataclass(frozen=True, slots=True)
class OverdueRow:
    number: str
    dwelling_ref: str
    household: str
    due_on: date  # the oldest visit not made
    days_late: int
    missed: int  # visits due and not made


@dataclass(frozen=True)
class TodayList:
    ending: list[EndingRow]
    overdue: list[OverdueRow]


def today_list(db: Database, actor: Actor, today: date | None = None) -> TodayList:
    """Agreements in force ending within lease.ending_soon_days (or past their end and not yet
    closed) and overdue monitoring visits, of the actor's office (every office for an
    administrator), most urgent first."""
    require(actor, Action.VIEW_CASES)
    today = today or clock.today()
    renewal = aliased(LeaseAgreement)
    with db.read() as session:
        days = int(setting(session, "lease.ending_soon_days", office_id=actor.office_id))
        ending = (
            select(LeaseAgreement.number, Dwelling.ref, Household.head_name, Landlord.name,
                   LeaseAgreement.end_date, renewal.number)
            .join(Dwelling, Dwelling.id == LeaseAgreement.dwelling_id)
            .join(Household, Household.id == LeaseAgreement.household_id)
            .join(Landlord, Landlord.id == LeaseAgreement.landlord_id)
            .outerjoin(renewal, and_(renewal.renewal_of_id == LeaseAgreement.id,
                                     renewal.deleted_at.is_(None), renewal.status.in_(OPEN)))
            .where(LeaseAgreement.deleted_at.is_(None),
                   LeaseAgreement.status.in_(IN_FORCE),
                   LeaseAgreement.end_date <= today + timedelta(days=days))
            .order_by(LeaseAgreement.end_date, LeaseAgreement.number))
        # the open visits grouped by agreement first (the partial index of open visits),
        # then each late agreement's dwelling and tenant: not every active agreement's
        oldest = func.min(MonitoringVisit.due_on).label("oldest")
        late = (
            select(MonitoringVisit.agreement_id, oldest, func.count().label("missed"))
            .join(LeaseAgreement, LeaseAgreement.id == MonitoringVisit.agreement_id)
            .where(MonitoringVisit.deleted_at.is_(None), MonitoringVisit.visited_on.is_(None),
                   MonitoringVisit.due_on < today, LeaseAgreement.deleted_at.is_(None),
                   LeaseAgreement.status == S.ACTIVE)
            .group_by(MonitoringVisit.agreement_id))
        if actor.office_id is not None:
            late = late.where(LeaseAgreement.office_id == actor.office_id)
        late = late.subquery()
        overdue = (
            select(LeaseAgreement.number, Dwelling.ref, Household.head_name, late.c.oldest,
                   late.c.missed)
            .select_from(late)
            .join(LeaseAgreement, LeaseAgreement.id == late.c.agreement_id)
            .join(Dwelling, Dwelling.id == LeaseAgreement.dwelling_id)
            .join(Household, Household.id == LeaseAgreement.household_id)
            .order_by(late.c.oldest, LeaseAgreement.number))
        if actor.office_id is not None:
            ending = ending.where(LeaseAgreement.office_id == actor.office_id)
        return TodayList(
            [EndingRow(n, ref, head, landlord, end, (end - today).days, renewed)
             for n, ref, head, landlord, end, renewed in session.execute(ending)],
            [OverdueRow(n, ref, head, due, (today - due).days, missed)
             for n, ref, head, due, missed in session.execute(overdue)])
