"""Price catalogues and bills of quantity; a BoQ line keeps the price it was priced with."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Choice, Money, Quantity, Rate, Record, Ref, UTCDateTime
from shelter_app.domain.stages import ApprovalStatus


class PriceCatalogue(Record):
    __tablename__ = "price_catalogues"

    label: Mapped[str] = mapped_column(String(60), unique=True)
    valid_from: Mapped[date] = mapped_column()
    published: Mapped[bool] = mapped_column(default=False)


class PriceItem(Record):
    __tablename__ = "price_items"
    __table_args__ = (UniqueConstraint("catalogue_id", "code"),)

    catalogue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("price_catalogues.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    description_tr: Mapped[str] = mapped_column(Text)
    description_en: Mapped[str] = mapped_column(Text)
    description_ar: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(12))
    unit_price: Mapped[Decimal] = mapped_column(Money())
    kdv_rate: Mapped[Decimal] = mapped_column(Rate())
    withdrawn: Mapped[bool] = mapped_column(default=False)


class BoQ(Record):
    __tablename__ = "boqs"
    __table_args__ = (UniqueConstraint("dwelling_id", "revision"),
                      # the programme report's approved BoQs, read from the index alone
                      Index("ix_boqs_approved_totals", "status", "dwelling_id", "revision",
                            "deleted_at", "decided_at", "gross_total"),
                      Index("ix_boqs_approved_on", "approved_on"))

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("boqs.id"))
    catalogue_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("price_catalogues.id"))
    status: Mapped[ApprovalStatus] = mapped_column(
        Choice(ApprovalStatus), default=ApprovalStatus.DRAFT
    )
    contingency_pct: Mapped[Decimal] = mapped_column(Rate(), default=Decimal("0"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    return_reason: Mapped[str | None] = mapped_column(Text)
    # the total with KDV as printed, kept while the BoQ is approved (data.totals; None
    # otherwise): the programme report sums these, not 400,000 lines
    gross_total: Mapped[Decimal | None] = mapped_column(Money())
    # the day it was approved in Türkiye's calendar, kept beside gross_total: the report's
    # approved value is kept per office and this day (data.models.report_totals)
    approved_on: Mapped[date | None] = mapped_column()


class BoQLine(Record):
    __tablename__ = "boq_lines"
    # the programme report's BoQ totals per KDV rate, read from the index alone
    __table_args__ = (Index("ix_boq_lines_totals", "boq_id", "kdv_rate", "quantity",
                            "unit_price", "deleted_at"),)

    boq_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("boqs.id"), index=True)
    price_item_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("price_items.id"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(12))
    quantity: Mapped[Decimal] = mapped_column(Quantity())
    unit_price: Mapped[Decimal] = mapped_column(Money())
    kdv_rate: Mapped[Decimal] = mapped_column(Rate())
