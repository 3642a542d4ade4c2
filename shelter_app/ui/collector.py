"""Python's cycle collector runs on the GUI thread only, and walks the whole heap only while
the user pauses.

Left automatic, it runs in whichever thread passes its allocation threshold: a worker thread
(opening the database, a backup, a sync) can then free a widget or timer that sat in a
reference cycle, and Qt deletes a GUI object from the wrong thread ("Timers cannot be stopped
from another thread", or a crash). So automatic collection is turned off and a timer on the
GUI thread does the same work, generation by generation, as the automatic collector would,
with the old objects frozen between full collections so that its pauses stay short.

The timer ticks ten times a second, so a young generation holds a tenth of a second's
allocations, not a second's (rows read by workers, a page built: 40 ms and more of a pause in
the middle of an action). The oldest generation's threshold is raised as many times, so it
still comes due as often as it did at one tick a second.

A full collection walks every object of the app (some 190,000 after a few minutes on the
100,000-dwelling programme: 120-150 ms of the GUI thread's CPU), and no slicing shortens it: a
cycle is found only by a walk that sees all of it. So it waits for a pause, QUIET_MS without a
key or a click after the user's last input, when a person reads the screen and does not feel
it.
"""

import gc
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from shelter_app.ui.input_watch import InputWatcher

INTERVAL_MS = 100
TICKS_PER_SECOND = 1_000 // INTERVAL_MS
QUIET_MS = 2_000  # this long without input or work, the user reads: a full walk is not felt
START_LIMIT_MS = 10_000  # the longest a start holds the collector (hold_while_starting)
_TIMER_NAME = "cycleCollector"
_holds: list[Callable[[], bool]] = []  # what holds the collector, each saying if it still does


class _LongLived:
    """The oldest objects: `survivors` frozen by the last full collection (None before the
    first), `since` frozen after a collection of the oldest generation since then."""

    survivors: int | None = None
    since = 0


def collect_due(user_paused: bool = False) -> int:
    """Collect the generations whose counts have passed their thresholds, as the automatic
    collector would at this point; returns the number of unreachable objects found.

    The oldest generation is where a pause grows with the whole heap. CPython's own collector
    walks it whole once the objects that reached it since its last full walk outnumber a
    quarter of the ones that survived that walk; this one waits for that until the user
    pauses (`user_paused`), and while the user is busy does it only once the oldest objects
    doubled (so memory still cannot grow without bound). In between, a due collection of
    the oldest generation walks only what reached it since the one before (a few
    milliseconds), then freezes it (gc.freeze) with the older ones."""
    if user_paused and _grown_by(4):
        return _walk_whole()
    counts, thresholds = gc.get_count(), gc.get_threshold()
    oldest = -1
    for generation in range(3):
        if counts[generation] <= thresholds[generation]:
            break
        oldest = generation
    if oldest < 2:
        return gc.collect(oldest) if oldest >= 0 else 0
    if _grown_by(1):
        return _walk_whole()
    found = gc.collect(2)  # the frozen are not walked
    _LongLived.since += len(gc.get_objects(generation=2))
    gc.freeze()
    return found


def _grown_by(fraction: int) -> bool:
    """Whether the objects that reached the oldest generation since the last full walk
    outnumber 1/`fraction` of the ones that survived it."""
    if _LongLived.survivors is None:  # not walked yet: what the start froze stands for it
        _LongLived.survivors, _LongLived.since = gc.get_freeze_count(), 0
    grown = _LongLived.since + len(gc.get_objects(generation=2))
    return grown > _LongLived.survivors // fraction


def _walk_whole() -> int:
    gc.unfreeze()
    found = gc.collect(2)
    gc.freeze()
    _LongLived.survivors, _LongLived.since = gc.get_freeze_count(), 0
    return found


def hold_while(busy: Callable[[], bool]) -> None:
    """Until `busy()` answers False, a tick freezes what was allocated instead of walking it;
    the tick that finds it False freezes once more (what was allocated until then).

    Asked on the GUI thread; `busy` is called there, at each tick. All the freezing is done
    there too: gc.freeze() is process-wide, and called from another thread it could come
    between the unfreeze and the collection of a full walk (collect_due)."""
    _holds.append(busy)


def hold_while_starting() -> Callable[[], None]:
    """Until the returned release is called (the first rows drawn), at most START_LIMIT_MS, the
    collector is held (hold_while). A start allocates the modules, the classes and the window,
    which live as long as the app, and little garbage: the fifty young collections of a start
    measured cost 55 ms of the GUI thread before the first rows and freed some 450 objects.
    The first full collection after the start walks them (unfrozen there, see collect_due).
    The release may be called more than once."""
    started = threading.Event()
    QTimer.singleShot(START_LIMIT_MS, started.set)
    hold_while(lambda: not started.is_set())
    return started.set


class CycleCollector(InputWatcher):
    """The timer that collects, and the user's input it waits on for a full walk: the first
    tick QUIET_MS after an input may walk the whole heap (collect_due), once per pause. A
    tick that finds the young generation due is no pause either: the app is still at work
    for the user (a file opening, its rows read and shown, a page built), and the user waits
    for it."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._used = False  # input since the last pause began
        self.timer = QTimer(self, interval=INTERVAL_MS, objectName=_TIMER_NAME)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def touched(self) -> None:
        self._used = True
        self.quiet.start()

    def _tick(self) -> None:
        if _holds:
            gc.freeze()
            _holds[:] = [busy for busy in _holds if busy()]
            return
        if gc.get_count()[0] > gc.get_threshold()[0]:
            self.quiet.start()  # still at work: rows arriving, a page built
        paused = self._used and not self.quiet.isActive()
        if paused:
            self._used = False
        collect_due(user_paused=paused)


def collect_on_gui_thread(app: QCoreApplication) -> None:
    """Turn automatic collection off and collect from a timer owned by `app` (once per app)."""
    gc.disable()
    if app.findChild(CycleCollector) is not None:
        return
    young, middle, oldest = gc.get_threshold()
    gc.set_threshold(young, middle, oldest * TICKS_PER_SECOND)
    CycleCollector(app)
