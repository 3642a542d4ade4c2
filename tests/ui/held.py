"""A service call held in a worker until the test releases it (a slow query on a big programme,
a slow laptop), and the event loop's heartbeat meanwhile: for the tests that the window never
blocks while it waits."""

import threading

from PySide6.QtCore import QTimer


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


def ticks(qtbot, widget) -> int:
    """How often a 5 ms timer fired in the next moment: the event loop is not blocked."""
    fired = []
    timer = QTimer(widget, interval=5)
    timer.timeout.connect(lambda: fired.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(fired) >= 10, timeout=2000)
    timer.stop()
    return len(fired)
