"""The Agreements page never blocks the window while it reads: the Today lists and the list of
agreements are read in a worker and arrive by signal; rows arriving after the page was closed
are dropped; a newer filter cancels the older query."""

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from ui.held import Held, answered, ticks

from shelter_app.services.agreements import lookup, monitoring
from shelter_app.ui.agreements import models as models_module
from shelter_app.ui.agreements import page as page_module
from shelter_app.ui.agreements.page import AgreementsPage


@pytest.fixture
def held_today(monkeypatch):
    held = Held(monitoring.today_list)
    monkeypatch.setattr(page_module, "today_list", held)
    yield held
    held.release.set()
    QThreadPool.globalInstance().waitForDone()


def test_the_today_lists_are_read_off_the_gui_thread(qtbot, demo_db, engineer, held_today):
    page = AgreementsPage(demo_db, engineer)  # returns with the read still held
    qtbot.addWidget(page)
    page.show()
    assert page.loading and page.ending.rowCount() == page.overdue.rowCount() == 0
    assert page.overdue_label.text().endswith(": …")
    assert ticks(qtbot, page) >= 10
    with qtbot.waitSignal(page.today_loaded, timeout=5000):
        held_today.release.set()
    found = monitoring.today_list(demo_db, engineer)
    assert page.overdue.rowCount() == len(found.overdue) > 0
    assert page.overdue_label.text().endswith(f": {len(found.overdue)}")
    assert held_today.on_gui_thread == [False]


def test_today_rows_arriving_after_the_page_closed_are_dropped(qtbot, demo_db, engineer,
                                                             held_today, monkeypatch):
    shown = []
    monkeypatch.setattr(models_module.RowsModel, "set_rows",
                        lambda self, rows: shown.append(rows))
    page = AgreementsPage(demo_db, engineer)
    page.close()
    page.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    held_today.release.set()
    answered(qtbot)  # the result's signal is delivered now, to no page
    assert shown == []


def test_a_newer_refresh_replaces_the_rows_of_an_older_one(qtbot, demo_db, engineer,
                                                         held_today):
    page = AgreementsPage(demo_db, engineer)
    qtbot.addWidget(page)
    arrived = []
    page.today_loaded.connect(lambda: arrived.append(page.overdue.rowCount()))
    first = page._today
    held_today.hold = lambda *args, **options: False  # the second read answers at once
    with qtbot.waitSignal(page.today_loaded, timeout=5000):
        page.refresh_today()
    assert page._today is None and first is not None
    held_today.release.set()  # the first read ends now: its rows are not shown again
    answered(qtbot)
    assert len(arrived) == 1 and not page.loading


def test_a_held_agreements_query_leaves_the_window_running_and_a_new_filter_cancels_it(
        qtbot, demo_db, engineer, monkeypatch):
    held = Held(lookup.list_agreements, hold=lambda db, actor, text, *rest, **options:
                text == "gaz")
    monkeypatch.setattr(models_module, "list_agreements", held)
    page = AgreementsPage(demo_db, engineer)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    everything = page.model.rowCount()
    try:
        page.filter_edit.setText("gaz")
        qtbot.waitUntil(lambda: len(held.cancels) == 2, timeout=2000)  # the filter's query
        assert page.model.loading and ticks(qtbot, page) >= 10
        assert page.model.rowCount() == everything  # the old rows stay meanwhile
        with qtbot.waitSignal(page.model.loaded, timeout=5000):
            page.filter_edit.setText("")
        assert held.cancels[1].cancelled and not held.cancels[2].cancelled
    finally:
        held.release.set()
    answered(qtbot)
    assert page.model.rowCount() == everything and not page.model.loading
    assert held.on_gui_thread == [False, False, False]
