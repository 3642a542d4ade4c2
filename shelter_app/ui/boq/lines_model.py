"""The BoQ editor's lines: a table model whose quantity column is typed into.

A BoQ has at most a few hundred lines, all held in memory; an edit is checked and shown at
once (the same parsing the service does), then handed to the editor, which saves it in the
background (ui/saving.py); a save the service refuses is marked at its line. The quantity editor
accepts Turkish notation ("12,5") as well as "12.5"; numbers show as the interface language
writes them (ui/formats.py).
"""

import uuid
from dataclasses import replace
from typing import Any, ClassVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from shelter_app.domain.boq import parse_quantity
from shelter_app.domain.errors import UserError
from shelter_app.services.boq.boq import LineView, sort_lines
from shelter_app.ui.formats import END_ALIGNED, measure, number, typed_number, unit_text
from shelter_app.ui.running import current_language

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
QUANTITY = 4
REFUSED = QColor("#b00020")
# looked up once: each lookup of a Qt enum's member costs a Python call, per cell per role
_DISPLAY, _EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
_ALIGNMENT, _FOREGROUND = Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole
_ANSWERED = frozenset((_DISPLAY, _EDIT, _ALIGNMENT, _FOREGROUND, Qt.ItemDataRole.ToolTipRole))


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
    """Lines in printed order; `edited(before, after)` tells of each quantity changed."""

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
    # a quantity typed: the line before and after (a signal, not a callback kept here: the
    # editor's method held by its own model made a cycle, freed only by a full collection)
    edited = Signal(object, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editable = False
        self.problems: dict[uuid.UUID, str] = {}  # a refused save's message, by line
        # the texts of a line's cells, worked out when the line is first drawn, not at every
        # paint (a repaint of 200 lines asks thousands of times)
        self._texts: dict[uuid.UUID, tuple[LineView, list[str]]] = {}

    @property
    def lines(self) -> list[LineView]:
        return self.rows

    def set_lines(self, lines: list[LineView], editable: bool) -> None:
        """The lines of a BoQ as read: not a change (`changed` is not emitted), their totals
        are the read BoQ's, shown with its status a turn before (ui/boq/arrival.py). Totalled
        again here, 200 lines' totals and warnings were worked out twice, the second time in
        the turn that shows the lines."""
        self.beginResetModel()
        self.rows = sort_lines(lines)
        self.editable = editable
        self.problems = {key: text for key, text in self.problems.items()
                         if any(line.id == key for line in self.rows)}
        self.endResetModel()

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

    def mark(self, line_id: uuid.UUID, message: str | None) -> None:
        """Show `message` at the line (its quantity in red, the message as its tooltip), or
        clear it with None."""
        if message is None:
            self.problems.pop(line_id, None)
        else:
            self.problems[line_id] = message
        row = self.row_of(line_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

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

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        """A view asks about seven roles of each cell it paints, and the editor's table is
        painted whole at every focus change (three times an edit): the roles without an
        answer leave first, before the line is looked up."""
        if role not in _ANSWERED or not index.isValid():
            return None
        column = index.column()
        if role == _ALIGNMENT and (column >= QUANTITY or column == 0):
            return END_ALIGNED  # the line's number too
        if role == _ALIGNMENT:
            return None
        line = self.rows[index.row()]
        if role == _EDIT and column == QUANTITY:
            return typed_number(line.quantity)
        if role in (_DISPLAY, _EDIT):
            return str(index.row() + 1) if column == 0 else self._shown(line)[column - 1]
        problem = self.problems.get(line.id)
        if role == _FOREGROUND:
            return QBrush(REFUSED) if problem and column == QUANTITY else None
        return problem or line.description_in(current_language())  # the tooltip

    def _shown(self, line: LineView) -> list[str]:
        known = self._texts.get(line.id)
        if known is None or known[0] is not line:
            known = self._texts[line.id] = (line, [
                line.code, line.description_in(current_language()), unit_text(line.unit),
                measure(line.quantity, line.unit), number(line.unit_price),
                number(line.kdv_rate, None), number(line.total)])
        return known[1]

    def setData(self, index: Index, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != QUANTITY:
            return False
        line = self.lines[index.row()]
        try:
            quantity = parse_quantity(str(value))
        except UserError as error:
            self.refused.emit(error.message)
            return False
        if quantity == line.quantity:
            return True
        edited = replace(line, quantity=quantity)
        self.problems.pop(line.id, None)
        self.lines[index.row()] = edited
        self.dataChanged.emit(self.index(index.row(), 0),
                              self.index(index.row(), len(self.HEADERS) - 1))
        self.changed.emit()
        self.edited.emit(line, edited)
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

