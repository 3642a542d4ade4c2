"""Keeps the keyring's copies of the database key in step with the users table.

After every commit that added, changed or removed a user (an ORM write, or a sync pull that
marks its session with USERS_CHANGED), each active user's copy is wrapped again from their
password hash (data.keyring): a new or reset password, a user synced from the server, a
deactivated user all take effect at the next start without anyone's password being known.
"""

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from shelter_app.data import keyring
from shelter_app.data.models import User

USERS_CHANGED = "shelter_users_changed"


def refresh(engine: Engine, path: Path, key: bytes) -> None:
    """Wrap the key again for every active user (and only them)."""
    with Session(engine) as session:
        rows = session.execute(select(User.username, User.password_hash).where(
            User.active.is_(True), User.deleted_at.is_(None),
            User.password_hash.is_not(None))).all()
    keyring.set_users(path, key, {name: hashed for name, hashed in rows})


def install(factory: sessionmaker, engine: Engine, path: Path, key: bytes) -> None:
    """Refresh the keyring after each commit of `factory`'s sessions that touched a user."""

    @event.listens_for(factory, "after_flush")
    def _note(session: Session, _context: Any) -> None:
        if any(isinstance(row, User) for row in (*session.new, *session.dirty, *session.deleted)):
            session.info[USERS_CHANGED] = True

    @event.listens_for(factory, "after_commit")
    def _refresh(session: Session) -> None:
        if session.info.pop(USERS_CHANGED, False):
            refresh(engine, path, key)
