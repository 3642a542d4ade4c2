"""The server's database as a sync hub: made one (`prepare`), and read by laptops in pages of
its change log, filtered to the offices the device may see (`pull_page`).
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select

from shelter_app.data.engine import Database
from shelter_app.data.models import Device, LogEntry
from shelter_app.data.outbox import ROLE, SERVER, is_server, set_state, write_log
from shelter_app.data.replication import TABLES, synced_columns
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

_CHUNK = 2_000


def prepare(db: Database, progress: Callable[[str, int], None] | None = None) -> int:
    """Make `db` a sync server: mark it, and log every record the log does not yet hold, so
    that laptops pull what was there before. Idempotent; returns the records logged now."""
    logged = 0
    with db.write() as session:
        if not is_server(session) and session.scalar(
                select(func.count()).select_from(LogEntry)):
            raise UserError(translate("sync", "This database holds a change log but is not "
                                              "marked as a server."))
        set_state(session, ROLE, SERVER)
    for entity, table in TABLES.items():
        while True:
            with db.write() as session:
                known = select(LogEntry.row_id).where(LogEntry.entity == entity)
                ids = list(session.scalars(select(table.c.id).where(
                    table.c.id.not_in(known)).limit(_CHUNK)))
                if not ids:
                    break
                write_log(session, entity, [(row_id, "create", list(synced_columns(entity)))
                                            for row_id in ids], device_id=None, hlc_stamps=None)
                logged += len(ids)
            if progress:
                progress(entity, logged)
    return logged


def pull_page(db: Database, device: Device, cursor: int, limit: int) -> dict[str, Any]:
    """Log entries after `cursor` that the device may see, oldest first, and the new cursor.

    Log order is commit order (outbox.write_log serialises writers), so nothing commits later
    behind a cursor; the cursor also moves past entries of other offices, never read again."""
    with db.read() as session:
        last = session.scalar(select(func.max(LogEntry.seq))) or 0  # first: see the docstring
        query = select(LogEntry.seq, LogEntry.entity, LogEntry.row_id, LogEntry.version,
                       LogEntry.row, LogEntry.fields, LogEntry.hlc).where(
            LogEntry.seq > cursor, LogEntry.seq <= last)
        if device.office_id is not None:
            query = query.where(LogEntry.office_id.is_(None)
                                | (LogEntry.office_id == device.office_id))
        rows = session.execute(query.order_by(LogEntry.seq).limit(limit)).all()
    full = len(rows) == limit
    new_cursor = rows[-1].seq if full else max(last, cursor)
    return {
        "entries": [{"seq": row.seq, "entity": row.entity, "row_id": str(row.row_id),
                     "version": row.version, "row": row.row, "fields": row.fields}
                    for row in rows],
        "cursor": new_cursor,
        "more": new_cursor < last,
        "hlc": max((row.hlc for row in rows if row.hlc), default=None),
    }
