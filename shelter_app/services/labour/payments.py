"""Payment batches: a month's approved timesheets, paid per worker at the rate of each day.

A supervisor builds a batch per office and month from the approved timesheets not yet in one.
Its lines are computed, never typed: each worker's approved days grouped by the daily rate in
force on them (the dated setting cfw.daily_rate of the site's office), days x rate rounded per
line, the total the sum of the lines. The sums are made in SQL, grouped by worker and rate
(usually one rate the whole month), so 100,000 entries cost one query, not 100,000 objects. The
total stored when the batch is built is checked again at every export: a rate changed
afterwards for those days is refused, not silently paid.

Status: draft (built) -> exported (the file went to finance) -> paid.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, String, and_, case, func, literal, select, type_coerce
from sqlalchemy.orm import Session

from shelter_app.data.audit import update_matching
from shelter_app.data.bulk import roomy_cache
from shelter_app.data.collation import turkish
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    Dwelling,
    Household,
    LabourEntry,
    Office,
    PaymentBatch,
    Setting,
    Timesheet,
    User,
    Worker,
)
from shelter_app.documents.payment_list import PaymentLine, PaymentListDocument
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import (
    PayLine,
    check_month_over,
    parse_period,
    pay_total,
    period_text,
)
from shelter_app.domain.errors import NotFound, PermissionDenied, UserError, ValidationError
from shelter_app.domain.i18n import money_text, translate
from shelter_app.domain.money import sum_money
from shelter_app.domain.permissions import Action, batch_action
from shelter_app.domain.stages import ApprovalStatus, BatchStatus
from shelter_app.services.accounts.auth import SYSTEM, Actor, require
from shelter_app.services.accounts.settings import setting

RATE_KEY = "cfw.daily_rate"
FORMATS = ("xlsx", "csv")


def batch_status_label(status: BatchStatus) -> str:
    return {
        BatchStatus.DRAFT: lambda: translate("payments", "Draft"),
        BatchStatus.EXPORTED: lambda: translate("payments", "Exported"),
        BatchStatus.PAID: lambda: translate("payments", "Paid"),
    }[status]()


@dataclass(frozen=True)
class BatchRow:
    id: uuid.UUID
    ref: str
    period: str
    status: BatchStatus
    total: Decimal
    timesheets: int
    created_at: datetime
    paid_at: datetime | None


def require_payment_data(actor: Actor) -> None:
    """Payment lists show IDs and IBANs in clear: the roles that may see them, or the command
    line run by whoever holds the database file."""
    if actor is not SYSTEM:
        require(actor, batch_action(BatchStatus.DRAFT, BatchStatus.EXPORTED))


# -- the sums -------------------------------------------------------------------------------

class Rates:
    """The daily rate of an office on a day, read once per office and span of equal rates."""

    def __init__(self, session: Session, first: date, last: date) -> None:
        self.session = session
        changes = session.scalars(select(Setting.valid_from).distinct().where(
            Setting.key == RATE_KEY, Setting.deleted_at.is_(None),
            Setting.valid_from > first, Setting.valid_from <= last))
        # the first day of each span over which no rate setting changes
        self.starts = [first, *sorted(changes)]
        self._cache: dict[tuple[Any, date], Decimal] = {}

    def rate(self, office_id: Any, span: int) -> Decimal:
        key = (office_id, self.starts[span])
        if key not in self._cache:
            value = setting(self.session, RATE_KEY, on=self.starts[span], office_id=office_id)
            self._cache[key] = Decimal(str(value))
        return self._cache[key]

    def levels(self, office_id: Any) -> tuple[list[Decimal], ColumnElement[Any] | None]:
        """The office's distinct rates, lowest first, and the index among them of an entry's
        rate, as SQL (None: one rate throughout). Spans of one rate share an index, so a
        worker's days at one rate are one line."""
        rates = [self.rate(office_id, span) for span in range(len(self.starts))]
        levels = sorted(set(rates))
        if len(levels) == 1:
            return levels, None
        return levels, case(*[(LabourEntry.work_date >= start, levels.index(rate))
                              for start, rate in reversed(list(zip(self.starts, rates)))],
                            else_=levels.index(rates[0]))


class Days:
    """The live days of the timesheets matching `condition`, per worker and rate, summed by
    the database: 100,000 entries cost one query, not 100,000 objects.

    The rates are the office's of the first matching timesheet's site: a batch holds one
    office's timesheets (it is built per office), a timesheet only its own site's days
    (cash_for_work.check_timesheet_day, held by the timesheets and the sync server), and a
    site is in one office, so the entries need no join to their sites to find it."""

    def __init__(self, session: Session, condition: ColumnElement[bool], rates: Rates) -> None:
        self.session = session
        self.entries = (select(LabourEntry.worker_id)
                        .join(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
                        .where(condition, LabourEntry.deleted_at.is_(None)))
        office_id = session.scalar(self.entries.with_only_columns(Dwelling.office_id).join(
            Dwelling, Dwelling.id == Timesheet.dwelling_id).limit(1))
        self.rates, self.level = rates.levels(office_id)

    def _by(self, *keys: ColumnElement[Any]) -> Any:
        """(rate index, days) of the entries, grouped by `keys` and rate."""
        level = self.level if self.level is not None else literal(0)
        return self.entries.with_only_columns(
            *keys, level.label("level"), func.sum(LabourEntry.portion).label("days")).group_by(
            *keys, *(() if self.level is None else (self.level,)))

    def lines(self, *columns: ColumnElement[Any]) -> list[tuple[Any, ...]]:
        """One line per worker and rate: `columns` of the worker (or its household), the days
        and the rate. The sums are joined to their workers in the same statement: a second
        read of the workers of the entries read the 100,000 entries again."""
        sums = self._by(LabourEntry.worker_id).subquery()
        return [(*values, Decimal(str(days)), self.rates[level])
                for *values, level, days in self.session.execute(
                    select(*columns, sums.c.level, sums.c.days)
                    .join_from(sums, Worker, Worker.id == sums.c.worker_id)
                    .join(Household, Household.id == Worker.household_id))]

    def total(self) -> Decimal:
        """The sum of the lines. Where every rate pays a day's smallest part (0.1) in whole
        kuruş, no line is rounded, so the lines at a rate add up to one line of all their
        days: a sum per rate. Otherwise from how many lines have each number of days at each
        rate (a few dozen rows where a month has thousands of lines)."""
        step = Decimal(1).scaleb(-LabourEntry.portion.type.scale)
        if all(PayLine(step, rate).amount == step * rate for rate in self.rates):
            return pay_total(PayLine(Decimal(str(days)).quantize(step), self.rates[level])
                             for level, days in self.session.execute(self._by()) if days)
        lines = self._by(LabourEntry.worker_id).subquery()
        return sum_money(PayLine(Decimal(str(days)), self.rates[level]).amount * count
                         for level, days, count in self.session.execute(
                             select(lines.c.level, lines.c.days, func.count())
                             .group_by(lines.c.level, lines.c.days)))


def batch_total(session: Session, batch_id: uuid.UUID, period: str) -> Decimal:
    first, last = parse_period(period)
    return Days(session, Timesheet.payment_batch_id == batch_id,
                Rates(session, first, last)).total()


def site_paid(db: Database, actor: Actor, site_ref: str) -> Decimal:
    """What one site's workers were paid: its days in batches marked paid, at their rates."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        site = select(Dwelling.id).where(Dwelling.ref == site_ref).scalar_subquery()
        paid = select(PaymentBatch.id).where(PaymentBatch.status == BatchStatus.PAID)
        first, last = session.execute(
            select(func.min(LabourEntry.work_date), func.max(LabourEntry.work_date))
            .where(LabourEntry.dwelling_id == site)).one()
        if first is None:
            return Decimal("0.00")
        return Days(session, and_(LabourEntry.dwelling_id == site,
                                  Timesheet.payment_batch_id.in_(paid)),
                    Rates(session, first, last)).total()


# -- building -------------------------------------------------------------------------------

def _pending(first: date, last: date, office_id: uuid.UUID | None, *, probe: bool = False
             ) -> ColumnElement[bool]:
    """Approved timesheets of the month not yet in a batch (of one office, when given). A
    `probe` for whether one waits looks up the office of each timesheet it meets, where the
    others list the office's dwellings first (5,000 in a programme: 5 ms for one row)."""
    condition = ((Timesheet.status == ApprovalStatus.APPROVED)
                 & Timesheet.payment_batch_id.is_(None) & Timesheet.deleted_at.is_(None)
                 & Timesheet.period_start.between(first, last))
    if office_id is None:
        return condition
    if probe:
        return condition & select(Dwelling.id).where(
            Dwelling.id == Timesheet.dwelling_id, Dwelling.office_id == office_id).exists()
    return condition & Timesheet.dwelling_id.in_(
        select(Dwelling.id).where(Dwelling.office_id == office_id))


def build_batches(db: Database, actor: Actor, period: str, reason: str = "") -> list[BatchRow]:
    """A draft batch per office from the month's approved timesheets not yet in a batch; a
    month not over yet only with the supervisor's `reason` (kept in the audit trail)."""
    require(actor, batch_action(None, BatchStatus.DRAFT))
    first, last = parse_period(period)
    check_month_over(last, clock.today(), reason)
    with db.write(actor, reason=reason.strip() or None) as session, \
            roomy_cache(session.connection()):  # 25,000 timesheets' events and ops: ~30 MiB
        offices = session.execute(
            select(Office.id, Office.code).where(Office.deleted_at.is_(None)).order_by(
                Office.code)).all()
        built = []
        for office_id, code in offices:
            if actor.office_id is not None and office_id != actor.office_id:
                continue
            if session.scalar(select(Timesheet.id).where(
                    _pending(first, last, office_id, probe=True)).limit(1)) is None:
                continue
            prefix = f"{code}-P-{first:%Y%m}-"
            number = session.scalar(select(func.count(PaymentBatch.id)).where(
                PaymentBatch.ref.startswith(prefix))) or 0
            batch = PaymentBatch(ref=f"{prefix}{number + 1}", period=period_text(first),
                                 status=BatchStatus.DRAFT, total=Decimal("0.00"))
            session.add(batch)
            session.flush()
            linked = update_matching(session, Timesheet, _pending(first, last, office_id),
                                     "payment_batch_id", batch.id)
            batch.total = batch_total(session, batch.id, batch.period)
            session.add(AuditEvent(user_id=actor.user_id, created_by=actor.user_id,
                                   action="link", entity="payment_batches", entity_id=batch.id,
                                   changes={"timesheets": [None, linked]}))
            session.flush()
            built.append(BatchRow(batch.id, batch.ref, batch.period, batch.status, batch.total,
                                  linked, batch.created_at, batch.paid_at))
        if not built:
            raise UserError(translate("payments", "No approved timesheet of {period} waits for "
                                                  "payment; approve timesheets first.").format(
                period=period_text(first)), field="period")
        return built  # as written: reading them back cost a statement and a count


# -- reading --------------------------------------------------------------------------------

def _office_filter(actor: Actor, session: Session) -> ColumnElement[bool]:
    if actor.office_id is None:
        return literal(True)
    code = session.scalar(select(Office.code).where(Office.id == actor.office_id))
    return PaymentBatch.ref.startswith(f"{code}-")


def _rows(session: Session, condition: ColumnElement[bool], offset: int = 0,
          limit: int | None = None) -> list[BatchRow]:
    counted = (select(func.count()).select_from(Timesheet)  # from the batch's index entries
               .where(Timesheet.payment_batch_id == PaymentBatch.id).scalar_subquery())
    rows = session.execute(
        select(PaymentBatch, counted)
        .where(condition, PaymentBatch.deleted_at.is_(None))
        .order_by(PaymentBatch.period.desc(), PaymentBatch.ref).offset(offset).limit(limit))
    return [BatchRow(b.id, b.ref, b.period, b.status, b.total, n or 0, b.created_at, b.paid_at)
            for b, n in rows]


def list_batches(db: Database, actor: Actor, period: str | None = None, *, offset: int = 0,
                 limit: int | None = 200) -> list[BatchRow]:
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        condition = _office_filter(actor, session)
        if period:
            condition = condition & (PaymentBatch.period == period_text(parse_period(period)[0]))
        return _rows(session, condition, offset, limit)


def pending_days(db: Database, actor: Actor, period: str) -> tuple[int, Decimal]:
    """How many approved timesheets of the month, with how many days, wait for a batch."""
    require(actor, Action.VIEW_CASES)
    first, last = parse_period(period)
    with db.read() as session:
        pending = _pending(first, last, actor.office_id)
        count, days = session.execute(
            select(func.count(func.distinct(Timesheet.id)), func.sum(LabourEntry.portion))
            .select_from(Timesheet)
            .outerjoin(LabourEntry, (LabourEntry.timesheet_id == Timesheet.id)
                       & LabourEntry.deleted_at.is_(None))
            .where(pending)).one()
        return count or 0, Decimal(str(days or 0))


def _load(session: Session, actor: Actor, batch_id: uuid.UUID) -> PaymentBatch:
    batch = session.get(PaymentBatch, batch_id)
    if batch is None or batch.deleted_at is not None:
        raise NotFound(translate("payments", "That payment batch does not exist any more."),
                       field="batch")
    if actor.office_id is not None:
        code = session.scalar(select(Office.code).where(Office.id == actor.office_id))
        if not batch.ref.startswith(f"{code}-"):
            raise PermissionDenied(translate("payments", "Batch {ref} belongs to another "
                                                         "office.").format(ref=batch.ref))
    return batch


def period_batches(db: Database, actor: Actor, period: str) -> list[uuid.UUID]:
    return [row.id for row in list_batches(db, actor, period, limit=None)]


def payment_list(db: Database, actor: Actor, batch_ids: Sequence[uuid.UUID]
                 ) -> PaymentListDocument:
    """The lines of the batches, in clear, checked against the totals they were built with."""
    require_payment_data(actor)
    if not batch_ids:
        raise UserError(translate("payments", "Choose a payment batch."), field="batch")
    with db.read() as session:
        batches = [_load(session, actor, batch_id) for batch_id in batch_ids]
        lines: list[PaymentLine] = []
        for batch in batches:
            lines += _batch_lines(session, batch)
        offices = sorted({batch.ref.split("-")[0] for batch in batches})
        names = list(session.scalars(select(Office.name).where(Office.code.in_(offices))
                                     .order_by(turkish(Office.name))))
        prepared = session.scalar(select(User.full_name).where(
            User.id == batches[0].created_by)) if batches[0].created_by else None
    statuses = sorted({batch_status_label(batch.status) for batch in batches})
    number = batches[0].ref + (f" +{len(batches) - 1}" if len(batches) > 1 else "")
    return PaymentListDocument(number, ", ".join(sorted({b.period for b in batches})),
                               ", ".join(names), ", ".join(statuses), lines, prepared)


def _batch_lines(session: Session, batch: PaymentBatch) -> list[PaymentLine]:
    first, last = parse_period(batch.period)
    lines = [PaymentLine(batch.ref, *line) for line in Days(
        session, Timesheet.payment_batch_id == batch.id, Rates(session, first, last)).lines(
        Worker.ref, Worker.full_name, Worker.id_number, Household.ref,
        type_coerce(Worker.payment_method, String), Worker.iban)]
    total = pay_total(PayLine(line.days, line.rate) for line in lines)
    if total != batch.total:
        raise UserError(translate(
            "payments", "Batch {ref} was built for {built} but its days now come to {now}: a "
                        "daily rate for {period} was changed afterwards. Restore the rate, or "
                        "ask a supervisor to reopen the timesheets.").format(
            ref=batch.ref, built=money_text(batch.total), now=money_text(total),
            period=batch.period))
    return sorted(lines, key=lambda line: (line.worker_ref, line.rate))


# -- files and status -----------------------------------------------------------------------

def _write(target: Path, write: Any) -> None:
    try:
        write()
    except OSError as error:
        raise UserError(translate("payments", "Cannot write {path}: {error}").format(
            path=target, error=error.strerror or error), field="out") from None


def export_payments(db: Database, actor: Actor, batch_ids: Sequence[uuid.UUID], target: Path,
                    *, fmt: str = "xlsx", method: str | None = None) -> PaymentListDocument:
    """Write the payment list for finance (XLSX, or CSV of one method or both); draft batches
    become exported."""
    from shelter_app.documents.payment_files import save_payments_csv, save_payments_xlsx

    if fmt not in FORMATS:
        raise ValidationError(translate("payments", "Export as xlsx or csv, not {fmt}.").format(
            fmt=fmt), field="format")
    document = payment_list(db, actor, batch_ids)
    if fmt == "xlsx":
        _write(target, lambda: save_payments_xlsx(document, target))
    else:
        _write(target, lambda: save_payments_csv(document, target, method))
    with db.write(actor) as session:
        for batch_id in batch_ids:
            batch = _load(session, actor, batch_id)
            if batch.status is BatchStatus.DRAFT:
                batch.status = BatchStatus.EXPORTED
    return document


def print_payment_list(db: Database, actor: Actor, batch_ids: Sequence[uuid.UUID],
                       target: Path) -> PaymentListDocument:
    """The payment list with signature blocks, as a PDF."""
    from shelter_app.documents.payment_list import render_payment_list

    document = payment_list(db, actor, batch_ids)
    _write(target, lambda: render_payment_list(document, target))
    return document


def mark_paid(db: Database, actor: Actor, batch_id: uuid.UUID,
              paid_on: date | None = None) -> BatchRow:
    """Finance has paid an exported batch (a supervisor records it)."""
    require(actor, batch_action(BatchStatus.EXPORTED, BatchStatus.PAID))
    with db.write(actor) as session:
        batch = _load(session, actor, batch_id)
        if batch.status is not BatchStatus.EXPORTED:
            raise UserError(translate(
                "payments", "Batch {ref} is {status}; only an exported batch can be marked "
                            "paid.").format(ref=batch.ref,
                                            status=batch_status_label(batch.status).lower()))
        when = datetime.combine(paid_on, datetime.min.time(), UTC) if paid_on else \
            clock.now()
        if when.date() > clock.today() + timedelta(days=1):
            raise ValidationError(translate("payments", "The payment date is in the future."),
                                  field="paid_on")
        batch.status = BatchStatus.PAID
        batch.paid_at = when
        session.flush()
        return _rows(session, PaymentBatch.id == batch.id)[0]
