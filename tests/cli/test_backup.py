"""`shelter-app backup` and `shelter-app restore`, run in-process through cli.main."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from cli_runner import run

from shelter_app.data.engine import Database
from shelter_app.services.backup import list_backups, verify_archive

pytestmark = pytest.mark.sqlite_only("backups are copies of the SQLite file and its photos")


def dump(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def rename_a_dwelling(path: Path) -> None:
    """A change made after the backup, which the restore must undo."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE dwellings SET street = 'Yeni Sokak' "
                     "WHERE ref = (SELECT min(ref) FROM dwellings)")


@pytest.fixture
def path(demo_db: Database) -> Path:
    """The demo database's file, with no Database open on it (restore needs it closed)."""
    demo_db.dispose()
    return demo_db.path


def test_backup_without_out_makes_a_snapshot_then_skips(path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "backup", "--db", str(path))
    [snapshot] = list_backups(path.with_name("demo-backups"))
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote {snapshot.path} (") and out.rstrip().endswith(" s.")

    code, out, err = run(capsys, "backup", "--db", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"Nothing changed since the backup {snapshot.path}; no new snapshot")
    assert len(list_backups(path.with_name("demo-backups"))) == 1


def test_archive_then_restore_puts_the_records_back(path: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "usb" / "backup.zip"
    archive.parent.mkdir()
    before = dump(path)
    code, out, err = run(capsys, "backup", "--out", str(archive), "--db", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"Wrote {archive} (") and verify_archive(archive).photos == ()

    rename_a_dwelling(path)
    code, out, err = run(capsys, "restore", str(archive), "--db", str(path))
    assert (code, err) == (0, "")
    restored, kept = out.splitlines()
    assert restored.startswith(f"Restored {path} from {archive} (backup made ")
    kept_path = Path(kept.removeprefix("The replaced database was kept as ").rstrip("."))
    assert kept_path.is_file() and kept_path.parent == path.parent
    assert dump(path) == before != dump(kept_path)


def test_restore_takes_an_automatic_snapshot(path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "backup", "--db", str(path))[0] == 0
    before = dump(path)
    [snapshot] = list_backups(path.with_name("demo-backups"))
    rename_a_dwelling(path)
    code, out, err = run(capsys, "restore", str(snapshot.path), "--db", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"Restored {path} from {snapshot.path}")
    assert dump(path) == before


def test_restore_refuses_what_is_not_a_backup_in_one_line(path: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    original = path.read_bytes()
    bogus = tmp_path / "holiday.zip"
    bogus.write_bytes(b"not a zip")
    code, out, err = run(capsys, "restore", str(bogus), "--db", str(path))
    assert (code, out) == (2, "")
    assert err == f"shelter-app: {bogus} is not a readable ZIP archive; the file is damaged or " \
                  "is not a Barınak backup.\n"
    assert path.read_bytes() == original


def test_restore_needs_a_database_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    code, _, err = run(capsys, "restore", str(tmp_path / "b.zip"), "--db",
                       "postgresql+psycopg://user@host/shelter")
    assert code == 2
    assert err.startswith("shelter-app: restore replaces a SQLite database file;")
