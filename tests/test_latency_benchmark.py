"""The latency benchmark measures what the app does (benchmarks/latency.py): its baseline the
window at rest, its sign-in the app's start in the app's order."""

import gc
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import latency
from benchmarks.gc_pauses import Collections
from shelter_app.ui import collector
from shelter_app.ui.collector import collect_on_gui_thread


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cycle collector frees it


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generations collected while the test runs."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)
    gc.unfreeze()  # what the idle window froze, for the tests after this one


def test_the_idle_window_collects_nothing_made_before_it(qapp, monkeypatch, collections):
    """What the benchmark made before the idle window (its setup: the programme's modules, a
    BoQ's lines) is not walked by the collector's ticks inside it: the baseline is what the
    machine alone costs the GUI thread."""
    collect_on_gui_thread(qapp)
    monkeypatch.setattr(collector, "_holds", [])  # an earlier test's preload would hold it
    monkeypatch.setattr(latency, "IDLE_MS", 3 * collector.INTERVAL_MS)
    made = [_Node() for _ in range(20 * gc.get_threshold()[0])]  # far past the threshold
    del made
    heartbeat = latency.Heartbeat()
    latency._idle_window(heartbeat, 0)
    heartbeat.stop()
    assert heartbeat.blocks[0, "idle"]  # measured
    assert collections == [2]  # the one before the window, none inside it


_FIRST_WINDOW = """
import sys
from benchmarks import latency
from benchmarks.gc_pauses import Collections
from shelter_app.ui.app import create_application

class Shown(Exception):
    pass

def shown(ms):
    raise Shown

app = create_application()
latency._wait = shown
try:
    latency.Walk(None, None, None, None, None, "nobody").sign_in()
except Shown:
    print("shelter_app.ui.auth.dialogs" in sys.modules)
"""


def test_the_first_window_is_made_without_the_sign_in_dialogs_module():
    """The app imports the sign-in dialog's module once its window shows and the database is
    open (ui.app.run_gui); the benchmark's sign-in did in the turn that makes the process's
    first window, 3 ms of the GUI thread the app does not spend there."""
    done = subprocess.run([sys.executable, "-c", _FIRST_WINDOW], capture_output=True,
                          text=True, timeout=120, check=True,
                          cwd=Path(__file__).resolve().parent.parent)  # benchmarks importable
    assert done.stdout.strip() == "False"


def test_each_collection_of_the_gui_thread_is_filed_under_the_action_running(collections):
    """latency_gc: the worst collection while the user acts, beside the idle window's worst
    heartbeat block."""
    heartbeat = latency.Heartbeat()
    heartbeat.stop()
    pauses = Collections(heartbeat)
    try:
        heartbeat.action = "idle"
        gc.collect(0)
        heartbeat.action = "filter"
        gc.collect(1)
        gc.collect(0)
        for phase in ("start", "stop"):  # another thread's is not the GUI's
            worker = threading.Thread(target=pauses._note, args=(phase, {"generation": 0}))
            worker.start()
            worker.join()
    finally:
        pauses.stop()
    assert [len(pauses.pauses[0, action]) for action in ("idle", "filter")] == [1, 2]
    figure = pauses.figure(idle=[2.0, 4.0])
    assert figure["name"] == "latency_gc" and figure["collections"] == 2
    assert figure["value"] == round(max(wall for wall, _ in pauses.pauses[0, "filter"]), 1)
    assert figure["baseline"] == 4.0 and figure["idle_collections"] == 1
    assert figure["full_walk_busy_ms"] > 0 and gc.get_freeze_count() > 0


def test_the_walk_waits_in_the_event_loop_as_the_app_does(qapp):
    """Between two actions the GUI thread sleeps in the event loop, woken by the next event
    (a heartbeat falling due), as in the app's own loop: QTest.qWait napped 10 ms between its
    passes over the events, and a heartbeat due in a nap was counted up to 10 ms late, a
    block the app never made."""
    from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication

    blocked: list[bool] = []
    dispatcher = QAbstractEventDispatcher.instance()

    def sleeping() -> None:
        blocked.append(True)

    dispatcher.aboutToBlock.connect(sleeping)
    QCoreApplication.sendPostedEvents()  # nothing waiting: the loop can sleep at once
    try:
        latency._wait(20)
    finally:
        dispatcher.aboutToBlock.disconnect(sleeping)
    assert blocked


def test_each_figure_tells_the_gui_threads_own_work_in_its_worst_block():
    """A block is the app's work and what the thread waited for (a core, the interpreter
    lock): the worst block's own CPU beside the busiest interval's."""
    figure = latency._figure("boq_open", [[1.0, 60.0], [3.0]], [[30.0, 20.0], [1.0]], idle=[2.0])
    assert figure["value"] == 60.0 and figure["blocks_over_target"] == 1
    assert figure["worst_busy_ms"] == 20.0 and figure["busy_ms"] == 30.0
    assert (figure["cold_ms"], figure["warm_ms"]) == (60.0, 3.0)
