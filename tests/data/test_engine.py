"""Engine and session behaviour: SQLite settings, write locking, atomicity, UTC times and the
version counter that turns a stale edit into an error instead of a silent overwrite."""

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import StatementError
from sqlalchemy.orm.exc import StaleDataError

import factories
from shelter_app.data.engine import BUSY_TIMEOUT_MS, Database
from shelter_app.data.models import Dwelling, Household, Office
from shelter_app.domain import clock


def try_begin_immediate(path: Path) -> str:
    """Try to take the write lock from a second, independent connection, without waiting."""
    with closing(sqlite3.connect(path, timeout=0, isolation_level=None)) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            return str(error)
        conn.execute("ROLLBACK")
        return "ok"


def office_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Office)) or 0


@pytest.mark.sqlite_only("the pragmas of a SQLite connection")
def test_connection_pragmas(db: Database) -> None:
    with db.engine.connect() as conn:
        def pragma(name: str) -> object:
            return conn.exec_driver_sql(f"PRAGMA {name}").scalar()

        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000
        assert pragma("busy_timeout") == BUSY_TIMEOUT_MS
        assert pragma("synchronous") >= 1  # NORMAL or stronger


def test_foreign_keys_are_enforced(db: Database) -> None:
    import uuid

    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError, match="(?i)foreign key"), db.write() as session:
        session.add(Household(ref="GAZ-H-000001", office_id=uuid.uuid4(), head_name="X",
                              nationality="Türkiye", protection_status="host_community"))
    assert office_count(db) == 0


def test_write_session_takes_the_write_lock_at_its_first_statement(
    db: Database, db_path: Path
) -> None:
    assert try_begin_immediate(db_path) == "ok"
    with db.write() as session:
        session.scalar(select(func.count()).select_from(Office))  # a read only
        assert try_begin_immediate(db_path) == "database is locked"
    assert try_begin_immediate(db_path) == "ok"


def test_read_session_does_not_take_the_write_lock(db: Database, db_path: Path) -> None:
    with db.read() as session:
        session.scalar(select(func.count()).select_from(Office))
        assert session.in_transaction()
        assert try_begin_immediate(db_path) == "ok"


def test_write_is_committed_when_the_block_ends(db: Database) -> None:
    with db.write() as session:
        session.add(Office(code="ADA", name="Adana", province="Adana"))
    assert office_count(db) == 1


def test_an_error_in_a_write_block_commits_nothing(db: Database) -> None:
    class Boom(Exception):
        pass

    with pytest.raises(Boom), db.write() as session:
        session.add(Office(code="ADA", name="Adana", province="Adana"))
        session.flush()  # the row is in the database's transaction...
        session.add(Office(code="GAZ", name="Gaziantep", province="Gaziantep"))
        session.flush()
        assert session.scalar(select(func.count()).select_from(Office)) == 2
        raise Boom
    assert office_count(db) == 0  # ...and rolled back whole


def test_read_session_changes_are_not_committed(db: Database) -> None:
    with db.read() as session:
        session.add(Office(code="ADA", name="Adana", province="Adana"))
        session.flush()
    assert office_count(db) == 0


# --- UTCDateTime -----------------------------------------------------------------------------


def test_a_naive_datetime_is_refused(db: Database) -> None:
    with pytest.raises(StatementError, match="naive datetime") as raised, db.write() as session:
        session.add(Office(code="ADA", name="Adana", province="Adana",
                           created_at=datetime(2026, 5, 1, 12, 0)))
    assert isinstance(raised.value.orig, ValueError)
    assert office_count(db) == 0


def test_datetimes_come_back_aware_utc(db: Database) -> None:
    record = factories.office(db, "ADA")
    with db.read() as session:
        loaded = session.get(Office, record.id)
        assert loaded is not None
        assert loaded.created_at.tzinfo is not None
        assert loaded.created_at.utcoffset() == timedelta(0)
        assert abs(clock.now() - loaded.created_at) < timedelta(minutes=5)


def test_a_plus_three_datetime_is_the_same_instant_in_utc(db: Database) -> None:
    istanbul = timezone(timedelta(hours=3))
    local = datetime(2026, 3, 1, 1, 30, 15, 123456, tzinfo=istanbul)  # 28 Feb 22:30 UTC
    record = factories.office(db, "ADA")
    with db.write() as session:
        session.get(Office, record.id).deleted_at = local  # type: ignore[union-attr]
    with db.read() as session:
        loaded = session.get(Office, record.id)
        assert loaded is not None and loaded.deleted_at is not None
        assert loaded.deleted_at == local
        assert loaded.deleted_at.utcoffset() == timedelta(0)
        assert loaded.deleted_at == datetime(2026, 2, 28, 22, 30, 15, 123456, tzinfo=UTC)
        # the stored text is UTC too, so SQL comparisons and ORDER BY agree with Python
        stored = session.connection().exec_driver_sql(
            "SELECT deleted_at FROM offices").scalar()
        assert str(stored).startswith("2026-02-28 22:30:15")


def test_utc_comparison_in_a_query(db: Database) -> None:
    istanbul = timezone(timedelta(hours=3))
    record = factories.office(db, "ADA")
    with db.write() as session:
        session.get(Office, record.id).deleted_at = datetime(  # type: ignore[union-attr]
            2026, 3, 1, 1, 0, tzinfo=istanbul)
    with db.read() as session:
        before = datetime(2026, 2, 28, 22, 30, tzinfo=UTC)
        assert session.scalar(select(func.count()).select_from(Office)
                              .where(Office.deleted_at < before)) == 1


# --- the version counter ---------------------------------------------------------------------


def test_updates_bump_the_version(db: Database) -> None:
    record = factories.office(db, "ADA")
    assert record.version == 1
    with db.write() as session:
        loaded = session.get(Office, record.id)
        assert loaded is not None
        loaded.name = "Adana Saha Ofisi"
    with db.read() as session:
        assert session.get(Office, record.id).version == 2  # type: ignore[union-attr]


def test_a_stale_update_fails(db: Database) -> None:
    """Two people open the same office, both edit it; the second save must not overwrite."""
    record = factories.office(db, "ADA", name="Adana")
    with db.read() as first_session:
        first = first_session.get(Office, record.id)
    with db.read() as second_session:
        second = second_session.get(Office, record.id)
    assert first is not None and second is not None and first is not second

    first.name = "Adana Saha Ofisi"
    with db.write() as session:
        session.add(first)
    second.name = "Adana Ofisi"
    with pytest.raises(StaleDataError), db.write() as session:
        session.add(second)

    with db.read() as session:
        current = session.get(Office, record.id)
        assert current is not None
        assert (current.name, current.version) == ("Adana Saha Ofisi", 2)


def test_a_stale_update_of_a_dwelling_fails(db: Database) -> None:
    office = factories.office(db)
    record = factories.dwelling(db, office)
    with db.write() as session:
        session.get(Dwelling, record.id).street = "Barış Sokak"  # type: ignore[union-attr]
    record.street = "Gül Sokak 2"  # `record` still holds version 1
    with pytest.raises(StaleDataError), db.write() as session:
        session.add(record)
