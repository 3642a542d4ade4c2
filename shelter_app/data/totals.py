"""Totals kept beside the records they sum, so the programme report reads a few thousand rows
instead of 400,000 BoQ lines, 100,000 JSON households and a million labour days:

- `boqs.gross_total`: an approved BoQ's total with KDV as printed (domain.boq), None otherwise;
- `households.n_*` and `disabled`: its people by band (`members`) and its disability;
- `labour_day_totals`: the live labour days worked on an office's sites on one day;
- `boq_value_totals`: the approved BoQ value of an office's cases approved on one day (with
  `boqs.approved_on`, the day of each approval in Türkiye's calendar);
- `lease_agreements.open_visit_due`: the due day of its earliest visit not made (so a
  visit overdue on a day is read from the agreements, see `overdue_on`);
- `reach_totals`: the households an office first reached (signed with) on one day, by
  nationality and disability, and their people by band.

The per-day sums are worked out again for each (office, day) a write touched, from the rows
as they are after it; the days a row left are found from the row as it was (the flush's
history, or a sync's read before its writes, or the kept `approved_on` before its update).

Each is worked out again from its records, never incremented, so a write repeated (a sync
replay) or applied in another order leaves the same total. A write through the ORM refreshes
what it touched at its flush (`install`); a write that bypasses the flush (sync, bulk inserts,
the demo) calls `refresh` with what it touched, in its own transaction.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    bindparam,
    delete,
    event,
    exists,
    func,
    or_,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, aliased

from shelter_app.data.chunks import chunks
from shelter_app.data.models import (
    BoQ,
    BoQLine,
    BoQValueTotal,
    Dwelling,
    Household,
    LabourDayTotal,
    LabourEntry,
    LeaseAgreement,
    MonitoringVisit,
    ReachTotal,
)
from shelter_app.data.totals_touched import Touched
from shelter_app.domain.boq import PricedLine, compute_totals
from shelter_app.domain.clock import CALENDAR_ZONE
from shelter_app.domain.household import MEMBER_KEYS, UNSPECIFIED
from shelter_app.domain.stages import ApprovalStatus

# the household columns of each key of `members`
MEMBER_COLUMNS = {key: f"n_{key}" for key in (*MEMBER_KEYS, UNSPECIFIED)}
_MANY_DAYS = 5_000  # sites and days touched at once, past which every total is counted again
def refresh(session: Session, touched: Touched) -> None:
    """Work out again the totals of what `touched` names, in the session's transaction."""
    connection = session.connection()
    approvals = _boqs(connection, list(touched.boqs)) | touched.approvals
    _households(connection, list(touched.households))
    _labour(connection, touched.labour)
    _boq_values(connection, touched.dwellings | {dwelling_id for dwelling_id, _ in approvals},
                approvals)
    _reach(connection, touched.households, touched.signings)
    _open_visits(connection, list(touched.agreements))


def rebuild(session: Session) -> None:
    """Every total from scratch (the demo writes its records in bulk)."""
    connection = session.connection()
    _all_boqs(connection)
    _households(connection, None)
    _labour(connection, None)
    _boq_values(connection, set(), None)
    _reach(connection, set(), None)
    _open_visits(connection, None)


def approved_day(decided_at: datetime | None) -> date | None:
    """The day in Türkiye's calendar of an approval at `decided_at` (a UTC moment)."""
    return None if decided_at is None else decided_at.astimezone(CALENDAR_ZONE).date()


def current_approved() -> list[ColumnElement[bool]]:
    """The BoQ that gives its case's approved value: approved, live, the newest approved
    revision of a live case (the query joins Dwelling)."""
    later = aliased(BoQ)
    return [BoQ.status == ApprovalStatus.APPROVED, BoQ.deleted_at.is_(None),
            Dwelling.deleted_at.is_(None),
            ~exists().where(later.dwelling_id == BoQ.dwelling_id,
                            later.status == ApprovalStatus.APPROVED,
                            later.revision > BoQ.revision, later.deleted_at.is_(None))]


def _kept(connection: Connection, ids: list[uuid.UUID]
          ) -> dict[uuid.UUID, tuple[Decimal | None, date | None]]:
    """What each of the BoQs `ids` keeps: its total with KDV as printed and the day it was
    approved if approved, else None and None."""
    approved = {row.id: (row.contingency_pct, approved_day(row.decided_at))
                for row in connection.execute(
                    select(BoQ.id, BoQ.contingency_pct, BoQ.decided_at).where(
                        BoQ.id.in_(ids), BoQ.status == ApprovalStatus.APPROVED))}
    lines: dict[uuid.UUID, list[PricedLine]] = defaultdict(list)
    for row in connection.execute(
            select(BoQLine.boq_id, BoQLine.category, BoQLine.quantity, BoQLine.unit_price,
                   BoQLine.kdv_rate)
            .where(BoQLine.boq_id.in_(list(approved)), BoQLine.deleted_at.is_(None))):
        lines[row.boq_id].append(PricedLine.of(row))
    return {boq_id: (compute_totals(lines[boq_id], approved[boq_id][0]).gross,
                     approved[boq_id][1]) if boq_id in approved else (None, None)
            for boq_id in ids}


def _all_boqs(connection: Connection) -> None:
    """`_boqs` of every approved BoQ, in one pass: the BoQs in one query, their lines in
    another, and one UPDATE for all (not 500 BoQs at a time, their ids bound in each query and
    read back; a first sync keeps 13,000). The lines name their BoQ as the driver gives it
    (SQLite: hex text), not as a uuid.UUID made for each of 70,000 lines."""
    raw_id = type_coerce(BoQ.id, String)
    approved = {raw: (boq_id, contingency, approved_day(decided_at))
                for boq_id, raw, contingency, decided_at in connection.execute(
                    select(BoQ.id, raw_id, BoQ.contingency_pct, BoQ.decided_at)
                    .where(BoQ.status == ApprovalStatus.APPROVED))}
    lines: dict[Any, list[PricedLine]] = defaultdict(list)
    for row in connection.execute(
            select(raw_id, BoQLine.category, BoQLine.quantity, BoQLine.unit_price,
                   BoQLine.kdv_rate).join(BoQ, BoQ.id == BoQLine.boq_id)
            .where(BoQ.status == ApprovalStatus.APPROVED, BoQLine.deleted_at.is_(None))):
        lines[row[0]].append(PricedLine.of(row))
    if approved:
        table = BoQ.__table__
        connection.execute(
            update(table).where(table.c.id == bindparam("_id"))
            .values(gross_total=bindparam("_gross"), approved_on=bindparam("_day"),
                    updated_at=table.c.updated_at),
            [{"_id": boq_id, "_day": day, "_gross": compute_totals(lines[raw], contingency).gross}
             for raw, (boq_id, contingency, day) in approved.items()])


def _boqs(connection: Connection, ids: list[uuid.UUID]) -> set[tuple[uuid.UUID, date | None]]:
    """Keep the totals of the BoQs `ids`; answer (case, day it was kept as approved on before,
    or None) of each."""
    table = BoQ.__table__
    before: set[tuple[uuid.UUID, date | None]] = set()
    for chunk in chunks(ids):
        before.update(tuple(row) for row in connection.execute(
            select(BoQ.dwelling_id, BoQ.approved_on).where(BoQ.id.in_(chunk))))
        connection.execute(
            update(table).where(table.c.id == bindparam("_id"))
            .values(gross_total=bindparam("_gross"), approved_on=bindparam("_day"),
                    updated_at=table.c.updated_at),
            [{"_id": boq_id, "_gross": gross, "_day": day}
             for boq_id, (gross, day) in _kept(connection, chunk).items()])
    return before


def _by_office(keys: Iterable[tuple[uuid.UUID, date]]) -> dict[uuid.UUID, list[date]]:
    days: dict[uuid.UUID, set[date]] = defaultdict(set)
    for office_id, day in keys:
        days[office_id].add(day)
    return {office_id: sorted(office_days) for office_id, office_days in days.items()}


def _boq_value_rows(connection: Connection, *where: ColumnElement[bool]
                    ) -> list[dict[str, Any]]:
    """The rows of boq_value_totals, worked out from the BoQs (`where`: of some keys only)."""
    sums: dict[tuple[uuid.UUID, date], list[Any]] = defaultdict(lambda: [0, Decimal("0.00")])
    for office_id, day, gross in connection.execute(
            select(Dwelling.office_id, BoQ.approved_on, BoQ.gross_total)
            .join(Dwelling, Dwelling.id == BoQ.dwelling_id)
            .where(*current_approved(), BoQ.approved_on.is_not(None), *where)):
        found = sums[office_id, day]
        found[0] += 1
        found[1] += gross
    return [{"office_id": office_id, "approved_on": day, "boqs": n, "value": value}
            for (office_id, day), (n, value) in sums.items()]


def _boq_values(connection: Connection, dwellings: set[uuid.UUID],
                approvals: set[tuple[uuid.UUID, date | None]] | None) -> None:
    """The approved values of the days the (case, day) `approvals` name and of every day a BoQ
    of `dwellings` was approved on, in the cases' offices (None: all)."""
    if approvals is None:
        connection.execute(delete(BoQValueTotal))
        rows = _boq_value_rows(connection)
        if rows:
            connection.execute(insert(BoQValueTotal), rows)
        return
    days: dict[uuid.UUID, set[date]] = defaultdict(set)  # by case
    for dwelling_id, day in approvals:
        if day is not None:
            days[dwelling_id].add(day)
    keys = set()
    for chunk in chunks(list(dwellings)):
        for dwelling_id, office_id in connection.execute(
                select(Dwelling.id, Dwelling.office_id).where(Dwelling.id.in_(chunk))):
            keys.update((office_id, day) for day in days[dwelling_id])
        keys.update(tuple(row) for row in connection.execute(
            select(Dwelling.office_id, BoQ.approved_on)
            .join(Dwelling, Dwelling.id == BoQ.dwelling_id)
            .where(BoQ.dwelling_id.in_(chunk), BoQ.approved_on.is_not(None))))
    for office_id, office_days in _by_office(keys).items():
        for chunk in chunks(office_days):
            connection.execute(delete(BoQValueTotal).where(
                BoQValueTotal.office_id == office_id, BoQValueTotal.approved_on.in_(chunk)))
            rows = _boq_value_rows(connection, Dwelling.office_id == office_id,
                                   BoQ.approved_on.in_(chunk))
            if rows:
                connection.execute(insert(BoQValueTotal), rows)


_REACH = ["office_id", "reached_on", "nationality", "disabled", "households",
          *MEMBER_COLUMNS.values()]


def reach_rows(office_id: uuid.UUID | None = None, days: list[date] | None = None
               ) -> Select[Any]:
    """The rows of reach_totals, worked out from the agreements and households (of one
    office's `days` only, or all)."""
    agreement = LeaseAgreement
    first = select(agreement.household_id, agreement.office_id,
                   func.min(agreement.signed_on).label("reached_on")).where(
        agreement.deleted_at.is_(None), agreement.signed_on.is_not(None))
    if office_id is not None and days is not None:
        first = first.where(agreement.office_id == office_id, agreement.household_id.in_(
            select(agreement.household_id).where(
                agreement.office_id == office_id, agreement.signed_on.in_(days),
                agreement.deleted_at.is_(None))))
    first = first.group_by(agreement.household_id, agreement.office_id)
    if days is not None:
        first = first.having(func.min(agreement.signed_on).in_(days))
    reached = first.subquery()
    table = Household.__table__
    return (select(reached.c.office_id, reached.c.reached_on, table.c.nationality,
                   table.c.disabled, func.count(),
                   *(func.sum(table.c[name]) for name in MEMBER_COLUMNS.values()))
            .join(reached, reached.c.household_id == table.c.id)
            .where(table.c.deleted_at.is_(None))
            .group_by(reached.c.office_id, reached.c.reached_on, table.c.nationality,
                      table.c.disabled))


def _reach(connection: Connection, households: set[uuid.UUID],
           keys: set[tuple[uuid.UUID, date]] | None) -> None:
    """The households reached on the (office, day) `keys` and on every day an agreement of
    `households` was signed (None: all)."""
    if keys is not None:
        keys = set(keys)
        for chunk in chunks(list(households)):
            keys.update(tuple(row) for row in connection.execute(
                select(LeaseAgreement.office_id, LeaseAgreement.signed_on).where(
                    LeaseAgreement.household_id.in_(chunk),
                    LeaseAgreement.signed_on.is_not(None))))
    if keys is None or len(keys) > _MANY_DAYS:
        connection.execute(delete(ReachTotal))
        connection.execute(insert(ReachTotal).from_select(_REACH, reach_rows()))
        return
    for office_id, office_days in _by_office(keys).items():
        for chunk in chunks(office_days):
            connection.execute(delete(ReachTotal).where(
                ReachTotal.office_id == office_id, ReachTotal.reached_on.in_(chunk)))
            connection.execute(insert(ReachTotal).from_select(
                _REACH, reach_rows(office_id, chunk)))


def household_columns(members: dict[str, int] | None, vulnerabilities: Iterable[str] | None
                      ) -> dict[str, Any]:
    """The kept columns of a household with these `members` and `vulnerabilities`."""
    members = members or {}
    return {column: int(members.get(key) or 0) for key, column in MEMBER_COLUMNS.items()} | {
        "disabled": "disability" in (vulnerabilities or ())}


def households_columns(members: Iterable[dict[str, int] | None],
                       vulnerabilities: Iterable[Iterable[str] | None]) -> dict[str, list[Any]]:
    """`household_columns` of many households, as a list per column (an import's 50,000 new
    households: a dict per household cost it ~0.2 s)."""
    members = [row or {} for row in members]
    return {column: [int(row.get(key) or 0) for row in members]
            for key, column in MEMBER_COLUMNS.items()} | {
        "disabled": ["disability" in (row or ()) for row in vulnerabilities]}


_KEPT = [*MEMBER_COLUMNS.values(), "disabled"]


def _households(connection: Connection, ids: list[uuid.UUID] | None) -> None:
    """Keep the columns of the households `ids` (None: all, read in one pass rather than
    bound 500 ids at a time)."""
    table = Household.__table__
    query = select(Household.id, Household.members, Household.vulnerabilities)
    for chunk in [None] if ids is None else chunks(ids):
        rows = connection.execute(query if chunk is None else
                                  query.where(Household.id.in_(chunk))).all()
        if rows:
            connection.execute(
                update(table).where(table.c.id == bindparam("_id"))
                .values(updated_at=table.c.updated_at,
                        **{name: bindparam(name) for name in _KEPT}),
                [{"_id": row.id} | household_columns(row.members, row.vulnerabilities)
                 for row in rows])


def _first_open_visit() -> Any:
    """The due day of the earliest visit of each agreement neither made nor deleted."""
    return (select(func.min(MonitoringVisit.due_on))
            .where(MonitoringVisit.agreement_id == LeaseAgreement.id,
                   MonitoringVisit.visited_on.is_(None), MonitoringVisit.deleted_at.is_(None))
            .scalar_subquery())


def _open_visits(connection: Connection, ids: list[uuid.UUID] | None) -> None:
    """Keep `open_visit_due` of the agreements `ids` (None: all).

    The open visits are read grouped by agreement, in one pass per 500 agreements: as a
    subquery per agreement (`_first_open_visit`), SQLite, which keeps no statistics here,
    searched ix_monitoring_visits_made and so read every open visit for each agreement
    (27 s of a first sync's 11,000 agreements)."""
    table = LeaseAgreement.__table__
    first = (select(MonitoringVisit.agreement_id, func.min(MonitoringVisit.due_on))
             .where(MonitoringVisit.visited_on.is_(None), MonitoringVisit.deleted_at.is_(None))
             .group_by(MonitoringVisit.agreement_id))
    keep = (update(table).where(table.c.id == bindparam("_id"))
            .values(open_visit_due=bindparam("_due"), updated_at=table.c.updated_at))
    if ids is None:
        due = dict(connection.execute(first).all())
        changed = [{"_id": row_id, "_due": due.get(row_id)} for row_id, kept in
                   connection.execute(select(table.c.id, table.c.open_visit_due))
                   if kept != due.get(row_id)]
        if changed:
            connection.execute(keep, changed)
        return
    for chunk in chunks(ids):
        due = dict(connection.execute(
            first.where(MonitoringVisit.agreement_id.in_(chunk))).all())
        connection.execute(keep, [{"_id": row_id, "_due": due.get(row_id)} for row_id in chunk])


def overdue_on(day: date) -> ColumnElement[bool]:
    """An agreement with a monitoring visit due before `day` and not made by then (the visits
    not made are read from `open_visit_due`; those made after `day` from their few rows)."""
    made_later = select(MonitoringVisit.agreement_id).where(
        MonitoringVisit.visited_on > day, MonitoringVisit.deleted_at.is_(None),
        MonitoringVisit.due_on < day)
    return or_(LeaseAgreement.open_visit_due < day, LeaseAgreement.id.in_(made_later))


def stale(session: Session) -> list[str]:
    """Every kept total that differs from its records (empty: all true), for `check` and the
    tests: each is worked out again here and compared."""
    connection = session.connection()
    found = []
    kept = {row.id: (row.gross_total, row.approved_on)
            for row in connection.execute(select(BoQ.id, BoQ.gross_total, BoQ.approved_on))}
    for chunk in chunks(list(kept)):
        found += [f"boqs {boq_id}: gross_total, approved_on {kept[boq_id]} != {wanted}"
                  for boq_id, wanted in _kept(connection, chunk).items()
                  if kept[boq_id] != wanted]
    table = Household.__table__
    for row in connection.execute(select(table.c.id, table.c.members, table.c.vulnerabilities,
                                         *(table.c[name] for name in _KEPT))):
        wanted = household_columns(row.members, row.vulnerabilities)
        found += [f"households {row.id}: {name} {row._mapping[name]} != {value}"
                  for name, value in wanted.items() if row._mapping[name] != value]
    days = {(office_id, day): Decimal(str(total)) for office_id, day, total
            in connection.execute(_day_sums())}
    stored = {(row.office_id, row.work_date): row.days
              for row in connection.execute(select(LabourDayTotal))}
    found += [f"labour_day_totals {key}: {stored.get(key)} != {days.get(key)}"
              for key in sorted(set(days) | set(stored), key=str)
              if stored.get(key) != days.get(key)]
    found += [f"lease_agreements {row.id}: open_visit_due {row.open_visit_due} != {row.wanted}"
              for row in connection.execute(
                  select(LeaseAgreement.id, LeaseAgreement.open_visit_due,
                         _first_open_visit().label("wanted")))
              if row.open_visit_due != row.wanted]
    found += _differ("boq_value_totals", _boq_value_rows(connection),
                     connection.execute(select(BoQValueTotal)), 2)
    found += _differ("reach_totals", connection.execute(reach_rows()),
                     connection.execute(select(ReachTotal)), 4)
    return found


def _differ(name: str, wanted: Iterable[Any], stored: Iterable[Any], keys: int) -> list[str]:
    """The rows of `name` that differ from the `wanted` rows (the first `keys` values of a row
    are its key)."""
    def by_key(rows: Iterable[Any]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
        return {tuple(row[:keys]): tuple(row[keys:]) for row in
                (tuple(row.values()) if isinstance(row, dict) else tuple(row) for row in rows)}

    want, have = by_key(wanted), by_key(stored)
    return [f"{name} {key}: {have.get(key)} != {want.get(key)}"
            for key in sorted(set(want) | set(have), key=str) if have.get(key) != want.get(key)]


def _day_sums() -> Any:
    return (select(Dwelling.office_id, LabourEntry.work_date, func.sum(LabourEntry.portion))
            .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
            .where(LabourEntry.deleted_at.is_(None))
            .group_by(Dwelling.office_id, LabourEntry.work_date))


def _labour(connection: Connection, keys: set[tuple[uuid.UUID, date]] | None) -> None:
    """The day totals of the (dwelling, day) `keys` (None: all)."""
    if keys is None or len(keys) > _MANY_DAYS:  # a first sync: one pass over every day beats many
        connection.execute(delete(LabourDayTotal))
        connection.execute(insert(LabourDayTotal).from_select(
            ["office_id", "work_date", "days"], _day_sums()))
        return
    days: dict[uuid.UUID, set[date]] = defaultdict(set)  # by dwelling
    for dwelling_id, day in keys:
        days[dwelling_id].add(day)
    by_office: dict[uuid.UUID, set[date]] = defaultdict(set)
    for chunk in chunks(list(days)):
        for dwelling_id, office_id in connection.execute(
                select(Dwelling.id, Dwelling.office_id).where(Dwelling.id.in_(chunk))):
            by_office[office_id] |= days[dwelling_id]
    for office_id, office_days in by_office.items():
        for chunk in chunks(sorted(office_days)):
            connection.execute(delete(LabourDayTotal).where(
                LabourDayTotal.office_id == office_id, LabourDayTotal.work_date.in_(chunk)))
            connection.execute(insert(LabourDayTotal).from_select(
                ["office_id", "work_date", "days"], _day_sums().where(
                    Dwelling.office_id == office_id, LabourEntry.work_date.in_(chunk))))


def _after_flush(session: Session, _context: Any) -> None:
    touched = Touched.flushed(session)
    if touched:
        refresh(session, touched)


def install(session_class: Any) -> None:
    """Keep the totals of every session made by `session_class` (a sessionmaker)."""
    event.listen(session_class, "after_flush", _after_flush)
