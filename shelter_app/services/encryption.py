"""A laptop's data encrypted at rest: which database needs unlocking, unlocking it with a user's
password or the recovery key, and the recovery key an administrator keeps.

The key handling itself is data.keyring (the file beside the database) and data.key_holders
(every active user's copy kept in step with the users table). The sync server's PostgreSQL
database is not encrypted by the app: protect it with the server's own disk encryption.
"""

from pathlib import Path

from shelter_app.data import keyring
from shelter_app.data.engine import Database, target_url
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require

WrongSecret = keyring.WrongSecret


def _file(target: str) -> Path | None:
    url = target_url(target)
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def is_locked(target: str) -> bool:
    """True for an encrypted SQLite file: it opens only with a key (unlock, unlock_recovery)."""
    path = _file(target)
    return path is not None and keyring.is_encrypted(path)


def key_for_new(target: str) -> bytes | None:
    """A fresh key when `target` is a SQLite file still to be created: a new laptop's database
    is encrypted from its first byte. None for an existing file or a server database."""
    path = _file(target)
    if path is None or (path.exists() and path.stat().st_size > 0):
        return None
    return keyring.new_key()


def unlock(target: str, username: str, password: str) -> bytes:
    """The key of the encrypted database `target`, unwrapped with this user's password."""
    path = _file(target)
    if path is None:
        raise UserError(translate("database", "Only a database file on this computer is "
                                              "unlocked with a password."))
    return keyring.unlock_with_password(path, username, password)


def unlock_recovery(target: str, recovery: str) -> bytes:
    """The key of `target`, unwrapped with the recovery key (when every password is lost)."""
    path = _file(target)
    if path is None:
        raise UserError(translate("database", "Only a database file on this computer is "
                                              "unlocked with a recovery key."))
    return keyring.unlock_with_recovery(path, recovery)


def needs_recovery_key(db: Database) -> bool:
    """An encrypted database whose recovery key was never shown to an administrator."""
    return db.key is not None and db.path is not None and not keyring.has_recovery(db.path)


def new_recovery_key(db: Database, actor: Actor) -> str:
    """A new recovery key, returned once to show the administrator; the old one stops
    working."""
    require(actor, Action.MANAGE_USERS)
    if db.key is None or db.path is None:
        raise UserError(translate("database", "This database is not encrypted; it has no "
                                              "recovery key."))
    return keyring.new_recovery(db.path, db.key)
