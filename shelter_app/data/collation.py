"""Turkish order in SQL, for lists sorted and paged by the database: `turkish(column)` orders
like `domain.collation` (ICU's Turkish collator) on both databases.

SQLite has no Turkish collation: each connection gets one named "turkish" that calls the
domain's comparison (`register`). PostgreSQL uses its ICU collation "tr-x-icu" (present when
the server is built with ICU, as Debian's and the official images are)."""

from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from shelter_app.domain.collation import compare

SQLITE_NAME = "turkish"
POSTGRESQL_NAME = "tr-x-icu"


class turkish(ColumnElement[Any]):  # lower case: reads as a function in a query
    """`column COLLATE <Turkish>`, to order by."""

    inherit_cache = True
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement)]

    def __init__(self, column: Any) -> None:
        self.column = column
        self.type = column.type


@compiles(turkish)
def _sqlite(element: turkish, compiler: Any, **kw: Any) -> str:
    return f"{compiler.process(element.column, **kw)} COLLATE {SQLITE_NAME}"


@compiles(turkish, "postgresql")
def _postgresql(element: turkish, compiler: Any, **kw: Any) -> str:
    return f'{compiler.process(element.column, **kw)} COLLATE "{POSTGRESQL_NAME}"'


def register(dbapi_connection: Any) -> None:
    """Give a new SQLite connection the "turkish" collation."""
    dbapi_connection.create_collation(SQLITE_NAME, compare)
