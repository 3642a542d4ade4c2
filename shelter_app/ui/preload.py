"""Import, in a thread of their own, the modules the GUI thread is about to need: a module's
first import compiles and runs it (a page and the services under it: tens of milliseconds),
which on the GUI thread freezes the window for that long.

Imports only: these modules define classes and functions; they create no QObject (a worker
thread must never create or own one of the GUI thread's). An import that fails here is left
alone: it fails again, and is reported, where the GUI thread imports the module.

What the imports allocate (functions, classes, their dicts: tens of thousands of objects) lives
as long as the app. Walked by the GUI thread's young collections, it made a collection of 16-28
ms with nothing to free on the first sign-in, beside the Dwellings page's build; so the
collector freezes instead of walking while the imports run (ui/collector.hold_while).

The pages' thread is paced (_Pacer): unpaced, it froze the window it works for. Each call of
the GUI thread into Qt lets go of the interpreter and takes it back; a thread running Python
without a pause takes it at each letting-go, and the GUI thread then waits out the switch
interval to get it back. A turn of 20 ms of the GUI thread's own CPU, the sign-in's last,
took 63-91 ms while the pages' modules were imported beside it (the "convoy effect"); paced,
21-23 ms (benchmarks/latency.py, the first walk, alternated on a quiet machine).
"""

import _imp
import importlib
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from shelter_app.ui.collector import hold_while

_NAME = "preload"  # the name of its threads
WORK_S = 0.002  # a preload thread imports this long,
PAUSE_S = 0.004  # then sleeps this long: the GUI thread has the interpreter to itself

# What signing in and the Dwellings page need (MainWindow.attach, app.follow_user).
SIGN_IN = (
    "shelter_app.services.cases.dwellings",
    "shelter_app.ui.dwellings.page",
    "shelter_app.ui.changes",
    "shelter_app.ui.sync.runner",
    "shelter_app.ui.sync.indicator",
    "shelter_app.ui.sync.background",
    "shelter_app.ui.auth.idle",
    "shelter_app.ui.backup.automatic",
    "shelter_app.ui.language",
)


class _Pacer:
    """A finder consulted first for each module imported anywhere (it finds none itself): in a
    paced preload thread that has imported for WORK_S since its last pause, it sleeps PAUSE_S
    first. Per module, not per name in the list: one page's name imports dozens of modules.
    It sleeps without the interpreter's import lock, which importlib holds around each finder:
    held, every other thread's first import of a module waited out the pause (5 ms, not 0.3)."""

    def __init__(self) -> None:
        self.thread = threading.local()  # `since`: the paced thread's last pause

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        since = getattr(self.thread, "since", None)
        if since is not None and time.perf_counter() - since >= WORK_S:
            with _import_lock_let_go():
                time.sleep(PAUSE_S)
            self.thread.since = time.perf_counter()


@contextmanager
def _import_lock_let_go() -> Iterator[None]:
    """The import lock let go meanwhile and taken again, as importlib._bootstrap._find_spec
    lets go of it between two finders; nothing to let go where this thread holds none."""
    try:
        _imp.release_lock()
    except RuntimeError:  # not held by this thread: an importlib that does not hold it here
        held = False
    else:
        held = True
    try:
        yield
    finally:
        if held:
            _imp.acquire_lock()


_PACER = _Pacer()


def preload(modules: Iterable[str], paced: bool = False) -> threading.Thread:
    """Start importing `modules`, in order; the thread is returned for tests to join.

    `paced` for modules needed later (the pages'), not for ones the GUI thread waits for next
    (the sign-in's: paced, the GUI thread waited on their import locks, and a start with the
    password given at once reached the signed-in window 200-600 ms later)."""
    if _PACER not in sys.meta_path:
        sys.meta_path.insert(0, _PACER)
    thread = threading.Thread(target=_import, args=(tuple(modules), paced), name=_NAME,
                              daemon=True)
    thread.start()
    hold_while(thread.is_alive)
    return thread


def importing() -> bool:
    """Whether modules are being imported ahead now (by a thread started by preload)."""
    return any(thread.name == _NAME for thread in threading.enumerate())


def _import(modules: tuple[str, ...], paced: bool) -> None:
    if paced:
        _PACER.thread.since = time.perf_counter()
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # see the docstring
            continue
