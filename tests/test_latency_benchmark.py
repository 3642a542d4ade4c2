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
