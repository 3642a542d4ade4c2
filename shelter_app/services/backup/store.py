"""The backup folder's layout, manifests and the file plumbing shared by backing up and restoring."""

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO

from shelter_app import __version__
from shelter_app.data.engine import BUSY_TIMEOUT_MS, Database
from shelter_app.data.database_file import connect_errors
from shelter_app.data.migrate import connect_file
from shelter_app.data.models import Photo
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.atomic import write_atomically
from shelter_app.services.files import PHOTO, read_sealed, sync_folder
from shelter_app.services.accounts.settings import setting

FORMAT = 1
ARCHIVE_DB = "shelter.db"
ARCHIVE_MANIFEST = "manifest.json"
ARCHIVE_KEYS = "shelter.db.keys"  # an encrypted database's key file: wrapped keys only
_STAMP = "%Y%m%dT%H%M%S.%fZ"  # sorts by time; microseconds keep quick successive names apart
SNAPSHOT_NAME = re.compile(r"\d{8}T\d{6}\.\d{6}Z\.(db|json)(\.partial)?")
_SHA = re.compile(r"[0-9a-f]{64}")  # photo names from a manifest become paths: nothing else
_PAGES_PER_STEP = 1024  # 4 MiB per backup step: cancelling answers within milliseconds
_CHUNK = 1 << 20

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
    # photos the database refers to whose file was absent or damaged when the backup was made
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
                    "backup", "{path} was made by a newer version of Barınak (backup format "
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
    key: bytes | None = None  # the restored database's key (another laptop's, when adopted)


def default_folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-backups")


def list_backups(folder: Path) -> list[SnapshotInfo]:
    """The complete snapshots in `folder` (those with a manifest), newest first."""
    found = []
    for path in folder.glob("*.db") if folder.is_dir() else ():
        if SNAPSHOT_NAME.fullmatch(path.name) and path.with_suffix(".json").is_file():
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
    return not snapshots or (now or clock.now()) - snapshots[0].created_at >= timedelta(
        hours=hours)


class Job:
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
    # the database file while its bytes are exactly what the transaction sees (see `reading`)
    file: Path | None = None


def _read_content(conn: Any, file: Path | None) -> _Content:
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
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher: as text
    fingerprint = hashlib.sha256(json.dumps([revision, marks]).encode()).hexdigest()
    return _Content(revision, counts, fingerprint, photos, pages * page_size, file)


@contextmanager
def reading(path: Path, key: bytes | None = None) -> Iterator[tuple[Any, _Content]]:
    """A connection holding one read transaction, and what that transaction sees (through
    SQLCipher when the database is encrypted with `key`); query_only, it changes nothing.

    SQLite's backup copies within a read transaction already open on its source, so the copy
    is exactly what `_Content` describes, whatever other connections commit meanwhile (WAL).
    The file's own bytes are cheaper still (the backup API decrypts every page of an encrypted
    file and encrypts it again, each with an HMAC-SHA512: four times the plain copy's CPU), and
    they are what the transaction sees when it began with every WAL frame in the file: it
    begins right after a checkpoint that copied them all, while another connection holds the
    write lock so that no commit comes between. Until it ends no checkpoint writes into the
    file: none copies a frame past the oldest reader's, and this reader's is already there."""
    conn = connect_file(path, key, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("PRAGMA query_only = ON")
        alone = _begin_on_the_file_alone(conn, path, key)
        yield conn, _read_content(conn, path if alone else None)
    finally:
        conn.close()


def _begin_on_the_file_alone(conn: Any, path: Path, key: bytes | None) -> bool:
    """Begin `conn`'s read transaction; True when every WAL frame is in the file as it
    begins (see `reading`). A write under way is not waited for, nor a reader of an older
    snapshot that keeps the checkpoint short: the backup API copies instead."""
    writer = connect_file(path, key, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # most frames, writers not held off
        writer.execute("BEGIN IMMEDIATE")
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        conn.execute("BEGIN")
        conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()  # the snapshot, now
        return not busy and frames == copied
    except connect_errors(key):
        if not conn.in_transaction:
            conn.execute("BEGIN")
        return False
    finally:
        writer.close()


def copy_database(conn: Any, content: _Content, dest: Path, job: Job,
                  key: bytes | None = None) -> str:
    """Copy what `conn`'s read transaction sees (`content`) into `dest`, encrypted with `key`
    as the database is; return its SHA-256.

    The copy is switched to rollback-journal mode: a single self-contained file, which a
    read-only check later opens without leaving -wal/-shm files beside it."""
    copied = content.file is not None and _copy_file(content.file, content.size_bytes, dest, job)
    out = connect_file(dest, key, isolation_level=None)
    try:
        if not copied:
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher: text
            conn.backup(out, pages=_PAGES_PER_STEP, progress=job.on_backup_step(page_size),
                        sleep=0.05)
        out.execute("PRAGMA journal_mode = DELETE")
    finally:
        out.close()
    with dest.open("rb") as handle:
        os.fsync(handle.fileno())
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _copy_file(file: Path, size: int, dest: Path, job: Job) -> bool:
    """Copy the first `size` bytes of the database file to `dest`; False when they cannot be
    read, and the backup API is to copy instead: Windows locks the lock-byte page at 1 GiB,
    mandatorily, while a connection takes a PENDING lock, and a backup must not fail there.
    Not hashed: the switch out of WAL rewrites the first page next, so the manifest's SHA-256
    is taken of the finished file (`copy_database`)."""
    start = job.done
    try:
        with _database_file(file) as src, dest.open("wb") as dst:
            copy_stream(src, dst, job)
            dst.truncate(size)  # the file may keep pages past the database's end
        return True
    except OSError:
        dest.unlink(missing_ok=True)
        job.done = start
        return False


_kept: dict[tuple[int, int], int] = {}  # (device, inode): a read-only descriptor
_kept_lock = threading.Lock()


@contextmanager
def _database_file(path: Path) -> Iterator[BinaryIO]:
    """The live database file, open for reading from its start. On POSIX its descriptor is
    kept while the file has a name: closing any descriptor of a file drops every lock the
    process holds on it, SQLite's connections' too, and another process (the command line's
    backup, a second window) closing its last connection could then fold the WAL into the file
    under a snapshot being copied and delete it under this one's writes
    (sqlite.org/howtocorrupt.html 2.2). Windows ties locks to handles: there it is closed."""
    if os.name == "nt":
        with path.open("rb") as handle:
            yield handle
        return
    with _kept_lock:  # one offset per descriptor: one copy at a time
        for inode, kept in list(_kept.items()):
            if os.fstat(kept).st_nlink == 0:  # deleted or replaced: no other process opens it
                os.close(kept)
                del _kept[inode]
        known = path.stat()
        descriptor = _kept.get((known.st_dev, known.st_ino))
        if descriptor is None:
            descriptor = os.open(path, os.O_RDONLY)
            opened = os.fstat(descriptor)
            _kept[opened.st_dev, opened.st_ino] = descriptor
        os.lseek(descriptor, 0, os.SEEK_SET)
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            yield handle


def copy_stream(src: BinaryIO, dst: BinaryIO, job: Job | None = None,
                digest: Any = None) -> None:
    """Copy in chunks, feeding `digest` (a hashlib hash) with them when given."""
    while chunk := src.read(_CHUNK):
        if digest is not None:
            digest.update(chunk)
        dst.write(chunk)
        if job is not None:
            job.step(len(chunk))


def hashed_copy(src: BinaryIO, dst: BinaryIO, job: Job | None = None) -> str:
    """Copy in chunks; return the SHA-256 of what was copied."""
    digest = hashlib.sha256()
    copy_stream(src, dst, job, digest)
    return digest.hexdigest()


def read_photo(db: Database, sha: str) -> bytes | None:
    """The photo as a backup keeps it (sealed with the database's key when it is encrypted),
    or None when the file is missing or no longer matches its hash."""
    try:
        kept, plain = read_sealed(db, PHOTO, sha)
    except OSError:
        return None
    return kept if hashlib.sha256(plain).hexdigest() == sha else None


def write_durably(path: Path, data: bytes) -> None:
    """Write under a temporary name, flush to disk, then rename: the final name only ever
    holds complete content, even after a power cut."""
    write_atomically(path, data, durable=True)


fsync_dir = sync_folder  # make renames in a folder durable (POSIX)


def stamp(moment: datetime) -> str:
    return moment.strftime(_STAMP)


def stored_photo(folder: Path, sha: str) -> Path:
    return folder / "photos" / sha[:2] / f"{sha}.jpg"


def sqlite_path(db: Database) -> Path:
    if db.path is None:
        raise UserError(translate(
            "backup", "Backups cover SQLite database files; back up the server database {name} "
                      "with the server's own tools.").format(name=db.display_name))
    return db.path


def os_error(path: Path, error: OSError) -> UserError:
    return UserError(translate("backup", "Cannot write {path}: {reason}.").format(
        path=path, reason=error.strerror or error))


@contextmanager
def locked(folder: Path) -> Iterator[None]:
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
