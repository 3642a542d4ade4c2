"""Users: the administrator sees every account, adds engineers and supervisors, resets a
password, unlocks, deactivates and reactivates an account, changes a role or an office.

Every action is a call of services.accounts (auth, users); what they refuse is shown at the
field, or in a message box for a one-click action.
"""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
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
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth, users
from shelter_app.services.accounts.offices import list_offices
from shelter_app.ui.formats import bidi_safe
from shelter_app.ui.forms import CaseForm
from shelter_app.ui.paged_model import Column, Index, PagedTableModel
from shelter_app.ui.style import page_title
from shelter_app.ui.wrapping import wrapped

_GREY = QBrush(QColor("#777777"))


def _status(row: auth.UserRow) -> str:
    translate = QCoreApplication.translate
    states = [translate("UserTableModel", "Active") if row.active else
              translate("UserTableModel", "Deactivated")]
    if row.locked:
        states.append(translate("UserTableModel", "Locked after failed sign-ins"))
    if row.must_change_password:
        states.append(translate("UserTableModel", "Must change password"))
    return " · ".join(states)


class UserTableModel(PagedTableModel[auth.UserRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("UserTableModel", "User name"), lambda r: r.username),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Full name"), lambda r: r.full_name),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Role"), lambda r: r.role.label),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Office"), lambda r: r.office or ""),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Status"), _status),
    ]

    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[auth.UserRow]:
        return auth.list_users(self._db, self._actor)[offset:offset + limit]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.ForegroundRole and index.isValid()
                and not self.row_at(index.row()).active):
            return _GREY
        return super().data(index, role)

    def row_of(self, username: str) -> int:
        return next((row for row in range(self.rowCount())
                     if self.row_at(row).username == username), -1)


def _role_box(parent: QWidget) -> QComboBox:
    box = QComboBox(parent)
    translate = QCoreApplication.translate
    for role, label in ((Role.ENGINEER, translate("UsersPage", "Engineer")),
                        (Role.SUPERVISOR, translate("UsersPage", "Supervisor")),
                        (Role.ADMIN, translate("UsersPage", "Administrator"))):
        box.addItem(label, role)
    return box


def _office_box(db: Database, actor: auth.Actor, parent: QWidget) -> QComboBox:
    """The open offices (a closed one takes no new users), "(none)" first for administrators."""
    box = QComboBox(parent)
    box.addItem(QCoreApplication.translate("UsersPage", "(none)"), None)
    for office in list_offices(db, actor, open_only=True):
        box.addItem(f"{office.code} — {office.name}", office.code)
    return box


class AddUserDialog(CaseForm):
    """A new account: every problem after one OK, each at its field (CaseForm)."""

    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a user"), parent)
        self.db = db
        self.actor = actor
        note = QLabel(self.tr("The new user changes this temporary password at first "
                              "sign-in."))
        wrapped(note)
        self.body.addWidget(note)
        self.form = QFormLayout()
        self.body.addLayout(self.form)
        for name, label in (("username", self.tr("User name")),
                            ("full_name", self.tr("Full name"))):
            self.add_field(name, QLineEdit(), self.form, label)
        self.role = _role_box(self)
        self.add_field("role", self.role, self.form, self.tr("Role"))
        self.office = _office_box(db, actor, self)
        self.add_field("office", self.office, self.form, self.tr("Office"))
        password = QLineEdit()
        password.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("password", password, self.form, self.tr("Temporary password"))
        self.created: auth.Actor | None = None
        self.setMinimumWidth(420)

    def collect(self) -> dict[str, Any]:
        return {name: self.fields[name].text() for name in ("username", "full_name", "password")
                } | {"role": self.role.currentData(), "office_code": self.office.currentData()}

    def save(self, values: dict[str, Any], confirm: bool) -> None:
        self.created = auth.create_user(self.db, self.actor, **values)


class _UserForm(CaseForm):
    """A form about one user, named at its top."""

    def __init__(self, title: str, user: auth.UserRow, intro: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.user = user
        self.saved: auth.UserRow | None = None
        self.heading = QLabel(bidi_safe(f"{user.full_name} ({user.username})"))
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
        self.heading.setObjectName("userHeading")
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        self.body.addWidget(self.heading)
        note = QLabel(intro)
        wrapped(note)
        self.body.addWidget(note)
        self.form = QFormLayout()
        self.body.addLayout(self.form)
        self.setMinimumWidth(460)


class ResetPasswordDialog(_UserForm):
    """A temporary password for someone who forgot theirs; they change it at next sign-in."""

    def __init__(self, db: Database, actor: auth.Actor, user: auth.UserRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Reset password"), user,
            self.tr("Give this user a temporary password and tell it to them in person. They "
                    "must change it at their next sign-in; a lock-out after failed sign-ins "
                    "ends now."), parent)
        self.db = db
        self.actor = actor
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_field("password", self.password, self.form, self.tr("Temporary password"))
        self.add_field("repeat", self.repeat, self.form, self.tr("Repeat password"))
        self.ok_button.setText(self.tr("Reset password"))
        self._ok_text = self.ok_button.text()
        self.password.setFocus()

    def collect(self) -> tuple[str, str]:
        return self.password.text(), self.repeat.text()

    def save(self, values: tuple[str, str], confirm: bool) -> None:
        self.saved = users.reset_password(self.db, self.actor, self.user.username, *values)


class RoleOfficeDialog(_UserForm):
    """Another role or office for a user (an engineer moved to Kilis, a supervisor named)."""

    def __init__(self, db: Database, actor: auth.Actor, user: auth.UserRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Change role or office"), user,
            self.tr("The role decides what the user may do, the office which cases they "
                    "work on. The change applies from their next sign-in."), parent)
        self.db = db
        self.actor = actor
        self.role = _role_box(self)
        self.role.setCurrentIndex(max(0, self.role.findData(user.role)))
        self.office = _office_box(db, actor, self)
        if user.office and self.office.findData(user.office) < 0:  # a closed office
            self.office.addItem(user.office, user.office)
        self.office.setCurrentIndex(max(0, self.office.findData(user.office)))
        self.add_field("role", self.role, self.form, self.tr("Role"))
        self.add_field("office", self.office, self.form, self.tr("Office"))

    def collect(self) -> tuple[Role, str | None]:
        return self.role.currentData(), self.office.currentData()

    def save(self, values: tuple[Role, str | None], confirm: bool) -> None:
        role, office = values
        self.saved = users.update_user(self.db, self.actor, self.user.username, role=role,
                                       office_code=office)


class UsersPage(QWidget):
    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("Users"))
        page_title(title)
        self.add_button = QPushButton(self.tr("Add user…"))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button = QPushButton(self.tr("Reset password…"))
        self.reset_button.clicked.connect(self.reset_password)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setToolTip(self.tr("End a lock-out after too many failed sign-ins"))
        self.unlock_button.clicked.connect(self.unlock)
        self.deactivate_button = QPushButton(self.tr("Deactivate…"))
        self.deactivate_button.setToolTip(
            self.tr("The user can no longer sign in; their records stay"))
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reactivate_button = QPushButton(self.tr("Reactivate"))
        self.reactivate_button.clicked.connect(self.reactivate)
        self.role_button = QPushButton(self.tr("Change role or office…"))
        self.role_button.clicked.connect(self.change_role)
        self.model = UserTableModel(db, actor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 120)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.change_role())
        self.model.modelReset.connect(lambda: self._selection_changed(QItemSelection(),
                                                                      QItemSelection()))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.unlock_button,
                       self.deactivate_button, self.reactivate_button, self.role_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        layout.addWidget(self.notice)
        self._selection_changed(QItemSelection(), QItemSelection())

    # --- selection -------------------------------------------------------------------------

    def selected(self) -> auth.UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, username: str) -> None:
        row = self.model.row_of(username)
        if row >= 0:  # not selectRow: it selects nothing in a right-to-left table (Qt 6.12)
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        user = self.selected()
        self.reset_button.setEnabled(user is not None)
        self.role_button.setEnabled(user is not None)
        self.unlock_button.setEnabled(user is not None and user.locked)
        self.deactivate_button.setVisible(user is None or user.active)
        self.deactivate_button.setEnabled(user is not None and user.active)
        self.reactivate_button.setVisible(user is not None and not user.active)

    def _reload(self, username: str | None) -> None:
        self.model.reload()
        if username is not None:
            self.select(username)

    # --- actions ---------------------------------------------------------------------------

    def add_user(self) -> None:
        dialog = AddUserDialog(self._db, self._actor, self)
        dialog.accepted.connect(lambda: self._reload(
            dialog.created.username if dialog.created else None))
        dialog.accepted.connect(lambda: self.notice.setText(
            self.tr("{name} is added; tell them their temporary password in person.").format(
                name=dialog.created.username if dialog.created else "")))
        dialog.open()

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self._open(ResetPasswordDialog(self._db, self._actor, user, self),
                       self.tr("{name} has a temporary password now."))

    def change_role(self) -> None:
        user = self.selected()
        if user is not None:
            self._open(RoleOfficeDialog(self._db, self._actor, user, self),
                       self.tr("{name}'s role and office are saved."))

    def _open(self, dialog: _UserForm, done: str) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        username = dialog.user.username
        dialog.accepted.connect(lambda: self._reload(username))
        dialog.accepted.connect(lambda: self.notice.setText(done.format(name=username)))
        dialog.open()

    def unlock(self) -> None:
        self._act(users.unlock_user, self.tr("{name} can sign in again."))

    def reactivate(self) -> None:
        self._act(users.reactivate_user,
                  self.tr("{name} can sign in again with the password they had."))

    def deactivate(self) -> None:
        user = self.selected()
        if user is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Deactivate {name}?").format(name=user.username),
            self.tr("{full_name} will no longer be able to sign in. Their cases, records and "
                    "audit trail stay; you can reactivate the account later.").format(
                full_name=user.full_name))
        if answer == QMessageBox.StandardButton.Yes:
            self._act(users.deactivate_user, self.tr("{name} is deactivated."))

    def _act(self, action: Callable[[Database, auth.Actor, str], auth.UserRow],
             done: str) -> None:
        user = self.selected()
        if user is None:
            return
        try:
            action(self._db, self._actor, user.username)
        except UserError as error:
            QMessageBox.warning(self, self.tr("Not done"), error.message)
            return
        self._reload(user.username)
        self.notice.setText(done.format(name=user.username))
