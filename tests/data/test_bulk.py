"""Bulk statements (arrays on PostgreSQL) write what an executemany writes, and the database's
refusal reaches the caller as SQLAlchemy's own error, whichever statement made it."""

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shelter_app.data.bulk import (
    among,
    insert_columns,
    insert_rows,
    pipelined,
    roomy_cache,
    update_rows,
)
from shelter_app.data.models import AppliedOp, AuditEvent, LogEntry
from shelter_app.domain import clock


def _applied(n: int) -> dict:
    return {"op_id": uuid.uuid4(), "device_id": uuid.uuid4(), "status": "applied",
            "reason": None if n % 2 else "Şu değişiklik / هذا التغيير\ttab\\", "version": n,
            "received_at": clock.now()}


def _event() -> dict:
    now = clock.now()
    return {"id": uuid.uuid4(), "created_at": now, "updated_at": now, "created_by": None,
            "version": 1, "user_id": None, "action": "update", "entity": "households",
            "entity_id": uuid.uuid4(), "changes": {"phone": [None, "+90"]}, "reason": None}


def test_rows_inserted_and_updated_in_bulk_read_back_as_given(db):
    rows = [_applied(n) for n in range(5)]
    log = [{"entity": "households", "row_id": uuid.uuid4(), "office_id": None, "version": 1,
            "fields": ["phone"], "row": None if n else {"phone": "+90 5\n"}, "device_id": None,
            "user_id": None, "hlc": None, "at": clock.now()} for n in range(2)]
    events = [_event() for _ in range(2)]
    with db.write() as session:
        connection = session.connection()
        insert_rows(connection, AppliedOp.__table__, rows)
        insert_rows(connection, LogEntry.__table__, log)
        insert_rows(connection, AuditEvent.__table__, events)
        update_rows(connection, AuditEvent.__table__, [
            {"_id": event["id"], "reason": "düzeltildi", "version": 2} for event in events[:1]])
    with db.read() as session:
        stored = {row.op_id: row for row in session.scalars(select(AppliedOp).where(
            among(session.connection(), AppliedOp.op_id, [row["op_id"] for row in rows])))}
        entries = list(session.scalars(select(LogEntry).order_by(LogEntry.seq)))[-2:]
        audited = [session.get(AuditEvent, event["id"]) for event in events]
    assert [(stored[r["op_id"]].status, stored[r["op_id"]].version, stored[r["op_id"]].reason,
             stored[r["op_id"]].received_at) for r in rows] == [
        (r["status"], r["version"], r["reason"], r["received_at"]) for r in rows]
    assert [(e.reason, e.version, e.changes) for e in audited] == [
        ("düzeltildi", 2, {"phone": [None, "+90"]}), (None, 1, {"phone": [None, "+90"]})]
    assert [(e.row, e.fields) for e in entries] == [({"phone": "+90 5\n"}, ["phone"]),
                                                   (None, ["phone"])]


def test_columns_inserted_with_shared_values_each_get_an_id(db):
    now = clock.now()
    ids = [uuid.uuid4() for _ in range(3)]
    with db.write() as session:
        insert_columns(session.connection(), AuditEvent.__table__, {
            "entity_id": ids, "action": ["update"] * 3, "entity": ["households"] * 3,
            "changes": [{"phone": [None, f"+90 \\{n}\""]} for n in range(3)]},
            {"created_at": now, "updated_at": now, "version": 1, "reason": "eşitlendi"})
    with db.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.entity_id.in_(ids))).all()
    assert sorted((e.changes["phone"], e.reason, e.created_at, e.version) for e in events) == [
        ([None, f"+90 \\{n}\""], "eşitlendi", now, 1) for n in range(3)]
    assert len({e.id for e in events}) == 3 and None not in {e.id for e in events}


def test_a_refused_bulk_insert_raises_sqlalchemys_error(db):
    row = _applied(1)
    with pytest.raises(IntegrityError), db.write() as session:
        insert_rows(session.connection(), AppliedOp.__table__, [row, row])
    with db.read() as session:
        assert session.scalar(select(AppliedOp).where(AppliedOp.op_id == row["op_id"])) is None


def test_pipelined_writes_land_and_a_refusal_among_them_is_sqlalchemys_error(db):
    """Writes sent without waiting for each other (PostgreSQL's pipeline) all land, in order;
    one the database refuses raises SQLAlchemy's error by the end of the block, a savepoint
    around it undoes the block, and the transaction goes on."""
    first, second, third = _event(), _event(), _event()
    table = AuditEvent.__table__
    with db.write() as session:
        connection = session.connection()
        with pipelined(connection):
            insert_rows(connection, table, [first])
            update_rows(connection, table, [{"_id": first["id"], "version": 7}])
        with pytest.raises(IntegrityError), session.begin_nested():
            connection = session.connection()  # in the savepoint
            with pipelined(connection):
                insert_rows(connection, table, [second])
                insert_rows(connection, table, [first])  # its id is taken
                update_rows(connection, table, [{"_id": second["id"], "version": 9}])
        insert_rows(connection, table, [third])
    with db.read() as session:
        versions = dict(session.execute(select(table.c.id, table.c.version).where(
            table.c.id.in_([row["id"] for row in (first, second, third)]))).all())
    assert versions == {first["id"]: 7, third["id"]: 1}


def test_among_many_values_is_one_parameter_and_picks_exactly_them(db):
    """Beyond SQLite's IN (…) of a thousand values: a JSON array read by json_each there, an
    array on PostgreSQL; the rows of those values and no other."""
    rows = [_applied(n) for n in range(2_500)]
    with db.write() as session:
        insert_rows(session.connection(), AppliedOp.__table__, rows)
    wanted = [row["op_id"] for row in rows[::2]] + [uuid.uuid4()]  # one that is nowhere
    with db.read() as session:
        connection = session.connection()
        condition = among(connection, AppliedOp.op_id, wanted)
        found = set(session.scalars(select(AppliedOp.op_id).where(condition)))
        assert len(condition.compile(connection).params) == 1
    assert found == set(wanted[:-1])


def test_a_roomy_cache_holds_a_bulk_writes_pages_and_the_connection_gets_its_own_back(db):
    """On SQLite the page cache is 64 MiB while writing in bulk (a 50,000-row import's pages
    are ~20 MiB; the default 2 MiB spills them to the WAL mid-transaction), then the
    connection's own again."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no per-connection page cache to size")
    with db.write() as session:
        connection = session.connection()
        own = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        with roomy_cache(connection):
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -65_536
            insert_rows(connection, AuditEvent.__table__, [_event()])
        assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == own != -65_536


def test_a_value_repeated_down_a_column_is_converted_once(db, monkeypatch):
    """SQLite's path converts each distinct value once (an import's consent dates are a few
    dozen days among 50,000 rows), and every row stores its own."""
    from shelter_app.data.base import UTCDateTime

    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL sends each column as one array text")
    converted = []
    convert = UTCDateTime.process_bind_param
    monkeypatch.setattr(UTCDateTime, "process_bind_param", lambda self, value, dialect: (
        converted.append(value), convert(self, value, dialect))[1])
    rows = [_applied(n) for n in range(4)]
    for n, row in enumerate(rows):
        row["received_at"] = rows[0]["received_at"] if n % 2 else clock.now()
    with db.write() as session:
        insert_rows(session.connection(), AppliedOp.__table__, rows)
    assert len(converted) == 2  # rows 1 and 3 have row 0's moment, row 2 its own
    with db.read() as session:
        stored = dict(session.execute(select(AppliedOp.op_id, AppliedOp.received_at)).all())
    assert [stored[row["op_id"]] for row in rows] == [row["received_at"] for row in rows]
