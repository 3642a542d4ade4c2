"""A read-only table model that loads rows from a service a page at a time.

Subclasses give the columns and `fetch(offset, limit)`; the view asks for more rows as the
user scrolls (canFetchMore/fetchMore), so a list of 100,000 records costs one page to open.
A model that also gives `fetcher()` can search in the background (`reload_in_background`):
the GUI thread never waits for a query typed letter by letter, nor for the next page when the
view asks for more (a view asks as soon as its last row could show, hidden or not).
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from shelter_app.data.cancel import Cancel, Cancelled
from shelter_app.ui.formats import END_ALIGNED
from shelter_app.ui.worker import run_in_background

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
# looked up once: each lookup of a Qt enum's member costs a Python call, per cell per role
_DISPLAY, _TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole
_ALIGNMENT, _HORIZONTAL = Qt.ItemDataRole.TextAlignmentRole, Qt.Orientation.Horizontal


def _no_place() -> Callable[[], None]:
    """What a new search keeps of the view's place: nothing (it starts at the top)."""
    return lambda: None


class Column(Generic[Row]):
    """A column: its untranslated header (QT_TRANSLATE_NOOP), and how a row shows in it.
    A `numeric` column's figures are end-aligned (right, or left in Arabic), so they line up
    by their last digit in every list."""

    def __init__(self, header: str, text: Callable[[Row], str], sort_key: Any = None,
                 tooltip: Callable[[Row], str] | None = None, *, numeric: bool = False) -> None:
        self.header = header
        self.text = text
        self.sort_key = sort_key
        self.tooltip = tooltip
        self.numeric = numeric


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    PAGE = 200
    columns: list[Column[Row]] = []
    _sort: Any = None  # the sort key of the column last sorted by, for `fetch`
    _descending = False
    loaded = Signal()  # the rows of the latest background reload are shown

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._exhausted = False
        self._pending: Cancel | None = None  # the background reload whose rows are awaited
        self._more: Cancel | None = None  # the background read of the next page

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def fetch(self, offset: int, limit: int) -> list[Row]:
        raise NotImplementedError

    def fetcher(self) -> Callable[[int, int, Cancel], list[Row]]:
        """`fetch` with the filter and order of now, for a worker thread (which must not read
        the model): what a model that searches in the background gives."""
        raise NotImplementedError

    def reload_in_background(self) -> None:
        """Read the first page in a worker thread; the rows arrive by signal (`loaded`). A newer
        reload cancels this one: its query is interrupted and its rows, if any, are dropped."""
        self._read_first(self.PAGE, _no_place)

    def reread_in_background(self, keep: Callable[[], Callable[[], None]]) -> None:
        """Read the rows shown again in a worker (as many as are shown, a page at least): after
        a change made elsewhere. `keep` is called just before they are replaced and returns
        what puts the view's place back (ui/list_place.py); then `loaded`."""
        self._read_first(max(self.PAGE, len(self._rows)), keep)

    def _read_first(self, limit: int, keep: Callable[[], Callable[[], None]]) -> None:
        self._drop_pending()
        cancel = self._pending = Cancel()
        query = self.fetcher()
        run_in_background(lambda: query(0, limit, cancel),
                          lambda rows: self._arrived(cancel, rows, limit, keep),
                          lambda error: self._refused(cancel, error))

    def _drop_pending(self) -> None:
        for pending in (self._pending, self._more):
            if pending is not None:
                pending.cancel()
        self._pending = self._more = None

    def _arrived(self, cancel: Cancel, rows: list[Row], limit: int,
                 keep: Callable[[], Callable[[], None]]) -> None:
        if not shiboken6.isValid(self) or cancel is not self._pending:
            return  # the model is gone, or a newer search replaced this one
        self._pending = None
        put_back = keep()
        self._show(rows, limit)
        put_back()
        self.loaded.emit()

    def _refused(self, cancel: Cancel, error: BaseException) -> None:
        """A read in a worker failed: a cancelled or superseded one is forgotten."""
        if not shiboken6.isValid(self) or cancel not in (self._pending, self._more):
            return
        if cancel is self._pending:
            self._pending = None
        else:
            self._more = None
        if not isinstance(error, Cancelled):
            raise error  # a bug: to the crash handler

    def reload(self) -> None:
        self._drop_pending()
        self._show(self.fetch(0, self.PAGE))

    def _show(self, rows: list[Row], limit: int | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        self._exhausted = len(self._rows) < (limit or self.PAGE)
        self.endResetModel()

    def place_row(self, shown: Callable[[Row], bool], row: Row | None,
                  before: Callable[[Row, Row], bool]) -> None:
        """Put a record's row, read again, where the list's order puts it without reading the
        list again: `shown` finds its old row if any, `row` is None when the list does not show
        it, and `before(a, b)` says whether row a comes before row b. The row changes in place,
        moves, comes or goes (a view keeps its selection and scroll); one whose place is past
        the rows read so far comes with the next page."""
        old = next((n for n, other in enumerate(self._rows) if shown(other)), None)
        rest = self._rows if old is None else self._rows[:old] + self._rows[old + 1:]
        new = len(rest) if row is None else next(
            (n for n, other in enumerate(rest) if before(row, other)), len(rest))
        if row is None or (new == len(rest) and not self._exhausted):
            if old is not None:
                self.beginRemoveRows(_ROOT, old, old)
                del self._rows[old]
                self.endRemoveRows()
            return
        if old is None:
            self.beginInsertRows(_ROOT, new, new)
            self._rows.insert(new, row)
            self.endInsertRows()
            return
        if new != old:  # Qt names the place before which it goes in the rows as they were
            self.beginMoveRows(_ROOT, old, old, _ROOT, new + 1 if new > old else new)
            self._rows = [*rest[:new], row, *rest[new:]]
            self.endMoveRows()
        self._rows[new] = row
        self.dataChanged.emit(self.index(new, 0), self.index(new, len(self.columns) - 1))

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        """A view asks about seven roles of each cell it paints: the roles without an answer
        leave first, before the column and row are looked up (a fifth of a table's paint)."""
        if role == _DISPLAY:
            if not index.isValid():
                return None
            # isolated in Arabic where drawn (ui/style.py)
            return self.columns[index.column()].text(self._rows[index.row()])
        if role == _ALIGNMENT:
            return END_ALIGNED if index.isValid() and self.columns[index.column()].numeric else None
        if role == _TOOLTIP and index.isValid():
            tooltip = self.columns[index.column()].tooltip
            return None if tooltip is None else tooltip(self._rows[index.row()])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == _HORIZONTAL:
            return self.tr(self.columns[section].header)
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the service's job: keep the column's key and direction for `fetch` (as
        `_sort` and `_descending`) and reload, in the background when the model searches there;
        a column without a key keeps the order, and the order already shown or being read is
        not asked again (a view sets its sort indicator at once)."""
        key = self.columns[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if key is None or (key, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = key, descending
        self.refresh()

    def refresh(self) -> None:
        """Read the first page again: in the background when the model searches there."""
        if type(self).fetcher is PagedTableModel.fetcher:
            self.reload()
        else:
            self.reload_in_background()

    @property
    def fetching_more(self) -> bool:
        """The next page is being read in a worker."""
        return self._more is not None

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802
        """No more while a background reload is awaited (its rows replace these) or the next
        page is being read."""
        return (not parent.isValid() and not self._exhausted and self._pending is None
                and self._more is None)

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802
        """The next page: read in a worker when the model searches there, its rows added when
        they arrive unless the rows were read again meanwhile."""
        if not self.canFetchMore(parent):
            return
        if type(self).fetcher is PagedTableModel.fetcher:
            self._append(self.fetch(len(self._rows), self.PAGE))
            return
        cancel = self._more = Cancel()
        query, offset, limit = self.fetcher(), len(self._rows), self.PAGE
        run_in_background(lambda: query(offset, limit, cancel),
                          lambda rows: self._more_arrived(cancel, rows),
                          lambda error: self._refused(cancel, error))

    def _more_arrived(self, cancel: Cancel, rows: list[Row]) -> None:
        if shiboken6.isValid(self) and cancel is self._more:
            self._more = None
            self._append(rows)

    def _append(self, more: list[Row]) -> None:
        self._exhausted = len(more) < self.PAGE
        if more:
            self.beginInsertRows(_ROOT, len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
