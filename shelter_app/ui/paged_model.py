"""A read-only table model that loads rows from a service a page at a time.

Subclasses give the columns and `fetch(offset, limit)`; the view asks for more rows as the
user scrolls (canFetchMore/fetchMore), so a list of 100,000 records costs one page to open.
"""

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from shelter_app.ui.formats import bidi_safe

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class Column(Generic[Row]):
    """A column: its untranslated header (QT_TRANSLATE_NOOP), and how a row shows in it."""

    def __init__(self, header: str, text: Callable[[Row], str], sort_key: Any = None,
                 tooltip: Callable[[Row], str] | None = None) -> None:
        self.header = header
        self.text = text
        self.sort_key = sort_key
        self.tooltip = tooltip


class PagedTableModel(QAbstractTableModel, Generic[Row]):
    PAGE = 200
    columns: list[Column[Row]] = []
    _sort: Any = None  # the sort key of the column last sorted by, for `fetch`
    _descending = False

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._exhausted = False

    def fetch(self, offset: int, limit: int) -> list[Row]:
        raise NotImplementedError

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self.fetch(0, self.PAGE)
        self._exhausted = len(self._rows) < self.PAGE
        self.endResetModel()

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return bidi_safe(column.text(row))  # "Ltd." keeps its dot at the end in Arabic
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.columns[section].header)
        return super().headerData(section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the service's job: keep the column's key and direction for `fetch` (as
        `_sort` and `_descending`) and reload; a column without a key keeps the order."""
        key = self.columns[column].sort_key
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        more = self.fetch(len(self._rows), self.PAGE)
        self._exhausted = len(more) < self.PAGE
        if more:
            self.beginInsertRows(_ROOT, len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
