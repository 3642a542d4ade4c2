"""Users and sign-in: the first admin, password rules, lock-out, user creation, password change.

argon2 with the production parameters costs 50-300 ms a call; most tests swap in an argon2id
hasher with tiny parameters (`cheap_hasher`), and one test checks the production parameters.
"""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import Setting, User
from shelter_app.domain.errors import PermissionDenied, UserError, ValidationError
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import (
    SYSTEM,
    Actor,
    SignInError,
    change_password,
    create_first_admin,
    create_user,
    has_users,
    idle_lock_minutes,
    sign_in,
)
from shelter_app.services.accounts.settings import DEFAULTS

PASSWORD = "correct-horse-1"
OTHER = "battery-staple-2"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


REAL_HASHER = auth._hasher
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "_hasher", CHEAP_HASHER)


def user_row(db: Database, username: str) -> User:
    """The user as committed, read in a fresh session."""
    with db.read() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None, username
        return user


def usernames(db: Database) -> list[str]:
    with db.read() as session:
        return sorted(session.scalars(select(User.username)))


def user_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


def add_setting(db: Database, key: str, value: object) -> None:
    with db.write() as session:
        session.add(Setting(key=key, value=value, office_id=None, valid_from=None))


@pytest.fixture
def first_admin(db: Database) -> Actor:
    return create_first_admin(db, "root", "Root Admin", PASSWORD, PASSWORD)


def plain_actor(role: Role) -> Actor:
    return Actor(uuid.uuid4(), f"someone.{role.value}", "Someone", role, uuid.uuid4())


# --- the first administrator -------------------------------------------------------------------


def test_first_admin_is_an_admin_with_an_argon2id_hash(db: Database) -> None:
    assert has_users(db) is False
    actor = create_first_admin(db, "root", "  Root Admin ", PASSWORD, PASSWORD)
    assert has_users(db) is True
    assert actor.role is Role.ADMIN
    assert actor.username == "root"
    assert actor.full_name == "Root Admin"
    assert actor.office_id is None
    user = user_row(db, "root")
    assert user.id == actor.user_id
    assert user.role is Role.ADMIN
    assert user.password_hash is not None
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    assert user.must_change_password is False  # they chose the password themselves
    assert user.active is True


def test_production_hashes_use_the_library_parameters_and_old_hashes_are_upgraded(
        db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    create_first_admin(db, "root", "Root Admin", PASSWORD, PASSWORD)
    weak = user_row(db, "root").password_hash
    assert weak.startswith("$argon2id$") and "m=8,t=1,p=1" in weak
    monkeypatch.setattr(auth, "_hasher", REAL_HASHER)
    sign_in(db, "root", PASSWORD)  # verifies the old hash, then rehashes with today's parameters
    upgraded = user_row(db, "root").password_hash
    assert upgraded.startswith("$argon2id$")
    assert upgraded != weak
    assert REAL_HASHER.check_needs_rehash(upgraded) is False
    assert f"m={REAL_HASHER.memory_cost},t={REAL_HASHER.time_cost}" in upgraded


def test_first_admin_is_refused_once_a_user_exists(db: Database, first_admin: Actor) -> None:
    with pytest.raises(UserError, match="already exists") as caught:
        create_first_admin(db, "second", "Second Admin", OTHER, OTHER)
    assert not isinstance(caught.value, ValidationError)
    assert usernames(db) == ["root"]


@pytest.mark.parametrize(
    ("password", "repeat", "field"),
    [
        ("short-pw1", "short-pw1", "password"),  # 9 characters, the minimum is 10
        ("", "", "password"),
        (PASSWORD, PASSWORD + "x", "repeat"),
        (PASSWORD, "", "repeat"),
    ],
)
def test_first_admin_password_rules(db: Database, password: str, repeat: str,
                                    field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        create_first_admin(db, "root", "Root Admin", password, repeat)
    assert caught.value.field == field
    assert has_users(db) is False


def test_password_of_exactly_the_minimum_length_is_accepted(db: Database) -> None:
    password = "x" * DEFAULTS["auth.min_password_length"]
    create_first_admin(db, "root", "Root Admin", password, password)
    assert usernames(db) == ["root"]


def test_too_short_message_names_the_minimum(db: Database) -> None:
    with pytest.raises(ValidationError, match=r"\b10\b"):
        create_first_admin(db, "root", "Root Admin", "123", "123")


def test_minimum_password_length_follows_the_setting(db: Database) -> None:
    add_setting(db, "auth.min_password_length", 20)
    with pytest.raises(ValidationError, match=r"\b20\b") as caught:
        create_first_admin(db, "root", "Root Admin", PASSWORD, PASSWORD)
    assert caught.value.field == "password"
    assert has_users(db) is False


def test_first_admin_needs_a_full_name(db: Database) -> None:
    with pytest.raises(ValidationError) as caught:
        create_first_admin(db, "root", "   ", PASSWORD, PASSWORD)
    assert caught.value.field == "full_name"
    assert has_users(db) is False


def test_username_is_stripped_and_lowered(db: Database) -> None:
    actor = create_first_admin(db, "  Root.ADMIN \t", "Root Admin", PASSWORD, PASSWORD)
    assert actor.username == "root.admin"
    assert usernames(db) == ["root.admin"]


@pytest.mark.parametrize("username", ["root admin", "ro\tot", "a\nb", "", "   "])
def test_username_with_spaces_or_empty_is_refused(db: Database, username: str) -> None:
    with pytest.raises(ValidationError) as caught:
        create_first_admin(db, username, "Root Admin", PASSWORD, PASSWORD)
    assert caught.value.field == "username"
    assert has_users(db) is False


# --- signing in --------------------------------------------------------------------------------


def test_sign_in_with_the_right_password(db: Database, first_admin: Actor) -> None:
    actor, must_change = sign_in(db, "root", PASSWORD)
    assert actor == first_admin
    assert must_change is False


def test_sign_in_normalises_the_username(db: Database, first_admin: Actor) -> None:
    actor, _ = sign_in(db, "  ROOT ", PASSWORD)
    assert actor.user_id == first_admin.user_id


def test_wrong_password_and_unknown_user_give_the_same_message(db: Database,
                                                               first_admin: Actor) -> None:
    with pytest.raises(SignInError) as wrong_password:
        sign_in(db, "root", OTHER)
    with pytest.raises(SignInError) as unknown_user:
        sign_in(db, "nobody", OTHER)
    assert str(wrong_password.value) == str(unknown_user.value)
    assert "root" not in str(wrong_password.value)
    assert user_row(db, "root").failed_logins == 1


def test_password_is_case_sensitive(db: Database, first_admin: Actor) -> None:
    with pytest.raises(SignInError):
        sign_in(db, "root", PASSWORD.upper())


def test_inactive_user_cannot_sign_in(db: Database, first_admin: Actor) -> None:
    with pytest.raises(SignInError) as unknown:
        sign_in(db, "nobody", PASSWORD)
    with db.write() as session:
        session.get(User, first_admin.user_id).active = False
    with pytest.raises(SignInError) as inactive:
        sign_in(db, "root", PASSWORD)
    assert str(inactive.value) == str(unknown.value)  # says nothing about the account


def test_soft_deleted_user_cannot_sign_in(db: Database, first_admin: Actor) -> None:
    with db.write() as session:
        session.get(User, first_admin.user_id).deleted_at = T0
    with pytest.raises(SignInError):
        sign_in(db, "root", PASSWORD)


def test_lock_out_after_max_failed_sign_ins(db: Database, first_admin: Actor) -> None:
    limit = DEFAULTS["auth.max_failed_sign_ins"]
    lockout = timedelta(minutes=DEFAULTS["auth.lockout_minutes"])
    assert limit == 5
    for attempt in range(1, limit):
        with pytest.raises(SignInError, match="Wrong user name or password"):
            sign_in(db, "root", OTHER, now=T0)
        # counted and committed although refused
        stored = user_row(db, "root")
        assert stored.failed_logins == attempt
        assert stored.locked_until is None
    with pytest.raises(SignInError, match="Wrong user name or password"):
        sign_in(db, "root", OTHER, now=T0)
    stored = user_row(db, "root")
    assert stored.locked_until == T0 + lockout
    assert stored.failed_logins == 0

    # the next attempt, even with the right password, is refused while locked
    with pytest.raises(SignInError, match="locked") as caught:
        sign_in(db, "root", PASSWORD, now=T0 + timedelta(minutes=1))
    assert "14" in str(caught.value)  # minutes left
    with pytest.raises(SignInError, match="locked"):
        sign_in(db, "root", PASSWORD, now=T0 + lockout - timedelta(seconds=1))
    assert user_row(db, "root").locked_until == T0 + lockout  # refusals do not extend it

    # once the lock-out has passed the right password works and clears the counters
    actor, _ = sign_in(db, "root", PASSWORD, now=T0 + lockout + timedelta(seconds=1))
    assert actor.user_id == first_admin.user_id
    stored = user_row(db, "root")
    assert stored.failed_logins == 0
    assert stored.locked_until is None


def test_a_successful_sign_in_resets_the_failure_count(db: Database,
                                                        first_admin: Actor) -> None:
    for _ in range(3):
        with pytest.raises(SignInError):
            sign_in(db, "root", OTHER, now=T0)
    assert user_row(db, "root").failed_logins == 3
    sign_in(db, "root", PASSWORD, now=T0)
    assert user_row(db, "root").failed_logins == 0
    # so three more failures do not lock
    for _ in range(3):
        with pytest.raises(SignInError, match="Wrong"):
            sign_in(db, "root", OTHER, now=T0)
    assert user_row(db, "root").locked_until is None


def test_a_setting_row_changes_the_threshold(db: Database, first_admin: Actor) -> None:
    add_setting(db, "auth.max_failed_sign_ins", 2)
    with pytest.raises(SignInError, match="Wrong"):
        sign_in(db, "root", OTHER, now=T0)
    assert user_row(db, "root").locked_until is None
    with pytest.raises(SignInError, match="Wrong"):
        sign_in(db, "root", OTHER, now=T0)
    assert user_row(db, "root").locked_until == T0 + timedelta(minutes=15)
    with pytest.raises(SignInError, match="locked"):
        sign_in(db, "root", PASSWORD, now=T0)


def test_a_setting_row_changes_the_lockout_time(db: Database, first_admin: Actor) -> None:
    add_setting(db, "auth.max_failed_sign_ins", 1)
    add_setting(db, "auth.lockout_minutes", 60)
    with pytest.raises(SignInError):
        sign_in(db, "root", OTHER, now=T0)
    assert user_row(db, "root").locked_until == T0 + timedelta(minutes=60)
    with pytest.raises(SignInError, match="locked"):
        sign_in(db, "root", PASSWORD, now=T0 + timedelta(minutes=59))


def test_idle_lock_minutes_default_and_setting(db: Database) -> None:
    assert idle_lock_minutes(db) == 10
    assert isinstance(idle_lock_minutes(db), float)
    add_setting(db, "auth.lock_after_idle_minutes", 3)
    assert idle_lock_minutes(db) == 3.0


# --- creating users ----------------------------------------------------------------------------


def test_admin_creates_a_user_who_must_change_the_password(db: Database,
                                                           first_admin: Actor) -> None:
    office = factories.office(db, "GAZ")
    created = create_user(db, first_admin, username=" Engineer.GAZ ", full_name="Ayşe Yılmaz",
                          role=Role.ENGINEER, office_code="GAZ", password=OTHER)
    assert created.username == "engineer.gaz"
    assert created.role is Role.ENGINEER
    assert created.office_id == office.id
    stored = user_row(db, "engineer.gaz")
    assert stored.must_change_password is True
    assert stored.password_hash.startswith("$argon2id$")
    assert stored.created_by == first_admin.user_id
    actor, must_change = sign_in(db, "engineer.gaz", OTHER)
    assert actor == created
    assert must_change is True


def test_admin_may_create_an_admin_without_office(db: Database, first_admin: Actor) -> None:
    created = create_user(db, first_admin, username="admin2", full_name="Second Admin",
                          role=Role.ADMIN, office_code=None, password=OTHER)
    assert created.role is Role.ADMIN
    assert created.office_id is None
    assert usernames(db) == ["admin2", "root"]


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
def test_non_admins_may_not_create_users(db: Database, first_admin: Actor, role: Role) -> None:
    factories.office(db, "GAZ")
    with pytest.raises(PermissionDenied, match=role.value):
        create_user(db, plain_actor(role), username="newbie", full_name="New Body",
                    role=Role.ENGINEER, office_code="GAZ", password=OTHER)
    assert usernames(db) == ["root"]


def test_duplicate_username_is_refused(db: Database, first_admin: Actor) -> None:
    with pytest.raises(ValidationError, match="root") as caught:
        create_user(db, first_admin, username="ROOT", full_name="Another Root",
                    role=Role.ADMIN, office_code=None, password=OTHER)
    assert caught.value.field == "username"
    assert user_count(db) == 1


def test_unknown_office_is_refused(db: Database, first_admin: Actor) -> None:
    factories.office(db, "GAZ")
    with pytest.raises(ValidationError, match="XYZ") as caught:
        create_user(db, first_admin, username="newbie", full_name="New Body",
                    role=Role.ENGINEER, office_code="XYZ", password=OTHER)
    assert caught.value.field == "office"
    assert usernames(db) == ["root"]


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
@pytest.mark.parametrize("office_code", [None, ""])
def test_engineers_and_supervisors_need_an_office(db: Database, first_admin: Actor,
                                                  role: Role, office_code: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        create_user(db, first_admin, username="newbie", full_name="New Body", role=role,
                    office_code=office_code, password=OTHER)
    assert caught.value.field == "office"
    assert usernames(db) == ["root"]


def test_create_user_checks_username_and_password(db: Database, first_admin: Actor) -> None:
    factories.office(db, "GAZ")
    with pytest.raises(ValidationError) as caught:
        create_user(db, first_admin, username="new body", full_name="New Body",
                    role=Role.ENGINEER, office_code="GAZ", password=OTHER)
    assert caught.value.field == "username"
    with pytest.raises(ValidationError) as caught:
        create_user(db, first_admin, username="newbie", full_name="New Body",
                    role=Role.ENGINEER, office_code="GAZ", password="short")
    assert caught.value.field == "password"
    assert usernames(db) == ["root"]


def test_create_user_needs_a_full_name(db: Database) -> None:
    factories.office(db, "GAZ")
    with pytest.raises(ValidationError) as caught:
        create_user(db, SYSTEM, username="newbie", full_name="   ", role=Role.ENGINEER,
                    office_code="GAZ", password=OTHER)
    assert caught.value.field == "full_name"
    assert user_count(db) == 0


# --- changing the password ---------------------------------------------------------------------


@pytest.fixture
def new_engineer(db: Database, first_admin: Actor) -> Actor:
    factories.office(db, "GAZ")
    return create_user(db, first_admin, username="engineer.gaz", full_name="Ayşe Yılmaz",
                       role=Role.ENGINEER, office_code="GAZ", password=PASSWORD)


def test_change_password_with_a_wrong_old_password(db: Database, new_engineer: Actor) -> None:
    before = user_row(db, "engineer.gaz")
    with pytest.raises(ValidationError) as caught:
        change_password(db, new_engineer, OTHER, "a-new-password", "a-new-password")
    assert caught.value.field == "old"
    after = user_row(db, "engineer.gaz")
    assert after.password_hash == before.password_hash
    assert after.must_change_password is True


@pytest.mark.parametrize(("new", "repeat", "field"),
                         [("short", "short", "password"),
                          ("a-new-password", "a-new-passwort", "repeat")])
def test_change_password_checks_the_rules(db: Database, new_engineer: Actor, new: str,
                                          repeat: str, field: str) -> None:
    before = user_row(db, "engineer.gaz")
    with pytest.raises(ValidationError) as caught:
        change_password(db, new_engineer, PASSWORD, new, repeat)
    assert caught.value.field == field
    assert user_row(db, "engineer.gaz").password_hash == before.password_hash


def test_change_password_success(db: Database, new_engineer: Actor) -> None:
    change_password(db, new_engineer, PASSWORD, "a-new-password", "a-new-password")
    stored = user_row(db, "engineer.gaz")
    assert stored.must_change_password is False
    assert stored.password_hash.startswith("$argon2id$")
    actor, must_change = sign_in(db, "engineer.gaz", "a-new-password")
    assert actor.user_id == new_engineer.user_id
    assert must_change is False
    with pytest.raises(SignInError):
        sign_in(db, "engineer.gaz", PASSWORD)


def test_system_actor_cannot_change_a_password(db: Database) -> None:
    """SYSTEM has no user row: a clean refusal, not a lookup of a NULL key (an SAWarning)."""
    with pytest.raises(UserError, match="cannot change"):
        change_password(db, SYSTEM, PASSWORD, OTHER, OTHER)
