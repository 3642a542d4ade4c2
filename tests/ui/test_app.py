"""Start-up and crash handling as the user meets them."""

import sys
import threading
from functools import partial

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from shelter_app.domain import i18n
from shelter_app.ui import app as app_module
from shelter_app.ui.crash import CrashDialog, CrashHandler


def test_crash_dialog_copies_details_to_clipboard(qtbot):
    dialog = CrashDialog("Traceback: boom ş İ", "/tmp/shelter_app.log")
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "Traceback: boom ş İ"


def test_unhandled_exception_in_a_thread_is_logged_and_shown(qtbot, monkeypatch, caplog):
    shown: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self.details.toPlainText()))
    handler = CrashHandler("/tmp/shelter_app.log")
    monkeypatch.setattr(threading, "excepthook", handler._handle_thread)
    monkeypatch.setattr(sys, "excepthook", handler.handle)

    def fail() -> None:
        raise RuntimeError("worker failed")

    worker = threading.Thread(target=fail)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert "RuntimeError: worker failed" in shown[0]
    assert any("unhandled exception" in r.message for r in caplog.records)


def test_database_that_cannot_be_opened_is_explained(qtbot, tmp_path, monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append(text))
    monkeypatch.setattr(CrashHandler, "install", lambda self: None)
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("hello", encoding="utf-8")
    try:
        assert app_module.run_gui(str(not_a_db)) == 2
    finally:
        i18n.install(None)
    assert "not a Barınak database" in messages[0]
    assert not_a_db.read_text(encoding="utf-8") == "hello"


@pytest.mark.sqlite_only("a laptop's start: its database is a file")
def test_run_gui_opens_in_background_signs_in_and_shows_dwellings(qtbot, demo_db, monkeypatch):
    """A database from before encryption is encrypted at this first start; the administrator
    who signs in is shown the recovery key."""
    from shelter_app.data import database_file
    from shelter_app.services import unlocking
    from shelter_app.services.accounts import auth
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.ui.auth import dialogs
    from shelter_app.ui.auth.encryption import RecoveryKeyDialog
    from shelter_app.ui.main_window import MainWindow

    path = str(demo_db.path)
    demo_db.dispose()
    attached: list[MainWindow] = []
    shown: list[str] = []
    monkeypatch.setattr(CrashHandler, "install", lambda self: None)
    monkeypatch.setattr(dialogs, "identify", lambda db, parent=None, **_: auth.sign_in(
        db, "admin", DEMO_PASSWORD)[0])
    monkeypatch.setattr(RecoveryKeyDialog, "exec", lambda self: shown.append(self.recovery))
    original = MainWindow.attach

    def attach(self, db, actor):
        original(self, db, actor)
        attached.append(self)
        QApplication.instance().exit(0)

    monkeypatch.setattr(MainWindow, "attach", attach)
    try:
        assert app_module.run_gui(path) == 0
    finally:
        i18n.install(None)
    window = attached[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.dwellings.model.rowCount() == 120)  # read in a worker
    assert database_file.is_locked(path) and len(shown) == 1
    assert unlocking.unlock_recovery(path, shown[0]) == window.db.key
    assert "Audit trail" in window.page_titles()


@pytest.mark.sqlite_only("a laptop's start: its database is a file")
def test_a_damaged_plain_file_shows_its_rows_then_says_so_and_saves_nothing(
        qtbot, demo_db, tmp_path, monkeypatch):
    """Its scan waits for the first rows (a plain file is one whose encryption failed)."""
    import factories

    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.domain.errors import UserError
    from shelter_app.services.accounts import auth
    from shelter_app.ui.auth import dialogs
    from shelter_app.ui.main_window import MainWindow

    demo_db.dispose()
    damaged = tmp_path / "damaged.db"
    factories.damage_an_index(demo_db.path, damaged)
    windows: list[MainWindow] = []
    told: list[tuple[int, str]] = []
    monkeypatch.setattr(CrashHandler, "install", lambda self: None)
    monkeypatch.setattr(app_module, "unlock", lambda target, parent: (None, None, None))
    monkeypatch.setattr(dialogs, "identify", lambda db, parent=None, **_: auth.sign_in(
        db, "engineer.gaz", DEMO_PASSWORD)[0])
    original = MainWindow.attach

    def attach(self, db, actor):
        original(self, db, actor)
        windows.append(self)

    def critical(parent, title, text):
        told.append((windows[0].dwellings.model.rowCount(), text))
        QApplication.instance().exit(0)

    monkeypatch.setattr(MainWindow, "attach", attach)
    monkeypatch.setattr(QMessageBox, "critical", critical)
    try:
        assert app_module.run_gui(str(damaged)) == 0
    finally:
        i18n.install(None)
    window = windows[0]
    qtbot.addWidget(window)
    assert len(told) == 1
    rows, message = told[0]
    assert rows > 0  # the rows were shown before the scan
    assert message.startswith(f"The database {damaged} is damaged")
    before = damaged.read_bytes()
    with pytest.raises(UserError, match="Nothing more can be saved"):
        auth.sign_in(window.db, "engineer.gaz", DEMO_PASSWORD)
    assert damaged.read_bytes() == before


def _start_signed_in(demo_db, monkeypatch, seen, password=None):
    """run_gui on the demo file, its sign-in answered at start with the engineer's name and
    password (the demo's unless given; as an encrypted file's unlocking gives them); `seen` gets
    ("rows", page, window's actor, refs) when the rows read at start show, ("attach", page)
    when it signs in. The window, None if nobody signed in."""
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.ui.main_window import MainWindow

    path = str(demo_db.path)
    demo_db.dispose()
    windows: list[MainWindow] = []
    monkeypatch.setattr(CrashHandler, "install", lambda self: None)
    monkeypatch.setattr(app_module, "unlock", lambda target, parent: (
        None, ("engineer.gaz", password or DEMO_PASSWORD), None))
    show_first_rows, attach = MainWindow.show_first_rows, MainWindow.attach

    def shown(self, rows):
        show_first_rows(self, rows)
        model = self.dwellings.model
        seen.append(("rows", self.dwellings, self.actor,
                     [model.row_at(row).ref for row in range(model.rowCount())]))

    def attached(self, db, actor):
        attach(self, db, actor)
        seen.append(("attach", self.dwellings))
        windows.append(self)
        QApplication.instance().exit(0)

    monkeypatch.setattr(MainWindow, "show_first_rows", shown)
    monkeypatch.setattr(MainWindow, "attach", attached)
    try:
        assert app_module.run_gui(path) == 0
    finally:
        i18n.install(None)
    return windows[0] if windows else None


@pytest.mark.sqlite_only("a laptop's start: its database is a file")
def test_the_sign_in_at_start_shows_the_first_rows_then_completes_their_page(
        qtbot, demo_db, monkeypatch):
    """Checked and read before the database layer loads (services/accounts/at_start.py); the
    sign-in service then signs in with the check's answer, without a second argon2, and the
    page that shows the rows is completed, not built again."""
    from shelter_app.services.accounts import auth
    from shelter_app.services.cases.dwellings import search_dwellings

    expected = [row.ref for row in search_dwellings(demo_db, limit=200)]
    checks: list[str] = []
    monkeypatch.setattr(auth, "matches", lambda stored, typed: checks.append(typed))
    seen: list[tuple] = []
    window = _start_signed_in(demo_db, monkeypatch, seen)
    qtbot.addWidget(window)
    assert [step[0] for step in seen] == ["rows", "attach"]
    _, early, actor_then, refs = seen[0]
    assert actor_then is None and refs == expected and len(refs) == 120
    assert seen[1][1] is early is window.dwellings
    assert window.actor.username == "engineer.gaz" and checks == []
    page = window.dwellings
    assert not page.model.loading and page.model.rowCount() == 120
    assert page.filter_edit.isEnabled() and not page.new_button.isHidden()


@pytest.mark.sqlite_only("a laptop's start: its database is a file")
def test_a_wrong_password_at_start_shows_no_rows_and_is_counted_once(
        qtbot, demo_db, monkeypatch):
    """Nothing of the programme shows before the password proved right: the check at start
    read no rows, the sign-in dialog says the password is wrong, and the failure is counted
    once, by the sign-in service (the check at start writes nothing)."""
    import sqlite3
    from contextlib import closing

    from shelter_app.domain import sign_in
    from shelter_app.ui.auth import dialogs

    asked: list[tuple[str, str]] = []

    def give_up(dialog):
        asked.append((dialog.error.text(), sign_in.wrong().message))  # in the start's language
        return 0

    monkeypatch.setattr(dialogs, "identify", partial(dialogs.identify, run=give_up))
    seen: list[tuple] = []
    assert _start_signed_in(demo_db, monkeypatch, seen, "not the password") is None
    assert seen == [] and len(asked) == 1 and asked[0][0] == asked[0][1]
    with closing(sqlite3.connect(demo_db.path)) as connection:
        assert connection.execute("SELECT failed_logins FROM users WHERE username = ?",
                                  ("engineer.gaz",)).fetchone() == (1,)


@pytest.mark.sqlite_only("a laptop's start: its database is a file")
def test_a_file_the_check_at_start_cannot_read_goes_the_ordinary_way(
        qtbot, demo_db, monkeypatch):
    """A schema other than the newest (here: the app's newest pretended newer): no rows from
    the start's check; the page is built at sign-in and reads them."""
    from shelter_app.services.accounts import at_start

    monkeypatch.setattr(at_start, "HEAD_REVISION", "9999")
    seen: list[tuple] = []
    window = _start_signed_in(demo_db, monkeypatch, seen)
    qtbot.addWidget(window)
    assert [step[0] for step in seen] == ["attach"]
    qtbot.waitUntil(lambda: window.dwellings.model.rowCount() == 120)  # read in a worker
    assert window.actor.username == "engineer.gaz"


@pytest.mark.sqlite_only("a laptop's start: its database is a file")
def test_an_error_the_check_at_start_did_not_foresee_is_logged_and_signing_in_goes_on(
        qtbot, demo_db, monkeypatch, caplog):
    """An odd database (a lock's end stored as a number) makes the check at start fail with
    an error of no kind it foresaw: no crash dialog (an error raised on the GUI thread
    fails this test), the error in the log, and the ordinary sign-in asked with no answer of
    the check's."""
    import logging
    import sqlite3
    from contextlib import closing

    from shelter_app.ui.auth import dialogs

    with closing(sqlite3.connect(demo_db.path)) as connection, connection:
        connection.execute("UPDATE users SET locked_until = 5 WHERE username = 'engineer.gaz'")
    asked: list[object] = []
    monkeypatch.setattr(dialogs, "identify", lambda db, parent, credentials, checked: (
        asked.append(checked)))  # the ordinary sign-in, which would say what is wrong
    caplog.set_level(logging.WARNING, logger=app_module.__name__)
    seen: list[tuple] = []
    assert _start_signed_in(demo_db, monkeypatch, seen) is None
    assert seen == [] and asked == [None]
    (record,) = [r for r in caplog.records if r.name == app_module.__name__ and r.exc_info]
    assert "check at start" in record.getMessage() and record.exc_info[0] is TypeError


def test_an_engineer_signs_in_without_the_recovery_key_dialog_being_imported(
        demo_db, engineer, monkeypatch):
    """Only an administrator may be shown it: no one else's first rows wait for its module."""
    monkeypatch.delitem(sys.modules, "shelter_app.ui.auth.encryption", raising=False)
    app_module.show_recovery_key(demo_db, engineer, None)
    assert "shelter_app.ui.auth.encryption" not in sys.modules


# Signing in, as run_gui does it, in a fresh process; prints which of these it imported.
_SIGN_IN_AND_LIST = """
import sys, threading
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from shelter_app.data.migrate import open_database
from shelter_app.services.accounts import auth
from shelter_app.ui import app as app_module
from shelter_app.ui.main_window import MainWindow
db = open_database(sys.argv[1])
actor = auth.sign_in(db, "engineer.gaz", sys.argv[2])[0]
window = MainWindow()
app_module.show_recovery_key(db, actor, window)
window.signed_in.connect(lambda who: app_module.follow_user(window, db, who))
window.attach(db, actor)
for thread in threading.enumerate():
    if thread.name == "preload":
        thread.join()
print(" ".join(name for name in sys.argv[3:] if name in sys.modules))
"""


def test_signing_in_leaves_the_sync_client_backup_and_encryption_services_unimported(
        demo_db):
    """A tenth of a second of CPU before the first rows: the sync client (with the encryption,
    backup and file services it needs) is imported by the first sync, the backup service by
    the start's backup check, both in a worker once the rows show; a plain file has no files
    to seal; the sync indicator takes the form's styles without the duplicate ID check."""
    import subprocess

    from shelter_app.demo.programme import DEMO_PASSWORD

    if demo_db.path is None:
        pytest.skip("a laptop's start: its database is a file")
    demo_db.dispose()
    unwanted = ["shelter_app.services.sync.client", "shelter_app.services.encryption",
                "shelter_app.services.backup", "shelter_app.services.cases.duplicate_ids"]
    imported = subprocess.run(
        [sys.executable, "-c", _SIGN_IN_AND_LIST, str(demo_db.path), DEMO_PASSWORD, *unwanted],
        capture_output=True, text=True, check=True, timeout=120).stdout.split()
    assert imported == []


def test_the_app_hands_the_interpreter_to_the_gui_thread_sooner_than_pythons_default(
        monkeypatch):
    """A worker reading rows keeps the interpreter at most this long when the GUI thread asks
    for it back: Python's default (5 ms) made blocks of the window wait that long each time."""
    seen: list[float] = []
    monkeypatch.setattr(sys, "setswitchinterval", seen.append)
    app_module.create_application()
    assert seen == [app_module.SWITCH_INTERVAL_S]
    assert app_module.SWITCH_INTERVAL_S <= 0.001  # Python's default is 0.005
