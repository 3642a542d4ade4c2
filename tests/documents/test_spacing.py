"""Space and page breaks that draw nothing, and groups kept together only when they must be."""

from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Spacer

from shelter_app.documents.first_codes import FirstCodes
from shelter_app.documents.spacing import Gap, Room
from shelter_app.documents.styles import keep_together

GAP, ROOM = 6.0, 40.0


class Mark(Spacer):
    """Where it was drawn: (page, y); and how often it was measured."""

    def __init__(self, places: list[tuple[int, float]]) -> None:
        super().__init__(1, 10)
        self.places = places
        self.wraps = 0

    def wrap(self, availWidth, availHeight):  # noqa: N803
        self.wraps += 1
        return super().wrap(availWidth, availHeight)

    def drawOn(self, canvas, x, y, _sW=0):  # noqa: N802, N803
        self.places.append((canvas.getPageNumber(), round(y, 6)))


def places(story: list) -> list[tuple[int, float]]:
    found: list[tuple[int, float]] = []
    story.append(Mark(found))
    SimpleDocTemplate(BytesIO(), pagesize=A4).build(story)
    return found


def test_a_room_with_its_gap_breaks_the_page_as_a_gap_then_a_room_do():
    """Whether the gap fits, the room under it does, or both: what follows stands where it
    stood after the two flowables."""
    frame = SimpleDocTemplate(BytesIO(), pagesize=A4).height - 12  # the frame's paddings
    for filler in [frame - ROOM - GAP + step / 2 for step in range(-8, 2 * int(ROOM + GAP))]:
        apart = places([Spacer(1, filler), Gap(1, GAP), Room(ROOM)])
        assert places([Spacer(1, filler), Room(ROOM, GAP)]) == apart, filler


def test_a_group_with_room_to_start_in_place_is_not_measured_first():
    """A group kept together unless there is room for it starts where it is when there is:
    its flowables are measured once, by the frame that places them. Without that room it
    still goes whole to the next page."""
    found: list[tuple[int, float]] = []
    mark = Mark(found)
    SimpleDocTemplate(BytesIO(), pagesize=A4).build(
        [keep_together([Spacer(1, 20), mark], max_height=100)])
    assert found and mark.wraps == 1
    frame = SimpleDocTemplate(BytesIO(), pagesize=A4).height - 12
    assert places([Spacer(1, frame - 60), keep_together([Spacer(1, 50), Spacer(1, 50)],
                                                        max_height=100)])[0][0] == 2


def test_a_drawing_seen_once_never_asks_what_it_drew():
    """A kept drawing's characters are looked at only when it is seen again: most texts drawn
    once (a contract's values) are never drawn again."""
    codes, asked = FirstCodes([]), []
    codes.drawn("key", "drawing", lambda: asked.append(1) or {})
    assert asked == [] and codes.drawing("key") is None
    codes.drawn("key", "drawing", lambda: asked.append(1) or {})
    assert asked == [1] and codes.drawing("key") == "drawing"
