"""The laptop's database key and the ways to unlock it, kept in a small file beside the database.

A SQLite database on a laptop is encrypted (SQLCipher) with one random 256-bit key, also used
(through keys derived from it) for the stored photos, scans and backups. The key itself is never
written in plain: the keyring file (`shelter.db.keys`, JSON) holds it wrapped (AES-256-GCM) once
per active user and once by the recovery key.

A user's wrapping key is derived from their password by Argon2id with the salt and costs of the
password hash the database stores for them (the raw hash, then BLAKE2b with a purpose label).
So the wrapped copy for every user, synced ones and reset passwords included, can be written by
whoever has the database open, from the hashes alone, without knowing any password; opening it
again needs the password (or the hash, which is inside the encrypted database, and on the sync
server, which holds all the laptop's records anyway). The recovery key is 160 random bits shown
once to an administrator; it unwraps its own copy.

Users' copies are filed under a keyed hash of the user name (BLAKE2b with a random key kept in
the file), not the name: the file does not list the staff. Whoever has the file can still test
a guessed name against it, as a sign-in does.

The Argon2 and AES-GCM code is imported where a key is wrapped or unwrapped: before the main
window shows, the start asks this module only whether a file is encrypted (data.database_file),
and a plain database never needs that code.
"""

import base64
import binascii
import hashlib
import json
import os
import secrets
from pathlib import Path

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

KEY_BYTES = 32
RECOVERY_BYTES = 20  # 32 base32 letters and digits: eight groups of four to type
SQLITE_HEADER = b"SQLite format 3\x00"
FORMAT = 2  # 1: users' copies filed under their plain names
_NONCE_BYTES = 12


class WrongSecret(UserError):
    """The password, user name or recovery key does not unlock this laptop's database."""


def keyring_path(database: Path) -> Path:
    return database.with_name(database.name + ".keys")


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def is_encrypted(database: Path) -> bool:
    """A non-empty file that is not plain SQLite, with a keyring beside it: ours, encrypted."""
    if not database.is_file() or database.stat().st_size == 0:
        return False
    with database.open("rb") as handle:
        plain = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    return not plain and keyring_path(database).is_file()


def sqlcipher_key(key: bytes) -> str:
    """The key as SQLCipher takes a raw key (no key derivation of its own at each connection):
    hex digits only, so nothing in it can break the PRAGMA it is put into."""
    return f"x'{key.hex()}'"


def _label(name: str) -> bytes:
    return f"barinak-db-key:{name}".encode()


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return hashlib.blake2b(secret, digest_size=KEY_BYTES, person=purpose[:16].ljust(16, b"\0")).digest()


def _wrap(kek: bytes, key: bytes, name: str) -> dict[str, str]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(_NONCE_BYTES)
    sealed = AESGCM(kek).encrypt(nonce, key, _label(name))
    return {"nonce": base64.b64encode(nonce).decode(), "sealed": base64.b64encode(sealed).decode()}


def _unwrap(kek: bytes, entry: dict[str, str], name: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(kek).decrypt(base64.b64decode(entry["nonce"]),
                                   base64.b64decode(entry["sealed"]), _label(name))
    except (InvalidTag, KeyError, ValueError, binascii.Error):
        raise WrongSecret(translate("auth", "Wrong user name or password.")) from None


def _b64_argon(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _parse_hash(encoded: str) -> tuple[dict[str, int], bytes, bytes] | None:
    """The costs, salt and raw hash of an argon2id hash string; None for any other."""
    parts = encoded.split("$")
    if len(parts) != 6 or parts[1] != "argon2id":
        return None
    try:
        costs = dict(item.split("=") for item in parts[3].split(","))
        params = {"m": int(costs["m"]), "t": int(costs["t"]), "p": int(costs["p"])}
        return params, _b64_argon(parts[4]), _b64_argon(parts[5])
    except (KeyError, ValueError, binascii.Error):
        return None


def _password_kek(raw_hash: bytes) -> bytes:
    return _derive(raw_hash, b"barinak-password")


def _recovery_kek(recovery: bytes) -> bytes:
    return _derive(recovery, b"barinak-recovery")


def _read(database: Path) -> dict:
    try:
        data = json.loads(keyring_path(database).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UserError(translate(
            "database", "The key file {path} is missing or damaged: the database cannot be "
                        "unlocked without it. Restore it from a backup.").format(
            path=keyring_path(database))) from None
    return data if isinstance(data, dict) else {}


def _write(database: Path, data: dict) -> None:
    path = keyring_path(database)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def create(database: Path) -> None:
    """The keyring of a new encrypted database: no way in yet until users or a recovery key
    are added."""
    _write(database, {"format": FORMAT, "users": {}, "recovery": None,
                      "names": secrets.token_hex(16)})


def _slot(data: dict, username: str) -> str:
    """Where a user's copy is filed: a keyed hash of their name (format 1: the name itself)."""
    name = username.strip().lower()
    if data.get("format", 1) < 2 or not isinstance(data.get("names"), str):
        return name
    return hashlib.blake2b(name.encode(), digest_size=16,
                           key=bytes.fromhex(data["names"])).hexdigest()


def names_hidden(database: Path) -> bool:
    """False for a key file from before user names were hidden: set_users rewrites it."""
    return _read(database).get("format", 1) >= 2


def unlock_with_password(database: Path, username: str, password: str
                         ) -> tuple[bytes, str | None]:
    """The database key, unwrapped with `username`'s password (Argon2id, the costs and salt of
    their stored hash); WrongSecret for an unknown user or a wrong password, alike. With it,
    the password hash this Argon2 recomputed (see _recomputed_hash): while the password has
    not changed since the key file was written, the hash the database stores for them."""
    from argon2.low_level import Type, hash_secret_raw

    data = _read(database)
    entry = data.get("users", {}).get(_slot(data, username))
    parsed = _parse_hash(entry.get("hash", "")) if isinstance(entry, dict) else None
    if parsed is None:
        # as long as a real unwrap, so timing does not tell which user names have a key
        hash_secret_raw(password.encode(), b"\0" * 16, time_cost=3, memory_cost=65536,
                        parallelism=4, hash_len=32, type=Type.ID)
        raise WrongSecret(translate("auth", "Wrong user name or password."))
    params, salt, _stored = parsed
    raw = hash_secret_raw(password.encode(), salt, time_cost=params["t"],
                          memory_cost=params["m"], parallelism=params["p"],
                          hash_len=len(_stored), type=Type.ID)
    return _unwrap(_password_kek(raw), entry, "user"), _recomputed_hash(entry["hash"], raw)


def _recomputed_hash(recorded: str, raw: bytes) -> str | None:
    """The password hash, as argon2-cffi writes it, of the costs and salt `recorded` in the key
    file and the raw hash `raw` just computed with them; None unless the record is in exactly
    that form (Argon2id, the version hash_secret_raw computes, no other field), so that a
    stored hash equal to it, character for character, is one a check would compute the same
    from this password: the password is then proven without a second Argon2 (the sign-in at
    start, services/accounts/passwords.matches)."""
    from argon2.low_level import ARGON2_VERSION

    parsed = _parse_hash(recorded)
    if parsed is None:
        return None
    params, salt, _marker = parsed
    prefix = (f"$argon2id$v={ARGON2_VERSION}$m={params['m']},t={params['t']},p={params['p']}"
              f"${_b64_plain(salt)}")
    return f"{prefix}${_b64_plain(raw)}" if recorded.rsplit("$", 1)[0] == prefix else None


def _b64_plain(data: bytes) -> str:
    """Base64 without padding, as argon2 writes its salt and hash."""
    return base64.b64encode(data).decode().rstrip("=")


def unlock_with_recovery(database: Path, recovery: str) -> bytes:
    entry = _read(database).get("recovery")
    secret = parse_recovery(recovery)
    if not isinstance(entry, dict) or secret is None:
        raise WrongSecret(translate("database", "This recovery key does not open the database; "
                                                "check it letter by letter."))
    try:
        return _unwrap(_recovery_kek(secret), entry, "recovery")
    except WrongSecret:
        raise WrongSecret(translate("database", "This recovery key does not open the database; "
                                                "check it letter by letter.")) from None


def set_users(database: Path, key: bytes, hashes: dict[str, str]) -> None:
    """Wrap `key` for each user name of `hashes` (their argon2id password hash); users not
    named lose their copy. The hash part itself is not stored, only its costs and salt."""
    data = _read(database)
    if data.get("format", 1) < 2 or not isinstance(data.get("names"), str):
        data.update(format=FORMAT, names=secrets.token_hex(16))
    users: dict[str, dict[str, str]] = {}
    for username, encoded in sorted(hashes.items()):
        parsed = _parse_hash(encoded or "")
        if parsed is None:
            continue
        entry = _wrap(_password_kek(parsed[2]), key, "user")
        entry["hash"] = encoded.rsplit("$", 1)[0] + "$" + _unhash_marker(parsed[2])
        users[_slot(data, username)] = entry
    data["users"] = users
    _write(database, data)


def _unhash_marker(raw: bytes) -> str:
    """A placeholder of the hash's length where the hash was: the length is needed to derive
    the same raw hash again; the hash itself would unwrap the key."""
    return _b64_plain(b"\0" * len(raw))


def new_recovery(database: Path, key: bytes) -> str:
    """A new recovery key (the previous one stops working), returned once for the
    administrator to write down or print."""
    secret = secrets.token_bytes(RECOVERY_BYTES)
    data = _read(database)
    data["recovery"] = _wrap(_recovery_kek(secret), key, "recovery")
    _write(database, data)
    letters = base64.b32encode(secret).decode()
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def has_recovery(database: Path) -> bool:
    return isinstance(_read(database).get("recovery"), dict)


def parse_recovery(text: str) -> bytes | None:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        secret = base64.b32decode(letters.replace("0", "O").replace("1", "I"))
    except (binascii.Error, ValueError):
        return None
    return secret if len(secret) == RECOVERY_BYTES else None


def encrypt_copy(source: Path, dest: Path, key: bytes) -> None:
    """Write `dest`, an encrypted copy of the plain database `source` (SQLCipher's
    sqlcipher_export), without writing to `source` beyond folding its WAL into it."""
    import sqlcipher3

    dest.unlink(missing_ok=True)
    conn = sqlcipher3.connect(source, isolation_level=None)  # no key: reads the plain file
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(dest), sqlcipher_key(key)))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute("DETACH DATABASE encrypted")
    finally:
        conn.close()
    with dest.open("rb") as handle:
        os.fsync(handle.fileno())
