"""Indexes set aside while a laptop's first pull fills its tables, and put back.

A first pull writes hundreds of thousands of rows with random UUID keys: each row went into
every index of its table at a random place, where one CREATE INDEX at the end sorts once. So a
first pull drops the non-unique indexes of the tables it fills (unique ones stay: they refuse
duplicates) and creates them again before its last page is settled.

What is dropped is written down in the same transaction, as the CREATE statements the file
itself held, so no index is ever lost: a pull cut short puts them back on its way out, and a
file left with indexes aside (the app was killed mid-pull) gets them back when it is next
opened (`data.migrate`), before anything reads it or migrates its schema. SQLite only: the
laptop's database.
"""

import logging
from collections.abc import Iterable

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from shelter_app.data.outbox import set_state, state

log = logging.getLogger(__name__)

KEY = "indexes_set_aside"  # sync_state: {index name: its CREATE statement}

_DROPPABLE = text(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
    "AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN :tables"
).bindparams(bindparam("tables", expanding=True))


def set_aside(session: Session, tables: Iterable[str]) -> None:
    """Drop the non-unique indexes of `tables`, noting each, in the session's transaction."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    dropped = dict(connection.execute(_DROPPABLE, {"tables": list(tables)}).all())
    if not dropped:
        return
    set_state(session, KEY, (state(session, KEY) or {}) | dropped)
    for name in dropped:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')


def put_back(session: Session) -> bool:
    """Create again every index set aside, in the session's transaction; whether any was."""
    aside = state(session, KEY)
    if not aside:
        return False
    connection = session.connection()
    present = set(connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
    for name, statement in aside.items():
        if name not in present:
            connection.exec_driver_sql(statement)
    set_state(session, KEY, None)
    log.info("put back %d indexes set aside by a first pull", len(aside))
    return True
