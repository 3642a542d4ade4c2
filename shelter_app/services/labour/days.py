"""Daily labour: the engineer logs who worked on a site, full or half days, with the task.

Every change is judged by domain.cash_for_work with the policy in force that day (dated
settings of the site's office). A block raises ValidationError naming the field, and nothing
is saved. Warnings come back in the `LogResult` with nothing saved; the same call with an
override reason saves, and the reason is stored on each entry that needed it. A call is one
transaction: all its days are saved or none.

A day inside a submitted or approved timesheet of the site is locked: every change is refused
with a message saying who can unlock it. New entries join the site's timesheet for their day
when one exists (timesheets.create_timesheet collects earlier ones).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    Dwelling,
    Household,
    LabourEntry,
    LeaseAgreement,
    Timesheet,
    Worker,
)
from shelter_app.domain.collation import sorted_names
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import (
    ABSENT,
    DayFacts,
    Policy,
    Rule,
    age_on,
    check_day,
    check_works_window,
    month_bounds,
    parse_portion,
    programme_year,
)
from shelter_app.domain.errors import NotFound, ValidationError
from shelter_app.domain.fields import text
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus, ProtectionStatus, Stage
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.settings import setting
from shelter_app.services.cases.access import in_office, load_dwelling

# Statuses of a timesheet whose days cannot change.
LOCKED = (ApprovalStatus.SUBMITTED, ApprovalStatus.APPROVED)
# The field a blocking rule is shown at.
RULE_FIELDS = {Rule.FUTURE: "work_date", Rule.OVER_ONE_DAY: "portion",
               Rule.MONTH_CAP: "portion", Rule.YEAR_CAP: "portion", Rule.MIN_AGE: "worker",
               Rule.TWO_SITES: "site"}
_STAGES = list(Stage)


@dataclass(frozen=True)
class DayChange:
    """One grid cell as it should be: the worker's portion of this day on the site."""

    worker_id: uuid.UUID
    day: date
    portion: Decimal | str
    task: str | None = None


@dataclass(frozen=True)
class RuleWarning:
    worker_id: uuid.UUID
    day: date
    rule: Rule
    message: str


@dataclass(frozen=True)
class LogResult:
    """How many days were saved, and the warnings met. With warnings and no reason given,
    nothing was saved: repeat the call with `override_reason`."""

    saved: int
    warnings: tuple[RuleWarning, ...] = ()

    @property
    def needs_reason(self) -> bool:
        return self.saved == 0 and bool(self.warnings)


class _NeedsReason(Exception):
    """Rolls the transaction back when warnings met no reason."""


def policy_on(session: Session, day: date, office_id: uuid.UUID | None) -> Policy:
    def value(key: str) -> object:
        return setting(session, key, on=day, office_id=office_id)

    return Policy(Decimal(str(value("cfw.max_days_per_month"))),
                  Decimal(str(value("cfw.max_days_per_year"))),
                  str(value("cfw.programme_year_start")), int(str(value("cfw.min_age"))),
                  int(str(value("cfw.workers_per_household"))))


def works_window(session: Session, site_id: uuid.UUID) -> tuple[date | None, date | None]:
    """(the day the site's agreement was first signed, the day its final assessment found the
    works complete): the days labour may be logged on (domain.cash_for_work)."""
    return works_windows(session, [site_id])[site_id]


def works_windows(session: Session, site_ids: Sequence[uuid.UUID]
                  ) -> dict[uuid.UUID, tuple[date | None, date | None]]:
    """`works_window` of each site, in two queries (the sync server decides a pushed batch's
    labour days together)."""
    signed = dict(session.execute(select(
        LeaseAgreement.dwelling_id, func.min(LeaseAgreement.signed_on)).where(
        LeaseAgreement.dwelling_id.in_(site_ids), LeaseAgreement.deleted_at.is_(None),
        LeaseAgreement.signed_on.is_not(None)).group_by(LeaseAgreement.dwelling_id)).all())
    completed = dict(session.execute(select(
        Assessment.dwelling_id, func.min(Assessment.assessed_on)).where(
        Assessment.dwelling_id.in_(site_ids), Assessment.deleted_at.is_(None),
        Assessment.is_final.is_(True)).group_by(Assessment.dwelling_id)).all())
    return {site_id: (signed.get(site_id), completed.get(site_id)) for site_id in site_ids}


def covering_timesheet(session: Session, site_id: uuid.UUID, day: date) -> Timesheet | None:
    return session.scalar(select(Timesheet).where(
        Timesheet.dwelling_id == site_id, Timesheet.deleted_at.is_(None),
        Timesheet.period_start <= day, Timesheet.period_end >= day))


def lock_message(ref: str, status: ApprovalStatus, day: date) -> str:
    if status is ApprovalStatus.APPROVED:
        message = translate("labour", "{day} is in timesheet {ref}, which is approved and "
                                      "locked; only a supervisor can reopen it.")
    else:
        message = translate("labour", "{day} is in timesheet {ref}, which is submitted for "
                                      "approval; it can be changed if the supervisor returns "
                                      "it.")
    return message.format(day=date_text(day), ref=ref)


def load_site(session: Session, actor: Actor, site: str | uuid.UUID) -> Dwelling:
    """A dwelling whose works are in progress (or done), in the actor's office."""
    dwelling = load_dwelling(session, actor, site)
    if _STAGES.index(dwelling.stage) < _STAGES.index(Stage.WORKS_IN_PROGRESS):
        raise ValidationError(translate(
            "labour", "{ref} is at stage \"{stage}\"; labour is logged once its works are in "
                      "progress.").format(ref=dwelling.ref, stage=dwelling.stage.label),
            field="site")
    return dwelling


class _Log:
    """The changes of one call, in one session: loads what the rules need, keeps warnings."""

    def __init__(self, session: Session, actor: Actor, site: Dwelling, today: date,
                 reason: str | None) -> None:
        self.session = session
        self.actor = actor
        self.site = site
        self.today = today
        self.reason = reason
        self.warnings: list[RuleWarning] = []
        self.saved = 0
        self._workers: dict[uuid.UUID, tuple[Worker, Household]] = {}
        self._policies: dict[date, Policy] = {}
        self.window: tuple[date | None, date | None] | None = None  # works_window, once

    def worker(self, worker_id: uuid.UUID) -> tuple[Worker, Household]:
        if worker_id not in self._workers:
            worker = self.session.get(Worker, worker_id)
            if worker is None or worker.deleted_at is not None:
                raise NotFound(translate("labour", "That worker does not exist any more."),
                               field="worker")
            household = self.session.get(Household, worker.household_id)
            assert household is not None
            in_office(self.actor, household.office_id, worker.ref)
            self._workers[worker_id] = worker, household
        return self._workers[worker_id]

    def policy(self, day: date) -> Policy:
        if day not in self._policies:
            self._policies[day] = policy_on(self.session, day, self.site.office_id)
        return self._policies[day]

    def check_lock(self, day: date) -> Timesheet | None:
        """The site's timesheet for `day`, if any; refused when it is locked."""
        timesheet = covering_timesheet(self.session, self.site.id, day)
        if timesheet is not None and timesheet.status in LOCKED:
            raise ValidationError(lock_message(timesheet.ref, timesheet.status, day),
                                  field="timesheet")
        return timesheet

    def entries(self, worker_id: uuid.UUID, day: date) -> list[LabourEntry]:
        return list(self.session.scalars(select(LabourEntry).where(
            LabourEntry.worker_id == worker_id, LabourEntry.dwelling_id == self.site.id,
            LabourEntry.work_date == day, LabourEntry.deleted_at.is_(None))
            .order_by(LabourEntry.created_at)))

    def _days(self, worker_id: uuid.UUID, first: date, last: date) -> Decimal:
        total = self.session.scalar(select(func.sum(LabourEntry.portion)).where(
            LabourEntry.worker_id == worker_id, LabourEntry.deleted_at.is_(None),
            LabourEntry.work_date.between(first, last)))
        return Decimal(str(total or 0))

    def judge(self, worker_id: uuid.UUID, day: date, *, new_entry: bool,
              delta: Decimal) -> bool:
        """Apply the rules to a change adding `delta` days; raise on a block, keep warnings.
        True when the change met warnings (its entry keeps the reason)."""
        worker, household = self.worker(worker_id)
        policy = self.policy(day)
        on_day = self.session.execute(
            select(Dwelling.id, Dwelling.ref, func.sum(LabourEntry.portion))
            .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
            .where(LabourEntry.worker_id == worker_id, LabourEntry.work_date == day,
                   LabourEntry.deleted_at.is_(None))
            .group_by(Dwelling.id, Dwelling.ref)).all()
        month = month_bounds(day)
        year = programme_year(day, policy.year_start)
        others = tuple(sorted_names(self.session.scalars(
            select(Worker.full_name).distinct()
            .join(LabourEntry, LabourEntry.worker_id == Worker.id)
            .where(Worker.household_id == household.id, Worker.id != worker.id,
                   LabourEntry.deleted_at.is_(None),
                   LabourEntry.work_date.between(*month)))))
        facts = DayFacts(
            worker=worker.full_name, site=self.site.ref, day=day, today=self.today,
            new_entry=new_entry, grows=delta > 0,
            day_total=sum((Decimal(str(days)) for _, _, days in on_day), Decimal(0)) + delta,
            other_sites=tuple(ref for site_id, ref, _ in on_day if site_id != self.site.id),
            month_days=self._days(worker_id, *month) + delta,
            year_days=self._days(worker_id, *year) + delta,
            age=age_on(worker.birth_date, day),
            needs_permit=household.protection_status is ProtectionStatus.TEMPORARY,
            permit_number=worker.work_permit_number, permit_expiry=worker.work_permit_expiry,
            own_dwelling=self.site.household_id == household.id, household_others=others)
        found = check_day(facts, policy)
        blocks = [violation for violation in found if violation.blocking]
        if blocks:
            raise ValidationError(" ".join(violation.message for violation in blocks),
                                  field=RULE_FIELDS[blocks[0].rule])
        self.warnings += [RuleWarning(worker_id, day, violation.rule, violation.message)
                          for violation in found]
        return bool(found)

    def new_entry(self, change: DayChange, portion: Decimal, task: str | None,
                  timesheet: Timesheet | None) -> None:
        if self.window is None:
            self.window = works_window(self.session, self.site.id)
        check_works_window(self.site.ref, change.day, *self.window)
        warned = self.judge(change.worker_id, change.day, new_entry=True, delta=portion)
        self.session.add(LabourEntry(
            worker_id=change.worker_id, dwelling_id=self.site.id, work_date=change.day,
            portion=portion, task=task,
            timesheet_id=timesheet.id if timesheet is not None else None,
            override_reason=self.reason if warned else None))
        self.session.flush()
        self.saved += 1

    def set_cell(self, change: DayChange) -> None:
        """Make the worker's portion of the day on this site `change.portion` (0: absent)."""
        portion = parse_portion(change.portion)
        task = _task(change.task)
        self.worker(change.worker_id)
        entries = self.entries(change.worker_id, change.day)
        current = sum((entry.portion for entry in entries), Decimal(0))
        if portion == current and (task is None or all(e.task == task for e in entries)):
            return
        timesheet = self.check_lock(change.day)
        if portion == ABSENT:
            for entry in entries:
                entry.deleted_at = clock.now()
            self.saved += 1
            return
        if not entries:
            self.new_entry(change, portion, task, timesheet)
            return
        if portion > current:
            self.judge(change.worker_id, change.day, new_entry=False, delta=portion - current)
        first, *rest = entries
        first.portion = portion
        if task is not None:
            first.task = task
        for entry in rest:
            entry.deleted_at = clock.now()
        self.session.flush()
        self.saved += 1


def _task(raw: str | None) -> str | None:
    return text(raw, field="task", label=translate("labour", "task"), most=120, required=False)


def _run(db: Database, actor: Actor, site: str | uuid.UUID, changes: Sequence[DayChange],
         mode: str, override_reason: str | None, today: date | None) -> LogResult:
    require(actor, Action.EDIT_CASES)
    reason = (override_reason or "").strip() or None
    try:
        with db.write(actor) as session:
            log = _Log(session, actor, load_site(session, actor, site), today or clock.today(),
                       reason)
            for change in changes:
                if mode == "add":
                    portion = parse_portion(change.portion)
                    if portion == ABSENT:
                        raise ValidationError(translate("labour", "Log a full or a half day."),
                                              field="portion")
                    log.worker(change.worker_id)
                    log.new_entry(change, portion, _task(change.task),
                                  log.check_lock(change.day))
                else:
                    log.set_cell(change)
            if log.warnings and reason is None:
                raise _NeedsReason
    except _NeedsReason:
        return LogResult(0, tuple(log.warnings))
    return LogResult(log.saved, tuple(log.warnings))


def set_day(db: Database, actor: Actor, site: str | uuid.UUID, worker_id: uuid.UUID, day: date,
            portion: Decimal | str, *, task: str | None = None,
            override_reason: str | None = None, today: date | None = None) -> LogResult:
    """One grid cell: the worker's day on the site becomes full, half or absent."""
    return _run(db, actor, site, [DayChange(worker_id, day, portion, task)], "set",
                override_reason, today)


def set_week(db: Database, actor: Actor, site: str | uuid.UUID, changes: Sequence[DayChange],
             *, override_reason: str | None = None, today: date | None = None) -> LogResult:
    """Many grid cells at once (a whole week), all saved or none."""
    return _run(db, actor, site, changes, "set", override_reason, today)


def log_day(db: Database, actor: Actor, site: str | uuid.UUID, worker_id: uuid.UUID, day: date,
            portion: Decimal | str, *, task: str | None = None,
            override_reason: str | None = None, today: date | None = None) -> LogResult:
    """Add one entry (a half day of plastering beside a half day of painting): the day's
    entries together may not exceed one full day."""
    return _run(db, actor, site, [DayChange(worker_id, day, portion, task)], "add",
                override_reason, today)


def set_task(db: Database, actor: Actor, site: str | uuid.UUID, worker_id: uuid.UUID,
             day: date, task: str) -> None:
    """The task of a logged day (every entry of the worker's day on the site)."""
    require(actor, Action.EDIT_CASES)
    cleaned = _task(task)
    with db.write(actor) as session:
        log = _Log(session, actor, load_site(session, actor, site), clock.today(), None)
        log.worker(worker_id)
        entries = log.entries(worker_id, day)
        if not entries:
            raise ValidationError(translate("labour", "Log the day before giving its task."),
                                  field="task")
        log.check_lock(day)
        for entry in entries:
            entry.task = cleaned
