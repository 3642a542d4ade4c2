"""The daily log never blocks the window on the database: the week is read in a worker and
arrives by signal (a newer read supersedes an older one); a key shows its day at once, saves it
in a worker and reads again only that worker's week, which is put in place."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QThreadPool
from sqlalchemy import select
from ui.held import Held, answered, ticks

import labour_factories as lf
from shelter_app.data.engine import Database
from shelter_app.data.models import LabourEntry
from shelter_app.services.labour import days as labour
from shelter_app.ui.labour import log_tab
from shelter_app.ui.labour.log_tab import DailyLogTab

MONDAY = lf.MONDAY


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


@pytest.fixture
def held(monkeypatch):
    """Hold one of the services the daily log calls: hold(name) -> Held."""
    holds: list[Held] = []

    def hold(name: str, module=log_tab) -> Held:
        found = Held(getattr(module, name))
        monkeypatch.setattr(module, name, found)
        holds.append(found)
        return found

    yield hold
    for found in holds:
        found.release.set()
    QThreadPool.globalInstance().waitForDone()


def logged(db: Database) -> list[Decimal]:
    with db.read() as session:
        return list(session.scalars(select(LabourEntry.portion)
                                    .where(LabourEntry.deleted_at.is_(None))))


def opened(qtbot, p: lf.Programme) -> DailyLogTab:
    log = DailyLogTab(p.db, p.engineer)
    qtbot.addWidget(log)
    log.show()
    log.site, log.monday = p.site.ref, MONDAY
    log.reload()
    qtbot.waitUntil(lambda: not log.loading)
    return log


def test_the_week_is_read_off_the_gui_thread_and_arrives_by_signal(qtbot, p, held):
    lf.worker(p)
    read = held("week_grid")
    log = DailyLogTab(p.db, p.engineer)
    qtbot.addWidget(log)
    log.show()
    log.site, log.monday = p.site.ref, MONDAY
    log.reload()
    assert log.loading and log.model.grid is None
    assert ticks(qtbot, log) >= 10  # the window answers meanwhile
    with qtbot.waitSignal(log.loaded, timeout=5000):
        read.release.set()
    assert log.model.rowCount() == 1 and read.on_gui_thread == [False]


def test_a_newer_week_supersedes_an_older_one(qtbot, p, held):
    lf.worker(p)
    read = held("week_grid")
    read.hold = lambda db, actor, site, day: day == MONDAY  # the first read waits
    log = DailyLogTab(p.db, p.engineer)
    qtbot.addWidget(log)
    log.site, log.monday = p.site.ref, MONDAY
    log.reload()
    with qtbot.waitSignal(log.loaded, timeout=5000):
        log.show_week(MONDAY + timedelta(days=7))  # asked later, answered first
    read.release.set()
    answered(qtbot)  # the older week's answer is delivered now, and dropped
    assert log.model.grid.days[0] == MONDAY + timedelta(days=7)


def test_a_key_shows_at_once_and_reads_again_only_that_workers_week(qtbot, p, held):
    lf.worker(p)
    log = opened(qtbot, p)
    weeks = held("week_grid")
    saving = held("set_day", labour)
    rows = held("worker_week")
    rows.hold = lambda *args: False
    log.view.setFocus()
    log.view.setCurrentIndex(log.model.index(0, 0))
    qtbot.keyClick(log.view, "f")
    assert log.model.data(log.model.index(0, 0)) == "Full"  # shown before it is saved
    assert log.view.currentIndex().column() == 1  # and the cursor moved on
    assert log.saves.pending == 1 and ticks(qtbot, log) >= 10 and logged(p.db) == []
    saving.release.set()
    qtbot.waitUntil(lambda: not log.saves.pending)
    assert logged(p.db) == [Decimal("1.0")]
    assert weeks.on_gui_thread == []  # the week was not read again
    assert saving.on_gui_thread == rows.on_gui_thread == [False]
    assert "Engineer" in log.model.cell(log.model.index(0, 0)).recorded_by  # as saved
    assert log.model.data(log.model.index(0, 7)) == "1.0"


def test_a_refused_day_goes_back_and_says_why(qtbot, p):
    lf.worker(p, birth_date=date(2008, 11, 12))  # 17 until Thursday 12 November
    log = opened(qtbot, p)
    log.view.setFocus()
    log.view.setCurrentIndex(log.model.index(0, 0))
    qtbot.keyClick(log.view, "f")
    qtbot.waitUntil(lambda: "is 17" in log.message.text())
    qtbot.waitUntil(lambda: not log.loading)  # the week read again as saved
    assert log.model.data(log.model.index(0, 0)) == "" and logged(p.db) == []
    assert log.view.currentIndex().column() == 0  # back on the refused day


def test_the_sites_are_listed_off_the_gui_thread(qtbot, p, held):
    listed = held("labour_sites")
    log = DailyLogTab(p.db, p.engineer)
    qtbot.addWidget(log)
    assert log.sites.count() == 0
    listed.release.set()
    qtbot.waitUntil(lambda: log.sites.count() > 0)
    assert listed.on_gui_thread == [False]


def test_the_page_builds_timesheets_and_payments_when_first_shown(qtbot, p, monkeypatch):
    from shelter_app.ui.labour import page as labour_page
    from shelter_app.ui.labour.page import CashForWorkPage

    built: list[str] = []
    for name in ("TimesheetsTab", "PaymentsTab"):
        real = getattr(labour_page, name)
        monkeypatch.setattr(labour_page, name,
                            lambda *args, real=real, name=name: built.append(name) or real(*args))
    page = CashForWorkPage(p.db, p.supervisor)
    qtbot.addWidget(page)
    page.show()
    assert built == [] and page.tabs.currentWidget() is page.log
    page.tabs.setCurrentIndex(1)
    assert built == ["TimesheetsTab"] and page.tabs.currentWidget() is page.timesheets
    assert page.tabs.tabText(1) == "Timesheets" and page.tabs.count() == 3
    assert page.payments.period.text()  # named: built now, the current tab unchanged
    assert built == ["TimesheetsTab", "PaymentsTab"] and page.tabs.currentIndex() == 1
    page.tabs.setCurrentIndex(2)
    assert page.tabs.currentWidget() is page.payments and len(built) == 2


def test_the_same_week_read_again_leaves_the_grid_as_it_is(qtbot, p):
    """The Daily log tab shown again reads the week (another tab may have changed it): when
    nothing changed, the model is not reset (the grid painted whole again) and the cursor
    stays where the user left it."""
    from shelter_app.ui.labour.page import CashForWorkPage

    lf.worker(p)
    lf.worker(p)
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    page.show()
    log = page.log
    log.site, log.monday = p.site.ref, MONDAY
    log.reload()
    qtbot.waitUntil(lambda: not log.loading)
    log.view.setCurrentIndex(log.model.index(1, 4))
    resets: list[int] = []
    log.model.modelReset.connect(lambda: resets.append(1))
    page.tabs.setCurrentIndex(1)
    page.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not log.loading)
    assert resets == []
    assert (log.view.currentIndex().row(), log.view.currentIndex().column()) == (1, 4)


def test_typing_in_the_timesheet_filter_searches_in_a_worker_the_last_keystroke_winning(
        qtbot, demo_db, supervisor, monkeypatch):
    """As the dwellings' search: each keystroke's query runs in a worker, the next keystroke
    cancels it, and only the last text's rows are shown (on the GUI thread before, 150 ms
    after the last keystroke)."""
    import threading

    from PySide6.QtCore import QCoreApplication

    from shelter_app.services.labour import timesheets as timesheet_service
    from shelter_app.ui.labour.timesheets_tab import TimesheetsTab

    tab = TimesheetsTab(demo_db, supervisor)
    qtbot.addWidget(tab)
    tab.show()
    tab.status.setCurrentIndex(0)  # every status
    qtbot.waitUntil(lambda: not tab.waiting)
    asked: list[str] = []

    def slow(*args, **options) -> bool:  # the first text's query, in a worker, is slow
        asked.append(options["text"])
        return threading.current_thread() is not threading.main_thread() and \
            options["text"] == "GAZ-D-000004"

    read = Held(timesheet_service.list_timesheets, slow)
    monkeypatch.setattr(timesheet_service, "list_timesheets", read)
    shown: list[str] = []
    tab.model.loaded.connect(lambda: shown.append(tab.model.text))
    tab.filter.setText("GAZ-D-000004")
    qtbot.waitUntil(lambda: asked == ["GAZ-D-000004"])
    assert tab.waiting and not tab.buttons["print"].isEnabled()
    assert ticks(qtbot, tab) >= 10  # the window runs meanwhile
    with qtbot.waitSignal(tab.model.loaded):
        qtbot.keyClicks(tab.filter, "-T1")
    assert read.cancels[0].cancelled and shown == ["GAZ-D-000004-T1"]
    refs = {tab.model.row_at(n).ref for n in range(tab.model.rowCount())}
    assert refs and all(ref.startswith("GAZ-D-000004-T1") for ref in refs)
    read.release.set()  # the first query ends now: its rows must not replace the last ones
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.sendPostedEvents()
    assert {tab.model.row_at(n).ref for n in range(tab.model.rowCount())} == refs
    assert shown == ["GAZ-D-000004-T1"] and not any(read.on_gui_thread)


def test_a_timesheet_search_that_finds_nothing_says_so_over_the_empty_list(qtbot, demo_db,
                                                                          supervisor):
    """As the dwellings' search: the empty table alone said nothing."""
    from PySide6.QtWidgets import QLabel

    from shelter_app.ui.labour.timesheets_tab import TimesheetsTab

    tab = TimesheetsTab(demo_db, supervisor)
    qtbot.addWidget(tab)
    tab.show()
    tab.status.setCurrentIndex(0)  # every status
    qtbot.waitUntil(lambda: not tab.waiting)
    note = tab.table.findChild(QLabel, "emptyList")
    assert tab.model.rowCount() and not note.isVisible()
    with qtbot.waitSignal(tab.model.loaded):
        tab.filter.setText("Şxyz")
    assert tab.model.rowCount() == 0
    assert note.isVisible() and note.text() == "No timesheet matches 'Şxyz'."


def test_a_search_under_a_status_that_finds_nothing_names_the_status(qtbot, demo_db, supervisor):
    """A supervisor's list opens on "Submitted": "No timesheet matches" there hid that
    timesheets of another status match."""
    from PySide6.QtWidgets import QLabel

    from shelter_app.domain.stages import ApprovalStatus
    from shelter_app.services.boq.boq import status_label
    from shelter_app.ui.labour.timesheets_tab import TimesheetsTab

    tab = TimesheetsTab(demo_db, supervisor)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: not tab.waiting)
    assert tab.model.status is ApprovalStatus.SUBMITTED
    note = tab.table.findChild(QLabel, "emptyList")
    with qtbot.waitSignal(tab.model.loaded):
        tab.filter.setText("Şxyz")
    assert tab.model.rowCount() == 0 and note.isVisible()
    assert note.text() == (f"No timesheet with the status '{status_label(ApprovalStatus.SUBMITTED)}'"
                           " matches 'Şxyz'.")
