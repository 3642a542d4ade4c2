"""The role x action matrix: the policy table is pinned, `require` follows it for every pair, and
the services that exist check it."""

import uuid
from collections.abc import Iterator

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, User
from shelter_app.domain import i18n, permissions
from shelter_app.domain.errors import PermissionDenied
from shelter_app.domain.permissions import PERMISSIONS, Action, allowed
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.audit_log import list_events, record_history
from shelter_app.services.accounts.auth import Actor, create_user, require

ALL = [(role, action) for role in Role for action in Action]

#: The policy, written out in full: a change to PERMISSIONS must be a change here too.
EXPECTED: dict[Role, set[str]] = {
    Role.ENGINEER: {"view_cases", "edit_cases", "submit_for_approval", "view_personal_ids",
                    "backup"},
    Role.SUPERVISOR: {"view_cases", "edit_cases", "submit_for_approval", "view_personal_ids",
                      "backup", "approve", "reopen_approved", "view_audit",
                      "export_person_data", "confirm_duplicate_ids"},
    Role.ADMIN: {"view_cases", "view_audit", "manage_users", "manage_offices", "edit_settings",
                 "backup",
                 "restore", "export_person_data", "erase_person"},  # IDs masked (KVKK)
}

#: The rules people quote, one line each, so a failure names the rule that broke.
RULES = [
    (Role.ENGINEER, Action.EDIT_CASES, True),
    (Role.ENGINEER, Action.SUBMIT_FOR_APPROVAL, True),
    (Role.ENGINEER, Action.BACKUP, True),
    (Role.ENGINEER, Action.APPROVE, False),
    (Role.ENGINEER, Action.REOPEN_APPROVED, False),
    (Role.ENGINEER, Action.VIEW_AUDIT, False),
    (Role.ENGINEER, Action.MANAGE_USERS, False),
    (Role.ENGINEER, Action.RESTORE, False),
    (Role.ENGINEER, Action.ERASE_PERSON, False),
    (Role.SUPERVISOR, Action.APPROVE, True),
    (Role.SUPERVISOR, Action.REOPEN_APPROVED, True),
    (Role.SUPERVISOR, Action.VIEW_AUDIT, True),
    (Role.SUPERVISOR, Action.CONFIRM_DUPLICATE_IDS, True),
    (Role.ENGINEER, Action.CONFIRM_DUPLICATE_IDS, False),
    (Role.SUPERVISOR, Action.MANAGE_USERS, False),
    (Role.SUPERVISOR, Action.RESTORE, False),
    (Role.ADMIN, Action.MANAGE_USERS, True),
    (Role.ADMIN, Action.MANAGE_OFFICES, True),
    (Role.SUPERVISOR, Action.MANAGE_OFFICES, False),
    (Role.ENGINEER, Action.MANAGE_OFFICES, False),
    (Role.ADMIN, Action.RESTORE, True),
    (Role.ADMIN, Action.VIEW_AUDIT, True),
    (Role.ADMIN, Action.ERASE_PERSON, True),
    (Role.ADMIN, Action.APPROVE, False),
    (Role.ADMIN, Action.EDIT_CASES, False),
    (Role.ADMIN, Action.VIEW_PERSONAL_IDS, False),
    (Role.ENGINEER, Action.VIEW_PERSONAL_IDS, True),
    (Role.SUPERVISOR, Action.VIEW_PERSONAL_IDS, True),
]


def actor(role: Role) -> Actor:
    return Actor(uuid.uuid4(), f"someone.{role.value}", "Someone", role, uuid.uuid4())


def pair_id(value: object) -> str:
    return str(value.value) if isinstance(value, Role | Action) else str(value)


# --- the table ---------------------------------------------------------------------------------


def test_every_role_has_an_entry() -> None:
    assert set(PERMISSIONS) == set(Role)


def test_the_table_is_exactly_the_expected_policy() -> None:
    assert {role: {action.value for action in actions}
            for role, actions in PERMISSIONS.items()} == EXPECTED


@pytest.mark.parametrize(("role", "action", "expected"), RULES, ids=pair_id)
def test_policy_rule(role: Role, action: Action, expected: bool) -> None:
    assert allowed(role, action) is expected
    assert actor(role).can(action) is expected


def test_admins_take_no_part_in_case_work() -> None:
    case_work = {Action.EDIT_CASES, Action.SUBMIT_FOR_APPROVAL, Action.APPROVE,
                 Action.REOPEN_APPROVED}
    assert not case_work & PERMISSIONS[Role.ADMIN]


def test_supervisors_can_do_all_an_engineer_can() -> None:
    assert PERMISSIONS[Role.ENGINEER] < PERMISSIONS[Role.SUPERVISOR]


def test_everyone_can_view_cases() -> None:
    assert all(Action.VIEW_CASES in actions for actions in PERMISSIONS.values())


# --- require() for every pair ------------------------------------------------------------------


@pytest.mark.parametrize(("role", "action"), ALL, ids=pair_id)
def test_require_follows_the_table(role: Role, action: Action) -> None:
    who = actor(role)
    if action in PERMISSIONS[role]:
        require(who, action)  # no exception
        assert who.can(action)
    else:
        with pytest.raises(PermissionDenied) as caught:
            require(who, action)
        assert f"({role.label})" in str(caught.value)
        assert action.label in str(caught.value)
        assert caught.value.message == str(caught.value)
        assert not who.can(action)


# --- labels ------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", list(Action), ids=pair_id)
def test_every_action_has_a_label(action: Action) -> None:
    assert isinstance(action.label, str)
    assert action.label.strip()
    assert "_" not in action.label  # a phrase for people, not the code


def test_labels_are_distinct() -> None:
    labels = [action.label for action in Action]
    assert len(set(labels)) == len(labels)


@pytest.fixture
def fake_translator() -> Iterator[list[tuple[str, str]]]:
    calls: list[tuple[str, str]] = []

    def translator(context: str, text: str, disambiguation: str = "", n: int = -1) -> str:
        calls.append((context, text))
        return f"<{context}:{text}>"

    i18n.install(translator)
    try:
        yield calls
    finally:
        i18n.install(None)


@pytest.mark.parametrize("action", list(Action), ids=pair_id)
def test_labels_are_translated(fake_translator: list[tuple[str, str]], action: Action) -> None:
    label = action.label
    assert label.startswith("<permissions:") and label.endswith(">")
    assert len(label) > len("<permissions:>")
    assert fake_translator == [("permissions", label[len("<permissions:"):-1])]


def test_refusal_message_is_translated(fake_translator: list[tuple[str, str]]) -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(actor(Role.ENGINEER), Action.MANAGE_USERS)
    assert str(caught.value).startswith("<auth:")
    assert "<permissions:manage users>" in str(caught.value)
    assert "(<role:engineer>)" in str(caught.value)  # the role's label, not its stored value


# --- the services check it ---------------------------------------------------------------------


@pytest.fixture
def actors(demo_db: Database) -> dict[Role, Actor]:
    """Demo users of each role, built from their rows (no sign-in: argon2 is slow)."""
    names = {Role.ENGINEER: "engineer.gaz", Role.SUPERVISOR: "supervisor.gaz",
             Role.ADMIN: "admin"}
    with demo_db.read() as session:
        found = {}
        for role, name in names.items():
            user = session.scalar(select(User).where(User.username == name))
            assert user.role is role
            found[role] = Actor(user.id, user.username, user.full_name, user.role,
                                user.office_id)
    return found


def user_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


@pytest.mark.parametrize("role", list(Role), ids=pair_id)
def test_create_user_needs_manage_users(demo_db: Database, actors: dict[Role, Actor],
                                        role: Role, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                        parallelism=1))
    before = user_count(demo_db)

    def create() -> Actor:
        return create_user(demo_db, actors[role], username="new.gaz",
                           full_name="Yeni Mühendis", role=Role.ENGINEER, office_code="GAZ",
                           password="a-long-password")

    if allowed(role, Action.MANAGE_USERS):
        assert create().username == "new.gaz"
        assert user_count(demo_db) == before + 1
    else:
        with pytest.raises(PermissionDenied, match=role.value):
            create()
        assert user_count(demo_db) == before
    assert (role is Role.ADMIN) == allowed(role, Action.MANAGE_USERS)


@pytest.mark.parametrize("role", list(Role), ids=pair_id)
def test_list_events_needs_view_audit(demo_db: Database, actors: dict[Role, Actor],
                                      role: Role) -> None:
    if allowed(role, Action.VIEW_AUDIT):
        assert list_events(demo_db, actors[role], limit=5)
    else:
        with pytest.raises(PermissionDenied, match=role.value):
            list_events(demo_db, actors[role])
    assert (role is Role.ENGINEER) != allowed(role, Action.VIEW_AUDIT)


@pytest.mark.parametrize("role", list(Role), ids=pair_id)
def test_record_history_needs_view_cases(demo_db: Database, actors: dict[Role, Actor],
                                         role: Role) -> None:
    with demo_db.write(actors[Role.ENGINEER]) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == "GAZ-D-000001"))
        dwelling.street = "Yeni Sokak"
    assert allowed(role, Action.VIEW_CASES)  # everyone may read case histories
    history = record_history(demo_db, actors[role], dwelling.id)
    assert [row.action for row in history] == ["update", "create"]  # newest first


@pytest.mark.parametrize("role", list(Role), ids=pair_id)
def test_record_history_refuses_a_role_without_view_cases(
        demo_db: Database, actors: dict[Role, Actor], role: Role,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The service asks the table: take VIEW_CASES away and the history is refused."""
    monkeypatch.setitem(permissions.PERMISSIONS, role,
                        PERMISSIONS[role] - {Action.VIEW_CASES})
    with pytest.raises(PermissionDenied, match=role.value):
        record_history(demo_db, actors[role], uuid.uuid4())
