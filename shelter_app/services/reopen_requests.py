"""Reopen requests: an engineer asks, with a reason, to unlock an approved BoQ or timesheet; the
request waits in the supervisor's inbox beside the record; the supervisor approves it (the
record is unlocked: a new BoQ revision, or the timesheet returned for correction, audited with
the engineer's reason) or returns it with an answer. Who may do each step: domain.reopen, which
the server's rules call too."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, literal, select
from sqlalchemy.orm import Session, aliased

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Household,
    ReopenRequest,
    Timesheet,
    User,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, UserError, ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.reopen import WAITING, ReopenKind, check_step
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.boq.approval import new_revision
from shelter_app.services.boq.boq import load_boq, status_label
from shelter_app.services.cases.access import load_dwelling
from shelter_app.services.labour import timesheets


@dataclass(frozen=True)
class RequestRow:
    """A reopen request as the inbox lists it; `ref` is the record's reference."""

    id: uuid.UUID
    kind: ReopenKind
    ref: str
    record_id: uuid.UUID
    dwelling_ref: str
    household: str | None
    reason: str
    requested_by: str
    requested_at: datetime
    status: ApprovalStatus
    answer: str


def _reason(text: str, message: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValidationError(message, field="reason")
    return cleaned[:2000]


def ask_reopen(db: Database, actor: Actor, kind: ReopenKind | str, record_id: uuid.UUID,
               reason: str) -> RequestRow:
    """The engineer's ask: the record must be approved, with no other request waiting."""
    require(actor, Action.VIEW_CASES)
    kind = ReopenKind(kind)
    check_step(actor.role, None, WAITING)
    reason = _reason(reason, translate("reopen", "Say why the approved record must change; the "
                                                 "supervisor decides on it."))
    with db.write(actor) as session:
        record: BoQ | Timesheet
        if kind is ReopenKind.BOQ:
            record, dwelling = load_boq(session, actor, record_id)
        else:
            record = timesheets.load_timesheet(session, actor, record_id)
            dwelling = load_dwelling(session, actor, record.dwelling_id)
        if record.status is not ApprovalStatus.APPROVED:
            raise UserError(translate("reopen", "{ref} is {status}: only an approved record is "
                                                "locked, so there is nothing to reopen.").format(
                ref=record.ref, status=status_label(record.status).lower()))
        column = ReopenRequest.boq_id if kind is ReopenKind.BOQ else ReopenRequest.timesheet_id
        if session.scalar(select(ReopenRequest.id).where(
                column == record.id, ReopenRequest.status == WAITING,
                ReopenRequest.deleted_at.is_(None))):
            raise UserError(translate("reopen", "A request to reopen {ref} already waits for the "
                                                "supervisor.").format(ref=record.ref))
        request = ReopenRequest(
            dwelling_id=dwelling.id, kind=kind, reason=reason, status=WAITING,
            requested_by=actor.user_id,
            boq_id=record.id if kind is ReopenKind.BOQ else None,
            timesheet_id=record.id if kind is ReopenKind.TIMESHEET else None)
        session.add(request)
        session.flush()
        return _rows(session, ReopenRequest.id == request.id)[0]


def _rows(session: Session, condition: ColumnElement[bool], offset: int = 0,
          limit: int | None = None) -> list[RequestRow]:
    asker = aliased(User)
    query = (select(ReopenRequest, Dwelling.ref, Household.head_name, asker.full_name, BoQ.ref,
                    Timesheet.ref)
             .join(Dwelling, Dwelling.id == ReopenRequest.dwelling_id)
             .outerjoin(Household, Household.id == Dwelling.household_id)
             .outerjoin(asker, asker.id == ReopenRequest.requested_by)
             .outerjoin(BoQ, BoQ.id == ReopenRequest.boq_id)
             .outerjoin(Timesheet, Timesheet.id == ReopenRequest.timesheet_id)
             .where(condition, ReopenRequest.deleted_at.is_(None))
             .order_by(ReopenRequest.created_at, ReopenRequest.id).offset(offset).limit(limit))
    return [RequestRow(request.id, request.kind, boq_ref or sheet_ref or "",
                       request.boq_id or request.timesheet_id, dwelling_ref, household,
                       request.reason, asker_name or "", request.created_at, request.status,
                       request.answer or "")
            for request, dwelling_ref, household, asker_name, boq_ref, sheet_ref
            in session.execute(query)]


def waiting_requests(db: Database, actor: Actor, offset: int = 0, limit: int | None = 200
                     ) -> list[RequestRow]:
    """The requests of the actor's office that wait for a decision, oldest first."""
    require(actor, Action.VIEW_CASES)
    condition: ColumnElement[bool] = literal(True)
    if actor.office_id is not None:
        condition = Dwelling.office_id == actor.office_id
    with db.read() as session:
        return _rows(session, condition & (ReopenRequest.status == WAITING), offset, limit)


def _load(session: Session, actor: Actor, request_id: uuid.UUID) -> ReopenRequest:
    request = session.get(ReopenRequest, request_id)
    if request is None or request.deleted_at is not None:
        raise NotFound(translate("reopen", "That reopen request does not exist any more."))
    load_dwelling(session, actor, request.dwelling_id)  # refused in another office
    return request


def _decide(session: Session, actor: Actor, request: ReopenRequest, status: ApprovalStatus,
            answer: str | None) -> RequestRow:
    check_step(actor.role, request.status, status)
    request.status, request.answer = status, answer
    request.decided_by, request.decided_at = actor.user_id, clock.now()
    session.flush()
    return _rows(session, ReopenRequest.id == request.id)[0]


def approve_request(db: Database, actor: Actor, request_id: uuid.UUID) -> RequestRow:
    """The supervisor agrees: the record is unlocked in the same transaction, audited with the
    engineer's reason (a BoQ gets a new draft revision; a timesheet goes back for
    correction)."""
    require(actor, Action.REOPEN_APPROVED)
    with db.read() as session:
        reason = _load(session, actor, request_id).reason
    with db.write(actor, reason=reason) as session:
        request = _load(session, actor, request_id)
        check_step(actor.role, request.status, ApprovalStatus.APPROVED)
        if request.kind is ReopenKind.BOQ and request.boq_id is not None:
            boq, dwelling = load_boq(session, actor, request.boq_id)
            new_revision(session, boq, dwelling)
        elif request.timesheet_id is not None:
            sheet = timesheets.load_timesheet(session, actor, request.timesheet_id)
            timesheets.unlock(session, sheet, actor, request.reason)
        return _decide(session, actor, request, ApprovalStatus.APPROVED, None)


def return_request(db: Database, actor: Actor, request_id: uuid.UUID, answer: str
                   ) -> RequestRow:
    """The supervisor refuses, saying why; the record stays locked."""
    require(actor, Action.REOPEN_APPROVED)
    answer = _reason(answer, translate("reopen", "Say why the request is returned, so the "
                                                 "engineer knows."))
    with db.write(actor) as session:
        request = _load(session, actor, request_id)
        return _decide(session, actor, request, ApprovalStatus.RETURNED, answer)
