"""Unlocking a laptop's encrypted database with a user's password or the recovery key.

The key file alone (data.keyring) is read: no SQLAlchemy and no models, so the start unlocks
the database and checks the sign-in (services/accounts/at_start.py) before the database layer
has loaded. Encrypting, the recovery key's making, sealing and wiping are services.encryption.
"""

from typing import TYPE_CHECKING

from shelter_app.data import keyring
from shelter_app.data.database_file import path_of
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

if TYPE_CHECKING:
    from shelter_app.services.accounts.passwords import Proof


def unlock(target: str, username: str, password: str) -> bytes:
    """The key of the encrypted database `target`, unwrapped with this user's password."""
    return unlock_proving(target, username, password)[0]


def unlock_proving(target: str, username: str, password: str
                   ) -> "tuple[bytes, Proof | None]":
    """`unlock`'s key, and the user's password hash its Argon2 recomputed (see
    keyring.unlock_with_password): the sign-in at start compares it with the stored hash
    instead of computing the same Argon2 again (passwords.matches)."""
    path = path_of(target)
    if path is None:
        raise UserError(translate("database", "Only a database file on this computer is "
                                              "unlocked with a password."))
    key, recomputed = keyring.unlock_with_password(path, username, password)
    from shelter_app.services.accounts.passwords import Proof  # argon2: loaded by now

    return key, None if recomputed is None else Proof(password, recomputed)


def unlock_recovery(target: str, recovery: str) -> bytes:
    """The key of `target`, unwrapped with the recovery key (when every password is lost)."""
    path = path_of(target)
    if path is None:
        raise UserError(translate("database", "Only a database file on this computer is "
                                              "unlocked with a recovery key."))
    return keyring.unlock_with_recovery(path, recovery)
