"""The latency benchmark's baseline measures the window at rest (benchmarks/latency.py)."""

import gc
from collections.abc import Iterator

import pytest

from benchmarks import latency
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
