"""The administrator's Offices page: add, rename, close (and reopen), as a user would."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from shelter_app.services.accounts import offices
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.accounts.offices_page import (
    AddOfficeDialog,
    BudgetDialog,
    OfficesPage,
    RenameOfficeDialog,
)
from shelter_app.ui.accounts.users_page import AddUserDialog
from ui.shown import show_title


@pytest.fixture
def page(qtbot, demo_db, admin):
    shown = OfficesPage(demo_db, admin)
    qtbot.addWidget(shown)
    shown.resize(900, 500)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def click(qtbot, button: QWidget) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_office(qtbot, page: OfficesPage, code: str) -> None:
    rect = page.table.visualRect(page.model.index(page.model.row_of(code), 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected() is not None and page.selected().code == code


def shown(page: OfficesPage, code: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(page.model.row_of(code), column).data(role)


def opened_dialogs(monkeypatch, kind) -> list:
    opened: list = []
    original = kind.open
    monkeypatch.setattr(kind, "open", lambda self: (opened.append(self), original(self)))
    return opened


def test_offices_page_is_the_administrators_beside_users(qtbot, demo_db, admin, supervisor):
    window = MainWindow(demo_db, admin)
    qtbot.addWidget(window)
    titles = window.page_titles()
    assert titles.index("Offices") == titles.index("Users") + 1
    assert isinstance(show_title(window, "Offices"), OfficesPage)
    assert window.offices.model.rowCount() == 6
    other = MainWindow(demo_db, supervisor)
    qtbot.addWidget(other)
    assert "Offices" not in other.page_titles()


def test_add_an_office_shows_refusals_at_their_fields(qtbot, demo_db, admin, page, monkeypatch):
    opened = opened_dialogs(monkeypatch, AddOfficeDialog)
    click(qtbot, page.add_button)
    dialog = opened[0]
    fields = dialog.office
    assert [fields.province.itemText(i) for i in range(6)] == [
        "Adana", "Gaziantep", "Ankara", "Kilis", "Mersin", "Şanlıurfa"]
    qtbot.keyClicks(fields.province.lineEdit(), "Hatay")
    qtbot.keyClicks(fields.code, "gaz")
    fields.name.setText("Hatay Antakya Ofisi")
    click(qtbot, dialog.ok_button)
    assert "already used" in dialog.messages["code"].text()
    assert dialog.messages["code"].isVisibleTo(dialog) and dialog.saved is None
    fields.code.clear()
    qtbot.keyClicks(fields.code, "hty")
    fields.name.clear()
    click(qtbot, dialog.ok_button)
    assert "name" in dialog.messages["name"].text() and dialog.saved is None
    assert dialog.messages["code"].text() == ""  # the earlier message is gone
    fields.name.setText("Hatay Antakya Ofisi")
    click(qtbot, dialog.ok_button)
    assert dialog.saved is not None and dialog.saved.code == "HTY"
    assert page.model.rowCount() == 7 and page.selected().code == "HTY"
    assert shown(page, "HTY", 1) == "Hatay Antakya Ofisi"
    assert "HTY" in [o.code for o in offices.list_offices(demo_db, admin)]


def test_an_unknown_province_is_refused_at_the_province(qtbot, page, monkeypatch):
    opened = opened_dialogs(monkeypatch, AddOfficeDialog)
    click(qtbot, page.add_button)
    dialog = opened[0]
    qtbot.keyClicks(dialog.office.province.lineEdit(), "Atlantis")
    qtbot.keyClicks(dialog.office.code, "ATL")
    dialog.office.name.setText("Atlantis Ofisi")
    click(qtbot, dialog.ok_button)
    assert "province" in dialog.messages["province"].text() and dialog.saved is None


def test_rename_keeps_the_code(qtbot, demo_db, admin, page, monkeypatch):
    opened = opened_dialogs(monkeypatch, RenameOfficeDialog)
    click_office(qtbot, page, "GAZ")
    click(qtbot, page.rename_button)
    dialog = opened[0]
    assert dialog.name.text() == "Gaziantep Saha Ofisi"
    dialog.name.clear()
    click(qtbot, dialog.ok_button)
    assert dialog.messages["name"].isVisibleTo(dialog) and dialog.saved is None
    dialog.name.setText("Gaziantep Şahinbey Ofisi")
    click(qtbot, dialog.ok_button)
    assert shown(page, "GAZ", 1) == "Gaziantep Şahinbey Ofisi"
    assert "GAZ" in page.notice.text()


def test_budget_is_set_refused_when_negative_and_cleared(qtbot, demo_db, admin, page,
                                                         monkeypatch):
    opened = opened_dialogs(monkeypatch, BudgetDialog)
    click_office(qtbot, page, "MER")
    click(qtbot, page.budget_button)
    dialog = opened[0]
    dialog.budget.setText("-5")
    click(qtbot, dialog.ok_button)
    assert dialog.messages["budget"].isVisibleTo(dialog) and dialog.saved is None
    dialog.budget.setText("2.750.000,50")
    click(qtbot, dialog.ok_button)
    assert dialog.saved is not None and str(dialog.saved.budget) == "2750000.50"
    assert "2,750,000.50" in shown(page, "MER", 4)  # the English interface
    click_office(qtbot, page, "MER")
    click(qtbot, page.budget_button)
    assert opened[1].budget.text() == "2,750,000.50"  # grouped in the editor as in the list
    click(qtbot, opened[1].ok_button)  # and read back as the same amount
    assert str(opened[1].saved.budget) == "2750000.50"
    click_office(qtbot, page, "MER")
    click(qtbot, page.budget_button)
    opened[2].budget.clear()
    click(qtbot, opened[2].ok_button)
    assert shown(page, "MER", 4) == "—"
    assert [o.budget for o in offices.list_offices(demo_db, admin) if o.code == "MER"] == [None]


def test_close_asks_first_shows_the_office_closed_and_reopens(
        qtbot, demo_db, admin, page, monkeypatch):
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    click_office(qtbot, page, "KLS")
    click(qtbot, page.close_button)
    assert shown(page, "KLS", 3) == "Open"  # said No
    click(qtbot, page.close_button)
    assert shown(page, "KLS", 3) == "Closed on 25/11/2026"  # English, British dates
    assert shown(page, "KLS", 1, Qt.ItemDataRole.ForegroundRole) is not None  # greyed
    assert shown(page, "GAZ", 1, Qt.ItemDataRole.ForegroundRole) is None
    assert not page.close_button.isVisible() and page.reopen_button.isVisible()
    # a closed office takes no new users
    add_user = AddUserDialog(demo_db, admin)
    qtbot.addWidget(add_user)
    assert add_user.office.findData("KLS") < 0 and add_user.office.findData("GAZ") >= 0
    click(qtbot, page.reopen_button)
    assert shown(page, "KLS", 3) == "Open"
    assert not next(o for o in offices.list_offices(demo_db, admin) if o.code == "KLS").closed
