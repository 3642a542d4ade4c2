"""Offices: the administrator adds an office, renames one, closes one that stops taking cases
(and reopens it). The rules are in services.accounts.offices."""

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts import offices
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.accounts.offices import OfficeRow
from shelter_app.services.reference_data import offices as reference_offices
from shelter_app.ui.formats import END_ALIGNED, date_text, money, typed_number
from shelter_app.ui.forms import CaseForm
from shelter_app.ui.style import page_title
from shelter_app.ui.wrapping import wrapped

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_GREY = QBrush(QColor("#777777"))


def _closed_text(closed_at: datetime | None) -> str:
    if closed_at is None:
        return QCoreApplication.translate("OfficeTableModel", "Open")
    return QCoreApplication.translate("OfficeTableModel", "Closed on {date}").format(
        date=date_text(closed_at.astimezone(clock.CALENDAR_ZONE).date()))


BUDGET = 4  # the budget's column


class OfficeTableModel(QAbstractTableModel):
    """Every office by code, the closed ones greyed and marked closed."""

    HEADERS = (
        QT_TRANSLATE_NOOP("OfficeTableModel", "Code"),
        QT_TRANSLATE_NOOP("OfficeTableModel", "Name"),
        QT_TRANSLATE_NOOP("OfficeTableModel", "Province"),
        QT_TRANSLATE_NOOP("OfficeTableModel", "Status"),
        QT_TRANSLATE_NOOP("OfficeTableModel", "Budget"),
    )

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._rows: list[OfficeRow] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = offices.list_offices(self._db, self._actor)
        self.endResetModel()

    def row_at(self, row: int) -> OfficeRow:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return next((row for row, office in enumerate(self._rows) if office.code == code), -1)

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        office = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            budget = money(office.budget) if office.budget is not None else "—"
            return (office.code, office.name, office.province,
                    _closed_text(office.closed_at), budget)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == BUDGET:
            return END_ALIGNED
        if role == Qt.ItemDataRole.ForegroundRole and office.closed:
            return _GREY  # not italic: the Arabic fonts have no italic, Qt draws empty boxes
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return super().headerData(section, orientation, role)


def province_box(parent: QWidget) -> QComboBox:
    """Every province, the programme's six first; typing finds one ("sanl" for Şanlıurfa is
    folded by the service when saved)."""
    box = QComboBox(parent)
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.addItems(offices.province_choices())
    box.setCurrentIndex(-1)
    return box


def suggestion(province: str) -> tuple[str, str] | None:
    """The reference office of a programme province (code, name), to offer as defaults."""
    for info in reference_offices():
        if info.province == province:
            return info.code, info.name
    return None


class OfficeFields:
    """Code, name and province fields, registered in a CaseForm (the add dialog) or kept by
    the first-run wizard; choosing a programme province fills in its usual code and name."""

    def __init__(self, parent: QWidget) -> None:
        translate = QCoreApplication.translate
        self.code = QLineEdit()
        self.code.setMaxLength(3)
        self.code.setPlaceholderText(translate("OfficeFields", "3 letters, e.g. GAZ"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(translate("OfficeFields", "e.g. Gaziantep Field Office"))
        self.province = province_box(parent)
        self.province.currentTextChanged.connect(self._suggest)
        self._suggested: tuple[str, str] = ("", "")

    def rows(self) -> list[tuple[str, QWidget, str]]:
        translate = QCoreApplication.translate
        return [("province", self.province, translate("OfficeFields", "Province")),
                ("code", self.code, translate("OfficeFields", "Code")),
                ("name", self.name, translate("OfficeFields", "Name"))]

    def _suggest(self, province: str) -> None:
        found = suggestion(province)
        if found is None:
            return
        # only over what was empty or suggested before: never over what the user typed
        if self.code.text() in ("", self._suggested[0]):
            self.code.setText(found[0])
        if self.name.text() in ("", self._suggested[1]):
            self.name.setText(found[1])
        self._suggested = found

    def values(self) -> tuple[str, str, str]:
        return self.code.text(), self.name.text(), self.province.currentText()

    def clear(self) -> None:
        self.code.clear()
        self.name.clear()
        self.province.setCurrentIndex(-1)
        self.province.setEditText("")
        self._suggested = ("", "")


class AddOfficeDialog(CaseForm):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add an office"), parent)
        self.db = db
        self.actor = actor
        self.saved: OfficeRow | None = None
        note = QLabel(self.tr("The code starts every reference the office issues "
                              "(GAZ-D-000123) and cannot change later."))
        wrapped(note)
        self.body.addWidget(note)
        form = QFormLayout()
        self.office = OfficeFields(self)
        for name, widget, label in self.office.rows():
            self.add_field(name, widget, form, label)
        self.body.addLayout(form)
        self.setMinimumWidth(480)
        self.office.province.setFocus()

    def collect(self) -> tuple[str, str, str]:
        return self.office.values()

    def save(self, values: tuple[str, str, str], confirm: bool) -> None:
        self.saved = offices.add_office(self.db, self.actor, *values)


class RenameOfficeDialog(CaseForm):
    def __init__(self, db: Database, actor: Actor, office: OfficeRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Rename office {code}").format(code=office.code), parent)
        self.db = db
        self.actor = actor
        self.code = office.code
        self.saved: OfficeRow | None = None
        note = QLabel(self.tr("The code {code} and the references already issued stay as they "
                              "are.").format(code=office.code))
        wrapped(note)
        self.body.addWidget(note)
        form = QFormLayout()
        self.name = QLineEdit(office.name)
        self.add_field("name", self.name, form, self.tr("Name"))
        self.body.addLayout(form)
        self.setMinimumWidth(440)
        self.name.selectAll()
        self.name.setFocus()

    def collect(self) -> str:
        return self.name.text()

    def save(self, values: str, confirm: bool) -> None:
        self.saved = offices.rename_office(self.db, self.actor, self.code, values)


class BudgetDialog(CaseForm):
    """An office's budget, which the Reports page weighs approved BoQs and payments against."""

    def __init__(self, db: Database, actor: Actor, office: OfficeRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Budget of office {code}").format(code=office.code), parent)
        self.db = db
        self.actor = actor
        self.code = office.code
        self.saved: OfficeRow | None = None
        note = QLabel(self.tr("The money this office may spend, in TL. The Reports page sets "
                              "approved BoQs and cash-for-work payments against it. Leave it "
                              "empty when the office has no budget."))
        wrapped(note)
        self.body.addWidget(note)
        form = QFormLayout()
        # grouped as the list shows it: "2.750.000,50" (the decimals tell the point apart)
        self.budget = QLineEdit(typed_number(office.budget, 2) if office.budget is not None
                                else "")
        self.add_field("budget", self.budget, form, self.tr("Budget (TL)"))
        self.body.addLayout(form)
        self.setMinimumWidth(440)
        self.budget.selectAll()
        self.budget.setFocus()

    def collect(self) -> str:
        return self.budget.text()

    def save(self, values: str, confirm: bool) -> None:
        self.saved = offices.set_office_budget(self.db, self.actor, self.code, values)


class OfficesPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("Offices"))
        page_title(title)
        self.add_button = QPushButton(self.tr("Add office…"))
        self.add_button.clicked.connect(self.add_office)
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self.rename_office)
        self.close_button = QPushButton(self.tr("Close office…"))
        self.close_button.setToolTip(self.tr("The office keeps its records and users but "
                                             "registers no new cases"))
        self.close_button.clicked.connect(self.close_office)
        self.reopen_button = QPushButton(self.tr("Reopen office"))
        self.reopen_button.clicked.connect(self.reopen_office)
        self.budget_button = QPushButton(self.tr("Budget…"))
        self.budget_button.clicked.connect(self.set_budget)
        self.model = OfficeTableModel(db, actor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 70)
        self.table.setColumnWidth(1, 280)
        self.table.setColumnWidth(2, 140)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.rename_office())
        self.model.modelReset.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.budget_button,
                       self.close_button, self.reopen_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.notice)
        self._update_buttons()

    def selected(self) -> OfficeRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, code: str) -> None:
        row = self.model.row_of(code)
        if row >= 0:  # not selectRow: it selects nothing in a right-to-left table (Qt 6.12)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        office = self.selected()
        self.rename_button.setEnabled(office is not None)
        self.budget_button.setEnabled(office is not None)
        self.close_button.setVisible(office is None or not office.closed)
        self.close_button.setEnabled(office is not None and not office.closed)
        self.reopen_button.setVisible(office is not None and office.closed)

    def _reload(self, code: str | None, message: str = "") -> None:
        self.model.reload()
        if code is not None:
            self.select(code)
        self.notice.setText(message)

    def add_office(self) -> None:
        dialog = AddOfficeDialog(self._db, self._actor, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reload(
            dialog.saved.code if dialog.saved else None,
            self.tr("Office {code} is added.").format(
                code=dialog.saved.code if dialog.saved else "")))
        dialog.open()

    def rename_office(self) -> None:
        office = self.selected()
        if office is None:
            return
        dialog = RenameOfficeDialog(self._db, self._actor, office, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reload(
            office.code, self.tr("Office {code} is renamed.").format(code=office.code)))
        dialog.open()

    def set_budget(self) -> BudgetDialog | None:
        office = self.selected()
        if office is None:
            return None
        dialog = BudgetDialog(self._db, self._actor, office, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._reload(
            office.code, self.tr("The budget of office {code} is saved.").format(
                code=office.code)))
        dialog.open()
        return dialog

    def close_office(self) -> None:
        office = self.selected()
        if office is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Close office {code}?").format(code=office.code),
            self.tr("{name} will register no new cases. Its cases, records and users stay, "
                    "and you can reopen it later.").format(name=office.name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._act(lambda: offices.close_office(self._db, self._actor, office.code), office,
                  self.tr("Office {code} is closed."))

    def reopen_office(self) -> None:
        office = self.selected()
        if office is not None:
            self._act(lambda: offices.reopen_office(self._db, self._actor, office.code), office,
                      self.tr("Office {code} is open again."))

    def _act(self, action: Any, office: OfficeRow, done: str) -> None:
        try:
            action()
        except UserError as error:
            QMessageBox.warning(self, self.tr("Not done"), error.message)
            return
        self._reload(office.code, done.format(code=office.code))
