"""The BoQ editor's two lists: the catalogue items matching what is typed in its search, and
the take-off of the dwelling's assessment."""

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt

from shelter_app.services.boq.catalogue import ItemMatch
from shelter_app.ui.formats import measure, money, unit_text
from shelter_app.ui.running import current_language

_ROOT = QModelIndex()
_DISPLAY = Qt.ItemDataRole.DisplayRole


class _ShownList(QAbstractListModel):
    """A list of a few hundred rows at most, held in memory (`rows`) and replaced whole."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)


class ItemsModel(_ShownList):
    """The catalogue items matching the search (ItemMatch rows), best first (a catalogue holds
    tens to hundreds); an item found in another language than the user's says which."""

    rows: list[ItemMatch]

    @property
    def items(self) -> list[Any]:
        return [match.item for match in self.rows]

    def data(self, index: Any, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        match = self.rows[index.row()]
        item = match.item
        if role == _DISPLAY:
            language = current_language()
            shown = {"en": item.description_en, "ar": item.description_ar}.get(
                language) or item.description_tr  # the BoQ line keeps the Turkish
            text = f"{item.code} — {shown} ({money(item.unit_price)}/{unit_text(item.unit)})"
            if match.language is not None and match.language != language:
                text += " · " + self.found_in(match.language)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.description_tr}\n{item.description_en}\n{item.description_ar}"
        return None

    def found_in(self, language: str) -> str:
        return {"tr": self.tr("found in the Turkish text"),
                "en": self.tr("found in the English text"),
                "ar": self.tr("found in the Arabic text")}[language]


class TakeoffModel(_ShownList):
    """The take-off's (label, quantity, unit) rows."""

    rows: list[tuple[str, Any, str]]

    def data(self, index: Any, role: int = _DISPLAY) -> Any:
        if index.isValid() and role == _DISPLAY:
            label, quantity, unit = self.rows[index.row()]
            return f"{label}: {measure(quantity, unit)}\u00a0{unit_text(unit)}"  # unit kept with its number
        return None
