"""The cycle collector runs on the GUI thread only (ui/collector.py)."""

import gc
import threading
import time
import weakref

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from shelter_app.ui import collector
from shelter_app.ui.collector import (INTERVAL_MS, QUIET_MS, TICKS_PER_SECOND, CycleCollector,
                                      _LongLived, collect_due, collect_on_gui_thread,
                                      hold_while_starting)


@pytest.fixture(autouse=True)
def _not_held(monkeypatch: pytest.MonkeyPatch) -> None:
    """An earlier test's window may still be importing ahead (ui.preload): its hold would
    make these ticks freeze instead of collecting."""
    monkeypatch.setattr(collector, "_holds", [])


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


def test_a_worker_thread_never_frees_a_cycle_the_gui_thread_collects_it(qapp):
    collect_on_gui_thread(qapp)
    assert not gc.isenabled()
    node = _Node()
    alive = weakref.ref(node)
    del node

    kept: list[list[object]] = []

    def allocate() -> None:  # far past every threshold: automatic collection would run here
        kept.extend([] for _ in range(50 * gc.get_threshold()[0]))

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert alive() is not None
    assert collect_due() >= 1
    assert alive() is None


def test_nothing_is_collected_before_a_threshold_is_passed():
    gc.collect()
    node = _Node()
    alive = weakref.ref(node)
    del node
    assert collect_due() == 0 and alive() is not None
    gc.collect()


def test_one_timer_per_application_collects(qapp):
    collect_on_gui_thread(qapp)
    collect_on_gui_thread(qapp)
    timers = [timer for timer in qapp.findChildren(QTimer)
              if timer.objectName() == "cycleCollector"]
    assert len(timers) == 1 and timers[0].isActive()


def test_young_generations_are_collected_ten_times_a_second_the_oldest_as_before(qtbot, qapp):
    """Each collection walks what was allocated since the one before: collected once a second,
    a young generation held a second's allocations and its pause blocked the GUI thread. The
    oldest generation's threshold grows as many times: it comes due no more often than it did
    (its whole-heap walk is the longest pause of all)."""
    collect_on_gui_thread(qapp)
    assert gc.get_threshold()[2] == 10 * TICKS_PER_SECOND  # CPython's 10, at one tick a second
    timer = next(timer for timer in qapp.findChildren(QTimer)
                 if timer.objectName() == "cycleCollector")
    assert timer.interval() * TICKS_PER_SECOND == 1_000
    ticks: list[None] = []
    timer.timeout.connect(tick := lambda: ticks.append(None))
    kept: list[object] = []
    collections = sum(stats["collections"] for stats in gc.get_stats())
    deadline = time.perf_counter() + 30  # counted in ticks: a loaded machine delays them
    while len(ticks) < 5 and time.perf_counter() < deadline:
        kept.extend([] for _ in range(gc.get_threshold()[0] + 1))  # past the young threshold
        qtbot.wait(10)
    timer.timeout.disconnect(tick)
    assert sum(stats["collections"] for stats in gc.get_stats()) - collections >= 4


def _collect_the_oldest_when_due(kept: list[object], user_paused: bool = False) -> None:
    """Allocate (into `kept`) and collect as the timer would until the oldest generation was
    due once."""
    collections = gc.get_stats()[2]["collections"]
    while gc.get_stats()[2]["collections"] == collections:
        kept.extend([] for _ in range(gc.get_threshold()[0] + 1))
        collect_due(user_paused)


@pytest.fixture
def long_lived(qapp, monkeypatch: pytest.MonkeyPatch) -> Iterator[weakref.ref[_Node]]:
    """A cycle among the oldest objects, dropped (its weak reference given): frozen, only a
    full walk frees it. Nothing
    else is in the oldest generation, and 4,000 objects survived the last full walk."""
    collect_on_gui_thread(qapp)  # first: it sets the thresholds restored after the test
    thresholds = gc.get_threshold()
    gc.set_threshold(50, 2, 2)
    gc.collect()
    node = _Node()
    gc.freeze()
    alive = weakref.ref(node)
    del node
    monkeypatch.setattr(_LongLived, "survivors", 4_000)
    monkeypatch.setattr(_LongLived, "since", 0)
    yield alive
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def test_the_oldest_generation_is_walked_whole_only_once_it_grew_and_the_user_paused(
        long_lived):
    """While the user works, a due collection of the oldest generation walks only what
    reached it since the one before (the frozen survivors are not walked: short pauses), and
    freezes it; a cycle among the survivors is freed by a full walk in the user's next pause,
    once a quarter more objects reached the oldest generation."""
    alive, kept = long_lived, []
    _collect_the_oldest_when_due(kept)
    assert alive() is not None and len(gc.get_objects(generation=2)) < 200  # walked, frozen
    collect_due(user_paused=True)  # a pause, but the heap has not grown by a quarter
    assert alive() is not None
    while _LongLived.since <= 1_000:  # a quarter more reached the oldest generation
        _collect_the_oldest_when_due(kept)
    assert alive() is not None  # the user still at work
    collect_due(user_paused=True)
    assert alive() is None
    assert _LongLived.survivors > 1_000 and _LongLived.since == 0  # walked: the new baseline


def test_a_user_who_never_pauses_still_gets_the_heap_walked_once_it_doubled(long_lived):
    """Memory does not grow without bound for want of a pause: once the oldest objects doubled
    a due collection walks them whole, pause or not."""
    alive, kept = long_lived, []
    while alive() is not None and len(kept) < 40_000:  # ten times the survivors at most
        _collect_the_oldest_when_due(kept)
    assert alive() is None and len(kept) > 4_000


def test_a_full_walk_waits_for_a_pause_in_the_users_input(qtbot, qapp, long_lived):
    """The first tick QUIET_MS after a key press walks the heap (input counted as the window
    gets it, before any widget); a tick while keys come does not, nor one while the app is
    still at work for the user (the young generation due)."""
    watcher = qapp.findChild(CycleCollector)
    alive = long_lived
    _LongLived.survivors, _LongLived.since = 1_000_000, 300_000  # grown by a quarter, not
    # doubled (whatever the test process holds unfrozen)
    line = QLineEdit()
    qtbot.addWidget(line)
    line.show()
    line.activateWindow()
    qtbot.waitActive(line)  # watched once it has the focus, as every window of the app
    try:
        watcher.quiet.setInterval(600_000)  # typing: no pause while the test looks
        QTest.mouseClick(line.windowHandle(), Qt.MouseButton.LeftButton)
        QTest.keyClick(line.windowHandle(), Qt.Key.Key_A)
        watcher.timer.timeout.emit()
        assert alive() is not None and watcher.quiet.isActive()
        watcher.quiet.stop()  # no key for a while, but the screen still fills (rows arriving)
        kept = [[] for _ in range(3 * gc.get_threshold()[0])]  # far past the young threshold
        watcher.timer.timeout.emit()
        assert alive() is not None and watcher.quiet.isActive()
        del kept
        watcher.quiet.setInterval(3 * INTERVAL_MS)
        QTest.keyClick(line.windowHandle(), Qt.Key.Key_B)  # the last key before a pause
        qtbot.waitUntil(lambda: alive() is None, timeout=30_000)
    finally:
        watcher.quiet.setInterval(QUIET_MS)
    assert line.text() == "ab"


def _young_collections() -> int:
    return sum(stats["collections"] for stats in gc.get_stats()[:2])


def test_while_the_app_starts_the_ticks_freeze_what_was_allocated_instead_of_walking_it(
        qtbot, qapp):
    """A start allocates what lives as long as the app (modules, classes, the window): walking
    it cost the GUI thread 55 ms before the first rows, for some 450 objects freed."""
    collect_on_gui_thread(qapp)
    release = hold_while_starting()
    kept: list[object] = []
    try:
        collections = _young_collections()
        for _ in range(3):  # allocating past the young threshold at each tick
            kept.extend([] for _ in range(gc.get_threshold()[0] + 1))
            qtbot.wait(2 * INTERVAL_MS)
        assert _young_collections() == collections
        assert gc.get_count()[0] < gc.get_threshold()[0]  # frozen, not left to pile up
    finally:
        release()
        release()  # a second release (the start's end, then the app's) is harmless
    for _ in range(3):
        kept.extend([] for _ in range(gc.get_threshold()[0] + 1))
        qtbot.wait(2 * INTERVAL_MS)
    assert _young_collections() > collections
    gc.unfreeze()
