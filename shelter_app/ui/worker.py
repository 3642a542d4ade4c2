"""Run a service call off the GUI thread and get its result back on the GUI thread.

Anki's pattern: one operation per user action, success and failure callbacks, which run on the
GUI thread.

The pool thread runs plain Python but for one call: it runs the work, queues the job (work,
outcome, callbacks) and emits the argument-less signal of the dispatcher, one QObject of the
GUI thread for the application's life, so Qt queues the signal to it. Objects made per call
were racy for work that ends at once (a refused recovery key): the pool took a Python QRunnable
over only once start() had returned, by which time it could have run and been deleted (its
wrapper, and the relay it held, then lived for good); and PySide lets go of the interpreter
lock inside emit(), so a relay made per call could be delivered and deleted by the GUI thread
while its pool thread was still emitting.

The job's work, outcome and callbacks are let go on the GUI thread (`_Job.report`), so the last
reference to what the work holds (a dialog its closure names, the frames of an error's
traceback) is dropped there: dropped on the pool thread, a widget whose caller had already let
go was deleted there while the GUI thread was still delivering its window's events: a crash.
"""

import threading
from collections import deque
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class _Job:
    """One call: the work, its outcome and the callbacks, all let go on the GUI thread."""

    __slots__ = ("dispatcher", "function", "on_failure", "on_success", "outcome")

    def __init__(self, dispatcher: "_Dispatcher", function: Callable[[], Any],
                 on_success: Callable[[Any], None],
                 on_failure: Callable[[BaseException], None]) -> None:
        self.dispatcher = dispatcher
        self.function: Callable[[], Any] | None = function
        self.outcome: tuple[bool, Any] | None = None  # (succeeded, result or error)
        self.on_success: Callable[[Any], None] | None = on_success
        self.on_failure: Callable[[BaseException], None] | None = on_failure

    def report(self) -> None:
        outcome, on_success, on_failure = self.outcome, self.on_success, self.on_failure
        self.function = self.outcome = self.on_success = self.on_failure = None
        _running.discard(self)
        assert outcome is not None and on_success is not None and on_failure is not None
        succeeded, value = outcome
        (on_success if succeeded else on_failure)(value)


class _Dispatcher(QObject):
    """The GUI thread's end of every worker, a child of the application: an `arrived` reports
    every job finished by then, in the order they finished. Not one per signal: paired by count,
    a signal lost (its event removed) would make every later answer one job late, and one
    doubled would find no job; drained, the next signal delivers what waits and a spare one
    finds nothing."""

    arrived = Signal()

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot()
    def _deliver(self) -> None:
        while _finished:  # only this thread takes jobs out: one there now is there to take
            _finished.popleft().report()


_waiting: deque[_Job] = deque()  # started, not yet taken by a pool thread
_finished: deque[_Job] = deque()  # done, not yet reported on the GUI thread
_running: set[_Job] = set()  # every job until its callback has run
_dispatchers: list[_Dispatcher] = []


def _work() -> None:
    """One job, on a pool thread."""
    job = _waiting.popleft()
    try:  # the outcome straight into the job: no local of this thread holds it
        job.outcome = (True, job.function())  # type: ignore[misc]
    except BaseException as error:  # noqa: BLE001 - handed to the failure callback
        job.outcome = (False, error)
    _finished.append(job)
    job.dispatcher.arrived.emit()


def _dispatcher() -> _Dispatcher:
    """The application's dispatcher, made on the first call (a new one with a new application)."""
    if not _dispatchers or not shiboken6.isValid(_dispatchers[0]):
        _dispatchers[:] = [_Dispatcher(QCoreApplication.instance())]
    return _dispatchers[0]


def run_in_background(function: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None]) -> None:
    """Call `function` in the global thread pool; call back on the GUI thread when it ends.

    Must be called from the GUI thread.
    """
    job = _Job(_dispatcher(), function, on_success, on_failure)
    _running.add(job)
    _waiting.append(job)
    QThreadPool.globalInstance().start(_work)


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
