"""The BoQ editor's table of lines, repainted only where a change of focus shows.

Qt repaints an item view whole when it gains or loses the keyboard focus, though what shows
it is the current cell's focus frame (and, in some styles, the selection's colour): in the
editor that is every visible line, three times for each quantity typed (the table takes the
focus, its cell editor takes it, the search box takes it back). Here only the current line,
the selected lines and the table's frame are repainted.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFocusEvent, QRegion
from PySide6.QtWidgets import QTableView, QWidget

_HELD = Qt.WidgetAttribute.WA_UpdatesDisabled


class LinesTable(QTableView):
    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        self._with_focus_repaint(lambda: super(LinesTable, self).focusInEvent(event))

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self._with_focus_repaint(lambda: super(LinesTable, self).focusOutEvent(event))

    def _with_focus_repaint(self, handle: Callable[[], None]) -> None:
        """Qt's handling of the focus (the first focus makes a line current), its whole
        repaint left out, then the current and selected lines and the frame repainted."""
        with _updates_held(self, self.viewport()):
            handle()
        viewport = self.viewport()
        self.update(QRegion(self.rect()) - QRegion(viewport.geometry()))  # the frame
        shown = self.visualRegionForSelection(self.selectionModel().selection())
        row = self.currentIndex().row()
        if row >= 0:
            shown |= QRegion(QRect(0, self.rowViewportPosition(row), viewport.width(),
                                   self.rowHeight(row)))
        viewport.update(shown)


@contextmanager
def _updates_held(*widgets: QWidget) -> Iterator[None]:
    """Repaints asked of `widgets` meanwhile are dropped (setUpdatesEnabled(True) would
    repaint them whole when it lets go)."""
    held = [widget for widget in widgets if not widget.testAttribute(_HELD)]
    for widget in held:
        widget.setAttribute(_HELD, True)
    try:
        yield
    finally:
        for widget in held:
            widget.setAttribute(_HELD, False)
