"""Stopping a query from another thread: a search replaced by a newer keystroke gives up at
once instead of scanning on for a result nobody will see.

The thread that wants the query stopped calls `Cancel.cancel()`; the query, run inside
`interruptible(session, cancel)`, is interrupted by the database itself (SQLite's
`interrupt()`, PostgreSQL's cancel request) and raises `Cancelled`. The connection is only
interrupted while the block owns it, so no later query on it is hit by mistake.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where a query runs: a list's model is made before SQLAlchemy loads
    from sqlalchemy.orm import Session


class Cancelled(Exception):
    """The query was given up because its result is no longer wanted."""


class Cancel:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancelled = False
        self._connection: Any = None  # the DBAPI connection of the query in flight

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._connection is not None:
                _interrupt(self._connection)


def _interrupt(connection: Any) -> None:
    if hasattr(connection, "interrupt"):  # sqlite3, sqlcipher3
        connection.interrupt()
    else:  # psycopg
        connection.cancel()


@contextmanager
def interruptible(session: "Session", cancel: Cancel | None) -> Iterator[None]:
    """Run the block's statements so that `cancel.cancel()` stops them (no-op without one)."""
    from sqlalchemy.exc import DBAPIError

    if cancel is None:
        yield
        return
    connection = session.connection().connection.dbapi_connection
    with cancel._lock:
        if cancel.cancelled:
            raise Cancelled
        cancel._connection = connection
    try:
        yield
    except DBAPIError as error:
        if cancel.cancelled:
            raise Cancelled from error
        raise
    finally:
        with cancel._lock:
            cancel._connection = None
