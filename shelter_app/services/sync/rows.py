"""The server's rows as a pushed batch sees them while it is decided: read in bulk (a batch of
1,000 ops reads its rows, their parents and authors in a few queries, not a few per op), with
the batch's own decisions laid over them, so that each op sees the ops before it.

The rules (`rules.check`) read only through this view; a row it was not given beforehand is
read when first asked for, so what is loaded ahead only decides the speed, never the answer.
"""

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.bulk import among
from shelter_app.data.models import Erasure
from shelter_app.data.replication import OFFICE_PATH, TABLES
from shelter_app.services.cases.duplicate_ids import Carrier, carriers
from shelter_app.services.labour.days import works_windows

Row = dict[str, Any]
# Parents a rule reads besides the office path: the approval that locks a row.
LOCKING_PARENTS = {"boq_lines": ("boq_id", "boqs"), "labour_entries": ("timesheet_id", "timesheets")}
_CHUNK = 1_000


class Rows:
    """Rows by table and id (None: no such row), read once and kept for one batch."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self._known: dict[str, dict[uuid.UUID, Row | None]] = {}
        self._windows: dict[uuid.UUID, tuple[date | None, date | None]] = {}
        self._erased: set[tuple[str, str]] | None = None
        self._carriers: dict[str, list[Carrier]] = {}

    def get(self, entity: str, row_id: Any) -> Row | None:
        if row_id is None:
            return None
        try:  # asked for tens of thousands of times a batch: one look-up when known
            return self._known[entity][row_id]
        except KeyError:
            self.load(entity, [row_id])
            return self._known[entity][row_id]

    def find(self, entity: str, column: str, value: Any) -> Row | None:
        """A row of `entity` whose unique `column` holds `value`: one this batch decided, else
        one stored (kept, so that later ops see it)."""
        found = next((row for row in self.known(entity) if row.get(column) == value), None)
        if found is not None or value is None:
            return found
        table = TABLES[entity]
        row = self.session.connection().execute(
            select(table).where(table.c[column] == value)).mappings().first()
        if row is None:
            return None
        decided = self._known.setdefault(entity, {}).setdefault(row["id"], dict(row))
        return decided if decided is not None and decided.get(column) == value else None

    def known(self, entity: str) -> list[Row]:
        """The rows of `entity` read or decided in this batch so far."""
        return [row for row in self._known.get(entity, {}).values() if row is not None]

    def put(self, entity: str, row_id: uuid.UUID, row: Row | None) -> None:
        """The row as this batch has decided it (None: purged)."""
        self._known.setdefault(entity, {})[row_id] = row

    def load(self, entity: str, row_ids: Iterable[Any]) -> None:
        """Read the rows of `entity` not read yet, in a few queries."""
        known = self._known.setdefault(entity, {})
        missing = list({row_id for row_id in row_ids if row_id is not None
                        and row_id not in known})
        table = TABLES[entity]
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start:start + _CHUNK]
            known.update(dict.fromkeys(chunk))
            connection = self.session.connection()
            result = connection.execute(select(table).where(among(connection, table.c.id, chunk)))
            names = list(result.keys())
            key = names.index("id")
            known.update((row[key], dict(zip(names, row, strict=True))) for row in result.all())

    def erased(self, entity: str, row_id: Any) -> bool:
        """Whether an erasure names this record: one stored, read once for the batch, or one
        of this push (which comes before the changes it made)."""
        if self._erased is None:
            self._erased = {(record[0], record[1]) for records in self.session.scalars(
                select(Erasure.records)) for record in records}
        named = (entity, str(row_id))
        return named in self._erased or any(
            named == (record[0], record[1]) for row in self.known("erasures")
            for record in row["records"])

    def id_carriers(self, numbers: Iterable[str]) -> list[Carrier]:
        """The live records that carry any of these ID or tax numbers (`carriers`), read in
        one query for those not read yet."""
        numbers = set(numbers)
        missing = numbers - self._carriers.keys()
        if missing:
            for number in missing:
                self._carriers[number] = []
            for carrier in carriers(self.session, missing):
                self._carriers[carrier.number].append(carrier)
        return [carrier for number in numbers for carrier in self._carriers[number]]

    def works_window(self, site_id: uuid.UUID) -> tuple[date | None, date | None]:
        """The site's works window as stored (services.labour.days.works_window)."""
        if site_id not in self._windows:
            self.load_windows([site_id])
        return self._windows[site_id]

    def load_windows(self, site_ids: Iterable[Any]) -> None:
        """Read the works windows of sites not read yet, in a few queries."""
        missing = list(_ids(site_ids) - set(self._windows))
        for start in range(0, len(missing), _CHUNK):
            self._windows.update(works_windows(self.session, missing[start:start + _CHUNK]))

    def load_parents(self, entity: str, rows: Iterable[Row]) -> None:
        """Read ahead what the rules follow from `rows` of `entity`: the parents up to the
        office (OFFICE_PATH), the approval that may lock them, a labour day's works window,
        and the offices themselves."""
        rows = list(rows)
        lock = LOCKING_PARENTS.get(entity)
        if lock is not None:
            self.load(lock[1], _ids(row.get(lock[0]) for row in rows))
        if entity == "labour_entries":  # the works window its days must fall in
            self.load_windows(row.get("dwelling_id") for row in rows)
        path = OFFICE_PATH.get(entity)
        if path is None:
            return
        values = _ids(row.get(path[0][0]) for row in rows)
        for (_, parent), (column, _) in zip(path, path[1:], strict=False):
            assert parent is not None
            self.load(parent, values)
            values = _ids((self.get(parent, value) or {}).get(column) for value in values)
        self.load("offices", values)


def _ids(values: Iterable[Any]) -> set[uuid.UUID]:
    """The ids among `values` (as stored, or as a laptop sent them)."""
    out = set()
    for value in values:
        if isinstance(value, uuid.UUID):
            out.add(value)
        elif isinstance(value, str):
            try:
                out.add(uuid.UUID(value))
            except ValueError:
                pass  # the op's own decoding refuses it, naming the field
    return out
