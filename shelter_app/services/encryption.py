"""A laptop's data encrypted at rest: encrypting a database from before encryption, the recovery
key an administrator keeps, sealing the files and erasing a revoked laptop's copy. Unlocking at
start is services.unlocking, which does without the database layer.

The key handling itself is data.keyring (the file beside the database) and data.key_holders
(every active user's copy kept in step with the users table). The sync server's PostgreSQL
database is not encrypted by the app: protect it with the server's own disk encryption.
"""

import os
import shutil
from collections.abc import Callable
from typing import Any

from sqlalchemy import select, text

from shelter_app.data import key_holders, keyring
from shelter_app.data.database_file import path_of
from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import open_database, quick_check
from shelter_app.data.models import User
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import SYSTEM, Actor, require
from shelter_app.services.backup import backup_now, default_folder, list_backups
from shelter_app.services.files import seal_folder

CONVERSION_STEPS = 4  # backup, encrypted copy, checked with its keyring, in place
Progress = Callable[[int, int], None]

WrongSecret = keyring.WrongSecret


def needs_recovery_key(db: Database) -> bool:
    """An encrypted database whose recovery key was never shown to an administrator."""
    return db.key is not None and db.path is not None and not keyring.has_recovery(db.path)


def new_recovery_key(db: Database, actor: Actor) -> str:
    """A new recovery key, returned once to show the administrator; the old one stops
    working."""
    require(actor, Action.MANAGE_USERS)
    if db.key is None or db.path is None:
        raise UserError(translate("database", "This database is not encrypted; it has no "
                                              "recovery key."))
    return keyring.new_recovery(db.path, db.key)


def convert(target: str, progress: Progress | None = None) -> bytes:
    """Encrypt the plain database `target` with a new key and return the key.

    A backup first (an automatic snapshot); then the encrypted copy is written beside the
    file, checked (SQLite's check and every table's row count) and its keyring written; only
    then does it replace the original, in one rename. Killed before that rename, the original
    is as it was (and converted again at the next start); the photos and scans are then
    sealed and the plain snapshots replaced by an encrypted one."""
    path = path_of(target)
    assert path is not None
    step = progress or (lambda _done, _total: None)
    step(0, CONVERSION_STEPS)
    plain = open_database(target, create=False)  # upgraded to the newest schema first
    try:
        backup_now(plain, SYSTEM)
        with plain.read() as session:
            counts = _row_counts(session)
    finally:
        plain.dispose()
    step(1, CONVERSION_STEPS)
    key = keyring.new_key()
    partial = path.with_name(path.name + ".encrypting")
    try:
        keyring.encrypt_copy(path, partial, key)
        step(2, CONVERSION_STEPS)
        problem = quick_check(partial, key)
        copy = Database(target_url(str(partial)), key)
        try:
            with copy.read() as session:
                same = _row_counts(session) == counts
                hashes = dict(session.execute(
                    select(User.username, User.password_hash).where(
                        User.active.is_(True), User.deleted_at.is_(None),
                        User.password_hash.is_not(None))).all())
        finally:
            copy.dispose()
        if problem or not same:
            raise UserError(translate("database", "Encrypting {path} failed ({problem}); the "
                                                  "database was left as it was.").format(
                path=path, problem=problem or "row counts differ"))
        keyring.create(path)
        keyring.set_users(path, key, hashes)
        step(3, CONVERSION_STEPS)
        for suffix in ("-wal", "-shm"):  # folded in and closed: never to meet the new file
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    _encrypt_backups(target, key)
    step(CONVERSION_STEPS, CONVERSION_STEPS)
    return key


def _row_counts(session: Any) -> dict[str, int]:
    names = [name for (name,) in session.execute(text(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))]
    return {name: session.execute(text(f'SELECT count(*) FROM "{name}"')).scalar()
            for name in names}


def _encrypt_backups(target: str, key: bytes) -> None:
    """The plain snapshots go; one encrypted snapshot takes their place."""
    path = path_of(target)
    assert path is not None
    folder = default_folder(path)
    for info in list_backups(folder):
        info.path.unlink(missing_ok=True)
        info.path.with_suffix(".json").unlink(missing_ok=True)
    for kept in path.parent.glob(f"{path.stem}.before-upgrade-*{path.suffix}"):
        kept.unlink(missing_ok=True)
    db = open_database(target, key=key)
    try:
        seal_files(db)
        backup_now(db, SYSTEM)
    finally:
        db.dispose()


def seal_files(db: Database) -> int:
    """At start: seal the photos, thumbnails and scans of an encrypted laptop, and the photo
    copies of its backups, still plain from before (see files.seal_folder); how many. A key
    file from before user names were hidden is rewritten first."""
    if db.key is None or db.path is None:
        return 0
    if not keyring.names_hidden(db.path):
        key_holders.refresh(db.engine, db.path, db.key)
    return seal_folder(db.files_dir, db.key) + seal_folder(default_folder(db.path), db.key)


def wipe(db: Database) -> None:
    """Erase this laptop's copy (a device revoked by the server): the key file first (without
    it the encrypted database, its copies and backups are unreadable), then the database with
    its WAL and journal, the copies kept beside it, its files and its backups. `db` refuses
    every later use. A server database is never wiped."""
    path = db.path
    if path is None:
        return
    db.retire(translate("database", "This laptop's copy of the data was erased."))
    key_file = keyring.keyring_path(path)
    if key_file.exists():
        with key_file.open("r+b") as handle:  # the wrapped keys overwritten where they were
            handle.write(os.urandom(key_file.stat().st_size))
            handle.flush()
            os.fsync(handle.fileno())
        key_file.unlink()
    for side in (path, *(path.with_name(path.name + suffix)
                         for suffix in ("-wal", "-shm", "-journal"))):
        side.unlink(missing_ok=True)
    for kept in path.parent.glob(f"{path.stem}.*-*{path.suffix}*"):  # before-upgrade, replaced
        kept.unlink(missing_ok=True)
    shutil.rmtree(db.files_dir, ignore_errors=True)
    shutil.rmtree(default_folder(path), ignore_errors=True)
