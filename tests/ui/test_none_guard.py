"""None's and True's reference counts survive the Qt binding (ui/none_guard.py)."""

import sys

from PySide6.QtCore import QObject, QTimer, Signal

from shelter_app.ui import none_guard


def test_none_is_topped_up_after_calls_that_return_nothing(qapp) -> None:
    probe = QObject()
    none_guard.top_up()
    for _ in range(100_000):  # a faulty binding takes one reference per call
        probe.parent()
    none_guard.top_up()
    assert sys.getrefcount(None) >= none_guard.FLOOR


class _Pinger(QObject):
    pinged = Signal()


def test_true_is_topped_up_after_emits(qapp) -> None:
    """6.12.0's emit() takes a reference from True: a few thousand emits (an import's progress)
    ended the process with "deallocating True or False"."""
    pinger = _Pinger()
    none_guard.top_up()
    for _ in range(100_000):
        pinger.pinged.emit()
    none_guard.top_up()
    assert sys.getrefcount(True) >= none_guard.FLOOR


def test_the_guard_runs_on_a_timer_only_where_the_binding_leaks(qapp) -> None:
    guarding = none_guard.guard_none(qapp)
    timers = qapp.findChildren(QTimer, "noneGuard")
    assert guarding == none_guard.binding_leaks()
    assert len(timers) == (1 if guarding else 0)
    if guarding:
        assert timers[0].isActive() and sys.getrefcount(None) > none_guard.FLOOR - 1_000
        none_guard.guard_none(qapp)  # once per application
        assert len(qapp.findChildren(QTimer, "noneGuard")) == 1
