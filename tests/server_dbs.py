"""PostgreSQL databases for tests: one per test, made from a migrated template in milliseconds.

`SHELTER_APP_TEST_DB=postgresql+psycopg://user:pw@127.0.0.1/shelter_test` runs the suite's
database fixtures on that server. The database named in the URL is never touched: each test
gets `<name>_<pid>_<n>`, a copy (CREATE DATABASE … TEMPLATE) of a template the session
migrated once, dropped when the test ends.
"""

import itertools
import os

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

TEST_DB_ENV = "SHELTER_APP_TEST_DB"


def server_url() -> URL | None:
    """The server the suite runs on, or None for SQLite files."""
    raw = os.environ.get(TEST_DB_ENV)
    return make_url(raw) if raw else None


def target(database) -> str:
    """What `--db` takes to open `database` again: its file, or its URL with the password."""
    if database.path is not None:
        return str(database.path)
    return database.url.render_as_string(hide_password=False)


class ServerDatabases:
    """Creates and drops this test session's databases on one PostgreSQL server."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.prefix = f"{url.database}_{os.getpid()}"
        self._numbers = itertools.count(1)
        self._admin = create_engine(url.set(database="postgres"), poolclass=NullPool,
                                    isolation_level="AUTOCOMMIT")

    def create(self, template: URL | None = None) -> URL:
        """A new, empty database, or a copy of `template` (which must have no connection)."""
        name = f"{self.prefix}_{next(self._numbers)}"
        copy = f' TEMPLATE "{template.database}"' if template is not None else ""
        with self._admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        return self.url.set(database=name)

    def drop(self, url: URL) -> None:
        with self._admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))

    def drop_all(self) -> None:
        """Every database this session made (a crashed test leaves none behind either)."""
        with self._admin.connect() as conn:
            names = conn.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                 {"p": f"{self.prefix}\\_%"}).scalars().all()
            for name in names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self._admin.dispose()
