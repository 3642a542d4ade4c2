"""Where stored files (photos, signed scans) live: under the database's files folder, by hash.

Naming by SHA-256, never by the user's file name, makes duplicates free to detect and keeps
names like `../x.jpg` or non-Latin names out of the file system.
"""

import os
import tempfile
from pathlib import Path

from shelter_app.data.engine import Database


def photo_path(db: Database, sha256: str) -> Path:
    """A photo's stored copy (1600 px JPEG); `sha256` is the hash of this file's bytes."""
    return db.files_dir / "photos" / sha256[:2] / f"{sha256}.jpg"


def thumbnail_path(db: Database, sha256: str) -> Path:
    """The 256 px thumbnail beside the stored copy; made again from it when missing."""
    return db.files_dir / "photos" / sha256[:2] / f"{sha256}.thumb.jpg"


def scan_path(db: Database, sha256: str) -> Path:
    """A signed agreement's scan (PDF, JPEG or PNG as received); its type is in its bytes."""
    return db.files_dir / "scans" / sha256[:2] / sha256


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
