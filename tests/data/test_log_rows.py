"""On PostgreSQL the server's change log writes its rows' JSON with orjson from the stored
values (`outbox.insert_log`): it must be what `with_row` writes with `encode`, value for value,
and keep the entries' order, which laptops pull in."""

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from shelter_app.data.models import Household, LogEntry
from shelter_app.data.outbox import insert_log, log_head, with_row
from shelter_app.data.replication import TABLES
from shelter_app.domain import clock


@pytest.fixture
def hub(demo_db):
    if demo_db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's change log rows are written from with_row's dicts")
    return demo_db


def _head(entity, row_id, n):
    return log_head(entity, row_id, ["phone", "version"], None, device_id=None, user_id=None,
                    stamp=f"{n:013d}-00000-S", now=clock.now())


def _log(hub, heads, rows):
    with hub.write() as session:
        last = session.scalar(select(LogEntry.seq).order_by(LogEntry.seq.desc()).limit(1)) or 0
        insert_log(session.connection(), heads, rows)
    with hub.read() as session:
        return session.scalars(select(LogEntry).where(LogEntry.seq > last)
                               .order_by(LogEntry.seq)).all()


def test_every_synced_table_is_logged_as_encode_writes_it(hub):
    with hub.write() as session:  # text JSON escapes, and a time with and without micro-seconds
        first, second = session.scalars(select(Household.id).limit(2)).all()
        session.execute(update(Household).where(Household.id == first).values(
            head_name='Ayşe "Kız" \\ Yılmaz\tيوسف\n', deleted_at=datetime(2026, 1, 2, 3, 4, 5,
                                                                         tzinfo=UTC)))
        session.execute(update(Household).where(Household.id == second).values(
            deleted_at=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)))
    heads, rows = [], []
    with hub.read() as session:
        for entity, table in TABLES.items():
            for row in session.connection().execute(select(table).order_by(table.c.id)
                                                    .limit(40)):
                heads.append(_head(entity, row.id, len(heads)))
                rows.append(row._mapping)
    logged = _log(hub, heads, rows)
    assert len(logged) == len(heads) > 500
    for entry, head, row in zip(logged, heads, rows, strict=True):
        expected = with_row(head, row)
        assert (entry.version, entry.row) == (expected["version"], expected["row"]), head


def test_entries_are_logged_in_their_order_with_their_rows(hub):
    with hub.read() as session:
        households = [row._mapping for row in session.connection().execute(
            select(TABLES["households"]).limit(3))]
        dwelling = session.connection().execute(select(TABLES["dwellings"]).limit(1)).one()
    purged = uuid.uuid4()
    order = [("households", households[0]), ("dwellings", dwelling._mapping),
             ("households", None), ("households", households[1]),
             ("households", households[2])]
    heads = [_head(entity, row["id"] if row else purged, n)
             for n, (entity, row) in enumerate(order)]
    logged = _log(hub, heads, [row for _, row in order])
    assert [(entry.entity, entry.row_id) for entry in logged] == [
        (head["entity"], head["row_id"]) for head in heads]
    for entry, head, (_, row) in zip(logged, heads, order, strict=True):
        assert entry.fields == ["phone"] and entry.at == head["at"]
        assert entry.version == (row["version"] if row else 0)
        assert entry.row == with_row(head, row)["row"]
        assert (entry.row is None) == (row is None)
