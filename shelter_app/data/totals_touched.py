"""What a write touched whose kept totals (data/totals.py) must be worked out again: the rows
it changed, noted as they were and as they are, and the fields a total is worked out from."""

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from shelter_app.data.chunks import chunks
from shelter_app.data.models import (
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    LabourEntry,
    LeaseAgreement,
    MonitoringVisit,
)

# what a row of these tables names that has totals (boqs and households name themselves)
_READ = {"boq_lines": [BoQLine.__table__.c.boq_id],
         "labour_entries": [LabourEntry.__table__.c.dwelling_id,
                            LabourEntry.__table__.c.work_date],
         "lease_agreements": [LeaseAgreement.__table__.c.household_id,
                              LeaseAgreement.__table__.c.office_id,
                              LeaseAgreement.__table__.c.signed_on],
         "monitoring_visits": [MonitoringVisit.__table__.c.agreement_id],
         "boqs": [BoQ.__table__.c.dwelling_id, BoQ.__table__.c.approved_on],
         "households": None, "dwellings": None}

# the fields a total is worked out from: an edit of none of them (a labour day's task, a
# household's phone) leaves every total as it is
_INPUTS = {"boqs": {"status", "contingency_pct", "deleted_at", "decided_at", "revision",
                    "dwelling_id"},
           "boq_lines": {"boq_id", "category", "quantity", "unit_price", "kdv_rate",
                         "deleted_at"},
           "households": {"members", "vulnerabilities", "nationality", "deleted_at"},
           "labour_entries": {"dwelling_id", "work_date", "portion", "deleted_at"},
           "dwellings": {"office_id", "deleted_at"},
           "lease_agreements": {"household_id", "office_id", "signed_on", "deleted_at"},
           "monitoring_visits": {"agreement_id", "due_on", "visited_on", "deleted_at"}}


def moves_totals(entity: str, fields: Iterable[str]) -> bool:
    """Whether changing `fields` of a row of `entity` may change a total."""
    return entity in _INPUTS and not _INPUTS[entity].isdisjoint(fields)


@dataclass
class Touched:
    """The records a write changed whose totals must be worked out again."""

    boqs: set[uuid.UUID] = field(default_factory=set)
    households: set[uuid.UUID] = field(default_factory=set)
    labour: set[tuple[uuid.UUID, date]] = field(default_factory=set)  # (dwelling id, day)
    dwellings: set[uuid.UUID] = field(default_factory=set)  # cases whose approved value moves
    approvals: set[tuple[uuid.UUID, date]] = field(default_factory=set)  # (dwelling id, day)
    agreements: set[uuid.UUID] = field(default_factory=set)  # whose visits changed
    signings: set[tuple[uuid.UUID, date]] = field(default_factory=set)  # (office id, day)

    def __bool__(self) -> bool:
        return bool(self.boqs or self.households or self.labour or self.dwellings
                    or self.signings or self.agreements)

    def note(self, entity: str, row_id: uuid.UUID, row: Mapping[str, Any] | None) -> None:
        """What a row of `entity` touches, as it was or as it is now (None: not there)."""
        if entity == "boqs":
            self.boqs.add(row_id)
            if row is not None and row.get("dwelling_id") is not None:
                self.dwellings.add(row["dwelling_id"])
                if row.get("approved_on") is not None:
                    self.approvals.add((row["dwelling_id"], row["approved_on"]))
        elif entity == "households":
            self.households.add(row_id)
        elif entity == "boq_lines" and row is not None:
            self.boqs.add(row["boq_id"])
        elif entity == "labour_entries" and row is not None:
            self.labour.add((row["dwelling_id"], row["work_date"]))
        elif entity == "dwellings":
            self.dwellings.add(row_id)
        elif entity == "lease_agreements" and row is not None:
            self.signed(row["household_id"], row["office_id"], row["signed_on"])
        elif entity == "monitoring_visits" and row is not None:
            self.agreements.add(row["agreement_id"])

    def signed(self, household_id: uuid.UUID, office_id: uuid.UUID, day: date | None) -> None:
        """An agreement of `household_id` with `office_id`, signed on `day` (None: unsigned)."""
        self.households.add(household_id)
        if day is not None:
            self.signings.add((office_id, day))

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
        for chunk in chunks(ids):
            for row in connection.execute(
                    select(table.c.id, *columns).where(table.c.id.in_(chunk))):
                self.note(entity, row.id, row._mapping)

    @classmethod
    def flushed(cls, session: Session) -> "Touched":
        """What the ORM records a session is flushing touch, as they were and as they are."""
        touched = cls()
        for record in (*session.new, *session.dirty, *session.deleted):
            if isinstance(record, BoQ):
                loaded = inspect(record).dict  # the kept day as read, without a load here
                touched.note("boqs", record.id, {"dwelling_id": record.dwelling_id,
                                                 "approved_on": loaded.get("approved_on")})
            elif isinstance(record, BoQLine):
                touched.boqs |= {record.boq_id, _old(record, "boq_id")}
            elif isinstance(record, Household):
                touched.households.add(record.id)
            elif isinstance(record, LabourEntry):
                touched.labour |= {(record.dwelling_id, record.work_date),
                                   (_old(record, "dwelling_id"), _old(record, "work_date"))}
            elif isinstance(record, MonitoringVisit):
                touched.agreements |= {record.agreement_id, _old(record, "agreement_id")}
            elif isinstance(record, LeaseAgreement):
                touched.signed(record.household_id, record.office_id, record.signed_on)
                touched.signed(_old(record, "household_id"), _old(record, "office_id"),
                               _old(record, "signed_on"))
            elif isinstance(record, Dwelling) and record in session.dirty and any(
                    inspect(record).attrs[name].history.has_changes()
                    for name in _INPUTS["dwellings"]):
                touched.dwellings.add(record.id)
        return touched


def _old(record: Any, name: str) -> Any:
    """The value `name` of `record` had before this flush (its value if unchanged)."""
    history = inspect(record).attrs[name].history
    return history.deleted[0] if history.deleted else getattr(record, name)
