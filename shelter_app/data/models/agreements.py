"""Fixed-rent landlord agreements and the monitoring visits that check them."""

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Choice, Money, Record
from shelter_app.domain.stages import AgreementStatus


class LeaseAgreement(Record):
    __tablename__ = "lease_agreements"
    # the programme report's households reached: the first signing of each household's
    # agreements, read from the index alone
    __table_args__ = (Index("ix_lease_agreements_signings", "household_id", "signed_on",
                            "deleted_at", "office_id"),
                      Index("ix_lease_agreements_counts", "office_id", "deleted_at", "status",
                            "start_date", "end_date", "id"),
                      # the households first reached by an office on a day (data.totals)
                      Index("ix_lease_agreements_office_signings", "office_id", "signed_on",
                            "household_id", "deleted_at"),
                      # the report's agreements counted on a day, read from the index alone
                      Index("ix_lease_agreements_kinds", "status", "deleted_at", "office_id",
                            "start_date", "end_date", "open_visit_due", "id"))

    number: Mapped[str] = mapped_column(String(20), unique=True)
    office_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("offices.id"), index=True)
    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    landlord_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("landlords.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    boq_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("boqs.id"))
    renewal_of_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("lease_agreements.id"), index=True
    )
    status: Mapped[AgreementStatus] = mapped_column(
        Choice(AgreementStatus), default=AgreementStatus.DRAFT, index=True
    )
    term_months: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column()
    end_date: Mapped[date] = mapped_column(index=True)
    monthly_rent: Mapped[Decimal] = mapped_column(Money())
    rent_free_months: Mapped[int] = mapped_column(Integer, default=0)
    deposit: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0"))
    payment_day: Mapped[int] = mapped_column(Integer, default=1)
    payment_iban: Mapped[str | None] = mapped_column(String(26))
    fixtures: Mapped[str | None] = mapped_column(Text)
    utilities: Mapped[str | None] = mapped_column(Text)
    title_deed_block: Mapped[str | None] = mapped_column(String(20))
    title_deed_parcel: Mapped[str | None] = mapped_column(String(20))
    court: Mapped[str | None] = mapped_column(String(120))
    languages: Mapped[str] = mapped_column(String(8), default="tr+ar")
    signed_on: Mapped[date | None] = mapped_column()
    signed_scan_sha256: Mapped[str | None] = mapped_column(String(64))
    end_reason: Mapped[str | None] = mapped_column(Text)
    # the due day of its earliest monitoring visit neither made nor deleted, kept by
    # data.totals (not synced): the report's overdue visits read it, not every past visit
    open_visit_due: Mapped[date | None] = mapped_column()


OPEN_VISIT = "visited_on IS NULL AND deleted_at IS NULL"  # neither made nor deleted


class MonitoringVisit(Record):
    __tablename__ = "monitoring_visits"
    # the programme report's overdue visits, read from the index alone; the Agreements
    # page's overdue visits from the open ones alone
    __table_args__ = (Index("ix_monitoring_visits_due", "due_on", "deleted_at", "visited_on",
                            "agreement_id"),
                      Index("ix_monitoring_visits_open", "agreement_id", "due_on",
                            sqlite_where=text(OPEN_VISIT), postgresql_where=text(OPEN_VISIT)),
                      # the visits made after a day they were due before (data.totals)
                      Index("ix_monitoring_visits_made", "visited_on", "deleted_at", "due_on",
                            "agreement_id"))

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("lease_agreements.id"), index=True
    )
    due_on: Mapped[date] = mapped_column(index=True)
    visited_on: Mapped[date | None] = mapped_column()
    rent_paid: Mapped[Decimal | None] = mapped_column(Money())
    household_present: Mapped[bool | None] = mapped_column()
    notes: Mapped[str | None] = mapped_column(Text)
