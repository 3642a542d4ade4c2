"""PySide's classes made ahead while the sign-in dialog waits (ui/qt_classes.py)."""

import sys

from shelter_app.ui import qt_classes
from shelter_app.ui.preload import preload


def test_no_class_is_made_while_modules_are_imported_ahead(qtbot, tmp_path, monkeypatch):
    """The imports make classes in their thread: the two makings must not interleave."""
    (tmp_path / "slow_ahead.py").write_text("import time\ntime.sleep(0.5)\n",
                                            encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "slow_ahead", raising=False)
    monkeypatch.setattr(qt_classes, "_left", None)  # made again, as in a new process
    thread = preload(["slow_ahead"])
    qt_classes.make_ahead()
    left = list(qt_classes._left or [])
    while thread.is_alive():
        qtbot.wait(qt_classes.INTERVAL_MS)
        if thread.is_alive():
            assert qt_classes._left == left
    qtbot.waitUntil(lambda: not qt_classes._left)
