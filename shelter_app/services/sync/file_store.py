"""The server's store of photos and scans, content-addressed by SHA-256 in its files folder
(`serve --files DIR`, the same layout as a laptop's), and the resumable uploads that fill it.

An upload arrives in chunks, each at the offset the server already holds, appended to a
partial file that outlives a cut connection or a restarted server; the laptop asks where to
resume (`status`). When the last byte is in, the whole file is hashed: a file whose hash is not
the one announced is thrown away and refused, so the laptop sends it again from the start. A
file the server holds is never taken again.
"""

import hashlib
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Device, Dwelling, LeaseAgreement, Photo
from shelter_app.domain.errors import NotFound
from shelter_app.domain.i18n import translate
from shelter_app.services.files import (
    KINDS,
    SCAN,
    THUMB,
    has_stored,
    read_stored,
    store,
)
from shelter_app.services.sync.protocol import BadMessage

CHUNK = 512 * 1024  # bytes a laptop sends per request: 4 s on a 1 Mbit/s line
MAX_FILE = 64 * 1024 * 1024  # a scanned agreement of many pages stays well below it
MAX_STATUS = 2_000  # files asked about in one request
_SHA = re.compile(r"[0-9a-f]{64}")


class HashMismatch(BadMessage):
    """The uploaded bytes do not have the announced hash; they were thrown away."""


class WrongOffset(BadMessage):
    """A chunk sent for another offset than the server holds; `offset` is where to resume."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def check_name(kind: Any, sha256: Any) -> None:
    if kind not in KINDS:
        raise BadMessage(translate("sync", "Unknown kind of file {kind}.").format(kind=kind))
    if not isinstance(sha256, str) or not _SHA.fullmatch(sha256):
        raise BadMessage(translate("sync", "A file is named by its SHA-256 in 64 hexadecimal "
                                           "digits, not {name}.").format(name=sha256))


def _partial(db: Database, kind: str, sha256: str) -> Path:
    return db.files_dir / ".partial" / f"{kind}-{sha256}"


def status(db: Database, files: Any) -> list[dict[str, Any]]:
    """For each [kind, sha256]: {"have": true}, or {"offset": bytes already received}."""
    if not isinstance(files, list) or len(files) > MAX_STATUS or not all(
            isinstance(item, list) and len(item) == 2 for item in files):
        raise BadMessage(translate("sync", "files must be a list of at most {limit} [kind, "
                                           "sha256] pairs.").format(limit=MAX_STATUS))
    answers = []
    for kind, sha256 in files:
        check_name(kind, sha256)
        if has_stored(db, kind, sha256):
            answers.append({"have": True})
        else:
            partial = _partial(db, kind, sha256)
            answers.append({"offset": partial.stat().st_size if partial.is_file() else 0})
    return answers


def receive(db: Database, kind: str, sha256: str, content_sha256: str, size: int, offset: int,
            data: bytes) -> dict[str, Any]:
    """Take one chunk of a file; {"have": true} once the file is complete and verified, else
    {"offset": bytes held}. A photo or a scan is named by its own hash; a thumbnail by its
    photo's, with its own hash announced as `content_sha256`."""
    check_name(kind, sha256)
    check_name(kind, content_sha256)
    if kind != THUMB and content_sha256 != sha256:
        raise BadMessage(translate("sync", "A photo or scan is named by the hash of its bytes."))
    if not 0 < size <= MAX_FILE or not 0 <= offset < size or offset + len(data) > size \
            or not data:
        raise BadMessage(translate("sync", "A chunk must lie within a file of 1 byte to %n "
                                           "bytes.", "", MAX_FILE))
    if has_stored(db, kind, sha256):
        return {"have": True}
    partial = _partial(db, kind, sha256)
    held = partial.stat().st_size if partial.is_file() else 0
    if offset != held:
        raise WrongOffset(translate("sync", "The server holds %n bytes of this file; send "
                                            "from there.", "", held), held)
    partial.parent.mkdir(parents=True, exist_ok=True)
    with partial.open("ab") as handle:
        handle.write(data)
    if offset + len(data) < size:
        return {"offset": offset + len(data)}
    content = partial.read_bytes()
    partial.unlink()
    accept(db, kind, sha256, content, content_sha256)
    return {"have": True}


def accept(db: Database, kind: str, sha256: str, content: bytes,
           content_sha256: str | None = None) -> None:
    """Keep a whole file unless it is held already; refused when its bytes do not have its
    hash (a thumbnail's is `content_sha256`, when known: a package's are sealed anyway)."""
    check_name(kind, sha256)
    expected = content_sha256 or (None if kind == THUMB else sha256)
    if expected is not None and hashlib.sha256(content).hexdigest() != expected:
        raise HashMismatch(translate("sync", "The file received does not have the hash it was "
                                             "sent with; it was thrown away. Send it again."))
    if not has_stored(db, kind, sha256):
        store(db, kind, sha256, content)


def send(db: Database, device: Device, kind: str, sha256: str) -> bytes:
    """A stored file for a device whose office holds a record of it."""
    check_name(kind, sha256)
    with db.read() as session:
        if kind == SCAN:
            query = select(LeaseAgreement.office_id).where(
                LeaseAgreement.signed_scan_sha256 == sha256)
        else:
            query = select(Dwelling.office_id).join(Photo, Photo.dwelling_id == Dwelling.id) \
                .where(Photo.sha256 == sha256)
        offices = set(session.scalars(query))
    if offices and (device.office_id is None or device.office_id in offices):
        try:
            return read_stored(db, kind, sha256)
        except FileNotFoundError:
            pass
    raise NotFound(translate("sync", "The server does not hold this file (yet)."))
