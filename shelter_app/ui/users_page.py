"""Users: the administrator sees every account and adds engineers and supervisors."""

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from shelter_app.data.engine import Database
from shelter_app.domain.stages import Role
from shelter_app.services.accounts import auth
from shelter_app.ui.auth.dialogs import FormDialog
from shelter_app.ui.paged_model import Column, PagedTableModel


class UserTableModel(PagedTableModel[auth.UserRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("UserTableModel", "User name"), lambda r: r.username),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Full name"), lambda r: r.full_name),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Role"), lambda r: r.role.label),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Office"), lambda r: r.office or ""),
        Column(QT_TRANSLATE_NOOP("UserTableModel", "Locked"), lambda r: "●" if r.locked else ""),
    ]

    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[auth.UserRow]:
        return auth.list_users(self._db, self._actor)[offset:offset + limit]


class AddUserDialog(FormDialog):
    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a user"),
                         self.tr("The new user changes this temporary password at first "
                                 "sign-in."), parent)
        self.db = db
        self.actor = actor
        self.add_field("username", self.tr("User name"))
        self.add_field("full_name", self.tr("Full name"))
        self.role = QComboBox()
        for role, label in ((Role.ENGINEER, self.tr("Engineer")),
                            (Role.SUPERVISOR, self.tr("Supervisor")),
                            (Role.ADMIN, self.tr("Administrator"))):
            self.role.addItem(label, role)
        self.form.addRow(self.tr("Role"), self.role)
        self.office = QComboBox()
        self.office.addItem(self.tr("(none)"), None)
        for code in auth.office_codes(db):
            self.office.addItem(code, code)
        self.form.addRow(self.tr("Office"), self.office)
        self.add_field("password", self.tr("Temporary password"), secret=True)
        self.created: auth.Actor | None = None

    def submit(self) -> None:
        self.created = auth.create_user(
            self.db, self.actor, username=self.value("username"),
            full_name=self.value("full_name"), role=self.role.currentData(),
            office_code=self.office.currentData(), password=self.value("password"),
        )


class UsersPage(QWidget):
    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("Users"))
        title.setObjectName("pageTitle")
        self.add_button = QPushButton(self.tr("Add user…"))
        self.add_button.clicked.connect(self.add_user)
        self.model = UserTableModel(db, actor, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 220)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.add_button)
        layout.addWidget(self.table)

    def add_user(self) -> None:
        dialog = AddUserDialog(self._db, self._actor, self)
        dialog.accepted.connect(self.model.reload)
        dialog.open()
