"""Users, sign-in and the permission check every service action makes.

Passwords are hashed with argon2id. Repeated failures lock the account for a while (settings
auth.max_failed_sign_ins, auth.lockout_minutes); the failure count is written even though the
sign-in is refused, so killing the app does not reset it.
"""

import uuid
from dataclasses import dataclass
from functools import cache
from datetime import datetime

from argon2 import PasswordHasher
from sqlalchemy import and_, bindparam, func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Office, User
from shelter_app.domain import clock
from shelter_app.domain.credentials import check_password, clean_username
from shelter_app.domain.errors import PermissionDenied, Problems, UserError, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain import sign_in as rules
from shelter_app.domain.permissions import Action, allowed
from shelter_app.domain.sign_in import Account
from shelter_app.domain.sign_in import SignInError as SignInError  # raised by sign_in
from shelter_app.domain.stages import Role
from shelter_app.resources import resource
from shelter_app.services.accounts.passwords import matches
from shelter_app.services.accounts.settings import setting

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


@dataclass(frozen=True)
class Actor:
    """The signed-in person, passed to every service action: who does it, with which rights."""

    user_id: uuid.UUID | None
    username: str
    full_name: str
    role: Role
    office_id: uuid.UUID | None

    def can(self, action: Action) -> bool:
        return allowed(self.role, action)


# Command-line maintenance and demo data run as this actor; it has no user row.
SYSTEM = Actor(None, "system", "System", Role.ADMIN, None)


def require(actor: Actor, action: Action) -> None:
    """Refuse with a clear message when `actor`'s role may not do `action`."""
    if not actor.can(action):
        raise PermissionDenied(
            translate("auth", "Your role ({role}) may not {action}.").format(
                role=actor.role.label, action=action.label
            )
        )


@cache
def _dummy_hash() -> str:
    return _hasher.hash("not a password of anyone")


def _spend_a_hash(password: str) -> None:
    """Take as long as checking a real password, so timing does not reveal which names exist."""
    matches(_dummy_hash(), password)


def idle_lock_minutes(db: Database) -> float:
    with db.read() as session:
        return float(setting(session, "auth.lock_after_idle_minutes"))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, user.full_name, user.role, user.office_id)


def has_users(db: Database) -> bool:
    with db.read() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def check_password_rules(min_length: int, password: str, repeat: str | None = None, *,
                         username: str | None = None) -> None:
    """Refuse a password that is too short, contains the user name or is a common password
    (domain/credentials.py), or differs from `repeat` when one is given."""
    check_password(password, min_length=min_length, username=username,
                   common=common_passwords(), repeat=repeat)


@cache
def common_passwords() -> frozenset[str]:
    """The common passwords shipped in resources/passwords (lower case): the 30,000 of
    zxcvbn's list and a hand-made Turkish supplement."""
    words: set[str] = set()
    for name in ("common.txt", "common-tr.txt"):
        lines = resource("passwords", name).read_text(encoding="utf-8").splitlines()
        words.update(line.strip() for line in lines
                     if line.strip() and not line.startswith("#"))
    return frozenset(words)


def create_first_admin(db: Database, username: str, full_name: str, password: str,
                       repeat: str) -> Actor:
    """The first start: the admin sets their own password. Refused once any user exists."""
    username = _clean_username(username)
    if not full_name.strip():
        raise ValidationError(translate("auth", "Enter the full name."), field="full_name")
    with db.write() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise UserError(translate("auth", "An administrator already exists; sign in."))
        check_password_rules(setting(session, "auth.min_password_length"), password, repeat,
                             username=username)
        user = User(username=username, full_name=full_name.strip(), role=Role.ADMIN,
                    password_hash=_hasher.hash(password), must_change_password=False)
        session.add(user)
        session.flush()
        return _actor(user)


def create_user(db: Database, actor: Actor, *, username: str, full_name: str, role: Role,
                office_code: str | None, password: str) -> Actor:
    """An admin adds a user, scoped to an office; they change the password at first sign-in."""
    require(actor, Action.MANAGE_USERS)
    problems = Problems()  # every problem of the form at once
    cleaned = problems.check(_clean_username, username)
    role = Role(role)  # a GUI combo box hands back the plain string
    if not full_name.strip():
        problems.add(ValidationError(translate("auth", "Enter the full name."),
                                     field="full_name"))
    with db.write(actor) as session:
        if cleaned and session.scalar(select(User).where(User.username == cleaned)):
            problems.add(ValidationError(
                translate("auth", "The user name {name} is taken; choose another.").format(
                    name=cleaned), field="username"))
        office_id = problems.check(office_for_role, session, office_code, role)
        problems.check(check_password_rules, setting(session, "auth.min_password_length"),
                       password, username=cleaned or username, at="password")
        problems.raise_any()
        assert cleaned is not None
        username = cleaned
        user = User(username=username, full_name=full_name.strip(), role=role,
                    office_id=office_id, password_hash=_hasher.hash(password),
                    must_change_password=True)
        session.add(user)
        session.flush()
        return _actor(user)


def office_for_role(session: Session, office_code: str | None, role: Role) -> uuid.UUID | None:
    """The id of the open office a user of `role` is put in; None for an administrator
    without one. Refused: no office for an engineer or supervisor, an unknown or closed
    office."""
    code = (office_code or "").strip().upper()
    if not code:
        if role is not Role.ADMIN:
            raise ValidationError(translate("auth", "Engineers and supervisors need an office."),
                                  field="office")
        return None
    office = session.scalar(select(Office).where(Office.code == code,
                                                 Office.deleted_at.is_(None)))
    if office is None:
        raise ValidationError(
            translate("auth", "No office {code}; choose an existing office.").format(
                code=code), field="office")
    if office.closed_at is not None:
        raise ValidationError(
            translate("auth", "The office {code} is closed; choose an open office.").format(
                code=code), field="office")
    return office.id


def _clean_username(username: str) -> str:
    return clean_username(username)


# The live user a sign-in names: what sign_in reads, and with the columns the rules need, what
# the start of the app reads before the database layer has loaded (compiled for SQLite and
# stored in services/accounts/at_start.py; a test keeps them equal).
_NAMED = and_(User.username == bindparam("username"), User.deleted_at.is_(None))
AT_START = select(User.active, User.password_hash, User.failed_logins, User.locked_until,
                  User.must_change_password).where(_NAMED)


def sign_in(db: Database, username: str, password: str, now: datetime | None = None, *,
            checked: tuple[str, bool] | None = None) -> tuple[Actor, bool]:
    """Check the password; return the actor and whether they must change it now. The rules
    (domain/sign_in.py) applied to the user's row; its counters are written in the same
    transaction, even when the sign-in is refused. `checked`: a hash and whether the password
    matched it, found at start before the database layer had loaded (at_start.py); not
    checked again while the row holds that hash."""
    now = now or clock.now()
    with db.write() as session:
        user = session.scalar(select(User).where(_NAMED),
                              {"username": rules.stored_name(username)})
        account = None if user is None else Account(
            user.active, user.password_hash, user.failed_logins, user.locked_until)
        refused = rules.refusal(account, now)
        if refused is not None:
            if not isinstance(refused, rules.AccountLocked):
                _spend_a_hash(password)
            raise refused
        assert user is not None and account is not None and user.password_hash is not None
        right = (checked[1] if checked is not None and checked[0] == user.password_hash
                 else matches(user.password_hash, password))
        counters = rules.after_check(
            account, right, now, max_failed=setting(session, "auth.max_failed_sign_ins"),
            lockout_minutes=setting(session, "auth.lockout_minutes"))
        user.failed_logins, user.locked_until = counters.failed_sign_ins, counters.locked_until
        if right:
            if _hasher.check_needs_rehash(user.password_hash):
                user.password_hash = _hasher.hash(password)
            result = _actor(user), user.must_change_password
    if not right:  # raised once the counters are committed
        raise rules.wrong()
    return result


def change_password(db: Database, actor: Actor, old: str, new: str, repeat: str) -> None:
    """The signed-in user changes their own password (also the forced change after sign_in
    reported must-change): the old one must be right; the new one follows the rules, differs
    from the old one, and is no longer to be changed."""
    if actor.user_id is None:
        raise UserError(translate("auth", "This account cannot change its password."))
    with db.write(actor) as session:
        user = session.get(User, actor.user_id)
        if user is None or user.password_hash is None:
            raise UserError(translate("auth", "This account cannot change its password."))
        if not matches(user.password_hash, old):
            raise ValidationError(translate("auth", "The current password is wrong."),
                                  field="old")
        check_password_rules(setting(session, "auth.min_password_length"), new, repeat,
                             username=user.username)
        if new == old:
            raise ValidationError(translate("auth", "The new password is the same as the old "
                                                    "one; choose a new password."),
                                  field="password")
        user.password_hash = _hasher.hash(new)
        user.must_change_password = False


@dataclass(frozen=True)
class UserRow:
    username: str
    full_name: str
    role: Role
    office: str | None
    active: bool
    locked: bool
    must_change_password: bool = False  # a new account, or its password was reset


def list_users(db: Database, actor: Actor, now: datetime | None = None) -> list[UserRow]:
    require(actor, Action.MANAGE_USERS)
    now = now or clock.now()
    with db.read() as session:
        rows = session.execute(
            select(User, Office.code).outerjoin(Office, Office.id == User.office_id)
            .where(User.deleted_at.is_(None)).order_by(User.username)
        ).all()
        return [UserRow(user.username, user.full_name, user.role, code, user.active,
                        bool(user.locked_until and user.locked_until > now),
                        user.must_change_password)
                for user, code in rows]


def office_codes(db: Database) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(Office.code).where(Office.deleted_at.is_(None))
                                    .order_by(Office.code)))
