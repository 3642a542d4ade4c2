"""Checking a backup before anything is replaced, restoring it, and recovering a damaged
database from the newest good snapshot."""

import hashlib
import logging
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import BinaryIO, Protocol, TypeVar

from shelter_app.data.engine import Database, target_url
from shelter_app.data import keyring
from shelter_app.data.keyring import SQLITE_HEADER
from shelter_app.data.migrate import HEAD_REVISION, WRONG_KEY, _inspect_sqlite, known_revisions
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.backup.store import (
    ARCHIVE_DB,
    ARCHIVE_KEYS,
    ARCHIVE_MANIFEST,
    Manifest,
    RestoreResult,
    default_folder,
    fsync_dir,
    hashed_copy,
    list_backups,
    stamp,
    stored_photo,
    write_durably,
)
from shelter_app.services.files import PHOTO, DamagedFile, photo_path, unmark_sealed, unseal

log = logging.getLogger(__name__)
_T = TypeVar("_T")


class OtherLaptopBackup(UserError):
    """An encrypted backup made on another laptop: it opens with that laptop's recovery key."""


class _Source(Protocol):
    """A backup to unpack: a zip archive or an automatic snapshot with its photo store."""

    path: Path

    def manifest(self) -> bytes: ...

    def copy_database(self, dst: BinaryIO) -> str | None: ...

    def photo(self, sha: str) -> bytes | None: ...

    def keys(self) -> bytes | None: ...


class _Archive:
    def __init__(self, path: Path, zf: zipfile.ZipFile) -> None:
        self.path = path
        self._zf = zf

    def manifest(self) -> bytes:
        data = self._member(ARCHIVE_MANIFEST, lambda: self._zf.read(ARCHIVE_MANIFEST))
        if data is None:
            raise UserError(translate(
                "backup", "{path} has no {manifest}; it is not a Barınak backup.").format(
                path=self.path, manifest=ARCHIVE_MANIFEST))
        return data

    def copy_database(self, dst: BinaryIO) -> str | None:
        def copy() -> str:
            with self._zf.open(ARCHIVE_DB) as src:
                return hashed_copy(src, dst)

        return self._member(ARCHIVE_DB, copy)

    def photo(self, sha: str) -> bytes | None:
        name = f"photos/{sha}.jpg"
        return self._member(name, lambda: self._zf.read(name))

    def keys(self) -> bytes | None:
        return self._member(ARCHIVE_KEYS, lambda: self._zf.read(ARCHIVE_KEYS))

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
                "backup", "{path} has no manifest beside it; it is not a complete Barınak "
                          "backup.").format(path=self.path)) from None

    def copy_database(self, dst: BinaryIO) -> str:
        with self.path.open("rb") as src:
            return hashed_copy(src, dst)

    def photo(self, sha: str) -> bytes | None:
        try:
            return stored_photo(self.path.parent, sha).read_bytes()
        except FileNotFoundError:
            return None

    def keys(self) -> None:
        return None  # a snapshot is restored on its own laptop, with its own key file


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
                      "Barınak backup.").format(path=path)) from error
    with zf:
        yield _Archive(path, zf)


@contextmanager
def _open_snapshot(path: Path) -> Iterator[_Source]:
    _require_file(path)
    yield _Snapshot(path)


def _unpack(source: _Source, workdir: Path, keep_photos: bool, key: bytes | None,
            recovery: str | None = None) -> tuple[Manifest, bytes | None]:
    """Check everything before anything is replaced: manifest, database checksum, SQLite's own
    check (through this laptop's `key` for an encrypted backup, or the key its archive carries,
    unlocked with its `recovery` key when made on another laptop), a schema this version knows,
    every listed photo present with its hash. Leaves `workdir/shelter.db` (and the archive's
    key file beside it when that was used) and, with `keep_photos`, `workdir/photos/<sha>.jpg`
    as the backup keeps them (sealed). Returns the manifest and the backup's key."""
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
    key = key if _encrypted(db_file) else None
    facts = _inspect_sqlite(db_file, key)
    if _encrypted(db_file) and (facts.problem == WRONG_KEY or key is None):
        key = _key_of_another_laptop(source, db_file, recovery)
        facts = _inspect_sqlite(db_file, key)
    if facts.problem:
        raise UserError(translate("backup", "The database in {path} is damaged ({problem}).")
                        .format(path=source.path, problem=facts.problem))
    if facts.revision is None:
        raise UserError(translate("backup", "The database in {path} is not a Barınak "
                                            "database.").format(path=source.path))
    if facts.revision != HEAD_REVISION and facts.revision not in known_revisions():
        raise UserError(translate(
            "backup", "{path} was made by a newer version of Barınak (schema {revision}); "
                      "install that version to restore it.").format(
            path=source.path, revision=facts.revision))
    for sha in manifest.photos:
        data = source.photo(sha)
        if data is None:
            raise UserError(translate(
                "backup", "Photo {sha} listed in the manifest is missing from {path}.").format(
                sha=sha, path=source.path))
        try:
            plain = unseal(key, PHOTO, sha, data)
        except DamagedFile:
            plain = b""
        if hashlib.sha256(plain).hexdigest() != sha:
            raise UserError(translate(
                "backup", "Photo {sha} in {path} is damaged (its content does not match its "
                          "name).").format(sha=sha, path=source.path))
        if keep_photos:
            write_durably(workdir / "photos" / f"{sha}.jpg", data)
    return manifest, key


def _key_of_another_laptop(source: _Source, db_file: Path, recovery: str | None) -> bytes:
    """The key of a backup made on another laptop, from the key file its archive carries and
    that laptop's recovery key; the key file is left beside `db_file` to be installed."""
    carried = source.keys()
    if carried is None or not recovery:
        raise OtherLaptopBackup(translate(
            "backup", "The database in {path} is encrypted with another laptop's key; restore "
                      "it on that laptop, or give that laptop's recovery key (an archive "
                      "carries what it needs).").format(path=source.path))
    keyring.keyring_path(db_file).write_bytes(carried)
    return keyring.unlock_with_recovery(db_file, recovery)


def _encrypted(db_file: Path) -> bool:
    with db_file.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER


def verify_archive(path: Path, key: bytes | None = None) -> Manifest:
    """Check an archive completely without changing anything; UserError names what is wrong.
    `key`: this laptop's database key, for an encrypted backup."""
    with _open_archive(Path(path)) as source, tempfile.TemporaryDirectory() as tmp:
        return _unpack(source, Path(tmp), keep_photos=False, key=key)[0]


def verify_snapshot(path: Path, key: bytes | None = None) -> Manifest:
    """As verify_archive, for an automatic snapshot and the photo store beside it."""
    with _open_snapshot(Path(path)) as source, tempfile.TemporaryDirectory() as tmp:
        return _unpack(source, Path(tmp), keep_photos=False, key=key)[0]


def restore_archive(archive: Path, target_db_path: Path, actor: Actor,
                    key: bytes | None = None, recovery: str | None = None) -> RestoreResult:
    """Replace the database at `target_db_path` with a checked archive. No Database may be open
    on the target: the caller disposes it first, and restarts the app afterwards. `key`: the
    target's database key, which an encrypted backup of this laptop opens with; `recovery`:
    the recovery key of the laptop an archive was made on, to restore it on another one (which
    then takes that laptop's key file: its users sign in with their passwords)."""
    require(actor, Action.RESTORE)
    return _restore(_open_archive(Path(archive)), Path(target_db_path), key, recovery)


def restore_snapshot(snapshot_path: Path, target_db_path: Path, actor: Actor,
                     key: bytes | None = None) -> RestoreResult:
    """As restore_archive, from an automatic snapshot."""
    require(actor, Action.RESTORE)
    return _restore(_open_snapshot(Path(snapshot_path)), Path(target_db_path), key)


def restore_file(path: Path, target_db_path: Path, actor: Actor,
                 key: bytes | None = None, recovery: str | None = None) -> RestoreResult:
    """Restore whichever kind of backup the user picked: a .zip archive or a snapshot .db."""
    path = Path(path)
    if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return restore_archive(path, target_db_path, actor, key, recovery)
    return restore_snapshot(path, target_db_path, actor, key)


def _restore(opened: AbstractContextManager[_Source], target: Path,
             key: bytes | None, recovery: str | None = None) -> RestoreResult:
    target = target.resolve()
    with _restore_errors(target), opened as source, _staging(target) as staging:
        manifest, used = _unpack(source, staging, keep_photos=True, key=key, recovery=recovery)
        kept = _install(staging, manifest, target, "replaced")
    log.warning("restored %s from %s (backup of %s); replaced file kept as %s", target,
                source.path, manifest.created_at.isoformat(), kept)
    return RestoreResult(target, source.path, manifest, kept, used)


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
    file), and the restored file is renamed over the target in one step. A key file carried
    by another laptop's archive comes last (the replaced one kept beside the replaced database):
    killed just before, the restore is simply run again."""
    files = Database(target_url(str(target)))  # names the files folder; opens no connection
    folders = set()
    for sha in manifest.photos:
        dest = photo_path(files, sha)
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / "photos" / f"{sha}.jpg", dest)
        folders.add(dest.parent)
    unmark_sealed(files.files_dir)  # a plain backup's photos are sealed at the next start
    files.dispose()
    for folder in folders:
        fsync_dir(folder)
    kept = None
    if target.exists():
        kept = target.with_name(f"{target.stem}.{label}-{stamp(clock.now())}"
                                f"{target.suffix}")
        try:
            os.link(target, kept)
        except OSError:  # no hard links here (FAT stick, some shares): a copy keeps it too
            shutil.copy2(target, kept)
        for suffix in ("-wal", "-shm"):
            side = target.with_name(target.name + suffix)
            if side.exists():
                os.replace(side, kept.with_name(kept.name + suffix))
    carried, keys = keyring.keyring_path(staging / ARCHIVE_DB), keyring.keyring_path(target)
    if carried.exists() and kept is not None and keys.exists():
        shutil.copy2(keys, keyring.keyring_path(kept))
    os.replace(staging / ARCHIVE_DB, target)
    if carried.exists():
        os.replace(carried, keys)
    fsync_dir(target.parent)
    return kept


def recover_damaged(target_db_path: Path, key: bytes | None = None) -> Path:
    """At start-up, replace a damaged database with the newest automatic snapshot that passes
    every check; return where the damaged file was kept (moved aside, never overwritten).

    Runs before anyone can sign in (the users are in the damaged file), so it checks no role:
    it only swaps a file that cannot be opened for a verified copy of an earlier state."""
    target = Path(target_db_path).resolve()
    if not target.is_file():
        raise UserError(translate("backup", "There is no database at {path}.").format(
            path=target))
    if _inspect_sqlite(target, key if _encrypted(target) else None).problem is None:
        raise UserError(translate("backup", "The database {path} is not damaged; nothing was "
                                            "changed.").format(path=target))
    folder = default_folder(target)
    for info in list_backups(folder):
        with _restore_errors(target), _staging(target) as staging:
            try:
                manifest = _unpack(_Snapshot(info.path), staging, keep_photos=True, key=key)[0]
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
