"""Engine and session setup: one Database object per opened database.

A laptop's SQLite file is encrypted with SQLCipher when the Database has a key (data.keyring);
its WAL and journal are encrypted with it, and temporary tables and sorts stay in memory.

SQLite runs in WAL mode with foreign keys on, a busy timeout and synchronous=FULL (a laptop's
battery can die mid-write). Write transactions begin with BEGIN IMMEDIATE so that a transaction
that starts as a read and then writes cannot fail on a lock that busy_timeout would not wait for.
"""

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool, QueuePool

from shelter_app.data import audit, collation, key_holders, outbox, totals
from shelter_app.data.audit import REASON_KEY, USER_KEY
from shelter_app.data.database_file import quiet_sqlcipher
from shelter_app.data.keyring import sqlcipher_key
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

_WRITE = "shelter_write"


class HasUser(Protocol):
    """Whoever acts (services.auth.Actor); the data layer only needs the user's id."""

    @property
    def user_id(self) -> uuid.UUID | None: ...

BUSY_TIMEOUT_MS = 15_000
# An encrypted file's page cache (SQLCipher's default: 8 MiB), taken only as pages are used.
# Its connections are pooled so that the pages they decrypted stay decrypted; and a
# transaction whose changed pages outgrow the cache spills them to the WAL before it commits,
# which for an encrypted file means encrypting them twice and decrypting them again (a
# month's payment batch of 5,000 workers, ~7,600 pages written: a sixth less CPU).
CIPHER_CACHE_KIB = 32_768
CONNECT_TIMEOUT_S = 10  # a server that does not answer is reported, not waited for minutes
_PASSWORD = re.compile(r"(://[^:/@]*:)[^@]*@")  # never echo a password in a message


def target_url(target: str) -> URL:
    """A URL for `target`: a SQLAlchemy URL as given, anything else is a SQLite file path."""
    if "://" in target:
        try:
            return make_url(target)
        except (ArgumentError, ValueError):
            raise UserError(translate("database", "{target} is not a database URL; write "
                                                  "postgresql+psycopg://USER:PASSWORD@HOST/NAME "
                                                  "or the path of a file.").format(
                target=_PASSWORD.sub(r"\1***@", target))) from None
    return URL.create("sqlite+pysqlite", database=str(Path(target).expanduser().resolve()))


def _sqlite_engine(url: URL, key: bytes | None) -> Engine:
    if key is not None:
        quiet_sqlcipher()  # SQLCipher; SQLAlchemy quotes the key into PRAGMA key (see keyring)
        url = url.set(drivername="sqlite+pysqlcipher", password=sqlcipher_key(key))
    # Encrypted: connections are pooled, so the pages they decrypted stay in their caches (a
    # new connection per session decrypts every page it reads again: a filter keystroke on
    # 20,000 dwellings cost 1.8 times the plain file's, pooled about the same). Plain files
    # keep a connection per session.
    engine = create_engine(url, poolclass=NullPool if key is None else QueuePool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, see _on_begin
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")  # erased personal data leaves no trace
        cursor.execute("PRAGMA temp_store = MEMORY")  # sorts and temporary tables never on disk
        if key is not None:
            cursor.execute(f"PRAGMA cache_size = -{CIPHER_CACHE_KIB}")
        cursor.close()
        collation.register(dbapi_connection)  # names sorted in SQL as a Turkish reader expects

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _server_engine(url: URL) -> Engine:
    if url.get_backend_name() == "postgresql" and "connect_timeout" not in url.query:
        return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    return create_engine(url)


class Database:
    """An opened database: hands out one Session per unit of work, never shared across threads."""

    def __init__(self, url: URL, key: bytes | None = None) -> None:
        self.url = url
        self.key = key  # the SQLCipher key of an encrypted SQLite file (data.keyring)
        self.engine = _sqlite_engine(url, key) if self.is_sqlite else _server_engine(url)
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self.engine.execution_options(**{_WRITE: True}), expire_on_commit=False
        )
        audit.install(self._writer)
        outbox.install(self._writer)
        totals.install(self._writer)
        if key is not None and self.path is not None:
            key_holders.install(self._writer, self.engine, self.path, key)
        self._files_dir: Path | None = None
        self._refusal: str | None = None  # why nothing may be written (a damaged file)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def path(self) -> Path | None:
        """The database file, or None for a server database."""
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def files_dir(self) -> Path:
        """Where photos and scans of this database live: beside the file, named after it, or
        the folder a sync server was given (`serve --files DIR`)."""
        if self._files_dir is not None:
            return self._files_dir
        if self.path is not None:
            return self.path.with_name(self.path.stem + "-files")
        from shelter_app.config import paths

        return paths().data / "files"

    @files_dir.setter
    def files_dir(self, folder: Path) -> None:
        self._files_dir = folder

    @property
    def display_name(self) -> str:
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it changes is committed."""
        with self._reader() as session:
            yield session

    @contextmanager
    def write(self, actor: "HasUser | None" = None, *, reason: str | None = None
              ) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back whole on any error.

        Every record it writes is audited in the same transaction under `actor` (None: the
        system), with `reason` when the action needs one (reopening an approved record)."""
        if self._refusal is not None:
            raise UserError(self._refusal)
        with self._writer() as session:
            session.info[USER_KEY] = actor.user_id if actor is not None else None
            if reason:
                session.info[REASON_KEY] = reason
            with session.begin():
                yield session

    def refuse_writes(self, reason: str) -> None:
        """Every later `write` raises UserError(reason); reading goes on (a damaged file is
        shown, never written, until a backup replaces it)."""
        self._refusal = reason

    def dispose(self) -> None:
        self.engine.dispose()

    def retire(self, reason: str) -> None:
        """Never connect again (the file was erased: a connection would create it anew); every
        later use raises UserError(reason)."""
        self.engine.dispose()

        def refuse() -> Any:
            raise UserError(reason)

        self.engine = create_engine("sqlite://", creator=refuse, poolclass=NullPool)
        self._reader.configure(bind=self.engine)
        self._writer.configure(bind=self.engine.execution_options(**{_WRITE: True}))
