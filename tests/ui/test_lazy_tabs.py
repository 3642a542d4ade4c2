"""Tabs built when first shown (ui/lazy_tabs.py): each step its own turn of the event loop."""

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from shelter_app.ui.lazy_tabs import LazyTabs


def test_a_tab_the_user_opens_is_built_on_one_turn_and_placed_on_the_next(qtbot):
    """Building a page and styling and laying it out as it shows are two blocks of the GUI
    thread, not one."""
    built: list[QWidget] = []

    def page() -> QWidget:
        built.append(QLabel("Second"))
        return built[-1]

    tabs = LazyTabs()
    qtbot.addWidget(tabs)
    tabs.addTab(QLabel("First"), "First")
    index = tabs.add_lazy(page, "Second")
    tabs.currentChanged.connect(tabs.page_soon)
    tabs.show()
    tabs.setCurrentIndex(index)  # the user opens it: its empty place shows
    assert built == [] and not tabs.is_built(index)
    QCoreApplication.processEvents()  # one turn: built, not yet in its place
    assert len(built) == 1 and not tabs.is_built(index)
    assert tabs.currentWidget() is not built[0] and not built[0].isVisible()
    QCoreApplication.processEvents()  # the next: in its place, shown
    assert tabs.is_built(index) and tabs.currentWidget() is built[0]
    assert built[0].isVisible() and tabs.currentIndex() == index

