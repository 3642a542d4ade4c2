"""Keeps None's and True's reference counts from running down under a faulty PySide6 release.

PySide6 6.12.0 gives back one reference to None more than it took each time a Qt method returns
nothing (`parent()` of a window, `focusProxy()`, `property()` of an unset name), and one to True
each time a signal is emitted from Python (`emit()`, which returns True) or disconnected.
Python 3.12 and later never free them; on 3.11 a day of use brings a count to zero and the
process dies with "Fatal Python error: none_dealloc" (or bool_dealloc: True starts near a
thousand references, so a few thousand emits, an import's progress or a sync's, are enough).
6.11 has not the fault, but its lupdate drops plural strings, so until a fixed release the
references taken are given back: the count (the first field of every CPython object) is raised
again, as the binding lowered it. Holding them in a list would not do: the list is freed as the
interpreter ends, and the singleton with it. Nothing is done on a binding or a Python without
the fault (3.12's singletons are immortal).
"""

import ctypes
import sys

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

# the counts are topped up to this at each check; far above what a second of use can lose
FLOOR = 1_000_000
INTERVAL_MS = 1_000
_TIMER_NAME = "noneGuard"


class _Probe(QObject):
    pinged = Signal()


def binding_leaks() -> bool:
    """True when a Qt call that returns nothing takes a reference from None, or an emit one from
    True (measured, with few calls: True may have but a few hundred references)."""
    probe = _Probe()
    leaks = False
    for singleton, call in ((None, probe.parent), (True, probe.pinged.emit)):
        before = sys.getrefcount(singleton)
        for _ in range(20):
            call()
        leaks = leaks or sys.getrefcount(singleton) < before - 10
    return leaks


def top_up() -> int:
    """Raise None's and True's counts to FLOOR where they are below; returns by how much."""
    raised = 0
    for singleton in (None, True):
        missing = FLOOR - sys.getrefcount(singleton)
        if missing > 0:
            ctypes.c_ssize_t.from_address(id(singleton)).value += missing
            raised += missing
    return raised


def guard_none(app: QCoreApplication) -> bool:
    """Top None's and True's counts up now and every INTERVAL_MS on `app`'s thread when the
    binding leaks them (once per app); True when guarding."""
    if not binding_leaks():
        return False
    top_up()
    if app.findChild(QTimer, _TIMER_NAME) is None:
        timer = QTimer(app, interval=INTERVAL_MS, objectName=_TIMER_NAME)
        timer.timeout.connect(top_up)
        timer.start()
    return True
