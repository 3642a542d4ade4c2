"""Dwellings, their search tokens, assessments (with the final one's works checklist) and
photos."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shelter_app.data.base import Base, Choice, Record, Ref, UTCDateTime
from shelter_app.data.models.people import Household, Landlord
from shelter_app.domain.stages import PhotoTag, Stage
from shelter_app.domain.works_check import WorkDone


class Dwelling(Record):
    __tablename__ = "dwellings"
    # the programme report's cases per office and stage, read from the index alone
    __table_args__ = (Index("ix_dwellings_office_stage", "office_id", "stage", "deleted_at",
                            "created_at", "household_id"),
                      Index("ix_dwellings_report", "id", "deleted_at", "office_id"))

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), index=True)
    province: Mapped[str] = mapped_column(String(60), index=True)
    district: Mapped[str] = mapped_column(String(60))
    neighbourhood: Mapped[str] = mapped_column(String(100))
    street: Mapped[str] = mapped_column(String(160))
    building_no: Mapped[str] = mapped_column(String(16))
    flat_no: Mapped[str | None] = mapped_column(String(16))
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    dwelling_type: Mapped[str] = mapped_column(String(30), default="apartment")
    floor_area_m2: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    rooms: Mapped[int | None] = mapped_column(Integer)
    landlord_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("landlords.id"), index=True)
    household_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("households.id"), index=True)
    stage: Mapped[Stage] = mapped_column(Choice(Stage), default=Stage.REGISTERED, index=True)

    landlord: Mapped[Landlord | None] = relationship(lazy="raise")
    household: Mapped[Household | None] = relationship(lazy="raise")

    @property
    def address(self) -> str:
        flat = f"/{self.flat_no}" if self.flat_no else ""
        return (
            f"{self.neighbourhood} Mah., {self.street} No:{self.building_no}{flat}, "
            f"{self.district}/{self.province}"
        )


class DwellingSearchToken(Base):
    """Folded word tokens of a dwelling's searchable text, for indexed prefix search.

    A `LIKE '%x%'` over 100,000 rows is a full scan; a prefix range over this key is not. The
    dwelling's reference rides along so that the default order (by reference) is read from this
    table alone, without visiting every matching dwelling. Rewritten by the service that
    changes what a dwelling shows (services.dwellings.reindex).
    """

    __tablename__ = "dwelling_search_tokens"
    __table_args__ = (
        Index("ix_dwelling_search_tokens_dwelling", "dwelling_id", "token"),
        {"sqlite_with_rowid": False},
    )

    token: Mapped[str] = mapped_column(String(80), primary_key=True)
    ref: Mapped[str] = mapped_column(Ref(), primary_key=True)
    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id", ondelete="CASCADE"))


class Assessment(Record):
    __tablename__ = "assessments"

    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    assessed_on: Mapped[date] = mapped_column(index=True)
    assessor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    measurements: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    occupants: Mapped[int | None] = mapped_column(Integer)
    priority_score: Mapped[Decimal | None] = mapped_column(Numeric(6, 2), index=True)
    eligible: Mapped[bool | None] = mapped_column()
    eligibility_reason: Mapped[str | None] = mapped_column(Text)
    is_final: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)


class WorksCheck(Record):
    """One line of the approved BoQ as the final assessment found it (domain.works_check)."""

    __tablename__ = "works_checks"
    __table_args__ = (UniqueConstraint("assessment_id", "boq_line_id"),)

    assessment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("assessments.id"), index=True)
    boq_line_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("boq_lines.id"))
    outcome: Mapped[WorkDone] = mapped_column(Choice(WorkDone))
    note: Mapped[str | None] = mapped_column(Text)


class Photo(Record):
    """A photo stored under the data directory by its SHA-256; the row holds its facts."""

    __tablename__ = "photos"

    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    assessment_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("assessments.id"))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int] = mapped_column(Integer)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    tag: Mapped[PhotoTag] = mapped_column(Choice(PhotoTag), default=PhotoTag.BEFORE)
    caption: Mapped[str | None] = mapped_column(Text)
    component: Mapped[str | None] = mapped_column(String(40))
    original_name: Mapped[str | None] = mapped_column(String(255))
