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
"""

import importlib
import threading
from collections.abc import Iterable

from shelter_app.ui.collector import hold_while

_NAME = "preload"  # the name of its threads

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


def preload(modules: Iterable[str]) -> threading.Thread:
    """Start importing `modules`, in order; the thread is returned for tests to join."""
    thread = threading.Thread(target=_import, args=(tuple(modules),), name=_NAME, daemon=True)
    thread.start()
    hold_while(thread.is_alive)
    return thread


def importing() -> bool:
    """Whether modules are being imported ahead now (by a thread started by preload)."""
    return any(thread.name == _NAME for thread in threading.enumerate())


def _import(modules: tuple[str, ...]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # see the docstring
            continue
