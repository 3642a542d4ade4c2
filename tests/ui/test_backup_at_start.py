"""Automatic backups after sign-in, and the offer to restore when the database is damaged."""

import hashlib
import sqlite3
import threading
from contextlib import closing

from PySide6.QtWidgets import QMessageBox, QStatusBar

from shelter_app.data.migrate import DatabaseDamaged, open_database
from shelter_app.services.backup import backup_now, default_folder, list_backups
from shelter_app.ui.app import offer_restore
from shelter_app.ui.backup.automatic import AutoBackup


def test_auto_backup_runs_when_due_and_reports_in_the_status_bar(qtbot, demo_db, engineer):
    status = QStatusBar()
    qtbot.addWidget(status)
    auto = AutoBackup(demo_db, engineer, status)
    auto.run_if_due()
    qtbot.waitUntil(lambda: "backup" in status.currentMessage(), timeout=20_000)
    assert len(list_backups(default_folder(demo_db.path))) == 1
    auto.run_if_due()  # not due again for backup.interval_hours
    qtbot.waitUntil(lambda: not auto._running)
    assert len(list_backups(default_folder(demo_db.path))) == 1


def test_whether_a_backup_is_due_is_asked_in_a_worker(qtbot, demo_db, engineer, monkeypatch):
    """It reads the database and the backups folder, and its first call imports the backup
    service: not on the GUI thread."""
    from shelter_app.services import backup

    asked_on: list[threading.Thread] = []
    monkeypatch.setattr(backup, "backup_due",
                        lambda db: asked_on.append(threading.current_thread()) and False)
    status = QStatusBar()
    qtbot.addWidget(status)
    auto = AutoBackup(demo_db, engineer, status)
    auto.run_if_due()
    qtbot.waitUntil(lambda: not auto._running)
    assert asked_on and asked_on[0] is not threading.main_thread()
    assert status.currentMessage() == ""


def test_a_damaged_database_is_replaced_by_the_latest_backup_on_request(
        qtbot, demo_db, engineer, monkeypatch):
    backup_now(demo_db, engineer)
    path = demo_db.path
    demo_db.dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 8192] = b"\xff" * 8192
    path.write_bytes(bytes(data))
    damaged_hash = hashlib.sha256(bytes(data)).hexdigest()
    try:
        open_database(str(path))
    except DatabaseDamaged as error:
        damaged = error
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    assert offer_restore(None, damaged) is True
    reopened = open_database(str(path))
    reopened.dispose()
    kept = [p for p in path.parent.iterdir() if p.name != path.name and
            p.is_file() and hashlib.sha256(p.read_bytes()).hexdigest() == damaged_hash]
    assert kept, "the damaged file is kept aside byte for byte"
    assert str(kept[0].name) in shown[0]


def test_a_backup_that_ends_after_its_window_is_gone_says_nothing(qtbot, demo_db, engineer,
                                                                 monkeypatch):
    """The window (a user switched, the app closed) is deleted while its automatic backup
    runs: the backup's end showed its message in the deleted status bar, a crash."""
    import shiboken6
    from PySide6.QtWidgets import QMainWindow
    from ui.held import Held, answered

    from shelter_app.ui.backup import automatic

    made = Held(lambda db, actor: True)
    monkeypatch.setattr(automatic, "_back_up_if_due", made)
    window = QMainWindow()
    auto = AutoBackup(demo_db, engineer, window.statusBar(), window)
    auto.run_if_due()
    shiboken6.delete(window)
    made.release.set()
    answered(qtbot)  # the backup's end delivered: nothing raised in the event loop
    assert not shiboken6.isValid(auto)
