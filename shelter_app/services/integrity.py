"""`shelter-app check`: is this database sound, current, and are its files all there?"""

import hashlib

from sqlalchemy import select, text

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION, current_revision
from shelter_app.data.models import LeaseAgreement, Photo
from shelter_app.data.outbox import state
from shelter_app.domain.i18n import translate
from shelter_app.services.files import (
    PHOTO,
    SCAN,
    DamagedFile,
    photo_path,
    read_stored,
    scan_path,
    use_folder,
)
from shelter_app.services.sync.state_keys import TOKEN_KEY


def check_database(db: Database) -> list[str]:
    """Every problem found, one clear line each; an empty list means the database is sound."""
    problems: list[str] = []
    if db.is_sqlite:
        with db.engine.connect() as conn:
            rows = [row[0] for row in conn.execute(text("PRAGMA integrity_check"))]
            if rows != ["ok"]:
                problems += [
                    translate("check", "Integrity: {detail}").format(detail=row) for row in rows
                ]
            for table, rowid, parent, _ in conn.execute(text("PRAGMA foreign_key_check")):
                problems.append(
                    translate(
                        "check", "Foreign key: row {rowid} of {table} points to a missing {parent}."
                    ).format(rowid=rowid, table=table, parent=parent)
                )
    revision = current_revision(db)
    if revision != HEAD_REVISION:
        problems.append(
            translate(
                "check", "Schema is at revision {found}, expected {expected}; run shelter-app migrate."
            ).format(found=revision, expected=HEAD_REVISION)
        )
    use_folder(db)  # a server's, as `serve --files` was told
    with db.read() as session:
        travels = state(session, TOKEN_KEY) is not None  # a laptop that syncs
        photos = list(session.execute(select(Photo.id, Photo.sha256).where(
            Photo.deleted_at.is_(None))))
        scans = list(session.execute(select(
            LeaseAgreement.number, LeaseAgreement.signed_scan_sha256).where(
            LeaseAgreement.signed_scan_sha256.is_not(None), LeaseAgreement.deleted_at.is_(None))))
    for photo_id, sha in photos:
        fault = _fault(db, PHOTO, sha, travels)
        if fault:
            problems.append(translate("check", "Photo {id}: file {path} {fault}").format(
                id=photo_id, path=photo_path(db, sha), fault=fault))
    for number, sha in scans:
        fault = _fault(db, SCAN, sha, travels)
        if fault:  # the only copy of the landlord's signature
            problems.append(translate("check", "Agreement {number}: the signed scan {path} "
                                               "{fault}").format(
                number=number, path=scan_path(db, sha), fault=fault))
    return problems


def _fault(db: Database, kind: str, sha: str, travels: bool) -> str | None:
    """What is wrong with a stored file, or None. A laptop that syncs takes the files of other
    laptops' records at its next sync: one missing there is not a fault of its own (the
    server's check names a file that never arrived)."""
    try:
        data = read_stored(db, kind, sha)
    except FileNotFoundError:
        return None if travels else translate(
            "check", "is missing; restore it from a backup.")
    except DamagedFile:
        data = b""
    if hashlib.sha256(data).hexdigest() != sha:
        return translate("check", "is damaged (its content no longer has its hash); restore "
                                  "it from a backup.")
    return None
