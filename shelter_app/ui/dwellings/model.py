"""Table model over the dwellings service: filtered and sorted in SQL, loaded a page at a time."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from shelter_app.data.engine import Database
from shelter_app.services.dwellings import DwellingRow, SortKey, search_dwellings

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


#: (header, sort key or None when the column cannot be sorted, cell text)
COLUMNS: list[tuple[str, SortKey | None, Callable[[DwellingRow], str]]] = [
    (QT_TRANSLATE_NOOP("DwellingTableModel", "Reference"), SortKey.REF, lambda row: row.ref),
    (QT_TRANSLATE_NOOP("DwellingTableModel", "Stage"), SortKey.STAGE, lambda row: row.stage.label),
    (QT_TRANSLATE_NOOP("DwellingTableModel", "Province"), SortKey.PROVINCE,
     lambda row: row.province),
    (QT_TRANSLATE_NOOP("DwellingTableModel", "District"), None, lambda row: row.district),
    (QT_TRANSLATE_NOOP("DwellingTableModel", "Household"), SortKey.HOUSEHOLD,
     lambda row: row.household or ""),
    (QT_TRANSLATE_NOOP("DwellingTableModel", "Landlord"), SortKey.LANDLORD,
     lambda row: row.landlord or ""),
]
ROW_ID_ROLE = Qt.ItemDataRole.UserRole


class DwellingTableModel(QAbstractTableModel):
    """Rows arrive in pages of PAGE as the view scrolls (canFetchMore/fetchMore)."""

    PAGE = 200

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[DwellingRow] = []
        self._text = ""
        self._sort = SortKey.REF
        self._descending = False
        self._exhausted = False
        self.reload()

    @property
    def filter_text(self) -> str:
        return self._text

    def set_filter(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = self._page(0)
        self._exhausted = len(self._rows) < self.PAGE
        self.endResetModel()

    def _page(self, offset: int) -> list[DwellingRow]:
        return search_dwellings(self._db, self._text, sort=self._sort,
                                descending=self._descending, offset=offset, limit=self.PAGE)

    def row_at(self, row: int) -> DwellingRow:
        return self._rows[row]

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][2](row)
        if role == ROW_ID_ROLE:
            return str(row.id)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][0])
        return super().headerData(section, orientation, role)

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        more = self._page(len(self._rows))
        self._exhausted = len(more) < self.PAGE
        if more:
            self.beginInsertRows(_ROOT, len(self._rows), len(self._rows) + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is None:
            return
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
