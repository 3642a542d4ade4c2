"""The Cash-for-work screen driven as its users would: an engineer logs a week with the
keyboard and submits it, a supervisor approves it, builds the batch, exports and prints it."""

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from threading import current_thread, main_thread

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from sqlalchemy import select

import labour_factories as lf
from shelter_app.data.engine import Database
from shelter_app.data.models import Household, LabourEntry, Worker
from shelter_app.domain.stages import BatchStatus, ProtectionStatus
from shelter_app.services.labour import timesheets
from shelter_app.services.labour.grid import week_grid
from shelter_app.ui.labour.grid import WeekGridModel
from shelter_app.ui.labour.page import CashForWorkPage
from shelter_app.ui.labour.worker_dialog import WorkerDialog
from ui.held import Held

MONDAY = date(2026, 11, 9)  # a past week


def on_gui_thread() -> bool:
    return current_thread() is main_thread()


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


def settled(qtbot, log) -> None:  # type: ignore[no-untyped-def]
    """The days typed are saved and the week read (both in workers) and shown: one commit
    after the other, each 0.1-0.2 s on a machine busy with writes, so more than the default
    5 s for a week typed in full when several test processes share two cores."""
    qtbot.waitUntil(lambda: not log.loading and not log.saves.pending, timeout=20_000)


def open_week(qtbot, page: CashForWorkPage, site_ref: str) -> None:  # type: ignore[no-untyped-def]
    log = page.log
    log.sites.lineEdit().clear()
    qtbot.keyClicks(log.sites.lineEdit(), site_ref)
    qtbot.keyClick(log.sites.lineEdit(), Qt.Key.Key_Return)
    settled(qtbot, log)
    assert log.model.grid is not None and log.model.grid.site_ref == site_ref
    for _ in range(60):  # back to MONDAY with the button, as a user would
        if log.monday <= MONDAY:
            break
        qtbot.mouseClick(log.previous, Qt.MouseButton.LeftButton)
    settled(qtbot, log)
    assert log.monday == MONDAY


def portions(db: Database) -> dict[date, Decimal]:
    with db.read() as session:
        return dict(session.execute(select(LabourEntry.work_date, LabourEntry.portion).where(
            LabourEntry.deleted_at.is_(None))).all())


def test_a_week_from_the_keyboard_to_the_payment_list(qtbot, p: lf.Programme, in_language,
                                                      tmp_path: Path, monkeypatch) -> None:
    in_language("en")  # English's plural forms, as the app runs
    worker = lf.worker(p, full_name="Ahmet Demir")
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    page.show()
    open_week(qtbot, page, p.site.ref)
    log = page.log
    assert log.model.rowCount() == 1 and log.view.currentIndex().column() == 0
    qtbot.keyClicks(log.task, "Siva tamiri")
    log.view.setFocus()
    qtbot.keyClicks(log.view, "ffff")
    qtbot.keyClick(log.view, Qt.Key.Key_H)
    qtbot.keyClick(log.view, Qt.Key.Key_Space)  # Saturday: absent -> full
    qtbot.keyClick(log.view, Qt.Key.Key_Left)
    qtbot.keyClick(log.view, Qt.Key.Key_Space)  # Saturday again: full -> half
    qtbot.keyClick(log.view, Qt.Key.Key_Left)
    qtbot.keyClick(log.view, Qt.Key.Key_A)  # ... and absent
    settled(qtbot, log)
    assert log.message.text() == ""
    days = portions(p.db)
    assert days == {MONDAY + timedelta(n): Decimal("1.0") for n in range(4)} | {
        MONDAY + timedelta(4): Decimal("0.5")}
    assert log.model.data(log.model.index(0, 7)) == "4.5"
    assert log.model.data(log.model.index(0, 0)) == "Full"
    log.view.setCurrentIndex(log.model.index(0, 1))
    assert log.task.text() == "Siva tamiri" and "Engineer" in log.recorded.text()

    qtbot.mouseClick(log.submit_button, Qt.MouseButton.LeftButton)
    settled(qtbot, log)
    assert "Submitted for approval" in log.message.text()
    assert "Submitted" in log.timesheet_label.text()
    log.view.setFocus()
    log.view.setCurrentIndex(log.model.index(0, 6))
    qtbot.keyClick(log.view, Qt.Key.Key_F)
    assert "submitted for approval" in log.message.text()
    assert portions(p.db) == days

    boss = CashForWorkPage(p.db, p.supervisor)
    qtbot.addWidget(boss)
    boss.show()
    boss.tabs.setCurrentWidget(boss.timesheets)
    sheets = boss.timesheets
    qtbot.waitUntil(lambda: not sheets.waiting)  # read again in a worker as the tab shows
    assert sheets.model.rowCount() == 1
    sheets.table.selectRow(0)
    assert sheets.buttons["approve"].isEnabled() and not sheets.buttons["reopen"].isEnabled()
    read = Held(timesheets.list_timesheets, lambda *args, **options: not on_gui_thread())
    monkeypatch.setattr(timesheets, "list_timesheets", read)
    qtbot.mouseClick(sheets.buttons["approve"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "approved" in sheets.message.text())  # written in a worker
    said = sheets.message.text()
    assert sheets.model.loading  # the list is read again in a worker
    assert not sheets.buttons["approve"].isEnabled() and not sheets.buttons["return"].isEnabled()
    qtbot.mouseClick(sheets.buttons["approve"], Qt.MouseButton.LeftButton)  # a double click
    assert sheets.message.text() == said  # no refusal ("... is approved, not submitted")
    read.release.set()
    qtbot.waitUntil(lambda: not sheets.model.loading)
    assert read.on_gui_thread == [False]
    assert sheets.model.rowCount() == 0 and sheets.selected() is None  # none waits now

    boss.tabs.setCurrentWidget(boss.payments)
    pay = boss.payments
    pay.period.setText("2026-11")
    pay.show_pending()
    assert pay.pending.text().startswith("1 approved timesheet (days worked: 4.5) waits")
    assert pay.month.text() == "November 2026"
    asked: list[str] = []  # 25 November: the month is not over, the supervisor says why
    pay.ask_reason = lambda title, prompt: asked.append(prompt) or None  # type: ignore
    qtbot.mouseClick(pay.build_button, Qt.MouseButton.LeftButton)
    assert "not over yet" in asked[0] and pay.model.rowCount() == 0
    pay.ask_reason = lambda title, prompt: "The site closes for winter"  # type: ignore
    qtbot.mouseClick(pay.build_button, Qt.MouseButton.LeftButton)
    assert pay.model.index(0, 1).data() == "November 2026"
    assert "GAZ-P-202611-1" in pay.message.text() and "4,954.50" in pay.message.text()
    assert pay.selected() is not None and pay.selected().status is BatchStatus.DRAFT
    target = tmp_path / "ödeme.xlsx"
    pay.ask_save_path = lambda name, fmt: str(target)  # type: ignore[method-assign]
    qtbot.mouseClick(pay.buttons["xlsx"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Saved" in pay.message.text(), timeout=10_000)
    sheet = load_workbook(target)["Banka (IBAN)"]
    assert sheet["C2"].value == "Ahmet Demir"
    column, last = sheet.max_column, sheet.max_row - 1  # the lines, then their SUM
    assert Decimal(str(sheet.cell(row=last, column=column).value)) == Decimal("4954.50")
    assert str(sheet.cell(row=sheet.max_row, column=column).value).startswith("=SUM(")
    assert pay.selected().status is BatchStatus.EXPORTED
    qtbot.mouseClick(pay.buttons["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(pay, "preview", None) is not None, timeout=10_000)
    assert pay.preview.document.pageCount() == 1
    pay.preview.close()
    qtbot.mouseClick(pay.buttons["paid"], Qt.MouseButton.LeftButton)
    assert pay.selected().status is BatchStatus.PAID
    assert worker is not None


def test_a_warning_asks_for_a_reason_and_keeps_it(qtbot, p: lf.Programme) -> None:
    with p.db.write() as session:
        session.scalar(select(Household).where(Household.ref == p.household_ref)
                       ).protection_status = ProtectionStatus.TEMPORARY
    lf.worker(p)  # no work permit
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    open_week(qtbot, page, p.site.ref)
    asked: list[str] = []
    page.log.ask_reason = lambda text: asked.append(text) or None  # type: ignore[method-assign]
    page.log.view.setFocus()
    qtbot.keyClick(page.log.view, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: bool(asked))
    settled(qtbot, page.log)
    assert "no work permit" in asked[0] and "a reason is needed" in page.log.message.text()
    assert portions(p.db) == {}
    page.log.ask_reason = lambda text: "Permit renewal filed"  # type: ignore[method-assign]
    page.log.view.setCurrentIndex(page.log.model.index(0, 0))
    qtbot.keyClick(page.log.view, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: portions(p.db) != {})
    settled(qtbot, page.log)
    assert portions(p.db) == {MONDAY: Decimal("1.0")}
    page.log.view.setCurrentIndex(page.log.model.index(0, 0))
    assert page.log.reason.text() == "Permit renewal filed"


def test_refusals_show_under_the_grid(qtbot, p: lf.Programme) -> None:
    lf.worker(p, birth_date=date(2008, 11, 12))  # 17 until Thursday 12 November
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    open_week(qtbot, page, p.site.ref)
    page.log.view.setFocus()
    qtbot.keyClick(page.log.view, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: "is 17" in page.log.message.text())
    settled(qtbot, page.log)
    assert portions(p.db) == {}
    assert page.log.view.currentIndex().column() == 0  # stays on the refused day
    page.log.view.setCurrentIndex(page.log.model.index(0, 3))
    qtbot.keyClick(page.log.view, Qt.Key.Key_F)
    settled(qtbot, page.log)
    assert portions(p.db) == {MONDAY + timedelta(3): Decimal("1.0")}


def test_register_a_worker_from_the_log(qtbot, p: lf.Programme) -> None:
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    open_week(qtbot, page, p.site.ref)
    assert page.log.model.rowCount() == 0
    assert "No worker is registered" in page.log.message.text()
    qtbot.mouseClick(page.log.register_button, Qt.MouseButton.LeftButton)
    dialog: WorkerDialog = page.log.dialog
    assert dialog.household.text() == p.household_ref
    data = lf.worker_input(p.household_ref)
    dialog.full_name.setText("Şükrü İğdeli")
    qtbot.keyClicks(dialog.id_number, data.id_number)
    qtbot.keyClicks(dialog.iban, "TR00 bad")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.messages["iban"].isVisible() and dialog.isVisible()
    dialog.iban.setText(data.iban)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.ref == "GAZ-W-000001"
    settled(qtbot, page.log)
    assert page.log.model.rowCount() == 1
    assert not page.log.message.text()  # the note about no worker went with it
    with p.db.read() as session:
        assert session.scalar(select(Worker.full_name)) == "Şükrü İğdeli"


def test_the_worker_form_shows_every_problem_after_one_save(qtbot, p: lf.Programme) -> None:
    dialog = WorkerDialog(p.db, p.engineer, p.household_ref)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.id_number, "123")
    qtbot.keyClicks(dialog.iban, "TR00 bad")
    qtbot.keyClick(dialog.skills, Qt.Key.Key_Return)
    shown = {name for name, label in dialog.messages.items() if label.text()}
    assert shown == {"full_name", "id_number", "iban"} and dialog.isVisible()
    assert dialog.focusWidget() is dialog.full_name


def test_grid_model_passes_qt_model_tester(qtmodeltester, p: lf.Programme) -> None:
    lf.worker(p)
    lf.worker(p)
    model = WeekGridModel()
    qtmodeltester.check(model)
    model.set_grid(week_grid(p.db, p.engineer, p.site.ref, MONDAY), date(2026, 11, 11))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 8


@pytest.mark.parametrize(("code", "day", "month"), [
    ("tr", "09.11", "Kasım 2026"),
    ("en", "09/11", "November 2026"),
    ("ar", "09.11", "تشرين الثاني 2026"),
])
def test_days_and_months_follow_the_language(qtbot, in_language, p: lf.Programme, code: str,
                                             day: str, month: str) -> None:
    in_language(code)
    model = WeekGridModel()
    model.set_grid(week_grid(p.db, p.engineer, p.site.ref, MONDAY), date(2026, 11, 11))
    assert model.headerData(0, Qt.Orientation.Horizontal).split("\n")[1] == day
    page = CashForWorkPage(p.db, p.supervisor)
    qtbot.addWidget(page)
    page.payments.period.setText("2026-11")
    page.payments.show_pending()
    assert page.payments.month.text() == month
    page.payments.period.setText("2026-13")
    page.payments.show_pending()
    assert page.payments.month.text() == "" and "2026-13" in page.payments.pending.text()


def test_no_day_name_is_cut_even_in_a_narrow_arabic_grid(qtbot, in_language,
                                                         p: lf.Programme) -> None:
    from shelter_app.ui.labour.grid import WeekGridView

    in_language("ar")
    model = WeekGridModel()
    model.set_grid(week_grid(p.db, p.engineer, p.site.ref, MONDAY), date(2026, 11, 11))
    view = WeekGridView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(480, 300)  # as beside the day panel on a small laptop
    view.show()
    qtbot.waitExposed(view)
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    for section in range(model.columnCount()):
        for line in model.headerData(section, Qt.Orientation.Horizontal).splitlines():
            assert metrics.horizontalAdvance(line) < header.sectionSize(section), line


@pytest.mark.parametrize("code", ["en", "tr"])
def test_the_weeks_total_shows_beside_the_day_panel(qtbot, in_language, p: lf.Programme,
                                                    code: str) -> None:
    """In the main window's Cash-for-work page (880 px beside the page list) the day panel
    gives way: the "Days" total was scrolled out of sight behind it."""
    in_language(code)
    lf.worker(p, full_name="Ahmet Demir")
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    page.resize(880, 600)
    page.show()
    open_week(qtbot, page, p.site.ref)
    settled(qtbot, page.log)
    view = page.log.view
    assert view.horizontalScrollBar().maximum() == 0
    header = view.horizontalHeader()
    last = header.count() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) \
        <= view.viewport().width()


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_daily_log_fits_a_window_900_px_wide(qtbot, in_language, p: lf.Programme,
                                                 code: str) -> None:
    """Opened, the daily log made the window 994 (tr) / 954 (ar) px wide at the least, and a
    site's week beside the day panel 1032 / 1120: the panel goes under the grid where both do
    not fit beside each other, and the keys' hint wraps."""
    from shelter_app.ui.main_window import MainWindow
    from ui.shown import shown

    in_language(code)
    window = MainWindow(p.db, p.engineer)
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    window.show_page("cash_for_work")
    page = shown(window)
    open_week(qtbot, page, p.site.ref)
    log, view = page.log, page.log.view
    assert window.width() == 900 and window.minimumSizeHint().width() <= 900
    # placed as the week's grid, read in a worker, asks the page for its room
    qtbot.waitUntil(lambda: log.side.geometry().top() >= view.geometry().bottom())  # under
    assert view.horizontalScrollBar().maximum() == 0  # the week's total in sight
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: log.side.geometry().top() < view.geometry().bottom())  # beside
    assert log.side.width() >= 240 and view.horizontalScrollBar().maximum() == 0
