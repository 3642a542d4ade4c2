"""The case flow table: forward one step at a time, each step with its preconditions."""

from dataclasses import replace

import pytest

from shelter_app.domain.case_flow import (
    TRANSITIONS,
    CaseFacts,
    Requirement,
    missing,
    next_stages,
)
from shelter_app.domain.stages import Stage

EVERYTHING = CaseFacts(has_household=True, has_landlord=True, latest_eligible=True, has_boq=True,
                       has_approved_boq=True, has_signed_agreement=True,
                       has_final_assessment=True, has_works_checklist=True,
                       has_after_photos=True, has_visit=True)


def test_the_flow_walks_every_stage_in_design_order_when_all_facts_hold():
    stage, walked = Stage.REGISTERED, [Stage.REGISTERED]
    while next_stages(stage):
        (stage,) = next_stages(stage)  # one way forward from each stage
        assert missing(walked[-1], stage, EVERYTHING) == []
        walked.append(stage)
    assert walked == list(Stage)


def test_every_stage_has_an_entry_and_no_step_goes_backwards():
    order = list(Stage)
    assert set(TRANSITIONS) == set(Stage)
    for source, targets in TRANSITIONS.items():
        for target in targets:
            assert order.index(target) == order.index(source) + 1


def test_no_agreement_before_an_approved_boq():
    facts = CaseFacts(has_household=True, has_landlord=True, latest_eligible=True, has_boq=True,
                      has_signed_agreement=True)
    reasons = missing(Stage.BOQ_APPROVED, Stage.AGREEMENT_SIGNED, facts)
    assert len(reasons) == 1 and "approved bill of quantities" in reasons[0]


def test_assessed_needs_an_eligible_latest_assessment():
    for latest in (None, False):
        facts = CaseFacts(has_household=True, latest_eligible=latest)
        (reason,) = missing(Stage.REGISTERED, Stage.ASSESSED, facts)
        assert "eligible" in reason
    assert missing(Stage.REGISTERED, Stage.ASSESSED,
                   CaseFacts(has_household=True, latest_eligible=True)) == []


def test_every_unmet_requirement_is_named():
    reasons = missing(Stage.REGISTERED, Stage.ASSESSED, CaseFacts())
    assert len(reasons) == 2 and "household" in reasons[0]


@pytest.mark.parametrize(("source", "target"), [
    (Stage.REGISTERED, Stage.BOQ_DRAFTED),  # skipping the assessment
    (Stage.ASSESSED, Stage.REGISTERED),  # backwards
    (Stage.MONITORED, Stage.COMPLETED),
])
def test_a_step_outside_the_flow_is_refused_with_the_allowed_one(source, target):
    (reason,) = missing(source, target, EVERYTHING)
    assert "cannot move" in reason and source.label in reason


def test_completed_needs_the_final_assessment():
    facts = CaseFacts(has_signed_agreement=True, has_works_checklist=True,
                      has_after_photos=True)
    (reason,) = missing(Stage.WORKS_IN_PROGRESS, Stage.COMPLETED, facts)
    assert "final assessment" in reason


def test_each_requirement_reads_its_own_fact():
    for requirement in Requirement:
        assert EVERYTHING.meets(requirement)
        assert not CaseFacts().meets(requirement)


def test_completed_needs_after_photos_and_monitored_a_first_visit():
    facts = replace(EVERYTHING, has_after_photos=False, has_visit=False)
    (photos,) = missing(Stage.WORKS_IN_PROGRESS, Stage.COMPLETED, facts)
    assert "'after'" in photos
    (visit,) = missing(Stage.COMPLETED, Stage.MONITORED, facts)
    assert "first monitoring visit" in visit


def test_completed_needs_the_works_checked_against_the_boq():
    (reason,) = missing(Stage.WORKS_IN_PROGRESS, Stage.COMPLETED,
                        replace(EVERYTHING, has_works_checklist=False))
    assert "every line of the approved BoQ" in reason
