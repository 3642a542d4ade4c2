"""Tabs built when first shown: a tab whose page reads the database (the timesheets, the
payment batches) costs nothing until the user opens it, so the screen that holds it opens
within one frame. A tab the user opens is built one event-loop turn later (`page_soon`) and
put in its place on the turn after: its empty place paints first, and building the page,
then styling and laying it out as it shows, are two blocks after the switch, not one (a
dwelling file's tab: 25-50 ms of the GUI thread each)."""

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from shelter_app.ui.style import keep_accents


class LazyTabs(QTabWidget):
    """A tab widget whose `add_lazy` pages are built at their first `page(index)`: the owner
    asks for it when the tab is shown (currentChanged) or when code names the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_accents(self)
        self._factories: dict[QWidget, Callable[[], QWidget]] = {}
        self._made: dict[QWidget, QWidget] = {}  # built by `page_soon`, placed a turn later

    def add_lazy(self, factory: Callable[..., QWidget], title: str, *args: Any) -> int:
        """A tab titled `title` whose page `factory(*args)` builds when first asked for. A
        method of the owner is held weakly: the owner holds these tabs, and a cycle would
        keep it alive (the cycle collector is off, ui/collector.py)."""
        waiting = QWidget()  # the page's place until it is built
        if hasattr(factory, "__self__"):
            method = weakref.WeakMethod(factory)  # type: ignore[arg-type]
            self._factories[waiting] = lambda: method()(*args)  # type: ignore[misc]
        else:
            self._factories[waiting] = lambda: factory(*args)
        return self.addTab(waiting, title)

    def is_built(self, index: int) -> bool:
        """The page of tab `index` is in its place."""
        waiting = self.widget(index)
        return waiting not in self._factories and waiting not in self._made

    def page(self, index: int) -> QWidget:
        """The page of tab `index`, put now in its waiting place if it was not yet (built now
        unless `page_soon` has); the same tab stays current (currentChanged is not emitted
        by the swap)."""
        waiting = self.widget(index)
        page = self._made.pop(waiting, None) or self._make(waiting)
        if page is None:
            return waiting
        current = self.currentIndex()
        self.blockSignals(True)
        self.insertTab(index, page, self.tabText(index))
        if current == index:  # the page shows before its place goes, never a neighbour
            self.setCurrentIndex(index)
        self.removeTab(index + 1)
        self.blockSignals(False)
        waiting.deleteLater()
        return page

    def _make(self, waiting: QWidget) -> QWidget | None:
        factory = self._factories.pop(waiting, None)
        return None if factory is None else factory()

    def page_soon(self, index: int) -> None:
        """Build tab `index` at the next turn of the event loop and place it at the one
        after, unless code names it meanwhile (then placed at once)."""
        waiting = self.widget(index)
        if waiting in self._factories:
            QTimer.singleShot(0, self, lambda: self._make_soon(waiting))

    def _make_soon(self, waiting: QWidget) -> None:
        page = self._make(waiting)
        if page is not None:
            page.setParent(self)  # owned, hidden, until it is placed
            self._made[waiting] = page
            QTimer.singleShot(0, self, lambda: self._place(waiting))

    def _place(self, waiting: QWidget) -> None:
        if waiting in self._made:
            self.page(self.indexOf(waiting))
