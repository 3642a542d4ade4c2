"""Two parts of a page side by side where the page is wide enough for both, else one above the
other: side by side, the daily log's grid and day panel, or the Inbox's kinds and a week's
grid, made a window 900 px wide too narrow."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QWidget


class BesideIfRoom(QObject):
    """Lays `row` (one of `owner`'s layouts, as wide as it) left to right while it has
    `needed()` pixels besides its spacing, else top to bottom; placed again as `owner` is
    resized or its parts' sizes change (a week's grid read). `turned` tells the parts placed
    anew (True: side by side), for parts that take another shape there."""

    turned = Signal(bool)

    def __init__(self, owner: QWidget, row: QBoxLayout, needed: Callable[[], int]) -> None:
        super().__init__(owner)
        self._owner, self._row, self._needed = owner, row, needed
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.place()
        return False

    @property
    def beside(self) -> bool:
        return self._row.direction() == QBoxLayout.Direction.LeftToRight

    @property
    def spacing(self) -> int:
        return self._row.spacing()

    def place(self) -> None:
        margins = self._owner.layout().contentsMargins()
        room = self._owner.width() - margins.left() - margins.right() - self._row.spacing()
        direction = (QBoxLayout.Direction.LeftToRight if room >= self._needed()
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self._row.direction():
            self._row.setDirection(direction)
            self.turned.emit(self.beside)
