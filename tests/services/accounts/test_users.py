"""An administrator managing accounts: creating with the password and user-name rules,
resetting a password, unlocking, deactivating and reactivating, changing role and office; the
refusals name their field and write nothing; the programme always keeps an administrator."""

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, User
from shelter_app.domain.errors import InvalidInput, NotFound, PermissionDenied, UserError
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import (
    SYSTEM,
    Actor,
    SignInError,
    change_password,
    create_first_admin,
    create_user,
    list_users,
    sign_in,
)
from shelter_app.services.accounts.offices import close_office
from shelter_app.services.accounts.users import (
    KEEP,
    active_admins,
    deactivate_user,
    reactivate_user,
    reset_password,
    unlock_user,
    update_user,
)

PASSWORD = "correct-horse-1"
TEMPORARY = "battery-staple-2"
T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def cheap_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                        parallelism=1))


@pytest.fixture
def root(db: Database) -> Actor:
    factories.office(db, "GAZ")
    factories.office(db, "KLS", province="Kilis")
    return create_first_admin(db, "root", "Root Admin", PASSWORD, PASSWORD)


@pytest.fixture
def engineer(db: Database, root: Actor) -> Actor:
    return create_user(db, root, username="engineer.gaz", full_name="Ayşe Yılmaz",
                       role=Role.ENGINEER, office_code="GAZ", password=PASSWORD)


def stored(db: Database, username: str) -> User:
    with db.read() as session:
        user = session.scalar(select(User).where(User.username == username))
        assert user is not None
        return user


def snapshot(db: Database) -> tuple[list[tuple], int]:
    """Every user's fields that a refusal must leave alone, and the audit trail's length."""
    with db.read() as session:
        users = [(u.username, u.full_name, u.role, u.office_id, u.active, u.password_hash,
                  u.must_change_password, u.failed_logins, u.locked_until, u.version)
                 for u in session.scalars(select(User).order_by(User.username))]
        return users, session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def refused(db: Database, action, field: str, match: str | None = None) -> UserError:
    before = snapshot(db)
    with pytest.raises(UserError, match=match) as caught:
        action()
    assert caught.value.field == field, caught.value
    assert snapshot(db) == before, "a refusal wrote something"
    return caught.value


# --- creating: the rules -------------------------------------------------------------------------


@pytest.mark.parametrize(("password", "match"), [
    ("short-pw1", "at least 10"),
    ("Engineer.GAZ-2026", "user name"),  # contains the user name, in another case
    ("qwertyuiop", "common"),
    ("Password123", "common"),
])
def test_weak_passwords_are_refused(db: Database, root: Actor, password: str,
                                    match: str) -> None:
    refused(db, lambda: create_user(db, root, username="engineer.gaz", full_name="Ayşe Yılmaz",
                                    role=Role.ENGINEER, office_code="GAZ", password=password),
            "password", match)


@pytest.mark.parametrize("username", ["ayşe yılmaz", "ayse yilmaz", "محمد.علي", "ab"])
def test_user_names_with_spaces_or_arabic_letters_are_refused(db: Database, root: Actor,
                                                              username: str) -> None:
    error = refused(db, lambda: create_user(db, root, username=username, full_name="Ayşe",
                                            role=Role.ENGINEER, office_code="GAZ",
                                            password=TEMPORARY), "username", "a-z")
    assert "no spaces" in str(error)


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
def test_a_role_without_office_is_refused(db: Database, root: Actor, role: Role) -> None:
    refused(db, lambda: create_user(db, root, username="new.user", full_name="New User",
                                    role=role, office_code=None, password=TEMPORARY),
            "office", "need an office")


def test_every_problem_of_a_new_user_is_named_at_once(db: Database, root: Actor) -> None:
    with pytest.raises(InvalidInput) as refused:
        create_user(db, root, username="ab", full_name=" ", role=Role.SUPERVISOR,
                    office_code=None, password="short")
    assert [field for field, _ in refused.value.problems] == [
        "username", "full_name", "office", "password"]
    with db.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1  # the admin only


def test_no_new_user_in_a_closed_office(db: Database, root: Actor) -> None:
    close_office(db, root, "KLS")
    refused(db, lambda: create_user(db, root, username="new.user", full_name="New User",
                                    role=Role.ENGINEER, office_code="kls", password=TEMPORARY),
            "office", "KLS is closed")


def test_an_old_account_outside_the_user_name_rule_still_signs_in(db: Database,
                                                                  root: Actor) -> None:
    with db.write() as session:
        session.add(User(username="ayşe", full_name="Ayşe", role=Role.ENGINEER,
                         password_hash=auth.hash_password(PASSWORD),
                         must_change_password=False))
    actor, _ = sign_in(db, " AYŞE ", PASSWORD)
    assert actor.username == "ayşe"
    assert reset_password(db, root, "ayşe", TEMPORARY).must_change_password


# --- resetting and unlocking ---------------------------------------------------------------------


def test_reset_password_makes_the_user_change_it_at_next_sign_in(db: Database, root: Actor,
                                                                 engineer: Actor) -> None:
    change_password(db, engineer, PASSWORD, "my own secret 1", "my own secret 1")
    assert sign_in(db, "engineer.gaz", "my own secret 1")[1] is False
    row = reset_password(db, root, " Engineer.GAZ ", TEMPORARY, TEMPORARY)
    assert row.username == "engineer.gaz" and row.must_change_password
    with pytest.raises(SignInError):
        sign_in(db, "engineer.gaz", "my own secret 1")
    actor, must_change = sign_in(db, "engineer.gaz", TEMPORARY)
    assert must_change is True
    change_password(db, actor, TEMPORARY, "my second secret", "my second secret")
    assert sign_in(db, "engineer.gaz", "my second secret")[1] is False
    with db.read() as session:
        changes = [e.changes for e in session.scalars(
            select(AuditEvent).where(AuditEvent.entity_id == engineer.user_id,
                                     AuditEvent.user_id == root.user_id,
                                     AuditEvent.action == "update"))]
    assert {"password_hash": ["***", "***"], "must_change_password": [False, True]}.items() \
        <= changes[0].items()


def test_reset_password_follows_the_rules_and_not_for_oneself(db: Database, root: Actor,
                                                              engineer: Actor) -> None:
    refused(db, lambda: reset_password(db, root, "engineer.gaz", "1234567890"), "password",
            "common")
    refused(db, lambda: reset_password(db, root, "engineer.gaz", "engineer.gaz1"), "password",
            "user name")
    refused(db, lambda: reset_password(db, root, "engineer.gaz", TEMPORARY, "other"), "repeat")
    refused(db, lambda: reset_password(db, root, "root", TEMPORARY), "username",
            "your own password")
    with pytest.raises(NotFound, match="nobody"):
        reset_password(db, root, "nobody", TEMPORARY)


def test_reset_and_unlock_end_a_lock_out(db: Database, root: Actor, engineer: Actor) -> None:
    for _ in range(5):
        with pytest.raises(SignInError):
            sign_in(db, "engineer.gaz", "wrong password", now=T0)
    assert stored(db, "engineer.gaz").locked_until == T0 + timedelta(minutes=15)
    assert [u.locked for u in list_users(db, root, now=T0) if u.username == "engineer.gaz"] == [
        True]
    row = unlock_user(db, root, "engineer.gaz")
    assert stored(db, "engineer.gaz").locked_until is None
    assert row.locked is False
    sign_in(db, "engineer.gaz", PASSWORD, now=T0)
    with pytest.raises(SignInError):
        sign_in(db, "engineer.gaz", "wrong password", now=T0)
    reset_password(db, root, "engineer.gaz", TEMPORARY)
    assert stored(db, "engineer.gaz").failed_logins == 0


# --- deactivating and reactivating ---------------------------------------------------------------


def test_deactivate_and_reactivate(db: Database, root: Actor, engineer: Actor) -> None:
    assert deactivate_user(db, root, "engineer.gaz").active is False
    with pytest.raises(SignInError):
        sign_in(db, "engineer.gaz", PASSWORD)
    refused(db, lambda: deactivate_user(db, root, "engineer.gaz"), "username", "already")
    assert reactivate_user(db, root, "engineer.gaz").active is True
    assert sign_in(db, "engineer.gaz", PASSWORD)[0].user_id == engineer.user_id
    refused(db, lambda: reactivate_user(db, root, "engineer.gaz"), "username", "is active")


def test_an_administrator_cannot_deactivate_themself(db: Database, root: Actor) -> None:
    create_user(db, root, username="admin2", full_name="Second Admin", role=Role.ADMIN,
                office_code=None, password=PASSWORD)
    refused(db, lambda: deactivate_user(db, root, "root"), "username", "your own account")


def test_the_last_active_administrator_stays(db: Database, root: Actor, engineer: Actor) -> None:
    # the command line (SYSTEM, no user row) is held to the same rule
    refused(db, lambda: deactivate_user(db, SYSTEM, "root"), "username",
            "last active administrator")
    refused(db, lambda: update_user(db, SYSTEM, "root", role=Role.SUPERVISOR,
                                    office_code="GAZ"), "username", "last active administrator")
    second = create_user(db, root, username="admin2", full_name="Second Admin",
                         role=Role.ADMIN, office_code=None, password=PASSWORD)
    assert active_admins(db) == 2
    deactivate_user(db, second, "root")  # another administrator may
    assert active_admins(db) == 1
    refused(db, lambda: update_user(db, SYSTEM, "admin2", role="engineer", office_code="GAZ"),
            "username", "last active administrator")
    reactivate_user(db, second, "root")
    update_user(db, second, "root", role=Role.SUPERVISOR, office_code="GAZ")
    assert stored(db, "root").role is Role.SUPERVISOR


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
def test_only_administrators_manage_users(db: Database, root: Actor, engineer: Actor,
                                          role: Role) -> None:
    someone = Actor(engineer.user_id, "engineer.gaz", "Ayşe", role, engineer.office_id)
    for action in (lambda: reset_password(db, someone, "root", TEMPORARY),
                   lambda: unlock_user(db, someone, "root"),
                   lambda: deactivate_user(db, someone, "root"),
                   lambda: reactivate_user(db, someone, "root"),
                   lambda: update_user(db, someone, "engineer.gaz", role=Role.ADMIN)):
        before = snapshot(db)
        with pytest.raises(PermissionDenied):
            action()
        assert snapshot(db) == before


# --- role, office and name -----------------------------------------------------------------------


def test_change_role_office_and_name(db: Database, root: Actor, engineer: Actor) -> None:
    row = update_user(db, root, "engineer.gaz", office_code="kls")
    assert (row.role, row.office) == (Role.ENGINEER, "KLS")
    row = update_user(db, root, "engineer.gaz", role="supervisor")
    assert (row.role, row.office) == (Role.SUPERVISOR, "KLS")
    row = update_user(db, root, "engineer.gaz", full_name="  Ayşe   Kaya ")
    assert row.full_name == "Ayşe Kaya"
    row = update_user(db, root, "engineer.gaz", role=Role.ADMIN, office_code=None)
    assert (row.role, row.office) == (Role.ADMIN, None)
    row = update_user(db, root, "engineer.gaz", role=Role.ENGINEER, office_code="GAZ")
    assert (row.role, row.office) == (Role.ENGINEER, "GAZ")
    assert sign_in(db, "engineer.gaz", PASSWORD)[0].office_id == engineer.office_id
    with db.read() as session:
        events = session.scalars(select(AuditEvent).where(
            AuditEvent.entity_id == engineer.user_id, AuditEvent.action == "update")).all()
    assert {event.user_id for event in events if "role" in event.changes} == {root.user_id}


def test_changes_that_would_leave_a_role_without_office_are_refused(db: Database, root: Actor,
                                                                     engineer: Actor) -> None:
    refused(db, lambda: update_user(db, root, "engineer.gaz", office_code=None), "office",
            "need an office")
    refused(db, lambda: update_user(db, root, "engineer.gaz", office_code="XYZ"), "office",
            "XYZ")
    close_office(db, root, "KLS")
    refused(db, lambda: update_user(db, root, "engineer.gaz", office_code="KLS"), "office",
            "closed")
    update_user(db, root, "engineer.gaz", role=Role.ADMIN, office_code=None)
    refused(db, lambda: update_user(db, root, "engineer.gaz", role=Role.ENGINEER), "office",
            "need an office")
    refused(db, lambda: update_user(db, root, "engineer.gaz", full_name="  "), "full_name")
    refused(db, lambda: update_user(db, root, "root", role=Role.SUPERVISOR, office_code="GAZ"),
            "role", "your own role")


def test_nothing_to_change_writes_nothing(db: Database, root: Actor, engineer: Actor) -> None:
    before = snapshot(db)
    update_user(db, root, "engineer.gaz", role=Role.ENGINEER, office_code=KEEP,
                full_name="Ayşe Yılmaz")
    assert snapshot(db) == before
