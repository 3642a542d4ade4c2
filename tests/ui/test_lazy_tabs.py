"""Tabs built when first shown (ui/lazy_tabs.py): each step its own turn of the event loop."""

import threading

from PySide6.QtWidgets import QLabel, QWidget
from ui.held import busy, heartbeat

from shelter_app.ui.lazy_tabs import LazyTabs


def test_a_tab_the_user_opens_is_built_on_one_turn_and_placed_on_a_later_one(qtbot):
    """Building a page and styling and laying it out as it shows are two blocks of the GUI
    thread, not one: a timer due while the page is built (a paint, the latency benchmark's
    heartbeat) runs before the page is placed."""
    built: list[QWidget] = []

    def page() -> QWidget:
        busy(0.012)  # a page that takes a while to build
        built.append(QLabel("Second"))
        return built[-1]

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("First"), "First")
    index = tabs.add_lazy(page, "Second")
    tabs.currentChanged.connect(tabs.page_soon)
    tabs.show()
    seen: list[tuple[int, bool]] = []  # (pages built, placed) at each tick of a 4 ms timer
    beat = heartbeat(tabs, lambda: seen.append((len(built), tabs.is_built(index))))
    tabs.setCurrentIndex(index)  # the user opens it: its empty place shows
    assert built == [] and not tabs.is_built(index)
    qtbot.waitUntil(lambda: tabs.is_built(index) and len(seen) > 3)
    beat.stop()
    assert (1, False) in seen  # built, not yet in its place: a tick came between
    assert tabs.currentWidget() is built[0] and built[0].isVisible()
    assert tabs.currentIndex() == index


def test_a_page_with_a_read_is_read_in_a_worker_and_built_with_what_it_read(qtbot):
    """A page the user opens has its read made off the GUI thread; a page code names is read
    at once (the caller wants it now)."""
    threads: list[threading.Thread] = []

    def read() -> str:
        threads.append(threading.current_thread())
        return "Read"

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("First"), "First")
    opened = tabs.add_lazy(QLabel, "Second", read=lambda: read)
    named = tabs.add_lazy(QLabel, "Third", read=lambda: read)
    tabs.currentChanged.connect(tabs.page_soon)
    tabs.show()
    tabs.setCurrentIndex(opened)
    assert tabs.loading and not tabs.is_built(opened)
    qtbot.waitUntil(lambda: not tabs.loading)
    assert tabs.is_built(opened) and tabs.currentWidget().text() == "Read"
    assert threads and threads[0] is not threading.main_thread()
    assert tabs.page(named).text() == "Read" and threads[-1] is threading.main_thread()


def test_pages_whose_reads_arrive_together_are_built_one_a_turn(qtbot):
    """Two tabs opened in quick succession on a slow read: both answers come in one pass of
    the event loop, and their pages (each a block to build) are built on turns of their own."""
    from PySide6.QtCore import QThreadPool

    release = threading.Event()
    built: list[QWidget] = []

    def read() -> str:
        release.wait(5)
        return "Read"

    def page(text: str) -> QWidget:
        busy(0.012)  # a page that takes a while to build
        built.append(QLabel(text))
        return built[-1]

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("First"), "First")
    indexes = [tabs.add_lazy(page, title, read=lambda: read) for title in ("Second", "Third")]
    tabs.currentChanged.connect(tabs.page_soon)
    tabs.show()
    for index in indexes:  # the user opens one, then the other, before either is read
        tabs.setCurrentIndex(index)
    release.set()
    QThreadPool.globalInstance().waitForDone()  # both answers wait to be delivered
    seen: list[int] = []  # pages built at each tick of a 4 ms timer
    beat = heartbeat(tabs, lambda: seen.append(len(built)))
    qtbot.waitUntil(lambda: not tabs.loading)
    beat.stop()
    assert 1 in seen and len(built) == 2  # a tick came between the two builds
    assert all(tabs.is_built(index) for index in indexes)
    assert tabs.currentIndex() == indexes[1] and tabs.currentWidget() in built
