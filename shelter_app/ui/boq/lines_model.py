"""The BoQ editor's lines: a table model whose quantity column is typed into.

A BoQ has at most a few hundred lines, all held in memory; an edit goes to the service, which
checks and saves it, and the model replaces just that line (no reload). The quantity editor
accepts Turkish notation ("12,5") as well as "12.5"; numbers show as the interface language
writes them (ui/formats.py).
"""

from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from shelter_app.domain.errors import UserError
from shelter_app.services.boq.boq import LineView, sort_lines
from shelter_app.ui.formats import measure, number, typed_number, unit_text
from shelter_app.ui.running import current_language

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
QUANTITY = 4


class ListTableModel(QAbstractTableModel):
    """A table over a short in-memory list, `rows`, with translated headers (HEADERS)."""

    HEADERS: ClassVar[list[str]] = []

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return super().headerData(section, orientation, role)


class LinesModel(ListTableModel):
    """Lines in printed order; `save_quantity(line, text)` is the service call for an edit."""

    HEADERS = [
        QT_TRANSLATE_NOOP("LinesModel", "No"),
        QT_TRANSLATE_NOOP("LinesModel", "Code"),
        QT_TRANSLATE_NOOP("LinesModel", "Description"),
        QT_TRANSLATE_NOOP("LinesModel", "Unit"),
        QT_TRANSLATE_NOOP("LinesModel", "Quantity"),
        QT_TRANSLATE_NOOP("LinesModel", "Unit price"),
        QT_TRANSLATE_NOOP("LinesModel", "VAT %"),
        QT_TRANSLATE_NOOP("LinesModel", "Amount"),
    ]
    # an edit was refused; the message says why
    refused = Signal(str)
    # the lines changed (an edit, an added or removed line)
    changed = Signal()

    def __init__(self, save_quantity: Callable[[LineView, str], LineView],
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._save = save_quantity
        self.editable = False

    @property
    def lines(self) -> list[LineView]:
        return self.rows

    def set_lines(self, lines: list[LineView], editable: bool) -> None:
        self.beginResetModel()
        self.rows = sort_lines(lines)
        self.editable = editable
        self.endResetModel()
        self.changed.emit()

    def add(self, line: LineView) -> int:
        """Insert a new line where it sorts; its row."""
        lines = sort_lines([*self.lines, line])
        row = lines.index(line)
        self.beginInsertRows(_ROOT, row, row)
        self.rows = lines
        self.endInsertRows()
        self.changed.emit()
        return row

    def put(self, line: LineView) -> int:
        """Show `line` (saved again by an undo or redo): in place of its old state, or added
        where it sorts; its row."""
        row = self.row_of(line.id)
        if row is None:
            return self.add(line)
        self.rows[row] = line
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        self.changed.emit()
        return row

    def row_of(self, line_id: object) -> int | None:
        return next((row for row, line in enumerate(self.rows) if line.id == line_id), None)

    def remove(self, row: int) -> None:
        self.beginRemoveRows(_ROOT, row, row)
        del self.lines[row]
        self.endRemoveRows()
        self.changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() == QUANTITY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == QUANTITY:
            return typed_number(line.quantity)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return [str(index.row() + 1), line.code, line.description_in(current_language()),
                    unit_text(line.unit), measure(line.quantity, line.unit),
                    number(line.unit_price),
                    number(line.kdv_rate, None), number(line.total)][column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= QUANTITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return line.description_in(current_language())
        return None

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != QUANTITY:
            return False
        line = self.lines[index.row()]
        try:
            saved = self._save(line, str(value))
        except UserError as error:
            self.refused.emit(error.message)
            return False
        self.lines[index.row()] = saved
        self.dataChanged.emit(self.index(index.row(), QUANTITY),
                              self.index(index.row(), len(self.HEADERS) - 1))
        self.changed.emit()
        return True


class QuantityDelegate(QStyledItemDelegate):
    """A plain text editor for quantities: the service parses "12,5" and refuses bad input,
    so the field never rejects keys silently."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setObjectName("quantityEditor")
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(index.data(Qt.ItemDataRole.EditRole))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

