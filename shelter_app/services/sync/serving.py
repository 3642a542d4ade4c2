"""The server's database as a sync hub: made one (`prepare`), and read by laptops in pages of
its change log, filtered to the offices the device may see (`pull_page`).
"""

import json
import uuid
from collections.abc import Callable
from typing import Any

import orjson
from sqlalchemy import Table, Text, cast, delete, func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Device, LogEntry, OutboxOp
from shelter_app.data.outbox import ROLE, SERVER, is_server, set_state, write_log
from shelter_app.data.replication import TABLES, synced_columns
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.boq.catalogue import seed_catalogue

_CHUNK = 5_000


def prepare(db: Database, progress: Callable[[str, int], None] | None = None) -> int:
    """Make `db` a sync server: mark it, hold the shipped price catalogue, and log every
    record the log does not yet hold, so that laptops pull what was there before. Idempotent
    (an interrupted run goes on where it stopped); returns the number of records logged now.

    Rows are logged parents first, and within a table that refers to itself (a BoQ revision,
    an agreement's renewal) each row after the row it refers to, so that a laptop can apply
    any prefix of the log."""
    with db.write() as session:
        if not is_server(session) and session.scalar(
                select(func.count()).select_from(LogEntry)):
            raise UserError(translate("sync", "This database holds a change log but is not "
                                              "marked as a server."))
        set_state(session, ROLE, SERVER)
        # the shipped price catalogue, so that laptops pull it before their first BoQ: a laptop
        # seeding its own would give it an id the server lacks and the BoQ would be refused
        seed_catalogue(session)
        # writes made before it became the server (offices, users) wait in an outbox that no
        # server will read: they reach the log below, with every other record
        session.execute(delete(OutboxOp))
    logged = 0
    for entity, table in TABLES.items():
        with db.read() as session:
            ids = _unlogged(session, entity, table)
        for start in range(0, len(ids), _CHUNK):
            with db.write() as session:
                write_log(session, entity, [(row_id, "create", _ALL)
                                            for row_id in ids[start:start + _CHUNK]],
                          device_id=None, hlc_stamps=None)
            logged += len(ids[start:start + _CHUNK])
            if progress:
                progress(entity, logged)
    return logged


_ALL: list[str] = []  # a first log entry names no changed fields: the whole row is new


def _unlogged(session: Session, entity: str, table: Table) -> list[uuid.UUID]:
    """The ids of `entity` without a log entry, each after the row of its table it refers to."""
    logged = set(session.scalars(select(LogEntry.row_id).where(LogEntry.entity == entity)))
    self_refs = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    rows = session.execute(select(table.c.id, *self_refs)).all()
    todo = {row[0]: [ref for ref in row[1:] if ref is not None] for row in rows
            if row[0] not in logged}
    ordered: list[uuid.UUID] = []
    placed = set(logged)
    while todo:
        ready = [row_id for row_id, refs in todo.items()
                 if all(ref in placed or ref not in todo for ref in refs)]
        if not ready:  # a cycle cannot be ordered; log the rest as they are
            ready = list(todo)
        ordered.extend(ready)
        placed.update(ready)
        for row_id in ready:
            del todo[row_id]
    return ordered


def pull_page(db: Database, device: Device, cursor: int, limit: int) -> dict[str, Any]:
    """Log entries after `cursor` that the device may see, oldest first, and the new cursor."""
    return json.loads(pull_page_json(db, device, cursor, limit))


def pull_page_json(db: Database, device: Device, cursor: int, limit: int, *,
                   columns: bool = False) -> bytes:
    """`pull_page` as the JSON text the server sends. Each row is copied as the database holds
    its JSON text, never parsed and written again: a first sync sends hundreds of thousands.
    `columns` (asked by a laptop's first pull): the page as `column_page` lays it out.

    Log order is commit order (outbox.write_log serialises writers), so nothing commits later
    behind a cursor; the cursor also moves past entries of other offices, never read again."""
    with db.read() as session:
        last = session.scalar(select(func.max(LogEntry.seq))) or 0  # first: see the docstring
        # PostgreSQL writes a row's id as its text (as str(uuid) does), not a uuid.UUID made
        # and written again for each of a first sync's 450,000 rows
        row_id = cast(LogEntry.row_id, Text) \
            if session.get_bind().dialect.name == "postgresql" else LogEntry.row_id
        query = select(LogEntry.seq, LogEntry.entity, row_id, LogEntry.version,
                       cast(LogEntry.row, Text), cast(LogEntry.fields, Text), LogEntry.hlc).where(
            LogEntry.seq > cursor, LogEntry.seq <= last)
        if device.office_id is not None:
            query = query.where(LogEntry.office_id.is_(None)
                                | (LogEntry.office_id == device.office_id))
        rows = session.execute(query.order_by(LogEntry.seq).limit(limit)).all()
    full = len(rows) == limit
    new_cursor = rows[-1].seq if full else max(last, cursor)
    stamp = max((row.hlc for row in rows if row.hlc), default=None)
    if columns:
        return orjson.dumps({"tables": column_page(rows), "cursor": new_cursor,
                             "more": new_cursor < last, "hlc": stamp})
    entries = ",".join(
        f'{{"seq":{seq},"entity":"{entity}","row_id":"{row_id}","version":{version},'
        f'"row":{row or "null"},"fields":{fields or "[]"}}}'
        for seq, entity, row_id, version, row, fields, _ in rows)
    return (f'{{"entries":[{entries}],"cursor":{new_cursor},'
            f'"more":{"true" if new_cursor < last else "false"},'
            f'"hlc":{json.dumps(stamp)}}}').encode()


def column_page(rows: list[Any]) -> list[dict[str, Any]]:
    """A page's log rows (seq, entity, row_id, version, row text, …) as one object per table:
    the ids, server versions and each column of its live rows as arrays, and the ids of its
    purged rows. A laptop's first pull takes hundreds of thousands of rows: as columns it
    reads no object per row and gives each value to SQLite as it comes.

    Each row's latest entry counts, at the place of its first (as a laptop applies a page of
    entries); tables come in the page's order, the laptop writes parents first."""
    latest: dict[str, dict[str, tuple[int, str | None]]] = {}
    for _, entity, row_id, version, row, *_ in rows:
        latest.setdefault(entity, {})[str(row_id)] = (version, row)
    tables = []
    for entity, found in latest.items():
        live = [(row_id, version, orjson.loads(row)) for row_id, (version, row) in found.items()
                if row is not None]
        present = set().union(*(row for _, _, row in live))
        tables.append({
            "entity": entity,
            "row_ids": [row_id for row_id, _, _ in live],
            "versions": [version for _, version, _ in live],
            "columns": {name: [row.get(name) for _, _, row in live]
                        for name in synced_columns(entity) if name in present and name != "version"},
            "purged": [row_id for row_id, (_, row) in found.items() if row is None]})
    return tables
