"""The supervisor's inbox, driven by keyboard: what waits, beside its evidence."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from factories import assessed_dwelling
from shelter_app.data.models import BoQ
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.boq import boq as boq_service
from shelter_app.ui.assessments.tab import AssessmentsTab
from shelter_app.ui.inbox.page import InboxPage
from shelter_app.ui.main_window import MainWindow


def test_a_supervisor_starts_on_the_inbox(qtbot, demo_db, supervisor):
    window = MainWindow(demo_db, supervisor)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.inbox
    assert window.navigation.currentItem().text() == "Inbox"


def test_a_submitted_boq_beside_its_evidence_approved_by_keyboard(qtbot, demo_db, engineer,
                                                                  supervisor):
    view = boq_service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))
    with demo_db.write(engineer) as session:
        boq = session.get(BoQ, view.id)
        boq.status, boq.submitted_by = ApprovalStatus.SUBMITTED, engineer.user_id
    page = InboxPage(demo_db, supervisor)
    qtbot.addWidget(page)
    page.show()
    boqs = page.boqs
    rows = [boqs.model.row_at(n) for n in range(boqs.model.rowCount())]
    assert rows and {row.status for row in rows} == {ApprovalStatus.SUBMITTED}
    assert page.kinds.item(0).text() == f"BoQs to approve ({len(rows)})"
    first = boqs.selected()
    assert isinstance(boqs.assessment_box.itemAt(0).widget(), AssessmentsTab)
    assert boqs.takeoff.text()
    assert boqs.gallery.model().dwelling_id == boq_service.boq_view(
        demo_db, supervisor, first.id).dwelling_id
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    boqs.ask_reason = lambda title, prompt: "Within the donor's exception"  # type: ignore
    QTest.keyClick(boqs.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert boq_service.boq_view(demo_db, supervisor, view.id).status is ApprovalStatus.APPROVED
    assert "approved" in boqs.message.text()


def test_a_timesheet_shows_its_days_per_worker_and_returns_with_a_reason(qtbot, demo_db,
                                                                         supervisor):
    page = InboxPage(demo_db, supervisor)
    qtbot.addWidget(page)
    page.show()
    page.kinds.setCurrentRow(1)
    sheets = page.timesheets
    row = sheets.list.selected()
    assert row is not None and row.status is ApprovalStatus.SUBMITTED
    assert sheets.grid.rowCount() == row.workers
    assert sheets.warnings.text()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    sheets.list.ask_reason = lambda title, prompt: "Friday is a holiday"  # type: ignore
    QTest.keyClick(sheets.list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert "returned" in sheets.list.message.text()


def test_a_reload_keeps_the_selected_boq_and_timesheet_with_their_evidence(qtbot, demo_db,
                                                                          engineer, supervisor):
    for _ in range(2):
        view = boq_service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))
        with demo_db.write(engineer) as session:
            boq = session.get(BoQ, view.id)
            boq.status, boq.submitted_by = ApprovalStatus.SUBMITTED, engineer.user_id
    page = InboxPage(demo_db, supervisor)
    qtbot.addWidget(page)
    boqs = page.boqs
    last = boqs.model.rowCount() - 1
    assert last > 0
    boqs.table.selectRow(last)
    chosen = boqs.selected()
    boqs.model.reload()  # a language change or another decision reloads the list
    assert boqs.selected() is not None and boqs.selected().id == chosen.id
    assert boqs.buttons["approve"].isEnabled()
    assert boqs.gallery.model().dwelling_id == boq_service.boq_view(
        demo_db, supervisor, chosen.id).dwelling_id
    sheets = page.timesheets
    sheets.list.table.selectRow(sheets.list.model.rowCount() - 1)
    sheet = sheets.list.selected()
    sheets.list.refresh()
    assert sheets.list.selected().id == sheet.id
    assert sheets.grid.rowCount() == sheet.workers
