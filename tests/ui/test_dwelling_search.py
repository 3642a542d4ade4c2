"""Searching the dwellings never blocks the window: each keystroke's query runs in a worker,
a newer keystroke cancels the older query, and only the latest results are shown."""

import threading

import pytest
from PySide6.QtCore import QTimer
from ui.held import answered

from shelter_app.services.cases import dwellings as service
from shelter_app.ui.dwellings.page import DwellingsPage


@pytest.fixture
def page(qtbot, demo_db, engineer):
    widget = DwellingsPage(demo_db, engineer)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    # the first page is read in a worker: a test that replaces the search must not see it
    # (on a busy thread pool it may start only after the replacement)
    qtbot.waitUntil(lambda: not widget.loading, timeout=5000)
    return widget


class HeldSearch:
    """The service's search, held in the worker for the texts in `slow` until released (a
    slow query on a big programme); it records what it was asked and how it ended."""

    def __init__(self, monkeypatch, slow: set[str]) -> None:
        self.slow = slow
        self.release = threading.Event()
        self.started: list[str] = []
        self.cancels: dict[str, object] = {}
        self.on_gui_thread: list[bool] = []
        self.search = service.search_dwellings
        monkeypatch.setattr(service, "search_dwellings", self)  # the model imports it per read

    def __call__(self, db, text, **options):
        self.started.append(text)
        self.on_gui_thread.append(threading.current_thread() is threading.main_thread())
        self.cancels[text] = options.get("cancel")
        if text in self.slow:
            assert self.release.wait(10), "the test never released the slow query"
        return self.search(db, text, **options)


def test_a_slow_query_does_not_block_the_window(qtbot, page, monkeypatch):
    search = HeldSearch(monkeypatch, slow={"ibrahim"})
    before = [page.model.row_at(row).ref for row in range(page.model.rowCount())]
    page.filter_edit.setText("ibrahim")  # as typed: the query starts in a worker
    qtbot.waitUntil(lambda: "ibrahim" in search.started, timeout=2000)
    assert page.model.loading
    ticks = []
    timer = QTimer(page, interval=5)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=2000)  # the event loop runs meanwhile
    timer.stop()
    assert [page.model.row_at(row).ref for row in range(page.model.rowCount())] == before
    assert not page.model.canFetchMore()  # no page of the old rows is added while waiting
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        search.release.set()
    rows = [page.model.row_at(row) for row in range(page.model.rowCount())]
    assert rows and all("İbrahim" in f"{row.household} {row.landlord}" for row in rows)
    assert search.on_gui_thread == [False]


def test_a_new_keystroke_cancels_the_old_query_and_its_rows_are_dropped(qtbot, page,
                                                                         monkeypatch):
    search = HeldSearch(monkeypatch, slow={"ibrahim"})
    shown = []
    page.model.loaded.connect(lambda: shown.append(page.model.filter_text))
    page.filter_edit.setText("ibrahim")
    qtbot.waitUntil(lambda: "ibrahim" in search.started, timeout=2000)
    with qtbot.waitSignal(page.model.loaded, timeout=5000):
        page.filter_edit.setText("sanliurfa")  # the next keystroke, before the first ended
    assert search.cancels["ibrahim"].cancelled
    assert not search.cancels["sanliurfa"].cancelled
    provinces = {page.model.row_at(row).province for row in range(page.model.rowCount())}
    assert provinces == {"Şanlıurfa"}
    search.release.set()  # the old query ends now: its rows must not replace the new ones
    answered(qtbot)
    assert {page.model.row_at(row).province for row in range(page.model.rowCount())} == {
        "Şanlıurfa"}
    assert shown == ["sanliurfa"]
    assert not page.model.loading


def test_typing_letter_by_letter_shows_the_last_words_rows(qtbot, page):
    qtbot.keyClicks(page.filter_edit, "sanliurfa")  # ASCII only: keyClicks aborts otherwise
    qtbot.waitUntil(lambda: not page.model.loading, timeout=5000)
    assert page.model.filter_text == "sanliurfa"
    assert {page.model.row_at(row).province for row in range(page.model.rowCount())} == {
        "Şanlıurfa"}
    assert page.summary.text().startswith(f"{page.model.rowCount()} ")


def test_a_search_that_finds_nothing_says_so_over_the_empty_list(qtbot, page):
    """An empty table alone looked as if the list had not been read."""
    from PySide6.QtWidgets import QLabel

    note = page.table.findChild(QLabel, "emptyList")
    assert not note.isVisible()  # every dwelling, before a search
    with qtbot.waitSignal(page.model.loaded):
        page.filter_edit.setText("zzqx")
    assert page.model.rowCount() == 0
    assert note.isVisible() and note.text() == "No dwelling matches 'zzqx'."
    with qtbot.waitSignal(page.model.loaded):
        page.filter_edit.clear()
    assert page.model.rowCount() and not note.isVisible()
