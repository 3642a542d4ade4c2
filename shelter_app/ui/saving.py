"""Edits saved off the GUI thread, in the order they were typed (a BoQ quantity, a day of
the week grid).

A screen shows an edit at once (worked out in memory) and hands the save to its
`OrderedSaves`. Each save is a worker job holding the database and the values, not the window,
so it commits even when the screen closes or is deleted meanwhile. The saves of every screen go
through one queue, taken in order under a lock, so two edits of a record never commit in the
wrong order. `drain()` waits for the saves still running: a screen calls it before any other
service call (which must not overtake an edit) and before it closes (so a refusal is still
shown where it belongs).
"""

import threading
from collections import deque
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, Signal

from shelter_app.ui.worker import run_in_background

_lock = threading.Lock()  # one save at a time, the oldest first
_queue: deque["_Save"] = deque()


class _Save:
    """One edit on its way to the database; `done` is set once the service answered."""

    def __init__(self, edit: object, call: Callable[[], object]) -> None:
        self.edit = edit
        self.call = call
        self.done = threading.Event()
        self.saved: object = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.saved = self.call()
        except BaseException as error:  # noqa: BLE001 - answered on the GUI thread
            self.error = error
        finally:
            self.done.set()


def _save_next() -> None:
    with _lock:
        _queue.popleft().run()


class OrderedSaves(QObject):
    """A screen's saves not yet answered, answered in the order they were made."""

    saved = Signal(object, object)  # the edit (what `put` was given), what the call returned
    refused = Signal(object, object)  # the edit, the error the call raised

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: deque[_Save] = deque()

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def edits(self) -> list[object]:
        """The edits not yet answered, oldest first."""
        return [save.edit for save in self._pending]

    def put(self, edit: object, call: Callable[[], object]) -> None:
        """Save in the background: `call()` runs in a worker; `edit` says what it saves."""
        save = _Save(edit, call)
        self._pending.append(save)
        _queue.append(save)
        run_in_background(_save_next, lambda _: self._answer(), self._broken)

    def drain(self) -> None:
        """Wait for every save still running and answer it (on the GUI thread, now)."""
        for save in list(self._pending):
            save.done.wait()
        self._answer()

    def _answer(self) -> None:
        if not shiboken6.isValid(self):
            return  # the editor is gone; its saves were committed all the same
        while self._pending and self._pending[0].done.is_set():
            save = self._pending.popleft()
            if save.error is None:
                self.saved.emit(save.edit, save.saved)
            else:
                self.refused.emit(save.edit, save.error)

    def _broken(self, error: BaseException) -> None:
        raise error  # the queue itself failed: a bug, for the crash handler
