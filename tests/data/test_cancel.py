"""A query cancelled from another thread stops at once and says so (SQLite and PostgreSQL)."""

import threading
import time

import pytest

from shelter_app.data.cancel import Cancel, Cancelled, interruptible

# a statement that runs for many seconds on either database, unless interrupted
_SLOW = {"sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                   "LIMIT 2000000000) SELECT count(*) FROM c",
         "postgresql": "SELECT pg_sleep(30)"}


def test_a_running_query_is_interrupted(db):
    cancel = Cancel()
    threading.Timer(0.2, cancel.cancel).start()
    started = time.perf_counter()
    with pytest.raises(Cancelled), db.read() as session, interruptible(session, cancel):
        session.connection().exec_driver_sql(_SLOW[db.engine.dialect.name]).all()
    assert time.perf_counter() - started < 10
    with db.read() as session:  # the database answers the next query as usual
        assert session.connection().exec_driver_sql("SELECT 1").scalar() == 1


def test_a_query_cancelled_before_it_starts_never_runs(db):
    cancel = Cancel()
    cancel.cancel()
    with pytest.raises(Cancelled), db.read() as session, interruptible(session, cancel):
        pytest.fail("the block ran")


def test_without_cancel_or_before_cancel_the_query_answers(db):
    cancel = Cancel()
    with db.read() as session, interruptible(session, cancel):
        assert session.connection().exec_driver_sql("SELECT 2").scalar() == 2
    cancel.cancel()  # after the block: nothing to interrupt, nothing raised
    with db.read() as session, interruptible(session, None):
        assert session.connection().exec_driver_sql("SELECT 3").scalar() == 3
