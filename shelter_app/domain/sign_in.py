"""The sign-in rules: who may try a password, and what a right or wrong one changes.

Plain values in and out, no database: the sign-in service applies them to the user's row in its
transaction, and the start of the app applies the same rules to a row read before the database
layer has loaded (the password checked meanwhile), so no rule exists twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate


class SignInError(UserError):
    """Wrong name or password, or a locked account."""


class AccountLocked(SignInError):
    """Too many wrong passwords in a row: no password is checked until the lock ends."""


@dataclass(frozen=True)
class Account:
    """What the rules read of a user's row; None stands for no such user (or one deleted)."""

    active: bool
    password_hash: str | None
    failed_sign_ins: int
    locked_until: datetime | None


@dataclass(frozen=True)
class Counters:
    """What a checked password leaves in the user's row."""

    failed_sign_ins: int
    locked_until: datetime | None


def stored_name(typed: str) -> str:
    """The user name as stored, from the name typed to sign in."""
    return typed.strip().lower()


def wrong() -> SignInError:
    """The one answer for an unknown name, an inactive account and a wrong password alike, so
    the answer does not tell which names exist."""
    return SignInError(translate("auth", "Wrong user name or password."))


def refusal(account: Account | None, now: datetime) -> SignInError | None:
    """Why the password is not to be checked against `account`'s hash: no active user with a
    password (a dummy hash is checked instead, to take as long as a real one), or a locked
    account (answered at once); None when it is to be checked."""
    if account is None or not account.active or account.password_hash is None:
        return wrong()
    if account.locked_until is not None and account.locked_until > now:
        minutes = max(1, round((account.locked_until - now).total_seconds() / 60))
        return AccountLocked(translate("auth", "Too many failed attempts: this account is locked "
                                             "for %n more minutes.", "", minutes))
    return None


def after_check(account: Account, right: bool, now: datetime, *, max_failed: int,
                lockout_minutes: float) -> Counters:
    """The counters once the password was checked: a right one clears them; a wrong one is
    counted (and written although the sign-in is refused: a restart must not reset it), and the
    `max_failed`-th in a row locks the account for `lockout_minutes`."""
    if right:
        return Counters(0, None)
    failed = account.failed_sign_ins + 1
    if failed >= max_failed:
        return Counters(0, now + timedelta(minutes=lockout_minutes))
    return Counters(failed, account.locked_until)
