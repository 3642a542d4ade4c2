"""A laptop's database encrypted at rest: nothing personal readable in its files, unlocked by
any active user's password or the recovery key, refused clearly with anything else."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import run
from encrypted_laptop import HEAD, IBAN, PASSWORD, make_laptop
from sqlalchemy import select, text

from shelter_app.data import keyring
from shelter_app.data.engine import CIPHER_CACHE_KIB
from shelter_app.data.migrate import (
    DatabaseLocked,
    DatabaseOpenError,
    backup_before_upgrade,
    open_database,
)
from shelter_app.data.models import Landlord
from shelter_app.domain.stages import Role
from shelter_app.data import database_file
from shelter_app.services import encryption, unlocking
from shelter_app.services.accounts import auth, users

pytestmark = pytest.mark.sqlite_only("the encrypted SQLite file itself")


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, bytes, auth.Actor, str]:
    return make_laptop(tmp_path / "shelter.db")


def _secrets(tckn: str) -> list[bytes]:
    return [tckn.encode(), IBAN.encode(), HEAD.encode(), HEAD.encode("utf-16-le")]


def _plain_anywhere(folder: Path, tckn: str) -> list[str]:
    found = []
    for file in folder.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            found += [f"{file.name}: {secret!r}" for secret in _secrets(tckn) if secret in data]
    return found


def test_no_personal_data_in_the_files_while_open_and_after(laptop) -> None:
    path, key, _admin, tckn = laptop
    assert path.read_bytes()[:16] != keyring.SQLITE_HEADER
    db = open_database(str(path), key=key)
    with db.engine.connect() as held:  # a reader keeps the WAL from being checkpointed away
        held.execute(text("SELECT count(*) FROM households")).scalar()
        with db.write() as session:
            assert session.execute(text("UPDATE households SET nationality = 'Suriye'")
                                   ).rowcount == 1
            # a sort bigger than the cache would spill to a temporary file: temp_store=MEMORY
            assert session.execute(text("PRAGMA temp_store")).scalar() == 2
        assert path.with_name("shelter.db-wal").stat().st_size > 0
        assert _plain_anywhere(path.parent, tckn) == []
    db.dispose()
    assert _plain_anywhere(path.parent, tckn) == []
    with open_database(str(path), key=key).read() as session:  # and it is all there
        assert session.scalar(select(Landlord.iban)) == IBAN


def test_an_encrypted_files_connections_keep_a_larger_page_cache(laptop, tmp_path) -> None:
    path, key, _admin, _tckn = laptop
    encrypted, plain = open_database(str(path), key=key), open_database(str(tmp_path / "p.db"))
    with encrypted.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -CIPHER_CACHE_KIB
    with plain.engine.connect() as conn:  # SQLite's own: its reads need no decrypting
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() != -CIPHER_CACHE_KIB
    encrypted.dispose()
    plain.dispose()


def test_locked_without_key_wrong_password_and_wrong_key_are_clear(laptop) -> None:
    path, key, _admin, _tckn = laptop
    assert database_file.is_locked(str(path))
    with pytest.raises(DatabaseLocked, match="encrypted"):
        open_database(str(path))
    with pytest.raises(encryption.WrongSecret, match="Wrong user name or password"):
        unlocking.unlock(str(path), "ayse.admin", PASSWORD[:-1])
    with pytest.raises(encryption.WrongSecret, match="Wrong user name or password"):
        unlocking.unlock(str(path), "nobody", PASSWORD)
    with pytest.raises(DatabaseOpenError, match="The key does not open"):
        open_database(str(path), key=keyring.new_key())
    before = path.read_bytes()
    assert unlocking.unlock(str(path), " Ayse.Admin ".lower(), PASSWORD) == key
    assert path.read_bytes() == before  # nothing written by a refusal


def test_password_with_quotes_semicolon_and_arabic_unlocks_and_signs_in(laptop) -> None:
    path, _key, _admin, _tckn = laptop
    key = unlocking.unlock(str(path), "ayse.admin", PASSWORD)
    db = open_database(str(path), key=key)
    actor, must_change = auth.sign_in(db, "ayse.admin", PASSWORD)
    assert actor.role is Role.ADMIN and not must_change
    with db.read() as session:  # the users table survived the "DROP TABLE" in the password
        assert session.execute(text("SELECT count(*) FROM users")).scalar() == 1
    db.dispose()


def test_recovery_key_shown_once_to_an_administrator(laptop) -> None:
    path, key, admin, _tckn = laptop
    db = open_database(str(path), key=key)
    assert encryption.needs_recovery_key(db)
    recovery = encryption.new_recovery_key(db, admin)
    assert not encryption.needs_recovery_key(db)
    assert recovery.encode() not in keyring.keyring_path(path).read_bytes()
    engineer = auth.create_user(db, admin, username="mehmet.oz", full_name="Mehmet Öz",
                                role=Role.ENGINEER, office_code="GAZ", password="kavun-sergi-42")
    with pytest.raises(auth.PermissionDenied):
        encryption.new_recovery_key(db, engineer)
    db.dispose()
    assert unlocking.unlock_recovery(str(path), recovery.lower().replace("-", " ")) == key
    with pytest.raises(encryption.WrongSecret, match="recovery key does not open"):
        unlocking.unlock_recovery(str(path), "AAAA-" + recovery[5:])


def test_every_active_users_password_unlocks_and_follows_changes(laptop) -> None:
    path, key, admin, _tckn = laptop
    db = open_database(str(path), key=key)
    auth.create_user(db, admin, username="mehmet.oz", full_name="Mehmet Öz",
                     role=Role.ENGINEER, office_code="GAZ", password="kavun-sergi-42")
    assert unlocking.unlock(str(path), "mehmet.oz", "kavun-sergi-42") == key
    users.reset_password(db, admin, "mehmet.oz", "karpuz-tezgah-7")
    assert unlocking.unlock(str(path), "mehmet.oz", "karpuz-tezgah-7") == key
    with pytest.raises(encryption.WrongSecret):
        unlocking.unlock(str(path), "mehmet.oz", "kavun-sergi-42")
    mehmet, _ = auth.sign_in(db, "mehmet.oz", "karpuz-tezgah-7")
    auth.change_password(db, mehmet, "karpuz-tezgah-7", "incir-reçeli-19", "incir-reçeli-19")
    assert unlocking.unlock(str(path), "mehmet.oz", "incir-reçeli-19") == key
    users.deactivate_user(db, admin, "mehmet.oz")
    with pytest.raises(encryption.WrongSecret):
        unlocking.unlock(str(path), "mehmet.oz", "incir-reçeli-19")
    db.dispose()


def test_backup_before_an_upgrade_is_encrypted_too(laptop) -> None:
    path, key, _admin, tckn = laptop
    copy = backup_before_upgrade(path, key)
    assert copy.read_bytes()[:16] != keyring.SQLITE_HEADER
    assert not any(secret in copy.read_bytes() for secret in _secrets(tckn))


def test_command_line_unlocks_with_the_recovery_key(laptop, capsys, monkeypatch) -> None:
    path, key, admin, _tckn = laptop
    db = open_database(str(path), key=key)
    recovery = encryption.new_recovery_key(db, admin)
    db.dispose()
    code, _out, err = run(capsys, "--db", str(path), "list", "users")
    assert code == 2 and "SHELTER_APP_RECOVERY_KEY" in err
    monkeypatch.setenv("SHELTER_APP_RECOVERY_KEY", recovery)
    code, out, _err = run(capsys, "--db", str(path), "list", "users")
    assert code == 0 and "ayse.admin" in out
    monkeypatch.setenv("SHELTER_APP_RECOVERY_KEY", "AAAA-" + recovery[5:])
    code, _out, err = run(capsys, "--db", str(path), "list", "users")
    assert code == 2 and "recovery key does not open" in err


def _plain_laptop(path: Path) -> str:
    """A database from before encryption, with the administrator and one case."""
    return make_laptop(path, encrypted=False)[3]


def test_conversion_backs_up_then_encrypts_everything(tmp_path: Path) -> None:
    path = tmp_path / "shelter.db"
    tckn = _plain_laptop(path)
    assert database_file.needs_conversion(str(path))
    steps: list[int] = []
    key = encryption.convert(str(path), lambda done, total: steps.append(done))
    assert steps == [0, 1, 2, 3, 4] and not database_file.needs_conversion(str(path))
    assert unlocking.unlock(str(path), "ayse.admin", PASSWORD) == key
    assert _plain_anywhere(tmp_path, tckn) == []  # the plain snapshot went, an encrypted came
    snapshots = list((tmp_path / "shelter-backups").glob("*.db"))
    assert len(snapshots) == 1 and snapshots[0].read_bytes()[:16] != keyring.SQLITE_HEADER
    db = open_database(str(path), key=key)
    with db.read() as session:
        assert session.scalar(select(Landlord.iban)) == IBAN
    db.dispose()


_KILL = """
import os, sys
from shelter_app.data import keyring
from shelter_app.services import encryption
where = sys.argv[2]
if where == "copy":  # while the encrypted copy is being checked
    encryption.quick_check = lambda *args: os._exit(9)
else:  # the last moment before the rename
    encryption.os.replace = lambda *args: os._exit(9)
encryption.convert(sys.argv[1])
"""


@pytest.mark.parametrize("where", ["copy", "rename"])
def test_conversion_killed_midway_leaves_a_usable_original(tmp_path: Path, where: str) -> None:
    path = tmp_path / "shelter.db"
    _plain_laptop(path)
    before = open_database(str(path))
    with before.read() as session:
        counts = session.execute(text("SELECT count(*) FROM households")).scalar()
    before.dispose()
    child = subprocess.run([sys.executable, "-c", _KILL, str(path), where],
                           env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 9, child.stderr
    assert path.read_bytes()[:16] == keyring.SQLITE_HEADER  # the original, plain and whole
    assert database_file.needs_conversion(str(path)) and not database_file.is_locked(str(path))
    db = open_database(str(path))
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM households")).scalar() == counts
    assert auth.sign_in(db, "ayse.admin", PASSWORD)[0].username == "ayse.admin"
    db.dispose()
    key = encryption.convert(str(path))  # the next start converts it after all
    assert unlocking.unlock(str(path), "ayse.admin", PASSWORD) == key
    assert not path.with_name("shelter.db.encrypting").exists()


def test_command_line_encrypts_a_plain_database_once(tmp_path: Path, capsys, monkeypatch) -> None:
    path = tmp_path / "shelter.db"
    _plain_laptop(path)
    code, out, _err = run(capsys, "--db", str(path), "encrypt")
    recovery = out.splitlines()[-1]
    assert code == 0 and database_file.is_locked(str(path))
    monkeypatch.setenv("SHELTER_APP_RECOVERY_KEY", recovery)
    code, out, _err = run(capsys, "--db", str(path), "list", "users")
    assert code == 0 and "ayse.admin" in out
    code, _out, err = run(capsys, "--db", str(path), "encrypt")
    assert code == 2 and "not a database file from before encryption" in err
