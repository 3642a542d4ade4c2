"""Cash-for-work: daily labour entries, timesheets and payment batches."""

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Base, Choice, Money, Record, Ref, UTCDateTime
from shelter_app.domain.stages import ApprovalStatus, BatchStatus


class PaymentBatch(Record):
    __tablename__ = "payment_batches"

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    period: Mapped[str] = mapped_column(String(7), index=True)
    status: Mapped[BatchStatus] = mapped_column(Choice(BatchStatus), default=BatchStatus.DRAFT)
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Timesheet(Record):
    __tablename__ = "timesheets"
    # a batch's timesheets by id from the index alone, in id order: the sum of its days finds
    # their entries without reading 25,000 timesheet rows (migration 0022)
    __table_args__ = (Index("ix_timesheets_payment_batch_ids", "payment_batch_id", "id"),)

    ref: Mapped[str] = mapped_column(Ref(), unique=True)
    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    period_start: Mapped[date] = mapped_column()
    period_end: Mapped[date] = mapped_column()
    status: Mapped[ApprovalStatus] = mapped_column(
        Choice(ApprovalStatus), default=ApprovalStatus.DRAFT, index=True
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    return_reason: Mapped[str | None] = mapped_column(Text)
    payment_batch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("payment_batches.id"))


class LabourEntry(Record):
    """One worker's day on one site: a full (1.0) or half (0.5) day."""

    __tablename__ = "labour_entries"
    __table_args__ = (
        Index("ix_labour_entries_worker_day", "worker_id", "work_date"),
        # the programme report's days per month, read from the index alone
        Index("ix_labour_entries_day_portion", "work_date", "portion", "deleted_at",
              "dwelling_id"),
        # a payment batch's days per worker and rate, read from the index alone (0022)
        Index("ix_labour_entries_timesheet_days", "timesheet_id", "deleted_at", "worker_id",
              "portion", "work_date"),
        # room on each page for a synced day written again in place (migration 0021)
        {"postgresql_with": {"fillfactor": 85}},
    )

    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workers.id"))
    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    work_date: Mapped[date] = mapped_column(index=True)
    portion: Mapped[Decimal] = mapped_column(Numeric(2, 1))
    task: Mapped[str | None] = mapped_column(String(120))
    timesheet_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("timesheets.id"))
    override_reason: Mapped[str | None] = mapped_column(Text)


class LabourDayTotal(Base):
    """The live labour days worked on an office's sites on one day: kept by data.totals in
    the transaction that changes a labour day (sync included), so the programme report reads a
    few hundred of these, not a million labour days. Each machine keeps its own (not synced)."""

    __tablename__ = "labour_day_totals"

    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    work_date: Mapped[date] = mapped_column(primary_key=True)
    days: Mapped[Decimal] = mapped_column(Numeric(12, 1))
