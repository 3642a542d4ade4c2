"""Whether a password matches its stored argon2 hash, without the database layer: the start of
the app checks it before SQLAlchemy has loaded (at_start.py), the sign-in service after."""

import hmac
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_verifier = PasswordHasher()  # a hash is checked with the costs written in it, not these


@dataclass(frozen=True)
class Proof:
    """A password and the hash that unlocking an encrypted laptop recomputed from it with the
    costs and salt of the user's stored hash (keyring.unlock_with_password)."""

    password: str = field(repr=False)  # never in a log or a crash report
    password_hash: str = field(repr=False)


def matches(password_hash: str, password: str, proof: Proof | None = None) -> bool:
    """Whether `password` is the one `password_hash` was made from. A `proof` of this same
    password whose hash equals the stored one, character for character, is the same Argon2 a
    check would compute: right, without computing it again (one Argon2 less at start).
    Anything else (another password, one changed since, other costs, another form) is
    checked as always."""
    if proof is not None and _same(proof.password, password) and _same(
            proof.password_hash, password_hash):
        return True
    try:
        return _verifier.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _same(one: str, other: str) -> bool:
    return hmac.compare_digest(one.encode(), other.encode())  # in time that tells nothing
