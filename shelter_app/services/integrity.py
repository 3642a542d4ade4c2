"""`shelter-app check`: is this database sound, current, and are its files all there?"""

from sqlalchemy import select, text

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION, current_revision
from shelter_app.data.models import LeaseAgreement, Photo
from shelter_app.domain.i18n import translate
from shelter_app.services.files import photo_path, scan_path


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
    with db.read() as session:
        for photo_id, sha in session.execute(
            select(Photo.id, Photo.sha256).where(Photo.deleted_at.is_(None))
        ):
            if not photo_path(db, sha).is_file():
                problems.append(
                    translate("check", "Photo {id}: file {path} is missing.").format(
                        id=photo_id, path=photo_path(db, sha)
                    )
                )
        for number, sha in session.execute(
            select(LeaseAgreement.number, LeaseAgreement.signed_scan_sha256).where(
                LeaseAgreement.signed_scan_sha256.is_not(None),
                LeaseAgreement.deleted_at.is_(None))
        ):
            if not scan_path(db, sha).is_file():  # the only copy of the landlord's signature
                problems.append(
                    translate("check", "Agreement {number}: the signed scan {path} is missing; "
                                       "restore it from a backup.").format(
                        number=number, path=scan_path(db, sha)
                    )
                )
    return problems
