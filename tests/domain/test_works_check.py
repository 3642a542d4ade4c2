"""The final assessment's works-done checklist: every BoQ line answered, a note when not done."""

import uuid

import pytest

from shelter_app.domain.errors import InvalidInput
from shelter_app.domain.works_check import WorkDone, WorksLine, check_works, field_of

LINES = [WorksLine(uuid.uuid4(), 1, "PVC window", "2.000", "m²"),
         WorksLine(uuid.uuid4(), 2, "Paint", "40.000", "m²")]


def test_each_line_answered_with_a_note_where_it_is_not_done_in_full():
    checked = check_works(LINES, {LINES[0].id: ("done", ""),
                                  str(LINES[1].id): (WorkDone.PARTLY, "  kitchen   left ")})
    assert checked == {LINES[0].id: (WorkDone.DONE, None),
                       LINES[1].id: (WorkDone.PARTLY, "kitchen left")}


def test_every_problem_is_named_at_its_line():
    with pytest.raises(InvalidInput) as raised:
        check_works(LINES, {LINES[1].id: ("not_done", "")})
    fields = [field for field, _ in raised.value.problems]
    assert fields == [field_of(LINES[0].id), field_of(LINES[1].id)]
    first, second = (message for _, message in raised.value.problems)
    assert "Line 1" in first and "PVC window" in first and "choose" in first
    assert "not done" in second and "note" in second


def test_no_approved_boq_lines_need_no_answers():
    assert check_works([], {}) == {}
