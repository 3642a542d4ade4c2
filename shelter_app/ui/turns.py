"""Work split over turns of the event loop, each its own block of the GUI thread.

`QTimer.singleShot(0, …)` posts an event, and the event loop sends posted events in the same
pass as the timers that came due meanwhile: two steps chained that way ran back to back, a
20 ms step and the next one freezing the window as one 40 ms block. A 1 ms timer is a timer:
it runs after the timers already due (the paint, a heartbeat), never in the same pass as its
predecessor.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDialog
from shiboken6 import isValid


def next_turn(receiver: QObject, step: Callable[[], None]) -> None:
    """Call `step` on a later turn of the event loop than this one, unless `receiver` is
    deleted first."""
    QTimer.singleShot(1, receiver, step)


class Opener:
    """Opens a dialog on the turn after it is made (made and shown in one turn, the window
    froze for both), and says meanwhile that one is `waiting`: input queued while it was
    made (a second Enter on the list) is sent before that turn, and would make a second."""

    def __init__(self) -> None:
        self._dialog: QDialog | None = None

    @property
    def waiting(self) -> bool:
        return self._dialog is not None and isValid(self._dialog)

    def open(self, dialog: QDialog) -> None:
        self._dialog = dialog
        next_turn(dialog, self._open)

    def _open(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.open()
