"""Showing a page of the main window as a click in its navigation does: a page shown for the
first time is built on the event loop's next turns (its title shows meanwhile), so a test
waits for it as a user's eyes would."""

import time

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from shelter_app.ui.lazy_pages import PendingPage
from shelter_app.ui.main_window import MainWindow


def show_row(window: MainWindow, row: int) -> QWidget:
    """Select `row` in the navigation; the page once it is built and shown."""
    window.navigation.setCurrentRow(row)
    return shown(window)


def show_title(window: MainWindow, title: str) -> QWidget:
    return show_row(window, window.page_titles().index(title))


def shown(window: MainWindow, timeout_s: float = 10) -> QWidget:
    """The page shown, once built (a navigation by the window itself: the supervisor's start
    on the Inbox, the sync indicator's click)."""
    deadline = time.monotonic() + timeout_s
    while isinstance(window.pages.currentWidget(), PendingPage):
        assert time.monotonic() < deadline, "the page shown was not built"
        QTest.qWait(5)
    return window.pages.currentWidget()
