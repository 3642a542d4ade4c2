"""The programme at a glance: every figure of the Reports page, the XLSX and the PDF report.

Each figure is one SQL aggregate (grouped by office, stage, day...), so 100,000 dwellings and a
million labour days cost a few queries, never a Python loop over records. The same
ProgrammeReport feeds the screen, the spreadsheet and the PDF, so they cannot disagree.

Money follows the documents' rounding: a BoQ's value is its total with KDV computed as printed
(each line rounded, contingency and KDV rounded per KDV rate), here in whole kuruş in SQL; pay
is the days of each month times the daily rate in force on them, rounded per month and rate.
Money paid is the total of the payment batches marked paid (their month in the period).
"""

import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, String, case, cast, func, literal, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    LabourEntry,
    LeaseAgreement,
    Office,
    PaymentBatch,
    Setting,
)
from shelter_app.domain import clock
from shelter_app.domain.household import MEMBER_KEYS
from shelter_app.domain.money import round_money
from shelter_app.domain.stages import BatchStatus, Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.accounts.settings import setting
from shelter_app.services.labour.payments import RATE_KEY, Rates
from shelter_app.services.reports.scope import Scope, agreement_kinds, make_scope

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
    """Per office, the total with KDV of each case's approved BoQ, rounded as printed
    (domain.boq.compute_totals), in whole kuruş: a line is quantity (1/1000) x price (kuruş)
    rounded half up; per KDV rate, contingency then KDV rounded half up."""
    line = (_cents(BoQLine.quantity, 3) * _cents(BoQLine.unit_price, 2) + 500) // 1000
    approved = select(BoQ.id).join(Dwelling, Dwelling.id == BoQ.dwelling_id).where(
        *scope.approved_boqs())
    # the lines first, by BoQ and rate (read from ix_boq_lines_totals alone, in its order)
    bases = (select(BoQLine.boq_id, _cents(BoQLine.kdv_rate, 2).label("rate"),
                    cast(func.sum(line), BigInteger).label("base"))  # PostgreSQL: numeric
             .where(BoQLine.boq_id.in_(approved), BoQLine.deleted_at.is_(None))
             .group_by(BoQLine.boq_id, BoQLine.kdv_rate)).subquery()
    pct = _cents(BoQ.contingency_pct, 2)
    net = bases.c.base + (bases.c.base * pct + 5000) // 10000
    gross = net + (net * bases.c.rate + 5000) // 10000
    rows = session.execute(select(Dwelling.office_id, func.sum(gross))
                           .select_from(bases)
                           .join(BoQ, BoQ.id == bases.c.boq_id)
                           .join(Dwelling, Dwelling.id == BoQ.dwelling_id)
                           .group_by(Dwelling.office_id))
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
    """Days worked per month, and their pay at the rate of each day (summed per day and span of
    equal rates in SQL, read from ix_labour_entries_day_portion alone; the few hundred sums
    folded into months). Only when an office has a rate of its own are the days also grouped by
    office, which joins every day to its dwelling and costs several times more."""
    live = LabourEntry.deleted_at.is_(None)
    # the span of days, for the rate spans only: two index look-ups (a deleted day inside the
    # bounds changes nothing; a condition would make each a scan of every day)
    bounds = session.execute(select(select(func.min(LabourEntry.work_date)).scalar_subquery(),
                                    select(func.max(LabourEntry.work_date)).scalar_subquery())
                             ).one()
    if bounds[0] is None:
        return []
    rates = Rates(session, scope.first or bounds[0], scope.last or bounds[1])
    span = rates.span()
    by_office = scope.office_id is None and bool(session.scalar(
        select(func.count()).select_from(Setting).where(
            Setting.key == RATE_KEY, Setting.office_id.is_not(None),
            Setting.deleted_at.is_(None))))
    keys: list[Any] = [LabourEntry.work_date, *([span] if span is not None else [])]
    office: Any = Dwelling.office_id if by_office else literal(None)
    query = (select(office, LabourEntry.work_date,
                    (span if span is not None else literal(0)).label("span"),
                    func.sum(LabourEntry.portion))
             .where(live, *scope.days(LabourEntry.work_date))
             .group_by(*keys, *([Dwelling.office_id] if by_office else [])))
    if by_office:
        query = query.join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
    elif scope.office_id is not None:
        query = query.where(LabourEntry.dwelling_id.in_(
            select(Dwelling.id).where(Dwelling.office_id == scope.office_id)))
    days: dict[date, Decimal] = defaultdict(Decimal)
    by_rate: dict[tuple[date, Decimal], Decimal] = defaultdict(Decimal)
    for office_id, day, index, portion in session.execute(query):
        month = day.replace(day=1)
        amount = Decimal(str(portion))
        days[month] += amount
        by_rate[month, rates.rate(office_id or scope.office_id, index)] += amount
    pay: dict[date, Decimal] = defaultdict(lambda: Decimal("0.00"))
    for (month, rate), amount in by_rate.items():
        pay[month] += round_money(amount * rate)
    return [MonthLabour(month, days[month], pay[month]) for month in sorted(days)]


def _agreements(session: Session, scope: Scope, codes: dict[uuid.UUID, str], today: date,
                ending_days: int) -> list[AgreementCounts]:
    kinds = agreement_kinds(today, ending_days)
    found = {office_id: row for office_id, *row in session.execute(
        select(LeaseAgreement.office_id,
               *(func.sum(case((kinds[kind], 1), else_=0)) for kind in AGREEMENT_KINDS))
        .where(LeaseAgreement.deleted_at.is_(None), *scope.in_office(LeaseAgreement.office_id))
        .group_by(LeaseAgreement.office_id))}
    return [AgreementCounts(code, *(int(n or 0) for n in found.get(office_id, (0, 0, 0, 0))))
            for office_id, code in codes.items()]


def has_disability() -> Any:
    """A household with the vulnerability "disability" (the JSON list as text holds it)."""
    return cast(Household.vulnerabilities, String).contains('"disability"')


def reached_households(scope: Scope) -> Any:
    return [Household.deleted_at.is_(None),
            Household.id.in_(select(Dwelling.household_id).where(scope.reached()))]


def _reach(session: Session, scope: Scope) -> Reach:
    """Households reached and their people by sex and age band, nationality and disability:
    one pass over the households, grouped by nationality and disability; the totals are the
    sums of those few groups."""
    disabled = has_disability()
    groups = session.execute(
        select(Household.nationality, disabled.label("disabled"), func.count(),
               *(func.coalesce(func.sum(Household.members[key].as_integer()), 0)
                 for key in MEMBER_KEYS))
        .where(*reached_households(scope))
        .group_by(Household.nationality, disabled)).all()
    members = {key: sum(int(row[3 + n]) for row in groups) for n, key in enumerate(MEMBER_KEYS)}
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
    return Reach(sum(g.households for g in nationalities), sum(members.values()), members,
                 nationalities, Group("disability", *disability))
