"""Backups of an encrypted laptop: snapshots and archives stay encrypted with the laptop's key,
verify and restore with it, and refuse clearly without it; a snapshot is the file's own pages,
consistent while the app writes."""

import errno
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from encrypted_laptop import HEAD, IBAN, make_laptop
from shelter_app.data import keyring
from shelter_app.data.engine import Database
from shelter_app.data.database_file import connect_file
from shelter_app.data.migrate import open_database
from shelter_app.data.models import Setting
from shelter_app.domain.errors import UserError
from shelter_app.services.backup import store
from shelter_app.services.backup import (backup_now, export_archive, restore_file,
                                         verify_archive, verify_snapshot)

pytestmark = pytest.mark.sqlite_only("the encrypted SQLite file itself")


def _plain(data: bytes, tckn: str) -> bool:
    return any(secret in data for secret in (tckn.encode(), IBAN.encode(), HEAD.encode()))


def test_snapshot_and_archive_are_encrypted_and_restore_with_the_key(tmp_path: Path) -> None:
    path, key, admin, tckn = make_laptop(tmp_path / "shelter.db")
    db = open_database(str(path), key=key)
    snapshot = backup_now(db, admin).path
    archive = export_archive(db, admin, tmp_path / "usb.zip").path
    db.dispose()
    assert snapshot.read_bytes()[:16] != keyring.SQLITE_HEADER
    assert not _plain(snapshot.read_bytes(), tckn)
    with zipfile.ZipFile(archive) as zf:
        assert not any(_plain(zf.read(name), tckn) for name in zf.namelist())
    assert verify_snapshot(snapshot, key).row_counts["households"] == 1
    assert verify_archive(archive, key).row_counts["households"] == 1
    with pytest.raises(UserError, match="encrypted with another laptop's key"):
        verify_archive(archive, keyring.new_key())
    with pytest.raises(UserError, match="encrypted with another laptop's key"):
        verify_snapshot(snapshot)
    result = restore_file(archive, path, admin, key)
    assert result.kept is not None and result.kept.read_bytes()[:16] != keyring.SQLITE_HEADER
    restored = open_database(str(path), key=key)
    with restored.read() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT head_name FROM households")).scalar() == HEAD
    restored.dispose()


def _settings(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Setting)) or 0


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_a_snapshot_is_the_files_own_pages_and_a_write_meanwhile_stays_out(
        tmp_path: Path, encrypted: bool) -> None:
    """No page decrypted and encrypted again: with every WAL frame in the file, the snapshot
    copies its bytes; a commit and a checkpoint while it copies reach neither."""
    path, key, admin, _tckn = make_laptop(tmp_path / "shelter.db", encrypted=encrypted)
    db = open_database(str(path), key=key)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before, settings = path.read_bytes(), _settings(db)
    checkpoints = []

    def write_meanwhile(_done: int, _total: int) -> None:
        with db.write() as session:
            session.add(Setting(key=f"test.meanwhile.{len(checkpoints)}", value=1))
        with db.engine.connect() as conn:
            checkpoints.append(conn.exec_driver_sql("PRAGMA wal_checkpoint").one())

    result = backup_now(db, admin, progress=write_meanwhile)

    assert _settings(db) == settings + len(checkpoints)
    db.dispose()
    _busy, frames, copied = checkpoints[0]  # the first, as the snapshot's reader began
    assert frames > copied  # held off: the file keeps what the snapshot saw
    page = 4096  # SQLCipher's and SQLite's page size; page 1 differs: its journal mode
    assert result.path.read_bytes()[page:] == before[page:]
    assert verify_snapshot(result.path, key).row_counts == result.manifest.row_counts
    assert result.manifest.row_counts["settings"] == settings


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_a_snapshot_begun_during_a_write_does_not_wait_for_it_nor_hold_it(
        tmp_path: Path, encrypted: bool) -> None:
    path, key, admin, _tckn = make_laptop(tmp_path / "shelter.db", encrypted=encrypted)
    db = open_database(str(path), key=key)
    settings = _settings(db)
    with db.write() as session:
        session.add(Setting(key="test.under_way", value=1))
        session.flush()
        result = backup_now(db, admin)
    db.dispose()
    assert verify_snapshot(result.path, key).row_counts == result.manifest.row_counts
    assert result.manifest.row_counts["settings"] == settings


_TRY_SHARED_BYTES = """
import fcntl, os, sys
handle = os.open(sys.argv[1], os.O_RDWR)
try:
    fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, 510, 0x40000002)  # SQLite's SHARED range
except OSError:
    sys.exit(0)
sys.exit(1)
"""


@pytest.mark.skipif(os.name == "nt", reason="Windows ties locks to handles")
@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_a_snapshot_leaves_the_apps_locks_on_the_database_file(
        tmp_path: Path, encrypted: bool) -> None:
    """Closing a descriptor of the file would drop the process's POSIX locks on it, SQLite's
    too: another process closing its connection could then fold the WAL in and delete it."""
    path, key, admin, _tckn = make_laptop(tmp_path / "shelter.db", encrypted=encrypted)
    db = open_database(str(path), key=key)
    app = connect_file(path, key)  # holds the file's SHARED lock from its first read on
    app.execute("SELECT count(*) FROM settings").fetchall()
    result = backup_now(db, admin)
    other = subprocess.run([sys.executable, "-c", _TRY_SHARED_BYTES, str(path)], check=False)
    app.close()
    db.dispose()
    assert other.returncode == 0  # refused: this process still holds it
    assert verify_snapshot(result.path, key).row_counts == result.manifest.row_counts


class _LockedPastItsStart(io.BytesIO):
    """The database file as Windows reads it while a connection holds the lock-byte page."""

    def read(self, size: int | None = -1) -> bytes:
        if self.tell():
            raise PermissionError(errno.EACCES, "locked by another process")
        return super().read(size)


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "plain"])
def test_a_file_that_cannot_be_read_whole_is_copied_by_the_backup_api(
        tmp_path: Path, encrypted: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    @contextmanager
    def locked(_path: Path) -> Iterator[io.BytesIO]:
        yield _LockedPastItsStart(b"\0" * (store._CHUNK + 1))

    monkeypatch.setattr(store, "_database_file", locked)
    path, key, admin, _tckn = make_laptop(tmp_path / "shelter.db", encrypted=encrypted)
    db = open_database(str(path), key=key)
    settings, done = _settings(db), []
    result = backup_now(db, admin, progress=lambda at, total: done.append((at, total)))
    db.dispose()
    assert verify_snapshot(result.path, key).row_counts == result.manifest.row_counts
    assert result.manifest.row_counts["settings"] == settings
    assert done[-1][0] == done[-1][1]  # counted once, not the failed bytes too
