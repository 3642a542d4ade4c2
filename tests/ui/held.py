"""A service call held in a worker until the test releases it (a slow query on a big programme,
a slow laptop), and the event loop's heartbeat meanwhile: for the tests that the window never
blocks while it waits."""

import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer

from shelter_app.ui import worker


class Held:
    """Wraps `function`; a call that `hold` accepts waits for `release`. Records where each call
    ran, the cancel it was given, and whether it ended."""

    def __init__(self, function, hold=lambda *args, **options: True) -> None:
        self.function, self.hold = function, hold
        self.release = threading.Event()
        self.on_gui_thread: list[bool] = []
        self.cancels: list[object] = []
        self.ended = threading.Event()

    def __call__(self, *args, **options):
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        self.cancels.append(options.get("cancel"))
        try:
            if self.hold(*args, **options):
                assert self.release.wait(10), "the test never released the held call"
            return self.function(*args, **options)
        finally:
            self.ended.set()


def answered(qtbot) -> None:
    """Wait until every worker's answer is delivered on the GUI thread (ui/worker.py): one to
    be dropped has been dropped then, not merely not arrived yet."""
    qtbot.waitUntil(lambda: not worker._running)


class Painted(QObject):
    """Calls `seen` at each paint of `widget` once `on`."""

    def __init__(self, widget, seen) -> None:
        super().__init__(widget)
        self.on, self.seen = False, seen
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if self.on and event.type() == QEvent.Type.Paint:
            self.seen()
        return False


def ticks(qtbot, widget) -> int:
    """How often a 5 ms timer fired in the next moment: the event loop is not blocked."""
    fired = []
    timer = QTimer(widget, interval=5)
    timer.timeout.connect(lambda: fired.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(fired) >= 10, timeout=2000)
    timer.stop()
    return len(fired)


def heartbeat(parent: QObject, tick: Callable[[], None]) -> QTimer:
    """A started 4 ms timer calling `tick`, as the latency benchmark's heartbeat: what it sees
    at each tick is what the window showed between two blocks of the GUI thread."""
    timer = QTimer(parent)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(4)
    timer.timeout.connect(tick)
    timer.start()
    return timer


def busy(seconds: float) -> None:
    """Spend `seconds` of this thread's CPU, as a page that takes a while to build."""
    start = time.thread_time()
    while time.thread_time() - start < seconds:
        pass
