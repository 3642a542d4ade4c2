"""Recording assessments: score and Sphere from settings, measurements, history, final one."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

import case_inputs
from shelter_app.data.models import Assessment, Dwelling, Setting
from shelter_app.domain import clock
from shelter_app.domain.errors import PermissionDenied, ValidationError
from shelter_app.domain.stages import Stage
from shelter_app.domain.takeoff import OpeningInput, OpeningKind, RoomInput
from shelter_app.services.assessments.assessments import (
    assessment_context,
    dwelling_assessments,
    record_assessment,
)
from shelter_app.services.cases.records import register_case


@pytest.fixture
def case(demo_db, engineer) -> str:
    return register_case(demo_db, engineer, case_inputs.household(), case_inputs.dwelling(),
                         case_inputs.landlord()).dwelling


def assessments(db) -> int:
    """All assessments of the database (the demo's included)."""
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Assessment)) or 0


def set_stage(db, actor, ref: str, stage: Stage) -> None:
    with db.write(actor) as session:
        session.scalar(select(Dwelling).where(Dwelling.ref == ref)).stage = stage


ROOMS = [RoomInput("Salon", "4,20", "3,50", "2,70", "4,20"),
         RoomInput("Mutfak", "3", "2,5", "2,70", "3")]
OPENINGS = [OpeningInput("Salon", OpeningKind.WINDOW, "1,20", "1,40", "2"),
            OpeningInput("Mutfak", OpeningKind.DOOR, "0,90", "2,10", "1", False)]


def test_record_computes_score_and_sphere_with_the_default_settings(demo_db, engineer, case):
    result = record_assessment(demo_db, engineer, case, case_inputs.assessment(
        rooms=ROOMS, openings=OPENINGS, occupants="20"))
    # chronic illness: V = 2/6 ; C = mean(3/3, 2/3, 1/3, 0) = 1/2 ; 64.5 m² / 20 < 3.5: S = 1
    # 100 x (0.45/3 + 0.45/2 + 0.10) = 15 + 22.5 + 10
    assert result.priority_score == Decimal("47.50")
    assert result.crowded and result.area_per_person == Decimal("3.23")
    (view,) = dwelling_assessments(demo_db, engineer, case)
    assert view.assessor == engineer.full_name and view.eligible is True
    assert view.conditions["walls_insulation"] == {"score": 4, "notes": "no insulation"}
    assert [room["name"] for room in view.rooms] == ["Salon", "Mutfak"]
    assert view.rooms[0]["openings"][0]["width_m"] == "1.20"  # Decimal kept as text
    assert view.quantities.window_area == Decimal("3.36") and view.quantities.doors == 1
    with demo_db.read() as session:
        stored = session.scalar(select(Assessment.measurements).where(Assessment.id == result.id))
    assert stored["version"] == 1 and stored["floor_area_m2"] == "64.50"


def test_weights_and_sphere_minimum_come_from_settings_on_the_assessment_date(demo_db, engineer,
                                                                              case):
    with demo_db.write(engineer) as session:
        session.add(Setting(key="assessment.weight_crowding", value="0",
                            valid_from=clock.today() - timedelta(days=10)))
        session.add(Setting(key="assessment.sphere_m2_per_person", value="20",
                            valid_from=clock.today() - timedelta(days=10)))
    old = record_assessment(demo_db, engineer, case, case_inputs.assessment(
        assessed_on=clock.today() - timedelta(days=30)))
    new = record_assessment(demo_db, engineer, case, case_inputs.assessment())
    assert not old.crowded and new.crowded  # 64.5 m² / 4 people: 16.1 m², below 20 from then
    # the crowding weight 0 since then: 100 x (0.45/3 + 0.45/2) / 0.9 = 41.67
    assert (old.priority_score, new.priority_score) == (Decimal("37.50"), Decimal("41.67"))


def test_reassessments_keep_the_history_newest_first(demo_db, engineer, case):
    record_assessment(demo_db, engineer, case, case_inputs.assessment(
        assessed_on=clock.today() - timedelta(days=40), eligible=False,
        eligibility_reason="Landlord refused works."))
    record_assessment(demo_db, engineer, case, case_inputs.assessment(rooms=ROOMS))
    history = dwelling_assessments(demo_db, engineer, case)
    assert [view.eligible for view in history] == [True, False]
    assert history[1].eligibility_reason == "Landlord refused works."
    context = assessment_context(demo_db, engineer, case)
    assert [room["name"] for room in context.previous_rooms] == ["Salon", "Mutfak"]
    assert context.occupants == 4 and context.vulnerabilities == ["chronic_illness"]
    assert not context.final_allowed and context.sphere_minimum == Decimal("3.5")


@pytest.mark.parametrize(("changes", "field"), [
    ({"assessed_on": clock.today() + timedelta(days=1)}, "assessed_on"),
    ({"assessed_on": None}, "assessed_on"),
    ({"occupants": "0"}, "occupants"),
    ({"eligible": None}, "eligible"),
    ({"eligibility_reason": " "}, "eligibility_reason"),
    ({"conditions": {"roof": (7, "")}}, "condition.roof"),
    ({"rooms": [RoomInput("Salon", "-4", "3", "2.7")]}, "room.0.length_m"),
    ({"rooms": ROOMS, "openings": [OpeningInput("Banyo", OpeningKind.DOOR, "1", "2")]},
     "opening.0.room"),
    ({"is_final": True}, "is_final"),  # works have not started
])
def test_bad_input_is_refused_at_its_field_and_saves_nothing(demo_db, engineer, case, changes,
                                                              field):
    before = assessments(demo_db)
    with pytest.raises(ValidationError) as raised:
        record_assessment(demo_db, engineer, case, case_inputs.assessment(**changes))
    assert raised.value.field == field
    assert assessments(demo_db) == before


def test_final_assessment_during_works_then_no_more_assessments(demo_db, engineer, case):
    set_stage(demo_db, engineer, case, Stage.WORKS_IN_PROGRESS)
    assert assessment_context(demo_db, engineer, case).final_allowed
    record_assessment(demo_db, engineer, case, case_inputs.assessment(is_final=True))
    set_stage(demo_db, engineer, case, Stage.COMPLETED)
    with pytest.raises(ValidationError, match="closed"):
        record_assessment(demo_db, engineer, case, case_inputs.assessment())
    assert [view.is_final for view in dwelling_assessments(demo_db, engineer, case)] == [True]


def test_a_dwelling_without_floor_area_uses_the_measured_rooms(demo_db, engineer):
    ref = register_case(demo_db, engineer, case_inputs.household(),
                        case_inputs.dwelling(floor_area_m2=""), case_inputs.landlord()).dwelling
    result = record_assessment(demo_db, engineer, ref, case_inputs.assessment(rooms=ROOMS))
    assert result.area_per_person == Decimal("5.55")  # (14.70 + 7.50) / 4


def test_admin_and_other_offices_may_not_assess(demo_db, engineer, admin, case):
    before = assessments(demo_db)
    with pytest.raises(PermissionDenied):
        record_assessment(demo_db, admin, case, case_inputs.assessment())
    with pytest.raises(PermissionDenied):
        record_assessment(demo_db, engineer, "ADA-D-000001", case_inputs.assessment())
    assert assessments(demo_db) == before


def test_the_list_filters_by_dwelling_words_sorts_by_priority_and_keeps_the_latest(demo_db,
                                                                                   engineer,
                                                                                   case):
    from shelter_app.services.assessments.listing import AssessmentSort, search_assessments

    record_assessment(demo_db, engineer, case, case_inputs.assessment(
        assessed_on=clock.today() - timedelta(days=5), eligible=False,
        eligibility_reason="Landlord refused works."))
    record_assessment(demo_db, engineer, case, case_inputs.assessment())
    mine = search_assessments(demo_db, "zeynep kilic")  # the household head, folded
    assert [row.dwelling_ref for row in mine] == [case, case]
    assert [row.eligible for row in mine] == [True, False]  # newest first
    assert mine[0].assessor == engineer.full_name and mine[0].household == "Zeynep Kılıç"
    (latest,) = search_assessments(demo_db, case, latest_only=True)
    assert latest.eligible is True
    everything = search_assessments(demo_db, sort=AssessmentSort.PRIORITY, limit=None)
    scores = [row.priority_score for row in everything]
    assert len(everything) > 100 and scores == sorted(scores, reverse=True)
    dwellings = [row.dwelling_ref for row in search_assessments(
        demo_db, "gaziantep", sort=AssessmentSort.DWELLING, descending=False, limit=None)]
    assert dwellings == sorted(dwellings) and {ref[:3] for ref in dwellings} == {"GAZ"}


def test_every_problem_of_the_form_is_named_at_once(demo_db, engineer, case):
    """One Save, every problem: the engineer corrects them all in one round."""
    from shelter_app.domain.errors import InvalidInput

    before = assessments(demo_db)
    with pytest.raises(InvalidInput) as raised:
        record_assessment(demo_db, engineer, case, case_inputs.assessment(
            assessed_on=None, occupants="0", eligible=None, eligibility_reason=" ",
            conditions={"roof": (7, "")}, rooms=[RoomInput("Salon", "-4", "3", "2.7")]))
    assert [field for field, _ in raised.value.problems] == [
        "assessed_on", "occupants", "condition.roof", "eligible", "eligibility_reason",
        "room.0.length_m"]
    assert assessments(demo_db) == before
