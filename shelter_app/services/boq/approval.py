"""A BoQ's decisions: the engineer submits it, a supervisor approves or returns it, and an
approved BoQ is reopened only as a new revision (audited with its reason). Each is one
transaction that checks the role, the status and the warnings before it changes anything."""

import uuid
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import BoQ, BoQLine, Dwelling
from shelter_app.domain import clock
from shelter_app.domain.boq import check_ceiling_reason
from shelter_app.domain.errors import NeedsConfirmation, PermissionDenied, UserError, ValidationError
from shelter_app.domain.i18n import money_text, translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.boq.boq import (
    BoQView,
    editable,
    boq_ref,
    load_boq,
    status_label,
    view_in,
)
from shelter_app.services.boq.catalogue import current_catalogue_id
from shelter_app.services.cases.flow import advance_while_allowed


def submit(db: Database, actor: Actor, boq_id: uuid.UUID, *, confirm: bool = False) -> BoQView:
    """The engineer hands the BoQ to a supervisor; warnings must be confirmed first."""
    require(actor, Action.SUBMIT_FOR_APPROVAL)
    with db.write(actor) as session:
        boq, _ = editable(session, actor, boq_id)
        view = view_in(session, actor, boq.id)
        if not view.lines:
            raise UserError(translate("boq", "{ref} has no lines; add the works before "
                                             "submitting.").format(ref=boq.ref))
        _confirmed(view.warnings(), confirm)
        boq.status = ApprovalStatus.SUBMITTED
        boq.submitted_at = clock.now()
        boq.submitted_by = actor.user_id
        boq.return_reason = None
        session.flush()
        return view_in(session, actor, boq.id)


def _submitted(session: Session, actor: Actor, boq_id: uuid.UUID) -> tuple[BoQ, Dwelling]:
    require(actor, Action.APPROVE)
    boq, dwelling = load_boq(session, actor, boq_id)
    if boq.status is not ApprovalStatus.SUBMITTED:
        raise UserError(translate("boq", "{ref} is {status}, not submitted; only a submitted "
                                         "BoQ can be approved or returned.").format(
            ref=boq.ref, status=status_label(boq.status).lower()))
    return boq, dwelling


def approve(db: Database, actor: Actor, boq_id: uuid.UUID, *, confirm: bool = False,
            reason: str = "") -> BoQView:
    """A supervisor other than the one who submitted it approves: the BoQ is locked and the
    case moves on to "BoQ approved" as far as the case flow allows. Over the budget ceiling
    it needs `reason`, which the audit trail keeps."""
    with db.write(actor, reason=reason.strip() or None) as session:
        boq, dwelling = _submitted(session, actor, boq_id)
        if actor.user_id is not None and boq.submitted_by == actor.user_id:
            raise PermissionDenied(translate("boq", "You submitted {ref} yourself; another "
                                                    "supervisor approves it.").format(ref=boq.ref))
        view = view_in(session, actor, boq.id)
        gross = view.totals.gross
        check_ceiling_reason(boq.ref, gross, view.ceiling, money_text(gross),
                             money_text(view.ceiling or Decimal(0)), reason)
        _confirmed(view.warnings(), confirm)
        boq.status = ApprovalStatus.APPROVED
        boq.decided_at = clock.now()
        boq.decided_by = actor.user_id
        advance_while_allowed(session, dwelling, Stage.BOQ_APPROVED)
        session.flush()
        return view_in(session, actor, boq.id)


def _confirmed(warnings: list[str], confirm: bool) -> None:
    """Warnings (an absurd quantity, the budget ceiling) must be seen and accepted first."""
    if warnings and not confirm:
        raise NeedsConfirmation([("boq", warning) for warning in warnings])


def return_boq(db: Database, actor: Actor, boq_id: uuid.UUID, reason: str) -> BoQView:
    """A supervisor sends the BoQ back to the engineer, saying what to change."""
    reason = reason.strip()
    with db.write(actor) as session:
        boq, _ = _submitted(session, actor, boq_id)
        if not reason:
            raise ValidationError(translate("boq", "Say why the BoQ is returned, so the engineer "
                                                   "knows what to change."), field="reason")
        boq.status = ApprovalStatus.RETURNED
        boq.return_reason = reason
        boq.decided_at = clock.now()
        boq.decided_by = actor.user_id
        session.flush()
        return view_in(session, actor, boq.id)


def revise(db: Database, actor: Actor, boq_id: uuid.UUID, reason: str) -> BoQView:
    """Reopen an approved BoQ as a new revision (a supervisor's action, audited with `reason`).

    The approved revision stays locked and unchanged; the new draft copies its lines with their
    prices, is priced from today's catalogue for new lines, and shows its difference from it."""
    require(actor, Action.REOPEN_APPROVED)
    reason = reason.strip()
    if not reason:
        raise ValidationError(translate("boq", "Say why the approved BoQ is reopened; the reason "
                                               "goes into the audit trail."), field="reason")
    with db.write(actor, reason=reason) as session:
        old, dwelling = load_boq(session, actor, boq_id)
        new = new_revision(session, old, dwelling)
        return view_in(session, actor, new.id)


def new_revision(session: Session, old: BoQ, dwelling: Dwelling) -> BoQ:
    """The draft revision of an approved BoQ, in the caller's audited transaction (a reopen
    request approved in the inbox uses it too)."""
    if old.status is not ApprovalStatus.APPROVED:
        raise UserError(translate("boq", "Only an approved BoQ is revised; {ref} is {status} "
                                         "and can be edited as it is.").format(
            ref=old.ref, status=status_label(old.status).lower()))
    newest = session.scalar(select(func.max(BoQ.revision)).where(
        BoQ.dwelling_id == dwelling.id))
    if newest != old.revision:
        raise UserError(translate("boq", "{ref} already has a newer revision; open that one."
                                         ).format(ref=old.ref))
    revision = old.revision + 1
    new = BoQ(ref=boq_ref(dwelling.ref, revision), dwelling_id=dwelling.id,
              revision=revision, previous_id=old.id,
              catalogue_id=current_catalogue_id(session) or old.catalogue_id,
              status=ApprovalStatus.DRAFT, contingency_pct=old.contingency_pct)
    session.add(new)
    session.flush()
    for line in session.scalars(select(BoQLine).where(BoQLine.boq_id == old.id,
                                                      BoQLine.deleted_at.is_(None))):
        session.add(BoQLine(boq_id=new.id, price_item_id=line.price_item_id,
                            position=line.position, code=line.code, category=line.category,
                            description=line.description, unit=line.unit,
                            quantity=line.quantity, unit_price=line.unit_price,
                            kdv_rate=line.kdv_rate))
    session.flush()
    return new
