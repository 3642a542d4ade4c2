"""Table model over the dwellings service: filtered and sorted in SQL, loaded a page at a time."""

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from shelter_app.data.cancel import Cancel
from shelter_app.data.engine import Database
from shelter_app.services.cases.dwellings import DwellingRow, SortKey, search_dwellings
from shelter_app.ui.paged_model import Column, PagedTableModel

ROW_ID_ROLE = Qt.ItemDataRole.UserRole


def row_id(row: DwellingRow) -> uuid.UUID:
    """What tells a dwelling's row from another (ui/list_place.py)."""
    return row.id


class DwellingTableModel(PagedTableModel[DwellingRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("DwellingTableModel", "Reference"), lambda r: r.ref, SortKey.REF),
        Column(QT_TRANSLATE_NOOP("DwellingTableModel", "Stage"), lambda r: r.stage.label,
               SortKey.STAGE),
        Column(QT_TRANSLATE_NOOP("DwellingTableModel", "Province"), lambda r: r.province,
               SortKey.PROVINCE),
        Column(QT_TRANSLATE_NOOP("DwellingTableModel", "District"), lambda r: r.district),
        Column(QT_TRANSLATE_NOOP("DwellingTableModel", "Household"), lambda r: r.household or "",
               SortKey.HOUSEHOLD),
        Column(QT_TRANSLATE_NOOP("DwellingTableModel", "Landlord"), lambda r: r.landlord or "",
               SortKey.LANDLORD),
    ]

    def __init__(self, db: Database, parent: Any = None, *, background: bool = False) -> None:
        """`background`: read the first page in a worker (the Dwellings page at sign-in)."""
        super().__init__(parent)
        self._db = db
        self._text = ""
        self._sort = SortKey.REF
        self._descending = False
        if background:
            self.reload_in_background()
        else:
            self.reload()

    @property
    def filter_text(self) -> str:
        return self._text

    def set_filter(self, text: str) -> None:
        """Filter now, on this thread (a background search still running is replaced)."""
        if text != self._text or self.loading:
            self._text = text
            self.reload()

    def search(self, text: str) -> None:
        """Filter in the background (a keystroke): rows arrive with `loaded`; the search of
        the previous keystroke, if still running, is cancelled."""
        if text != self._text:
            self._text = text
            self.reload_in_background()

    def fetch(self, offset: int, limit: int) -> list[DwellingRow]:
        return self.fetcher()(offset, limit, None)

    def fetcher(self) -> Callable[[int, int, Cancel | None], list[DwellingRow]]:
        db, text, sort, descending = self._db, self._text, self._sort, self._descending
        return lambda offset, limit, cancel: search_dwellings(
            db, text, sort=sort, descending=descending, offset=offset, limit=limit,
            cancel=cancel)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == ROW_ID_ROLE and index.isValid():
            return str(self.row_at(index.row()).id)
        return super().data(index, role)
