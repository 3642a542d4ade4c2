"""Run a service call off the GUI thread and get its result back on the GUI thread.

Anki's pattern: one operation per user action, success and failure callbacks. The callbacks run
on the GUI thread: the relay QObject lives there, so Qt queues the signals emitted by the
worker thread to it (a signal connected to a bare Python function would run in the worker).
"""

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Relay(QObject):
    """Owned by the application (so Qt never deletes it on a pool thread); holds the work and
    the callbacks, and lets go of all of them once it has reported."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, function: Callable[[], Any], on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__(QCoreApplication.instance())
        self.function: Callable[[], Any] | None = function
        self._on_success: Callable[[Any], None] | None = on_success
        self._on_failure: Callable[[BaseException], None] | None = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        callback = self._on_success
        self._release()
        if callback is not None:
            callback(result)

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        callback = self._on_failure
        self._release()
        if callback is not None:
            callback(error)

    def _release(self) -> None:
        self.function = self._on_success = self._on_failure = None
        _running.discard(self)
        self.deleteLater()


class _Task(QRunnable):
    def __init__(self, relay: _Relay) -> None:
        super().__init__()
        self.relay = relay

    def run(self) -> None:
        function = self.relay.function
        assert function is not None
        try:
            result = function()
        except BaseException as error:  # noqa: BLE001 - handed to the failure callback
            self.relay.failed.emit(error)
        else:
            self.relay.succeeded.emit(result)


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
