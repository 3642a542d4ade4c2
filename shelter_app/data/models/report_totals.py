"""Sums kept per office and day for the programme report (data.totals), so its approved BoQ
value and its households reached read a few thousand rows, not 78,000 BoQs and 100,000
households. Each machine keeps its own (not synced): they are worked out from synced records."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Base, Money


class BoQValueTotal(Base):
    """The approved BoQs of an office's live cases approved on one day (Türkiye's calendar):
    each case's newest approved revision, its total with KDV as printed."""

    __tablename__ = "boq_value_totals"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    approved_on: Mapped[date] = mapped_column(primary_key=True)
    boqs: Mapped[int] = mapped_column()
    value: Mapped[Decimal] = mapped_column(Money())


class ReachTotal(Base):
    """The live households whose first agreement with an office was signed on one day, by
    nationality and disability, and their people by band."""

    __tablename__ = "reach_totals"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    reached_on: Mapped[date] = mapped_column(primary_key=True)
    nationality: Mapped[str] = mapped_column(String(60), primary_key=True)
    disabled: Mapped[bool] = mapped_column(primary_key=True)
    households: Mapped[int] = mapped_column()
    n_female_0_17: Mapped[int] = mapped_column()
    n_male_0_17: Mapped[int] = mapped_column()
    n_female_18_59: Mapped[int] = mapped_column()
    n_male_18_59: Mapped[int] = mapped_column()
    n_female_60_plus: Mapped[int] = mapped_column()
    n_male_60_plus: Mapped[int] = mapped_column()
    n_unspecified: Mapped[int] = mapped_column()
