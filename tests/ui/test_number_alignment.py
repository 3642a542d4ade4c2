"""Numbers end-aligned everywhere (issue 20, item 3): every column of every list whose cells
are numbers (amounts, quantities, counts, scores) aligns them at the end of the cell, which Qt
mirrors to the left in Arabic, so that digits line up by place in every table."""

import pytest
from PySide6.QtWidgets import QTabWidget

from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.grabbing import loaded, settle
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.number_columns import misaligned
from ui.shown import show_row


@pytest.mark.parametrize("role", ["supervisor", "engineer", "admin"])
def test_every_list_end_aligns_its_numbers(qtbot, demo_db, request, role):
    actor = request.getfixturevalue(role)
    window = MainWindow(demo_db, actor)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    found: list[str] = []
    checked: set[str] = set()
    for row in range(window.navigation.count()):
        page = show_row(window, row)
        settle(200)
        loaded(page)
        found += misaligned(page, checked)
        for tabs in page.findChildren(QTabWidget):
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                settle(200)
                loaded(tabs)  # a lazy tab's page: read in a worker, built, placed
                found += misaligned(page, checked)
    model = window.dwellings.model
    ref = next(model.row_at(row).ref for row in range(model.rowCount())
               if model.row_at(row).ref.startswith("GAZ-")
               and model.row_at(row).stage.value in ("works_in_progress", "completed"))
    file = DwellingFileDialog(demo_db, actor, ref, window)
    qtbot.addWidget(file)
    file.show()
    for index in range(file.tabs.count()):
        file.tabs.setCurrentIndex(index)
        settle(200)
        loaded(file.tabs)
        found += misaligned(file, checked)
    assert "\n".join(sorted(set(found))) == ""
    assert checked >= {"BoQTableModel", "AssessmentTableModel", "AssessmentHistoryModel",
                       "TimesheetsModel", "WeekGridModel"}
    if role == "admin":
        assert checked >= {"ItemsTableModel", "OfficeTableModel"}  # catalogue, budgets


def test_the_boq_editor_end_aligns_its_numbers_and_line_numbers(qtbot, demo_db, engineer):
    """Its No column stood at the start of the cell beside end-aligned quantities."""
    from shelter_app.services.boq.lookup import list_boqs
    from shelter_app.ui.boq.editor import BoQEditor

    editor = BoQEditor(demo_db, engineer, list_boqs(demo_db, engineer, limit=1)[0].id)
    qtbot.addWidget(editor)
    editor.show()
    loaded(editor)
    checked: set[str] = set()
    assert misaligned(editor, checked) == []
    assert checked == {type(editor.table.model()).__name__}


def test_the_measurement_tables_and_the_landlords_end_align_their_numbers(qtbot, demo_db,
                                                                          engineer):
    """The assessment form's rooms and openings and the landlords' ID numbers stood at the
    start of their cells."""
    from shelter_app.ui.agreements.page import LandlordsDialog
    from shelter_app.ui.assessments.measurements import OpeningsTable, RoomsTable

    rooms = RoomsTable()
    rooms.load([{"name": "Salon", "length_m": "4.64", "width_m": "3.95", "height_m": "2.60",
                 "exterior_m": "4.64"}])
    openings = OpeningsTable(rooms)
    openings.load([{"room": "Salon", "kind": "window", "width_m": "1.20", "height_m": "1.40",
                    "count": 1, "exterior": True}])
    landlords = LandlordsDialog(demo_db, engineer)
    checked: set[str] = set()
    for widget in (rooms, openings, landlords):
        qtbot.addWidget(widget)
        widget.show()
        loaded(widget)
        assert misaligned(widget, checked) == []
    assert checked == {"QAbstractTableModel", "LandlordTableModel"}  # a QTableWidget's
