"""Making backups: automatic snapshots beside the database, rotation, and zip archives."""

import logging
import os
import tempfile
import time
import zipfile
from pathlib import Path

from shelter_app.data.engine import Database
from shelter_app.data.keyring import keyring_path
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.backup.store import (
    ARCHIVE_DB,
    ARCHIVE_KEYS,
    ARCHIVE_MANIFEST,
    SNAPSHOT_NAME,
    BackupResult,
    Cancelled,
    Job,
    Manifest,
    Progress,
    copy_database,
    default_folder,
    fsync_dir,
    hashed_copy,
    list_backups,
    locked,
    os_error,
    read_photo,
    reading,
    sqlite_path,
    stamp,
    stored_photo,
    write_durably,
)
from shelter_app.services.files import photo_path
from shelter_app.services.accounts.settings import setting

log = logging.getLogger(__name__)


def backup_now(db: Database, actor: Actor, folder: Path | None = None,
               progress: Progress | None = None, cancelled: Cancelled | None = None
               ) -> BackupResult:
    """Snapshot the database and its new photos into `folder` (default beside the database),
    then keep only the newest backup.keep snapshots. Skipped, in milliseconds, when nothing
    changed since the newest snapshot."""
    require(actor, Action.BACKUP)
    started = time.perf_counter()
    source = sqlite_path(db)
    folder = folder or default_folder(source)
    with db.read() as session:
        keep = max(1, int(setting(session, "backup.keep")))
    job = Job(progress, cancelled)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with locked(folder):
            return _backup_locked(db, folder, keep, job, started)
    except OSError as error:
        raise os_error(folder, error) from error


def _backup_locked(db: Database, folder: Path, keep: int, job: Job,
                   started: float) -> BackupResult:
    newest = list_backups(folder)
    previous = _manifest_or_none(newest[0].path) if newest else None
    created = clock.now()
    final = folder / f"{stamp(created)}.db"
    partial = final.with_name(final.name + ".partial")
    try:
        with reading(sqlite_path(db), db.key) as (conn, content):
            if (previous is not None and previous.fingerprint == content.fingerprint
                    and not previous.missing_photos):
                log.info("backup skipped: nothing changed since %s", newest[0].path)
                return BackupResult(newest[0].path, previous, True, 0, (),
                                    time.perf_counter() - started)
            wanted = [sha for sha in content.photos if not stored_photo(folder, sha).is_file()]
            job.total = content.size_bytes + sum(
                _size(photo_path(db, sha)) for sha in wanted)
            job.step()
            db_sha = copy_database(conn, content, partial, job, db.key)
        missing = []
        for sha in wanted:
            data = read_photo(db, sha)
            if data is None:
                missing.append(sha)
                continue
            write_durably(stored_photo(folder, sha), data)
            job.step(len(data))
        os.replace(partial, final)
        manifest = Manifest(content.revision, created, db_sha, content.row_counts,
                            tuple(sha for sha in content.photos if sha not in missing),
                            tuple(missing), content.fingerprint)
        write_durably(final.with_suffix(".json"), manifest.to_json().encode())
        fsync_dir(folder)
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
        if SNAPSHOT_NAME.fullmatch(path.name) and path.name not in names:
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
    source = sqlite_path(db)
    out_path = Path(out_path)
    partial = out_path.with_name(f".{out_path.name}.partial")
    job = Job(progress, cancelled)
    created = clock.now()
    try:
        # the snapshot goes beside the database: the archive's medium may be slow or small
        with tempfile.TemporaryDirectory(dir=source.parent, prefix=".archive-") as tmp:
            snapshot = Path(tmp) / ARCHIVE_DB
            with reading(source, db.key) as (conn, content):
                photos = list(content.photos)
                # the database is read twice: copied, then deflated into the archive
                job.total = 2 * content.size_bytes + sum(
                    _size(photo_path(db, sha)) for sha in photos)
                job.step()
                db_sha = copy_database(conn, content, snapshot, job, db.key)
            manifest = _write_archive(db, partial, snapshot, photos, job, Manifest(
                content.revision, created, db_sha, content.row_counts, (), (),
                content.fingerprint))
        with partial.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, out_path)
        fsync_dir(out_path.parent)
    except OSError as error:
        raise os_error(out_path, error) from error
    finally:
        partial.unlink(missing_ok=True)
    log.info("archive %s: %d photos, %d missing", out_path, len(manifest.photos),
             len(manifest.missing_photos))
    return BackupResult(out_path, manifest, False, len(manifest.photos), (),
                        time.perf_counter() - started)


def _write_archive(db: Database, path: Path, snapshot: Path, photos: list[str], job: Job,
                   draft: Manifest) -> Manifest:
    """The database deflated (it shrinks to about a third), JPEGs stored (they do not shrink;
    sealed like the laptop's when the database is encrypted), the manifest last; with an
    encrypted database, its key file too, so the recovery key restores it on another laptop.
    The database goes in checked against the manifest's checksum: an archive is the copy that
    leaves the laptop, and one that would not restore must fail now, not when it is needed."""
    now = clock.now().astimezone(clock.CALENDAR_ZONE).timetuple()[:6]  # zip keeps wall time

    def member(name: str, compress_type: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, now)
        info.compress_type = compress_type
        return info

    stored, missing = [], []
    with zipfile.ZipFile(path, "w") as zf:
        with snapshot.open("rb") as src, zf.open(member(ARCHIVE_DB, zipfile.ZIP_DEFLATED), "w",
                                                  force_zip64=True) as dst:
            archived = hashed_copy(src, dst, job)
        if archived != draft.db_sha256:
            raise UserError(translate(
                "backup", "The copy of the database changed on disk while it was archived (its "
                          "checksum differs); the disk may be failing. No archive was written; "
                          "check the disk and export again."))
        if db.key is not None and db.path is not None:
            zf.write(keyring_path(db.path), ARCHIVE_KEYS)
        for sha in photos:
            data = read_photo(db, sha)
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
