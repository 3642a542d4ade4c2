"""Run a service call off the GUI thread and get its result back on the GUI thread.

Anki's pattern: one operation per user action, success and failure callbacks. The callbacks run
on the GUI thread: the relay QObject lives there, so Qt queues the signal emitted by the worker
thread to it (a signal connected to a bare Python function would run in the worker).

The worker thread keeps no reference of its own to the work, its result or its error once it
has handed them over, so the last reference to what the work holds (a dialog its closure names,
the frames of an error's traceback) is always dropped on the GUI thread. Dropped on the worker
thread, a widget whose test or caller had already let go was deleted there while the GUI thread
was still delivering its window's events: a crash.
"""

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Relay(QObject):
    """Owned by the application (so Qt never deletes it on a pool thread); holds the work, its
    outcome and the callbacks, and lets go of all of them on the GUI thread as it reports."""

    finished = Signal()

    def __init__(self, function: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__(QCoreApplication.instance())
        self.function: Callable[[], Any] | None = function
        self.outcome: tuple[bool, Any] | None = None  # (succeeded, result or error)
        self._on_success: Callable[[Any], None] | None = on_success
        self._on_failure: Callable[[BaseException], None] | None = on_failure
        self.finished.connect(self._deliver)

    @Slot()
    def _deliver(self) -> None:
        outcome, on_success, on_failure = self.outcome, self._on_success, self._on_failure
        self.function = self.outcome = self._on_success = self._on_failure = None
        _running.discard(self)
        self.deleteLater()
        assert outcome is not None and on_success is not None and on_failure is not None
        succeeded, value = outcome
        (on_success if succeeded else on_failure)(value)


class _Task(QRunnable):
    def __init__(self, relay: _Relay) -> None:
        super().__init__()
        self.relay = relay

    def run(self) -> None:
        relay = self.relay
        assert relay.function is not None
        try:  # the outcome straight into the relay: no local of this thread holds it
            relay.outcome = (True, relay.function())
        except BaseException as error:  # noqa: BLE001 - handed to the failure callback
            relay.outcome = (False, error)
        relay.finished.emit()


_running: set[_Relay] = set()  # keeps each relay alive until its callback has run


def run_in_background(function: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None]) -> None:
    """Call `function` in the global thread pool; call back on the GUI thread when it ends.

    Must be called from the GUI thread.
    """
    relay = _Relay(function, on_success, on_failure)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Task(relay))


def to_crash_handler(error: BaseException) -> None:
    """The failure callback of a read that should not fail: the error is a bug, raised on the
    GUI thread for the crash dialog."""
    raise error


def cancellable_progress(parent: QWidget, title: str, label: str, cancel_text: str,
                         cancel: threading.Event) -> QProgressDialog:
    """The progress dialog of long work run with run_in_background: window-modal, shown only
    once the work outlasts 300 ms, open until the caller closes it; its button (`cancel_text`)
    sets `cancel`, which the work polls. The range starts unknown (0, 0): set it when the work
    reports a total."""
    dialog = QProgressDialog(label, cancel_text, 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(cancel.set)
    dialog.setValue(0)  # starts the clock of minimumDuration
    return dialog
