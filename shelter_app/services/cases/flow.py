"""Moving a case along its stages, by the rules of domain.case_flow.

The facts the rules need (the latest assessment's decision, BoQs, agreements) are read here
from the database, inside the transaction that moves the stage, so a rule cannot be checked on
stale data. Other services that finish a step (approving a BoQ, signing an agreement) call
`move_stage` in their own transaction.
"""

import uuid
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    BoQ,
    BoQLine,
    Dwelling,
    LeaseAgreement,
    MonitoringVisit,
    Photo,
    PriceItem,
    WorksCheck,
)
from shelter_app.domain.case_flow import CaseFacts, missing, next_stages
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, PhotoTag, Stage
from shelter_app.domain.works_check import WorksLine
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import load_dwelling

# agreement statuses that count as signed for the flow
SIGNED = (AgreementStatus.SIGNED, AgreementStatus.ACTIVE, AgreementStatus.ENDED)


def approved_lines(session: Session, dwelling_id: uuid.UUID) -> list[WorksLine]:
    """The lines of the dwelling's latest approved BoQ: what the final assessment checks."""
    boq_id = session.scalar(
        select(BoQ.id).where(BoQ.dwelling_id == dwelling_id, BoQ.deleted_at.is_(None),
                             BoQ.status == ApprovalStatus.APPROVED)
        .order_by(BoQ.revision.desc()).limit(1))
    if boq_id is None:
        return []
    return [works_line(line, item) for line, item in session.execute(
        select(BoQLine, PriceItem).outerjoin(PriceItem, PriceItem.id == BoQLine.price_item_id)
        .where(BoQLine.boq_id == boq_id, BoQLine.deleted_at.is_(None))
        .order_by(BoQLine.position))]


def works_line(line: BoQLine, item: PriceItem | None) -> WorksLine:
    """`line` as the works check shows it, with its catalogue `item`'s translations."""
    return WorksLine(line.id, line.position, line.description, str(line.quantity), line.unit,
                     item.description_en if item else None, item.description_ar if item else None)


def works_checked(session: Session, dwelling_id: uuid.UUID) -> bool:
    """A final assessment checked every line of the latest approved BoQ."""
    wanted = {line.id for line in approved_lines(session, dwelling_id)}
    if not wanted:
        return True
    checked = session.scalar(
        select(func.count(func.distinct(WorksCheck.boq_line_id)))
        .join(Assessment, Assessment.id == WorksCheck.assessment_id)
        .where(Assessment.dwelling_id == dwelling_id, Assessment.is_final.is_(True),
               Assessment.deleted_at.is_(None), WorksCheck.deleted_at.is_(None),
               WorksCheck.boq_line_id.in_(wanted)))
    return checked == len(wanted)


def case_facts(session: Session, dwelling: Dwelling) -> CaseFacts:
    def any_row(*conditions: object) -> bool:
        return bool(session.scalar(select(exists().where(*conditions))))

    latest = session.scalar(
        select(Assessment.eligible)
        .where(Assessment.dwelling_id == dwelling.id, Assessment.deleted_at.is_(None),
               Assessment.is_final.is_(False))
        .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc()).limit(1))
    return CaseFacts(
        has_household=dwelling.household_id is not None,
        has_landlord=dwelling.landlord_id is not None,
        latest_eligible=latest,
        has_boq=any_row(BoQ.dwelling_id == dwelling.id, BoQ.deleted_at.is_(None)),
        has_approved_boq=any_row(BoQ.dwelling_id == dwelling.id, BoQ.deleted_at.is_(None),
                                 BoQ.status == ApprovalStatus.APPROVED),
        has_signed_agreement=any_row(LeaseAgreement.dwelling_id == dwelling.id,
                                     LeaseAgreement.deleted_at.is_(None),
                                     LeaseAgreement.status.in_(SIGNED)),
        has_final_assessment=any_row(Assessment.dwelling_id == dwelling.id,
                                     Assessment.deleted_at.is_(None),
                                     Assessment.is_final.is_(True)),
        has_works_checklist=works_checked(session, dwelling.id),
        has_after_photos=any_row(Photo.dwelling_id == dwelling.id, Photo.deleted_at.is_(None),
                                 Photo.tag == PhotoTag.AFTER),
        has_visit=any_row(MonitoringVisit.agreement_id == LeaseAgreement.id,
                          LeaseAgreement.dwelling_id == dwelling.id,
                          MonitoringVisit.deleted_at.is_(None),
                          MonitoringVisit.visited_on.is_not(None)),
    )


def move_stage(session: Session, dwelling: Dwelling, to_stage: Stage) -> None:
    """Move `dwelling` to `to_stage` in the caller's transaction, or refuse with every reason."""
    reasons = missing(dwelling.stage, to_stage, case_facts(session, dwelling))
    if reasons:
        raise ValidationError(
            translate("case_flow", "{ref} cannot move to {stage}: {reasons}").format(
                ref=dwelling.ref, stage=to_stage.label, reasons=" ".join(reasons)),
            field="stage")
    dwelling.stage = to_stage


def advance_while_allowed(session: Session, dwelling: Dwelling, target: Stage) -> None:
    """Move `dwelling` forward one allowed step at a time until `target`, stopping quietly at
    the first step whose requirements are unmet: what a saved BoQ or approval implies for the
    case, never more than the flow allows."""
    order = list(Stage)
    session.flush()
    while order.index(dwelling.stage) < order.index(target):
        following = order[order.index(dwelling.stage) + 1]
        if following not in next_stages(dwelling.stage) or missing(
                dwelling.stage, following, case_facts(session, dwelling)):
            return
        dwelling.stage = following


def advance_stage(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID,
                  to_stage: Stage | str) -> Stage:
    """The user's action: move the case to the next stage; returns the new stage."""
    require(actor, Action.EDIT_CASES)
    target = Stage(to_stage)
    with db.write(actor) as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
        move_stage(session, dwelling, target)
        return dwelling.stage


@dataclass(frozen=True)
class StageOption:
    """A stage the flow allows next, and what is still missing for it (empty: ready)."""

    stage: Stage
    missing: list[str]


def stage_options(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID) -> list[StageOption]:
    """Every next stage of the flow with its unmet requirements, for buttons and tooltips."""
    with db.read() as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
        facts = case_facts(session, dwelling)
        return [StageOption(stage, missing(dwelling.stage, stage, facts))
                for stage in next_stages(dwelling.stage)]


def allowed_next_stages(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID
                        ) -> list[Stage]:
    """The stages this actor could move the case to now."""
    if not actor.can(Action.EDIT_CASES):
        return []
    return [option.stage for option in stage_options(db, actor, dwelling_ref)
            if not option.missing]
