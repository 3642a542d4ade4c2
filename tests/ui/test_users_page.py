"""The administrator adds a user from the Users page."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.ui.users_page import AddUserDialog, UsersPage


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
    assert "office" in dialog.error.text()  # supervisors need an office
    dialog.office.setCurrentIndex(dialog.office.findData("KLS"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "at least 10" in dialog.error.text()
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
