"""The database a command-line verb opens, disposed of when the verb ends.

A server database keeps pooled connections open; disposing of them when `main()` returns closes
them properly instead of leaving them to the garbage collector (a ResourceWarning, and a
connection the server holds until it notices).
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shelter_app.data.engine import Database

_opened: list["Database"] = []


def open_for_verb(target: str, *, upgrade: bool = True, create: bool = False) -> "Database":
    """Open `target` for this verb: only `migrate` and `demo` pass create=True."""
    from shelter_app.data.migrate import open_database

    db = open_database(target, upgrade=upgrade, create=create)
    _opened.append(db)
    return db


def dispose_opened() -> None:
    while _opened:
        _opened.pop().dispose()
