"""The case flow as data: which stage may follow which, and what must be true first.

DESIGN.md's flow, one step at a time and forward only:

    registered -> assessed -> BoQ drafted -> BoQ approved -> agreement signed
               -> works in progress -> completed -> monitored

Each step names the facts it needs (a `Requirement`). The services gather the facts of one
dwelling from the database (`CaseFacts`) and ask `missing` which requirements are unmet; the
translated reasons are what the user sees when a step is refused. Going back a stage is not a
user action: a returned BoQ or an ended agreement is recorded on that record, never by moving
the case backwards, so the history stays readable.
"""

from dataclasses import dataclass
from enum import StrEnum

from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import Stage


class Requirement(StrEnum):
    HOUSEHOLD = "household"
    LANDLORD = "landlord"
    ELIGIBLE_ASSESSMENT = "eligible_assessment"
    BOQ = "boq"
    APPROVED_BOQ = "approved_boq"
    SIGNED_AGREEMENT = "signed_agreement"
    FINAL_ASSESSMENT = "final_assessment"
    WORKS_CHECKLIST = "works_checklist"
    AFTER_PHOTOS = "after_photos"
    FIRST_VISIT = "first_visit"


@dataclass(frozen=True)
class CaseFacts:
    """What the case flow needs to know about one dwelling."""

    has_household: bool = False
    has_landlord: bool = False
    # the latest assessment's decision; None when the dwelling was never assessed
    latest_eligible: bool | None = None
    has_boq: bool = False
    has_approved_boq: bool = False
    has_signed_agreement: bool = False
    has_final_assessment: bool = False
    # a final assessment found each line of the approved BoQ done, partly or not done
    has_works_checklist: bool = False
    has_after_photos: bool = False
    has_visit: bool = False  # a monitoring visit was made (not only scheduled)

    def meets(self, requirement: Requirement) -> bool:
        return {
            Requirement.HOUSEHOLD: self.has_household,
            Requirement.LANDLORD: self.has_landlord,
            Requirement.ELIGIBLE_ASSESSMENT: self.latest_eligible is True,
            Requirement.BOQ: self.has_boq,
            Requirement.APPROVED_BOQ: self.has_approved_boq,
            Requirement.SIGNED_AGREEMENT: self.has_signed_agreement,
            Requirement.FINAL_ASSESSMENT: self.has_final_assessment,
            Requirement.WORKS_CHECKLIST: self.has_works_checklist,
            Requirement.AFTER_PHOTOS: self.has_after_photos,
            Requirement.FIRST_VISIT: self.has_visit,
        }[requirement]


# from stage -> {to stage: what must be true}
TRANSITIONS: dict[Stage, dict[Stage, tuple[Requirement, ...]]] = {
    Stage.REGISTERED: {
        Stage.ASSESSED: (Requirement.HOUSEHOLD, Requirement.ELIGIBLE_ASSESSMENT),
    },
    Stage.ASSESSED: {Stage.BOQ_DRAFTED: (Requirement.ELIGIBLE_ASSESSMENT, Requirement.BOQ)},
    Stage.BOQ_DRAFTED: {Stage.BOQ_APPROVED: (Requirement.APPROVED_BOQ,)},
    Stage.BOQ_APPROVED: {
        Stage.AGREEMENT_SIGNED: (Requirement.LANDLORD, Requirement.APPROVED_BOQ,
                                 Requirement.SIGNED_AGREEMENT),
    },
    Stage.AGREEMENT_SIGNED: {Stage.WORKS_IN_PROGRESS: (Requirement.SIGNED_AGREEMENT,)},
    Stage.WORKS_IN_PROGRESS: {Stage.COMPLETED: (Requirement.FINAL_ASSESSMENT,
                                                Requirement.WORKS_CHECKLIST,
                                                Requirement.AFTER_PHOTOS)},
    Stage.COMPLETED: {Stage.MONITORED: (Requirement.SIGNED_AGREEMENT, Requirement.FIRST_VISIT)},
    Stage.MONITORED: {},
}


def next_stages(current: Stage) -> list[Stage]:
    """The stages the flow allows after `current`, whatever the facts."""
    return list(TRANSITIONS[current])


def missing(current: Stage, target: Stage, facts: CaseFacts) -> list[str]:
    """Translated reasons why the case cannot move from `current` to `target`; empty when it
    can."""
    requirements = TRANSITIONS[current].get(target)
    if requirements is None:
        allowed = ", ".join(stage.label for stage in next_stages(current))
        return [
            translate(
                "case_flow",
                "A case at stage {current} cannot move to {target}; the next stage can only be: "
                "{allowed}.",
            ).format(current=current.label, target=target.label,
                     allowed=allowed or translate("case_flow", "none (the case is at its end)"))
        ]
    return [_REASONS[requirement]() for requirement in requirements
            if not facts.meets(requirement)]


_REASONS = {
    Requirement.HOUSEHOLD: lambda: translate(
        "case_flow", "Link the household that lives in the dwelling first."),
    Requirement.LANDLORD: lambda: translate(
        "case_flow", "Record the dwelling's landlord first."),
    Requirement.ELIGIBLE_ASSESSMENT: lambda: translate(
        "case_flow", "The latest assessment must find the dwelling eligible; record an "
                     "assessment with the decision 'eligible' first."),
    Requirement.BOQ: lambda: translate(
        "case_flow", "Draft a bill of quantities for the dwelling first."),
    Requirement.APPROVED_BOQ: lambda: translate(
        "case_flow", "No agreement or approval step before an approved bill of quantities: a "
                     "supervisor must approve the BoQ first."),
    Requirement.SIGNED_AGREEMENT: lambda: translate(
        "case_flow", "The landlord agreement must be signed first."),
    Requirement.FINAL_ASSESSMENT: lambda: translate(
        "case_flow", "Record the final assessment that closes the works first."),
    Requirement.WORKS_CHECKLIST: lambda: translate(
        "case_flow", "The final assessment must check every line of the approved BoQ (done, "
                     "partly done or not done) first."),
    Requirement.AFTER_PHOTOS: lambda: translate(
        "case_flow", "Import the photos of the finished works, tagged 'after', first."),
    Requirement.FIRST_VISIT: lambda: translate(
        "case_flow", "Record the first monitoring visit first: a case is monitored once a "
                     "visit has been made."),
}
