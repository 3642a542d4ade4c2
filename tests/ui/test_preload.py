"""Modules imported ahead of need in a thread of their own (ui.preload), so that signing in
and a page's first showing do not compile and run them on the GUI thread."""

import _imp
import gc
import importlib
import sys
import threading
import time
from types import SimpleNamespace

from PySide6.QtCore import QEvent, QObject, QTimer

from shelter_app.ui import collector
from shelter_app.ui import main_window as main_window_module
from shelter_app.ui import preload as preload_module
from shelter_app.ui.lazy_pages import DWELLING_FILE, PAGE_MODULES
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.preload import SIGN_IN, preload


def test_modules_are_imported_in_order_off_the_gui_thread_past_a_failing_one(tmp_path,
                                                                              monkeypatch):
    for name in ("first_ahead", "second_ahead"):
        (tmp_path / f"{name}.py").write_text(
            "import threading\nTHREAD = threading.current_thread()\n", encoding="utf-8")
    (tmp_path / "broken_ahead.py").write_text("raise ImportError('broken')\n",
                                              encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("first_ahead", "broken_ahead", "second_ahead"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    preload(["first_ahead", "broken_ahead", "second_ahead"]).join(timeout=10)
    first, second = sys.modules["first_ahead"], sys.modules["second_ahead"]
    assert first.THREAD is second.THREAD
    assert first.THREAD is not threading.main_thread()
    assert "broken_ahead" not in sys.modules  # fails again where the GUI thread imports it


def _busy_modules(folder, prefix: str, count: int) -> list[str]:
    """`count` modules that each run Python for 2 ms as they are imported."""
    names = [f"{prefix}_{number}" for number in range(count)]
    for name in names:
        (folder / f"{name}.py").write_text(
            "import time\nstart = time.thread_time()\n"
            "while time.thread_time() - start < 0.002:\n    pass\n", encoding="utf-8")
    return names


def test_paced_imports_pause_between_modules_and_only_in_their_thread(tmp_path, monkeypatch):
    """Unpaced, the pages' thread took the interpreter each time the GUI thread let go of it
    (at each call into Qt): the GUI thread waited out a switch interval at each, and a 20 ms
    turn of it took 60-90 ms. Paced, it sleeps after each WORK_S of importing. The pauses are
    counted, by thread, not timed: a loaded machine stretches any import's wall time."""
    pauses: list[tuple[threading.Thread, float]] = []
    monkeypatch.setattr(preload_module, "time", SimpleNamespace(
        perf_counter=time.perf_counter,
        sleep=lambda seconds: pauses.append((threading.current_thread(), seconds))))
    monkeypatch.syspath_prepend(str(tmp_path))
    paced, unpaced, here = (_busy_modules(tmp_path, prefix, 6)
                            for prefix in ("paced_ahead", "unpaced_ahead", "here"))
    for name in (*paced, *unpaced, *here):
        monkeypatch.delitem(sys.modules, name, raising=False)
    thread = preload(paced, paced=True)
    thread.join(timeout=30)
    assert all(name in sys.modules for name in paced)
    # a pause before each module but the first (each imports for WORK_S: 2 ms of its CPU)
    assert [seconds for paused, seconds in pauses if paused is thread][-5:] == \
        [preload_module.PAUSE_S] * 5
    unpaced_thread = preload(unpaced)  # what the GUI thread waits for
    unpaced_thread.join(timeout=30)
    for name in here:  # the GUI thread's own
        importlib.import_module(name)
    assert all(name in sys.modules for name in (*unpaced, *here))
    assert not [paused for paused, _ in pauses
                if paused in (unpaced_thread, threading.current_thread())]


def test_a_paced_pause_leaves_the_import_lock_to_the_other_threads(tmp_path, monkeypatch):
    """importlib holds its lock around each finder's search: paused with it, the pacer made
    every other thread's first import of a module wait out the pause (5.4 ms, not 0.2)."""
    held: list[bool] = []  # at each pause, whether the pausing thread holds the import lock

    def pause(seconds: float) -> None:
        try:
            _imp.release_lock()
        except RuntimeError:  # not this thread's
            held.append(False)
        else:
            _imp.acquire_lock()
            held.append(True)

    monkeypatch.setattr(preload_module, "time", SimpleNamespace(
        perf_counter=time.perf_counter, sleep=pause))
    monkeypatch.syspath_prepend(str(tmp_path))
    names = _busy_modules(tmp_path, "lock_ahead", 3)
    for name in names:
        monkeypatch.delitem(sys.modules, name, raising=False)
    preload(names, paced=True).join(timeout=30)
    assert all(name in sys.modules for name in names)
    assert len(held) >= 2 and not any(held)


def _young_collections() -> int:
    return sum(stats["collections"] for stats in gc.get_stats()[:2])


def test_what_the_imports_allocate_is_frozen_not_walked_by_the_collector(
        qtbot, qapp, tmp_path, monkeypatch):
    """A module's classes and functions live as long as the app: walked by the young
    collections of the GUI thread, they made a collection of 16-28 ms with nothing to free on
    the first sign-in. The collector freezes instead while the imports run, then collects."""
    monkeypatch.setattr(collector, "_holds", [])  # a thread of an earlier test's window
    collector.collect_on_gui_thread(qapp)
    timer = next(timer for timer in qapp.findChildren(QTimer)
                 if timer.objectName() == "cycleCollector")
    ticks: list[None] = []
    timer.timeout.connect(tick := lambda: ticks.append(None))
    (tmp_path / "rows_ahead.py").write_text(
        "import time\nROWS = [[n] for n in range(5_000)]\ntime.sleep(0.3)\n"
        "MORE = [[n] for n in range(5_000)]\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "rows_ahead", raising=False)
    kept: list[object] = []
    try:
        collections = _young_collections()
        thread = preload(["rows_ahead"])
        while thread.is_alive():  # allocating past the young threshold at each tick
            kept.extend([] for _ in range(gc.get_threshold()[0] + 1))
            qtbot.wait(collector.INTERVAL_MS)
        seen = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) > seen)  # the tick that finds the imports done
        module = sys.modules["rows_ahead"]
        assert _young_collections() == collections
        tracked = {id(item) for item in gc.get_objects()}  # the frozen are in no generation
        assert id(module.ROWS) not in tracked and id(module.MORE[-1]) not in tracked
        seen = len(ticks)
        while len(ticks) < seen + 3:  # then the ticks collect again
            kept.extend([] for _ in range(gc.get_threshold()[0] + 1))
            qtbot.wait(collector.INTERVAL_MS)
        assert _young_collections() > collections
    finally:
        timer.timeout.disconnect(tick)
        gc.unfreeze()


def test_every_module_named_exists():
    """A misspelt name would fail in silence in the thread."""
    for name in (*SIGN_IN, *PAGE_MODULES.values(), DWELLING_FILE):
        importlib.import_module(name)


def test_the_pages_still_to_build_are_imported_once_the_first_rows_show(
        qtbot, demo_db, engineer, monkeypatch):
    asked: list[list[str]] = []
    monkeypatch.setattr(main_window_module, "preload", lambda modules, paced=False: asked.append(
        (list(modules), paced)))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: asked == [(list(SIGN_IN), False)])  # while the password is typed
    window.attach(demo_db, engineer)
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert not window.dwellings.model.loading
    pending = [name for _, (name, _) in sorted(window._pending.items())]
    assert asked[1] == ([DWELLING_FILE, *(PAGE_MODULES[name] for name in pending)], True)
    for name in pending:  # each page is built from the module imported for it
        assert type(getattr(window, name)).__module__ == PAGE_MODULES[name]


def test_the_sign_in_imports_start_once_the_window_has_painted(qtbot, monkeypatch):
    """Started as the window was made, the imports' thread held the interpreter in the turn
    that painted it (the process's first window): that turn took twice its time."""
    events: list[str] = []
    monkeypatch.setattr(main_window_module, "preload",
                        lambda modules: events.append("imports"))

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                events.append("paint")
            return False

    window = MainWindow()
    qtbot.addWidget(window)
    paints = Paints(window)
    window.installEventFilter(paints)
    window.show()
    qtbot.waitUntil(lambda: "imports" in events)
    assert events.index("imports") > events.index("paint")


def test_the_work_after_the_first_rows_waits_until_they_are_drawn(qtbot, demo_db, engineer):
    """Started as the rows arrive, the imports' thread held the interpreter while the table
    called into Python for every cell it drew."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.attach(demo_db, engineer)
    model = window.dwellings.model
    assert model.loading
    drawn: list[int] = []  # the rows in the model at each paint of the table

    class Paints(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                drawn.append(model.rowCount())
            return False

    paints = Paints(window)
    window.dwellings.table.viewport().installEventFilter(paints)
    seen: list[list[int]] = []
    window.after_first_rows(lambda: seen.append(list(drawn)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert any(seen[0]), "the rows were drawn before the work started"

