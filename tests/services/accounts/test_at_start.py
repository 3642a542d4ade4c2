"""The sign-in checked at start with the driver alone: the user's row read with the SQL of the
service's own query, the same rules, the list's first rows once the password is right, and
None (the ordinary way) for anything unexpected. Then the service signs in with its answer."""

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.dialects import sqlite

from shelter_app.data import keyring
from shelter_app.data.engine import Database
from shelter_app.data.models import User
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.domain import clock
from shelter_app.services.accounts import at_start, auth
from shelter_app.services.cases.dwellings import search_dwellings

pytestmark = pytest.mark.sqlite_only("the check at start reads a laptop's file")


def test_the_stored_sql_is_the_services_own_query_compiled() -> None:
    compiled = str(auth.AT_START.compile(dialect=sqlite.dialect()))
    now = "\n".join(line.rstrip() for line in compiled.splitlines())
    assert at_start.USER_SQL == now, (
        "The sign-in's query changed: set USER_SQL in shelter_app/services/accounts/"
        f"at_start.py to this text (each line's trailing spaces dropped):\n{now}")


def _file(db: Database) -> Path:
    assert db.path is not None
    db.dispose()
    return db.path


def test_a_right_password_gives_the_lists_first_rows(demo_db: Database) -> None:
    expected = search_dwellings(demo_db, limit=50)
    checked = at_start.check(_file(demo_db), None, " Engineer.GAZ ", DEMO_PASSWORD, 50)
    assert checked is not None and checked.right
    assert checked.rows == expected
    assert checked.password_hash.startswith("$argon2id$")


def test_a_wrong_password_gives_no_rows(demo_db: Database) -> None:
    checked = at_start.check(_file(demo_db), None, "engineer.gaz", "not-the-password", 50)
    assert checked is not None and not checked.right and checked.rows == []


def _set(db: Database, **values: object) -> None:
    with db.write() as session:
        session.execute(update(User).where(User.username == "engineer.gaz").values(**values))


@pytest.mark.parametrize("values", [
    {"locked_until": clock.now() + timedelta(minutes=5)},
    {"active": False},
    {"must_change_password": True},  # changed first, in the ordinary dialog
    {"deleted_at": clock.now()},
])
def test_an_account_the_rules_refuse_or_a_password_to_change_go_the_ordinary_way(
        demo_db: Database, values: dict[str, object]) -> None:
    _set(demo_db, **values)
    assert at_start.check(_file(demo_db), None, "engineer.gaz", DEMO_PASSWORD, 50) is None


def test_an_unknown_name_goes_the_ordinary_way(demo_db: Database) -> None:
    assert at_start.check(_file(demo_db), None, "nobody", DEMO_PASSWORD, 50) is None


def test_an_older_schema_or_a_file_that_is_no_database_goes_the_ordinary_way(
        demo_db: Database, tmp_path: Path) -> None:
    path = _file(demo_db)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0020'")
    connection.close()
    assert at_start.check(path, None, "engineer.gaz", DEMO_PASSWORD, 50) is None
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    assert at_start.check(junk, None, "engineer.gaz", DEMO_PASSWORD, 50) is None
    assert at_start.check(tmp_path / "missing.db", None, "engineer.gaz", DEMO_PASSWORD,
                          50) is None


def test_an_encrypted_file_is_read_with_its_key_and_not_without(
        demo_db: Database, tmp_path: Path) -> None:
    expected = search_dwellings(demo_db, limit=20)
    encrypted, key = tmp_path / "encrypted.db", keyring.new_key()
    keyring.encrypt_copy(_file(demo_db), encrypted, key)
    checked = at_start.check(encrypted, key, "engineer.gaz", DEMO_PASSWORD, 20)
    assert checked is not None and checked.right and checked.rows == expected
    assert at_start.check(encrypted, keyring.new_key(), "engineer.gaz", DEMO_PASSWORD,
                          20) is None


def _failed(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(User.failed_logins).where(User.username == "engineer.gaz"))


def test_the_service_signs_in_with_the_checks_answer_while_the_hash_is_the_same(
        demo_db: Database) -> None:
    """The answer is used as it is (not checked again: a second argon2 on the GUI thread);
    after a change of password it is not."""
    with demo_db.read() as session:
        stored = session.scalar(select(User.password_hash).where(
            User.username == "engineer.gaz"))
    actor, _ = auth.sign_in(demo_db, "engineer.gaz", "typed", checked=(stored, True))
    assert actor.username == "engineer.gaz"
    with pytest.raises(auth.SignInError):
        auth.sign_in(demo_db, "engineer.gaz", DEMO_PASSWORD, checked=(stored, False))
    assert _failed(demo_db) == 1  # counted and written by the service, as always
    with pytest.raises(auth.SignInError):  # another hash: checked again, and wrong
        auth.sign_in(demo_db, "engineer.gaz", "typed", checked=("$argon2id$other", True))
    assert auth.sign_in(demo_db, "engineer.gaz", DEMO_PASSWORD,
                        checked=("$argon2id$other", False))[0] == actor
    assert _failed(demo_db) == 0
