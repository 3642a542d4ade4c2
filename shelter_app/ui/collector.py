"""Python's cycle collector runs on the GUI thread only.

Left automatic, it runs in whichever thread passes its allocation threshold: a worker thread
(opening the database, a backup, a sync) can then free a widget or timer that sat in a
reference cycle, and Qt deletes a GUI object from the wrong thread ("Timers cannot be stopped
from another thread", or a crash). So automatic collection is turned off and a timer on the
GUI thread does the same work, generation by generation, as the automatic collector would,
with the old objects frozen between full collections so that its pauses stay short.

The timer ticks ten times a second, so a young generation holds a tenth of a second's
allocations, not a second's (rows read by workers, a page built: 40 ms and more of a pause in
the middle of an action). The oldest generation's threshold is raised as many times, so it
still comes due as often as it did at one tick a second, and with it the whole-heap walk.
"""

import gc
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer

INTERVAL_MS = 100
TICKS_PER_SECOND = 1_000 // INTERVAL_MS
START_LIMIT_MS = 10_000  # the longest a start holds the collector (hold_while_starting)
_TIMER_NAME = "cycleCollector"
_holds: list[Callable[[], bool]] = []  # what holds the collector, each saying if it still does


def collect_due() -> int:
    """Collect the generations whose counts have passed their thresholds, as the automatic
    collector would at this point; returns the number of unreachable objects found.

    The oldest generation is where a pause grows with the whole heap (a third of a second on
    the 100,000-dwelling programme, with SQLAlchemy and every page loaded). CPython's own
    collector scans it whole only once the objects that reached it since its last full scan
    outnumber a quarter of the ones that survived that scan; so does this one, and in between
    the survivors of a full scan are frozen (gc.freeze), so that a due collection of the
    oldest generation walks only the objects that reached it since, a few milliseconds."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    oldest = -1
    for generation in range(3):
        if counts[generation] <= thresholds[generation]:
            break
        oldest = generation
    if oldest < 2:
        return gc.collect(oldest) if oldest >= 0 else 0
    if len(gc.get_objects(generation=2)) <= gc.get_freeze_count() // 4:
        return gc.collect(2)  # the frozen survivors are not walked
    gc.unfreeze()
    found = gc.collect(2)
    gc.freeze()
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


def _tick() -> None:
    if _holds:
        gc.freeze()
        _holds[:] = [busy for busy in _holds if busy()]
    else:
        collect_due()


def collect_on_gui_thread(app: QCoreApplication) -> None:
    """Turn automatic collection off and collect from a timer owned by `app` (once per app)."""
    gc.disable()
    if app.findChild(QTimer, _TIMER_NAME) is not None:
        return
    young, middle, oldest = gc.get_threshold()
    gc.set_threshold(young, middle, oldest * TICKS_PER_SECOND)
    timer = QTimer(app, interval=INTERVAL_MS, objectName=_TIMER_NAME)
    timer.timeout.connect(_tick)
    timer.start()
