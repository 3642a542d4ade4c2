"""The week grid of a site as the daily log shows it: workers x days, with who logged what.

Rows are the workers of the site's household, then anyone else with days on the site that
week. A day is locked when the site's timesheet for it is submitted or approved.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Row, or_, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, LabourEntry, Timesheet, User, Worker
from shelter_app.domain.cash_for_work import week_start
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.labour.days import LOCKED, load_site, lock_message


@dataclass(frozen=True, slots=True)
class GridWorker:
    id: uuid.UUID
    ref: str
    name: str
    own_household: bool


@dataclass(frozen=True, slots=True)
class GridCell:
    """A worker's day on the site: the sum of its entries, and what the side panel shows."""

    portion: Decimal
    task: str | None = None
    recorded_by: str | None = None
    recorded_at: datetime | None = None
    override_reason: str | None = None


@dataclass(frozen=True)
class WeekTimesheet:
    id: uuid.UUID
    ref: str
    period_start: date
    period_end: date
    status: ApprovalStatus
    return_reason: str | None


@dataclass(frozen=True)
class WeekGrid:
    site_id: uuid.UUID
    site_ref: str
    address: str
    stage: Stage
    household_ref: str | None
    days: tuple[date, ...]
    workers: tuple[GridWorker, ...]
    cells: dict[tuple[uuid.UUID, date], GridCell] = field(default_factory=dict)
    locks: dict[date, str] = field(default_factory=dict)  # day -> why it cannot change
    timesheets: tuple[WeekTimesheet, ...] = ()

    def cell(self, worker_id: uuid.UUID, day: date) -> GridCell:
        return self.cells.get((worker_id, day)) or GridCell(Decimal("0.0"))

    def days_of(self, worker_id: uuid.UUID) -> Decimal:
        return sum((self.cell(worker_id, day).portion for day in self.days), Decimal(0))


def week_grid(db: Database, actor: Actor, site: str | uuid.UUID, day: date) -> WeekGrid:
    """The Monday-to-Sunday week of `day` on `site`."""
    require(actor, Action.VIEW_CASES)
    monday = week_start(day)
    days = tuple(monday + timedelta(days=offset) for offset in range(7))
    with db.read() as session:
        dwelling = load_site(session, actor, site)
        household_ref = session.scalar(select(Household.ref).where(
            Household.id == dwelling.household_id)) if dwelling.household_id else None
        entries = _entries(session, dwelling.id, days)
        logged = {entry.worker_id for entry, _ in entries}
        workers = session.scalars(
            select(Worker).where(Worker.deleted_at.is_(None),
                                 or_(Worker.household_id == dwelling.household_id,
                                     Worker.id.in_(logged)))).all()
        timesheets = session.scalars(
            select(Timesheet).where(Timesheet.dwelling_id == dwelling.id,
                                    Timesheet.deleted_at.is_(None),
                                    Timesheet.period_start <= days[-1],
                                    Timesheet.period_end >= days[0])
            .order_by(Timesheet.period_start)).all()
    rows = sorted((GridWorker(w.id, w.ref, w.full_name, w.household_id == dwelling.household_id)
                   for w in workers), key=lambda w: (not w.own_household, w.ref))
    cells = _cells(entries)
    locks = {d: lock_message(t.ref, t.status, d) for t in timesheets if t.status in LOCKED
             for d in days if t.period_start <= d <= t.period_end}
    return WeekGrid(
        dwelling.id, dwelling.ref, dwelling.address, dwelling.stage, household_ref, days,
        tuple(rows), cells, locks,
        tuple(WeekTimesheet(t.id, t.ref, t.period_start, t.period_end, t.status, t.return_reason)
              for t in timesheets))


def worker_week(db: Database, actor: Actor, site: str | uuid.UUID, worker_id: uuid.UUID,
                day: date) -> dict[date, GridCell]:
    """One worker's seven days of the week of `day` on `site`, as `week_grid` has them: what
    the grid reads again after a day of that worker was saved, instead of the whole week."""
    require(actor, Action.VIEW_CASES)
    monday = week_start(day)
    days = tuple(monday + timedelta(days=offset) for offset in range(7))
    with db.read() as session:
        dwelling = load_site(session, actor, site)
        cells = _cells(_entries(session, dwelling.id, days, worker_id))
    return {day: cells.get((worker_id, day)) or GridCell(Decimal("0.0")) for day in days}


def _entries(session: Session, site_id: uuid.UUID, days: tuple[date, ...],
             worker_id: uuid.UUID | None = None) -> list[Row[tuple[LabourEntry, str | None]]]:
    """The labour entries of the site on `days` (of one worker, or all) with who logged each,
    oldest first."""
    query = (select(LabourEntry, User.full_name)
             .outerjoin(User, User.id == LabourEntry.created_by)
             .where(LabourEntry.dwelling_id == site_id, LabourEntry.deleted_at.is_(None),
                    LabourEntry.work_date.between(days[0], days[-1]))
             .order_by(LabourEntry.created_at))
    if worker_id is not None:
        query = query.where(LabourEntry.worker_id == worker_id)
    return list(session.execute(query).all())


def _cells(entries: list[Row[tuple[LabourEntry, str | None]]]
           ) -> dict[tuple[uuid.UUID, date], GridCell]:
    """A worker's day is the sum of its entries: tasks and reasons joined, the first logger."""
    cells: dict[tuple[uuid.UUID, date], GridCell] = {}
    for entry, recorder in entries:
        key = (entry.worker_id, entry.work_date)
        before = cells.get(key)
        if before is None:
            cells[key] = GridCell(entry.portion, entry.task, recorder, entry.created_at,
                                  entry.override_reason)
        else:
            tasks = " / ".join(t for t in (before.task, entry.task) if t) or None
            reasons = " / ".join(r for r in (before.override_reason, entry.override_reason)
                                 if r) or None
            cells[key] = GridCell(before.portion + entry.portion, tasks, before.recorded_by,
                                  before.recorded_at, reasons)
    return cells


@dataclass(frozen=True, slots=True)
class SiteChoice:
    id: uuid.UUID
    ref: str
    label: str


def labour_sites(db: Database, actor: Actor, limit: int = 500) -> list[SiteChoice]:
    """Sites of the actor's office where works are in progress, by reference (the picker's
    list; any other site can be typed by its reference)."""
    require(actor, Action.VIEW_CASES)
    query = (select(Dwelling.id, Dwelling.ref, Household.head_name, Dwelling.district)
             .outerjoin(Household, Household.id == Dwelling.household_id)
             .where(Dwelling.stage == Stage.WORKS_IN_PROGRESS, Dwelling.deleted_at.is_(None))
             .order_by(Dwelling.ref).limit(limit))
    if actor.office_id is not None:
        query = query.where(Dwelling.office_id == actor.office_id)
    with db.read() as session:
        return [SiteChoice(site_id, ref, f"{ref} — {name or '?'} — {district}")
                for site_id, ref, name, district in session.execute(query)]
