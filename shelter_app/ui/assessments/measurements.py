"""The rooms and openings tables of the assessment form: a few rows typed on site.

These are small editing grids (a dwelling has a handful of rooms), so QTableWidget is right
here; lists of records use PagedTableModel. Cells hold the text as typed ("4,20"); the service
parses and checks it and names a bad cell ("room.1.height_m"), which `select_field` selects.
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.takeoff import Areas, OpeningInput, OpeningKind, RoomInput
from shelter_app.ui.formats import END_ALIGNED, number, typed_number, typed_stored

ROOM_COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("MeasurementTable", "Room")),
    ("length_m", QT_TRANSLATE_NOOP("MeasurementTable", "Length m")),
    ("width_m", QT_TRANSLATE_NOOP("MeasurementTable", "Width m")),
    ("height_m", QT_TRANSLATE_NOOP("MeasurementTable", "Height m")),
    ("exterior_m", QT_TRANSLATE_NOOP("MeasurementTable", "Exterior walls m")),
)
_NAMES = ("name", "room")
OPENING_COLUMNS = (
    ("room", QT_TRANSLATE_NOOP("MeasurementTable", "Room")),
    ("kind", QT_TRANSLATE_NOOP("MeasurementTable", "Kind")),
    ("width_m", QT_TRANSLATE_NOOP("MeasurementTable", "Width m")),
    ("height_m", QT_TRANSLATE_NOOP("MeasurementTable", "Height m")),
    ("count", QT_TRANSLATE_NOOP("MeasurementTable", "Count")),
    ("exterior", QT_TRANSLATE_NOOP("MeasurementTable", "Exterior")),
)


class _Grid(QTableWidget):
    """Tab walks the cells, then leaves the grid after its last cell (Shift+Tab before its
    first), so the keyboard never stays trapped in it, whether a cell is being typed in or not
    (Qt's editor would wrap round to the first cell)."""

    def _at_edge(self, forward: bool) -> bool:
        index = self.currentIndex()
        edge = ((self.rowCount() - 1, self.columnCount() - 1) if forward else (0, 0))
        return not index.isValid() or (index.row(), index.column()) == edge

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt's name
        """Tab into the grid starts at its first cell, Shift+Tab at its last."""
        if self.rowCount() and event.reason() is Qt.FocusReason.TabFocusReason:
            self.setCurrentCell(0, 0)
        elif self.rowCount() and event.reason() is Qt.FocusReason.BacktabFocusReason:
            self.setCurrentCell(self.rowCount() - 1, self.columnCount() - 1)
        super().focusInEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        if self._at_edge(forward):
            return QWidget.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def closeEditor(self, editor: QWidget,  # noqa: N802 - Qt's name
                    hint: QAbstractItemDelegate.EndEditHint) -> None:
        moves = {QAbstractItemDelegate.EndEditHint.EditNextItem: True,
                 QAbstractItemDelegate.EndEditHint.EditPreviousItem: False}
        if hint in moves and self._at_edge(moves[hint]):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            QWidget.focusNextPrevChild(self, moves[hint])
            return
        super().closeEditor(editor, hint)


class MeasurementTable(QWidget):
    """A table with Add and Remove buttons; `columns` are (field key, header) pairs."""

    changed = Signal()

    def __init__(self, columns: Sequence[tuple[str, str]], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.keys = [key for key, _ in columns]
        self.table = _Grid(0, len(columns))
        self.table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("MeasurementTable", header) for _, header in columns])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setTabKeyNavigation(True)
        self.table.setMinimumHeight(120)
        self.table.itemChanged.connect(self.changed)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: Mapping[str, Any] | None = None) -> int:
        values = values or self.defaults()
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        for column, key in enumerate(self.keys):
            self.fill_cell(row, column, key, values.get(key, ""))
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.changed.emit()
        return row

    def fill_cell(self, row: int, column: int, key: str, value: Any) -> None:
        item = QTableWidgetItem(str(value))
        if key not in _NAMES:  # a measure or a count: end-aligned as in every list
            item.setTextAlignment(Qt.AlignmentFlag(END_ALIGNED))
        self.table.setItem(row, column, item)

    def defaults(self) -> dict[str, Any]:
        return {}

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def text(self, row: int, key: str) -> str:
        item = self.table.item(row, self.keys.index(key))
        return item.text() if item else ""

    def select_field(self, row: int, key: str) -> None:
        if 0 <= row < self.table.rowCount() and key in self.keys:
            self.table.setCurrentCell(row, self.keys.index(key))


class RoomsTable(MeasurementTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ROOM_COLUMNS, parent)
        self.add_button.setText(self.tr("Add room"))

    def defaults(self) -> dict[str, Any]:
        """A new room repeats the previous room's height: ceilings are mostly all alike."""
        rows = self.table.rowCount()
        height = self.text(rows - 1, "height_m") if rows else typed_number(Decimal("2.70"))
        return {"name": self.tr("Room {n}").format(n=rows + 1), "height_m": height}

    def load(self, rooms: Sequence[Mapping[str, Any]]) -> None:
        for room in rooms:
            self.add_row({key: room.get(key, "") if key == "name" else typed_stored(room.get(key))
                          for key in self.keys})

    def values(self) -> list[RoomInput]:
        return [RoomInput(*(self.text(row, key) for key in self.keys))
                for row in range(self.table.rowCount())]

    def names(self) -> list[str]:
        return [self.text(row, "name").strip() for row in range(self.table.rowCount())]


class OpeningsTable(MeasurementTable):
    """Openings per room; the kind is a combo box, "exterior" a check box."""

    def __init__(self, rooms: RoomsTable, parent: QWidget | None = None) -> None:
        super().__init__(OPENING_COLUMNS, parent)
        self._rooms = rooms
        self.add_button.setText(self.tr("Add window or door"))

    def defaults(self) -> dict[str, Any]:
        names = self._rooms.names()
        current = self._rooms.table.currentRow()
        return {"room": names[current] if 0 <= current < len(names) else "",
                "kind": OpeningKind.WINDOW, "count": "1", "exterior": True}

    def fill_cell(self, row: int, column: int, key: str, value: Any) -> None:
        if key == "kind":
            combo = QComboBox()
            for kind in OpeningKind:
                combo.addItem(kind.label, kind)
            combo.setCurrentIndex(combo.findData(OpeningKind(value or OpeningKind.WINDOW)))
            combo.currentIndexChanged.connect(self.changed)
            self.table.setCellWidget(row, column, combo)
        elif key == "exterior":
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            self.table.setItem(row, column, item)
        else:
            super().fill_cell(row, column, key, value)

    def load(self, rooms: Sequence[Mapping[str, Any]]) -> None:
        for room in rooms:
            for opening in room.get("openings", []):
                self.add_row({"room": room.get("name", ""), "kind": opening["kind"],
                              "width_m": typed_stored(opening["width_m"]),
                              "height_m": typed_stored(opening["height_m"]),
                              "count": opening["count"], "exterior": opening.get("exterior")})

    def values(self) -> list[OpeningInput]:
        openings = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, self.keys.index("kind"))
            exterior = self.table.item(row, self.keys.index("exterior"))
            openings.append(OpeningInput(
                self.text(row, "room"), combo.currentData(), self.text(row, "width_m"),
                self.text(row, "height_m"), self.text(row, "count"),
                exterior.checkState() == Qt.CheckState.Checked))
        return openings


def quantities_text(q: Areas) -> str:
    """The take-off in one line, as the form and the dwelling file show it."""
    windows = QCoreApplication.translate("MeasurementTable", "%n windows", "", q.windows)
    doors = QCoreApplication.translate("MeasurementTable", "%n doors", "", q.doors)
    return QCoreApplication.translate(
        "MeasurementTable", "Take-off: floor {floor} m², walls {walls} m², exterior walls "
                            "{exterior} m², {windows} {window_area} m², {doors}"
    ).format(floor=number(q.floor), walls=number(q.walls), exterior=number(q.exterior_walls),
             windows=windows, window_area=number(q.window_area), doors=doors)
