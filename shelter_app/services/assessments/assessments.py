"""Assessing a dwelling: conditions, measurements, space per person, priority and eligibility.

Every assessment is a new record: a re-assessment never overwrites an earlier one, so the
history stays. A final assessment (recorded while works are in progress) closes the works; after
it, the case records monitoring visits, not assessments; it checks each line of the approved BoQ
(done, partly, not done: domain/works_check.py), which "Completed" needs. The priority score and the Sphere
indicator are computed here with the settings in force on the assessment's date (formula:
domain/assessment.py); measurements are stored in the shape domain/takeoff.py documents.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (Assessment, BoQLine, Dwelling, Household, PriceItem,
                                     User, WorksCheck)
from shelter_app.domain import clock
from shelter_app.domain.assessment import (
    PriorityWeights,
    area_per_person,
    check_conditions,
    check_occupants,
    is_crowded,
    priority_score,
)
from shelter_app.domain.errors import Problems, ValidationError
from shelter_app.domain.fields import past_date, text
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import Stage
from shelter_app.domain.takeoff import (
    Areas,
    OpeningInput,
    RoomInput,
    check_measurements,
    takeoff,
)
from shelter_app.domain.works_check import WorkDone, WorksLine, check_works
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.cases.access import load_dwelling
from shelter_app.services.cases.flow import advance_while_allowed, approved_lines, works_line
from shelter_app.services.accounts.settings import setting

# stages after which the works are closed and assessments end
CLOSED = (Stage.COMPLETED, Stage.MONITORED)


@dataclass(frozen=True)
class AssessmentInput:
    """The assessment form as typed. `conditions`: {component: (1-4 or None, notes)}."""

    assessed_on: date | None
    occupants: str
    conditions: Mapping[str, tuple[int | None, str]]
    eligible: bool | None
    eligibility_reason: str
    rooms: Sequence[RoomInput] = ()
    openings: Sequence[OpeningInput] = ()
    is_final: bool = False
    notes: str = ""
    # a final assessment's checklist: {BoQ line id: (done/partly/not done, note)}
    works: Mapping[uuid.UUID | str, tuple[WorkDone | str | None, str]] = field(
        default_factory=dict)


def weights(session: Session, day: date, office_id: uuid.UUID) -> tuple[PriorityWeights, Decimal]:
    """The priority weights and the Sphere minimum in force on `day` for the office."""
    def value(key: str) -> Any:
        return setting(session, key, on=day, office_id=office_id)

    priority = PriorityWeights.from_settings(
        value("assessment.weight_vulnerability"), value("assessment.weight_condition"),
        value("assessment.weight_crowding"), value("assessment.vulnerability_points"),
        value("assessment.vulnerability_points_cap"))
    return priority, Decimal(str(value("assessment.sphere_m2_per_person")))


@dataclass(frozen=True)
class AssessmentContext:
    """What the assessment form needs to know about the case before anything is typed."""

    ref: str
    stage: Stage
    occupants: int | None
    floor_area_m2: Decimal | None
    vulnerabilities: list[str]
    weights: PriorityWeights
    sphere_minimum: Decimal
    final_allowed: bool
    previous_rooms: list[dict[str, Any]] = field(default_factory=list)
    works_lines: list[WorksLine] = field(default_factory=list)  # what a final one checks
    dwelling_id: uuid.UUID | None = None


def assessment_context(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID
                       ) -> AssessmentContext:
    """Defaults for a new assessment; a re-assessment starts from the last one's rooms."""
    with db.read() as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
        household = (session.get(Household, dwelling.household_id)
                     if dwelling.household_id else None)
        priority, sphere = weights(session, clock.today(), dwelling.office_id)
        last = session.scalar(
            select(Assessment.measurements)
            .where(Assessment.dwelling_id == dwelling.id, Assessment.deleted_at.is_(None))
            .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc()).limit(1))
        return AssessmentContext(
            dwelling.ref, dwelling.stage, household.size if household else None,
            dwelling.floor_area_m2, list(household.vulnerabilities or []) if household else [],
            priority, sphere, dwelling.stage is Stage.WORKS_IN_PROGRESS,
            list((last or {}).get("rooms", [])), approved_lines(session, dwelling.id),
            dwelling.id)


@dataclass(frozen=True)
class AssessmentResult:
    id: uuid.UUID
    priority_score: Decimal
    area_per_person: Decimal | None
    crowded: bool


def record_assessment(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID,
                      data: AssessmentInput) -> AssessmentResult:
    """Save a new assessment of the dwelling by the actor."""
    require(actor, Action.EDIT_CASES)
    typed = check_assessment(data)
    with db.write(actor) as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
        check_stage(dwelling, data.is_final)
        works = (check_works(approved_lines(session, dwelling.id), data.works)
                 if data.is_final else {})
        result = add_assessment(session, actor, dwelling, typed)
        session.add_all(WorksCheck(assessment_id=result.id, boq_line_id=line_id,
                                   outcome=outcome, note=note)
                        for line_id, (outcome, note) in works.items())
        # an eligible assessment makes the case Assessed, a final one Completed, by the flow's
        # rules (stopping quietly where a rule is unmet)
        advance_while_allowed(session, dwelling,
                              Stage.COMPLETED if data.is_final else Stage.ASSESSED)
        return result


@dataclass(frozen=True)
class CheckedAssessment:
    """An assessment's typed values that passed the rules that need no database."""

    data: AssessmentInput
    assessed_on: date
    occupants: int
    conditions: dict[str, dict[str, Any]]
    reason: str
    notes: str | None
    measured: dict[str, Any]


def check_assessment(data: AssessmentInput) -> CheckedAssessment:
    """The form's rules on their own, so an import holds each row to them before saving.
    Every value is checked: InvalidInput names each problem at its field at once."""
    problems = Problems()
    assessed_on = problems.check(past_date, data.assessed_on, field="assessed_on",
                                 label=translate("assessments", "assessment date"))
    occupants = problems.check(check_occupants, data.occupants)
    conditions = problems.check(check_conditions, data.conditions)
    if data.eligible is None:
        problems.add(ValidationError(translate("assessments", "Decide whether the dwelling is "
                                                              "eligible."), field="eligible"))
    reason = problems.check(text, data.eligibility_reason, field="eligibility_reason",
                            label=translate("assessments", "reason for the decision"),
                            most=2000, lines=True)
    notes = problems.check(text, data.notes, field="notes",
                           label=translate("assessments", "notes"), most=4000, lines=True,
                           required=False)
    measured = problems.check(check_measurements, data.rooms, data.openings)
    problems.raise_any()
    assert assessed_on is not None and occupants is not None and conditions is not None
    assert measured is not None
    return CheckedAssessment(data, assessed_on, occupants, conditions, reason or "", notes,
                             measured)


def add_assessment(session: Session, actor: Actor, dwelling: Dwelling,
                   typed: CheckedAssessment) -> AssessmentResult:
    """Insert a checked assessment of a dwelling whose stage allows it, with its score."""
    values, floor_area, crowded = assessment_values(session, dwelling, typed)
    record = Assessment(dwelling_id=dwelling.id, assessor_id=actor.user_id, **values)
    session.add(record)
    session.flush()
    return AssessmentResult(record.id, values["priority_score"],
                            area_per_person(floor_area, typed.occupants), crowded)


def assessment_values(session: Session, dwelling: Dwelling, typed: CheckedAssessment
                      ) -> tuple[dict[str, Any], Decimal | None, bool]:
    """The stored columns of an assessment (score with the settings of its day), the floor
    area it used and whether the dwelling is crowded."""
    measured = dict(typed.measured)
    floor_area = dwelling.floor_area_m2
    if floor_area is None and measured["rooms"]:
        floor_area = takeoff(measured).floor
    if floor_area is not None:
        measured["floor_area_m2"] = str(floor_area)
    household = (session.get(Household, dwelling.household_id)
                 if dwelling.household_id else None)
    priority, sphere = weights(session, typed.assessed_on, dwelling.office_id)
    crowded = is_crowded(floor_area, typed.occupants, sphere)
    score = priority_score(household.vulnerabilities if household else [], typed.conditions,
                           crowded, priority)
    return ({"assessed_on": typed.assessed_on, "conditions": typed.conditions,
             "measurements": measured, "occupants": typed.occupants, "priority_score": score,
             "eligible": typed.data.eligible, "eligibility_reason": typed.reason,
             "is_final": typed.data.is_final, "notes": typed.notes}, floor_area, crowded)


def check_stage(dwelling: Dwelling, final: bool) -> None:
    """Assessments end when the works close; a final one needs works in progress."""
    if dwelling.stage in CLOSED:
        raise ValidationError(
            translate("assessments", "The works of {ref} are closed (stage {stage}); record "
                                     "monitoring visits instead of assessments.").format(
                ref=dwelling.ref, stage=dwelling.stage.label), field="assessed_on")
    if final and dwelling.stage is not Stage.WORKS_IN_PROGRESS:
        raise ValidationError(
            translate("assessments", "A final assessment closes the works, but the works of "
                                     "{ref} have not started (stage {stage}); record an ordinary "
                                     "assessment.").format(ref=dwelling.ref,
                                                           stage=dwelling.stage.label),
            field="is_final")


@dataclass(frozen=True)
class AssessmentView:
    """One assessment as the dwelling file and the assessments list show it."""

    id: uuid.UUID
    dwelling_ref: str
    assessed_on: date
    assessor: str
    occupants: int | None
    priority_score: Decimal | None
    eligible: bool | None
    eligibility_reason: str
    is_final: bool
    area_per_person: Decimal | None
    conditions: dict[str, dict[str, Any]] = field(default_factory=dict)
    rooms: list[dict[str, Any]] = field(default_factory=list)
    quantities: Areas = field(default_factory=Areas)
    notes: str = ""
    works: list[tuple[WorksLine, WorkDone, str]] = field(default_factory=list)


def _view(assessment: Assessment, ref: str, assessor: str | None,
          works: list[tuple[WorksLine, WorkDone, str]] | None = None) -> AssessmentView:
    measurements = assessment.measurements or {}
    floor = measurements.get("floor_area_m2")
    return AssessmentView(
        assessment.id, ref, assessment.assessed_on, assessor or "", assessment.occupants,
        assessment.priority_score, assessment.eligible, assessment.eligibility_reason or "",
        assessment.is_final,
        area_per_person(Decimal(floor) if floor else None, assessment.occupants),
        dict(assessment.conditions or {}), list(measurements.get("rooms", [])),
        takeoff(measurements), assessment.notes or "", works or [])


def dwelling_assessments(db: Database, actor: Actor, dwelling_ref: str | uuid.UUID
                         ) -> list[AssessmentView]:
    """The dwelling's assessments, newest first, with their details."""
    with db.read() as session:
        dwelling = load_dwelling(session, actor, dwelling_ref)
        rows = session.execute(
            select(Assessment, User.full_name)
            .outerjoin(User, User.id == Assessment.assessor_id)
            .where(Assessment.dwelling_id == dwelling.id, Assessment.deleted_at.is_(None))
            .order_by(Assessment.assessed_on.desc(), Assessment.created_at.desc())).all()
        checks: dict[uuid.UUID, list[tuple[WorksLine, WorkDone, str]]] = {}
        finals = [assessment.id for assessment, _ in rows if assessment.is_final]
        if finals:
            for check, line, item in session.execute(
                    select(WorksCheck, BoQLine, PriceItem)
                    .join(BoQLine, BoQLine.id == WorksCheck.boq_line_id)
                    .outerjoin(PriceItem, PriceItem.id == BoQLine.price_item_id)
                    .where(WorksCheck.assessment_id.in_(finals), WorksCheck.deleted_at.is_(None))
                    .order_by(BoQLine.position)):
                checks.setdefault(check.assessment_id, []).append(
                    (works_line(line, item), check.outcome, check.note or ""))
        return [_view(assessment, dwelling.ref, name, checks.get(assessment.id))
                for assessment, name in rows]
