"""The Assessments page never blocks the window while it reads: its first page and each search
are read in a worker and arrive by signal, a newer search cancels the older query, and the
list is read once when the page opens (not once more for the header's sort indicator)."""

import pytest
from PySide6.QtCore import QThreadPool
from ui.held import Held, answered, ticks

from shelter_app.data.cancel import Cancel
from shelter_app.services.assessments import listing
from shelter_app.ui.assessments import page as page_module
from shelter_app.ui.assessments.page import AssessmentsPage


@pytest.fixture
def held_search(monkeypatch):
    held = Held(listing.search_assessments, hold=lambda db, text="", **_: text == "held")
    monkeypatch.setattr(page_module, "search_assessments", held)
    yield held
    held.release.set()
    QThreadPool.globalInstance().waitForDone()


def test_rows_arrive_by_signal_read_once_off_the_gui_thread(qtbot, demo_db, engineer,
                                                           held_search):
    page = AssessmentsPage(demo_db, engineer)
    qtbot.addWidget(page)
    assert held_search.on_gui_thread == []  # nothing read before the page shows
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.show()
        assert page.loading
    assert page.model.rowCount() > 50 and not page.loading
    assert held_search.on_gui_thread == [False]  # one read, in a worker


def test_a_newer_search_cancels_the_older_and_the_loop_runs_meanwhile(qtbot, demo_db, engineer,
                                                                      held_search):
    page = AssessmentsPage(demo_db, engineer)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.show()
    shown = page.model.rowCount()
    page.filter_edit.setText("held")
    page.apply_filter()  # held in its worker
    assert page.loading and ticks(qtbot, page) >= 10
    assert page.model.rowCount() == shown  # the older rows stay until the newer arrive
    older = held_search.cancels[-1]
    page.filter_edit.setText("gaz")
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.apply_filter()
    assert isinstance(older, Cancel) and older.cancelled
    assert page.model.text == "gaz" and 0 < page.model.rowCount()
    assert all(row.dwelling_ref.startswith("GAZ-")
               for row in map(page.model.row_at, range(page.model.rowCount())))
    held_search.release.set()
    answered(qtbot)  # the held search's answer is dropped: the newer rows stay
    assert page.model.text == "gaz" and not page.loading
    assert not any(held_search.on_gui_thread)
