"""run_in_background: what the work holds is let go on the GUI thread, however late the worker
thread leaves its task."""

import sys
import threading
import weakref
from collections.abc import Callable

import pytest
from PySide6.QtCore import QObject, QThreadPool

from shelter_app.ui import worker
from shelter_app.ui.worker import run_in_background


def _stall_at_the_end_of_each_task(monkeypatch: pytest.MonkeyPatch,
                                   go_on: threading.Event) -> None:
    """Each task's run() waits for `go_on` as it returns, its locals still alive: as when the
    GUI thread delivers the outcome before the worker thread is scheduled again (a loaded
    machine)."""
    run = worker._Task.run

    def hook(frame, event, _arg) -> None:
        if event == "return" and frame.f_code is run.__code__:
            sys.setprofile(None)
            go_on.wait(10)

    def stalled(task) -> None:
        sys.setprofile(hook)  # a profile sees the returns of the frames started after it
        run(task)

    monkeypatch.setattr(worker._Task, "run", stalled)


def _naming(held: QObject, fails: bool) -> Callable[[], str]:
    """Work whose closure holds `held` (as a dialog's import holds the dialog)."""

    def work() -> str:
        name = held.objectName()
        if fails:
            raise ValueError(name)
        return name

    return work


@pytest.mark.parametrize("fails", [False, True], ids=["result", "error"])
def test_a_widget_named_only_by_the_work_is_deleted_on_the_gui_thread(
        qtbot, monkeypatch: pytest.MonkeyPatch, fails: bool) -> None:
    """A dialog let go by its caller while its cancelled import still ran in the pool was
    deleted by the worker thread (its closure, or its error's traceback, the last to hold it)
    while the GUI thread delivered its window's events: the test process died about once in
    nine full runs."""
    go_on = threading.Event()
    _stall_at_the_end_of_each_task(monkeypatch, go_on)
    held = QObject()  # a dialog, say: owned by Python, deleted with its last reference
    deleted_in: list[str] = []
    watch = weakref.ref(held, lambda _: deleted_in.append(threading.current_thread().name))
    answers: list[object] = []

    run_in_background(_naming(held, fails), answers.append, answers.append)
    qtbot.waitUntil(lambda: bool(answers))
    assert isinstance(answers[0], ValueError if fails else str)
    del held, answers[:]  # the caller lets go: the dialog closed
    go_on.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)
    assert watch() is None and deleted_in == [threading.main_thread().name]
