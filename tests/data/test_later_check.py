"""The start-up scan of a plain file left until the first rows show (open_database(check=False),
then migrate.damage): a damaged file still opens and reads, then refuses every write."""

from pathlib import Path

import factories
import pytest
from sqlalchemy import func, select

from shelter_app.data import migrate
from shelter_app.data.engine import Database
from shelter_app.data.migrate import DatabaseDamaged, damage, open_database
from shelter_app.data.models import Dwelling, Office
from shelter_app.domain.errors import UserError

pytestmark = pytest.mark.sqlite_only("a plain SQLite file and its own scan")


@pytest.fixture
def damaged_copy(demo_db: Database, tmp_path: Path) -> Path:
    demo_db.dispose()
    assert demo_db.path is not None
    copy = tmp_path / "damaged.db"
    factories.damage_an_index(demo_db.path, copy)
    return copy


def test_a_damaged_file_opens_unchecked_then_refuses_writes(damaged_copy: Path) -> None:
    with pytest.raises(DatabaseDamaged):
        open_database(str(damaged_copy))  # checked whole at once, as the command line does
    before = damaged_copy.read_bytes()
    db = open_database(str(damaged_copy), check=False)
    try:
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Dwelling)) == 120
        message = damage(db)
        assert message is not None
        assert message.startswith(f"The database {damaged_copy} is damaged (")
        assert "Nothing more can be saved to it" in message
        with pytest.raises(UserError) as refused, db.write() as session:
            session.add(Office(code="NEW", name="New office", province="Hatay"))
        assert refused.value.message == message
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Office)) > 0  # reads go on
    finally:
        db.dispose()
    assert damaged_copy.read_bytes() == before


def test_a_sound_file_passes_the_later_check_and_still_writes(demo_db: Database) -> None:
    assert damage(demo_db) is None
    with demo_db.write() as session:
        session.add(Office(code="NEW", name="New office", province="Hatay"))


def test_a_file_to_upgrade_is_checked_before_it_is_written(
        damaged_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    newer = f"{int(migrate.HEAD_REVISION) + 1:04d}"
    monkeypatch.setattr(migrate, "HEAD_REVISION", newer)  # the app is newer than the file
    before = damaged_copy.read_bytes()
    with pytest.raises(DatabaseDamaged):
        open_database(str(damaged_copy), check=False)
    assert damaged_copy.read_bytes() == before
