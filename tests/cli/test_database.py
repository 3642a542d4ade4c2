"""Which database a verb opens: only `migrate` and `demo` create one; every other verb refuses
a missing, empty or foreign file in one line and leaves it byte for byte as it was; a server
that cannot be used is one translated line, never a traceback."""

import os
import sqlite3
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from cli_runner import run
from server_dbs import server_url, target

from shelter_app.cli.main import main
from shelter_app.config import paths
from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION, current_revision, open_database

# every verb that reads or changes an existing database, with what it needs besides --db
VERBS = {
    "list": ["list", "dwellings"],
    "check": ["check"],
    "backup": ["backup"],
    "person due": ["person", "due"],
    "print boq": ["print", "boq", "GAZ-D-000001-B1", "--out", "{tmp}/b.pdf"],
    "export payments": ["export", "payments", "--period", "2026-10", "--out", "{tmp}/p.xlsx"],
    "import-photos": ["import-photos", "GAZ-D-000001", "{tmp}"],
    "office add": ["office", "add", "GAZ", "--name", "Gaziantep", "--province", "Gaziantep"],
    "user list": ["user", "list"],
}


def argv_for(verb: str, tmp_path: Path) -> list[str]:
    return [arg.replace("{tmp}", str(tmp_path)) for arg in VERBS[verb]]


def make_file(kind: str, path: Path) -> None:
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "text":
        path.write_text("Ad;Soyad\nŞükrü;Öztürk\n", encoding="utf-8")
    else:
        with closing(sqlite3.connect(path)) as conn:
            if kind == "foreign sqlite":
                conn.execute("CREATE TABLE notes (body TEXT)")
                conn.execute("INSERT INTO notes VALUES ('مرحبا')")
            else:  # a SQLite file with no table at all
                conn.execute("PRAGMA user_version = 7")
            conn.commit()


@pytest.mark.parametrize("kind", ["empty", "text", "foreign sqlite", "sqlite without tables"])
@pytest.mark.parametrize("verb", list(VERBS))
def test_a_verb_leaves_an_empty_or_foreign_file_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verb: str, kind: str
) -> None:
    path = tmp_path / "given.db"
    make_file(kind, path)
    before = path.read_bytes()
    code, out, err = run(capsys, *argv_for(verb, tmp_path), "--db", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"shelter-app: {path} ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["given.db"]  # no -wal, no output


@pytest.mark.parametrize("verb", list(VERBS))
def test_a_verb_does_not_create_a_missing_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verb: str
) -> None:
    path = tmp_path / "no-such-folder" / "shelter.db"
    code, _, err = run(capsys, *argv_for(verb, tmp_path), "--db", str(path))
    assert code == 2
    assert err == f"shelter-app: There is no database at {path}; check the path.\n"
    assert not path.parent.exists()


def test_an_empty_file_is_named_with_the_way_to_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    _, _, err = run(capsys, "list", "dwellings", "--db", str(path))
    assert err == (f"shelter-app: {path} is empty, not a Barınak database; it was left "
                   "untouched. Check the path given with --db, or create the database there "
                   "with: shelter-app migrate\n")


@pytest.mark.parametrize("verb", [["migrate"], ["demo", "--size", "3"]])
def test_migrate_and_demo_create_a_database_in_an_empty_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verb: list[str]
) -> None:
    path = tmp_path / "new.db"
    path.touch()
    code, _, err = run(capsys, *verb, "--db", str(path))
    assert (code, err) == (0, "")
    db = open_database(str(path), create=False)
    try:
        assert current_revision(db) == HEAD_REVISION
    finally:
        db.dispose()


def test_the_gui_first_start_still_creates_the_default_database() -> None:
    """run_gui opens its target with open_database's defaults: a new machine gets a database."""
    target = paths().default_db
    assert not target.parent.exists()
    db = open_database(str(target))
    try:
        assert current_revision(db) == HEAD_REVISION
    finally:
        db.dispose()


@pytest.mark.parametrize("argv", [["list", "dwellings"], ["check"], ["person", "due"],
                                  ["print", "boq", "XXX-D-999999-B1", "--out", "x.pdf"]])
def test_a_verb_disposes_of_the_database_it_opened(
    demo_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    argv: list[str]
) -> None:
    """A server's pooled connections are closed when the verb ends, failed or not, instead of
    being left to the garbage collector."""
    disposed: list[str] = []
    dispose = Database.dispose

    def recording(self: Database) -> None:
        disposed.append(self.display_name)
        dispose(self)

    monkeypatch.setattr(Database, "dispose", recording)
    main([*argv, "--db", target(demo_db)])
    capsys.readouterr()
    assert disposed == [demo_db.display_name]


# -- database servers --------------------------------------------------------------------------

def test_a_missing_driver_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "dwellings", "--db",
                         "postgresql+psycopg2://shelter:s3cret@127.0.0.1/shelter")
    assert (code, out) == (2, "")
    assert err == ("shelter-app: The database driver for postgresql+psycopg2 is not installed "
                   "(No module named 'psycopg2'); use "
                   "postgresql+psycopg://USER:PASSWORD@HOST/NAME.\n")


def test_an_unreachable_server_is_one_line_without_the_password(
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", "--db",
                         "postgresql+psycopg://shelter:s3cret@127.0.0.1:1/shelter")
    assert (code, out) == (2, "")
    assert err.startswith("shelter-app: Cannot reach the database server of "
                          "postgresql+psycopg://shelter:***@127.0.0.1:1/shelter (")
    assert err.endswith("; check the host and port, and that the server runs.\n")
    assert err.count("\n") == 1 and "s3cret" not in err


# what libpq says (PostgreSQL 15) when the server answers but does not let us in
SERVER_SAYS = {
    "password": 'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
                'FATAL:  password authentication failed for user "shelter"',
    "database": 'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
                'FATAL:  database "shelter_x" does not exist',
    "other": 'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
             'FATAL:  sorry, too many clients already',
}
EXPECTED = {
    "password": "The database server refused the user name or password of "
                "postgresql+psycopg://shelter:***@127.0.0.1/shelter_x; check them.",
    "database": "The database server of postgresql+psycopg://shelter:***@127.0.0.1/shelter_x "
                "has no database named shelter_x; check the name, or create it (createdb).",
    "other": "Cannot open postgresql+psycopg://shelter:***@127.0.0.1/shelter_x: connection to "
             'server at "127.0.0.1", port 5432 failed: FATAL: sorry, too many clients already.',
}


@pytest.mark.parametrize("case", list(SERVER_SAYS))
def test_a_server_that_refuses_is_one_line_naming_why(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise psycopg.OperationalError(SERVER_SAYS[case])

    monkeypatch.setattr(psycopg, "connect", refuse)
    code, out, err = run(capsys, "list", "dwellings", "--db",
                         "postgresql+psycopg://shelter:s3cret@127.0.0.1/shelter_x")
    assert (code, out) == (2, "")
    assert err == f"shelter-app: {EXPECTED[case]}\n"


@pytest.mark.skipif(server_url() is None, reason="needs a server: SHELTER_APP_TEST_DB")
def test_a_real_server_refuses_a_wrong_password_and_a_missing_database(
    capsys: pytest.CaptureFixture[str]
) -> None:
    url = server_url()
    wrong = url.set(password=f"not-{url.password}")
    code, out, err = run(capsys, "list", "offices", "--db",
                         wrong.render_as_string(hide_password=False))
    assert (code, out) == (2, "")
    assert err == ("shelter-app: The database server refused the user name or password of "
                   f"{wrong.render_as_string(hide_password=True)}; check them.\n")
    missing = url.set(database=f"{url.database}_missing_{os.getpid()}")
    code, out, err = run(capsys, "list", "offices", "--db",
                         missing.render_as_string(hide_password=False))
    assert (code, out) == (2, "")
    assert err == (f"shelter-app: The database server of "
                   f"{missing.render_as_string(hide_password=True)} has no database named "
                   f"{missing.database}; check the name, or create it (createdb).\n")


def test_a_url_that_does_not_parse_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "list", "dwellings", "--db",
                       "postgresql+psycopg://shelter:s3cret@host:port/shelter")
    assert code == 2
    assert err == ("shelter-app: postgresql+psycopg://shelter:***@host:port/shelter is not a "
                   "database URL; write postgresql+psycopg://USER:PASSWORD@HOST/NAME or the "
                   "path of a file.\n")
