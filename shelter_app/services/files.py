"""Where stored files (photos, signed scans) live: under the database's files folder, by hash.

Naming by SHA-256, never by the user's file name, makes duplicates free to detect and keeps
names like `../x.jpg` or non-Latin names out of the file system.
"""

import os
import tempfile
from pathlib import Path

from shelter_app.data.engine import Database
from shelter_app.data.outbox import set_state, state

_FOLDER_KEY = "files_dir"  # sync_state: the folder a server was told to keep its files in


def use_folder(db: Database, folder: Path | None = None) -> None:
    """Keep this database's files in `folder` from now on (`serve --files DIR`), remembered so
    that `check` finds them; without `folder`, the one remembered, if any."""
    if folder is not None:
        folder = folder.expanduser().resolve()
        folder.mkdir(parents=True, exist_ok=True)
        with db.write() as session:
            set_state(session, _FOLDER_KEY, str(folder))
    else:
        with db.read() as session:
            remembered = state(session, _FOLDER_KEY)
        if remembered is None:
            return
        folder = Path(remembered)
    db.files_dir = folder


def photo_path(db: Database, sha256: str) -> Path:
    """A photo's stored copy (1600 px JPEG); `sha256` is the hash of this file's bytes."""
    return db.files_dir / "photos" / sha256[:2] / f"{sha256}.jpg"


def thumbnail_path(db: Database, sha256: str) -> Path:
    """The 256 px thumbnail beside the stored copy; made again from it when missing."""
    return db.files_dir / "photos" / sha256[:2] / f"{sha256}.thumb.jpg"


def scan_path(db: Database, sha256: str) -> Path:
    """A signed agreement's scan (PDF, JPEG or PNG as received); its type is in its bytes."""
    return db.files_dir / "scans" / sha256[:2] / sha256


# What travels between machines, by kind: a photo's stored copy and its thumbnail (both named
# by the photo's hash) and a signed scan (named by its own).
PHOTO, THUMB, SCAN = "photo", "thumb", "scan"
KINDS = (THUMB, PHOTO, SCAN)  # thumbnails first: a screen can show them before the rest comes


def stored_path(db: Database, kind: str, sha256: str) -> Path:
    """The file of `kind` named by `sha256` (a photo's hash for a photo or its thumbnail)."""
    return {PHOTO: photo_path, THUMB: thumbnail_path, SCAN: scan_path}[kind](db, sha256)


def read_stored(db: Database, kind: str, sha256: str) -> bytes:
    """A stored file's content, as it was given to `store` (FileNotFoundError when absent)."""
    return stored_path(db, kind, sha256).read_bytes()


def store(db: Database, kind: str, sha256: str, data: bytes) -> None:
    """Keep `data` as the file of `kind` named by `sha256`, complete or not at all."""
    write_atomically(stored_path(db, kind, sha256), data, durable=kind != THUMB)


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write under a unique temporary name in the same folder, then rename: `path` only ever
    holds complete content, and two processes writing the same name cannot mix their bytes.
    `durable` flushes the bytes to disk before the rename (the caller flushes the folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX); Windows has no folder handle to flush."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
