"""Signing out and switching user without restarting: from the File menu and the lock screen.

What the next user sees is built for them; nothing of the previous user's stays on screen or in
a table model held in memory.
"""

import pytest
import shiboken6
from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.ui.auth.dialogs import ChangePasswordDialog, SignInDialog
from shelter_app.ui.lazy_pages import PendingPage
from shelter_app.ui.main_window import MainWindow


def fill(qtbot, dialog, **values: str) -> None:
    for name, text in values.items():
        edit = dialog.fields[name]
        edit.clear()
        qtbot.keyClicks(edit, text)  # ASCII only


def press_ok(qtbot, dialog) -> None:
    """Click OK and wait for the answer (a sign-in is checked in a worker)."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not getattr(dialog, "working", False), timeout=5000)


def sign_in_as(qtbot, username: str, seen: list[str]):
    """An `ask` for the window: types `username` and the demo password into the sign-in
    dialog the window shows, as a user would."""

    def answer(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        seen.append(type(dialog).__name__)
        assert isinstance(dialog, SignInDialog)
        assert dialog.fields["username"].text() == ""  # the previous user's name is not offered
        fill(qtbot, dialog, username=username, password=DEMO_PASSWORD)
        press_ok(qtbot, dialog)
        return dialog.result()

    return answer


def flush_deletions() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def engineers_things(window: MainWindow) -> list[QWidget | QAbstractItemModel]:
    """Every page, widget and table model built for the signed-in user. Held here, each
    wrapper keeps a Python-owned object alive, and tells when Qt has deleted its object."""
    things: list[QWidget | QAbstractItemModel] = []
    for row in range(window.pages.count()):
        page = window.pages.widget(row)
        things.append(page)
        things += page.findChildren(QWidget)
        things += page.findChildren(QAbstractItemModel)
    return things


def alive(things: list) -> list:
    return [thing for thing in things if shiboken6.isValid(thing)]


def test_switch_user_from_the_file_menu_rebuilds_every_page_for_the_supervisor(
        qtbot, demo_db, engineer, supervisor, monkeypatch):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Audit trail" not in window.page_titles()
    window.navigation.setCurrentRow(window.page_titles().index("Agreements"))
    engineers_agreements = window.agreements  # built because it was shown
    assert engineers_agreements.isVisible()
    dwellings_model = window.dwellings.model
    before = engineers_things(window)
    assert len(before) > 20

    seen: list[str] = []
    monkeypatch.setattr(QDialog, "exec", sign_in_as(qtbot, "supervisor.gaz", seen))
    file_menu = window.menuBar().actions()[0].menu()
    sign_out = next(a for a in file_menu.actions() if a.text() == "Sign out / switch user…")
    sign_out.trigger()
    assert seen == ["SignInDialog"]
    flush_deletions()

    assert window.actor == supervisor
    assert "Audit trail" in window.page_titles()  # the supervisor's role sees it
    assert supervisor.full_name in window.user_label.text()
    assert engineer.full_name not in window.user_label.text()
    assert window.dwellings.model is not dwellings_model
    assert window.dwellings._actor == supervisor
    assert window.centralWidget().isVisible()
    # not one widget or model of the engineer's survives
    assert alive(before) == []
    # the pages the engineer opened are built again, for the supervisor, only when shown
    row = window.page_titles().index("Agreements")
    assert isinstance(window.pages.widget(row), PendingPage)
    window.navigation.setCurrentRow(row)
    assert window.agreements is not engineers_agreements
    assert window.agreements.isVisible()
    assert window.audit.model.rowCount() > 0  # the supervisor's audit trail, built on demand


def test_switch_user_from_the_lock_screen(qtbot, demo_db, engineer, supervisor):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    before = engineers_things(window)
    seen: list[str] = []
    then = sign_in_as(qtbot, "supervisor.gaz", seen)

    def answer(dialog: QDialog) -> int:
        if dialog.fields["username"].isReadOnly():  # the lock dialog, for the engineer
            qtbot.addWidget(dialog)
            seen.append("locked")
            assert dialog.fields["username"].text() == "engineer.gaz"
            assert not window.centralWidget().isVisible()
            qtbot.mouseClick(dialog.switch_button, Qt.MouseButton.LeftButton)
            return dialog.result()
        return then(dialog)

    assert window.lock(answer) is True
    assert seen == ["locked", "SignInDialog"]
    flush_deletions()
    assert window.actor == supervisor
    assert "Audit trail" in window.page_titles()
    assert window.centralWidget().isVisible()
    assert alive(before) == []


def test_giving_up_after_sign_out_closes_the_window(qtbot, demo_db, engineer):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    assert window.switch_user(lambda dialog: QDialog.DialogCode.Rejected) is False
    assert not window.isVisible()
    assert window.actor is None
    assert window.user_label.text() == ""


def test_a_dialog_the_engineer_left_open_goes_with_them(qtbot, demo_db, engineer, monkeypatch):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    left_open = window.change_password()
    assert isinstance(left_open, ChangePasswordDialog) and left_open.isVisible()
    seen: list[str] = []
    assert window.switch_user(sign_in_as(qtbot, "admin", seen)) is True
    flush_deletions()
    assert not shiboken6.isValid(left_open)
    assert "Users" in window.page_titles() and "Assessments" in window.page_titles()


def test_the_idle_lock_does_nothing_while_nobody_is_signed_in(qtbot, demo_db, engineer):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    locked: list[bool] = []

    def answer(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        # the idle timer fires while the sign-in dialog waits: no lock dialog for nobody
        locked.append(window.lock(lambda lock: pytest.fail("a lock dialog while signed out")))
        return QDialog.DialogCode.Rejected

    window.switch_user(answer)
    assert locked == [True]


def test_automatic_backups_follow_the_user(qtbot, demo_db, engineer, supervisor, monkeypatch):
    from shelter_app.ui import app as app_module
    from shelter_app.ui.backup.automatic import AutoBackup

    monkeypatch.setattr(AutoBackup, "run_if_due", lambda self: None)
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.signed_in.connect(lambda who: app_module.follow_user(window, demo_db, who))
    seen: list[str] = []
    assert window.switch_user(sign_in_as(qtbot, "supervisor.gaz", seen))
    first = window.auto_backup
    assert first._actor == supervisor and first.timer.isActive()
    assert window.switch_user(sign_in_as(qtbot, "engineer.gaz", seen))
    assert window.auto_backup is not first and window.auto_backup._actor == engineer
    assert not first.timer.isActive()
