"""What must survive: a process killed mid-write, two processes writing one file, and a
database found damaged at start-up."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.migrate import DatabaseOpenError, open_database
from shelter_app.data.models import Dwelling, Setting
from shelter_app.services import backup
from shelter_app.services.accounts.auth import SYSTEM

posix_only = pytest.mark.skipif(os.name != "posix", reason="needs fork and SIGKILL")

#: Imports the app once, then forks one writer per line read from stdin, so that fifty kills
#: cost fifty forks rather than fifty interpreter start-ups. Each writer commits small
#: transactions through Database.write and reports each id once its commit has returned (with
#: one write call: print() makes two when PYTHONUNBUFFERED is set, and a kill between them
#: would glue half a line to the next one).
FORK_SERVER = r"""
import os, sys
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Setting

while sys.stdin.readline():
    pid = os.fork()
    if pid == 0:
        db = Database(target_url(sys.argv[1]))  # after the fork: no connection is shared
        n = 0
        while True:
            with db.write() as session:
                row = Setting(key="reliability.kill", value=n)
                session.add(row)
            os.write(1, f"committed {row.id.hex}\n".encode())  # one write: a kill never halves it
            n += 1
    print(f"child {pid}", flush=True)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""

#: One of two processes writing the same file: each transaction reads, then writes, which
#: fails at once with "database is locked" unless write transactions begin IMMEDIATE.
WRITER = r"""
import sys
import time
from sqlalchemy import func, select
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Setting

db = Database(target_url(sys.argv[1]))
key = f"reliability.{sys.argv[2]}"
print("ready", flush=True)
sys.stdin.readline()
for n in range(200):
    with db.write() as session:
        seen = session.scalar(select(func.count()).select_from(Setting).where(Setting.key == key))
        session.add(Setting(key=key, value=seen))
print("done", flush=True)
"""


def python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@posix_only
def test_every_reported_commit_survives_fifty_kills(db_path: Path) -> None:
    reported: set[str] = set()
    rng = random.Random(2026)
    with python(FORK_SERVER, str(db_path)) as server:
        assert server.stdin is not None and server.stdout is not None
        for _ in range(50):
            server.stdin.write("go\n")
            server.stdin.flush()
            pid, commits = None, 0
            while pid is None or commits == 0:  # kill only once the writer is mid-stream
                line = server.stdout.readline()
                assert line, "the fork server died"
                kind, value = line.split()
                if kind == "child":
                    pid = int(value)
                else:
                    reported.add(value)
                    commits += 1
            time.sleep(rng.uniform(0, 0.01))  # lands anywhere in a transaction
            os.kill(pid, signal.SIGKILL)
            for line in iter(server.stdout.readline, "reaped\n"):
                assert line, "the fork server died"
                reported.add(line.split()[1])
        server.stdin.close()
        assert server.wait(timeout=30) == 0, server.stderr.read() if server.stderr else ""
    assert len(reported) >= 50

    db = open_database(str(db_path), create=False)
    with db.read() as session:
        stored = {row.hex for row in session.scalars(
            select(Setting.id).where(Setting.key == "reliability.kill"))}
    db.dispose()
    assert reported <= stored
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_two_processes_write_one_file_without_locking_errors(db_path: Path) -> None:
    with python(WRITER, str(db_path), "a") as first, python(WRITER, str(db_path), "b") as second:
        writers = [first, second]
        for writer in writers:
            assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
        for writer in writers:  # start both together
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        results = [writer.communicate(timeout=90) for writer in writers]
    for writer, (out, err) in zip(writers, results):
        assert "database is locked" not in err
        assert (writer.returncode, out) == (0, "done\n"), err

    with closing(sqlite3.connect(db_path)) as conn:
        for name in ("a", "b"):
            values = [value for (value,) in conn.execute(
                "SELECT value FROM settings WHERE key = ? ORDER BY created_at",
                (f"reliability.{name}",))]
            assert values == list(range(200))  # each saw all of its earlier rows


@pytest.mark.sqlite_only("damages the SQLite file, then restores it from a file backup")
def test_damaged_database_at_start_is_recovered_from_the_latest_snapshot(
        demo_db: Database) -> None:
    snapshot = backup.backup_now(demo_db, SYSTEM)
    path = demo_db.path
    demo_db.dispose()
    with path.open("r+b") as handle:  # a disk error scribbles over pages in the middle
        handle.seek(path.stat().st_size // 2 // 4096 * 4096)
        handle.write(bytes(random.Random(1).randrange(256) for _ in range(4 * 4096)))
    damaged = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="is damaged"):
        open_database(str(path))

    kept = backup.recover_damaged(path)

    assert kept.read_bytes() == damaged and kept.parent == path.parent
    db = open_database(str(path), create=False)
    with db.read() as session:
        assert len(session.scalars(select(Dwelling.id)).all()) == \
            snapshot.manifest.row_counts["dwellings"] == 120
    db.dispose()
