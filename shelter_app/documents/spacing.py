"""Vertical space that writes nothing into the page.

ReportLab puts every flowable's drawing between "q", a translation and "Q", a Spacer's and a
CondPageBreak's too, though they draw nothing: a tr+ar contract wrote 67 such empty groups,
each saved, formatted and compressed. These take the same room and break pages the same way,
and write nothing.
"""

from typing import Any

from reportlab.platypus import CondPageBreak, Spacer


class Gap(Spacer):
    """A Spacer that writes nothing."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Nothing to draw, so no state to save around it."""


class Room(CondPageBreak):
    """A CondPageBreak (the next page unless `height` is left) that writes nothing."""

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        """Nothing to draw, so no state to save around it."""
