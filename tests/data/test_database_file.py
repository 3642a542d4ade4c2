"""What the start asks of a database target before the database layer is loaded."""

import subprocess
import sys
from pathlib import Path

import pytest

from shelter_app.data import database_file
from shelter_app.data.engine import target_url


@pytest.mark.parametrize("target", ["shelter.db", "~/shelter.db", "/tmp/ş/shelter.db",
                                    "sqlite:///relative.db", "sqlite:////tmp/abs.db",
                                    "sqlite+pysqlite:////tmp/abs.db?mode=ro"])
def test_a_file_target_names_the_file_engine_opens(target: str) -> None:
    url = target_url(target)
    assert database_file.path_of(target) == Path(url.database)


@pytest.mark.parametrize("target", ["postgresql+psycopg://u:p@127.0.0.1/shelter", "sqlite://",
                                    "sqlite:///:memory:"])
def test_a_server_or_memory_target_names_no_file(target: str) -> None:
    assert database_file.path_of(target) is None
    assert not database_file.is_locked(target) and not database_file.needs_conversion(target)
    assert database_file.key_for_new(target) is None


def test_a_new_file_gets_a_key_an_existing_plain_one_is_converted(tmp_path: Path) -> None:
    target = str(tmp_path / "new.db")
    assert len(database_file.key_for_new(target) or b"") == 32
    (tmp_path / "new.db").write_bytes(b"SQLite format 3\x00" + bytes(100))
    assert database_file.key_for_new(target) is None
    assert database_file.needs_conversion(target) and not database_file.is_locked(target)


def test_the_start_checks_do_not_load_the_database_layer(tmp_path: Path) -> None:
    """The main window shows before SQLAlchemy and the models are imported (most of a second),
    and before the password hashing and encryption code (30 ms; a plain file never needs the
    encryption code)."""
    code = ("import sys\nfrom shelter_app.data import database_file\n"
            f"database_file.needs_conversion({str(tmp_path / 'x.db')!r})\n"
            f"database_file.is_locked({str(tmp_path / 'x.db')!r})\n"
            "print(sorted(m for m in sys.modules\n"
            "             if m.split('.')[0] in ('sqlalchemy', 'argon2', 'cryptography')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
