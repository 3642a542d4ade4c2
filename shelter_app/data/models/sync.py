"""What sync keeps: on a laptop its outbox, the server version of each row it knows and its
state (device, cursor, clock); on the server the enrolled devices, the ops it has applied, the
change log laptops pull from and the conflicts a supervisor resolves.

All tables exist in every database (one schema); a laptop leaves the server's empty and the
server leaves the laptop's empty. Only `sync_conflicts` is itself synced, so that supervisors
see and resolve conflicts from any laptop.
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Base, Record, UTCDateTime

# SQLite only autoincrements an INTEGER PRIMARY KEY; PostgreSQL's log outgrows 32 bits.
SEQUENCE = BigInteger().with_variant(Integer(), "sqlite")


class SyncState(Base):
    """Key/value facts of this database's place in sync: role, device, token, cursor, clock."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class OutboxOp(Base):
    """One local change waiting for the server, written in the transaction that made it."""

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(SEQUENCE, primary_key=True, autoincrement=True)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    action: Mapped[str] = mapped_column(String(10))  # upsert | delete | purge
    base_version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    hlc: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    reason: Mapped[str | None] = mapped_column(Text)


class SyncedFile(Base):
    """A stored file's place in sync on a laptop: being uploaded, or known to be on the server
    (sent from here, or taken from there). A file with no row is here only."""

    __tablename__ = "sync_files"

    kind: Mapped[str] = mapped_column(String(8), primary_key=True)  # photo | thumb | scan
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    state: Mapped[str] = mapped_column(String(10))  # uploading | server
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class KnownVersion(Base):
    """The server's version of a row as this laptop last saw it: the base of its next edit.

    WITHOUT ROWID on SQLite: a first sync writes a row here per pulled row, at random places of
    the key, and this way each goes into one B-tree instead of two (the table and its key)."""

    __tablename__ = "sync_versions"
    __table_args__ = {"sqlite_with_rowid": False}

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)


class Device(Record):
    """A laptop enrolled with the server. The token and the one-time code are kept as SHA-256
    digests only; `mark` goes into every human reference the laptop issues."""

    __tablename__ = "sync_devices"

    name: Mapped[str] = mapped_column(String(80))
    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offices.id"))
    mark: Mapped[str] = mapped_column(String(2), unique=True)
    code_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    token_digest: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AppliedOp(Base):
    """An op the server has decided on, with its answer: a replay gets the same answer."""

    __tablename__ = "sync_applied"

    op_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    status: Mapped[str] = mapped_column(String(10))  # applied | conflict | refused
    reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int | None] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class LogEntry(Base):
    """A row as it stood after one change on the server; laptops pull these in `seq` order."""

    __tablename__ = "sync_log"

    seq: Mapped[int] = mapped_column(SEQUENCE, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    office_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    version: Mapped[int] = mapped_column(Integer)
    fields: Mapped[list[str]] = mapped_column(JSON)  # the fields this change set
    row: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # None: purged
    device_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    hlc: Mapped[str | None] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Conflict(Record):
    """The same field changed on two sides since a common version (or an edit of a row deleted
    elsewhere, field "deleted_at"): the server kept theirs; a supervisor decides."""

    __tablename__ = "sync_conflicts"

    entity: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offices.id"), index=True)
    field: Mapped[str] = mapped_column(String(40))
    base: Mapped[Any] = mapped_column(JSON)
    ours: Mapped[Any] = mapped_column(JSON)
    theirs: Mapped[Any] = mapped_column(JSON)
    ours_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    ours_device: Mapped[str | None] = mapped_column(String(80))
    ours_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    theirs_user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    theirs_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    op_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    resolution: Mapped[Any] = mapped_column(JSON)
