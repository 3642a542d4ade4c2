"""Totals kept beside the records they sum, so the programme report reads a few thousand rows
instead of 400,000 BoQ lines, 100,000 JSON households and a million labour days:

- `boqs.gross_total`: an approved BoQ's total with KDV as printed (domain.boq), None otherwise;
- `households.n_*` and `disabled`: its people by band (`members`) and its disability;
- `labour_day_totals`: the live labour days worked on an office's sites on one day.

Each is worked out again from its records, never incremented, so a write repeated (a sync
replay) or applied in another order leaves the same total. A write through the ORM refreshes
what it touched at its flush (`install`); a write that bypasses the flush (sync, bulk inserts,
the demo) calls `refresh` with what it touched, in its own transaction.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, delete, event, func, insert, inspect, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from shelter_app.data.models import (
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    LabourDayTotal,
    LabourEntry,
)
from shelter_app.domain.boq import PricedLine, compute_totals
from shelter_app.domain.household import MEMBER_KEYS, UNSPECIFIED
from shelter_app.domain.stages import ApprovalStatus

# the household columns of each key of `members`
MEMBER_COLUMNS = {key: f"n_{key}" for key in (*MEMBER_KEYS, UNSPECIFIED)}
_CHUNK = 500
_MANY_DAYS = 5_000  # sites and days touched at once, past which every total is counted again
# what a row of these tables names that has totals (boqs and households name themselves)
_READ = {"boq_lines": [BoQLine.__table__.c.boq_id],
         "labour_entries": [LabourEntry.__table__.c.dwelling_id,
                            LabourEntry.__table__.c.work_date],
         "boqs": None, "households": None}

# the fields a total is worked out from: an edit of none of them (a labour day's task, a
# household's phone) leaves every total as it is
_INPUTS = {"boqs": {"status", "contingency_pct", "deleted_at"},
           "boq_lines": {"boq_id", "category", "quantity", "unit_price", "kdv_rate",
                         "deleted_at"},
           "households": {"members", "vulnerabilities"},
           "labour_entries": {"dwelling_id", "work_date", "portion", "deleted_at"}}


def moves_totals(entity: str, fields: Iterable[str]) -> bool:
    """Whether changing `fields` of a row of `entity` may change a total."""
    return entity in _INPUTS and not _INPUTS[entity].isdisjoint(fields)


@dataclass
class Touched:
    """The records a write changed whose totals must be worked out again."""

    boqs: set[uuid.UUID] = field(default_factory=set)
    households: set[uuid.UUID] = field(default_factory=set)
    labour: set[tuple[uuid.UUID, date]] = field(default_factory=set)  # (dwelling id, day)

    def __bool__(self) -> bool:
        return bool(self.boqs or self.households or self.labour)

    def note(self, entity: str, row_id: uuid.UUID, row: Mapping[str, Any] | None) -> None:
        """What a row of `entity` touches, as it was or as it is now (None: not there)."""
        if entity == "boqs":
            self.boqs.add(row_id)
        elif entity == "households":
            self.households.add(row_id)
        elif entity == "boq_lines" and row is not None:
            self.boqs.add(row["boq_id"])
        elif entity == "labour_entries" and row is not None:
            self.labour.add((row["dwelling_id"], row["work_date"]))

    def read(self, session: Session, entity: str, ids: Iterable[uuid.UUID]) -> None:
        """`note` the rows `ids` of `entity` as the database holds them now (a sync page
        writes rows by their values: read before and after it, both count)."""
        if entity not in _READ:
            return
        columns, ids = _READ[entity], list(ids)
        if columns is None:
            for row_id in ids:
                self.note(entity, row_id, None)
            return
        table = columns[0].table
        connection = session.connection()
        if connection.execute(select(table.c.id).limit(1)).first() is None:
            return  # an empty table (a first sync) holds nothing to read
        for chunk in _chunks(ids):
            for row in connection.execute(
                    select(table.c.id, *columns).where(table.c.id.in_(chunk))):
                self.note(entity, row.id, row._mapping)


def refresh(session: Session, touched: Touched) -> None:
    """Work out again the totals of what `touched` names, in the session's transaction."""
    connection = session.connection()
    _boqs(connection, list(touched.boqs))
    _households(connection, list(touched.households))
    _labour(connection, touched.labour)


def rebuild(session: Session) -> None:
    """Every total from scratch (the demo writes its records in bulk)."""
    connection = session.connection()
    _boqs(connection, list(connection.scalars(select(BoQ.id).where(
        BoQ.status == ApprovalStatus.APPROVED))))
    _households(connection, list(connection.scalars(select(Household.id))))
    _labour(connection, None)


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def _gross(connection: Connection, ids: list[uuid.UUID]) -> dict[uuid.UUID, Decimal | None]:
    """The total each of the BoQs `ids` keeps: with KDV as printed if approved, else None."""
    approved = {row.id: row.contingency_pct for row in connection.execute(
        select(BoQ.id, BoQ.contingency_pct).where(
            BoQ.id.in_(ids), BoQ.status == ApprovalStatus.APPROVED))}
    lines: dict[uuid.UUID, list[PricedLine]] = defaultdict(list)
    for row in connection.execute(
            select(BoQLine.boq_id, BoQLine.category, BoQLine.quantity, BoQLine.unit_price,
                   BoQLine.kdv_rate)
            .where(BoQLine.boq_id.in_(list(approved)), BoQLine.deleted_at.is_(None))):
        lines[row.boq_id].append(PricedLine.of(row))
    return {boq_id: compute_totals(lines[boq_id], approved[boq_id]).gross
            if boq_id in approved else None for boq_id in ids}


def _boqs(connection: Connection, ids: list[uuid.UUID]) -> None:
    table = BoQ.__table__
    for chunk in _chunks(ids):
        connection.execute(
            update(table).where(table.c.id == bindparam("_id"))
            .values(gross_total=bindparam("_gross"), updated_at=table.c.updated_at),
            [{"_id": boq_id, "_gross": gross}
             for boq_id, gross in _gross(connection, chunk).items()])


def household_columns(members: dict[str, int] | None, vulnerabilities: Iterable[str] | None
                      ) -> dict[str, Any]:
    """The kept columns of a household with these `members` and `vulnerabilities`."""
    members = members or {}
    return {column: int(members.get(key) or 0) for key, column in MEMBER_COLUMNS.items()} | {
        "disabled": "disability" in (vulnerabilities or ())}


_KEPT = [*MEMBER_COLUMNS.values(), "disabled"]


def _households(connection: Connection, ids: list[uuid.UUID]) -> None:
    table = Household.__table__
    for chunk in _chunks(ids):
        rows = connection.execute(select(Household.id, Household.members,
                                         Household.vulnerabilities)
                                  .where(Household.id.in_(chunk))).all()
        if rows:
            connection.execute(
                update(table).where(table.c.id == bindparam("_id"))
                .values(updated_at=table.c.updated_at,
                        **{name: bindparam(name) for name in _KEPT}),
                [{"_id": row.id} | household_columns(row.members, row.vulnerabilities)
                 for row in rows])


def stale(session: Session) -> list[str]:
    """Every kept total that differs from its records (empty: all true), for `check` and the
    tests: each is worked out again here and compared."""
    connection = session.connection()
    found = []
    kept = dict(connection.execute(select(BoQ.id, BoQ.gross_total)).all())
    for chunk in _chunks(list(kept)):
        found += [f"boqs {boq_id}: gross_total {kept[boq_id]} != {gross}"
                  for boq_id, gross in _gross(connection, chunk).items()
                  if kept[boq_id] != gross]
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
    return found


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
    for chunk in _chunks(list(days)):
        for dwelling_id, office_id in connection.execute(
                select(Dwelling.id, Dwelling.office_id).where(Dwelling.id.in_(chunk))):
            by_office[office_id] |= days[dwelling_id]
    for office_id, office_days in by_office.items():
        for chunk in _chunks(sorted(office_days)):
            connection.execute(delete(LabourDayTotal).where(
                LabourDayTotal.office_id == office_id, LabourDayTotal.work_date.in_(chunk)))
            connection.execute(insert(LabourDayTotal).from_select(
                ["office_id", "work_date", "days"], _day_sums().where(
                    Dwelling.office_id == office_id, LabourEntry.work_date.in_(chunk))))


def _old(record: Any, name: str) -> Any:
    """The value `name` of `record` had before this flush (its value if unchanged)."""
    history = inspect(record).attrs[name].history
    return history.deleted[0] if history.deleted else getattr(record, name)


def _after_flush(session: Session, _context: Any) -> None:
    touched = Touched()
    for record in (*session.new, *session.dirty, *session.deleted):
        if isinstance(record, BoQ):
            touched.boqs.add(record.id)
        elif isinstance(record, BoQLine):
            touched.boqs |= {record.boq_id, _old(record, "boq_id")}
        elif isinstance(record, Household):
            touched.households.add(record.id)
        elif isinstance(record, LabourEntry):
            touched.labour |= {(record.dwelling_id, record.work_date),
                               (_old(record, "dwelling_id"), _old(record, "work_date"))}
    if touched:
        refresh(session, touched)


def install(session_class: Any) -> None:
    """Keep the totals of every session made by `session_class` (a sessionmaker)."""
    event.listen(session_class, "after_flush", _after_flush)
