"""The programme at a glance: every figure of the Reports page, the XLSX and the PDF report.

Each figure is one SQL aggregate (grouped by office, stage, day...) over the records or over the
totals kept beside them (data.totals: an approved BoQ's total, a household's people by band, the
labour days per office and day), so 100,000 dwellings and a million labour days cost a few
small queries, never a Python loop over records. The same ProgrammeReport feeds the screen, the
spreadsheet and the PDF, so they cannot disagree.

Money follows the documents' rounding: a BoQ's value is its total with KDV as printed (kept at
approval), summed in whole kuruş; pay is the days of each month times the daily rate in force
on them in each office, rounded per month and rate. Money paid is the total of the cash-for-work
payment batches marked paid (their month in the period): no other payment is recorded.
"""

import time
import uuid
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, case, cast, func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQValueTotal,
    Dwelling,
    LabourDayTotal,
    LeaseAgreement,
    Office,
    PaymentBatch,
    ReachTotal,
)
from shelter_app.data.totals import MEMBER_COLUMNS
from shelter_app.domain import clock
from shelter_app.domain.household import MEMBER_KEYS
from shelter_app.domain.money import round_money
from shelter_app.domain.stages import BatchStatus, Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.accounts.settings import setting
from shelter_app.services.labour.payments import Rates
from shelter_app.services.reports.scope import STARTED, Scope, agreement_kinds, make_scope

CENT = Decimal("0.01")
AGREEMENT_KINDS = ("active", "ending_soon", "visits_overdue", "breached")


@dataclass(frozen=True)
class OfficeMoney:
    code: str
    name: str
    budget: Decimal | None  # None: no budget set
    approved: Decimal  # approved BoQs, with KDV
    paid: Decimal  # cash-for-work payment batches marked paid

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.approved - self.paid


@dataclass(frozen=True)
class MonthLabour:
    month: date  # its first day
    days: Decimal
    pay: Decimal


@dataclass(frozen=True)
class AgreementCounts:
    code: str
    active: int
    ending_soon: int  # active, ending within the lease.ending_soon_days setting
    visits_overdue: int  # active, with a monitoring visit due before today and not made
    breached: int

    def of(self, kind: str) -> int:
        return int(getattr(self, kind))


@dataclass(frozen=True)
class Group:
    """Households and the people in them (a nationality, a disability)."""

    key: str
    households: int
    people: int


@dataclass(frozen=True)
class Reach:
    households: int
    people: int
    members: dict[str, int]  # people by MEMBER_KEYS (sex and age band)
    nationalities: list[Group]  # most households first
    disability: Group


@dataclass(frozen=True)
class ProgrammeReport:
    scope: Scope
    today: date
    ending_soon_days: int
    offices: list[tuple[str, str]]  # (code, name) of the offices shown
    stages: dict[str, dict[Stage, int]]  # office code -> cases per stage
    money: list[OfficeMoney]
    labour: list[MonthLabour]
    agreements: list[AgreementCounts]
    reach: Reach
    query_ms: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def cases(self) -> int:
        return sum(sum(stages.values()) for stages in self.stages.values())


def ending_soon_days(session: Session) -> int:
    return int(setting(session, "lease.ending_soon_days"))


def programme_report(db: Database, actor: Actor, office: str | None = None,
                     first: date | None = None, last: date | None = None) -> ProgrammeReport:
    """Every figure of the programme for `office` (a code; None: every office the actor may
    see) and the period from `first` to `last` (either open)."""
    timings: dict[str, float] = {}

    @contextmanager
    def timed(name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        timings[name] = round((time.perf_counter() - started) * 1000, 1)

    with db.read() as session:
        scope = make_scope(session, actor, office, first, last)
        today = clock.today()
        ending_days = ending_soon_days(session)
        offices = session.execute(
            select(Office.id, Office.code, Office.name, Office.budget)
            .where(Office.deleted_at.is_(None), *scope.in_office(Office.id))
            .order_by(Office.code)).all()
        codes = {row.id: row.code for row in offices}
        with timed("stages"):
            stages = _stages(session, scope, codes)
        with timed("approved_boqs"):
            approved = _approved_value(session, scope)
        with timed("payments"):
            paid = _paid(session, scope)
        with timed("labour"):
            labour = _labour(session, scope)
        with timed("agreements"):
            agreements = _agreements(session, scope, codes, today, ending_days)
        with timed("reach"):
            reach = _reach(session, scope)
        money = [OfficeMoney(row.code, row.name, row.budget,
                             approved.get(row.id, Decimal("0.00")),
                             paid.get(row.id, Decimal("0.00"))) for row in offices]
        return ProgrammeReport(scope, today, ending_days,
                               [(row.code, row.name) for row in offices], stages, money,
                               labour, agreements, reach, timings)


def _stages(session: Session, scope: Scope, codes: dict[uuid.UUID, str]
            ) -> dict[str, dict[Stage, int]]:
    counts: dict[str, dict[Stage, int]] = {code: {} for code in codes.values()}
    for office_id, stage, count in session.execute(
            select(Dwelling.office_id, Dwelling.stage, func.count())
            .where(*scope.cases()).group_by(Dwelling.office_id, Dwelling.stage)):
        if office_id in codes:
            counts[codes[office_id]][stage] = count
    return counts


def _cents(value: Any, scale: int) -> Any:
    """A decimal column as a whole number of 1/10**scale (exact on SQLite's floats too)."""
    return cast(func.round(value * 10 ** scale), BigInteger)


def _approved_value(session: Session, scope: Scope) -> dict[uuid.UUID, Decimal]:
    """Per office, the total with KDV of each case's approved BoQ, as printed, approved in the
    period: the sums kept per office and day of approval (data.totals), in whole kuruş."""
    rows = session.execute(select(BoQValueTotal.office_id,
                                  func.sum(_cents(BoQValueTotal.value, 2)))
                           .where(*scope.days(BoQValueTotal.approved_on),
                                  *scope.in_office(BoQValueTotal.office_id))
                           .group_by(BoQValueTotal.office_id))
    return {office_id: (Decimal(int(kurus)) * CENT) for office_id, kurus in rows}


def _paid(session: Session, scope: Scope) -> dict[uuid.UUID, Decimal]:
    """Per office, the payment batches marked paid (a batch's reference starts with its
    office's code), their month in the period."""
    months = []
    if scope.first:
        months.append(PaymentBatch.period >= f"{scope.first:%Y-%m}")
    if scope.last:
        months.append(PaymentBatch.period <= f"{scope.last:%Y-%m}")
    rows = session.execute(
        select(Office.id, func.sum(PaymentBatch.total))
        .join(Office, PaymentBatch.ref.startswith(Office.code.concat("-")))
        .where(PaymentBatch.status == BatchStatus.PAID, PaymentBatch.deleted_at.is_(None),
               *scope.in_office(Office.id), *months)
        .group_by(Office.id))
    return {office_id: Decimal(str(total)).quantize(CENT) for office_id, total in rows}


def _labour(session: Session, scope: Scope) -> list[MonthLabour]:
    """Days worked per month, and their pay at the rate of each office and day: the days kept
    per office and day (data.totals) summed in SQL per office and span of days of one month
    and one rate (a hundred rows a year), folded here."""
    where = [*scope.days(LabourDayTotal.work_date), *scope.in_office(LabourDayTotal.office_id)]
    first, last = session.execute(select(func.min(LabourDayTotal.work_date),
                                         func.max(LabourDayTotal.work_date)).where(*where)).one()
    if first is None:
        return []
    rates = Rates(session, scope.first or first, scope.last or last)
    starts = sorted({first, *rates.starts[1:], *_months(first, last)})  # of each span
    spans = [case(*((LabourDayTotal.work_date < start, n - 1)
                    for n, start in enumerate(starts) if n), else_=len(starts) - 1)
             ] if len(starts) > 1 else []
    days: dict[date, Decimal] = defaultdict(Decimal)
    by_rate: dict[tuple[date, Decimal], Decimal] = defaultdict(Decimal)
    for office_id, total, *span in session.execute(
            select(LabourDayTotal.office_id, func.sum(LabourDayTotal.days), *spans)
            .where(*where).group_by(LabourDayTotal.office_id, *spans)):
        n = span[0] if span else 0
        month = starts[n].replace(day=1)
        amount = Decimal(str(total))
        days[month] += amount
        by_rate[month, rates.rate(office_id, bisect_right(rates.starts, starts[n]) - 1)] += amount
    pay: dict[date, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for (month, rate), amount in by_rate.items():
        pay[month] += round_money(amount * rate)
    return [MonthLabour(month, days[month], pay[month]) for month in sorted(days)]


def _months(first: date, last: date) -> Iterator[date]:
    """The first day of each month after the one of `first`, up to `last`."""
    month = first.replace(day=1)
    while True:
        month = (month + timedelta(days=32)).replace(day=1)
        if month > last:
            return
        yield month


def _agreements(session: Session, scope: Scope, codes: dict[uuid.UUID, str], today: date,
                ending_days: int) -> list[AgreementCounts]:
    """The active agreements, those ending soon and those with a visit overdue counted in one
    pass over the active ones (a range of the index of the agreements by status; the two
    kinds within active are counts of a CASE: 20 ms on 34,000 active agreements against 28 for
    a query per kind); breached, another status, by a query of its own (one pass of four CASE
    counts over every agreement costs twice)."""
    kinds = agreement_kinds(scope.as_of(today), ending_days, today)
    found: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    started = (LeaseAgreement.status.in_(STARTED), LeaseAgreement.deleted_at.is_(None),
               *scope.in_office(LeaseAgreement.office_id))
    for office_id, *counts in session.execute(
            select(LeaseAgreement.office_id, func.count(),
                   func.count(case((kinds["ending_soon"], 1))),
                   func.count(case((kinds["visits_overdue"], 1))))
            .where(*started, kinds["active"]).group_by(LeaseAgreement.office_id)):
        found[office_id].update(zip(AGREEMENT_KINDS[:3], (int(n) for n in counts), strict=True))
    for office_id, count in session.execute(
            select(LeaseAgreement.office_id, func.count())
            .where(*started, kinds["breached"]).group_by(LeaseAgreement.office_id)):
        found[office_id]["breached"] = int(count)
    return [AgreementCounts(code, *(found[office_id].get(kind, 0) for kind in AGREEMENT_KINDS))
            for office_id, code in codes.items()]


def _reach(session: Session, scope: Scope) -> Reach:
    """Households reached in the period (scope.reached_households: their first agreement with
    the office signed in it) and their people by sex and age band, nationality and disability:
    the sums kept per office, day, nationality and disability (data.totals), grouped by
    nationality and disability; the totals are the sums of those few groups."""
    bands = [ReachTotal.__table__.c[MEMBER_COLUMNS[key]] for key in MEMBER_KEYS]
    groups = session.execute(
        select(ReachTotal.nationality, ReachTotal.disabled, func.sum(ReachTotal.households),
               func.coalesce(func.sum(ReachTotal.n_unspecified), 0),
               *(func.coalesce(func.sum(band), 0) for band in bands))
        .where(*scope.days(ReachTotal.reached_on), *scope.in_office(ReachTotal.office_id))
        .group_by(ReachTotal.nationality, ReachTotal.disabled)).all()
    members = {key: sum(int(row[4 + n]) for row in groups) for n, key in enumerate(MEMBER_KEYS)}
    nations: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    disability = [0, 0]
    for row in groups:
        persons = sum(int(value) for value in row[3:])
        nations[row[0]][0] += int(row[2])
        nations[row[0]][1] += persons
        if row[1]:
            disability[0] += int(row[2])
            disability[1] += persons
    nationalities = sorted((Group(name, households, persons)
                            for name, (households, persons) in nations.items()),
                           key=lambda group: (-group.households, group.key))
    return Reach(sum(g.households for g in nationalities),
                 sum(g.people for g in nationalities), members, nationalities,
                 Group("disability", *disability))
