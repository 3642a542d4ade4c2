"""Tabs built when first shown: a tab whose page reads the database (the timesheets, the
payment batches) costs nothing until the user opens it, so the screen that holds it opens
within one frame. A tab the user opens is built on a later event-loop turn (`page_soon`) and
put in its place on the turn after: its empty place paints first, and building the page,
then styling and laying it out as it shows, are two blocks after the switch, not one (a
dwelling file's tab: 25-50 ms of the GUI thread each). A page given a `read` has it made in
a worker first (a dwelling file's tab: its half of those milliseconds), and is built with
what it read when that arrives."""

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QWidget
from shiboken6 import isValid

from shelter_app.ui.style import keep_accents
from shelter_app.ui.turns import next_turn
from shelter_app.ui.worker import run_in_background, to_crash_handler


class LazyTabs(QTabWidget):
    """A tab widget whose `add_lazy` pages are built at their first `page(index)`: the owner
    asks for it when the tab is shown (currentChanged) or when code names the page."""

    placed = Signal(int)  # the page of this tab is now in its place

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_accents(self)
        self._factories: dict[QWidget, Callable[..., QWidget]] = {}
        self._reads: dict[QWidget, Callable[[], Any]] = {}
        self._asked: dict[QWidget, object] = {}  # the read awaited in a worker, per page
        self._made: dict[QWidget, QWidget] = {}  # built by `page_soon`, placed a turn later
        self._built: dict[QWidget, tuple[Callable[..., QWidget], Callable[[], Any] | None]] = {}
        self._steps: list[Callable[[], None]] = []  # of `page_soon`, one a turn

    def add_lazy(self, factory: Callable[..., QWidget], title: str, *args: Any,
                 read: Callable[..., Callable[[], Any] | None] | None = None) -> int:
        """A tab titled `title` whose page `factory(*args)` builds when first asked for.
        With `read`, `read(*args)` is called on the GUI thread when the page is asked for and
        gives what to read then (a function a worker may call: no Qt object in it; or None),
        and the page is `factory(*args, what())`: asked at that moment, not at `add_lazy`,
        the read is of the owner's records as they are then, not as they were when the tab
        was added. A method of the owner is held weakly: the owner holds these tabs, and a
        cycle would keep it alive (the cycle collector is off, ui/collector.py)."""
        waiting = QWidget()  # the page's place until it is built
        self._factories[waiting] = _weakly(factory, args)
        if read is not None:
            self._reads[waiting] = _weakly(read, args)
        return self.addTab(waiting, title)

    def is_built(self, index: int) -> bool:
        """The page of tab `index` is in its place."""
        waiting = self.widget(index)
        return waiting not in self._factories and waiting not in self._made

    def page(self, index: int) -> QWidget:
        """The page of tab `index`, put now in its waiting place if it was not yet (read and
        built now unless `page_soon` has built it); the same tab stays current
        (currentChanged is not emitted by the swap)."""
        waiting = self.widget(index)
        page = self._made.pop(waiting, None) or self._make(waiting)
        if page is None:
            return waiting
        self._swap(index, page)
        self.placed.emit(index)
        return page

    def _swap(self, index: int, page: QWidget) -> None:
        """Put `page` in the place of tab `index`'s page, which goes (currentChanged is not
        emitted: the same tab stays current)."""
        gone = self.widget(index)
        current = self.currentIndex()
        self.blockSignals(True)
        self.insertTab(index, page, self.tabText(index))
        if current == index:  # the page shows before its place goes, never a neighbour
            self.setCurrentIndex(index)
        self.removeTab(index + 1)
        self.blockSignals(False)
        gone.deleteLater()

    def _make(self, waiting: QWidget, *read: Any) -> QWidget | None:
        factory = self._factories.pop(waiting, None)
        self._asked.pop(waiting, None)
        reader = self._reads.pop(waiting, None)
        if factory is None:
            return None
        if not read and reader is not None and (what := reader()) is not None:
            read = (what(),)
        page = factory(*read)
        self._built[page] = (factory, reader)  # to be built again after `unbuild`
        return page

    def page_soon(self, index: int) -> None:
        """Build tab `index` on a later turn of the event loop (once its read arrives from a
        worker, if it has one) and place it on the turn after, unless code names it
        meanwhile (then read, built and placed at once)."""
        waiting = self.widget(index)
        if waiting not in self._factories or waiting in self._asked:
            return
        self._asked[waiting] = asked = object()
        reader = self._reads.get(waiting)
        read = reader() if reader is not None else None
        if read is None:
            self._step(lambda: self._arrived(waiting, asked))
        else:
            run_in_background(read, lambda data: self._step(
                lambda: self._arrived(waiting, asked, data)) if isValid(self) else None,
                to_crash_handler)

    def _step(self, step: Callable[[], None]) -> None:
        """Do `step` on a later turn, one step a turn: reads that arrive together (in one
        pass of the event loop) have their pages built one after the other, not at once."""
        self._steps.append(step)
        if len(self._steps) == 1:
            next_turn(self, self._next_step)

    def _next_step(self) -> None:
        try:
            self._steps[0]()  # kept first meanwhile: a step it adds waits its turn
        finally:
            self._steps.pop(0)
            if self._steps:
                next_turn(self, self._next_step)

    @property
    def loading(self) -> bool:
        """A page the user opened is being read, built or placed."""
        return bool(self._asked or self._made)

    def reread(self) -> None:
        """The reads under way may have missed a change just made: read those pages again."""
        for waiting in [waiting for waiting in self._asked if waiting in self._reads]:
            del self._asked[waiting]
            self.page_soon(self.indexOf(waiting))

    def unbuild(self, index: int) -> None:
        """Put tab `index` back to be built when next asked for (read again then, not now):
        a change made its page out of date and it is not the one showing."""
        page = self.widget(index)
        made = self._made.pop(page, None)  # built, not yet placed: dropped, its place kept
        recipe = self._built.pop(made or page, None)
        if recipe is None:
            return  # not built
        waiting = page if made is not None else QWidget()
        self._factories[waiting], reader = recipe
        if reader is not None:
            self._reads[waiting] = reader
        if made is not None:
            made.deleteLater()
        else:
            self._swap(index, waiting)

    def _arrived(self, waiting: QWidget, asked: object, *read: Any) -> None:
        """Build the page (unless named or read again meanwhile); place it a step later."""
        if self._asked.get(waiting) is not asked:
            return
        page = self._make(waiting, *read)
        if page is not None:
            page.setParent(self)  # owned, hidden, until it is placed
            self._made[waiting] = page
            self._step(lambda: self._place(waiting))

    def _place(self, waiting: QWidget) -> None:
        if waiting in self._made:
            self.page(self.indexOf(waiting))


def _weakly(function: Callable[..., Any], args: tuple[Any, ...]) -> Callable[..., Any]:
    """`function(*args, *more)`, a method held by a weak reference to its object."""
    if hasattr(function, "__self__"):
        method = weakref.WeakMethod(function)  # type: ignore[arg-type]
        return lambda *more: method()(*args, *more)  # type: ignore[misc]
    return lambda *more: function(*args, *more)
