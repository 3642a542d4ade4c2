"""A payment batch the server refused, as the laptop tells its supervisor. Batches are numbered
by count per office and month (payments.build_batches), so two laptops building one month
offline clash, and the second is refused whole (rules._check_number): that refusal says what
became of its timesheets and what to do. Its links and later steps, refused in turn, would bury
it under a refusal per timesheet, so they leave the list of held changes."""

import uuid
from typing import Any

from sqlalchemy import select

from shelter_app.data.bulk import among
from shelter_app.data.models import OutboxOp
from shelter_app.services.sync.wire import Report

_BATCHES = "payment_batches"


def told(session: Any, refused: list[tuple[Any, str | None]], report: Report) -> list[Any]:
    """The `refused` ops (outbox rows or links.Part, with their reasons, as said) that follow
    from a refused batch, refused in this push or an earlier one (a month's links fill many
    pushes); each refused batch's reason goes to `report.batches_dropped`, their count to
    `report.folded`."""
    report.batches_dropped += [reason or "" for op, reason in refused
                               if op.entity == _BATCHES and op.action == "create"]
    named = {batch for op, _ in refused if (batch := _batch_of(op)) is not None}
    if not named:
        return []
    dropped = set(session.scalars(select(OutboxOp.row_id).where(
        OutboxOp.entity == _BATCHES, OutboxOp.action == "create", OutboxOp.status == "refused",
        among(session.connection(), OutboxOp.row_id, list(named)))))
    folded = [op for op, _ in refused if _batch_of(op) in dropped
              and not (op.entity == _BATCHES and op.action == "create")]
    report.folded += len(folded)
    return folded


def _batch_of(op: Any) -> uuid.UUID | None:
    """The batch an op builds or steps (its own row), or links a timesheet to (a part of a
    link row, or such a part held as a row of its own: fields as a per-timesheet op's)."""
    if op.entity == _BATCHES:
        return op.row_id
    if op.entity == "timesheets" and set(op.fields) == {"payment_batch_id"} \
            and op.fields["payment_batch_id"] is not None:
        return uuid.UUID(str(op.fields["payment_batch_id"]))
    return None
