"""What a report covers: one office or all the actor may see, and a period of calendar days.

Each figure reads the period by its own date: cases as registered by the period's end (at
their stage today: the app keeps no history of stages), a BoQ by the day it was approved, a
payment batch by its month, a labour day by its work date, a household as reached by the day
its first agreement was signed. Agreements are counted as of the period's end (today if it ends
later). The conditions are written once here and used both by the figures and by the list of
cases behind a bar, so a bar and its list always agree.
"""

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.totals import current_approved, overdue_on
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    LabourEntry,
    LeaseAgreement,
    Office,
)
from shelter_app.domain.clock import CALENDAR_ZONE
from shelter_app.domain.errors import PermissionDenied, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.offices import load_office


@dataclass(frozen=True)
class Scope:
    office_id: uuid.UUID | None = None  # None: every office the actor may see
    office_code: str | None = None
    first: date | None = None  # None: since the start
    last: date | None = None  # None: until today and beyond

    def _start(self) -> datetime | None:
        return _moment(self.first) if self.first else None

    def _end(self) -> datetime | None:
        return _moment(self.last + timedelta(days=1)) if self.last else None

    def between(self, column: Any) -> list[ColumnElement[bool]]:
        """A UTC timestamp column within the period's calendar days (in Türkiye)."""
        start, end = self._start(), self._end()
        return [condition for condition in (
            column >= start if start else None, column < end if end else None)
            if condition is not None]

    def days(self, column: Any) -> list[ColumnElement[bool]]:
        """A date column within the period."""
        return [condition for condition in (
            column >= self.first if self.first else None,
            column <= self.last if self.last else None) if condition is not None]

    def in_office(self, column: Any) -> list[ColumnElement[bool]]:
        return [column == self.office_id] if self.office_id else []

    def as_of(self, today: date) -> date:
        """The day the agreements are counted on: the period's end, or today if sooner."""
        return min(self.last, today) if self.last else today

    def cases(self) -> list[ColumnElement[bool]]:
        """Live dwellings of the office, registered by the period's end."""
        end = self._end()
        return [Dwelling.deleted_at.is_(None), *self.in_office(Dwelling.office_id),
                *([Dwelling.created_at < end] if end else [])]

    def approved_boqs(self) -> list[ColumnElement[bool]]:
        """The approved BoQ of each case (its newest approved revision), approved in the
        period, of a live dwelling of the office; the query joins Dwelling."""
        return [*current_approved(), *self.in_office(Dwelling.office_id),
                *self.between(BoQ.decided_at)]

    def labour_days(self) -> list[ColumnElement[bool]]:
        """Live labour days worked in the period on the office's sites; the query joins
        Dwelling when an office is chosen."""
        return [LabourEntry.deleted_at.is_(None), *self.days(LabourEntry.work_date),
                *self.in_office(Dwelling.office_id)]

    def reached_households(self) -> Select[Any]:
        """The households reached in the period: their first agreement of the office was
        signed in it (from then on they have secure tenancy, and the works follow)."""
        query = (select(LeaseAgreement.household_id)
                 .where(LeaseAgreement.deleted_at.is_(None), LeaseAgreement.signed_on.is_not(None),
                        *self.in_office(LeaseAgreement.office_id))
                 .group_by(LeaseAgreement.household_id))
        first = self.days(func.min(LeaseAgreement.signed_on))
        return query.having(*first) if first else query


# what an agreement can be once it has been active
STARTED = (AgreementStatus.ACTIVE, AgreementStatus.ENDED, AgreementStatus.TERMINATED,
            AgreementStatus.BREACHED)


def agreement_kinds(day: date, ending_days: int, today: date) -> dict[str, ColumnElement[bool]]:
    """The agreements counted as of `day` (today or before): active; active and ending within
    `ending_days` (the lease.ending_soon_days setting); active with a monitoring visit due
    before `day` and not made by then; breached. Today reads the status; an earlier day reads
    the dates, since a status keeps no history: an agreement that has been active counts as
    active from its start to its end date, one ended early too."""
    if day >= today:
        active = LeaseAgreement.status == AgreementStatus.ACTIVE
        breached = LeaseAgreement.status == AgreementStatus.BREACHED
    else:
        active = and_(LeaseAgreement.status.in_(STARTED), LeaseAgreement.start_date <= day,
                      LeaseAgreement.end_date >= day)
        breached = and_(LeaseAgreement.status == AgreementStatus.BREACHED,
                        LeaseAgreement.start_date <= day)
    return {
        "active": active,
        "ending_soon": and_(active, LeaseAgreement.end_date.between(
            day, day + timedelta(days=ending_days))),
        "visits_overdue": and_(active, overdue_on(day)),
        "breached": breached,
    }


def _moment(day: date) -> datetime:
    """The first moment of a calendar day in Türkiye, in UTC (how timestamps are stored)."""
    return datetime.combine(day, time(), CALENDAR_ZONE).astimezone(UTC)


def report_offices(db: Database, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of the offices `actor` may see reports of: their own, or every one."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        return [(row.code, row.name) for row in session.execute(
            select(Office.code, Office.name).where(
                Office.deleted_at.is_(None),
                *([Office.id == actor.office_id] if actor.office_id else []))
            .order_by(Office.code))]


def make_scope(session: Session, actor: Actor, office: str | None = None,
               first: date | None = None, last: date | None = None) -> Scope:
    """The scope of a report `actor` asks for. Refused: an unknown office, another office than
    their own, a period that ends before it starts. A user of an office sees only it."""
    require(actor, Action.VIEW_CASES)
    if first and last and first > last:
        raise ValidationError(translate("reports", "The period ends before it starts: choose a "
                                                   "'to' date on or after the 'from' date."),
                              field="to")
    if office:
        found = load_office(session, office)
        if actor.office_id is not None and found.id != actor.office_id:
            raise PermissionDenied(translate("reports", "You see the reports of your own office "
                                                        "only; {code} is another office.").format(
                code=found.code))
        return Scope(found.id, found.code, first, last)
    if actor.office_id is not None:
        code = session.scalar(select(Office.code).where(Office.id == actor.office_id))
        return Scope(actor.office_id, code, first, last)
    return Scope(None, None, first, last)
