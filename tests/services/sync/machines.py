"""What the sync tests compare and how they speak to the server: the record data of every
synced table (`synced_data`, `differences`), the sync bookkeeping's counts, raw requests, and
the enrolled laptop (`Laptop`)."""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import func, select

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.models import AppliedOp, Device, LogEntry, Office, OutboxOp
from shelter_app.data.outbox import office_ids, state
from shelter_app.data.replication import TABLES, synced_columns
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.sync import client, devices
from shelter_app.services.sync.state_keys import TOKEN_KEY
from shelter_app.services.sync.wire import Report

# What each machine keeps for itself: equal data never needs equal bookkeeping.
BOOKKEEPING = {"version", "updated_at"}

Data = dict[str, dict[str, dict[str, Any]]]


def synced_data(db: Database, office: uuid.UUID | None | str = "all",
                entities: Iterable[str] = TABLES) -> Data:
    """Every synced table's rows on `db` by id, as the record data to compare between
    machines (Python values: Decimal("3.000") equals Decimal("3"), as the same amount on
    PostgreSQL and on SQLite); `office`: only the rows a laptop of that office may hold (None: every office's
    device, "all": every row); `entities`: only these tables."""
    out: Data = {}
    with db.read() as session:
        for entity in entities:
            table = TABLES[entity]
            names = [name for name in synced_columns(entity) if name not in BOOKKEEPING]
            rows = {row[0]: row[1:] for row in session.execute(
                select(table.c.id, *(table.c[name] for name in names)))}
            if office != "all" and office is not None:
                seen = office_ids(session, entity, list(rows))
                rows = {key: row for key, row in rows.items() if seen[key] in (None, office)}
            out[entity] = {str(key): dict(zip(names, row, strict=True))
                           for key, row in rows.items()}
    return out


def differences(left: Data, right: Data, limit: int = 8) -> list[str]:
    """What differs between two `synced_data`, readably (empty when equal)."""
    found = []
    for entity in TABLES:
        a, b = left.get(entity, {}), right.get(entity, {})
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                if key not in a or key not in b:
                    found.append(f"{entity} {key}: only on the {'right' if key in b else 'left'}")
                else:
                    fields = {n: (a[key][n], b[key][n]) for n in a[key] if a[key][n] != b[key][n]}
                    found.append(f"{entity} {key}: {fields}")
                if len(found) >= limit:
                    return found
    return found


def counts(db: Database) -> dict[str, int]:
    """The sync bookkeeping's row counts (change log, decided ops, outbox)."""
    with db.read() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                for model in (LogEntry, AppliedOp, OutboxOp)}


def enrolled(hub: Database, name: str, office: str | None = "GAZ") -> Device:
    """A laptop enrolled on `hub` for `office`, to push ops to `apply_batch` directly."""
    _, code = devices.add_device(hub, SYSTEM, name, office)
    devices.enrol(hub, code)
    with hub.read() as session:
        return session.scalars(select(Device).where(Device.name == name)).one()


def office_id(db: Database, code: str) -> uuid.UUID:
    with db.read() as session:
        found = session.scalar(select(Office.id).where(Office.code == code))
    assert found is not None
    return found


@dataclass
class Laptop:
    name: str
    db: Database
    http: httpx.Client
    office: uuid.UUID | None

    def sync(self) -> Report:
        return client.sync(self.db, self.http)

    @property
    def token(self) -> str:
        with self.db.read() as session:
            return str(state(session, TOKEN_KEY))

    @property
    def mark(self) -> str:
        with self.db.read() as session:
            return str(state(session, "mark"))

    def outbox(self) -> list[OutboxOp]:
        with self.db.read() as session:
            return list(session.scalars(select(OutboxOp).order_by(OutboxOp.seq)))

    def data(self, entities: Iterable[str] = TABLES) -> Data:
        return synced_data(self.db, entities=entities)


def post(http: httpx.Client, path: str, body: Any, token: str | None = None, *,
         schema: str | None = HEAD_REVISION) -> httpx.Response:
    """POST `body` as the laptop's client would (with its schema), or raw bytes as given."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if isinstance(body, bytes):
        return http.post(path, content=body, headers=headers | {
            "content-type": "application/json"})
    if schema is not None:
        body = body | {"schema": schema}
    return http.post(path, json=body, headers=headers)
