"""Killed at any step of a sync, the laptop or the server, and synced again: the same data as a
sync nobody interrupted, nothing applied twice, nothing lost.

The server runs as `python -m shelter_app serve`, the laptop's sync as the `sync` verb in a
process of its own (with smaller push batches and pull pages, so that a sync has several steps), and each is
killed with SIGKILL, no chance to tidy up, at the step it has reached: the laptop just after
the server committed a batch (its answer lost on the way), the server with the next batch in
flight, the laptop while pulling.
"""

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from server_dbs import target
from services.sync.machines import counts, differences, synced_data
from shelter_app.data.audit import insert_audited
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import AppliedOp, Household, OutboxOp
from shelter_app.data.outbox import state
from shelter_app.domain.ids import make_tckn
from shelter_app.services.sync import client
from shelter_app.services.sync.state_keys import CURSOR_KEY
from sync_server import free_port
from sync_server import serving as serve

NEW = 100  # new households, besides edits of the office's twenty
BATCH = 30  # ops per push in the killed syncs: four pushes,
PAGE = 40  # and log entries per page pulled: the laptop's own changes come back in four pages
SYNC = ("import sys\n"
        "from shelter_app.services.sync import client\n"
        f"client.BATCH, client.PAGE = {BATCH}, {PAGE}\n"
        "from shelter_app.cli.main import main\n"
        "sys.exit(main())\n")


def _work(machine, actor) -> None:
    """Many changes waiting on the laptop: new households, and edits of existing ones."""
    with machine.db.write(actor) as session:
        office = session.scalar(select(Household.office_id).limit(1))
        numbers = range(1, NEW + 1)
        insert_audited(session, Household, {
            "ref": [f"GAZ-H-{machine.mark}{n:05d}" for n in numbers],
            "office_id": [office] * NEW, "head_name": [f"Hane {n}" for n in numbers],
            "head_id_number": [make_tckn(f"8{n:08d}") for n in numbers],
            "nationality": ["Türkiye"] * NEW, "protection_status": ["host_community"] * NEW,
            "members": [{"adults": 1 + n % 4} for n in numbers]})
        for record in session.scalars(select(Household).where(Household.ref.like("GAZ-H-0%"))):
            record.nationality = "Iraqi"


class Server:
    """`python -m shelter_app serve` in a process of its own."""

    def __init__(self, db_target: str, log: Path) -> None:
        self.target, self.log = db_target, log
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "shelter_app", "serve", "--db", self.target, "--port",
                 self.url.rsplit(":", 1)[1]], stdout=out, stderr=out)
        return self

    def ready(self) -> "Server":
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process is not None and self.process.poll() is None, \
                self.log.read_text()
            try:
                if httpx.get(self.url + "/v1/hello", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.05)
        raise AssertionError("the server did not start: " + self.log.read_text())

    def kill(self) -> bool:
        """SIGKILL; whether it was still running."""
        alive = self.process is not None and self.process.poll() is None
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
        return alive


def _copy(db: Database, path: Path) -> Database:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copyfile(db.path, path)
    return Database(target_url(str(path)))


@pytest.fixture
def control(request, hub, tmp_path, _servers):
    """`control(laptop)`: copies of the hub and the laptop as they are now; the callable it
    returns syncs them with nobody interrupting and gives their data and the hub's sync
    bookkeeping."""

    def copy(machine):
        laptop_copy = _copy(machine.db, tmp_path / "control-laptop.db")
        if _servers is None:
            hub_copy = _copy(hub, tmp_path / "control-hub.db")
        else:
            hub.dispose()  # a template database has no connection
            hub_copy = Database(_servers.create(template=hub.url))
            request.addfinalizer(lambda: _servers.drop(hub_copy.url))
        request.addfinalizer(laptop_copy.dispose)
        request.addfinalizer(hub_copy.dispose)

        def run():
            with serve(hub_copy) as url, httpx.Client(base_url=url, timeout=60) as http:
                assert client.sync(laptop_copy, http).clean
                assert client.sync(laptop_copy, http).pushed == 0
            return synced_data(hub_copy), synced_data(laptop_copy), counts(hub_copy)

        return run

    return copy


@pytest.mark.timeout(360)  # a process killed and restarted at every step: ~60 s alone
def test_killing_the_laptop_or_the_server_at_any_step_changes_nothing_but_the_time(
        laptop, hub, gaz, engineer, control, tmp_path):
    a = laptop("a")
    _work(a, engineer)
    total = len(a.outbox())
    assert total > NEW
    uninterrupted = control(a)

    def applied() -> int:  # ops the server has committed
        with hub.read() as session:
            return session.scalar(select(func.count()).select_from(AppliedOp))

    def pending() -> int:  # ops the laptop has not heard back about
        with a.db.read() as session:
            return session.scalar(select(func.count()).select_from(OutboxOp))

    def cursor() -> int:  # the last log entry the laptop has taken
        with a.db.read() as session:
            return state(session, CURSOR_KEY)

    server = Server(target(hub), tmp_path / "server.log").start()
    expected_hub, expected_laptop, expected_counts = uninterrupted()  # while it starts
    kills = []

    def sync_until(moment: Callable[[], bool], victim: str) -> None:
        """Run the laptop's sync; kill `victim` as soon as `moment()` holds."""
        process = subprocess.Popen([sys.executable, "-c", SYNC, "sync", "--db",
                                    str(a.db.path), "--server", server.ready().url],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while process.poll() is None and not moment() and time.monotonic() < deadline:
            time.sleep(0.005)
        if victim == "laptop":
            kills.append(("laptop", process.poll() is None))
            process.kill()
        else:
            kills.append(("server", server.kill()))
            server.start()
        process.wait(30)

    try:
        sync_until(lambda: applied() > 0, "laptop")  # a batch committed, its answer lost
        waiting = pending()
        sync_until(lambda: pending() < waiting, "server")  # the next batch in flight
        pulled = cursor()
        sync_until(lambda: cursor() > pulled, "laptop")  # a page taken, the next coming
        finished = subprocess.run([sys.executable, "-c", SYNC, "sync", "--db", str(a.db.path),
                                   "--server", server.ready().url], capture_output=True,
                                  timeout=60, check=False)
        assert finished.returncode == 0, finished.stdout + finished.stderr
    finally:
        server.kill()

    assert all(alive for _, alive in kills), kills  # killed in the middle, not after
    assert a.outbox() == []
    assert differences(expected_hub, synced_data(hub)) == []
    assert differences(expected_laptop, a.data()) == []
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert counts(hub) == expected_counts  # every op decided once, every change logged once
