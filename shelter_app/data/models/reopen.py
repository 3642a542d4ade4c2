"""Reopen requests: an engineer's reasoned ask to unlock an approved BoQ or timesheet."""

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from shelter_app.data.base import Choice, Record, UTCDateTime
from shelter_app.domain.reopen import ReopenKind
from shelter_app.domain.stages import ApprovalStatus


class ReopenRequest(Record):
    __tablename__ = "reopen_requests"

    dwelling_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dwellings.id"), index=True)
    kind: Mapped[ReopenKind] = mapped_column(Choice(ReopenKind))
    boq_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("boqs.id"))
    timesheet_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("timesheets.id"))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[ApprovalStatus] = mapped_column(
        Choice(ApprovalStatus), default=ApprovalStatus.SUBMITTED, index=True)
    requested_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str | None] = mapped_column(Text)
