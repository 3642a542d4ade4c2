"""Tabs built when first shown: a tab whose page reads the database (the timesheets, the
payment batches) costs nothing until the user opens it, so the screen that holds it opens
within one frame."""

from collections.abc import Callable

from PySide6.QtWidgets import QTabWidget, QWidget

from shelter_app.ui.style import keep_accents


class LazyTabs(QTabWidget):
    """A tab widget whose `add_lazy` pages are built at their first `page(index)`: the owner
    asks for it when the tab is shown (currentChanged) or when code names the page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_accents(self)
        self._factories: dict[QWidget, Callable[[], QWidget]] = {}

    def add_lazy(self, factory: Callable[[], QWidget], title: str) -> int:
        """A tab titled `title` whose page `factory` builds when first asked for."""
        waiting = QWidget()  # the page's place until it is built
        self._factories[waiting] = factory
        return self.addTab(waiting, title)

    def is_built(self, index: int) -> bool:
        return self.widget(index) not in self._factories

    def page(self, index: int) -> QWidget:
        """The page of tab `index`, built now in its waiting place if it was not yet; the
        same tab stays current (currentChanged is not emitted by the swap)."""
        waiting = self.widget(index)
        factory = self._factories.pop(waiting, None)
        if factory is None:
            return waiting
        page = factory()
        current = self.currentIndex()
        self.blockSignals(True)
        self.insertTab(index, page, self.tabText(index))
        self.removeTab(index + 1)
        self.setCurrentIndex(current)
        self.blockSignals(False)
        waiting.deleteLater()
        return page
