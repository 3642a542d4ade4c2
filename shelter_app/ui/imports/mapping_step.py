"""Step 2 of an import: which column of the file fills which field.

Columns are matched by name when the file is read (services.imports.mapping), each match with
its reason beside it; the user corrects a match with the field's list of the file's columns,
or loads a mapping saved for an earlier file of the same programme (its value mapping goes to
the values step; saving keeps that step's values too). Required fields no column fills are named under the table,
and the dialog does not go on until each has a column.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import UserError
from shelter_app.services.imports.kinds.base import Kind
from shelter_app.services.imports.mapping import (
    ColumnMap,
    ValueMap,
    load_mapping,
    load_values,
    missing_fields,
    save_mapping,
    shared_columns,
)
from shelter_app.services.imports.sources import Sheet
from shelter_app.services.imports.values import as_text
from shelter_app.ui.formats import listed
from shelter_app.ui.forms import ERROR_STYLE, WARNING_STYLE
from shelter_app.ui.wrapping import wrapped

_EXAMPLE_ROWS = 50  # rows searched for a filled cell to show as the column's example


class MappingStep(QWidget):
    FIELD, COLUMN, EXAMPLE, WHY = range(4)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind: Kind | None = None
        self.sheet: Sheet | None = None
        self.folder = Path.home()
        self.combos: list[QComboBox] = []
        self.reasons: dict[str, str] = {}
        self.saved_values: ValueMap = {}  # from a loaded mapping file
        self.values_provider: Callable[[], ValueMap] = dict
        intro = QLabel(self.tr("Choose the column of the file that fills each field. Fields "
                               "marked * are required; the others may stay empty."))
        wrapped(intro)
        # one line per field of the kind (a few dozen), not per row of the file
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Column in the file"), self.tr("Example"),
             self.tr("Why")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.EXAMPLE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(self.COLUMN, 220)
        self.table.setColumnWidth(self.EXAMPLE, 160)
        self.table.setWordWrap(True)
        self.message = QLabel()
        wrapped(self.message)
        self.message.setStyleSheet(ERROR_STYLE)
        self.load_button = QPushButton(self.tr("Load mapping…"))
        self.save_button = QPushButton(self.tr("Save mapping…"))
        self.load_button.setToolTip(self.tr("Use the columns saved for an earlier file"))
        self.save_button.setToolTip(self.tr("Keep these choices for the next file of this kind"))
        self.load_button.clicked.connect(self.load)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def set_columns(self, kind: Kind, sheet: Sheet, mapping: ColumnMap, folder: Path,
                    reasons: dict[str, str] | None = None) -> None:
        """One line per field of `kind`, its list preset to `mapping`'s column, with why."""
        self.kind, self.sheet, self.folder = kind, sheet, folder
        self.reasons = dict(reasons or {})
        self.table.setRowCount(len(kind.fields))
        self.combos = []
        bold = QFont(self.font())
        bold.setBold(True)
        for row, field in enumerate(kind.fields):
            item = QTableWidgetItem(field.label() + (" *" if field.required else ""))
            if field.required:
                item.setFont(bold)
            self.table.setItem(row, self.FIELD, item)
            self.table.setItem(row, self.EXAMPLE, QTableWidgetItem())
            self.table.setItem(row, self.WHY, QTableWidgetItem())
            combo = QComboBox()
            combo.addItem(self.tr("— not imported —"), None)
            for header in sheet.headers:
                combo.addItem(header, header)
            combo.currentIndexChanged.connect(lambda _, row=row: self._chosen(row))
            self.table.setCellWidget(row, self.COLUMN, combo)
            self.combos.append(combo)
        self.apply(mapping)

    def apply(self, mapping: ColumnMap) -> None:
        assert self.kind is not None
        for row, field in enumerate(self.kind.fields):
            combo = self.combos[row]
            combo.blockSignals(True)
            combo.setCurrentIndex(max(0, combo.findData(mapping.get(field.key))))
            combo.blockSignals(False)
            self._show_example(row)
        self.table.resizeRowsToContents()
        self._update()

    def mapping(self) -> ColumnMap:
        if self.kind is None:
            return {}
        return {field.key: combo.currentData() for field, combo in zip(
            self.kind.fields, self.combos, strict=True) if combo.currentData() is not None}

    def missing(self) -> list[str]:
        return missing_fields(self.kind, self.mapping()) if self.kind is not None else []

    def ready(self) -> bool:
        return self.kind is not None and not self.missing()

    def _chosen(self, row: int) -> None:
        assert self.kind is not None
        self.reasons[self.kind.fields[row].key] = self.tr("chosen by you")
        self._show_example(row)
        self._update()

    def _show_example(self, row: int) -> None:
        header = self.combos[row].currentData()
        rows = self.sheet.rows[:_EXAMPLE_ROWS] if self.sheet is not None and header else []
        example = next((text for r in rows if (text := as_text(r.cells.get(header)))), "")
        item = self.table.item(row, self.EXAMPLE)
        item.setText(example)
        item.setToolTip(example)
        assert self.kind is not None
        why = self.reasons.get(self.kind.fields[row].key, "") if header else ""
        reason = self.table.item(row, self.WHY)
        reason.setText(why)
        reason.setToolTip(why)

    def _update(self) -> None:
        missing = self.missing()
        shared = shared_columns(self.kind, self.mapping()) if self.kind is not None else []
        self.message.setStyleSheet(ERROR_STYLE if missing else WARNING_STYLE)
        self.message.setText("\n".join(([self.tr("Choose a column for: {fields}.").format(
            fields=listed(missing))] if missing else []) + shared))
        self.message.setVisible(bool(missing or shared))
        self.changed.emit()

    def load(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Load a mapping"),
                                                str(self.folder),
                                                self.tr("Mapping files (*.json)"))
        if not chosen or self.kind is None or self.sheet is None:
            return
        try:
            mapping = load_mapping(Path(chosen), self.kind, self.sheet.headers)
            self.saved_values = load_values(Path(chosen), self.kind)
        except UserError as error:
            self.message.setText(error.message)
            self.message.setVisible(True)
            return
        self.reasons = dict.fromkeys(mapping, self.tr("from the mapping file {name}").format(
            name=Path(chosen).name))
        self.apply(mapping)

    def save(self) -> None:
        if self.kind is None:
            return
        suggested = self.folder / f"{self.kind.name}-mapping.json"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the mapping"),
                                                str(suggested),
                                                self.tr("Mapping files (*.json)"))
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".json") else Path(chosen + ".json")
        try:
            save_mapping(path, self.kind, self.mapping(), self.values_provider())
        except OSError as error:
            self.message.setText(self.tr("Cannot save the mapping {path}: {error}. Choose "
                                         "another folder.").format(path=path,
                                                                   error=error.strerror))
        else:
            self.message.setStyleSheet("")
            self.message.setText(self.tr("The mapping was saved as {path}.").format(path=path))
        self.message.setVisible(True)
