"""Stored files (photos, thumbnails, signed scans): the only module that reads or writes them.

They live under the database's files folder, named by the SHA-256 of their plain bytes, never by
the user's file name: duplicates are free to detect, names like `../x.jpg` or non-Latin names
stay out of the file system, and the server and every laptop name a file alike.

On a laptop whose database is encrypted, each file is sealed with AES-256-GCM under a key
derived (HKDF) from the database key, with a fresh nonce per file and the file's kind and name
as associated data (a file moved to another name does not open). The server's files, a plain
database's, and files on the wire or in USB packages are plain. Everyone reads through
`read_stored` and writes through `store`, so plain bytes exist in memory only.
"""

import os
import secrets
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from shelter_app.data.engine import Database
from shelter_app.data.outbox import set_state, state
from shelter_app.domain.i18n import translate
from shelter_app.services.atomic import write_atomically

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


MAGIC = b"BRNKENC1"  # no JPEG, PNG or PDF starts so: a sealed file is told from a plain one
_NONCE_BYTES = 12
_SEALED_MARK = ".sealed"  # in the files folder once every file in it has been sealed


class DamagedFile(OSError):
    """A sealed file that does not open with this laptop's key (damaged, or another's)."""


@lru_cache(maxsize=4)
def _file_key(key: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"barinak-files-v1").derive(key)
    return AESGCM(derived)


def seal(key: bytes | None, kind: str, sha256: str, data: bytes) -> bytes:
    """`data` as it is kept on disk: sealed under `key`, or plain without one."""
    if key is None:
        return data
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return MAGIC + nonce + _file_key(key).encrypt(nonce, data, f"{kind}/{sha256}".encode())


def unseal(key: bytes | None, kind: str, sha256: str, kept: bytes) -> bytes:
    """The plain bytes of a file as kept on disk (a plain one from before sealing as it is)."""
    if not kept.startswith(MAGIC):
        return kept
    if key is None:
        raise DamagedFile(translate("files", "{name} is encrypted and this database has no "
                                             "key to open it.").format(name=sha256))
    start = len(MAGIC) + _NONCE_BYTES
    try:
        return _file_key(key).decrypt(kept[len(MAGIC):start], kept[start:],
                                      f"{kind}/{sha256}".encode())
    except InvalidTag:
        raise DamagedFile(translate("files", "{name} is damaged or was encrypted with another "
                                             "laptop's key.").format(name=sha256)) from None


def read_stored(db: Database, kind: str, sha256: str) -> bytes:
    """A stored file's plain content, as it was given to `store` (FileNotFoundError when
    absent, DamagedFile when it does not decrypt)."""
    return unseal(db.key, kind, sha256, stored_path(db, kind, sha256).read_bytes())


def read_sealed(db: Database, kind: str, sha256: str) -> tuple[bytes, bytes]:
    """A stored file as it is kept (sealed when the database is encrypted) and its plain
    content, for a copy kept elsewhere (backups) without sealing it again."""
    kept = stored_path(db, kind, sha256).read_bytes()
    plain = unseal(db.key, kind, sha256, kept)
    return (kept if kept is not plain else seal(db.key, kind, sha256, plain)), plain


def has_stored(db: Database, kind: str, sha256: str) -> bool:
    return stored_path(db, kind, sha256).is_file()


def store(db: Database, kind: str, sha256: str, data: bytes) -> None:
    """Keep the plain `data` as the file of `kind` named by `sha256`, complete or not at all
    (sealed when the database is encrypted). A thumbnail is not flushed to disk: it is made
    again from its photo when lost."""
    write_atomically(stored_path(db, kind, sha256), seal(db.key, kind, sha256, data),
                     durable=kind != THUMB)


def remove_stored(db: Database, kind: str, sha256: str) -> None:
    stored_path(db, kind, sha256).unlink(missing_ok=True)


def _named(files: Path) -> Iterator[tuple[Path, str, str]]:
    """(path, kind, sha256) of every stored file in a files folder."""
    for path in sorted(files.glob("photos/*/*.jpg")):
        if path.name.endswith(".thumb.jpg"):
            yield path, THUMB, path.name.removesuffix(".thumb.jpg")
        else:
            yield path, PHOTO, path.stem
    for path in sorted(files.glob("scans/*/*")):
        if not path.name.startswith("."):
            yield path, SCAN, path.name


def unmark_sealed(files: Path) -> None:
    """Plain files may have come in (a restored plain backup): look again at the next start."""
    (files / _SEALED_MARK).unlink(missing_ok=True)


def seal_folder(folder: Path, key: bytes) -> int:
    """Seal every plain file left in `folder` (a files folder, or a backup folder's photo
    store, laid out alike) from before the database was encrypted; returns how many.

    Each file is replaced by its sealed twin in one rename, so a kill at any moment leaves each
    file either plain or sealed, both readable; the next start goes on where this one stopped.
    Half-written temporaries (which may hold plain bytes) are removed first. Once done, a mark
    in the folder spares the next starts the walk."""
    if not folder.is_dir() or (folder / _SEALED_MARK).exists():
        return 0
    for leftover in folder.glob("**/.*.tmp"):
        leftover.unlink(missing_ok=True)
    named = list(_named(folder))
    sealed = 0
    for path, kind, sha in named:
        with path.open("rb") as handle:
            plain = not handle.read(len(MAGIC)).startswith(MAGIC)
        if plain:
            write_atomically(path, seal(key, kind, sha, path.read_bytes()))
            sealed += 1
    for parent in {path.parent for path, _kind, _sha in named}:
        sync_folder(parent)
    write_atomically(folder / _SEALED_MARK, b"")
    return sealed


def sync_folder(folder: Path) -> None:
    """Make renames in `folder` durable (POSIX); Windows has no folder handle to flush."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
