"""Sign-in, forced password change and the idle lock, as a user meets them."""

from PySide6 import QtWidgets
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from shelter_app.services.accounts import auth
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.ui.auth.dialogs import (
    ChangePasswordDialog,
    SignInDialog,
    identify,
)
from shelter_app.ui.auth.idle import IdleWatcher
from shelter_app.ui.main_window import MainWindow


def fill(qtbot, dialog, **values: str) -> None:
    for name, text in values.items():
        edit = dialog.fields[name]
        edit.clear()
        qtbot.keyClicks(edit, text)  # ASCII only: keyClicks aborts on non-ASCII


def press_ok(qtbot, dialog) -> None:
    """Click OK and wait for the answer (a sign-in is checked in a worker)."""
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not getattr(dialog, "working", False), timeout=5000)


def test_sign_in_shows_error_and_stays_open_on_a_wrong_password(qtbot, demo_db):
    dialog = SignInDialog(demo_db)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog, username="engineer.gaz", password="not the password")
    press_ok(qtbot, dialog)
    assert dialog.actor is None
    assert dialog.error.text() == "Wrong user name or password."
    fill(qtbot, dialog, password=DEMO_PASSWORD)
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.actor is not None and dialog.actor.username == "engineer.gaz"


def test_while_the_sign_in_dialog_waits_pysides_classes_are_made(qtbot, demo_db):
    """PySide makes a class at its first use; the first table of a process made some 46 (and
    their enums) in the turn that built it, signing in (ui/qt_classes)."""
    dialog = SignInDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    names = [name for name in dir(QtWidgets) if name.startswith("Q")]
    qtbot.waitUntil(lambda: all(name in vars(QtWidgets) for name in names), timeout=10_000)


def test_identify_makes_a_new_user_change_the_temporary_password(qtbot, demo_db, admin):
    auth.create_user(demo_db, admin, username="yeni", full_name="Yeni Mühendis",
                     role=auth.Role.ENGINEER, office_code="GAZ", password="temporary-1")
    seen: list[str] = []

    def run(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        seen.append(type(dialog).__name__)
        if isinstance(dialog, SignInDialog):
            fill(qtbot, dialog, username="yeni", password="temporary-1")
        elif isinstance(dialog, ChangePasswordDialog):
            fill(qtbot, dialog, old="temporary-1", password="my own secret", repeat="my own secret")
        press_ok(qtbot, dialog)
        return dialog.result()

    actor = identify(demo_db, run=run)
    assert seen == ["SignInDialog", "ChangePasswordDialog"]
    assert actor is not None and actor.username == "yeni"
    assert auth.sign_in(demo_db, "yeni", "my own secret")[1] is False


def test_lock_hides_the_window_until_the_password_is_typed(qtbot, demo_db, engineer):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    states: list[bool] = []

    def answer(dialog: QDialog) -> int:
        qtbot.addWidget(dialog)
        states.append(window.centralWidget().isVisible())
        assert dialog.fields["username"].isReadOnly()
        fill(qtbot, dialog, password=DEMO_PASSWORD)
        press_ok(qtbot, dialog)
        return dialog.result()

    assert window.lock(answer) is True
    assert states == [False]  # nothing readable behind the lock dialog
    assert window.centralWidget().isVisible()


def test_giving_up_at_the_lock_closes_the_window(qtbot, demo_db, engineer):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    assert window.lock(lambda dialog: QDialog.DialogCode.Rejected) is False
    assert not window.isVisible()


def test_idle_watcher_fires_after_silence_and_input_restarts_it(qtbot):
    watcher = IdleWatcher(minutes=0.002)  # 120 ms
    with qtbot.waitSignal(watcher.idle, timeout=2000):
        pass
    watcher.resume()
    assert watcher.timer.isActive()


def test_typing_in_any_window_or_dialog_counts_as_activity(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    main = QLineEdit()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    watcher = IdleWatcher(minutes=0.02)  # 1.2 s
    dialog = QLineEdit()  # a form opened later, e.g. a household dialog
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    for window in (main, dialog):
        watcher.resume()
        qtbot.wait(500)  # silence: the countdown runs
        assert watcher.timer.remainingTime() < 900
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
        assert watcher.timer.remainingTime() > 1_000, window  # started again
    assert dialog.text() == "a"


def test_roles_see_the_pages_they_may_use(qtbot, demo_db, engineer, supervisor):
    for actor, has_audit in ((engineer, False), (supervisor, True)):
        window = MainWindow(demo_db, actor)
        qtbot.addWidget(window)
        assert ("Audit trail" in window.page_titles()) is has_audit
        assert actor.full_name in window.user_label.text()
