"""A list behind a dwelling file (the Dwellings page, the cases behind a report's bar) reads
its rows again in a worker after a change in the file, and the user finds it as left: the same
case current and selected, scrolled where it was."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from ui.held import Held

from shelter_app.data.models import Dwelling
from shelter_app.domain.stages import Stage
from shelter_app.services.cases import dwellings as dwellings_service
from shelter_app.services.cases.flow import stage_options
from shelter_app.services.reports import cases as bar_service
from shelter_app.services.reports.cases import Bar
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.dwellings.model import DwellingTableModel
from shelter_app.ui.dwellings.page import DwellingsPage
from shelter_app.ui.reports import cases as cases_module
from shelter_app.ui.reports.cases import BarCasesDialog

LEFT = Qt.MouseButton.LeftButton


def _open_file(qtbot, parent, table) -> DwellingFileDialog:
    """Enter on the table's current row, as a user opens a file; the file once shown."""
    table.setFocus()
    qtbot.keyClick(table.viewport(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(file.isVisible()
                                for file in parent.findChildren(DwellingFileDialog)))
    return next(file for file in parent.findChildren(DwellingFileDialog) if file.isVisible())


def _go_to(qtbot, table, row: int) -> None:
    """Scrolled down to `row`, clicked on it."""
    table.scrollTo(table.model().index(row, 0), table.ScrollHint.PositionAtCenter)
    qtbot.mouseClick(table.viewport(), LEFT, pos=table.visualRect(
        table.model().index(row, 1)).center())


def test_the_dwellings_are_read_again_in_a_worker_after_a_stage_move_and_the_place_kept(
        qtbot, demo_db, engineer, monkeypatch):
    monkeypatch.setattr(DwellingTableModel, "PAGE", 40)  # more than a page shown, as on 100k
    page = DwellingsPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.resize(900, 400)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page.loading)
    with demo_db.read() as session:
        ids = session.scalars(select(Dwelling.id).where(Dwelling.ref.startswith("GAZ-"))
                              .order_by(Dwelling.ref)).all()
    movable = {id_: option.stage for id_ in ids
               for option in stage_options(demo_db, engineer, id_) if not option.missing}
    while not any(page.model.row_at(row).id in movable for row in range(page.model.rowCount())):
        page.model.fetchMore()  # as the view asks when scrolled to the end
        qtbot.waitUntil(lambda: not page.model.fetching_more)
    row = next(row for row in range(page.model.rowCount()) if page.model.row_at(row).id in movable)
    assert row >= page.model.PAGE
    _go_to(qtbot, page.table, row)
    chosen, scrolled = page.model.row_at(row), page.table.verticalScrollBar().value()
    assert scrolled > 0
    file = _open_file(qtbot, page, page.table)
    search = Held(dwellings_service.search_dwellings)
    monkeypatch.setattr(dwellings_service, "search_dwellings", search)  # imported per read
    qtbot.mouseClick(file.stage_bar.buttons[movable[chosen.id]], LEFT)
    assert page.model.loading  # read in a worker, the old rows shown meanwhile
    with qtbot.waitSignal(page.model.loaded):
        search.release.set()
    assert search.on_gui_thread == [False]
    current = page.table.currentIndex()
    assert page.model.row_at(current.row()).id == chosen.id
    assert page.model.row_at(current.row()).stage is movable[chosen.id]
    assert page.table.selectionModel().isRowSelected(current.row())
    assert page.model.rowCount() > page.model.PAGE  # as many rows as were shown
    QApplication.processEvents()  # the view's delayed layout
    assert page.table.verticalScrollBar().value() == scrolled


def test_the_cases_behind_a_bar_are_read_again_in_a_worker_after_a_change_in_a_file(
        qtbot, demo_db, engineer, monkeypatch):
    monkeypatch.setattr(cases_module.BarCasesModel, "PAGE", 2)
    bar, cases = max(((bar, bar_service.bar_cases(demo_db, engineer, bar, limit=None))
                           for bar in (Bar("stages", "GAZ", stage) for stage in Stage)),
                          key=lambda found: len(found[1]))
    assert len(cases) >= 4
    dialog = BarCasesDialog(demo_db, engineer, bar, office=None, first=None, last=None)
    qtbot.addWidget(dialog)
    dialog.resize(820, 150)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.model.fetchMore()  # the next page: the bar's cases, not every dwelling's
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 2)
    assert [dialog.model.row_at(row).id for row in range(dialog.model.rowCount())] == [
        row.id for row in cases[:dialog.model.rowCount()]]
    _go_to(qtbot, dialog.table, 3)
    scrolled = dialog.table.verticalScrollBar().value()
    assert scrolled > 0
    file = _open_file(qtbot, dialog, dialog.table)
    read = Held(bar_service.bar_cases)
    monkeypatch.setattr(cases_module, "bar_cases", read)
    file.changed.emit()  # e.g. the household's phone corrected: the case stays in the bar
    assert dialog.model.loading
    with qtbot.waitSignal(dialog.model.loaded):
        read.release.set()
    assert read.on_gui_thread and True not in read.on_gui_thread
    assert dialog.table.currentIndex().row() == 3
    assert dialog.model.row_at(3).id == cases[3].id
    QApplication.processEvents()
    assert dialog.table.verticalScrollBar().value() == scrolled


