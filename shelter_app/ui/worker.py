"""Run a service call off the GUI thread and get its result back on the GUI thread.

Anki's pattern: one operation per user action, success and failure callbacks. The callbacks run
on the GUI thread: the relay QObject lives there, so Qt queues the signals emitted by the
worker thread to it (a signal connected to a bare Python function would run in the worker).
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_success = on_success
        self._on_failure = on_failure
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)

    @Slot(object)
    def _deliver_success(self, result: Any) -> None:
        _running.discard(self)
        self._on_success(result)

    @Slot(object)
    def _deliver_failure(self, error: BaseException) -> None:
        _running.discard(self)
        self._on_failure(error)


class _Task(QRunnable):
    def __init__(self, function: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.function = function
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.function()
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
    relay = _Relay(on_success, on_failure)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Task(function, relay))
