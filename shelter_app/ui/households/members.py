"""The household members register in the household tab: a table of the people and a form to
add or correct one; the rules are in services.cases.members."""

import uuid
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.members import RELATIONS, SEXES, relation_label, sex_label
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases import members
from shelter_app.ui.formats import END_ALIGNED, date_text
from shelter_app.ui.forms import CaseForm, date_edit

Index = QModelIndex | QPersistentModelIndex
_FIGURES = (4, 6)  # the age and the ID number: end-aligned as in every list


class MembersModel(QAbstractTableModel):
    """The register's rows (a household has a handful: loaded at once)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[members.MemberRow] = []

    def headers(self) -> list[str]:
        return [self.tr("Name (Latin)"), self.tr("Name (Arabic)"), self.tr("Sex"),
                self.tr("Born"), self.tr("Age"), self.tr("Relation"), self.tr("ID number")]

    def set_rows(self, rows: list[members.MemberRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.TextAlignmentRole and index.isValid()
                and index.column() in _FIGURES):
            return END_ALIGNED
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        born = date_text(row.birth_date)
        return (row.latin_name, row.arabic_name, sex_label(row.sex),
                self.tr("about {year}").format(year=row.birth_date.year)
                if row.birth_date_estimated else born,
                str(row.age), relation_label(row.relation), row.id_number)[index.column()]


class MembersPanel(QWidget):
    """The people of one household, with Add, Edit and Remove for who may edit cases."""

    def __init__(self, db: Database, actor: Actor, household_ref: str,
                 parent: QWidget | None = None, rows: list[members.MemberRow] | None = None
                 ) -> None:
        """`rows`: the household's people read beforehand (in a worker); else read now."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._ref = household_ref
        self.model = MembersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self.edit)
        self.add_button = QPushButton(self.tr("&Add member…"))
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self.tr("&Edit member…"))
        self.edit_button.clicked.connect(lambda: self.edit(self.table.currentIndex()))
        self.remove_button = QPushButton(self.tr("&Remove member"))
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            button.setVisible(actor.can(Action.EDIT_CASES))
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.dialog: MemberDialog | None = None
        if rows is None:
            self.refresh()
        else:
            self.model.set_rows(rows)

    def refresh(self) -> None:
        self.model.set_rows(members.household_members(self._db, self._actor, self._ref))

    def add(self) -> None:
        self._open(MemberDialog(self._db, self._actor, self._ref, None, self))

    def edit(self, index: QModelIndex) -> None:
        if index.isValid() and self._actor.can(Action.EDIT_CASES):
            self._open(MemberDialog(self._db, self._actor, self._ref,
                                    self.model.rows[index.row()], self))

    def _open(self, dialog: "MemberDialog") -> None:
        self.dialog = dialog
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def remove(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.rows[index.row()]
        answer = QMessageBox.question(
            self, self.tr("Remove member"),
            self.tr("Remove {name} from the household's register?").format(name=row.latin_name))
        if answer == QMessageBox.StandardButton.Yes:
            members.remove_member(self._db, self._actor, row.id)
            self.refresh()


class MemberDialog(CaseForm):
    """One person of the household: both spellings of the name, and a birth date or an age."""

    def __init__(self, db: Database, actor: Actor, household_ref: str,
                 row: members.MemberRow | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Household member") if row else self.tr("New household member"),
                         parent)
        self.db = db
        self.actor = actor
        self.household_ref = household_ref
        self.member_id: uuid.UUID | None = row.id if row else None
        form = QFormLayout()
        self.latin_name = QLineEdit()
        self.latin_name.setPlaceholderText(self.tr("As on the Turkish ID card"))
        self.arabic_name = QLineEdit()
        self.arabic_name.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.sex = QComboBox()
        for code in SEXES:
            self.sex.addItem(sex_label(code), code)
        self.birth_date = date_edit(QDate(1990, 1, 1))
        self.age = QLineEdit()
        self.age.setPlaceholderText(self.tr("When the date of birth is unknown"))
        self.age.setMaximumWidth(220)
        self.age.textChanged.connect(lambda text: self.birth_date.setEnabled(not text.strip()))
        self.relation = QComboBox()
        for code in RELATIONS:
            self.relation.addItem(relation_label(code), code)
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("TCKN or YKN, 11 digits"))
        for name, widget, label in (
                ("latin_name", self.latin_name, self.tr("Name (Latin letters)")),
                ("arabic_name", self.arabic_name, self.tr("Name (Arabic letters)")),
                ("sex", self.sex, self.tr("Sex")),
                ("birth_date", self.birth_date, self.tr("Date of birth")),
                ("age", self.age, self.tr("or age in years")),
                ("relation", self.relation, self.tr("Relation to the head")),
                ("id_number", self.id_number, self.tr("ID number"))):
            self.add_field(name, widget, form, label)
        self.body.addLayout(form)
        if row is not None:
            self._load(row.as_input())
        self.latin_name.setFocus()
        self.resize(560, self.sizeHint().height())

    def _load(self, data: members.MemberInput) -> None:
        self.latin_name.setText(data.latin_name)
        self.arabic_name.setText(data.arabic_name)
        self.sex.setCurrentIndex(max(0, self.sex.findData(data.sex)))
        if data.birth_date is not None:
            self.birth_date.setDate(QDate(data.birth_date))
        self.age.setText(data.age)
        self.relation.setCurrentIndex(max(0, self.relation.findData(data.relation)))
        self.id_number.setText(data.id_number)

    def collect(self) -> members.MemberInput:
        typed_age = self.age.text().strip()
        return members.MemberInput(
            self.latin_name.text(), self.arabic_name.text(), self.sex.currentData(),
            None if typed_age else self.birth_date.date().toPython(), typed_age,
            self.relation.currentData(), self.id_number.text())

    def save(self, values: members.MemberInput, confirm: bool) -> None:
        if self.member_id is None:
            self.member_id = members.add_member(self.db, self.actor, self.household_ref, values,
                                                confirm=confirm, supervisor=self.supervisor)
        else:
            members.update_member(self.db, self.actor, self.member_id, values, confirm=confirm,
                                  supervisor=self.supervisor)
