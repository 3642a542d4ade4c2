"""Reopen requests: the engineer asks with a reason, the supervisor approves (the record is
unlocked, audited with the reason) or returns with an answer; roles checked by the service."""

import pytest
from sqlalchemy import func, select

from shelter_app.data.models import AuditEvent, BoQ, Dwelling, ReopenRequest, Timesheet
from shelter_app.domain.errors import PermissionDenied, UserError, ValidationError
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.boq import boq as boq_service
from shelter_app.services.labour import timesheets
from shelter_app.services.reopen_requests import (
    approve_request,
    ask_reopen,
    return_request,
    waiting_requests,
)


def approved(db, model, office_code: str = "GAZ"):
    """An approved record of the office that nobody has asked to reopen yet."""
    asked = ReopenRequest.timesheet_id if model is Timesheet else ReopenRequest.boq_id
    with db.read() as session:
        return session.scalar(
            select(model.id).join(Dwelling, Dwelling.id == model.dwelling_id)
            .where(model.status == ApprovalStatus.APPROVED, Dwelling.ref.startswith(office_code),
                   model.deleted_at.is_(None), model.id.not_in(
                       select(asked).where(ReopenRequest.status == ApprovalStatus.SUBMITTED,
                                           asked.is_not(None))),
                   # not paid yet: a paid timesheet is corrected in a later one
                   Timesheet.payment_batch_id.is_(None) if model is Timesheet else True)
            .order_by(model.ref).limit(1))


def requests(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(ReopenRequest)) or 0


def test_an_approved_boq_reopened_on_request_gets_a_new_revision_audited_with_the_reason(
        demo_db, engineer, supervisor):
    boq_id = approved(demo_db, BoQ)
    asked = ask_reopen(demo_db, engineer, "boq", boq_id, "  Landlord  wants a steel door ")
    assert asked.reason == "Landlord wants a steel door" and asked.requested_by
    assert asked.id in [row.id for row in waiting_requests(demo_db, supervisor)]
    with pytest.raises(UserError, match="already waits"):
        ask_reopen(demo_db, engineer, "boq", boq_id, "again")
    with pytest.raises(PermissionDenied):
        approve_request(demo_db, engineer, asked.id)  # only a supervisor decides
    decided = approve_request(demo_db, supervisor, asked.id)
    assert decided.status is ApprovalStatus.APPROVED
    assert asked.id not in [row.id for row in waiting_requests(demo_db, supervisor)]
    old = boq_service.boq_view(demo_db, supervisor, boq_id)
    with demo_db.read() as session:
        newest = session.scalar(select(BoQ).where(BoQ.previous_id == boq_id))
        assert newest.status is ApprovalStatus.DRAFT and old.status is ApprovalStatus.APPROVED
        reasons = set(session.scalars(select(AuditEvent.reason).where(
            AuditEvent.entity_id.in_([newest.id, asked.id]))))
    assert "Landlord wants a steel door" in reasons
    with pytest.raises(UserError, match="already decided"):
        return_request(demo_db, supervisor, asked.id, "no")


def test_a_timesheet_request_returned_with_an_answer_stays_locked(demo_db, engineer,
                                                                  supervisor):
    sheet = approved(demo_db, Timesheet)
    asked = ask_reopen(demo_db, engineer, "timesheet", sheet, "Ali worked Friday, not Thursday")
    with pytest.raises(ValidationError) as raised:
        return_request(demo_db, supervisor, asked.id, "  ")
    assert raised.value.field == "reason"
    returned = return_request(demo_db, supervisor, asked.id, "Correct it in next week's sheet")
    assert returned.status is ApprovalStatus.RETURNED and "next week" in returned.answer
    with demo_db.read() as session:
        assert session.get(Timesheet, sheet).status is ApprovalStatus.APPROVED
    again = ask_reopen(demo_db, engineer, "timesheet", sheet, "Payroll error")  # a new ask
    approve_request(demo_db, supervisor, again.id)
    with demo_db.read() as session:
        assert session.get(Timesheet, sheet).status is ApprovalStatus.RETURNED
    assert timesheets.list_timesheets(demo_db, supervisor, text="")  # still listed


@pytest.mark.parametrize(("reason", "who", "error"), [
    ("", "engineer", ValidationError),  # no reason
    ("Wrong price", "admin", PermissionDenied),  # an administrator does not take part
])
def test_a_request_without_a_reason_or_by_an_administrator_is_refused(
        demo_db, engineer, admin, reason, who, error):
    boq_id = approved(demo_db, BoQ)
    before = requests(demo_db)
    with pytest.raises(error):
        ask_reopen(demo_db, {"engineer": engineer, "admin": admin}[who], "boq", boq_id, reason)
    assert requests(demo_db) == before


def test_only_an_approved_record_can_be_asked_for(demo_db, engineer):
    with demo_db.read() as session:
        draft = session.scalar(select(Timesheet.id).join(Dwelling).where(
            Timesheet.status != ApprovalStatus.APPROVED, Dwelling.ref.startswith("GAZ")).limit(1))
    with pytest.raises(UserError, match="nothing to reopen"):
        ask_reopen(demo_db, engineer, "timesheet", draft, "typo")
