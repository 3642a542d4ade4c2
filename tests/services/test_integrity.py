"""`shelter-app check`: a sound database has no problems; each kind of problem is one clear line."""

import hashlib
import sqlite3
import uuid
from contextlib import closing


import pytest
from sqlalchemy import func, select, text

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.models import Dwelling, Photo
from shelter_app.domain import clock
from shelter_app.services.files import photo_path
from shelter_app.services.integrity import check_database


def add_photo(db: Database, **fields: object) -> Photo:
    with db.write() as session:
        dwelling_id = session.scalar(select(Dwelling.id).order_by(Dwelling.ref).limit(1))
        photo = Photo(dwelling_id=dwelling_id, size_bytes=1234, width=640, height=480,
                      **fields)
        session.add(photo)
    return photo


def test_fresh_demo_database_has_no_problems(demo_db: Database) -> None:
    assert check_database(demo_db) == []


def test_empty_database_has_no_problems(db: Database) -> None:
    assert check_database(db) == []


def test_a_photo_whose_file_is_missing_is_reported(demo_db: Database) -> None:
    sha = hashlib.sha256(b"a photo that was never copied").hexdigest()
    photo = add_photo(demo_db, sha256=sha)
    problems = check_database(demo_db)
    assert len(problems) == 1
    expected = photo_path(demo_db, sha)
    assert str(photo.id) in problems[0]
    assert str(expected) in problems[0]
    assert "missing" in problems[0]
    assert expected.parent.parent.parent == demo_db.files_dir  # files/photos/ab/<sha>.jpg


def test_a_photo_whose_file_exists_is_not_reported(demo_db: Database) -> None:
    content = b"\xff\xd8 a tiny jpeg"
    sha = hashlib.sha256(content).hexdigest()
    path = photo_path(demo_db, sha)
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    add_photo(demo_db, sha256=sha)
    assert check_database(demo_db) == []


def test_a_soft_deleted_photo_without_file_is_not_reported(demo_db: Database) -> None:
    add_photo(demo_db, sha256="0" * 64, deleted_at=clock.now())
    assert check_database(demo_db) == []


def test_a_wrong_schema_revision_is_reported(demo_db: Database) -> None:
    with demo_db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    problems = check_database(demo_db)
    assert len(problems) == 1
    assert "0000" in problems[0] and HEAD_REVISION in problems[0]
    assert "migrate" in problems[0]


@pytest.mark.sqlite_only("only SQLite lets a connection switch foreign keys off")
def test_a_broken_foreign_key_is_reported(demo_db: Database) -> None:
    assert demo_db.path is not None
    with closing(sqlite3.connect(demo_db.path)) as conn:  # foreign_keys is off by default
        conn.execute("UPDATE dwellings SET office_id = ? WHERE ref = "
                     "(SELECT min(ref) FROM dwellings)", (uuid.uuid4().hex,))
        conn.commit()
    problems = check_database(demo_db)
    assert len(problems) == 1
    assert "of dwellings points to a missing offices" in problems[0]


def test_a_signed_agreement_whose_scan_is_missing_is_reported(demo_db: Database) -> None:
    from shelter_app.data.models import LeaseAgreement
    from shelter_app.services.files import scan_path

    with demo_db.read() as session:
        number, sha = session.execute(select(LeaseAgreement.number,
                                             LeaseAgreement.signed_scan_sha256).where(
            LeaseAgreement.signed_scan_sha256.is_not(None)).limit(1)).one()
    assert check_database(demo_db) == []  # the demo's scan is there
    scan_path(demo_db, sha).unlink()
    problems = check_database(demo_db)
    assert problems and all(line.startswith("Agreement ") for line in problems)
    assert any(line.startswith(f"Agreement {number}: the signed scan") for line in problems)


def test_records_against_a_case_rule_are_listed_not_changed(demo_db):
    """Labour days logged before the agreement's signing (as data older than the rule may be)
    are listed with their site, and nothing is changed."""
    from datetime import timedelta

    from shelter_app.data.models import LabourEntry, LeaseAgreement
    from shelter_app.services.rule_breaches import rule_breaches

    assert not any("outside the works" in line for line in rule_breaches(demo_db))
    with demo_db.write() as session:
        ref, dwelling_id, first = session.execute(
            select(Dwelling.ref, Dwelling.id, func.min(LabourEntry.work_date))
            .join(LabourEntry, LabourEntry.dwelling_id == Dwelling.id)
            .join(LeaseAgreement, LeaseAgreement.dwelling_id == Dwelling.id)
            .where(LeaseAgreement.signed_on.is_not(None))
            .group_by(Dwelling.ref, Dwelling.id).order_by(Dwelling.ref).limit(1)).one()
        agreement = session.scalar(select(LeaseAgreement).where(
            LeaseAgreement.dwelling_id == dwelling_id, LeaseAgreement.signed_on.is_not(None)))
        agreement.signed_on = first + timedelta(days=1)
        before = session.scalar(select(func.count()).select_from(LabourEntry))
    found = rule_breaches(demo_db)
    assert [line for line in found if "outside the works" in line
            ] == [next(line for line in found if line.startswith(f"{ref}: "))]
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(LabourEntry)) == before
        assert session.scalar(select(LeaseAgreement.signed_on).where(
            LeaseAgreement.dwelling_id == dwelling_id, LeaseAgreement.signed_on.is_not(None))
            ) == first + timedelta(days=1)


def test_a_timesheet_holding_another_sites_day_is_listed_not_changed(demo_db):
    """A day put into another site's timesheet before the rule existed (timesheets refuse it
    now) is listed under that timesheet, and left where it is."""
    from shelter_app.data.models import LabourEntry, Timesheet
    from shelter_app.services.rule_breaches import rule_breaches

    assert not any(line.startswith("Timesheet ") for line in rule_breaches(demo_db))
    with demo_db.write() as session:
        sheet = session.scalars(select(Timesheet).order_by(Timesheet.ref).limit(1)).one()
        entry = session.scalars(select(LabourEntry).where(
            LabourEntry.dwelling_id != sheet.dwelling_id).order_by(LabourEntry.id).limit(1)).one()
        entry.timesheet_id, entry_id = sheet.id, entry.id
    (line,) = [line for line in rule_breaches(demo_db) if line.startswith("Timesheet ")]
    assert line.startswith(f"Timesheet {sheet.ref} holds 1 labour day") and \
        "of another site or outside its period" in line
    with demo_db.read() as session:
        assert session.get(LabourEntry, entry_id).timesheet_id == sheet.id
