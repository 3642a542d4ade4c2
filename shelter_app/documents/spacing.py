"""Vertical space that writes nothing into the page.

ReportLab puts every flowable's drawing between "q", a translation and "Q", a Spacer's and a
CondPageBreak's too, though they draw nothing: a tr+ar contract wrote 67 such empty groups,
each saved, formatted and compressed. These take the same room and break pages the same way,
and write nothing.
"""

from typing import Any

from reportlab.platypus import CondPageBreak, Spacer
from reportlab.rl_config import _FUZZ


class Gap(Spacer):
    """A Spacer that writes nothing."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Nothing to draw, so no state to save around it."""


class Room(CondPageBreak):
    """A CondPageBreak (the next page unless `height` is left) that writes nothing; with
    `gap`, also the Gap of that height before it, as one flowable: a contract's clause texts
    each start with such a pair (some thirty a contract), and the frame and the document spend
    ~10 us on each flowable however little it does."""

    def __init__(self, height: float, gap: float = 0) -> None:
        super().__init__(height)
        self.gap = gap

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        """The gap's height; when the gap fits (as the frame tests it), the Room's test on the
        space left under it."""
        if not self.gap:
            return super().wrap(availWidth, availHeight)
        if availHeight - self.gap >= -_FUZZ:
            super().wrap(availWidth, availHeight - self.gap)
        return 0, self.gap

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Nothing to draw, so no state to save around it."""
