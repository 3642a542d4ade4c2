"""The sign-in rules on plain values (the service's own tests cover them on a database)."""

from datetime import UTC, datetime, timedelta

import pytest

from shelter_app.domain.sign_in import (
    Account,
    AccountLocked,
    Counters,
    SignInError,
    after_check,
    refusal,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
HASH = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaA"
ACTIVE = Account(active=True, password_hash=HASH, failed_sign_ins=2, locked_until=None)


@pytest.mark.parametrize("account", [
    None,
    Account(active=False, password_hash=HASH, failed_sign_ins=0, locked_until=None),
    Account(active=True, password_hash=None, failed_sign_ins=0, locked_until=None),
])
def test_no_active_user_with_a_password_is_told_wrong_name_or_password(
        account: Account | None) -> None:
    refused = refusal(account, NOW)
    assert type(refused) is SignInError
    assert refused.message == "Wrong user name or password."


def test_a_locked_account_is_refused_with_the_minutes_left_without_a_check() -> None:
    locked = Account(True, HASH, 0, NOW + timedelta(minutes=14, seconds=40))
    refused = refusal(locked, NOW)
    assert isinstance(refused, AccountLocked)
    assert "15" in refused.message
    assert "1 " in refusal(Account(True, HASH, 0, NOW + timedelta(seconds=5)), NOW).message


@pytest.mark.parametrize("locked_until", [None, NOW, NOW - timedelta(minutes=1)])
def test_an_active_account_not_locked_now_has_its_password_checked(
        locked_until: datetime | None) -> None:
    assert refusal(Account(True, HASH, 4, locked_until), NOW) is None


def test_a_right_password_clears_the_counters() -> None:
    stale = Account(True, HASH, 4, NOW - timedelta(minutes=1))
    assert after_check(stale, True, NOW, max_failed=5, lockout_minutes=15) == Counters(0, None)


def test_a_wrong_password_is_counted_and_the_last_allowed_one_locks() -> None:
    assert after_check(ACTIVE, False, NOW, max_failed=5, lockout_minutes=15) == Counters(3, None)
    assert after_check(ACTIVE, False, NOW, max_failed=3, lockout_minutes=15) == Counters(
        0, NOW + timedelta(minutes=15))
