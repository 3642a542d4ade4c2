"""Declarative base and the columns every record carries.

Every row has a UUID key (laptops merge into one central database later), UTC timestamps,
the user who created it, a version counter (optimistic locking: a stale edit fails instead of
silently overwriting) and a soft-delete time.
"""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import DateTime, Enum, MetaData, Numeric, String, TypeDecorator, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from shelter_app.domain import clock

# session.info keys naming who writes and why (the audit trail and sync ops read them)
USER_KEY = "audit_user_id"
REASON_KEY = "audit_reason"
# the supervisor who confirmed an ID number found on another person in this write: a session.info
# key and, on a laptop, a field of each sync op the write makes, so the server knows of it
CONFIRMED_BY = "_id_confirmed_by"

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC, always returns an aware UTC datetime (SQLite would drop the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def Money() -> Numeric[Decimal]:  # noqa: N802 - reads like a type in column declarations
    return Numeric(14, 2, asdecimal=True)


def Quantity() -> Numeric[Decimal]:  # noqa: N802
    return Numeric(12, 3, asdecimal=True)


def Rate() -> Numeric[Decimal]:  # noqa: N802 - percentages such as KDV 20.00
    return Numeric(5, 2, asdecimal=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Record(Base):
    """Abstract base with the columns every table has."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=clock.now,
                                                 onupdate=clock.now)
    created_by: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    version: Mapped[int] = mapped_column(default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}


def Ref() -> String:  # noqa: N802 - human references such as GAZ-D-000123
    return String(32)


def Choice(enum: type[StrEnum]) -> Enum:  # noqa: N802
    """A StrEnum stored by value as plain text, portable to PostgreSQL without native enums."""
    return Enum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
