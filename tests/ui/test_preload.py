"""Modules imported ahead of need in a thread of their own (ui.preload), so that signing in
and a page's first showing do not compile and run them on the GUI thread."""

import importlib
import sys
import threading

from PySide6.QtCore import QEvent, QObject

from shelter_app.ui import main_window as main_window_module
from shelter_app.ui.main_window import PAGE_MODULES, MainWindow
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


def test_every_module_named_exists():
    """A misspelt name would fail in silence in the thread."""
    for name in (*SIGN_IN, *PAGE_MODULES.values(), main_window_module._DWELLING_FILE):
        importlib.import_module(name)


def test_the_pages_still_to_build_are_imported_once_the_first_rows_show(
        qtbot, demo_db, engineer, monkeypatch):
    asked: list[list[str]] = []
    monkeypatch.setattr(main_window_module, "preload", lambda modules: asked.append(
        list(modules)))
    window = MainWindow()
    qtbot.addWidget(window)
    assert asked == [list(SIGN_IN)]  # while the database opens and the password is typed
    window.attach(demo_db, engineer)
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert not window.dwellings.model.loading
    pending = [name for _, (name, _) in sorted(window._pending.items())]
    assert asked[1] == [main_window_module._DWELLING_FILE,
                        *(PAGE_MODULES[name] for name in pending)]
    for name in pending:  # each page is built from the module imported for it
        assert type(getattr(window, name)).__module__ == PAGE_MODULES[name]


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

