"""Backups and restore: snapshots and archives give back every record and photo, unchanged
backups are skipped, rotation keeps N, damaged backups are refused, only admins restore."""

import hashlib
import io
import json
import sqlite3
import uuid
import zipfile
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.migrate import open_database
from shelter_app.data.models import Dwelling, Photo, Setting
from shelter_app.domain.errors import PermissionDenied, UserError
from shelter_app.domain.stages import Role
from shelter_app.services import backup
from shelter_app.services.backup import store
from shelter_app.services.accounts.auth import SYSTEM, Actor
from shelter_app.services.files import photo_path

pytestmark = pytest.mark.sqlite_only("backups are copies of the SQLite file and its photos")

ENGINEER = Actor(uuid.uuid4(), "engineer", "Field Engineer", Role.ENGINEER, None)


def add_photos(db: Database, count: int, shade: int = 0) -> list[str]:
    """Small real JPEGs stored at photo_path, with their Photo rows on the first dwellings."""
    shas = []
    with db.write() as session:
        dwellings = session.scalars(select(Dwelling.id).order_by(Dwelling.ref).limit(count))
        for n, dwelling_id in enumerate(dwellings):
            buffer = io.BytesIO()
            Image.new("RGB", (64, 48), (40 * n, shade, 200)).save(buffer, "JPEG")
            data = buffer.getvalue()
            sha = hashlib.sha256(data).hexdigest()
            photo_path(db, sha).parent.mkdir(parents=True, exist_ok=True)
            photo_path(db, sha).write_bytes(data)
            session.add(Photo(dwelling_id=dwelling_id, sha256=sha, size_bytes=len(data),
                              width=64, height=48))
            shas.append(sha)
    return shas


def dump(path: Path) -> list[str]:
    """Every table's schema and rows, in a fixed order: equal dumps mean equal records."""
    with closing(sqlite3.connect(path)) as conn:
        return list(conn.iterdump())


def rename_a_dwelling(db: Database, street: str = "Yeni Sokak") -> None:
    with db.write() as session:
        session.scalars(select(Dwelling).order_by(Dwelling.ref).limit(1)).one().street = street


def set_keep(db: Database, keep: int) -> None:
    with db.write() as session:
        session.add(Setting(key="backup.keep", value=keep))


def test_archive_restore_gives_back_every_record_and_photo(demo_db: Database,
                                                           tmp_path: Path) -> None:
    shas = add_photos(demo_db, 3)
    photos = {sha: photo_path(demo_db, sha).read_bytes() for sha in shas}
    before = dump(demo_db.path)
    (tmp_path / "usb").mkdir()
    result = backup.export_archive(demo_db, SYSTEM, tmp_path / "usb" / "shelter.zip")

    with zipfile.ZipFile(result.path) as zf:
        kinds = {info.filename: info.compress_type for info in zf.infolist()}
    assert kinds == {"shelter.db": zipfile.ZIP_DEFLATED, "manifest.json": zipfile.ZIP_DEFLATED,
                     **{f"photos/{sha}.jpg": zipfile.ZIP_STORED for sha in shas}}
    assert sorted(result.manifest.photos) == sorted(shas)
    assert result.manifest.row_counts["dwellings"] == 120
    assert result.manifest.row_counts["photos"] == 3
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["shelter.zip"]

    rename_a_dwelling(demo_db)
    for sha in shas:
        photo_path(demo_db, sha).unlink()
    demo_db.dispose()
    changed = demo_db.path.read_bytes()
    restored = backup.restore_archive(result.path, demo_db.path, SYSTEM)

    assert dump(demo_db.path) == before
    assert {sha: photo_path(demo_db, sha).read_bytes() for sha in shas} == photos
    assert restored.kept is not None and restored.kept.read_bytes() == changed
    assert not list(demo_db.path.parent.glob(".*restore-*"))  # the work folder is gone
    reopened = open_database(str(demo_db.path), create=False)
    with reopened.read() as session:
        assert session.scalar(select(Dwelling.street).order_by(Dwelling.ref).limit(1)) != \
            "Yeni Sokak"
    reopened.dispose()


def test_snapshot_restores_into_a_new_place_with_its_photos(demo_db: Database,
                                                            tmp_path: Path) -> None:
    shas = add_photos(demo_db, 2)
    result = backup.backup_now(demo_db, SYSTEM)
    assert result.path.parent == demo_db.path.with_name("demo-backups")
    assert backup.verify_snapshot(result.path).photos == result.manifest.photos

    target = tmp_path / "laptop2" / "shelter.db"
    restored = backup.restore_snapshot(result.path, target, SYSTEM)

    assert restored.kept is None
    assert dump(target) == dump(demo_db.path)
    moved = open_database(str(target), create=False)
    for sha in shas:
        assert photo_path(moved, sha).read_bytes() == photo_path(demo_db, sha).read_bytes()
    moved.dispose()


def test_unchanged_backup_is_skipped_and_no_photo_is_copied_again(demo_db: Database) -> None:
    add_photos(demo_db, 3)
    first = backup.backup_now(demo_db, SYSTEM)
    assert (first.skipped, first.photos_copied) == (False, 3)
    store = sorted((first.path.parent / "photos").glob("*/*.jpg"))
    stamps = [(path.stat().st_ino, path.stat().st_mtime_ns) for path in store]

    again = backup.backup_now(demo_db, SYSTEM)
    assert again.skipped and again.path == first.path and again.photos_copied == 0
    assert [info.path for info in backup.list_backups(first.path.parent)] == [first.path]

    rename_a_dwelling(demo_db)
    changed = backup.backup_now(demo_db, SYSTEM)
    assert not changed.skipped and changed.path != first.path
    assert changed.photos_copied == 0
    assert [(path.stat().st_ino, path.stat().st_mtime_ns) for path in store] == stamps
    assert changed.manifest.photos == first.manifest.photos


def test_a_write_during_the_backup_is_in_the_next_snapshot_not_this_one(
        demo_db: Database) -> None:
    def write_meanwhile(_done: int, _total: int) -> None:
        with demo_db.write() as session:
            session.add(Setting(key="test.meanwhile", value=1))

    first = backup.backup_now(demo_db, SYSTEM, progress=write_meanwhile)
    second = backup.backup_now(demo_db, SYSTEM)

    assert not second.skipped
    for result in (first, second):
        with closing(sqlite3.connect(result.path)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            counts = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                      for table in result.manifest.row_counts}
        assert counts == result.manifest.row_counts
    assert first.manifest.row_counts["settings"] == 0
    assert second.manifest.row_counts["settings"] >= 1


def test_restoring_over_a_crashed_database_keeps_its_unsaved_commits(
        demo_db: Database, tmp_path: Path) -> None:
    snapshot = backup.backup_now(demo_db, SYSTEM)
    crashed = tmp_path / "crashed.db"
    with closing(sqlite3.connect(demo_db.path)) as keeper:  # keeps the commit in the -wal
        keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()
        rename_a_dwelling(demo_db, "Kayıp Sokak")
        crashed.write_bytes(demo_db.path.read_bytes())
        Path(f"{crashed}-wal").write_bytes(Path(f"{demo_db.path}-wal").read_bytes())

    result = backup.restore_snapshot(snapshot.path, crashed, SYSTEM)

    assert dump(crashed) == dump(snapshot.path)
    assert Path(f"{result.kept}-wal").is_file() and not Path(f"{crashed}-wal").exists()
    with closing(sqlite3.connect(result.kept)) as conn:
        assert conn.execute("SELECT count(*) FROM dwellings WHERE street = 'Kayıp Sokak'"
                            ).fetchone() == (1,)


def test_rotation_keeps_the_newest_n_and_drops_photos_no_one_needs(demo_db: Database) -> None:
    set_keep(demo_db, 2)
    [sha] = add_photos(demo_db, 1, shade=90)
    oldest = backup.backup_now(demo_db, SYSTEM)
    stored = oldest.path.parent / "photos" / sha[:2] / f"{sha}.jpg"
    assert stored.is_file()
    with demo_db.write() as session:
        session.delete(session.scalars(select(Photo)).one())
    middle = backup.backup_now(demo_db, SYSTEM)
    assert stored.is_file() and middle.removed == ()
    rename_a_dwelling(demo_db)
    newest = backup.backup_now(demo_db, SYSTEM)

    assert newest.removed == (oldest.path,)
    assert [info.path for info in backup.list_backups(oldest.path.parent)] == [newest.path,
                                                                               middle.path]
    assert not oldest.path.exists() and not oldest.path.with_suffix(".json").exists()
    assert not stored.exists()


def test_backup_is_due_after_the_interval(demo_db: Database) -> None:
    assert backup.backup_due(demo_db)
    result = backup.backup_now(demo_db, SYSTEM)
    assert not backup.backup_due(demo_db)
    made = result.manifest.created_at
    assert not backup.backup_due(demo_db, now=made + timedelta(hours=23, minutes=59))
    assert backup.backup_due(demo_db, now=made + timedelta(hours=24))
    assert backup.latest_backup(result.path.parent) == result.path


def test_cancelled_backup_and_archive_leave_nothing(demo_db: Database, tmp_path: Path) -> None:
    add_photos(demo_db, 2)
    folder = tmp_path / "backups"
    with pytest.raises(backup.BackupCancelled):
        backup.backup_now(demo_db, SYSTEM, folder, cancelled=lambda: True)
    assert backup.list_backups(folder) == []
    assert [p.name for p in folder.iterdir() if p.name not in (".lock", "photos")] == []

    reports: list[tuple[int, int]] = []

    def cancel_after_first_bytes() -> bool:
        return any(done > 0 for done, _ in reports)

    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(backup.BackupCancelled):
        backup.export_archive(demo_db, SYSTEM, out / "a.zip",
                              progress=lambda done, total: reports.append((done, total)),
                              cancelled=cancel_after_first_bytes)
    assert reports and all(done <= total for done, total in reports)
    assert list(out.iterdir()) == []
    assert not list(demo_db.path.parent.glob(".archive-*"))


def test_an_archive_whose_copy_changed_before_it_was_packed_is_not_written(
        demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The database is copied and hashed, then read again into the zip: bytes that changed
    in between (a failing disk) would make an archive that never restores, found out only
    when it is needed. It is refused as it is made."""
    from shelter_app.services.backup import snapshots

    def copy_then_rot(conn, content, dest, job, key=None):  # type: ignore[no-untyped-def]
        sha = store.copy_database(conn, content, dest, job, key)
        with dest.open("r+b") as handle:
            handle.seek(8192)
            handle.write(b"\xff" * 64)
        return sha

    monkeypatch.setattr(snapshots, "copy_database", copy_then_rot)
    out = tmp_path / "usb"
    out.mkdir()
    with pytest.raises(UserError, match="changed on disk while it was archived"):
        backup.export_archive(demo_db, SYSTEM, out / "a.zip")
    assert list(out.iterdir()) == []


def test_progress_counts_up_to_the_total(demo_db: Database, tmp_path: Path) -> None:
    add_photos(demo_db, 2)
    reports: list[tuple[int, int]] = []
    backup.backup_now(demo_db, SYSTEM, progress=lambda done, total: reports.append((done, total)))
    done = [d for d, _ in reports]
    assert done == sorted(done) and reports[-1][0] == reports[-1][1] > 0


@pytest.fixture
def archive(demo_db: Database, tmp_path: Path) -> Path:
    add_photos(demo_db, 2)
    return backup.export_archive(demo_db, SYSTEM, tmp_path / "good.zip").path


def rewrite(archive: Path, out: Path, changes: dict[str, Callable[[bytes], bytes | None]]
            ) -> Path:
    """A copy of `archive` with members changed by name (a change returning None drops one)."""
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            change = changes.get(info.filename)
            data = change(data) if change else data
            if data is not None:
                dst.writestr(info, data)
    return out


def edit_manifest(**fields: object) -> Callable[[bytes], bytes]:
    return lambda data: json.dumps({**json.loads(data), **fields}).encode()


def flip_a_byte_of_the_first_photo(archive: Path, out: Path) -> Path:
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = next(i for i in zf.infolist() if i.filename.startswith("photos/"))
    header = info.header_offset
    name_length = int.from_bytes(data[header + 26:header + 28], "little")
    extra_length = int.from_bytes(data[header + 28:header + 30], "little")
    data[header + 30 + name_length + extra_length + 100] ^= 0xFF
    out.write_bytes(bytes(data))
    return out


def newer_schema(data: bytes, tmp: Path) -> bytes:
    path = tmp / "newer.db"
    path.write_bytes(data)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    return path.read_bytes()


def test_verify_accepts_a_good_archive(archive: Path) -> None:
    manifest = backup.verify_archive(archive)
    assert len(manifest.photos) == 2 and manifest.row_counts["dwellings"] == 120


@pytest.mark.parametrize("damage, message", [
    ("garbage", r"not a readable ZIP archive"),
    ("flipped", r"damaged: photos/[0-9a-f]{64}\.jpg fails its check"),
    ("no manifest", r"has no manifest\.json"),
    ("bad manifest", r"manifest of .* cannot be read"),
    ("photo path", r"manifest of .* cannot be read \(bad hash '\.\./\.\./evil'\)"),
    ("newer format", r"made by a newer version of Barınak \(backup format 2\)"),
    ("other db", r"database in .* does not match its manifest"),
    ("missing photo", r"Photo [0-9a-f]{64} listed in the manifest is missing"),
    ("swapped photo", r"Photo [0-9a-f]{64} in .* is damaged"),
    ("newer", r"made by a newer version of Barınak \(schema 9999\)"),
])
def test_verify_names_what_is_wrong(archive: Path, tmp_path: Path, damage: str,
                                    message: str) -> None:
    bad = tmp_path / "bad.zip"
    manifest = json.loads(zipfile.ZipFile(archive).read("manifest.json"))
    first, second = manifest["photos"]
    if damage == "garbage":
        bad.write_bytes(b"PK\x03\x04 not really a zip")
    elif damage == "flipped":
        flip_a_byte_of_the_first_photo(archive, bad)
    elif damage == "no manifest":
        rewrite(archive, bad, {"manifest.json": lambda _: None})
    elif damage == "bad manifest":
        rewrite(archive, bad, {"manifest.json": lambda data: data[:-20]})
    elif damage == "photo path":
        rewrite(archive, bad, {"manifest.json": edit_manifest(photos=["../../evil"])})
    elif damage == "newer format":
        rewrite(archive, bad, {"manifest.json": edit_manifest(format=2)})
    elif damage == "other db":
        rewrite(archive, bad, {"manifest.json": edit_manifest(database_sha256="0" * 64)})
    elif damage == "missing photo":
        rewrite(archive, bad, {f"photos/{first}.jpg": lambda _: None})
    elif damage == "swapped photo":
        other = zipfile.ZipFile(archive).read(f"photos/{second}.jpg")
        rewrite(archive, bad, {f"photos/{first}.jpg": lambda _: other})
    else:
        db = newer_schema(zipfile.ZipFile(archive).read("shelter.db"), tmp_path)
        rewrite(archive, bad, {"shelter.db": lambda _: db, "manifest.json": edit_manifest(
            database_sha256=hashlib.sha256(db).hexdigest())})
    with pytest.raises(UserError, match=message):
        backup.verify_archive(bad)


def test_a_bad_archive_is_refused_before_anything_is_replaced(demo_db: Database, archive: Path,
                                                              tmp_path: Path) -> None:
    bad = rewrite(archive, tmp_path / "bad.zip", {"shelter.db": lambda data: data[:4096]})
    demo_db.dispose()
    files = sorted(demo_db.path.parent.iterdir())
    original = demo_db.path.read_bytes()
    with pytest.raises(UserError, match="does not match its manifest"):
        backup.restore_archive(bad, demo_db.path, SYSTEM)
    assert demo_db.path.read_bytes() == original
    assert sorted(demo_db.path.parent.iterdir()) == files


def test_an_engineer_may_back_up_but_not_restore(demo_db: Database, tmp_path: Path) -> None:
    snapshot = backup.backup_now(demo_db, ENGINEER).path
    archive = backup.export_archive(demo_db, ENGINEER, tmp_path / "a.zip").path
    demo_db.dispose()
    original = demo_db.path.read_bytes()
    for restore, source in ((backup.restore_archive, archive),
                            (backup.restore_snapshot, snapshot),
                            (backup.restore_file, archive)):
        with pytest.raises(PermissionDenied, match="may not restore backups"):
            restore(source, demo_db.path, ENGINEER)
    assert demo_db.path.read_bytes() == original
    assert not list(demo_db.path.parent.glob("*.replaced-*"))


def test_restore_file_takes_an_archive_or_a_snapshot(demo_db: Database, tmp_path: Path) -> None:
    snapshot = backup.backup_now(demo_db, SYSTEM)
    archive = backup.export_archive(demo_db, SYSTEM, tmp_path / "a.zip")
    demo_db.dispose()
    from_snapshot = backup.restore_file(snapshot.path, demo_db.path, SYSTEM)
    from_archive = backup.restore_file(archive.path, demo_db.path, SYSTEM)
    assert from_snapshot.manifest == snapshot.manifest
    assert from_archive.manifest == archive.manifest
    assert from_snapshot.kept != from_archive.kept  # the first restore's file is kept too
    with pytest.raises(UserError, match="There is no backup file"):
        backup.restore_file(tmp_path / "nothing.zip", demo_db.path, SYSTEM)


def test_recover_passes_over_a_damaged_newest_snapshot(demo_db: Database) -> None:
    good = backup.backup_now(demo_db, SYSTEM)
    rename_a_dwelling(demo_db)
    newest = backup.backup_now(demo_db, SYSTEM)
    demo_db.dispose()
    with newest.path.open("r+b") as handle:  # bit rot in the newest snapshot
        handle.seek(8192)
        handle.write(b"\xff" * 64)
    demo_db.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)  # the database is damaged

    kept = backup.recover_damaged(demo_db.path)

    assert kept.read_bytes()[:16] == b"SQLite format 3\x00" and ".damaged-" in kept.name
    assert hashlib.sha256(demo_db.path.read_bytes()).hexdigest() == good.manifest.db_sha256


def test_recover_refuses_a_sound_database_and_needs_a_snapshot(demo_db: Database) -> None:
    demo_db.dispose()
    with pytest.raises(UserError, match="is not damaged"):
        backup.recover_damaged(demo_db.path)
    demo_db.path.write_bytes(b"not a database at all")
    with pytest.raises(UserError, match="no sound automatic backup"):
        backup.recover_damaged(demo_db.path)
    assert demo_db.path.read_bytes() == b"not a database at all"


def test_a_second_backup_into_a_busy_folder_is_refused(demo_db: Database) -> None:
    folder = backup.default_folder(demo_db.path)
    folder.mkdir()
    with store.locked(folder), pytest.raises(UserError, match="Another backup"):
        backup.backup_now(demo_db, SYSTEM)


def test_manifest_round_trips_through_json() -> None:
    manifest = backup.Manifest("0001", datetime(2026, 3, 14, 10, 15, tzinfo=UTC), "a" * 64,
                               {"dwellings": 3}, ("b" * 64,), ("c" * 64,), "f")
    assert backup.Manifest.from_json(manifest.to_json(), Path("x")) == manifest
