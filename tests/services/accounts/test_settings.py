"""Dated settings: among the rows in force on a day the newest wins; on the same date the
office's own row wins over the programme's."""

import uuid
from datetime import date

import pytest

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import Setting
from shelter_app.domain import clock
from shelter_app.services.accounts.settings import DEFAULTS, Settings, setting

KEY = "cfw.daily_rate"


def add(db: Database, value: str, valid_from: date | None, office_id: uuid.UUID | None = None,
        ) -> None:
    with db.write() as session:
        session.add(Setting(key=KEY, value=value, valid_from=valid_from, office_id=office_id))


def value(db: Database, on: date, office_id: uuid.UUID | None = None) -> str:
    """The value in force, read alone; a batch's Settings (all rows at once) gives the same."""
    with db.read() as session:
        alone = setting(session, KEY, on=on, office_id=office_id)
        batch = Settings(session, [KEY, "cfw.min_age"])
        assert batch.value(KEY, on=on, office_id=office_id) == alone
        assert batch.value("cfw.min_age", on=on, office_id=office_id) == DEFAULTS["cfw.min_age"]
    return alone


@pytest.fixture
def offices(db: Database) -> tuple[uuid.UUID, uuid.UUID]:
    return factories.office(db, "GAZ").id, factories.office(db, "KLS", province="Kilis").id


def test_no_row_gives_the_default(db: Database, offices) -> None:
    assert value(db, date(2026, 1, 1), offices[0]) == DEFAULTS[KEY]


def test_a_newer_programme_row_beats_an_older_office_row(db: Database, offices) -> None:
    gaz, kls = offices
    add(db, "1000.00", date(2026, 1, 1))  # programme
    add(db, "1050.00", date(2026, 3, 1), gaz)  # Gaziantep's own from March
    add(db, "1200.00", date(2026, 7, 1))  # programme-wide raise from July

    assert value(db, date(2025, 12, 31), gaz) == DEFAULTS[KEY]  # before any row
    assert value(db, date(2026, 2, 28), gaz) == "1000.00"  # before the office's row
    assert value(db, date(2026, 3, 1), gaz) == "1050.00"  # the office's row from its day
    assert value(db, date(2026, 6, 30), gaz) == "1050.00"
    assert value(db, date(2026, 7, 1), gaz) == "1200.00"  # the newer programme row wins
    assert value(db, date(2026, 3, 1), kls) == "1000.00"  # another office never sees GAZ's
    assert value(db, date(2026, 7, 1)) == "1200.00"  # programme-wide


def test_an_office_row_newer_than_the_programme_row_wins(db: Database, offices) -> None:
    gaz, _ = offices
    add(db, "1200.00", date(2026, 7, 1))
    add(db, "1300.00", date(2026, 9, 1), gaz)
    assert value(db, date(2026, 8, 31), gaz) == "1200.00"
    assert value(db, date(2026, 9, 1), gaz) == "1300.00"
    assert value(db, date(2026, 9, 1)) == "1200.00"


def test_on_the_same_date_the_office_row_wins(db: Database, offices) -> None:
    gaz, _ = offices
    add(db, "1200.00", date(2026, 7, 1))
    add(db, "1250.00", date(2026, 7, 1), gaz)
    assert value(db, date(2026, 7, 1), gaz) == "1250.00"
    assert value(db, date(2026, 7, 1)) == "1200.00"


def test_undated_rows_count_as_oldest_and_the_office_wins_between_them(db: Database,
                                                                        offices) -> None:
    gaz, _ = offices
    add(db, "900.00", None)  # programme, in force since always
    add(db, "950.00", None, gaz)
    assert value(db, date(2026, 1, 1), gaz) == "950.00"
    assert value(db, date(2026, 1, 1)) == "900.00"
    add(db, "1000.00", date(2026, 5, 1))  # any dated row is newer than an undated one
    assert value(db, date(2026, 4, 30), gaz) == "950.00"
    assert value(db, date(2026, 5, 1), gaz) == "1000.00"


def test_a_deleted_row_is_ignored(db: Database, offices) -> None:
    gaz, _ = offices
    add(db, "1000.00", date(2026, 1, 1))
    with db.write() as session:
        session.add(Setting(key=KEY, value="5000.00", valid_from=date(2026, 2, 1),
                            office_id=gaz, deleted_at=clock.now()))
    assert value(db, date(2026, 3, 1), gaz) == "1000.00"

