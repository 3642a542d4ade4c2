"""Offices, users, settings and the audit trail."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Choice, Money, Record, UTCDateTime
from shelter_app.domain.stages import Role


class Office(Record):
    """A field office; its code prefixes every human reference (GAZ-D-000123). A closed office
    (closed_at set) keeps its records and users but takes no new cases. `budget` (set by an
    administrator; None: not set) is what the Reports page weighs its spending against."""

    __tablename__ = "offices"

    code: Mapped[str] = mapped_column(String(3), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    province: Mapped[str] = mapped_column(String(60))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    budget: Mapped[Decimal | None] = mapped_column(Money())


class User(Record):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(160))
    role: Mapped[Role] = mapped_column(Choice(Role))
    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offices.id"))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str] = mapped_column(String(8), default="tr")
    active: Mapped[bool] = mapped_column(default=True)


class Setting(Record):
    """A policy value (rates, caps, ceilings); dated so past records keep the value of their day."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("key", "valid_from", "office_id"),)

    key: Mapped[str] = mapped_column(String(80), index=True)
    value: Mapped[Any] = mapped_column(JSON)
    valid_from: Mapped[date | None] = mapped_column()
    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offices.id"))


class AuditEvent(Record):
    """Who changed what, with each field's old and new value, written in the same transaction."""

    __tablename__ = "audit_events"

    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reason: Mapped[str | None] = mapped_column(Text)


class ExternalKey(Record):
    """A record's identity in another system, e.g. the `_uuid` of the KoboToolbox submission it
    was imported from: importing the same export again finds the record instead of adding a
    second copy. One submission may create several records (a household and its dwelling), so
    the key is unique per entity."""

    __tablename__ = "external_keys"
    __table_args__ = (UniqueConstraint("system", "entity", "key"),)

    system: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
