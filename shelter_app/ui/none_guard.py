"""Keeps None's reference count from running down under a faulty PySide6 release.

PySide6 6.12.0 gives back one reference to None more than it took each time a Qt method returns
nothing (`parent()` of a window, `focusProxy()`, `property()` of an unset name). Python 3.12
and later never free None; on 3.11 a day of use brings its count to zero and the process dies
with "Fatal Python error: none_dealloc". 6.11 has not the fault, but its lupdate drops plural
strings, so until a fixed release the references taken are given back: None's count (the
first field of every CPython object) is raised again, as the binding lowered it. Holding
Nones in a list would not do: the list is freed as the interpreter ends, and None with it.
Nothing is done on a binding or a Python without the fault (3.12's None is immortal).
"""

import ctypes
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# None's count is topped up to this at each check; far above what a second of use can lose
FLOOR = 1_000_000
INTERVAL_MS = 1_000
_TIMER_NAME = "noneGuard"


def binding_leaks_none() -> bool:
    """True when a Qt call that returns nothing takes a reference from None (measured)."""
    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.parent()
    return sys.getrefcount(None) < before - 50


def top_up() -> int:
    """Raise None's count to FLOOR when it is below; returns by how much."""
    missing = FLOOR - sys.getrefcount(None)
    if missing > 0:
        ctypes.c_ssize_t.from_address(id(None)).value += missing
    return max(missing, 0)


def guard_none(app: QCoreApplication) -> bool:
    """Top None's count up now and every INTERVAL_MS on `app`'s thread when the binding leaks
    it (once per app); True when guarding."""
    if not binding_leaks_none():
        return False
    top_up()
    if app.findChild(QTimer, _TIMER_NAME) is None:
        timer = QTimer(app, interval=INTERVAL_MS, objectName=_TIMER_NAME)
        timer.timeout.connect(top_up)
        timer.start()
    return True
