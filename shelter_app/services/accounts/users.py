"""What an administrator does to other people's accounts: reset a password, unlock after
failed sign-ins, deactivate and reactivate, change role, office or name.

Users are named by their user name (any case, spaces around ignored). Every change is written
under the acting administrator and audited by `db.write`. The programme always keeps one
active administrator who can sign in: the last one can be neither deactivated nor given another
role, and no administrator deactivates their own account or changes their own role (another
administrator does, so nobody locks themself out by a slip).

Creating users and signing in are in auth.py (create_user, create_first_admin, sign_in,
change_password, list_users).
"""

from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import Office, User
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, UserError, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import Actor, UserRow, require
from shelter_app.services.accounts.settings import setting


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP  # update_user(office_code=KEEP): leave the office as it is
FULL_NAME_MAX = 160  # users.full_name


def _load_user(session: Session, username: str) -> User:
    """The live user with this name. Not checked against today's user-name rule, so accounts
    made before it can still be managed."""
    name = username.strip().lower()
    user = session.scalar(select(User).where(User.username == name, User.deleted_at.is_(None)))
    if user is None:
        raise NotFound(translate("users", "No user {name} exists; check the user name.").format(
            name=name or "\u2014"), field="username")
    return user


def _row(session: Session, user: User) -> UserRow:
    code = session.scalar(select(Office.code).where(Office.id == user.office_id)) \
        if user.office_id else None
    now = clock.now()
    return UserRow(user.username, user.full_name, user.role, code, user.active,
                   bool(user.locked_until and user.locked_until > now),
                   user.must_change_password)


def _is_self(actor: Actor, user: User) -> bool:
    return actor.user_id is not None and actor.user_id == user.id


def _keep_an_admin(session: Session, user: User) -> None:
    """Refuse when `user` is the last active administrator. The other administrators' rows are
    locked (PostgreSQL), so two administrators removing each other at once cannot both pass."""
    if not (user.active and user.role is Role.ADMIN):
        return
    others = session.scalars(select(User.id).where(
        User.role == Role.ADMIN, User.active.is_(True), User.deleted_at.is_(None),
        User.id != user.id).with_for_update()).all()
    if not others:
        raise ValidationError(
            translate("users", "{name} is the last active administrator: make another user an "
                               "administrator first, or nobody could manage the programme."
                      ).format(name=user.username), field="username")


def reset_password(db: Database, actor: Actor, username: str, password: str,
                   repeat: str | None = None) -> UserRow:
    """Give `username` a temporary password (the password rules apply): they must change it
    at their next sign-in (sign_in reports must-change), and any lock-out ends. Refused for
    your own account: use change_password."""
    require(actor, Action.MANAGE_USERS)
    with db.write(actor) as session:
        user = _load_user(session, username)
        if _is_self(actor, user):
            raise ValidationError(
                translate("users", "To change your own password, use Change password: it asks "
                                   "for your current one."), field="username")
        auth.check_password_rules(setting(session, "auth.min_password_length"), password, repeat,
                                  username=user.username)
        user.password_hash = auth.hash_password(password)
        user.must_change_password = True
        user.failed_logins = 0
        user.locked_until = None
        session.flush()
        return _row(session, user)


def unlock_user(db: Database, actor: Actor, username: str) -> UserRow:
    """End a lock-out after too many failed sign-ins now, and forget earlier failures."""
    require(actor, Action.MANAGE_USERS)
    with db.write(actor) as session:
        user = _load_user(session, username)
        if user.failed_logins or user.locked_until is not None:
            user.failed_logins = 0
            user.locked_until = None
            session.flush()
        return _row(session, user)


def deactivate_user(db: Database, actor: Actor, username: str) -> UserRow:
    """The user can no longer sign in; their records and audit trail stay. Refused: your own
    account, the last active administrator, a user already deactivated."""
    require(actor, Action.MANAGE_USERS)
    with db.write(actor) as session:
        user = _load_user(session, username)
        if _is_self(actor, user):
            raise ValidationError(
                translate("users", "You cannot deactivate your own account; another "
                                   "administrator can."), field="username")
        if not user.active:
            raise UserError(translate("users", "{name} is already deactivated.").format(
                name=user.username), field="username")
        _keep_an_admin(session, user)
        user.active = False
        session.flush()
        return _row(session, user)


def reactivate_user(db: Database, actor: Actor, username: str) -> UserRow:
    """A deactivated user may sign in again, with the password they had (reset it if they
    forgot it), and any lock-out ends. Refused when the user is active."""
    require(actor, Action.MANAGE_USERS)
    with db.write(actor) as session:
        user = _load_user(session, username)
        if user.active:
            raise UserError(translate("users", "{name} is active.").format(name=user.username),
                            field="username")
        user.active = True
        user.failed_logins = 0
        user.locked_until = None
        session.flush()
        return _row(session, user)


def update_user(db: Database, actor: Actor, username: str, *, role: Role | str | None = None,
                office_code: str | None | _Keep = KEEP, full_name: str | None = None
                ) -> UserRow:
    """Change a user's role, office or full name; what is None (or KEEP for the office) stays.

    `office_code` None or "" takes the office away (administrators only). Refused: an engineer
    or supervisor without an office, an unknown or closed office, your own role, and making the
    last active administrator something else."""
    require(actor, Action.MANAGE_USERS)
    new_role = Role(role) if role is not None else None  # a combo box hands back the string
    name = None
    if full_name is not None:
        name = " ".join(full_name.split())
        if not name:
            raise ValidationError(translate("auth", "Enter the full name."), field="full_name")
        if len(name) > FULL_NAME_MAX:
            raise ValidationError(
                translate("users", "The full name is too long: at most %n characters.", "",
                          FULL_NAME_MAX), field="full_name")
    with db.write(actor) as session:
        user = _load_user(session, username)
        target_role = new_role or user.role
        if new_role is not None and new_role is not user.role:
            if _is_self(actor, user):
                raise ValidationError(
                    translate("users", "You cannot change your own role; another "
                                       "administrator can."), field="role")
            if user.role is Role.ADMIN:
                _keep_an_admin(session, user)
        if office_code is not KEEP:
            office_id = auth.office_for_role(session, office_code, target_role)
        elif target_role is not Role.ADMIN and user.office_id is None:
            raise ValidationError(translate("auth", "Engineers and supervisors need an office."),
                                  field="office")
        else:
            office_id = user.office_id
        if user.role is not target_role:
            user.role = target_role
        if user.office_id != office_id:
            user.office_id = office_id
        if name is not None and name != user.full_name:
            user.full_name = name
        session.flush()
        return _row(session, user)


def active_admins(db: Database) -> int:
    """How many administrators can sign in."""
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(User).where(
            User.role == Role.ADMIN, User.active.is_(True), User.deleted_at.is_(None))) or 0
