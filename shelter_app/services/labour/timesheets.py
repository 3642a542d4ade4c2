"""Timesheets: one site's labour over a period, submitted by the engineer and approved or
returned with a reason by a supervisor.

A period lies within one calendar month (a week is cut at the month's edge), so each timesheet
is paid in one monthly batch. Draft -> submitted -> approved, or returned (edited, submitted
again). Submitted and approved days are locked (services.labour refuses every change).
Reopening an approved timesheet is a supervisor's action with a reason, written to the audit
trail with the change; it is refused once the timesheet's batch went to finance.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, and_, func, literal, not_, or_, select
from sqlalchemy.orm import Session, aliased

from shelter_app.data.cancel import Cancel, interruptible
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Dwelling,
    Household,
    LabourEntry,
    PaymentBatch,
    Timesheet,
    User,
    Worker,
)
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import (
    check_timesheet_day,
    month_bounds,
    timesheet_period,
    week_start,
)
from shelter_app.domain.errors import NotFound, PermissionDenied, UserError, ValidationError
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus, BatchStatus
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.boq.boq import status_label
from shelter_app.services.cases.access import load_dwelling
from shelter_app.services.labour.days import load_site
from shelter_app.services.labour.payments import batch_total

EDITABLE = (ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)


@dataclass(frozen=True)
class TimesheetRow:
    id: uuid.UUID
    ref: str
    site_id: uuid.UUID
    site_ref: str
    household: str | None
    period_start: date
    period_end: date
    status: ApprovalStatus
    days: Decimal
    workers: int
    submitted_by: str | None
    submitted_at: datetime | None
    decided_by: str | None
    decided_at: datetime | None
    return_reason: str | None
    batch_ref: str | None
    batch_status: BatchStatus | None

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE


def _rows(session: Session, condition: ColumnElement[bool], offset: int = 0,
          limit: int | None = None, entries: ColumnElement[bool] | None = None
          ) -> list[TimesheetRow]:
    """`entries` narrows the labour days summed (one site's), else every day is grouped."""
    totals = (select(LabourEntry.timesheet_id, func.sum(LabourEntry.portion).label("days"),
                     func.count(func.distinct(LabourEntry.worker_id)).label("workers"))
              .where(LabourEntry.deleted_at.is_(None), LabourEntry.timesheet_id.is_not(None),
                     entries if entries is not None else literal(True))
              .group_by(LabourEntry.timesheet_id).subquery())
    submitter, decider = aliased(User), aliased(User)
    rows = session.execute(
        select(Timesheet, Dwelling.ref, Household.head_name, totals.c.days, totals.c.workers,
               submitter.full_name, decider.full_name, PaymentBatch.ref, PaymentBatch.status)
        .join(Dwelling, Dwelling.id == Timesheet.dwelling_id)
        .outerjoin(Household, Household.id == Dwelling.household_id)
        .outerjoin(totals, totals.c.timesheet_id == Timesheet.id)
        .outerjoin(submitter, submitter.id == Timesheet.submitted_by)
        .outerjoin(decider, decider.id == Timesheet.decided_by)
        .outerjoin(PaymentBatch, PaymentBatch.id == Timesheet.payment_batch_id)
        .where(condition, Timesheet.deleted_at.is_(None))
        .order_by(Timesheet.period_start.desc(), Dwelling.ref).offset(offset).limit(limit))
    return [TimesheetRow(t.id, t.ref, t.dwelling_id, site, household, t.period_start,
                         t.period_end, t.status, Decimal(str(days or 0)), workers or 0,
                         submitted, t.submitted_at, decided, t.decided_at, t.return_reason,
                         batch, batch_status)
            for t, site, household, days, workers, submitted, decided, batch, batch_status
            in rows]


def _row(session: Session, timesheet_id: uuid.UUID) -> TimesheetRow:
    return _rows(session, Timesheet.id == timesheet_id,
                 entries=LabourEntry.timesheet_id == timesheet_id)[0]


def list_timesheets(db: Database, actor: Actor, *, status: ApprovalStatus | None = None,
                    text: str = "", site: str | None = None, offset: int = 0,
                    limit: int | None = 200, cancel: Cancel | None = None
                    ) -> list[TimesheetRow]:
    """The office's timesheets, newest period first; `text` matches a timesheet reference or
    the household's name; `site` keeps one dwelling's (its file). `cancel` stops the read
    from another thread (data.cancel): the dwelling file's list, read in a worker."""
    require(actor, Action.VIEW_CASES)
    condition: ColumnElement[bool] = literal(True)
    if actor.office_id is not None:
        condition = Dwelling.office_id == actor.office_id
    entries = None
    if site is not None:
        condition = and_(condition, Dwelling.ref == site)
        entries = LabourEntry.dwelling_id == select(Dwelling.id).where(
            Dwelling.ref == site).scalar_subquery()
    if status is not None:
        condition = and_(condition, Timesheet.status == status)
    for word in text.split():
        condition = and_(condition, or_(Timesheet.ref.startswith(word.upper()),
                                        Household.search_key.contains(fold(word))))
    with db.read() as session, interruptible(session, cancel):
        return _rows(session, condition, offset, limit, entries)


def load_timesheet(session: Session, actor: Actor, timesheet_id: uuid.UUID) -> Timesheet:
    timesheet = session.get(Timesheet, timesheet_id)
    if timesheet is None or timesheet.deleted_at is not None:
        raise NotFound(translate("timesheets", "That timesheet does not exist any more."))
    load_dwelling(session, actor, timesheet.dwelling_id)  # refused in another office
    return timesheet


def find_timesheet(db: Database, actor: Actor, ref: str) -> uuid.UUID:
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        found = session.scalar(select(Timesheet.id).where(
            Timesheet.ref == ref.strip().upper(), Timesheet.deleted_at.is_(None)))
        if found is None:
            raise NotFound(translate("timesheets", "No timesheet {ref} exists; give a reference "
                                                   "such as GAZ-D-000123-T01.").format(
                ref=ref.strip()), field="ref")
        load_timesheet(session, actor, found)
        return found


def timesheet_row(db: Database, actor: Actor, timesheet_id: uuid.UUID) -> TimesheetRow:
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        load_timesheet(session, actor, timesheet_id)
        return _row(session, timesheet_id)


# -- creating -------------------------------------------------------------------------------

def _create(session: Session, site: Dwelling, start: date, end: date) -> Timesheet:
    if end < start:
        raise ValidationError(translate("timesheets", "The period ends before it starts."),
                              field="period_end")
    if month_bounds(start) != month_bounds(end):
        raise ValidationError(translate("timesheets", "A timesheet covers days of one month, "
                                                      "so that it is paid in one batch; end it "
                                                      "on {day}.").format(
            day=date_text(month_bounds(start)[1])), field="period_end")
    overlap = session.scalar(select(Timesheet.ref).where(
        Timesheet.dwelling_id == site.id, Timesheet.deleted_at.is_(None),
        Timesheet.period_start <= end, Timesheet.period_end >= start))
    if overlap:
        raise ValidationError(translate("timesheets", "Timesheet {ref} already covers days of "
                                                      "this period.").format(ref=overlap),
                              field="period_start")
    count = session.scalar(select(func.count(Timesheet.id)).where(
        Timesheet.dwelling_id == site.id)) or 0
    timesheet = Timesheet(ref=f"{site.ref}-T{count + 1:02d}", dwelling_id=site.id,
                          period_start=start, period_end=end, status=ApprovalStatus.DRAFT)
    session.add(timesheet)
    session.flush()
    _collect(session, timesheet)
    return timesheet


def _collect(session: Session, timesheet: Timesheet) -> int:
    """Attach the site's entries of the period that belong to no timesheet yet."""
    entries = session.scalars(select(LabourEntry).where(
        LabourEntry.dwelling_id == timesheet.dwelling_id, LabourEntry.timesheet_id.is_(None),
        LabourEntry.deleted_at.is_(None),
        LabourEntry.work_date.between(timesheet.period_start, timesheet.period_end))).all()
    for entry in entries:
        entry.timesheet_id = timesheet.id
    return len(entries)


def create_timesheet(db: Database, actor: Actor, site: str | uuid.UUID, start: date,
                     end: date) -> TimesheetRow:
    """A draft timesheet of the site for `start`..`end`, holding the days logged in it."""
    require(actor, Action.EDIT_CASES)
    with db.write(actor) as session:
        timesheet = _create(session, load_site(session, actor, site), start, end)
        return _row(session, timesheet.id)


def week_parts(day: date) -> list[tuple[date, date]]:
    """The timesheet periods of `day`'s week: one, or two when a month ends in it."""
    monday = week_start(day)
    parts = [timesheet_period(monday), timesheet_period(monday + timedelta(days=6))]
    return list(dict.fromkeys(parts))


# -- the approval flow ----------------------------------------------------------------------

def _check_days(session: Session, timesheet: Timesheet) -> None:
    """Refuse to submit or approve a timesheet holding a day of another site or period
    (domain.cash_for_work.check_timesheet_day). The laptop's own writes never put one there,
    and the server refuses a pushed one; rows synced or written before the rule may hold one."""
    period = (timesheet.period_start, timesheet.period_end)
    stray = session.execute(
        select(Worker.full_name, Dwelling.ref, LabourEntry.work_date)
        .join(Worker, Worker.id == LabourEntry.worker_id)
        .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
        .where(LabourEntry.timesheet_id == timesheet.id, LabourEntry.deleted_at.is_(None),
               or_(LabourEntry.dwelling_id != timesheet.dwelling_id,
                   not_(LabourEntry.work_date.between(*period))))
        .order_by(LabourEntry.work_date, Dwelling.ref).limit(1)).first()
    if stray is not None:
        site = session.scalar(select(Dwelling.ref).where(Dwelling.id == timesheet.dwelling_id))
        check_timesheet_day(timesheet.ref, str(site), period, *stray)


def _submit(session: Session, actor: Actor, timesheet: Timesheet) -> None:
    if timesheet.status not in EDITABLE:
        raise UserError(translate("timesheets", "{ref} is {status}; only a draft or returned "
                                                "timesheet can be submitted.").format(
            ref=timesheet.ref, status=status_label(timesheet.status).lower()))
    _collect(session, timesheet)
    session.flush()
    logged = session.scalar(select(func.count(LabourEntry.id)).where(
        LabourEntry.timesheet_id == timesheet.id, LabourEntry.deleted_at.is_(None)))
    if not logged:
        raise UserError(translate("timesheets", "{ref} has no days logged; log the labour "
                                                "before submitting.").format(ref=timesheet.ref))
    _check_days(session, timesheet)
    timesheet.status = ApprovalStatus.SUBMITTED
    timesheet.submitted_at = clock.now()
    timesheet.submitted_by = actor.user_id


def submit(db: Database, actor: Actor, timesheet_id: uuid.UUID) -> TimesheetRow:
    """The engineer hands the timesheet to a supervisor; its days are locked meanwhile."""
    require(actor, Action.SUBMIT_FOR_APPROVAL)
    with db.write(actor) as session:
        timesheet = load_timesheet(session, actor, timesheet_id)
        _submit(session, actor, timesheet)
        session.flush()
        return _row(session, timesheet.id)


def submit_week(db: Database, actor: Actor, site: str | uuid.UUID, day: date
                ) -> list[TimesheetRow]:
    """Submit the labour of `day`'s week on the site: its timesheet(s) are made when missing;
    a part of the week without days is left alone."""
    require(actor, Action.SUBMIT_FOR_APPROVAL)
    with db.write(actor) as session:
        dwelling = load_site(session, actor, site)
        submitted = []
        for start, end in week_parts(day):
            logged = session.scalar(select(func.count(LabourEntry.id)).where(
                LabourEntry.dwelling_id == dwelling.id, LabourEntry.deleted_at.is_(None),
                LabourEntry.work_date.between(start, end)))
            if not logged:
                continue
            timesheet = session.scalar(select(Timesheet).where(
                Timesheet.dwelling_id == dwelling.id, Timesheet.deleted_at.is_(None),
                Timesheet.period_start <= end, Timesheet.period_end >= start))
            if timesheet is None:
                timesheet = _create(session, dwelling, start, end)
            _submit(session, actor, timesheet)
            submitted.append(timesheet.id)
        if not submitted:
            raise UserError(translate("timesheets", "No days are logged on {site} in the week "
                                                    "of {day}; log the labour first.").format(
                site=dwelling.ref, day=date_text(week_start(day))))
        session.flush()
        return [_row(session, timesheet_id) for timesheet_id in submitted]


def _submitted(session: Session, actor: Actor, timesheet_id: uuid.UUID) -> Timesheet:
    require(actor, Action.APPROVE)
    timesheet = load_timesheet(session, actor, timesheet_id)
    if timesheet.status is not ApprovalStatus.SUBMITTED:
        raise UserError(translate("timesheets", "{ref} is {status}, not submitted; only a "
                                                "submitted timesheet can be approved or "
                                                "returned.").format(
            ref=timesheet.ref, status=status_label(timesheet.status).lower()))
    return timesheet


def _decided(timesheet: Timesheet, actor: Actor, status: ApprovalStatus,
             reason: str | None) -> None:
    timesheet.status = status
    timesheet.return_reason = reason
    timesheet.decided_at = clock.now()
    timesheet.decided_by = actor.user_id


def approve(db: Database, actor: Actor, timesheet_id: uuid.UUID) -> TimesheetRow:
    """A supervisor approves: the days are locked and can be paid."""
    with db.write(actor) as session:
        timesheet = _submitted(session, actor, timesheet_id)
        if actor.user_id is not None and timesheet.submitted_by == actor.user_id:
            raise PermissionDenied(translate("timesheets", "You submitted {ref} yourself; "
                                                           "another supervisor approves it.")
                                   .format(ref=timesheet.ref))
        _check_days(session, timesheet)
        _decided(timesheet, actor, ApprovalStatus.APPROVED, None)
        session.flush()
        return _row(session, timesheet.id)


def _reason(reason: str, message: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise ValidationError(message, field="reason")
    return cleaned


def return_timesheet(db: Database, actor: Actor, timesheet_id: uuid.UUID,
                     reason: str) -> TimesheetRow:
    """A supervisor sends the timesheet back to the engineer, saying what to correct."""
    reason = _reason(reason, translate("timesheets", "Say why the timesheet is returned, so the "
                                                     "engineer knows what to correct."))
    with db.write(actor) as session:
        timesheet = _submitted(session, actor, timesheet_id)
        _decided(timesheet, actor, ApprovalStatus.RETURNED, reason)
        session.flush()
        return _row(session, timesheet.id)


def reopen(db: Database, actor: Actor, timesheet_id: uuid.UUID, reason: str) -> TimesheetRow:
    """A supervisor unlocks an approved timesheet for correction (returned, with the reason);
    the audit trail records the change with the reason. Taken out of a draft batch, whose total
    follows; refused once its batch was exported or paid."""
    require(actor, Action.REOPEN_APPROVED)
    reason = _reason(reason, translate("timesheets", "Say why the approved timesheet is "
                                                     "reopened; the reason goes into the audit "
                                                     "trail."))
    with db.write(actor, reason=reason) as session:
        timesheet = load_timesheet(session, actor, timesheet_id)
        unlock(session, timesheet, actor, reason)
        return _row(session, timesheet.id)


def unlock(session: Session, timesheet: Timesheet, actor: Actor, reason: str) -> None:
    """Reopen an approved timesheet in the caller's audited transaction (a reopen request
    approved in the inbox uses it too)."""
    if timesheet.status is not ApprovalStatus.APPROVED:
        raise UserError(translate("timesheets", "{ref} is {status}; only an approved "
                                                "timesheet is reopened.").format(
            ref=timesheet.ref, status=status_label(timesheet.status).lower()))
    batch = session.get(PaymentBatch, timesheet.payment_batch_id) \
        if timesheet.payment_batch_id else None
    if batch is not None and batch.status is not BatchStatus.DRAFT:
        raise UserError(translate("timesheets", "{ref} was paid in batch {batch}, which went "
                                                "to finance; correct the pay in a later "
                                                "timesheet instead.").format(
            ref=timesheet.ref, batch=batch.ref))
    _decided(timesheet, actor, ApprovalStatus.RETURNED, reason)
    if batch is not None:
        timesheet.payment_batch_id = None
        session.flush()
        batch.total = batch_total(session, batch.id, batch.period)
        if not session.scalar(select(func.count(Timesheet.id)).where(
                Timesheet.payment_batch_id == batch.id)):
            batch.deleted_at = clock.now()
    session.flush()

