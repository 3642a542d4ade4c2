"""The cycle collector runs on the GUI thread only (ui/collector.py)."""

import gc
import threading
import weakref

from PySide6.QtCore import QTimer

from shelter_app.ui.collector import collect_due, collect_on_gui_thread


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
