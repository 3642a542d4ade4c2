"""run_in_background: what the work holds is let go on the GUI thread, however late the worker
thread leaves its task."""

import gc
import sys
import threading
import weakref
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRunnable, QThreadPool

from shelter_app.ui import worker
from shelter_app.ui.worker import run_in_background


def _stall_at_the_end_of_each_task(monkeypatch: pytest.MonkeyPatch,
                                   go_on: threading.Event) -> None:
    """Each task waits for `go_on` as it returns, its locals still alive: as when the GUI
    thread delivers the outcome before the worker thread is scheduled again (a loaded
    machine)."""
    work = worker._work

    def hook(frame, event, _arg) -> None:
        if event == "return" and frame.f_code is work.__code__:
            sys.setprofile(None)
            go_on.wait(10)

    def stalled() -> None:
        sys.setprofile(hook)  # a profile sees the returns of the frames started after it
        work()

    monkeypatch.setattr(worker, "_work", stalled)


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


def _refused() -> str:
    raise ValueError("refused")


def test_work_that_ends_at_once_leaves_no_qt_object_of_its_own_behind(qtbot) -> None:
    """A refused recovery key is refused in microseconds (a hash, no argon2). The pool took the
    Python runnable of such work over only once start() had returned, by which time the pool
    thread could have run and deleted it: about a quarter of them stayed alive for good as
    wrappers of deleted objects, each with the relay it had emitted to. Each answer still
    arrives once, on the GUI thread."""
    answers: list[tuple[object, str]] = []

    def answer(value: object) -> None:
        answers.append((value, threading.current_thread().name))

    for index in range(400):
        run_in_background(_refused if index % 2 else (lambda index=index: index), answer, answer)
    qtbot.waitUntil(lambda: len(answers) == 400, timeout=30_000)
    assert QThreadPool.globalInstance().waitForDone(10_000)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    assert sorted(value for value, _ in answers if isinstance(value, int)) == list(range(0, 400, 2))
    assert sum(isinstance(value, ValueError) for value, _ in answers) == 200
    assert {thread for _, thread in answers} == {threading.main_thread().name}
    left = [made for made in gc.get_objects() if isinstance(made, (QObject, QRunnable))
            and type(made).__module__ == worker.__name__ and not shiboken6.isValid(made)]
    assert left == []


def test_a_lost_or_doubled_signal_never_shifts_the_answers(qtbot) -> None:
    """The answers were paired with the dispatcher's signals by count: with one signal lost,
    each later answer came one job late (the last only when another job ended); with one
    doubled, the spare found no job. Each job's answer now comes once, in order, either way."""
    answers: list[object] = []
    pool = QThreadPool.globalInstance()

    run_in_background(lambda: "first", answers.append, answers.append)
    assert pool.waitForDone(10_000)  # its signal is queued: lose it
    QCoreApplication.removePostedEvents(worker._dispatcher(), QEvent.Type.MetaCall)
    run_in_background(lambda: "second", answers.append, answers.append)
    qtbot.waitUntil(lambda: len(answers) >= 2, timeout=10_000)
    assert answers == ["first", "second"]

    run_in_background(lambda: "third", answers.append, answers.append)
    assert pool.waitForDone(10_000)
    worker._dispatcher().arrived.emit()  # a second signal for the one job
    qtbot.waitUntil(lambda: len(answers) >= 3, timeout=10_000)
    QCoreApplication.sendPostedEvents(worker._dispatcher())  # the spare signal too
    assert answers == ["first", "second", "third"]
    assert not worker._finished
