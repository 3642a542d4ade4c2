"""Unlocking a laptop's encrypted database with a user's password or the recovery key.

The key file alone (data.keyring) is read: no SQLAlchemy and no models, so the start unlocks
the database and checks the sign-in (services/accounts/at_start.py) before the database layer
has loaded. Encrypting, the recovery key's making, sealing and wiping are services.encryption.
"""

from shelter_app.data import keyring
from shelter_app.data.database_file import path_of
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate


def unlock(target: str, username: str, password: str) -> bytes:
    """The key of the encrypted database `target`, unwrapped with this user's password."""
    path = path_of(target)
    if path is None:
        raise UserError(translate("database", "Only a database file on this computer is "
                                              "unlocked with a password."))
    return keyring.unlock_with_password(path, username, password)


def unlock_recovery(target: str, recovery: str) -> bytes:
    """The key of `target`, unwrapped with the recovery key (when every password is lost)."""
    path = path_of(target)
    if path is None:
        raise UserError(translate("database", "Only a database file on this computer is "
                                              "unlocked with a recovery key."))
    return keyring.unlock_with_recovery(path, recovery)
