"""Unlocking at start reads the key file alone: the database layer is not loaded for it; and
its Argon2 proves the password to the sign-in at start when it is provably the same one."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from encrypted_laptop import PASSWORD, make_laptop
from shelter_app.data import keyring
from shelter_app.data.migrate import open_database
from shelter_app.data.models import User
from shelter_app.services import unlocking
from shelter_app.services.accounts import at_start, auth, passwords

pytestmark = pytest.mark.sqlite_only("the encrypted SQLite file itself")

# The unlock dialog's module and the unlocking as the start does them, in a fresh process.
_UNLOCK = """
import sys
import shelter_app.ui.auth.encryption
from shelter_app.services import unlocking
assert unlocking.unlock(sys.argv[1], "ayse.admin", sys.argv[2]) == bytes.fromhex(sys.argv[3])
print(sorted(m for m in sys.modules if m.split(".")[0] == "sqlalchemy"
             or m.startswith(("shelter_app.data.models", "shelter_app.services.encryption"))))
"""


def test_unlocking_loads_neither_sqlalchemy_nor_the_models(tmp_path) -> None:
    """About a second of CPU: loaded after the first rows, not before the password check."""
    path, key, _admin, _tckn = make_laptop(tmp_path / "shelter.db")
    out = subprocess.run([sys.executable, "-c", _UNLOCK, str(path), PASSWORD, key.hex()],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    assert out.strip() == "[]"


# One Argon2 per start: the unlocking's proves the password to the sign-in at start, and only
# when it is provably the same computation; otherwise the password is checked as always.

@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, bytes]:
    path, key, _admin, _tckn = make_laptop(tmp_path / "shelter.db")
    return path, key


@pytest.fixture
def argon2s(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The passwords checked with an Argon2 of their own (passwords.matches)."""
    checked: list[str] = []
    real = passwords._verifier

    class Counting:
        def verify(self, stored: str, typed: str) -> bool:
            checked.append(typed)
            return real.verify(stored, typed)

    monkeypatch.setattr(passwords, "_verifier", Counting())
    return checked


def _admin(path: Path, key: bytes) -> User:
    db = open_database(str(path), key=key)
    try:
        with db.read() as session:
            return session.scalars(select(User).where(User.username == "ayse.admin")).one()
    finally:
        db.dispose()


def _set_hash(path: Path, key: bytes, password_hash: str) -> None:
    db = open_database(str(path), key=key)
    try:
        with db.write() as session:
            session.execute(update(User).where(User.username == "ayse.admin").values(
                password_hash=password_hash))
    finally:
        db.dispose()


def test_the_unlockings_argon2_proves_the_password_at_start(laptop, argon2s) -> None:
    path, key = laptop
    unlocked, proof = unlocking.unlock_proving(str(path), "ayse.admin", PASSWORD)
    assert unlocked == key and proof is not None
    assert proof.password_hash == _admin(path, key).password_hash
    assert PASSWORD not in repr(proof) and proof.password_hash not in repr(proof)
    checked = at_start.check(path, key, "ayse.admin", PASSWORD, 20, proof)
    assert checked is not None and checked.right and len(checked.rows) == 1
    assert argon2s == []  # the unlocking's was the only one


def test_a_wrong_password_beside_a_proof_is_checked_refused_and_counted(laptop, argon2s
                                                                       ) -> None:
    path, key = laptop
    _key, proof = unlocking.unlock_proving(str(path), "ayse.admin", PASSWORD)
    checked = at_start.check(path, key, "ayse.admin", "not-the-password", 20, proof)
    assert checked is not None and not checked.right and checked.rows == []
    assert argon2s == ["not-the-password"]
    db = open_database(str(path), key=key)
    with pytest.raises(auth.SignInError):
        auth.sign_in(db, "ayse.admin", "not-the-password",
                     checked=(checked.password_hash, checked.right))
    db.dispose()
    assert _admin(path, key).failed_logins == 1


@pytest.mark.parametrize(("now", "hasher"), [
    ("kavun-sergi-42-tezgah", PasswordHasher()),  # changed since: another salt
    (PASSWORD, PasswordHasher(time_cost=4)),  # the same password hashed again: other costs
    (PASSWORD, PasswordHasher(memory_cost=32768, parallelism=2)),
])
def test_a_stored_hash_other_than_the_unlockings_is_checked_as_always(
        laptop, argon2s, now: str, hasher: PasswordHasher) -> None:
    """The unlocking's proof (the key file's costs and salt) is of a hash no longer stored."""
    path, key = laptop
    _key, proof = unlocking.unlock_proving(str(path), "ayse.admin", PASSWORD)
    _set_hash(path, key, hasher.hash(now))
    checked = at_start.check(path, key, "ayse.admin", PASSWORD, 20, proof)
    assert checked is not None and checked.right is (now == PASSWORD)
    assert argon2s == [PASSWORD]
    if now != PASSWORD:  # the old password: refused and counted by the service
        db = open_database(str(path), key=key)
        with pytest.raises(auth.SignInError):
            auth.sign_in(db, "ayse.admin", PASSWORD,
                         checked=(checked.password_hash, checked.right))
        db.dispose()
        assert _admin(path, key).failed_logins == 1


def _version_16(encoded: str) -> str:
    return encoded.replace("$v=19$", "$v=16$")


def _salt_padded(encoded: str) -> str:  # the same salt to a lenient decoder, not to argon2
    parts = encoded.split("$")
    parts[4] += "=="
    return "$".join(parts)


@pytest.mark.parametrize("edit", [_version_16, _salt_padded])
def test_a_key_file_record_in_another_form_proves_nothing(laptop, argon2s, edit) -> None:
    """Still unlocked (the record's costs and salt as read), but its hash is not argon2-cffi's
    text of what was computed: no proof, the password is checked."""
    path, key = laptop
    keys = keyring.keyring_path(path)
    data = json.loads(keys.read_text(encoding="utf-8"))
    for entry in data["users"].values():
        entry["hash"] = edit(entry["hash"])
    keys.write_text(json.dumps(data), encoding="utf-8")
    assert unlocking.unlock_proving(str(path), "ayse.admin", PASSWORD) == (key, None)
    checked = at_start.check(path, key, "ayse.admin", PASSWORD, 20, None)
    assert checked is not None and checked.right and argon2s == [PASSWORD]
