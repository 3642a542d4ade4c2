"""The main window driven as a user would: navigate, filter, sort, open a dwelling's file."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.lazy_pages import PendingPage
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.reports.page import ReportsPage
from ui.held import busy, heartbeat
from ui.shown import show_title


@pytest.fixture
def window(qtbot, demo_db, engineer):
    main = MainWindow(demo_db, engineer)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: not main.dwellings.model.loading)  # the first rows, from a worker
    return main


def shown_rows(window: MainWindow) -> list:
    model = window.dwellings.model
    return [model.row_at(row) for row in range(model.rowCount())]


def type_filter(qtbot, window: MainWindow, text: str) -> None:
    page = window.dwellings
    page.filter_edit.clear()
    qtbot.keyClicks(page.filter_edit, text)  # ASCII only: keyClicks aborts on non-ASCII
    qtbot.waitUntil(lambda: page.model.filter_text == text and not page.model.loading,
                    timeout=2000)


def test_filter_finds_turkish_names_typed_without_turkish_letters(qtbot, window):
    type_filter(qtbot, window, "ibrahim")
    rows = shown_rows(window)
    assert rows, "demo data has households or landlords named İbrahim"
    for row in rows:
        assert "İbrahim" in f"{row.household} {row.landlord}"
    assert window.dwellings.summary.text().startswith(f"{len(rows)} ")


def test_filter_by_province_without_diacritics_and_clear(qtbot, window):
    everything = len(shown_rows(window))
    type_filter(qtbot, window, "sanliurfa")
    rows = shown_rows(window)
    assert rows and {row.province for row in rows} == {"Şanlıurfa"}
    window.dwellings.filter_edit.clear()
    qtbot.waitUntil(lambda: len(shown_rows(window)) == everything, timeout=2000)
    assert not window.dwellings.model.loading


def test_filter_with_no_match_shows_empty_list(qtbot, window):
    type_filter(qtbot, window, "zzzz")
    assert shown_rows(window) == []
    assert window.dwellings.summary.text().startswith("0 ")


def test_clicking_header_sorts_by_province_descending(qtbot, window):
    header = window.dwellings.table.horizontalHeader()
    x = header.sectionViewportPosition(2) + 10
    for _ in range(2):  # the first click sorts ascending, the second descending
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: not window.dwellings.model.loading)  # sorted in a worker
    provinces = [row.province for row in shown_rows(window)]
    assert provinces[0] == "Şanlıurfa"  # the Turkish Ş sorts after plain Latin letters
    assert provinces == sorted(provinces, reverse=True)


def test_enter_on_a_row_opens_its_dwelling_file(qtbot, window, monkeypatch):
    opened: list[DwellingFileDialog] = []
    monkeypatch.setattr(DwellingFileDialog, "open", lambda self: opened.append(self))
    type_filter(qtbot, window, "GAZ-D-000002")
    table = window.dwellings.table
    table.setFocus()
    table.setCurrentIndex(window.dwellings.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(opened) == 1)  # once its first reads arrive from a worker
    dialog = opened[0]
    qtbot.addWidget(dialog)
    assert dialog.file.ref == "GAZ-D-000002"
    assert "GAZ-D-000002" in dialog.windowTitle()
    assert isinstance(dialog, QDialog)


def test_navigation_switches_pages_and_status_names_database(qtbot, window, demo_db):
    assert window.pages.currentWidget() is window.dwellings
    assert isinstance(show_title(window, "Reports"), ReportsPage)  # no placeholder left
    qtbot.waitUntil(lambda: window.reports.report is not None, timeout=10_000)
    assert window.page_titles()[:2] == ["Dwellings", "Assessments"]
    assert "Backups" in window.page_titles() and "Users" not in window.page_titles()
    qtbot.waitUntil(lambda: "120 dwellings" in window.database_label.text())  # in a worker
    assert str(demo_db.path) in window.database_label.text()


def test_lazy_loading_fetches_more_when_scrolled(qtbot, window, monkeypatch):
    model = window.dwellings.model
    monkeypatch.setattr(type(model), "PAGE", 50)
    model.reload()
    assert model.rowCount() == 50 and model.canFetchMore()
    window.dwellings.table.scrollToBottom()
    QApplication.processEvents()
    qtbot.waitUntil(lambda: model.rowCount() > 50, timeout=2000)
    refs = [model.row_at(row).ref for row in range(model.rowCount())]
    assert len(refs) == len(set(refs))


def test_opening_another_offices_case_explains_instead_of_crashing(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text: warnings.append(f"{title}: {text}"))
    type_filter(qtbot, window, "ANK-D-000001")  # the engineer works in Gaziantep
    window.dwellings.open_file(window.dwellings.model.index(0, 0))
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert "ANK-D-000001" in warnings[0]


def test_a_file_opened_from_the_list_is_read_in_a_worker(qtbot, window, monkeypatch):
    """The file's first reads (tens of milliseconds on a busy case) leave the window free;
    asked twice meanwhile, it opens once, on the row asked last."""
    import threading

    from PySide6.QtCore import QThreadPool

    from shelter_app.ui.dwellings import file_dialog

    threads: list[threading.Thread] = []
    read = file_dialog.read_opening
    monkeypatch.setattr(file_dialog, "read_opening", lambda *args: (
        threads.append(threading.current_thread()), read(*args))[1])
    opened: list[DwellingFileDialog] = []
    monkeypatch.setattr(DwellingFileDialog, "open", lambda self: opened.append(self))
    type_filter(qtbot, window, "GAZ-D-00000")
    page = window.dwellings
    page.open_file(page.model.index(0, 0))
    page.open_file(page.model.index(1, 0))
    assert opened == []  # nothing read on this thread
    QThreadPool.globalInstance().waitForDone()
    qtbot.waitUntil(lambda: bool(opened))
    QApplication.processEvents()  # the first answer, had it come later, opens nothing either
    assert threading.main_thread() not in threads
    assert [dialog.file.ref for dialog in opened] == [page.model.row_at(1).ref]


def test_a_file_opened_from_the_list_is_made_on_one_turn_and_shown_on_a_later_one(qtbot,
                                                                                  window):
    """Making the file (its Summary) and styling and laying it out as it shows are two
    blocks of the GUI thread, not one: a timer due meanwhile (a paint, the latency
    benchmark's heartbeat) runs between them."""

    type_filter(qtbot, window, "GAZ-D-00000")
    page = window.dwellings
    seen: list[tuple[bool, bool]] = []  # (the file made, shown) at each tick of a 4 ms timer

    def tick() -> None:
        file = page.findChild(DwellingFileDialog)
        seen.append((file is not None, file is not None and file.isVisible()))

    beat = heartbeat(page, tick)
    page.open_file(page.model.index(0, 0))
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (True, True))
    beat.stop()
    assert (True, False) in seen  # made, not yet shown: a tick came between
    page.findChild(DwellingFileDialog).close()


def test_a_page_shown_first_is_built_on_one_turn_and_placed_on_a_later_one(qtbot, window,
                                                                            monkeypatch):
    """Building a page and styling and laying it out as it shows are two blocks of the GUI
    thread, not one: a timer due meanwhile (a paint, the latency benchmark's heartbeat) runs
    between them."""


    from shelter_app.ui.labour.page import CashForWorkPage

    build = CashForWorkPage.__init__

    def slow(self, *args, **named) -> None:  # as on a busy programme: ~12 ms
        busy(0.012)
        build(self, *args, **named)

    monkeypatch.setattr(CashForWorkPage, "__init__", slow)
    seen: list[tuple[bool, bool]] = []  # (built, in its place) at each tick of a 4 ms timer

    def tick() -> None:
        page = window.__dict__.get("cash_for_work")
        seen.append((page is not None, page is not None and window.pages.indexOf(page) >= 0))

    beat = heartbeat(window, tick)
    window.show_page("cash_for_work")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (True, True))
    beat.stop()
    assert (True, False) in seen  # built, not yet in its place: a tick came between


def test_pages_are_built_when_first_shown(qtbot, window):
    from shelter_app.ui.agreements.page import AgreementsPage

    row = window.page_titles().index("Agreements")
    assert isinstance(window.pages.widget(row), PendingPage)  # nothing queried at sign-in
    window.navigation.setCurrentRow(row)
    assert isinstance(window.pages.currentWidget(), PendingPage)  # its title, at once
    assert "agreements" not in window.__dict__  # built on the event loop's next turn
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), AgreementsPage))
    assert window.agreements is window.pages.currentWidget()
    assert window.pages.indexOf(window.agreements) == row


def test_a_page_built_as_its_user_signs_out_is_dropped_not_placed(qtbot, window):
    """Built on one turn, put in its place on the next: a sign-out in between (the idle lock's
    switch of user) leaves it out of the next user's window."""
    from shiboken6 import isValid

    row = window.page_titles().index("Agreements")
    window.navigation.setCurrentRow(row)
    window._build_later(row)  # the first of the two turns, and no more
    page = window.agreements
    assert window.pages.indexOf(page) == -1
    window.sign_out()
    qtbot.waitUntil(lambda: not isValid(page))
    assert all(isinstance(window.pages.widget(n), PendingPage)
               for n in range(window.pages.count()))


def test_a_page_built_at_its_first_showing_takes_its_place_without_showing_another(window):
    """The placeholder of the page shown was taken out of the stack before the built page was
    made current: its neighbour was shown for a moment (show events, layout, mnemonics)."""
    from PySide6.QtCore import QEvent, QObject

    titles = window.page_titles()
    neighbour = window.backups  # built, and right after Settings (still a placeholder)
    assert titles.index("Backups") == titles.index("Settings") + 1

    class Shows(QObject):
        count = 0

        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Show:
                Shows.count += 1
            return False

    shows = Shows(neighbour)
    neighbour.installEventFilter(shows)
    show_title(window, "Settings")
    assert window.pages.currentWidget() is window.settings
    assert Shows.count == 0 and window.pages.indexOf(window.settings) == titles.index("Settings")


def test_the_rows_shown_at_start_stay_in_place_when_signing_in_completes(qtbot, demo_db,
                                                                           engineer):
    """The File menu's title is there with the first rows (off): arriving with the sign-in,
    the menu bar pushed the list down by its height."""
    from shelter_app.services.cases.dwellings import search_dwellings

    main = MainWindow()
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.show_first_rows(search_dwellings(demo_db, limit=20))
    page = main.dwellings
    qtbot.waitUntil(lambda: page.table.isVisible())
    qtbot.wait(50)  # the window laid out again (posted)
    before = page.table.mapTo(main, QPoint(0, 0)).y()
    main.attach(demo_db, engineer)
    qtbot.wait(50)
    assert main.dwellings is page
    assert page.table.mapTo(main, QPoint(0, 0)).y() == before
    assert [(action.text(), action.isEnabled()) for action in main.menuBar().actions()] == [
        ("&File", True)]  # the title shown with the rows is gone, not there twice
