"""Moving a case along its stages: the service checks the flow's preconditions in the database."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

import case_inputs
from shelter_app.data.models import (
    Assessment,
    BoQ,
    Dwelling,
    LeaseAgreement,
    MonitoringVisit,
    Photo,
    PriceCatalogue,
)
from shelter_app.domain.errors import NotFound, PermissionDenied, ValidationError
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, PhotoTag, Stage
from shelter_app.services.assessments.assessments import record_assessment
from shelter_app.services.cases.flow import (
    advance_stage,
    allowed_next_stages,
    stage_options,
)
from shelter_app.services.cases.records import register_case


@pytest.fixture
def case(demo_db, engineer) -> str:
    return register_case(demo_db, engineer, case_inputs.household(), case_inputs.dwelling(),
                         case_inputs.landlord()).dwelling


def stage_of(db, ref: str) -> Stage:
    with db.read() as session:
        return session.scalar(select(Dwelling.stage).where(Dwelling.ref == ref))


def add_boq(db, actor, ref: str, status: ApprovalStatus) -> None:
    with db.write(actor) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == ref))
        catalogue = PriceCatalogue(label=f"test {ref} {status}", valid_from=date(2026, 1, 1))
        session.add(catalogue)
        session.flush()
        session.add(BoQ(ref=f"{ref}-B{status.value[:2]}", dwelling_id=dwelling.id,
                        catalogue_id=catalogue.id, status=status,
                        revision=1 if status is ApprovalStatus.DRAFT else 2))


def add_agreement(db, actor, ref: str, status: AgreementStatus) -> None:
    with db.write(actor) as session:
        d = session.scalar(select(Dwelling).where(Dwelling.ref == ref))
        session.add(LeaseAgreement(
            number=f"S-{ref}", office_id=d.office_id, dwelling_id=d.id, landlord_id=d.landlord_id,
            household_id=d.household_id, status=status, term_months=12,
            start_date=date(2026, 1, 1), end_date=date(2026, 12, 31),
            monthly_rent=Decimal("5000.00")))


def test_assessed_is_refused_until_an_eligible_assessment_exists(demo_db, engineer, case):
    with pytest.raises(ValidationError, match="eligible") as raised:
        advance_stage(demo_db, engineer, case, Stage.ASSESSED)
    assert raised.value.field == "stage" and case in raised.value.message
    assert stage_of(demo_db, case) is Stage.REGISTERED
    record_assessment(demo_db, engineer, case, case_inputs.assessment(eligible=False))
    with pytest.raises(ValidationError):
        advance_stage(demo_db, engineer, case, Stage.ASSESSED)
    assert allowed_next_stages(demo_db, engineer, case) == []
    assert stage_of(demo_db, case) is Stage.REGISTERED
    record_assessment(demo_db, engineer, case, case_inputs.assessment())  # re-assessed: eligible
    assert stage_of(demo_db, case) is Stage.ASSESSED  # moved by itself, its rule met
    assert allowed_next_stages(demo_db, engineer, case) == []  # no BoQ yet


def test_the_manual_move_stays_for_a_case_assessed_before_the_rule_moved_it(demo_db, engineer,
                                                                            case):
    with demo_db.write(engineer) as session:  # as an import or an older version left it
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == case))
        session.add(Assessment(dwelling_id=dwelling.id, assessed_on=date(2026, 1, 5),
                               occupants=3, eligible=True, eligibility_reason="cold"))
    assert allowed_next_stages(demo_db, engineer, case) == [Stage.ASSESSED]
    assert advance_stage(demo_db, engineer, case, "assessed") is Stage.ASSESSED


def test_a_final_assessment_completes_the_works_by_itself(demo_db, engineer, case):
    with demo_db.write(engineer) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == case))
        dwelling.stage = Stage.WORKS_IN_PROGRESS
        session.add(Photo(dwelling_id=dwelling.id, sha256="c" * 64, size_bytes=1, width=1,
                          height=1, tag=PhotoTag.AFTER, original_name="after.jpg"))
    record_assessment(demo_db, engineer, case, case_inputs.assessment(is_final=True))
    assert stage_of(demo_db, case) is Stage.COMPLETED


def test_whole_flow_with_its_records_and_no_agreement_before_an_approved_boq(demo_db, engineer,
                                                                              case):
    record_assessment(demo_db, engineer, case, case_inputs.assessment())
    assert stage_of(demo_db, case) is Stage.ASSESSED
    with pytest.raises(ValidationError, match="bill of quantities"):
        advance_stage(demo_db, engineer, case, Stage.BOQ_DRAFTED)
    add_boq(demo_db, engineer, case, ApprovalStatus.DRAFT)
    advance_stage(demo_db, engineer, case, Stage.BOQ_DRAFTED)
    with pytest.raises(ValidationError, match="approve"):
        advance_stage(demo_db, engineer, case, Stage.BOQ_APPROVED)
    add_agreement(demo_db, engineer, case, AgreementStatus.SIGNED)
    with pytest.raises(ValidationError, match="cannot move to Agreement signed"):
        advance_stage(demo_db, engineer, case, Stage.AGREEMENT_SIGNED)  # skipping approval
    add_boq(demo_db, engineer, case, ApprovalStatus.APPROVED)
    for stage in (Stage.BOQ_APPROVED, Stage.AGREEMENT_SIGNED, Stage.WORKS_IN_PROGRESS):
        advance_stage(demo_db, engineer, case, stage)
    (option,) = stage_options(demo_db, engineer, case)
    assert option.stage is Stage.COMPLETED and "final assessment" in option.missing[0]
    record_assessment(demo_db, engineer, case, case_inputs.assessment(is_final=True))
    assert stage_of(demo_db, case) is Stage.WORKS_IN_PROGRESS  # no 'after' photos yet
    with pytest.raises(ValidationError, match="'after'"):  # the finished works' photos
        advance_stage(demo_db, engineer, case, Stage.COMPLETED)
    with demo_db.write(engineer) as session:
        d = session.scalar(select(Dwelling).where(Dwelling.ref == case))
        session.add(Photo(dwelling_id=d.id, sha256="b" * 64, size_bytes=1, width=1, height=1,
                          tag=PhotoTag.AFTER, original_name="after.jpg"))
    advance_stage(demo_db, engineer, case, Stage.COMPLETED)
    with pytest.raises(ValidationError, match="first monitoring visit"):
        advance_stage(demo_db, engineer, case, Stage.MONITORED)
    with demo_db.write(engineer) as session:
        agreement = session.scalar(select(LeaseAgreement).where(LeaseAgreement.number ==
                                                                f"S-{case}"))
        session.add(MonitoringVisit(agreement_id=agreement.id, due_on=date(2026, 4, 1),
                                    visited_on=date(2026, 4, 2), household_present=True))
    advance_stage(demo_db, engineer, case, Stage.MONITORED)
    assert stage_of(demo_db, case) is Stage.MONITORED
    assert stage_options(demo_db, engineer, case) == []


def test_a_draft_agreement_does_not_count_as_signed(demo_db, engineer, case):
    with demo_db.write(engineer) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == case))
        dwelling.stage = Stage.BOQ_APPROVED
    add_boq(demo_db, engineer, case, ApprovalStatus.APPROVED)
    add_agreement(demo_db, engineer, case, AgreementStatus.DRAFT)
    with pytest.raises(ValidationError, match="signed"):
        advance_stage(demo_db, engineer, case, Stage.AGREEMENT_SIGNED)


def test_permissions_and_office_scope(demo_db, engineer, admin, case):
    with pytest.raises(PermissionDenied):
        advance_stage(demo_db, admin, case, Stage.ASSESSED)
    assert allowed_next_stages(demo_db, admin, case) == []
    with pytest.raises(PermissionDenied, match="another office"):
        advance_stage(demo_db, engineer, "ADA-D-000001", Stage.ASSESSED)
    with pytest.raises(NotFound):
        advance_stage(demo_db, engineer, "GAZ-D-999999", Stage.ASSESSED)
    assert stage_of(demo_db, case) is Stage.REGISTERED


def approved_boq_with_lines(db, actor, ref: str) -> list:
    """An approved BoQ of two lines on a case whose works are in progress, with after photos."""
    from shelter_app.data.models import BoQLine

    add_boq(db, actor, ref, ApprovalStatus.APPROVED)
    with db.write(actor) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == ref))
        dwelling.stage = Stage.WORKS_IN_PROGRESS
        boq = session.scalar(select(BoQ).where(BoQ.dwelling_id == dwelling.id))
        lines = [BoQLine(boq_id=boq.id, position=n, code=f"W{n}", category="windows",
                         description=text, unit="m²", quantity=Decimal("2"),
                         unit_price=Decimal("100"), kdv_rate=Decimal("0.20"))
                 for n, text in ((1, "PVC window"), (2, "Paint"))]
        session.add_all(lines)
        session.add(Photo(dwelling_id=dwelling.id, sha256="d" * 64, size_bytes=1, width=1,
                          height=1, tag=PhotoTag.AFTER, original_name="after.jpg"))
        session.flush()
        return [line.id for line in lines]


def test_completed_needs_each_boq_line_checked_by_the_final_assessment(demo_db, engineer, case):
    from shelter_app.data.models import WorksCheck
    from shelter_app.domain.errors import InvalidInput
    from shelter_app.services.assessments.assessments import (
        assessment_context,
        dwelling_assessments,
    )

    window, paint = approved_boq_with_lines(demo_db, engineer, case)
    assert [line.description for line in
            assessment_context(demo_db, engineer, case).works_lines] == ["PVC window", "Paint"]
    with pytest.raises(InvalidInput) as raised:
        record_assessment(demo_db, engineer, case, case_inputs.assessment(
            is_final=True, works={window: ("partly", "")}))
    assert [field for field, _ in raised.value.problems] == [f"works.{window}", f"works.{paint}"]
    assert "note" in raised.value.problems[0][1] and "Paint" in raised.value.problems[1][1]
    assert dwelling_assessments(demo_db, engineer, case) == []  # nothing saved
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(WorksCheck))
    record_assessment(demo_db, engineer, case, case_inputs.assessment(
        is_final=True, works={window: ("done", ""), paint: ("partly", "Kitchen wall left")}))
    assert stage_of(demo_db, case) is Stage.COMPLETED
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(WorksCheck)) == before + 2
    (final,) = dwelling_assessments(demo_db, engineer, case)
    assert [(line.description, done.value, note) for line, done, note in final.works] == [
        ("PVC window", "done", ""), ("Paint", "partly", "Kitchen wall left")]


def test_an_old_final_assessment_without_the_checklist_cannot_complete(demo_db, engineer, case):
    approved_boq_with_lines(demo_db, engineer, case)
    with demo_db.write(engineer) as session:  # recorded before the checklist existed
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == case))
        session.add(Assessment(dwelling_id=dwelling.id, assessed_on=date(2026, 1, 5),
                               occupants=3, eligible=True, is_final=True))
    with pytest.raises(ValidationError, match="every line of the approved BoQ"):
        advance_stage(demo_db, engineer, case, Stage.COMPLETED)
    assert stage_of(demo_db, case) is Stage.WORKS_IN_PROGRESS
