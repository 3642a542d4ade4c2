"""The administrator adds a user from the Users page."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.ui.accounts.users_page import AddUserDialog, UsersPage


def test_admin_adds_a_supervisor_and_sees_them_listed(qtbot, demo_db, admin, monkeypatch):
    page = UsersPage(demo_db, admin)
    qtbot.addWidget(page)
    before = page.model.rowCount()
    opened: list[AddUserDialog] = []
    monkeypatch.setattr(AddUserDialog, "open", lambda self: opened.append(self))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = opened[0]  # a child of the page, deleted with it
    qtbot.keyClicks(dialog.fields["username"], "Selin.K")
    dialog.fields["full_name"].setText("Selin Küçükoğlu")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.fields["password"], "short")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    # every problem after one OK, each at its field, the first one focused
    assert "office" in dialog.messages["office"].text()
    assert "at least 10" in dialog.messages["password"].text()
    assert not dialog.error.text() and not dialog.messages["username"].text()
    assert dialog.focusWidget() is dialog.office
    dialog.office.setCurrentIndex(dialog.office.findData("KLS"))
    qtbot.keyClicks(dialog.fields["password"], "-and-long-enough")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.created is not None and dialog.created.role is Role.SUPERVISOR
    assert page.model.rowCount() == before + 1
    row = next(r for r in auth.list_users(demo_db, admin) if r.username == "selin.k")
    assert (row.full_name, row.office) == ("Selin Küçükoğlu", "KLS")


def test_only_admins_get_the_users_page(qtbot, demo_db, admin, supervisor):
    from shelter_app.ui.main_window import MainWindow

    for actor, expected in ((admin, True), (supervisor, False)):
        window = MainWindow(demo_db, actor)
        qtbot.addWidget(window)
        assert ("Users" in window.page_titles()) is expected


# --- the administrator's actions on an account ----------------------------------------------

import pytest  # noqa: E402
from PySide6.QtWidgets import QMessageBox, QWidget  # noqa: E402

from shelter_app.demo.programme import DEMO_PASSWORD  # noqa: E402
from shelter_app.ui.accounts.users_page import ResetPasswordDialog, RoleOfficeDialog  # noqa: E402


@pytest.fixture
def users_page(qtbot, demo_db, admin):
    page = UsersPage(demo_db, admin)
    qtbot.addWidget(page)
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def click_user(qtbot, page: UsersPage, username: str) -> None:
    row = page.model.row_of(username)
    assert row >= 0, username
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected() is not None and page.selected().username == username


def click(qtbot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def status_of(page: UsersPage, username: str) -> str:
    return page.model.index(page.model.row_of(username), 4).data()


def opened_dialogs(monkeypatch, *kinds) -> list:
    """The dialogs of `kinds` opened from now on (open() shows them and returns at once)."""
    opened: list = []
    for kind in kinds:
        original = kind.open
        monkeypatch.setattr(kind, "open", lambda self, original=original: (
            opened.append(self), original(self)))
    return opened


def test_reset_password_shows_each_refusal_at_its_field_then_forces_a_change(
        qtbot, demo_db, users_page, monkeypatch):
    opened = opened_dialogs(monkeypatch, ResetPasswordDialog)
    assert not users_page.reset_button.isEnabled()  # nothing selected yet
    click_user(qtbot, users_page, "engineer.kls")
    click(qtbot, users_page.reset_button)
    dialog = opened[0]
    assert "engineer.kls" in dialog.heading.text()
    qtbot.keyClicks(dialog.password, "Kilis-2026-temp")
    qtbot.keyClicks(dialog.repeat, "Kilis-2026-tmp")
    click(qtbot, dialog.ok_button)
    assert "differ" in dialog.messages["repeat"].text()
    assert dialog.messages["repeat"].isVisibleTo(dialog) and dialog.saved is None
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "Kilis-2026-temp")
    click(qtbot, dialog.ok_button)
    assert dialog.saved is not None and dialog.saved.must_change_password
    assert "Must change password" in status_of(users_page, "engineer.kls")
    assert users_page.selected().username == "engineer.kls"  # still selected after reload
    with pytest.raises(auth.SignInError):
        auth.sign_in(demo_db, "engineer.kls", DEMO_PASSWORD)
    assert auth.sign_in(demo_db, "engineer.kls", "Kilis-2026-temp")[1] is True


def test_unlock_after_too_many_failed_sign_ins(qtbot, demo_db, users_page):
    for _ in range(5):
        with pytest.raises(auth.SignInError):
            auth.sign_in(demo_db, "supervisor.mer", "wrong password")
    users_page.model.reload()
    click_user(qtbot, users_page, "supervisor.mer")
    assert "Locked" in status_of(users_page, "supervisor.mer")
    click(qtbot, users_page.unlock_button)
    assert "Locked" not in status_of(users_page, "supervisor.mer")
    assert not users_page.unlock_button.isEnabled()
    assert "supervisor.mer" in users_page.notice.text()
    assert auth.sign_in(demo_db, "supervisor.mer", DEMO_PASSWORD)[0].username == "supervisor.mer"


def test_deactivate_asks_first_then_reactivate(qtbot, demo_db, users_page, monkeypatch):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(parent, title, text):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    click_user(qtbot, users_page, "engineer.ank")
    click(qtbot, users_page.deactivate_button)
    assert "Mühendis Ankara" in asked[0]
    assert status_of(users_page, "engineer.ank").startswith("Active")  # said No
    click(qtbot, users_page.deactivate_button)
    assert status_of(users_page, "engineer.ank").startswith("Deactivated")
    with pytest.raises(auth.SignInError):
        auth.sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)
    assert not users_page.deactivate_button.isVisible()
    click(qtbot, users_page.reactivate_button)
    assert status_of(users_page, "engineer.ank").startswith("Active")
    assert auth.sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)[0].username == "engineer.ank"


def test_the_service_refuses_to_deactivate_your_own_account(qtbot, users_page, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(text))
    click_user(qtbot, users_page, "admin")
    click(qtbot, users_page.deactivate_button)
    assert len(warnings) == 1 and "own account" in warnings[0]
    assert status_of(users_page, "admin").startswith("Active")


def test_change_role_and_office(qtbot, demo_db, users_page, admin, monkeypatch):
    opened = opened_dialogs(monkeypatch, RoleOfficeDialog)
    click_user(qtbot, users_page, "engineer.kls")
    click(qtbot, users_page.role_button)
    dialog = opened[0]
    assert dialog.role.currentData() == Role.ENGINEER and dialog.office.currentData() == "KLS"
    dialog.office.setCurrentIndex(dialog.office.findData(None))  # "(none)"
    click(qtbot, dialog.ok_button)
    assert "need an office" in dialog.messages["office"].text() and dialog.saved is None
    dialog.role.setCurrentIndex(dialog.role.findData(Role.SUPERVISOR))
    dialog.office.setCurrentIndex(dialog.office.findData("MER"))
    click(qtbot, dialog.ok_button)
    assert dialog.saved is not None
    row = next(r for r in auth.list_users(demo_db, admin) if r.username == "engineer.kls")
    assert (row.role, row.office) == (Role.SUPERVISOR, "MER")
    shown = users_page.model.row_at(users_page.model.row_of("engineer.kls"))
    assert (shown.role, shown.office) == (Role.SUPERVISOR, "MER")


def test_change_my_password_from_the_file_menu(qtbot, demo_db, engineer, monkeypatch):
    from shelter_app.ui.auth.dialogs import ChangePasswordDialog
    from shelter_app.ui.main_window import MainWindow

    opened = opened_dialogs(monkeypatch, ChangePasswordDialog)
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    menu = window.menuBar().actions()[0].menu()
    next(a for a in menu.actions() if a.text() == "Change my password…").trigger()
    dialog = opened[0]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.fields["old"], "not my password")
    qtbot.keyClicks(dialog.fields["password"], "Gaziantep new 42")
    qtbot.keyClicks(dialog.fields["repeat"], "Gaziantep new 42")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "current password is wrong" in dialog.error.text()
    assert dialog.fields["old"].hasFocus() or dialog.focusWidget() is dialog.fields["old"]
    dialog.fields["old"].clear()
    qtbot.keyClicks(dialog.fields["old"], DEMO_PASSWORD)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert auth.sign_in(demo_db, "engineer.gaz", "Gaziantep new 42")[0] == engineer


def test_the_row_acted_on_stays_selected_in_arabic(qtbot, demo_db, admin, in_language):
    """Right to left, QTableView.selectRow selects nothing (Qt 6.12): the page selects through
    the selection model, so after an action the same user is still the one selected."""
    for _ in range(5):
        with pytest.raises(auth.SignInError):
            auth.sign_in(demo_db, "engineer.kls", "wrong password")
    in_language("ar")
    page = UsersPage(demo_db, admin)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.isRightToLeft()
    click_user(qtbot, page, "engineer.kls")
    click(qtbot, page.unlock_button)  # the list reloads
    assert not page.model.row_at(page.model.row_of("engineer.kls")).locked
    assert page.selected() is not None and page.selected().username == "engineer.kls"
    assert page.reset_button.isEnabled()
