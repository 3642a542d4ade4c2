"""The rows of an import preview: one line per row of the file, with its status and message.

An export can hold 50,000 rows, so the model keeps the runner's outcomes as they are and
only an index list for the "only problems" filter; the view asks for the rows it shows.
"""

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from shelter_app.services.imports.runner import ImportResult, RowOutcome, Status
from shelter_app.services.imports.values import as_text
from shelter_app.ui.formats import END_ALIGNED

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_REJECTED = QColor("#fbe3e4")
_REJECTED_TEXT = QColor("#8b0000")
_REMARK = QColor("#fff4d6")  # imported or skipped, with something worth reading


def is_problem(outcome: RowOutcome) -> bool:
    """Rejected, or with a remark (a warning, a missing photo, already registered)."""
    return outcome.status is Status.REJECTED or bool(outcome.message)


class ImportPreviewModel(QAbstractTableModel):
    ROW, STATUS, NAME, RECORD, MESSAGE = range(5)
    HEADERS = (
        QT_TRANSLATE_NOOP("ImportPreviewModel", "Row"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "Status"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "Name"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "Record"),
        QT_TRANSLATE_NOOP("ImportPreviewModel", "Message"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._outcomes: list[RowOutcome] = []
        self._shown: list[int] = []
        self._only_problems = False
        self._name_header = ""

    def set_result(self, result: ImportResult | None, name_header: str = "") -> None:
        """Show `result`'s rows; `name_header` is the file's column that names each row."""
        self.beginResetModel()
        self._outcomes = result.outcomes if result is not None else []
        self._name_header = name_header
        self._filter()
        self.endResetModel()

    def set_only_problems(self, only: bool) -> None:
        self.beginResetModel()
        self._only_problems = only
        self._filter()
        self.endResetModel()

    def _filter(self) -> None:
        self._shown = [n for n, outcome in enumerate(self._outcomes)
                       if not self._only_problems or is_problem(outcome)]

    def outcome(self, row: int) -> RowOutcome:
        return self._outcomes[self._shown[row]]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        outcome = self.outcome(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._text(outcome, index.column())
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() == self.MESSAGE and text else None
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            if outcome.status is Status.REJECTED:
                return QBrush(_REJECTED)
            return QBrush(_REMARK) if outcome.message else None
        if role == Qt.ItemDataRole.ForegroundRole and outcome.status is Status.REJECTED:
            return QBrush(_REJECTED_TEXT)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.ROW:
            return END_ALIGNED  # a number, as in every list
        return None

    def _text(self, outcome: RowOutcome, column: int) -> str:
        if column == self.ROW:
            return str(outcome.number)
        if column == self.STATUS:
            return outcome.status.label
        if column == self.NAME:
            return as_text(outcome.cells.get(self._name_header)) if self._name_header else ""
        if column == self.RECORD:
            return outcome.ref
        return outcome.message

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return super().headerData(section, orientation, role)
