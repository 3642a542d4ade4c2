"""The sign-in at start checked before the database layer has loaded, with the DB-API alone.

Loading SQLAlchemy and the models takes most of a start's CPU, the password check (argon2,
which lets go of the interpreter) a good part of the rest: at start the user's row is read
with the driver, the sign-in rules (domain/sign_in.py) applied to it and the password checked
while the database layer loads, and the list's first page read (services/cases/first_page.py)
once the password is right, so the window shows what the user came for before the ORM is
there. Nothing is written here: the sign-in service then signs in as always, with the check's
answer (auth.sign_in(checked=...)), and writes what it writes.

For a SQLite file at the newest schema (encrypted: with the key its unlocking gave); anything
else (a server, an older schema, a busy or damaged file, an unknown or locked user, a password
to change) answers None and the start goes the ordinary way.
"""

from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from shelter_app.data.database_file import HEAD_REVISION, connect_errors, connect_file, read_only_uri
from shelter_app.domain import clock
from shelter_app.domain import sign_in as rules
from shelter_app.services.accounts.passwords import Proof, matches
from shelter_app.services.cases.dwelling_row import DwellingRow
from shelter_app.services.cases.first_page import first_page

# services.accounts.auth.AT_START compiled for SQLite (a test keeps them equal).
USER_SQL = """\
SELECT users.active, users.password_hash, users.failed_logins, users.locked_until, users.must_change_password
FROM users
WHERE users.username = ? AND users.deleted_at IS NULL"""  # noqa: E501


@dataclass(frozen=True)
class Checked:
    """The stored hash and whether the password matched it; the list's first rows if so."""

    password_hash: str
    right: bool
    rows: list[DwellingRow]


def check(path: Path, key: bytes | None, username: str, password: str, limit: int,
          proof: Proof | None = None) -> Checked | None:
    """The password checked against the row of `username` in `path` (encrypted with `key`, if
    given, and `proof` the hash its unlocking recomputed: passwords.matches), the first
    `limit` rows of the list read if it is right; None when the ordinary way must answer (see
    the module's docstring)."""
    try:
        with closing(connect_file(read_only_uri(path), key, uri=True)) as connection:
            if connection.execute("SELECT version_num FROM alembic_version").fetchone() != (
                    HEAD_REVISION,):
                return None
            row = connection.execute(USER_SQL, (rules.stored_name(username),)).fetchone()
            if row is None:
                return None
            active, password_hash, failed, locked_until, must_change = row
            account = rules.Account(bool(active), password_hash, failed,
                                    _utc(locked_until) if locked_until else None)
            if rules.refusal(account, clock.now()) is not None or must_change:
                return None
            assert password_hash is not None
            right = matches(password_hash, password, proof)  # argon2 lets go of the GIL
            return Checked(password_hash, right, first_page(connection, limit) if right else [])
    except (*connect_errors(key), ValueError):  # damaged, busy, unexpected: the ordinary way
        return None


def _utc(stored: str) -> datetime:
    """A UTCDateTime column's text as SQLAlchemy reads it: aware, in UTC."""
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)
