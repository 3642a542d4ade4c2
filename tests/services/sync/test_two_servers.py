"""Two server processes on one database at once (as behind a proxy): pushes through both at the
same moment are decided one after the other, every change is logged once with its own
version, and every laptop ends with the same data."""

import threading
from collections import Counter

from sqlalchemy import select

from services.sync.machines import differences, synced_data
from shelter_app.data.engine import Database
from shelter_app.data.models import Conflict, Household, LogEntry
from sync_server import serving as serve

ROWS = 20  # Gaziantep's households in the demo


def _edit_all(machine, actor, ids, phone: str, nationality: str | None) -> None:
    with machine.db.write(actor) as session:
        for row_id in ids:
            record = session.get(Household, row_id)
            record.phone = phone
            if nationality:
                record.nationality = nationality


def test_two_servers_on_one_database_decide_concurrent_pushes_one_at_a_time(
        laptop, hub, gaz, engineer):
    second_db = Database(hub.url)  # another process's engine: nothing shared but the data
    with serve(second_db) as second_url:
        a, b = laptop("a"), laptop("b", url=second_url)
        c = laptop("c")
        with a.db.read() as session:
            ids = list(session.scalars(select(Household.id).where(Household.ref.like("GAZ-%"))
                                       .order_by(Household.ref)))
        assert len(ids) == ROWS
        _edit_all(a, engineer, ids, "+905321112233", "Iraqi")
        _edit_all(b, engineer, ids, "+905329998877", None)
        start, reports, errors = threading.Barrier(3), {}, []

        def push(machine) -> None:
            try:
                start.wait()
                reports[machine.name] = machine.sync()
            except Exception as error:  # shown by the assertion below
                errors.append(error)

        def pull() -> None:
            start.wait()
            for _ in range(5):
                c.sync()

        threads = [threading.Thread(target=push, args=(m,)) for m in (a, b)]
        threads.append(threading.Thread(target=pull))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        assert errors == []
        # the same field of each row: one push first, the other in conflict, row by row
        assert sorted(r.conflicts for r in reports.values()) in ([0, ROWS], [ROWS, 0])
        assert sum(r.applied for r in reports.values()) == ROWS
        with hub.read() as session:
            assert len(session.scalars(select(Conflict.id)).all()) == ROWS
            entries = session.execute(select(LogEntry.row_id, LogEntry.version).where(
                LogEntry.row_id.in_(ids)).order_by(LogEntry.seq)).all()
            current = dict(session.execute(select(Household.id, Household.version).where(
                Household.id.in_(ids))).all())
        # each row: one entry per version, in order, the last the row's own
        assert [key for key, n in Counter(entries).items() if n > 1] == []
        for row_id in ids:
            versions = [v for r, v in entries if r == row_id]
            assert versions == sorted(versions) and versions[-1] == current[row_id]
            assert len(versions) == len(set(versions))
        for machine in (a, b, c, a):
            machine.sync()
        for row_id in ids:
            with hub.read() as session:
                row = session.get(Household, row_id)
            assert row.nationality == "Iraqi"  # merged from a, whoever came first
        expected = synced_data(hub, gaz)
        for machine in (a, b, c):
            assert differences(expected, machine.data()) == [], machine.name
    second_db.dispose()
