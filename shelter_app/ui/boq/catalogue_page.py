"""The price catalogue for administrators: versions, prices, withdrawal, XLSX import/export.

A draft version's prices are typed into the table; a published version is read-only, and a
price change means a new version (copied from the selected one, or imported).
"""

import uuid
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.boq import catalogue as service
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.boq.lines_model import ListTableModel
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.formats import END_ALIGNED, date_text, number, read_date, typed_number, unit_text
from shelter_app.ui.running import current_language
from shelter_app.ui.style import page_title
from shelter_app.ui.wrapping import wrapped

PRICE = 5



class ItemsTableModel(ListTableModel):
    HEADERS = [QT_TRANSLATE_NOOP("ItemsTableModel", "Code"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "Category"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "Description (Turkish)"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "Description (English)"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "Unit"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "Unit price"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "VAT %"),
               QT_TRANSLATE_NOOP("ItemsTableModel", "Withdrawn")]
    # the second description is the reader's own in Arabic: the catalogue has one
    ARABIC = QT_TRANSLATE_NOOP("ItemsTableModel", "Description (Arabic)")
    SECOND = 3
    refused = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.draft = False

    @property
    def items(self) -> list[service.ItemRow]:
        return self.rows

    def load(self, catalogue: service.CatalogueInfo | None) -> None:
        self.beginResetModel()
        self.rows = service.catalogue_items(self._db, catalogue.id) if catalogue else []
        self.draft = bool(catalogue and not catalogue.published)
        self.endResetModel()

    def flags(self, index: Any) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self.draft and index.column() == PRICE \
            else flags

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (PRICE, PRICE + 1):
            return END_ALIGNED  # the unit price and the KDV rate
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.EditRole and index.column() == PRICE:
            return typed_number(item.unit_price, 2)
        second = item.description_ar if current_language() == "ar" else item.description_en
        return [item.code, item.category.label, item.description_tr, second,
                unit_text(item.unit), number(item.unit_price), number(item.kdv_rate, None),
                translate("catalogue", "Yes") if item.withdrawn else ""][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (section == self.SECOND and current_language() == "ar"
                and orientation == Qt.Orientation.Horizontal
                and role == Qt.ItemDataRole.DisplayRole):
            return self.tr(self.ARABIC)
        return super().headerData(section, orientation, role)

    def setData(self, index: Any, value: Any,
                role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != PRICE or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            self.items[index.row()] = service.set_unit_price(
                self._db, self._actor, self.items[index.row()].id, str(value))
        except UserError as error:
            self.refused.emit(error.message)
            return False
        self.dataChanged.emit(index, index)
        return True

    def toggle_withdrawn(self, row: int) -> None:
        item = self.items[row]
        self.items[row] = service.set_withdrawn(self._db, self._actor, item.id,
                                                not item.withdrawn)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))


class CataloguePage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("Price catalogue"))
        page_title(title)
        self.versions = QComboBox()
        self.versions.currentIndexChanged.connect(self.show_version)
        self.model = ItemsTableModel(db, actor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column, width in ((0, 110), (1, 100), (4, 55), (5, 90), (6, 90), (7, 85)):
            self.table.setColumnWidth(column, width)
        fit_titles(self.table)
        for column in (2, 3):  # the descriptions share the rest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel()
        wrapped(self.message)
        self.model.refused.connect(self.show_error)
        buttons = QHBoxLayout()
        for label, slot in ((self.tr("New version…"), self.new_version),
                            (self.tr("Import XLSX…"), self.import_xlsx),
                            (self.tr("Export XLSX…"), self.export_xlsx),
                            (self.tr("Publish"), self.publish),
                            (self.tr("Withdraw / restore item"), self.toggle_withdrawn)):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Version")))
        top.addWidget(self.versions, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    def reload(self, select: uuid.UUID | None = None) -> None:
        self.catalogues = service.list_catalogues(self._db)
        self.versions.blockSignals(True)
        self.versions.clear()
        for info in self.catalogues:
            state = self.tr("published") if info.published else self.tr("draft")
            self.versions.addItem(self.tr("{label} from {date} ({state}, %n items)", "",
                                          info.items).format(
                label=info.label, date=date_text(info.valid_from), state=state))
        row = next((n for n, info in enumerate(self.catalogues) if info.id == select), 0)
        self.versions.setCurrentIndex(row)
        self.versions.blockSignals(False)
        self.show_version()

    @property
    def current(self) -> service.CatalogueInfo | None:
        row = self.versions.currentIndex()
        return self.catalogues[row] if 0 <= row < len(self.catalogues) else None

    def show_version(self) -> None:
        self.model.load(self.current)

    def ask_version(self) -> tuple[str, date] | None:
        label, ok = QInputDialog.getText(self, self.tr("New version"),
                                         self.tr("Name of the version (e.g. 2026-07):"))
        if not ok:
            return None
        example = date_text(clock.today())
        day, ok = QInputDialog.getText(self, self.tr("New version"),
                                       self.tr("Prices apply from (e.g. {example}):").format(
                                           example=example), text=example)
        if not ok:
            return None
        valid_from = read_date(day)
        if valid_from is None:
            self.show_error(self.tr("'{day}' is not a date; write it as {example}.").format(
                day=day, example=example))
            return None
        return label, valid_from

    def ask_path(self, save: bool) -> str:
        caption, name = self.tr("Price catalogue"), self.tr("Spreadsheets (*.xlsx)")
        if save:
            label = self.current.label if self.current else "catalogue"
            return QFileDialog.getSaveFileName(self, caption, f"{label}.xlsx", name)[0]
        return QFileDialog.getOpenFileName(self, caption, "", name)[0]

    def new_version(self) -> None:
        answer = self.ask_version()
        if answer:
            source = self.current.id if self.current else None
            self._run(lambda: self.reload(service.new_version(
                self._db, self._actor, answer[0], answer[1], source).id))

    def import_xlsx(self) -> None:
        path = self.ask_path(save=False)
        answer = self.ask_version() if path else None
        if answer:
            self._run(lambda: self.reload(service.import_xlsx(
                self._db, self._actor, Path(path), answer[0], answer[1]).id))

    def export_xlsx(self) -> None:
        current = self.current
        path = self.ask_path(save=True) if current else ""
        if current and path:
            self._run(lambda: self.show_done(self.tr(
                "Wrote %n items to {path}.", "",
                service.export_xlsx(self._db, current.id, Path(path))).format(path=path)))

    def publish(self) -> None:
        current = self.current
        if current:
            self._run(lambda: (service.publish(self._db, self._actor, current.id),
                               self.reload(current.id)))

    def toggle_withdrawn(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            self.show_error(self.tr("Select an item first."))
            return
        self._run(lambda: self.model.toggle_withdrawn(index.row()))

    def _run(self, action: Any) -> None:
        try:
            action()
        except UserError as error:
            self.show_error(error.message)

    def show_error(self, message: str) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(message)

    def show_done(self, message: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(message)
