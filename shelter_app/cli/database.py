"""The database a command-line verb opens, disposed of when the verb ends.

A server database keeps pooled connections open; disposing of them when `main()` returns closes
them properly instead of leaving them to the garbage collector (a ResourceWarning, and a
connection the server holds until it notices).
"""

import os
import sys
from getpass import getpass
from typing import TYPE_CHECKING

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

RECOVERY_ENV = "SHELTER_APP_RECOVERY_KEY"

if TYPE_CHECKING:
    from shelter_app.data.engine import Database

_opened: list["Database"] = []


def open_for_verb(target: str, *, upgrade: bool = True, create: bool = False) -> "Database":
    """Open `target` for this verb: only `migrate` and `demo` pass create=True. An encrypted
    file is unlocked with the recovery key in SHELTER_APP_RECOVERY_KEY, or a user's name and
    password asked on the terminal."""
    from shelter_app.data.migrate import open_database
    from shelter_app.services.encryption import seal_files

    db = open_database(target, upgrade=upgrade, create=create, key=database_key(target))
    _opened.append(db)
    seal_files(db)  # files still plain from before encryption (a no-op once done)
    return db


def dispose_opened() -> None:
    while _opened:
        _opened.pop().dispose()


def database_key(target: str) -> bytes | None:
    """The key of an encrypted `target`, asked for as open_for_verb says; None for others."""
    from shelter_app.data.database_file import is_locked

    if not is_locked(target):
        return None
    from shelter_app.services import unlocking

    recovery = os.environ.get(RECOVERY_ENV)
    if recovery:
        return unlocking.unlock_recovery(target, recovery)
    if not sys.stdin.isatty():
        raise UserError(translate("cli", "The database is encrypted: run this on a terminal "
                                         "to sign in, or give the recovery key in {env}."
                                  ).format(env=RECOVERY_ENV))
    username = input(translate("cli", "User name: "))
    return unlocking.unlock(target, username, getpass(translate("cli", "Password: ")))
