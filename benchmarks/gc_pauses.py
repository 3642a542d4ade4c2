"""The GUI thread's cycle collections during the latency walk (gc.callbacks): the pause each
one blocks the window for, filed under the action running, as the heartbeat files its late
ticks (benchmarks/latency.py). The heartbeat sees a collection only as part of a late tick;
this names it, and what a collection of the whole heap would cost (the pause the app's
collector keeps for the user's pauses, ui/collector.py)."""

import gc
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TARGET_MS = 20


@contextmanager
def as_in_a_worker() -> Iterator[None]:
    """The collector as the app's worker threads meet it (ui/collector.py): automatic
    collection off, so timed work is not stopped by a walk of the whole heap that the
    benchmark's own set-up left due (100-200 ms, in one build of three of a month's payment
    batch). What is due is collected before the block, untimed, as the app's collector would
    have in the user's pause."""
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Collections:
    """Each collection on the GUI thread: (wall ms, CPU ms) under (walk, action)."""

    def __init__(self, heartbeat: Any) -> None:
        self.heartbeat = heartbeat
        self.pauses: dict[tuple[int, str], list[tuple[float, float]]] = defaultdict(list)
        self._started = (0.0, 0.0)
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if phase == "start":
            self._started = time.perf_counter(), time.thread_time()
            return
        wall, cpu = self._started
        self.pauses[self.heartbeat.walk, self.heartbeat.action].append(
            ((time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000))

    def stop(self) -> None:
        gc.callbacks.remove(self._note)

    def figure(self, idle: list[float]) -> dict[str, object]:
        """The worst pause while the user acts (wall, and the most CPU one took), beside the
        worst heartbeat block of the idle windows (`idle`: what the machine alone costs, as
        for the other figures), and a full walk of the heap as the walks left it (measured
        here, after them: the pause the app keeps for the user's pauses)."""
        acting = [pause for (_, action), pauses in self.pauses.items()
                  if action not in ("setup", "idle", "closing") for pause in pauses]
        worst, idle_worst = max((wall for wall, _ in acting), default=0.0), max(idle)
        wall, cpu = time.perf_counter(), time.thread_time()
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        full = (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000
        return {"name": "latency_gc", "value": round(worst, 1), "unit": "ms",
                "baseline": round(idle_worst, 1),
                "ratio": round(worst / idle_worst, 1) if idle_worst else None,
                "target": f"worst collection <= {TARGET_MS} ms",
                "busy_ms": round(max((spent for _, spent in acting), default=0.0), 1),
                "collections": len(acting),
                "over_target": sum(wall > TARGET_MS for wall, _ in acting),
                "idle_collections": sum(len(pauses) for (_, action), pauses
                                        in self.pauses.items() if action == "idle"),
                "full_walk_ms": round(full[0], 1), "full_walk_busy_ms": round(full[1], 1),
                "frozen_objects": gc.get_freeze_count(),
                "baseline_is": "the idle window's heartbeat, as for latency_walk"}
