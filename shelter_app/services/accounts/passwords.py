"""Whether a password matches its stored argon2 hash, without the database layer: the start of
the app checks it before SQLAlchemy has loaded (at_start.py), the sign-in service after."""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_verifier = PasswordHasher()  # a hash is checked with the costs written in it, not these


def matches(password_hash: str, password: str) -> bool:
    try:
        return _verifier.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
