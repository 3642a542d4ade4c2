"""PySide6's classes made ahead, a few at a time, while the sign-in dialog waits for typing.

PySide6 makes its Python classes, and their enums, at their first use. When Qt hands Python a
widget of a class private to Qt (our style's polish, ui/style.py, is given a table's scroll bar
container as the table goes into a layout), PySide looks for the most derived class it knows
by making every QWidget subclass it has not made yet: some 46 classes and their enums, 8-15 ms
of the GUI thread in the turn that builds the first table of a process (the Dwellings page,
signing in). Made here on idle turns instead, about 2 ms of them per turn; every class of
QtWidgets, so that whichever PySide looks at is there (26 ms in all).

Never while modules are imported ahead (ui.preload): their imports make classes in that thread,
and making a class runs Python code (its enums), where the interpreter may switch threads, so
the two makings could interleave; PySide's is not made for that (a class made inside the making
of another crashes it, reported upstream). The pieces wait for the imports to end.
"""

import time

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication, QTimer

from shelter_app.ui.preload import importing

PIECE_MS = 2  # of the GUI thread's CPU, in one turn
INTERVAL_MS = 10  # between two pieces: keys typed meanwhile are answered at once
_left: list[str] | None = None  # the classes still to make, once started (once a process)


def make_ahead() -> None:
    """Start making, on the coming turns, the classes of QtWidgets not made yet."""
    global _left
    if _left is not None:
        return
    _left = [name for name in dir(QtWidgets) if name.startswith("Q")]
    timer = QTimer(QCoreApplication.instance(), interval=INTERVAL_MS)
    timer.timeout.connect(lambda: _piece(timer))
    timer.start()


def _piece(timer: QTimer) -> None:
    assert _left is not None
    if importing():
        return
    deadline = time.thread_time() + PIECE_MS / 1000
    while _left and time.thread_time() < deadline:
        getattr(QtWidgets, _left.pop())
    if not _left:
        timer.stop()
        timer.deleteLater()
