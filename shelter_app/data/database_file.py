"""The file a database target names and what state it is in, answered without SQLAlchemy.

The start of the app asks these before anything else (is the file locked, to be converted, or
still to be created?); importing the database layer costs most of a second, so they stay out of
it and the main window shows first. `engine.target_url` reads targets the same way (tested).
"""

import sqlite3
from functools import cache
from pathlib import Path
from typing import Any

from shelter_app.data import keyring

# The newest migration in db/versions; a test keeps it equal to Alembic's head, so start-up
# can skip loading Alembic when the database is already current, and read a current file's
# first rows before SQLAlchemy has loaded (services/accounts/at_start.py).
HEAD_REVISION = "0022"


def path_of(target: str) -> Path | None:
    """The SQLite file `target` names (a path, or a sqlite:/// URL); None for a server or an
    in-memory database."""
    if "://" not in target:
        return Path(target).expanduser().resolve()
    scheme, rest = target.split("://", 1)
    if scheme.split("+", 1)[0] != "sqlite" or not rest.startswith("/"):
        return None
    database = rest[1:].split("?", 1)[0]
    return Path(database) if database and database != ":memory:" else None


def is_locked(target: str) -> bool:
    """True for an encrypted SQLite file: it opens only with a key (encryption.unlock)."""
    path = path_of(target)
    return path is not None and keyring.is_encrypted(path)


def key_for_new(target: str) -> bytes | None:
    """A fresh key when `target` is a SQLite file still to be created: a new laptop's database
    is encrypted from its first byte. None for an existing file or a server database."""
    path = path_of(target)
    if path is None or (path.exists() and path.stat().st_size > 0):
        return None
    return keyring.new_key()


def needs_conversion(target: str) -> bool:
    """A plain SQLite file of ours from before encryption: converted at the next start."""
    path = path_of(target)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return False
    with path.open("rb") as handle:
        return handle.read(len(keyring.SQLITE_HEADER)) == keyring.SQLITE_HEADER


def read_only_uri(path: Path) -> str:
    """A read-only SQLite URI; as_uri() escapes '?', '#' and '%' in the path."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def connect_file(target: Path | str, key: bytes | None, *, uri: bool = False,
                 **options: Any) -> Any:
    """A DB-API connection to a SQLite file: through SQLCipher, keyed, when `key` is given."""
    if key is None:
        return sqlite3.connect(target, uri=uri, **options)
    import sqlcipher3

    quiet_sqlcipher()
    conn = sqlcipher3.connect(target, uri=uri, **options)
    conn.execute(f'PRAGMA key = "{keyring.sqlcipher_key(key)}"')  # hex digits only
    return conn


def connect_errors(key: bytes | None) -> tuple[type[Exception], ...]:
    """What `connect_file`'s connections raise: sqlite3's errors, and SQLCipher's with a key."""
    if key is None:
        return (sqlite3.Error,)
    import sqlcipher3

    return (sqlite3.Error, sqlcipher3.Error)


@cache
def quiet_sqlcipher() -> None:
    """SQLCipher logs a wrong key to stderr; the app reports it in its own words instead."""
    import sqlcipher3

    conn = sqlcipher3.connect(":memory:")
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.close()
