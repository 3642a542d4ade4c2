"""Table model over the dwellings service: filtered and sorted in SQL, loaded a page at a time."""

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from shelter_app.data.cancel import Cancel
from shelter_app.services.cases.dwelling_row import DwellingRow, SortKey
from shelter_app.ui.paged_model import Column, PagedTableModel

if TYPE_CHECKING:  # loaded by the first search: the first rows can show before SQLAlchemy
    from shelter_app.data.engine import Database

ROW_ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()


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

    def __init__(self, db: "Database | None", parent: Any = None, *, background: bool = False,
                 rows: list[DwellingRow] | None = None) -> None:
        """`background`: read the first page in a worker (the Dwellings page at sign-in).
        `rows`: the first page, read already (at start, before the database layer had loaded:
        services/cases/first_page.py); `db` may then be None until `attach`, and nothing more
        is read until then."""
        super().__init__(parent)
        self._db = db
        self._text = ""
        self._sort = SortKey.REF
        self._descending = False
        if rows is not None:
            self._show(rows)
        elif background:
            self.reload_in_background()
        else:
            self.reload()

    def attach(self, db: "Database") -> None:
        """The database the first rows came from, opened: reads can follow."""
        self._db = db

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:  # noqa: N802
        return self._db is not None and super().canFetchMore(parent)

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
        from shelter_app.services.cases.dwellings import search_dwellings

        db, text, sort, descending = self._db, self._text, self._sort, self._descending
        assert db is not None
        return lambda offset, limit, cancel: search_dwellings(
            db, text, sort=sort, descending=descending, offset=offset, limit=limit,
            cancel=cancel)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == ROW_ID_ROLE and index.isValid():
            return str(self.row_at(index.row()).id)
        return super().data(index, role)
