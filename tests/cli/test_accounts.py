"""`shelter-app office …` and `shelter-app user …`: a programme set up from an empty database
by the command line alone, then an engineer registering a case; every bad input one line on
stderr, exit 2, nothing written."""

import io
import json

import pytest
from argon2 import PasswordHasher
from cli_runner import run
from server_dbs import target
from sqlalchemy import func, select

import case_inputs
from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, Office, Setting, User
from shelter_app.domain.stages import Role, Stage
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import change_password, sign_in
from shelter_app.services.cases.records import register_case

ADMIN_PASSWORD = "kiraz-ağacı-7"
TEMPORARY = "battery-staple-2"


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                        parallelism=1))


class Terminal(io.StringIO):
    """Standard input that is a terminal (getpass is replaced, so nothing is read from it)."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def typed(monkeypatch: pytest.MonkeyPatch):
    """`typed("a", "b")`: what the user types at the next getpass prompts, in order; the
    prompts shown are collected in the list returned."""
    prompts: list[str] = []

    def answers(*texts: str) -> list[str]:
        queue = list(texts)
        monkeypatch.setattr("sys.stdin", Terminal())
        monkeypatch.setattr("getpass.getpass", lambda prompt="": (prompts.append(prompt),
                                                                  queue.pop(0))[1])
        return prompts

    return answers


def cli(capsys, db: Database, *argv: str, stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return run(capsys, *argv, "--db", target(db))


def ok(capsys, db: Database, *argv: str, **options) -> str:
    code, out, err = cli(capsys, db, *argv, **options)
    assert (code, err) == (0, ""), (code, err)
    return out


def refused(capsys, db: Database, *argv: str, **options) -> str:
    """The one line of a refusal, after checking that nothing was written."""
    before = written(db)
    code, out, err = cli(capsys, db, *argv, **options)
    assert code == 2, (code, out, err)
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert written(db) == before
    return lines[0]


def written(db: Database) -> tuple[int, int, int, int]:
    with db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Office, User, Setting, AuditEvent))


# --- the whole set-up --------------------------------------------------------------------------


def test_a_programme_from_an_empty_database_by_the_command_line_alone(
        capsys, db: Database, monkeypatch: pytest.MonkeyPatch, typed) -> None:
    assert written(db) == (0, 0, 0, 0)
    assert ok(capsys, db, "office", "add", "gaz", "--name", "Gaziantep Saha Ofisi",
              "--province", "Gaziantep") == "Added office GAZ: Gaziantep Saha Ofisi, Gaziantep.\n"
    ok(capsys, db, "office", "add", "SUR", "--name", "Şanlıurfa Saha Ofisi",
       "--province", "sanliurfa")

    prompts = typed(ADMIN_PASSWORD, ADMIN_PASSWORD)
    out = ok(capsys, db, "user", "add", "Ayse.Admin", "--name", "Ayşe Yönetici", "--role",
             "admin")
    assert "the first administrator" in out
    assert prompts == ["Password for ayse.admin: ", "The same password again: "]

    ok(capsys, db, "user", "add", "engineer.gaz", "--name", "Mehmet Öztürk", "--role",
       "engineer", "--office", "GAZ", "--password-stdin", stdin=TEMPORARY + "\n",
       monkeypatch=monkeypatch)
    typed(TEMPORARY, TEMPORARY)
    out = ok(capsys, db, "user", "add", "supervisor.gaz", "--name", "Zeynep Kılıç", "--role",
             "supervisor", "--office", "gaz")
    assert out == ("Added supervisor.gaz (supervisor, GAZ); they choose their own password "
                   "at the first sign-in.\n")

    users = json.loads(ok(capsys, db, "user", "list", "--format", "json"))
    assert [(u["username"], u["role"], u["office"], u["must_change_password"]) for u in users] \
        == [("ayse.admin", "admin", None, False), ("engineer.gaz", "engineer", "GAZ", True),
            ("supervisor.gaz", "supervisor", "GAZ", True)]
    offices = json.loads(ok(capsys, db, "office", "list", "--format", "json"))
    assert offices == [
        {"code": "GAZ", "name": "Gaziantep Saha Ofisi", "province": "Gaziantep", "closed": False},
        {"code": "SUR", "name": "Şanlıurfa Saha Ofisi", "province": "Şanlıurfa", "closed": False}]

    admin, must_change = sign_in(db, "ayse.admin", ADMIN_PASSWORD)
    assert (admin.role, must_change) == (Role.ADMIN, False)
    engineer, must_change = sign_in(db, "engineer.gaz", TEMPORARY)
    assert (engineer.role, must_change) == (Role.ENGINEER, True)
    change_password(db, engineer, TEMPORARY, "zeytin dalı 2026", "zeytin dalı 2026")
    engineer, must_change = sign_in(db, "engineer.gaz", "zeytin dalı 2026")
    assert must_change is False

    refs = register_case(db, engineer, case_inputs.household(), case_inputs.dwelling(),
                         case_inputs.landlord())
    assert refs.dwelling == "GAZ-D-000001"
    listed = json.loads(ok(capsys, db, "list", "dwellings", "--format", "json"))
    assert [(row["ref"], row["stage"]) for row in listed] == [("GAZ-D-000001",
                                                               Stage.REGISTERED.value)]


# --- offices -----------------------------------------------------------------------------------


def test_rename_close_and_reopen(capsys, db: Database) -> None:
    ok(capsys, db, "office", "add", "KLS", "--name", "Kilis", "--province", "Kilis")
    assert ok(capsys, db, "office", "rename", "kls", "--name", "Kilis Saha Ofisi") == \
        "Office KLS is now called Kilis Saha Ofisi.\n"
    assert "takes no new cases" in ok(capsys, db, "office", "close", "KLS")
    table = ok(capsys, db, "office", "list")
    assert table.splitlines()[1].split() == ["KLS", "Kilis", "Saha", "Ofisi", "Kilis", "yes"]
    assert "is already closed" in refused(capsys, db, "office", "close", "KLS")
    assert ok(capsys, db, "office", "reopen", "KLS") == "Reopened office KLS (Kilis Saha Ofisi).\n"
    assert "No office XYZ exists; the offices are: KLS" in refused(
        capsys, db, "office", "rename", "XYZ", "--name", "Nowhere")


@pytest.mark.parametrize(("argv", "words"), [
    (("GAZ", "--name", "Another", "--province", "Kilis"), "already used by the office"),
    (("KLS", "--name", "Kilis", "--province", "Aleppo"), "not a province of Türkiye"),
    (("GAZI", "--name", "Gazi", "--province", "Gaziantep"), "exactly 3 Latin letters"),
    (("KLS", "--name", "  ", "--province", "Kilis"), "Enter the office's name"),
])
def test_bad_offices_are_refused_in_one_line(capsys, db: Database, argv, words) -> None:
    ok(capsys, db, "office", "add", "GAZ", "--name", "Gaziantep Saha Ofisi", "--province",
       "Gaziantep")
    line = refused(capsys, db, "office", "add", *argv)
    assert line.startswith("shelter-app: ") and words in line


# --- users -------------------------------------------------------------------------------------


@pytest.fixture
def programme(capsys, db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """An office GAZ, the first administrator root and an engineer, made by the CLI."""
    ok(capsys, db, "office", "add", "GAZ", "--name", "Gaziantep", "--province", "Gaziantep")
    ok(capsys, db, "user", "add", "root", "--name", "Root Admin", "--role", "admin",
       "--password-stdin", stdin=ADMIN_PASSWORD + "\n", monkeypatch=monkeypatch)
    ok(capsys, db, "user", "add", "engineer.gaz", "--name", "Mehmet Öztürk", "--role",
       "engineer", "--office", "GAZ", "--password-stdin", stdin=TEMPORARY + "\n",
       monkeypatch=monkeypatch)
    return db


@pytest.mark.parametrize(("argv", "stdin", "words"), [
    (("new.user", "--name", "New", "--role", "engineer"), TEMPORARY, "need an office"),
    (("new.user", "--name", "New", "--role", "engineer", "--office", "XYZ"), TEMPORARY,
     "No office XYZ"),
    (("new.user", "--name", "New", "--role", "engineer", "--office", "GAZ"), "short",
     "at least 10"),
    (("new.user", "--name", "New", "--role", "engineer", "--office", "GAZ"), "new.user2026!",
     "must not contain the user name"),
    (("new.user", "--name", "New", "--role", "engineer", "--office", "GAZ"), "qwertyuiop",
     "most common passwords"),
    (("new user", "--name", "New", "--role", "engineer", "--office", "GAZ"), TEMPORARY,
     "no spaces"),
    (("محمد", "--name", "Muhammed", "--role", "engineer", "--office", "GAZ"), TEMPORARY,
     "no Turkish or Arabic letters"),
    (("engineer.gaz", "--name", "Again", "--role", "engineer", "--office", "GAZ"), TEMPORARY,
     "is taken"),
])
def test_bad_users_are_refused_in_one_line(capsys, programme: Database,
                                           monkeypatch: pytest.MonkeyPatch, argv, stdin,
                                           words) -> None:
    line = refused(capsys, programme, "user", "add", *argv, "--password-stdin",
                   stdin=stdin + "\n", monkeypatch=monkeypatch)
    assert words in line, line


def test_typed_passwords_that_differ_are_refused(capsys, programme: Database, typed) -> None:
    typed(TEMPORARY, TEMPORARY + "x")
    assert "The two passwords differ" in refused(
        capsys, programme, "user", "add", "new.user", "--name", "New", "--role", "supervisor",
        "--office", "GAZ")


def test_without_a_terminal_the_password_must_come_on_stdin(capsys, programme: Database,
                                                            monkeypatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert "--password-stdin" in refused(capsys, programme, "user", "reset-password",
                                         "engineer.gaz")


def test_reset_deactivate_reactivate_unlock_and_set(capsys, programme: Database,
                                                     monkeypatch) -> None:
    db = programme
    assert "must change it at the next sign-in" in ok(
        capsys, db, "user", "reset-password", "engineer.gaz", "--password-stdin",
        stdin="a-fresh-start-1\n", monkeypatch=monkeypatch)
    assert sign_in(db, "engineer.gaz", "a-fresh-start-1")[1] is True
    assert ok(capsys, db, "user", "deactivate", "engineer.gaz") == \
        "engineer.gaz is deactivated and can no longer sign in.\n"
    assert "already deactivated" in refused(capsys, db, "user", "deactivate", "engineer.gaz")
    ok(capsys, db, "user", "reactivate", "engineer.gaz")
    assert ok(capsys, db, "user", "unlock", "engineer.gaz") == "engineer.gaz is unlocked.\n"
    ok(capsys, db, "office", "add", "KLS", "--name", "Kilis", "--province", "Kilis")
    assert ok(capsys, db, "user", "set", "engineer.gaz", "--role", "supervisor", "--office",
              "KLS") == "engineer.gaz: supervisor, office KLS, Mehmet Öztürk.\n"
    assert ok(capsys, db, "user", "set", "engineer.gaz", "--role", "admin", "--no-office",
              "--name", "Mehmet Öz") == "engineer.gaz: administrator, office —, Mehmet Öz.\n"
    assert "Nothing to change" in refused(capsys, db, "user", "set", "engineer.gaz")
    assert "need an office" in refused(capsys, db, "user", "set", "engineer.gaz", "--role",
                                       "engineer")


def test_the_last_administrator_stays(capsys, programme: Database) -> None:
    db = programme
    assert "last active administrator" in refused(capsys, db, "user", "deactivate", "root")
    assert "last active administrator" in refused(capsys, db, "user", "set", "root", "--role",
                                                  "supervisor", "--office", "GAZ")
    assert "No user nobody exists" in refused(capsys, db, "user", "deactivate", "nobody")


def test_a_later_admin_gets_a_temporary_password(capsys, programme: Database,
                                                 monkeypatch) -> None:
    out = ok(capsys, programme, "user", "add", "admin2", "--name", "Second Admin", "--role",
             "admin", "--password-stdin", stdin=TEMPORARY + "\n", monkeypatch=monkeypatch)
    assert "they choose their own password" in out
    assert sign_in(programme, "admin2", TEMPORARY)[1] is True
