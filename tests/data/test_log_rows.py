"""On PostgreSQL the server's change log has the database write each row's JSON
(`outbox.insert_log`): it must be what `log_entry` writes from Python, value for value, and
keep the entries' order, which laptops pull in."""

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text, update

from shelter_app.data.models import Household, LogEntry
from shelter_app.data.outbox import insert_log, log_entry, log_head
from shelter_app.data.replication import TABLES, row_json_sql
from shelter_app.domain import clock


@pytest.fixture
def hub(demo_db):
    if demo_db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's change log rows are written from Python (log_entry)")
    return demo_db


def _python_row(entity, row):
    return log_entry(entity, row["id"], (), row, None, device_id=None, user_id=None,
                     stamp=None, now=clock.now())["row"]


def test_the_database_writes_every_synced_table_as_encode_does(hub):
    with hub.write() as session:  # text JSON escapes, and a time with and without micro-seconds
        first, second = session.scalars(select(Household.id).limit(2)).all()
        session.execute(update(Household).where(Household.id == first).values(
            head_name='Ayşe "Kız" \\ Yılmaz\tيوسف\n', deleted_at=datetime(2026, 1, 2, 3, 4, 5,
                                                                         tzinfo=UTC)))
        session.execute(update(Household).where(Household.id == second).values(
            deleted_at=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)))
    compared = 0
    with hub.read() as session:
        connection = session.connection()
        for entity, table in TABLES.items():
            rows = {row.id: row._mapping for row in connection.execute(
                select(table).order_by(table.c.id).limit(40))}
            if not rows:
                continue
            built = dict(connection.execute(text(
                f"SELECT t.id, {row_json_sql(entity)} FROM {entity} AS t "
                "WHERE t.id = ANY(:ids)"), {"ids": list(rows)}).all())
            for row_id, row in rows.items():
                assert built[row_id] == _python_row(entity, row), (entity, row_id)
                compared += 1
    assert compared > 500


def test_entries_are_logged_in_their_order_with_the_rows_as_they_stand(hub):
    with hub.read() as session:
        households = session.scalars(select(Household.id).limit(3)).all()
        dwelling = session.scalar(select(TABLES["dwellings"].c.id).limit(1))
    purged = uuid.uuid4()
    order = [("households", households[0]), ("dwellings", dwelling), ("households", purged),
             ("households", households[1]), ("households", households[2])]
    now = clock.now()
    heads = [log_head(entity, row_id, ["phone", "version"], None, device_id=None,
                      user_id=None, stamp=f"{n:013d}-00000-S", now=now)
             for n, (entity, row_id) in enumerate(order)]
    with hub.write() as session:
        last = session.scalar(select(LogEntry.seq).order_by(LogEntry.seq.desc()).limit(1)) or 0
        insert_log(session.connection(), heads)
    with hub.read() as session:
        logged = session.scalars(select(LogEntry).where(LogEntry.seq > last)
                                 .order_by(LogEntry.seq)).all()
        assert [(entry.entity, entry.row_id) for entry in logged] == order
        for entry in logged:
            table = TABLES[entry.entity]
            row = session.connection().execute(select(table).where(
                table.c.id == entry.row_id)).first()
            assert entry.fields == ["phone"] and entry.at == now
            assert entry.version == (row.version if row else 0)
            assert entry.row == (_python_row(entry.entity, row._mapping) if row else None)
