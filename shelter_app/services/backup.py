"""Backups of a SQLite database file with its photos, and restoring them.

Automatic snapshots go to a folder beside the database (`<stem>-backups/`): `<UTC stamp>.db`,
a consistent copy made with SQLite's online backup API inside one read transaction while the
app keeps writing; `<UTC stamp>.json`, its manifest; and one `photos/` store named by hash that
every snapshot shares, so a photo is copied once however many snapshots refer to it. A snapshot
counts only once its manifest exists, and the manifest is written last, so a cancelled or
crashed backup never looks complete. An archive for a USB stick is one .zip (`shelter.db`,
`photos/<sha>.jpg`, `manifest.json`), written under a temporary name and renamed at the end.

"Nothing changed since the last snapshot" is decided by a fingerprint read in the snapshot's
own read transaction: every table's row count and, for record tables, the newest `updated_at`
and the sum of the `version` counters (every ORM update bumps one), plus the schema revision.
PRAGMA data_version only compares within one connection, and hashing a fresh copy would cost a
full copy each time; the fingerprint costs a few index scans. A change that keeps every count,
version sum and newest `updated_at` (raw SQL outside the app) goes unseen until the next real
change, which snapshots everything.

Restoring replaces a database file, so no Database may be open on the target: the caller
disposes it first (the GUI restarts afterwards). The replaced file and its -wal/-shm are moved
aside, never deleted; photos are only ever added, under names no other content can have.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from shelter_app import __version__
from shelter_app.data.engine import BUSY_TIMEOUT_MS, Database, target_url
from shelter_app.data.migrate import HEAD_REVISION, _inspect_sqlite, known_revisions
from shelter_app.data.models import Photo
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.auth import Actor, require
from shelter_app.services.files import photo_path
from shelter_app.services.settings import setting

log = logging.getLogger(__name__)

FORMAT = 1
ARCHIVE_DB = "shelter.db"
ARCHIVE_MANIFEST = "manifest.json"
_STAMP = "%Y%m%dT%H%M%S.%fZ"  # sorts by time; microseconds keep quick successive names apart
_OURS = re.compile(r"\d{8}T\d{6}\.\d{6}Z\.(db|json)(\.partial)?")
_SHA = re.compile(r"[0-9a-f]{64}")  # photo names from a manifest become paths: nothing else
_PAGES_PER_STEP = 1024  # 4 MiB per backup step: cancelling answers within milliseconds
_CHUNK = 1 << 20

_T = TypeVar("_T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class BackupCancelled(UserError):
    """The user cancelled; whatever was half-written has been removed."""


@dataclass(frozen=True)
class Manifest:
    """What one snapshot or archive holds, so it can be checked before anything is replaced."""

    revision: str
    created_at: datetime
    db_sha256: str
    row_counts: dict[str, int]
    photos: tuple[str, ...]
    #: photos the database refers to whose file was absent or damaged when the backup was made
    missing_photos: tuple[str, ...] = ()
    fingerprint: str = ""
    app_version: str = __version__

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "app_version": self.app_version, "revision": self.revision,
            "created_at": self.created_at.isoformat(), "database_sha256": self.db_sha256,
            "row_counts": self.row_counts, "photos": list(self.photos),
            "missing_photos": list(self.missing_photos), "fingerprint": self.fingerprint,
        }, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes, source: Path) -> "Manifest":
        try:
            data = json.loads(text)
            if isinstance(data["format"], int) and data["format"] > FORMAT:
                raise UserError(translate(
                    "backup", "{path} was made by a newer version of shelter_app (backup format "
                              "{format}); install that version to restore it.").format(
                    path=source, format=data["format"]))
            if data["format"] != FORMAT:
                raise ValueError(f"format {data['format']!r}")
            created_at = datetime.fromisoformat(data["created_at"])
            if created_at.tzinfo is None:
                raise ValueError("created_at has no time zone")
            photos = tuple(data["photos"])
            missing = tuple(data["missing_photos"])
            for sha in (*photos, *missing, data["database_sha256"]):
                if not isinstance(sha, str) or not _SHA.fullmatch(sha):
                    raise ValueError(f"bad hash {sha!r}")
            return cls(revision=str(data["revision"]), created_at=created_at.astimezone(UTC),
                       db_sha256=data["database_sha256"],
                       row_counts={str(k): int(v) for k, v in data["row_counts"].items()},
                       photos=photos, missing_photos=missing,
                       fingerprint=str(data["fingerprint"]), app_version=str(data["app_version"]))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise UserError(translate(
                "backup", "The manifest of {path} cannot be read ({reason}); the backup is damaged."
            ).format(path=source, reason=error)) from error


@dataclass(frozen=True)
class BackupResult:
    path: Path  # the snapshot or archive written; the previous snapshot when skipped
    manifest: Manifest
    skipped: bool  # nothing changed since the previous snapshot
    photos_copied: int
    removed: tuple[Path, ...]  # snapshots rotated out
    seconds: float


@dataclass(frozen=True)
class SnapshotInfo:
    path: Path
    created_at: datetime
    size_bytes: int


@dataclass(frozen=True)
class RestoreResult:
    target: Path
    source: Path
    manifest: Manifest
    kept: Path | None  # where the replaced database was moved; None when there was none


def default_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-backups")


def list_backups(folder: Path) -> list[SnapshotInfo]:
    """The complete snapshots in `folder` (those with a manifest), newest first."""
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else ():
        if _OURS.fullmatch(path.name) and path.with_suffix(".json").is_file():
            created = datetime.strptime(path.stem, _STAMP).replace(tzinfo=UTC)
            found.append(SnapshotInfo(path, created, path.stat().st_size))
    return sorted(found, key=lambda info: info.created_at, reverse=True)


def latest_backup(folder: Path) -> Path | None:
    snapshots = list_backups(folder)
    return snapshots[0].path if snapshots else None


def backup_due(db: Database, folder: Path | None = None, now: datetime | None = None) -> bool:
    """True when the newest snapshot is older than the backup.interval_hours setting (or there
    is none). Always False for a server database: its own tools back it up."""
    if db.path is None:
        return False
    with db.read() as session:
        hours = setting(session, "backup.interval_hours")
    snapshots = list_backups(folder or default_folder(db.path))
    return not snapshots or (now or datetime.now(UTC)) - snapshots[0].created_at >= timedelta(
        hours=hours)


class _Job:
    """Progress in bytes over a whole operation; the cancel check runs at every step."""

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.total = 0
        self.done = 0

    def step(self, nbytes: int = 0) -> None:
        if self._cancelled is not None and self._cancelled():
            raise BackupCancelled(translate("backup", "The backup was cancelled; nothing was "
                                                      "kept."))
        self.done += nbytes
        if self._progress is not None:
            self._progress(self.done, max(self.total, self.done))

    def on_backup_step(self, page_size: int) -> Callable[[int, int, int], None]:
        """sqlite3's backup progress callback; raising from it aborts the copy."""
        copied = 0

        def step(_status: int, remaining: int, pages: int) -> None:
            nonlocal copied
            self.step((pages - remaining - copied) * page_size)
            copied = pages - remaining

        return step


@dataclass(frozen=True)
class _Content:
    """What one read transaction of the live database sees."""

    revision: str
    row_counts: dict[str, int]
    fingerprint: str
    photos: tuple[str, ...]
    size_bytes: int


def _read_content(conn: sqlite3.Connection) -> _Content:
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    counts: dict[str, int] = {}
    marks = []
    for table in tables:
        columns = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        extra = ", max(updated_at), total(version)" if {"updated_at", "version"} <= columns else ""
        count, *newest = conn.execute(f'SELECT count(*){extra} FROM "{table}"').fetchone()
        counts[table] = count
        marks.append([table, count, *newest])
    revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    photos = tuple(sha for (sha,) in conn.execute(
        f"SELECT DISTINCT sha256 FROM {Photo.__tablename__} ORDER BY sha256"))
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    fingerprint = hashlib.sha256(json.dumps([revision, marks]).encode()).hexdigest()
    return _Content(revision, counts, fingerprint, photos, pages * page_size)


@contextmanager
def _reading(path: Path) -> Iterator[tuple[sqlite3.Connection, _Content]]:
    """A read-only connection holding one read transaction, and what that transaction sees.

    SQLite's backup copies within a read transaction already open on its source, so the copy
    is exactly what `_Content` describes, whatever other connections commit meanwhile (WAL)."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                           timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("BEGIN")
        yield conn, _read_content(conn)
    finally:
        conn.close()


def _copy_database(conn: sqlite3.Connection, dest: Path, job: _Job) -> str:
    """Copy what `conn`'s read transaction sees into `dest`; return its SHA-256.

    The copy is switched to rollback-journal mode: a single self-contained file, which a
    read-only check later opens without leaving -wal/-shm files beside it."""
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    out = sqlite3.connect(dest, isolation_level=None)
    try:
        conn.backup(out, pages=_PAGES_PER_STEP, progress=job.on_backup_step(page_size),
                    sleep=0.05)
        out.execute("PRAGMA journal_mode = DELETE")
    finally:
        out.close()
    with dest.open("rb") as handle:
        os.fsync(handle.fileno())
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _copy_stream(src: BinaryIO, dst: BinaryIO, job: _Job | None = None) -> str:
    """Copy in chunks; return the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    while chunk := src.read(_CHUNK):
        digest.update(chunk)
        dst.write(chunk)
        if job is not None:
            job.step(len(chunk))
    return digest.hexdigest()


def _read_photo(path: Path, sha: str) -> bytes | None:
    """The photo's bytes, or None when the file is missing or no longer matches its hash."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha else None


def _write_durably(path: Path, data: bytes) -> None:
    """Write under a temporary name, flush to disk, then rename: the final name only ever
    holds complete content, even after a power cut."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX); Windows has no directory handle to flush."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp(moment: datetime) -> str:
    return moment.strftime(_STAMP)


def _stored_photo(folder: Path, sha: str) -> Path:
    return folder / "photos" / sha[:2] / f"{sha}.jpg"


def _sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise UserError(translate(
            "backup", "Backups cover SQLite database files; back up the server database {name} "
                      "with the server's own tools.").format(name=db.display_name))
    return db.path


def _os_error(path: Path, error: OSError) -> UserError:
    return UserError(translate("backup", "Cannot write {path}: {reason}.").format(
        path=path, reason=error.strerror or error))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One backup at a time per folder, across processes (the GUI and the command line): a
    second one could otherwise rotate away photos the first is about to refer to."""
    handle = (folder / ".lock").open("a+b")
    try:
        try:
            if os.name == "nt":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            raise UserError(translate(
                "backup", "Another backup into {folder} is running; try again when it has "
                          "finished.").format(folder=folder)) from error
        yield
    finally:
        handle.close()  # releases the lock


def backup_now(db: Database, actor: Actor, folder: Path | None = None,
               progress: Progress | None = None, cancelled: Cancelled | None = None
               ) -> BackupResult:
    """Snapshot the database and its new photos into `folder` (default beside the database),
    then keep only the newest backup.keep snapshots. Skipped, in milliseconds, when nothing
    changed since the newest snapshot."""
    require(actor, Action.BACKUP)
    started = time.perf_counter()
    source = _sqlite_path(db)
    folder = folder or default_folder(source)
    with db.read() as session:
        keep = max(1, int(setting(session, "backup.keep")))
    job = _Job(progress, cancelled)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with _locked(folder):
            return _backup_locked(db, folder, keep, job, started)
    except OSError as error:
        raise _os_error(folder, error) from error


def _backup_locked(db: Database, folder: Path, keep: int, job: _Job,
                   started: float) -> BackupResult:
    newest = list_backups(folder)
    previous = _manifest_or_none(newest[0].path) if newest else None
    created = datetime.now(UTC)
    final = folder / f"{_stamp(created)}.db"
    partial = final.with_name(final.name + ".partial")
    try:
        with _reading(_sqlite_path(db)) as (conn, content):
            if (previous is not None and previous.fingerprint == content.fingerprint
                    and not previous.missing_photos):
                log.info("backup skipped: nothing changed since %s", newest[0].path)
                return BackupResult(newest[0].path, previous, True, 0, (),
                                    time.perf_counter() - started)
            wanted = [sha for sha in content.photos if not _stored_photo(folder, sha).is_file()]
            job.total = content.size_bytes + sum(
                _size(photo_path(db, sha)) for sha in wanted)
            job.step()
            db_sha = _copy_database(conn, partial, job)
        missing = []
        for sha in wanted:
            data = _read_photo(photo_path(db, sha), sha)
            if data is None:
                missing.append(sha)
                continue
            _write_durably(_stored_photo(folder, sha), data)
            job.step(len(data))
        os.replace(partial, final)
        manifest = Manifest(content.revision, created, db_sha, content.row_counts,
                            tuple(sha for sha in content.photos if sha not in missing),
                            tuple(missing), content.fingerprint)
        _write_durably(final.with_suffix(".json"), manifest.to_json().encode())
        _fsync_dir(folder)
    except BaseException:
        partial.unlink(missing_ok=True)
        final.unlink(missing_ok=True)
        raise
    removed = _rotate(folder, keep)
    log.info("backup %s: %d photos copied, %d missing, %d rotated out", final,
             len(wanted) - len(missing), len(missing), len(removed))
    return BackupResult(final, manifest, False, len(wanted) - len(missing), removed,
                        time.perf_counter() - started)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def _manifest_or_none(snapshot: Path) -> Manifest | None:
    try:
        return Manifest.from_json(snapshot.with_suffix(".json").read_bytes(), snapshot)
    except (UserError, OSError):
        return None


def _rotate(folder: Path, keep: int) -> tuple[Path, ...]:
    """Keep the newest `keep` snapshots; remove leftovers of interrupted backups and every
    stored photo that no kept snapshot refers to. Runs under the folder's lock."""
    snapshots = list_backups(folder)
    kept, removed = snapshots[:keep], tuple(info.path for info in snapshots[keep:])
    names = {path.name for info in kept for path in (info.path, info.path.with_suffix(".json"))}
    for path in folder.iterdir():
        if _OURS.fullmatch(path.name) and path.name not in names:
            path.unlink()
    referenced: set[str] = set()
    for info in kept:
        manifest = _manifest_or_none(info.path)
        if manifest is None:  # unreadable: keep everything rather than guess
            return removed
        referenced.update(manifest.photos)
    for path in (folder / "photos").glob("*/*"):
        if path.suffix != ".jpg" or path.stem not in referenced:
            path.unlink()
    return removed


def export_archive(db: Database, actor: Actor, out_path: Path, progress: Progress | None = None,
                   cancelled: Cancelled | None = None) -> BackupResult:
    """Write the database, its photos and a manifest into one .zip (for a USB stick).

    The zip is written under a temporary name in the same folder and renamed when complete, so
    a cancelled or crashed export never leaves a half archive under the chosen name."""
    require(actor, Action.BACKUP)
    started = time.perf_counter()
    source = _sqlite_path(db)
    out_path = Path(out_path)
    partial = out_path.with_name(f".{out_path.name}.partial")
    job = _Job(progress, cancelled)
    created = datetime.now(UTC)
    try:
        # the snapshot goes beside the database: the archive's medium may be slow or small
        with tempfile.TemporaryDirectory(dir=source.parent, prefix=".archive-") as tmp:
            snapshot = Path(tmp) / ARCHIVE_DB
            with _reading(source) as (conn, content):
                photos = {sha: photo_path(db, sha) for sha in content.photos}
                # the database is read twice: copied, then deflated into the archive
                job.total = 2 * content.size_bytes + sum(map(_size, photos.values()))
                job.step()
                db_sha = _copy_database(conn, snapshot, job)
            manifest = _write_archive(partial, snapshot, photos, job, Manifest(
                content.revision, created, db_sha, content.row_counts, (), (),
                content.fingerprint))
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out_path)
        _fsync_dir(out_path.parent)
    except OSError as error:
        raise _os_error(out_path, error) from error
    finally:
        partial.unlink(missing_ok=True)
    log.info("archive %s: %d photos, %d missing", out_path, len(manifest.photos),
             len(manifest.missing_photos))
    return BackupResult(out_path, manifest, False, len(manifest.photos), (),
                        time.perf_counter() - started)


def _write_archive(path: Path, snapshot: Path, photos: dict[str, Path], job: _Job,
                   draft: Manifest) -> Manifest:
    """The database deflated (it shrinks to about a third), JPEGs stored (they do not shrink),
    the manifest last."""
    now = time.localtime()[:6]

    def member(name: str, compress_type: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, now)
        info.compress_type = compress_type
        return info

    stored, missing = [], []
    with zipfile.ZipFile(path, "w") as zf:
        with snapshot.open("rb") as src, zf.open(member(ARCHIVE_DB, zipfile.ZIP_DEFLATED), "w",
                                                  force_zip64=True) as dst:
            _copy_stream(src, dst, job)
        for sha, source in photos.items():
            data = _read_photo(source, sha)
            if data is None:
                missing.append(sha)
                continue
            zf.writestr(member(f"photos/{sha}.jpg", zipfile.ZIP_STORED), data)
            stored.append(sha)
            job.step(len(data))
        manifest = Manifest(draft.revision, draft.created_at, draft.db_sha256, draft.row_counts,
                            tuple(stored), tuple(missing), draft.fingerprint)
        zf.writestr(member(ARCHIVE_MANIFEST, zipfile.ZIP_DEFLATED), manifest.to_json())
    return manifest


# --- checking and restoring -------------------------------------------------------------------

class _Source(Protocol):
    """A backup to unpack: a zip archive or an automatic snapshot with its photo store."""

    path: Path

    def manifest(self) -> bytes: ...

    def copy_database(self, dst: BinaryIO) -> str | None: ...

    def photo(self, sha: str) -> bytes | None: ...


class _Archive:
    def __init__(self, path: Path, zf: zipfile.ZipFile) -> None:
        self.path = path
        self._zf = zf

    def manifest(self) -> bytes:
        data = self._member(ARCHIVE_MANIFEST, lambda: self._zf.read(ARCHIVE_MANIFEST))
        if data is None:
            raise UserError(translate(
                "backup", "{path} has no {manifest}; it is not a shelter_app backup.").format(
                path=self.path, manifest=ARCHIVE_MANIFEST))
        return data

    def copy_database(self, dst: BinaryIO) -> str | None:
        def copy() -> str:
            with self._zf.open(ARCHIVE_DB) as src:
                return _copy_stream(src, dst)

        return self._member(ARCHIVE_DB, copy)

    def photo(self, sha: str) -> bytes | None:
        name = f"photos/{sha}.jpg"
        return self._member(name, lambda: self._zf.read(name))

    def _member(self, name: str, read: Callable[[], _T]) -> _T | None:
        """Reading a member to its end checks its CRC; None when the member is absent."""
        try:
            return read()
        except KeyError:
            return None
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise UserError(translate(
                "backup", "The archive {path} is damaged: {member} fails its check ({reason})."
            ).format(path=self.path, member=name, reason=error)) from error


class _Snapshot:
    def __init__(self, path: Path) -> None:
        self.path = path

    def manifest(self) -> bytes:
        try:
            return self.path.with_suffix(".json").read_bytes()
        except FileNotFoundError:
            raise UserError(translate(
                "backup", "{path} has no manifest beside it; it is not a complete shelter_app "
                          "backup.").format(path=self.path)) from None

    def copy_database(self, dst: BinaryIO) -> str:
        with self.path.open("rb") as src:
            return _copy_stream(src, dst)

    def photo(self, sha: str) -> bytes | None:
        try:
            return _stored_photo(self.path.parent, sha).read_bytes()
        except FileNotFoundError:
            return None


def _require_file(path: Path) -> None:
    if not path.is_file():
        raise UserError(translate("backup", "There is no backup file {path}.").format(path=path))


@contextmanager
def _open_archive(path: Path) -> Iterator[_Source]:
    _require_file(path)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise UserError(translate(
            "backup", "{path} is not a readable ZIP archive; the file is damaged or is not a "
                      "shelter_app backup.").format(path=path)) from error
    with zf:
        yield _Archive(path, zf)


@contextmanager
def _open_snapshot(path: Path) -> Iterator[_Source]:
    _require_file(path)
    yield _Snapshot(path)


def _unpack(source: _Source, workdir: Path, keep_photos: bool) -> Manifest:
    """Check everything before anything is replaced: manifest, database checksum, SQLite's own
    check, a schema this version knows, every listed photo present with its hash. Leaves
    `workdir/shelter.db` and, with `keep_photos`, `workdir/photos/<sha>.jpg`."""
    manifest = Manifest.from_json(source.manifest(), source.path)
    db_file = workdir / ARCHIVE_DB
    with db_file.open("wb") as dst:
        db_sha = source.copy_database(dst)
        dst.flush()
        os.fsync(dst.fileno())
    if db_sha is None:
        raise UserError(translate("backup", "{path} holds no database ({name} is missing).")
                        .format(path=source.path, name=ARCHIVE_DB))
    if db_sha != manifest.db_sha256:
        raise UserError(translate(
            "backup", "The database in {path} does not match its manifest (the checksum "
                      "differs); the backup is damaged.").format(path=source.path))
    facts = _inspect_sqlite(db_file)
    if facts.problem:
        raise UserError(translate("backup", "The database in {path} is damaged ({problem}).")
                        .format(path=source.path, problem=facts.problem))
    if facts.revision is None:
        raise UserError(translate("backup", "The database in {path} is not a shelter_app "
                                            "database.").format(path=source.path))
    if facts.revision != HEAD_REVISION and facts.revision not in known_revisions():
        raise UserError(translate(
            "backup", "{path} was made by a newer version of shelter_app (schema {revision}); "
                      "install that version to restore it.").format(
            path=source.path, revision=facts.revision))
    for sha in manifest.photos:
        data = source.photo(sha)
        if data is None:
            raise UserError(translate(
                "backup", "Photo {sha} listed in the manifest is missing from {path}.").format(
                sha=sha, path=source.path))
        if hashlib.sha256(data).hexdigest() != sha:
            raise UserError(translate(
                "backup", "Photo {sha} in {path} is damaged (its content does not match its "
                          "name).").format(sha=sha, path=source.path))
        if keep_photos:
            _write_durably(workdir / "photos" / f"{sha}.jpg", data)
    return manifest


def verify_archive(path: Path) -> Manifest:
    """Check an archive completely without changing anything; UserError names what is wrong."""
    with _open_archive(Path(path)) as source, tempfile.TemporaryDirectory() as tmp:
        return _unpack(source, Path(tmp), keep_photos=False)


def verify_snapshot(path: Path) -> Manifest:
    """As verify_archive, for an automatic snapshot and the photo store beside it."""
    with _open_snapshot(Path(path)) as source, tempfile.TemporaryDirectory() as tmp:
        return _unpack(source, Path(tmp), keep_photos=False)


def restore_archive(archive: Path, target_db_path: Path, actor: Actor) -> RestoreResult:
    """Replace the database at `target_db_path` with a checked archive. No Database may be open
    on the target: the caller disposes it first, and restarts the app afterwards."""
    require(actor, Action.RESTORE)
    return _restore(_open_archive(Path(archive)), Path(target_db_path))


def restore_snapshot(snapshot_path: Path, target_db_path: Path, actor: Actor) -> RestoreResult:
    """As restore_archive, from an automatic snapshot."""
    require(actor, Action.RESTORE)
    return _restore(_open_snapshot(Path(snapshot_path)), Path(target_db_path))


def restore_file(path: Path, target_db_path: Path, actor: Actor) -> RestoreResult:
    """Restore whichever kind of backup the user picked: a .zip archive or a snapshot .db."""
    path = Path(path)
    is_archive = path.suffix.lower() == ".zip" or zipfile.is_zipfile(path)
    return (restore_archive if is_archive else restore_snapshot)(path, target_db_path, actor)


def _restore(opened: AbstractContextManager[_Source], target: Path) -> RestoreResult:
    target = target.resolve()
    with _restore_errors(target), opened as source, _staging(target) as staging:
        manifest = _unpack(source, staging, keep_photos=True)
        kept = _install(staging, manifest, target, "replaced")
    log.warning("restored %s from %s (backup of %s); replaced file kept as %s", target,
                source.path, manifest.created_at.isoformat(), kept)
    return RestoreResult(target, source.path, manifest, kept)


@contextmanager
def _restore_errors(target: Path) -> Iterator[None]:
    """A file-system failure while restoring (disk full, stick pulled out) as a user error."""
    try:
        yield
    except OSError as error:
        raise UserError(translate("backup", "Restoring into {path} failed: {reason}.").format(
            path=target, reason=error.strerror or error)) from error


@contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """A work folder beside the target, on the same file system so renames are atomic."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _install(staging: Path, manifest: Manifest, target: Path, label: str) -> Path | None:
    """Put the checked database and its photos in place of `target`; return where the current
    database was kept.

    Photos first: adding files named by their hash never harms the current database. Then the
    current file is linked to `<stem>.<label>-<stamp><suffix>` (it stays in place until the
    rename below), its -wal/-shm are moved to match (a stale -wal must never meet the restored
    file), and the restored file is renamed over the target in one step."""
    files = Database(target_url(str(target)))  # names the files folder; opens no connection
    folders = set()
    for sha in manifest.photos:
        dest = photo_path(files, sha)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / "photos" / f"{sha}.jpg", dest)
        folders.add(dest.parent)
    files.dispose()
    for folder in folders:
        _fsync_dir(folder)
    kept = None
    if target.exists():
        kept = target.with_name(f"{target.stem}.{label}-{_stamp(datetime.now(UTC))}"
                                f"{target.suffix}")
        try:
            os.link(target, kept)
        except OSError:  # no hard links here (FAT stick, some shares): a copy keeps it too
            shutil.copy2(target, kept)
        for suffix in ("-wal", "-shm"):
            side = target.with_name(target.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    os.replace(staging / ARCHIVE_DB, target)
    _fsync_dir(target.parent)
    return kept


def recover_damaged(target_db_path: Path) -> Path:
    """At start-up, replace a damaged database with the newest automatic snapshot that passes
    every check; return where the damaged file was kept (moved aside, never overwritten).

    Runs before anyone can sign in (the users are in the damaged file), so it checks no role:
    it only swaps a file that cannot be opened for a verified copy of an earlier state."""
    target = Path(target_db_path).resolve()
    if not target.is_file():
        raise UserError(translate("backup", "There is no database at {path}.").format(
            path=target))
    if _inspect_sqlite(target).problem is None:
        raise UserError(translate("backup", "The database {path} is not damaged; nothing was "
                                            "changed.").format(path=target))
    folder = default_folder(target)
    for info in list_backups(folder):
        with _restore_errors(target), _staging(target) as staging:
            try:
                manifest = _unpack(_Snapshot(info.path), staging, keep_photos=True)
            except UserError as error:
                log.warning("not recovering from %s: %s", info.path, error)
                continue
            kept = _install(staging, manifest, target, "damaged")
        log.warning("recovered damaged %s from %s; damaged file kept as %s", target,
                    info.path, kept)
        assert kept is not None  # the damaged file exists
        return kept
    raise UserError(translate(
        "backup", "The database {path} is damaged and no sound automatic backup was found in "
                  "{folder}; the file was left untouched. Restore an archive.").format(
        path=target, folder=folder))
