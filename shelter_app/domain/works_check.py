"""The works-done checklist of a final assessment: each line of the approved BoQ found done,
partly done or not done, with a note saying what is missing when it is not done in full.

"Completed" needs it (domain.case_flow), so a case cannot close on works nobody checked.
"""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from shelter_app.domain.boq import described_in
from shelter_app.domain.errors import InvalidInput
from shelter_app.domain.i18n import translate


class WorkDone(StrEnum):
    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"

    @property
    def label(self) -> str:
        return _LABELS[self]()


_LABELS = {
    WorkDone.DONE: lambda: translate("works_check", "done"),
    WorkDone.PARTLY: lambda: translate("works_check", "partly done"),
    WorkDone.NOT_DONE: lambda: translate("works_check", "not done"),
}


@dataclass(frozen=True)
class WorksLine:
    """A line of the approved BoQ as the checklist shows it."""

    id: uuid.UUID
    position: int
    description: str
    quantity: str
    unit: str
    # the catalogue item's English and Arabic descriptions (None for a line without an item)
    description_en: str | None = None
    description_ar: str | None = None

    def description_in(self, language: str) -> str:
        return described_in(language, self.description, self.description_en,
                            self.description_ar)


def field_of(line_id: uuid.UUID | str) -> str:
    return f"works.{line_id}"


def check_works(lines: Sequence[WorksLine],
                answers: Mapping[uuid.UUID | str, tuple[WorkDone | str | None, str]]
                ) -> dict[uuid.UUID, tuple[WorkDone, str | None]]:
    """Every line answered, and a note on each line not done in full; every problem at once,
    each at its line's field."""
    by_id = {str(key): value for key, value in answers.items()}
    checked: dict[uuid.UUID, tuple[WorkDone, str | None]] = {}
    problems: list[tuple[str | None, str]] = []
    for line in lines:
        outcome, note = by_id.get(str(line.id), (None, ""))
        note = " ".join((note or "").split())[:1000]
        if not outcome:
            problems.append((field_of(line.id), translate(
                "works_check", "Line {n} of the BoQ ({item}): choose done, partly done or not "
                               "done.").format(n=line.position, item=line.description)))
            continue
        done = WorkDone(outcome)
        if done is not WorkDone.DONE and not note:
            problems.append((field_of(line.id), translate(
                "works_check", "Line {n} of the BoQ ({item}) is {outcome}: write in its note "
                               "what is missing.").format(n=line.position, item=line.description,
                                                          outcome=done.label)))
            continue
        checked[line.id] = (done, note or None)
    if problems:
        raise InvalidInput(problems)
    return checked
