"""The supervisor's inbox, driven by keyboard: what waits, beside its evidence."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import case_inputs
from factories import assessed_dwelling

from shelter_app.data.models import BoQ
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.assessments.assessments import record_assessment
from shelter_app.services.cases.records import register_case
from shelter_app.services.boq import boq as boq_service
from shelter_app.ui.assessments.tab import AssessmentsTab
from shelter_app.ui.inbox.kinds import KINDS_WIDTH
from shelter_app.ui.inbox.page import InboxPage
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.sync.runner import SyncRunner
from ui.held import Held
from ui.shown import shown


def _submitted_boq(demo_db, engineer):
    """A new BoQ of an assessed dwelling, submitted by `engineer`."""
    view = boq_service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))
    with demo_db.write(engineer) as session:
        boq = session.get(BoQ, view.id)
        boq.status, boq.submitted_by = ApprovalStatus.SUBMITTED, engineer.user_id
    return view


def _two_waiting_boqs(demo_db, engineer) -> None:
    """Two cases of `engineer`'s own, registered, assessed, priced and submitted."""
    for number in (6, 7):
        ref = register_case(demo_db, engineer, case_inputs.household(
            id_number=make_tckn(f"{number}12345678")), case_inputs.dwelling(),
            case_inputs.landlord(id_number=make_tckn(f"{number}22345678"))).dwelling
        record_assessment(demo_db, engineer, ref, case_inputs.assessment())
        view = boq_service.create_boq(demo_db, engineer, ref)
        with demo_db.write(engineer) as session:
            boq = session.get(BoQ, view.id)
            boq.status, boq.submitted_by = ApprovalStatus.SUBMITTED, engineer.user_id


def _inbox(demo_db, supervisor) -> InboxPage:
    """The Inbox on a sync runner of its own (the window's, in the app), deleted with it."""
    runner = SyncRunner(demo_db)
    page = InboxPage(demo_db, supervisor, runner)
    runner.setParent(page)
    return page


def _shown_inbox(qtbot, demo_db, supervisor) -> InboxPage:
    page = _inbox(demo_db, supervisor)
    qtbot.addWidget(page)
    page.show()
    return page


def test_a_supervisor_starts_on_the_inbox(qtbot, demo_db, supervisor):
    window = MainWindow(demo_db, supervisor)
    qtbot.addWidget(window)
    assert shown(window) is window.inbox  # built on the event loop's next turns
    assert window.navigation.currentItem().text() == "Inbox"


def test_a_submitted_boq_beside_its_evidence_approved_by_keyboard(qtbot, demo_db, engineer,
                                                                  supervisor):
    view = _submitted_boq(demo_db, engineer)
    page = _shown_inbox(qtbot, demo_db, supervisor)
    boqs = page.boqs
    qtbot.waitUntil(lambda: not boqs.loading)  # the list and the evidence read in workers
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
    qtbot.waitUntil(lambda: not boqs.loading)  # approved in a worker, the list read again
    assert boq_service.boq_view(demo_db, supervisor, view.id).status is ApprovalStatus.APPROVED
    assert "approved" in boqs.message.text()
    assert page.kinds.item(0).text() == f"BoQs to approve ({len(rows) - 1})"


def test_the_submitted_boqs_and_their_evidence_are_read_in_workers(qtbot, demo_db, engineer,
                                                                   supervisor, monkeypatch):
    """The office's submitted BoQs (a few hundred ms on a programme) and the selected one's
    assessments, take-off and photos are read off the GUI thread, once: the inbox shows at
    once, its rows and evidence a moment later."""
    from shelter_app.ui.boq import page as boq_page
    from shelter_app.ui.inbox import page as inbox_page

    _submitted_boq(demo_db, engineer)
    reads = {name: Held(getattr(module, name), hold=lambda *args, **options: False)
             for module, name in ((boq_page, "list_boqs"), (inbox_page, "boq_takeoff"),
                                  (inbox_page, "dwelling_assessments"))}
    for module, name in ((boq_page, "list_boqs"), (inbox_page, "boq_takeoff"),
                         (inbox_page, "dwelling_assessments")):
        monkeypatch.setattr(module, name, reads[name])
    page = _shown_inbox(qtbot, demo_db, supervisor)
    boqs = page.boqs
    qtbot.waitUntil(lambda: not boqs.loading)
    assert {name: held.on_gui_thread for name, held in reads.items()} == {
        "list_boqs": [False], "boq_takeoff": [False], "dwelling_assessments": [False]}
    assert page.kinds.item(0).text() == f"BoQs to approve ({boqs.model.rowCount()})"
    assert boqs.selected() is not None and boqs.buttons["approve"].isEnabled()
    assessments = boqs.assessment_box.itemAt(0).widget()
    assert isinstance(assessments, AssessmentsTab)
    # its Alt+letter, as it shows, though it came after the page's buttons got theirs
    qtbot.waitUntil(lambda: "&" in assessments.new_button.text())
    assert boqs.gallery.model().dwelling_id == boq_service.boq_view(
        demo_db, supervisor, boqs.selected().id).dwelling_id


def test_a_boq_just_approved_is_not_decided_again_before_the_list_is_read_again(
        qtbot, demo_db, engineer, supervisor, monkeypatch):
    """The list is read again in a worker after a decision: until it arrives the BoQ just
    approved is still selected, and a second Ctrl+Return (or Ctrl+R) was sent to the service,
    whose refusal replaced the word that it was approved."""
    from shelter_app.ui.boq import page as boq_page

    view = _submitted_boq(demo_db, engineer)
    page = _shown_inbox(qtbot, demo_db, supervisor)
    boqs = page.boqs
    qtbot.waitUntil(lambda: not boqs.loading)
    boqs.select(view.ref)
    qtbot.waitUntil(lambda: not boqs.loading)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    boqs.ask_reason = lambda title, prompt: "Within the donor's exception"  # type: ignore
    read = Held(boq_page.list_boqs)
    monkeypatch.setattr(boq_page, "list_boqs", read)
    QTest.keyClick(boqs.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "approved" in boqs.message.text())  # written in a worker
    said = boqs.message.text()
    assert boqs.model.loading
    assert not boqs.buttons["approve"].isEnabled() and not boqs.buttons["return"].isEnabled()
    QTest.keyClick(boqs.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(boqs.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert boqs.message.text() == said
    read.release.set()
    qtbot.waitUntil(lambda: not boqs.loading)
    assert boq_service.boq_view(demo_db, supervisor, view.id).status is ApprovalStatus.APPROVED


def test_a_timesheet_shows_its_days_per_worker_and_returns_with_a_reason(qtbot, demo_db,
                                                                         supervisor):
    page = _inbox(demo_db, supervisor)
    qtbot.addWidget(page)
    page.show()
    page.kinds.setCurrentRow(1)
    sheets = page.timesheets
    qtbot.waitUntil(lambda: not sheets.loading)  # the list and the week read in workers
    row = sheets.list.selected()
    assert row is not None and row.status is ApprovalStatus.SUBMITTED
    assert sheets.grid.rowCount() == row.workers
    assert sheets.warnings.text()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    sheets.list.ask_reason = lambda title, prompt: "Friday is a holiday"  # type: ignore
    QTest.keyClick(sheets.list.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "returned" in sheets.list.message.text())  # written in a worker


def test_a_timesheet_approved_by_a_click_is_not_decided_again_before_the_list_arrives(
        qtbot, demo_db, supervisor, monkeypatch):
    """After a decision the timesheets are read again in a worker (on the GUI thread before);
    until they arrive the one just approved is still listed: its buttons are off and a second
    click or Ctrl+Return leaves the word that it was approved. Then the next one is selected."""
    import threading

    from shelter_app.services.labour import timesheets as timesheet_service

    page = _shown_inbox(qtbot, demo_db, supervisor)
    page.kinds.setCurrentRow(1)
    sheets = page.timesheets
    qtbot.waitUntil(lambda: not sheets.loading)
    first = sheets.list.selected()
    assert first is not None and sheets.list.model.rowCount() > 1
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    read = Held(timesheet_service.list_timesheets,
                lambda *args, **options: threading.current_thread() is not threading.main_thread())
    monkeypatch.setattr(timesheet_service, "list_timesheets", read)
    approve = sheets.list.buttons["approve"]
    qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "approved" in sheets.list.message.text())  # written in a worker
    said = sheets.list.message.text()
    assert sheets.list.model.loading
    assert not approve.isEnabled() and not sheets.list.buttons["return"].isEnabled()
    qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    QTest.keyClick(sheets.list.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sheets.list.message.text() == said
    read.release.set()
    qtbot.waitUntil(lambda: not sheets.loading)
    assert read.on_gui_thread == [False]
    listed = [sheets.list.model.row_at(n).id for n in range(sheets.list.model.rowCount())]
    assert first.id not in listed and sheets.list.selected().id == listed[0]
    assert approve.isEnabled() and sheets.grid.rowCount() == sheets.list.selected().workers
    assert page.kinds.item(1).text() == f"Timesheets to approve ({len(listed)})"


def test_a_reload_keeps_the_selected_boq_and_timesheet_with_their_evidence(qtbot, demo_db,
                                                                          engineer, supervisor):
    _two_waiting_boqs(demo_db, engineer)
    page = _inbox(demo_db, supervisor)
    qtbot.addWidget(page)
    boqs = page.boqs
    qtbot.waitUntil(lambda: not boqs.loading)
    last = boqs.model.rowCount() - 1
    assert last > 0
    boqs.table.selectRow(last)
    chosen = boqs.selected()
    boqs.model.reload()  # a language change or another decision reloads the list
    assert boqs.selected() is not None and boqs.selected().id == chosen.id
    assert boqs.buttons["approve"].isEnabled()
    qtbot.waitUntil(lambda: not boqs.loading)
    assert boqs.gallery.model().dwelling_id == boq_service.boq_view(
        demo_db, supervisor, chosen.id).dwelling_id
    sheets = page.timesheets
    qtbot.waitUntil(lambda: not sheets.loading)
    sheets.list.table.selectRow(sheets.list.model.rowCount() - 1)
    sheet = sheets.list.selected()
    sheets.list.refresh()
    assert sheets.list.selected().id == sheet.id
    qtbot.waitUntil(lambda: not sheets.loading)
    assert sheets.grid.rowCount() == sheet.workers


def test_an_engineers_reopen_request_waits_with_its_evidence_and_is_decided_by_keyboard(
        qtbot, demo_db, engineer, supervisor):
    from sqlalchemy import select

    from shelter_app.data.models import Dwelling, ReopenRequest, Timesheet
    from shelter_app.services.cases.dwellings import dwelling_file
    from shelter_app.ui.dwellings.case_tabs import BoQTab
    from shelter_app.ui.labour.timesheets_tab import TimesheetsTab

    with demo_db.read() as session:
        ref = session.scalar(select(Dwelling.ref).join(BoQ, BoQ.dwelling_id == Dwelling.id).where(
            BoQ.status == ApprovalStatus.APPROVED, Dwelling.ref.startswith("GAZ")).limit(1))
        sheet_ref = session.scalar(select(Timesheet.ref).join(Dwelling).where(
            Timesheet.status == ApprovalStatus.APPROVED, Timesheet.payment_batch_id.is_(None),
            Dwelling.ref.startswith("GAZ"), Timesheet.id.not_in(  # nobody asked about it yet
                select(ReopenRequest.timesheet_id).where(ReopenRequest.timesheet_id.is_not(None))
            )).order_by(Timesheet.ref).limit(1))
    tab = BoQTab(demo_db, engineer, dwelling_file(demo_db, ref))
    qtbot.addWidget(tab)
    tab.refresh()
    assert tab.select(next(tab.model.row_at(n).ref for n in range(tab.model.rowCount())
                           if tab.model.row_at(n).status is ApprovalStatus.APPROVED))
    assert tab.buttons["ask"].isEnabled()
    tab.ask_reason = lambda title, prompt: "The landlord wants a steel door"  # type: ignore
    qtbot.mouseClick(tab.buttons["ask"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "waits for the supervisor" in tab.message.text())  # in a worker
    sheets = TimesheetsTab(demo_db, engineer)
    qtbot.addWidget(sheets)
    sheets.filter.setText(sheet_ref)
    qtbot.waitUntil(lambda: not sheets.waiting)  # searched in a worker
    assert sheets.select(sheet_ref) and sheets.buttons["ask"].isVisibleTo(sheets)
    sheets.ask_reason = lambda title, prompt: "Ali worked Friday"  # type: ignore
    sheets.buttons["ask"].click()
    qtbot.waitUntil(lambda: "waits" in sheets.message.text())

    from shelter_app.services.reopen_requests import waiting_requests

    waiting = waiting_requests(demo_db, supervisor)
    assert [row.reason for row in waiting][-2:] == ["The landlord wants a steel door",
                                                   "Ali worked Friday"]
    page = _inbox(demo_db, supervisor)
    qtbot.addWidget(page)
    page.show()
    requests = page.requests
    qtbot.waitUntil(lambda: not requests.loading)  # the list and the record read in workers
    assert page.kinds.item(2).text() == f"Reopen requests ({len(waiting)})"
    page.kinds.setCurrentRow(2)
    assert requests.select(waiting[-2].ref)
    qtbot.waitUntil(lambda: not requests.loading)
    first = requests.selected()
    assert first.reason in requests.reason.text() and "Total incl. VAT" in requests.record.text()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QTest.keyClick(requests.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not requests.loading)  # written in a worker, the list read again
    assert "reopened" in requests.message.text()
    with demo_db.read() as session:
        assert session.scalar(select(BoQ.status).join(Dwelling).where(
            Dwelling.ref == ref).order_by(BoQ.revision.desc()).limit(1)) is ApprovalStatus.DRAFT
    assert requests.select(sheet_ref)  # a timesheet's request shows its days per worker
    qtbot.waitUntil(lambda: not requests.loading)
    assert requests.grid.rowCount() > 0
    assert re.fullmatch(r"Approved timesheet of (1 worker|\d+ workers); days worked: [\d.]+\.",
                        requests.record.text())
    requests.ask_reason = lambda title, prompt: "Correct it next week"  # type: ignore
    page.activateWindow()  # (the loop ran meanwhile: the test's other windows may have taken it)
    qtbot.waitUntil(page.isActiveWindow)
    QTest.keyClick(requests.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not requests.loading)
    assert "returned" in requests.message.text()
    assert requests.model.rowCount() == len(waiting) - 2


def test_in_arabic_the_first_waiting_item_is_selected_with_its_evidence(
        qtbot, demo_db, engineer, supervisor, in_language):
    """QTableView.selectRow selected nothing in a right-to-left view not yet shown."""
    from sqlalchemy import select

    from shelter_app.data.models import Dwelling
    from shelter_app.services.reopen_requests import ask_reopen
    from shelter_app.ui.inbox.reopen import RequestInbox

    with demo_db.read() as session:
        boq_id = session.scalar(select(BoQ.id).join(Dwelling).where(
            BoQ.status == ApprovalStatus.APPROVED, Dwelling.ref.startswith("GAZ")).limit(1))
    ask_reopen(demo_db, engineer, "boq", boq_id, "Wrong door size")
    in_language("ar")
    requests = RequestInbox(demo_db, supervisor)
    qtbot.addWidget(requests)
    qtbot.waitUntil(lambda: not requests.loading)
    assert requests.selected() is not None and requests.reason.text()
    page = _inbox(demo_db, supervisor)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.timesheets.loading)
    assert page.timesheets.list.selected() is not None and page.timesheets.grid.rowCount()


def _reopen_request(demo_db, engineer) -> None:
    """An engineer's request to reopen an approved BoQ of their office."""
    from sqlalchemy import select

    from shelter_app.data.models import Dwelling
    from shelter_app.services.reopen_requests import ask_reopen

    with demo_db.read() as session:
        boq_id = session.scalar(select(BoQ.id).join(Dwelling).where(
            BoQ.status == ApprovalStatus.APPROVED, Dwelling.ref.startswith("GAZ")).limit(1))
    ask_reopen(demo_db, engineer, "boq", boq_id, "Wrong door size")


def test_the_timesheets_and_reopen_requests_are_read_in_workers_and_act_once_there(
        qtbot, demo_db, engineer, supervisor, monkeypatch):
    """The Inbox is built without reading its timesheets and reopen requests (35-65 ms on the
    GUI thread): their lists and the selected one's evidence arrive from workers, and until
    the rows are there no button or key decides anything."""
    import threading

    from shelter_app.services.labour import timesheets as timesheet_service
    from shelter_app.ui.inbox import page as inbox_page
    from shelter_app.ui.inbox import reopen

    _reopen_request(demo_db, engineer)
    off_gui = lambda *args, **options: threading.current_thread() is not threading.main_thread()  # noqa: E731
    lists = {"list_timesheets": Held(timesheet_service.list_timesheets, off_gui),
             "waiting_requests": Held(reopen.waiting_requests, off_gui)}
    monkeypatch.setattr(timesheet_service, "list_timesheets", lists["list_timesheets"])
    monkeypatch.setattr(reopen, "waiting_requests", lists["waiting_requests"])
    evidence = {}  # the selected timesheet's week; the selected request's BoQ or week
    for module, name in ((inbox_page, "week_grid"), (reopen, "boq_view"), (reopen, "week_grid")):
        evidence[f"{module.__name__}.{name}"] = Held(getattr(module, name), lambda *args: False)
        monkeypatch.setattr(module, name, evidence[f"{module.__name__}.{name}"])
    page = _shown_inbox(qtbot, demo_db, supervisor)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    sheets, requests = page.timesheets, page.requests
    qtbot.waitUntil(lambda: all(held.on_gui_thread for held in lists.values()))
    assert {name: held.on_gui_thread for name, held in lists.items()} == {
        "list_timesheets": [False], "waiting_requests": [False]}  # held there meanwhile
    assert sheets.loading and requests.loading
    for kind, tab in ((1, sheets.list), (2, requests)):
        page.kinds.setCurrentRow(kind)
        assert not tab.buttons["approve"].isEnabled() and not tab.buttons["return"].isEnabled()
        tab.ask_reason = lambda title, prompt: "No"  # type: ignore
        QTest.keyClick(tab.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClick(tab.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        assert tab.message.text() == ""
    for held in lists.values():
        held.release.set()
    qtbot.waitUntil(lambda: not sheets.loading and not requests.loading)
    assert {name: len(held.on_gui_thread) for name, held in lists.items()} == {
        "list_timesheets": 1, "waiting_requests": 1}
    assert sheets.list.buttons["approve"].isEnabled() and sheets.grid.rowCount()
    assert requests.buttons["approve"].isEnabled() and requests.record.text()
    asked = next(row for row in range(requests.model.rowCount())
                 if requests.model.row_at(row).reason == "Wrong door size")
    requests.select_row(asked)
    qtbot.waitUntil(lambda: not requests.loading)
    assert "Total incl. VAT" in requests.record.text()
    seen = [on_gui for held in evidence.values() for on_gui in held.on_gui_thread]
    assert len(seen) >= 3 and not any(seen)  # two requests' records and a week, in workers
    assert page.kinds.item(1).text() == f"Timesheets to approve ({sheets.list.model.rowCount()})"
    assert page.kinds.item(2).text() == f"Reopen requests ({requests.model.rowCount()})"


def test_the_next_boqs_evidence_takes_its_alt_letter_without_a_walk_of_the_window(
        qtbot, demo_db, engineer, supervisor, monkeypatch):
    """Each arrival of a BoQ's evidence gave the whole window its Alt letters again (every
    button looked at, twice: once more as the new pane's button showed); the new pane's
    button takes the letter of the one it replaces."""
    from shelter_app.ui import mnemonics

    _two_waiting_boqs(demo_db, engineer)
    window = MainWindow(demo_db, supervisor)
    qtbot.addWidget(window)
    window.show()
    boqs = shown(window).boqs
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.waitUntil(lambda: not boqs.loading)
    assert boqs.model.rowCount() >= 2

    def new_button():
        return boqs.assessment_box.itemAt(0).widget().new_button

    qtbot.waitUntil(lambda: "&" in new_button().text())
    letter = new_button().text()
    walks = []
    taken = mnemonics.taken
    monkeypatch.setattr(mnemonics, "taken", lambda window: (walks.append(window),
                                                            taken(window))[1])
    for row in (1, 0, 1):
        before = new_button()
        boqs.select_row(row)
        qtbot.waitUntil(lambda before=before: not boqs.loading and new_button() is not before)
        qtbot.waitUntil(new_button().isVisible)
        assert new_button().text() == letter
    assert walks == []


def test_each_kinds_approval_is_written_in_a_worker_once_with_the_buttons_off_till_it_ends(
        qtbot, demo_db, engineer, supervisor, monkeypatch):
    """Approve writes off the GUI thread (12-30 ms of the click's turn on a programme): until
    the service answers every button of the kind is off, and a second click or Ctrl+Return
    sends nothing; then the word that it is done, and the list read again without it."""
    import threading

    from shelter_app.services.boq import approval
    from shelter_app.services.labour import timesheets as timesheet_service
    from shelter_app.ui.inbox import reopen

    _submitted_boq(demo_db, engineer)
    _reopen_request(demo_db, engineer)
    page = _shown_inbox(qtbot, demo_db, supervisor)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    off_gui = lambda *args, **options: threading.current_thread() is not threading.main_thread()  # noqa: E731
    for kind, tab, module, name, said in (
            (0, page.boqs, approval, "approve", "is approved and locked"),
            (1, page.timesheets.list, timesheet_service, "approve", "is approved and locked"),
            (2, page.requests, reopen, "approve_request", "is reopened")):
        page.kinds.setCurrentRow(kind)
        qtbot.waitUntil(lambda: not page.stack.currentWidget().loading)
        decided = tab.selected()
        write = Held(getattr(module, name), off_gui)
        monkeypatch.setattr(module, name, write)
        qtbot.mouseClick(tab.buttons["approve"], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda held=write: held.on_gui_thread == [False])  # held there
        assert not any(button.isEnabled() for button in tab.buttons.values())
        qtbot.mouseClick(tab.buttons["approve"], Qt.MouseButton.LeftButton)
        QTest.keyClick(tab.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        assert tab.message.text() == "" and write.on_gui_thread == [False]  # sent once
        write.release.set()
        qtbot.waitUntil(lambda: not page.stack.currentWidget().loading)
        assert said in tab.message.text() and write.on_gui_thread == [False]
        listed = [tab.model.row_at(n).ref for n in range(tab.model.rowCount())]
        assert decided.ref not in listed


def test_a_refused_decision_is_said_and_the_buttons_come_back(qtbot, demo_db, supervisor):
    """Decided meanwhile elsewhere (another supervisor, a sync): the service's refusal, given
    in the worker, shows under the list as before, and the buttons follow the selection."""
    from shelter_app.services.labour import timesheets as timesheet_service

    page = _shown_inbox(qtbot, demo_db, supervisor)
    page.kinds.setCurrentRow(1)
    sheets = page.timesheets
    qtbot.waitUntil(lambda: not sheets.loading)
    row = sheets.list.selected()
    timesheet_service.approve(demo_db, supervisor, row.id)  # behind the inbox's back
    sheets.list.ask_reason = lambda title, prompt: "Friday is a holiday"  # type: ignore
    qtbot.mouseClick(sheets.list.buttons["return"], Qt.MouseButton.LeftButton)
    assert not sheets.list.buttons["return"].isEnabled()
    qtbot.waitUntil(lambda: sheets.list.message.text() != "")
    assert "is approved, not submitted" in sheets.list.message.text()
    assert sheets.list.buttons["return"].isEnabled() and sheets.list.selected().ref == row.ref


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_the_window_keeps_its_width_as_each_kind_and_a_timesheets_week_shows(
        qtbot, demo_db, supervisor, in_language, language):
    """A week's grid is never narrower than its names, seven days and total (ui/labour/grid.py):
    beside the reopen requests it widened the window from 1100 to 1296 px (Turkish) or 1330
    (Arabic) when the first timesheet's request showed; below them, it fits."""
    from sqlalchemy import select

    from shelter_app.data.models import ReopenRequest, Timesheet

    with demo_db.read() as session:  # the demo's request to reopen a timesheet
        sheet_ref = session.scalar(select(Timesheet.ref).join(
            ReopenRequest, ReopenRequest.timesheet_id == Timesheet.id).where(
            Timesheet.ref.startswith("GAZ")).limit(1))
    in_language(language)
    window = MainWindow(demo_db, supervisor)
    qtbot.addWidget(window)
    window.show()
    width = window.width()
    page = shown(window)
    assert isinstance(page, InboxPage)
    for kind in range(page.kinds.count()):
        page.kinds.setCurrentRow(kind)
        qtbot.waitUntil(lambda: not getattr(page.stack.currentWidget(), "loading", False))
        if page.stack.currentWidget() is page.requests:
            assert page.requests.select(sheet_ref)
            qtbot.waitUntil(lambda: not page.requests.loading)
            assert page.requests.grid.rowCount() and page.requests.days.isVisibleTo(page)
        assert window.minimumSizeHint().width() <= width, page.kinds.currentItem().text()
        assert window.width() == width


def _inbox_in_window(qtbot, demo_db, supervisor, width: int, height: int
                     ) -> tuple[MainWindow, InboxPage]:
    """The supervisor's window, that size, on the Inbox it starts on."""
    window = MainWindow(demo_db, supervisor)
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    page = shown(window)
    assert isinstance(page, InboxPage)
    return window, page


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_every_kind_fits_a_window_900_px_wide_its_week_in_sight(
        qtbot, demo_db, supervisor, in_language, language):
    """Beside the kinds, a timesheet's week (never narrower than its names, days and total)
    made the window 1008 (tr) / 1096 (ar) px wide at the least: where both do not fit, the
    kinds stand over what they list."""
    in_language(language)
    window, page = _inbox_in_window(qtbot, demo_db, supervisor, 900, 700)
    for kind in range(page.kinds.count()):
        page.kinds.setCurrentRow(kind)
        qtbot.waitUntil(lambda: not getattr(page.stack.currentWidget(), "loading", False))
        assert window.minimumSizeHint().width() <= 900, page.kinds.currentItem().text()
        assert window.width() == 900
    page.kinds.setCurrentRow(1)
    week = page.timesheets.view
    qtbot.waitUntil(lambda: page.timesheets.grid.rowCount() > 0 and week.isVisible())
    # placed as the week's grid, read in a worker, asks the page for its room
    qtbot.waitUntil(lambda: page.kinds.geometry().bottom() < page.stack.geometry().top())
    assert week.horizontalScrollBar().maximum() == 0  # the week's total in sight
    assert window.width() == 900
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: page.kinds.geometry().top() == page.stack.geometry().top())
    assert week.horizontalScrollBar().maximum() == 0


@pytest.mark.parametrize(("language", "onward"), [("tr", Qt.Key.Key_Right),
                                                  ("ar", Qt.Key.Key_Left)])
def test_the_kinds_over_what_they_list_are_a_strip_the_arrows_walk(
        qtbot, demo_db, supervisor, in_language, language, onward):
    """Over a week's grid (900 px), the kinds were a box of four lines, 220 px wide, the rest
    of the page's width empty: now a strip across it, on one line where they fit (Arabic) or
    two (Turkish), their counts kept; the arrow keys walk them as the reader reads, and Up
    and Down as in the column."""
    in_language(language)
    window, page = _inbox_in_window(qtbot, demo_db, supervisor, 900, 700)
    kinds = page.kinds
    kinds.setCurrentRow(1)
    qtbot.waitUntil(lambda: page.timesheets.grid.rowCount() > 0)
    qtbot.waitUntil(lambda: kinds.geometry().bottom() < page.stack.geometry().top())

    def lines() -> int:
        return len({kinds.visualItemRect(kinds.item(row)).top() for row in range(kinds.count())})

    qtbot.waitUntil(lambda: lines() == (1 if language == "ar" else 2))
    assert kinds.width() > 2 * KINDS_WIDTH

    def no_box() -> bool:  # as high as its lines, once placed
        bottom = max(kinds.visualItemRect(kinds.item(row)).bottom()
                     for row in range(kinds.count()))
        return kinds.height() <= bottom + kinds.spacing() + 2 * kinds.frameWidth() + 1

    qtbot.waitUntil(no_box)
    assert kinds.verticalScrollBar().maximum() == 0  # every kind in sight
    counted = re.compile("\\(\u2068?\\d+\u2069?\\)$")  # the count isolated in Arabic
    assert all(counted.search(kinds.item(row).text()) for row in range(kinds.count()))
    kinds.setFocus()
    for key, row in ((onward, 2), (Qt.Key.Key_Up, 1), (Qt.Key.Key_Down, 2)):
        qtbot.keyClick(kinds, key)
        assert kinds.currentRow() == page.stack.currentIndex() == row, key


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_lists_titles_are_whole_and_a_reference_stands_on_one_line(
        qtbot, demo_db, engineer, supervisor, in_language, code):
    """Qt's default width cut the BoQs' "KDV dahil toplam" and wrapped a request's
    "GAZ-D-000001-" above "B1"."""
    _submitted_boq(demo_db, engineer)
    _reopen_request(demo_db, engineer)
    in_language(code)
    page = _shown_inbox(qtbot, demo_db, supervisor)
    boqs, requests = page.boqs, page.requests
    qtbot.waitUntil(lambda: not boqs.loading and not requests.loading)
    for table in (boqs.table, requests.table):
        header = table.horizontalHeader()
        cut = [header.model().headerData(column, Qt.Orientation.Horizontal)
               for column in range(header.count())
               if not table.isColumnHidden(column)
               and header.sectionSize(column) < header.sectionSizeFromContents(column).width()]
        assert cut == [], cut
        assert table.model().rowCount()
        refs = [table.model().index(row, 0) for row in range(table.model().rowCount())]
        assert max(table.sizeHintForIndex(ref).width() for ref in refs) <= header.sectionSize(0)


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_a_reopen_request_stands_on_one_line(qtbot, demo_db, engineer, supervisor, in_language,
                                             code):
    """The household's and the engineer's names ("Mühendis" above "Gaziantep") wrapped in the
    default widths; the reason, last, elides (its tooltip carries it whole)."""
    _reopen_request(demo_db, engineer)
    in_language(code)
    page = _shown_inbox(qtbot, demo_db, supervisor)
    requests = page.requests
    qtbot.waitUntil(lambda: not requests.loading and requests.model.rowCount() > 1)
    table = requests.table
    for row in range(requests.model.rowCount()):
        for column in range(4):
            index = requests.model.index(row, column)
            assert table.sizeHintForIndex(index).width() <= table.columnWidth(column), \
                index.data()
        reason = requests.model.index(row, 4)
        assert reason.data(Qt.ItemDataRole.ToolTipRole) == reason.data()
    assert not table.wordWrap()


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_total_to_approve_is_in_view_on_a_1366_px_screen(qtbot, demo_db, engineer,
                                                              supervisor, in_language, code):
    """The BoQ's total incl. VAT, what the supervisor approves, sat behind the list's
    horizontal scroll bar beside the evidence: it stands next to the reference now."""
    _submitted_boq(demo_db, engineer)
    in_language(code)
    _, inbox = _inbox_in_window(qtbot, demo_db, supervisor, 1366, 768)
    boqs = inbox.boqs
    qtbot.waitUntil(lambda: not boqs.loading and boqs.table.model().rowCount() > 0)
    table = boqs.table
    header = table.horizontalHeader()
    left = header.sectionViewportPosition(boqs.model.TOTAL)
    assert 0 <= left and left + header.sectionSize(boqs.model.TOTAL) <= table.viewport().width()
    assert table.isColumnHidden(boqs.model.STATUS)


def test_a_boq_decided_in_the_inbox_shows_its_status_on_the_boq_page(qtbot, demo_db, engineer,
                                                                   supervisor):
    """The Inbox read only its own list again after a decision: the BoQ page, built before,
    still said "Submitted" of the BoQ just approved."""
    from shelter_app.ui.boq.page import BoQPage
    from ui.shown import show_title

    view = _submitted_boq(demo_db, engineer)
    window = MainWindow(demo_db, supervisor)
    qtbot.addWidget(window)
    window.show()
    boq_page = show_title(window, "Bills of quantity")
    assert isinstance(boq_page, BoQPage)
    qtbot.waitUntil(lambda: not boq_page.loading)

    def status() -> ApprovalStatus:
        model = boq_page.model
        return next(model.row_at(n).status for n in range(model.rowCount())
                    if model.row_at(n).id == view.id)

    assert status() is ApprovalStatus.SUBMITTED
    inbox = show_title(window, "Inbox")
    boqs = inbox.boqs
    qtbot.waitUntil(lambda: not boqs.loading and boqs.selected() is not None)
    boqs.select_row(next(n for n in range(boqs.model.rowCount())
                         if boqs.model.row_at(n).id == view.id))
    qtbot.waitUntil(lambda: not boqs.loading)
    boqs.ask_reason = lambda title, prompt: "Within the donor's exception"  # type: ignore
    boqs.approve()
    qtbot.waitUntil(lambda: "approved" in boqs.message.text())
    qtbot.waitUntil(lambda: status() is ApprovalStatus.APPROVED)
