"""Step 3 of an import: the value mapping. Each choice column's values as the file writes them
(Kobo's choice names, or labels in any language) beside the app's value they become, suggested
by name (services.imports.choices) and changed with the line's list. A condition scale written
in numbers gets its direction from two buttons, never from a guess; the direction is spelled
out under them. A value left without an app value is refused in a Kobo/ODK export (the message
under the table says how many)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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
from shelter_app.services.imports.choices import (
    BEST_FIRST,
    WORST_FIRST,
    choice_fields,
    scale_text,
    suggested_values,
    with_direction,
)
from shelter_app.services.imports.kinds.base import Field, Kind
from shelter_app.services.imports.mapping import ColumnMap, ValueMap
from shelter_app.services.imports.sources import Sheet
from shelter_app.ui.formats import listed
from shelter_app.ui.forms import ERROR_STYLE, WARNING_STYLE
from shelter_app.ui.wrapping import wrapped


class ValuesStep(QWidget):
    FIELD, VALUE, APP = range(3)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind: Kind | None = None
        self.sheet: Sheet | None = None
        self.column_map: ColumnMap = {}
        self.strict = False
        self.lines: list[tuple[Field, str, QComboBox]] = []
        intro = QLabel(self.tr("Choose what each value of the file becomes in the app. Values "
                               "are suggested by name; check them, and choose one where none "
                               "is suggested."))
        wrapped(intro)
        self.worst_first = QPushButton(self.tr("The form's 1 is the worst state"))
        self.best_first = QPushButton(self.tr("The form's 1 is the best state"))
        self.worst_first.clicked.connect(lambda: self.set_direction(WORST_FIRST))
        self.best_first.clicked.connect(lambda: self.set_direction(BEST_FIRST))
        self.scale_note = QLabel()
        wrapped(self.scale_note)
        self.direction = QLabel()
        wrapped(self.direction)
        scale_buttons = QHBoxLayout()
        scale_buttons.addWidget(self.worst_first)
        scale_buttons.addWidget(self.best_first)
        scale_buttons.addStretch(1)
        self.scale_box = QWidget()
        scale_layout = QVBoxLayout(self.scale_box)
        scale_layout.setContentsMargins(0, 0, 0, 0)
        scale_layout.addWidget(self.scale_note)
        scale_layout.addLayout(scale_buttons)
        scale_layout.addWidget(self.direction)
        # one line per distinct value of a choice column (at most MAX_VALUES each)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Value in the file"), self.tr("Value in the app")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.VALUE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(self.VALUE, 240)
        self.message = QLabel()
        wrapped(self.message)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scale_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def set_values(self, kind: Kind, sheet: Sheet, mapping: ColumnMap, saved: ValueMap,
                   strict: bool) -> None:
        """The mapped choice columns' values, each with the saved or suggested app value."""
        self.kind, self.sheet, self.column_map, self.strict = kind, sheet, mapping, strict
        self._fill(suggested_values(kind, sheet, mapping, saved))

    def has_values(self) -> bool:
        return bool(self.lines)

    def _fill(self, values: ValueMap) -> None:
        assert self.kind is not None
        self.lines = []
        fields = {field.key: field for field in choice_fields(self.kind, self.column_map)}
        rows = [(fields[key], value, app) for key, chosen in values.items()
                for value, app in chosen.items()]
        self.table.setRowCount(len(rows))
        for row, (field, value, app) in enumerate(rows):
            assert field.choices is not None
            self.table.setItem(row, self.FIELD, QTableWidgetItem(
                f"{field.label()} ({self.column_map[field.key]})"))
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, self.VALUE, item)
            combo = QComboBox()
            combo.addItem(self.tr("— no value: refused —") if self.strict
                          else self.tr("— as written —"), "")
            for stored, label in field.choices.options():
                combo.addItem(label, stored)
            combo.setCurrentIndex(max(0, combo.findData(app)))
            combo.currentIndexChanged.connect(self._update)
            self.table.setCellWidget(row, self.APP, combo)
            self.lines.append((field, value, combo))
        scales = [field for field in fields.values() if field.choices and field.choices.scale
                  and any(value.isdigit() for f, value, _ in self.lines if f is field)]
        self.scale_box.setVisible(bool(scales))
        self.scale_note.setText(self.tr("{fields}: the form's scale is written in numbers, "
                                        "which do not say whether 1 is the best or the worst "
                                        "state. Say which, as the form's labels do:").format(
            fields=listed(field.label() for field in scales)))
        self._update()

    def values(self) -> ValueMap:
        found: ValueMap = {}
        for field, value, combo in self.lines:
            found.setdefault(field.key, {})[value] = combo.currentData() or ""
        return found

    def set_direction(self, direction: str) -> None:
        """Map the numbers of every scale column as the user said."""
        if self.kind is None or self.sheet is None:
            return
        try:
            values = with_direction(self.kind, self.sheet, self.column_map, self.values(),
                                    direction)
        except UserError as error:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(error.message)
            return
        self._fill(values)

    def _update(self) -> None:
        chosen = self.values()
        scales = [(field, chosen.get(field.key, {})) for field in
                  {f.key: f for f, _, _ in self.lines}.values()
                  if field.choices is not None and field.choices.scale]
        self.direction.setText("\n".join(
            f"{field.label()}: {text}" for field, values in scales
            if (text := scale_text(field.choices, values))))
        left = sum(not combo.currentData() for _, _, combo in self.lines)
        self.message.setStyleSheet(WARNING_STYLE)
        self.message.setText(self.tr("%n values have no value in the app: rows with them "
                                     "will be refused.", "", left)
                             if left and self.strict else "")
        self.message.setVisible(bool(self.message.text()))
        self.changed.emit()
