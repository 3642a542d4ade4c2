"""Households, landlords and workers: the people the programme serves and pays."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Choice, Record, Ref, UTCDateTime
from shelter_app.domain.stages import LandlordKind, PaymentMethod, ProtectionStatus


class Household(Record):
    __tablename__ = "households"
    # the programme report's people reached, read from the index alone
    __table_args__ = (Index("ix_households_reach", "id", "deleted_at", "nationality", "disabled",
                            "n_female_0_17", "n_male_0_17", "n_female_18_59", "n_male_18_59",
                            "n_female_60_plus", "n_male_60_plus", "n_unspecified"),)

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), index=True)
    head_name: Mapped[str] = mapped_column(String(160))
    head_id_number: Mapped[str | None] = mapped_column(String(11), index=True)
    nationality: Mapped[str] = mapped_column(String(60))
    protection_status: Mapped[ProtectionStatus] = mapped_column(Choice(ProtectionStatus))
    phone: Mapped[str | None] = mapped_column(String(16))
    members: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    vulnerabilities: Mapped[list[str]] = mapped_column(JSON, default=list)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    search_key: Mapped[str] = mapped_column(String(400), default="")
    # `members` and the disability as plain columns, kept by data.totals for the programme
    # report (a JSON value read per household costs seconds on 100,000 of them)
    n_female_0_17: Mapped[int] = mapped_column(default=0, server_default="0")
    n_male_0_17: Mapped[int] = mapped_column(default=0, server_default="0")
    n_female_18_59: Mapped[int] = mapped_column(default=0, server_default="0")
    n_male_18_59: Mapped[int] = mapped_column(default=0, server_default="0")
    n_female_60_plus: Mapped[int] = mapped_column(default=0, server_default="0")
    n_male_60_plus: Mapped[int] = mapped_column(default=0, server_default="0")
    n_unspecified: Mapped[int] = mapped_column(default=0, server_default="0")
    disabled: Mapped[bool] = mapped_column(default=False, server_default=false())

    @property
    def size(self) -> int:
        return sum(self.members.values()) if self.members else 0


class HouseholdMember(Record):
    """One person of a household (the head included), as the members register lists them."""

    __tablename__ = "household_members"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    latin_name: Mapped[str] = mapped_column(String(160))
    arabic_name: Mapped[str | None] = mapped_column(String(160))
    sex: Mapped[str] = mapped_column(String(8))
    birth_date: Mapped[date] = mapped_column()
    birth_date_estimated: Mapped[bool] = mapped_column(default=False)  # typed as an age
    relation: Mapped[str] = mapped_column(String(16))
    id_number: Mapped[str | None] = mapped_column(String(11), index=True)
    search_key: Mapped[str] = mapped_column(String(400), default="")


class Landlord(Record):
    __tablename__ = "landlords"

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), index=True)
    kind: Mapped[LandlordKind] = mapped_column(Choice(LandlordKind))
    name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str | None] = mapped_column(String(11), index=True)
    tax_number: Mapped[str | None] = mapped_column(String(10), index=True)
    iban: Mapped[str | None] = mapped_column(String(26), index=True)
    phone: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(String(400), default="")


class Worker(Record):
    """A household member doing cash-for-work on the household's own dwelling."""

    __tablename__ = "workers"

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    full_name: Mapped[str] = mapped_column(String(160))
    id_number: Mapped[str] = mapped_column(String(11), index=True)
    birth_date: Mapped[date] = mapped_column()
    work_permit_number: Mapped[str | None] = mapped_column(String(40))
    work_permit_expiry: Mapped[date | None] = mapped_column()
    payment_method: Mapped[PaymentMethod] = mapped_column(Choice(PaymentMethod))
    iban: Mapped[str | None] = mapped_column(String(26))
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    search_key: Mapped[str] = mapped_column(String(400), default="")


class Erasure(Record):
    """A person's data erased or pseudonymised under KVKK, on any machine: the records it
    reached and the files it deleted, so that every machine that takes it clears its own copies
    too (audit trail, change log, unsent changes, files). It names no value that was erased;
    who did it and when are its own audit, why is `reason_code` (services.privacy.erasure.ErasureReason)
    with an optional note in `reason`, scrubbed of the person's name and numbers."""

    __tablename__ = "erasures"

    office_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("offices.id"), index=True)
    records: Mapped[list[list[str]]] = mapped_column(JSON)  # [table, row id] pairs
    files: Mapped[list[list[str]]] = mapped_column(JSON)  # [kind, sha256] pairs
    reason_code: Mapped[str] = mapped_column(String(32), server_default="other")
    reason: Mapped[str] = mapped_column(Text)  # the note

