"""Work split over turns of the event loop, each its own block of the GUI thread.

`QTimer.singleShot(0, …)` posts an event, and the event loop sends posted events in the same
pass as the timers that came due meanwhile: two steps chained that way ran back to back, a
20 ms step and the next one freezing the window as one 40 ms block. A 1 ms timer is a timer:
it runs after the timers already due (the paint, a heartbeat), never in the same pass as its
predecessor.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


def next_turn(receiver: QObject, step: Callable[[], None]) -> None:
    """Call `step` on a later turn of the event loop than this one, unless `receiver` is
    deleted first."""
    QTimer.singleShot(1, receiver, step)
