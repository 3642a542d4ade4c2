"""Work that waits until a widget has painted, then runs on a later turn of the event loop.

Qt sends the events posted during one turn of the event loop (a layout, a repaint, a zero
timer's call) all together on the next, so a zero timer set beside a change of screen runs in
the same turn as that screen's paint: the window is frozen for both. Set from the paint itself
(ui.turns.next_turn: a timer, so the input and timers already due run first), the work runs
after it, once the user already sees the screen.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from shelter_app.ui.turns import next_turn

# A shown widget that paints no more (a minimised window) does not wait longer than this
LATEST_MS = 200


class _AfterPaint(QObject):
    """Watches `widget` until its next paint; owned by it, so it goes with it."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        if widget.isVisible():
            next_turn(self, self._wait_at_most)
        else:
            next_turn(self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            next_turn(self, self._run)
        return False

    def _wait_at_most(self) -> None:
        """LATEST_MS from the event loop's first turn after the call, not from the call: when
        the turn that asked took longer (a slow laptop signing in), a timer set in it came due
        in the next pass, before the paint that the pass's layout asked for, and the work
        froze the window before it painted."""
        QTimer.singleShot(LATEST_MS, self, self._run)

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self.deleteLater()
            then()


def after_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Call `then` on a turn after `widget`'s next paint; on the next turn when `widget` is
    hidden (nothing to paint), at the latest LATEST_MS from the next turn. Nothing is called once
    `widget` is deleted."""
    _AfterPaint(widget, then)
