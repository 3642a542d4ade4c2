"""The first start on an empty database: one short wizard names the programme, adds its offices
and creates the administrator. Each page is checked by services.accounts.first_run as it is
left (a refusal shows at its field); Finish saves everything."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts import auth, first_run
from shelter_app.services.accounts.first_run import OfficeInput
from shelter_app.services.accounts.offices import programme_name
from shelter_app.ui.forms import ERROR_STYLE
from shelter_app.ui.accounts.offices_page import OfficeFields
from shelter_app.ui.wrapping import wrapped


class _CheckedPage(QWizardPage):
    """A wizard page whose fields each have a message line under them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self.error = self._message("pageError")

    def _message(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        wrapped(label)
        label.setStyleSheet(ERROR_STYLE)
        label.hide()
        return label

    def add_field(self, name: str, widget: QWidget, form: QFormLayout, label: str) -> None:
        widget.setObjectName(name)
        self.fields[name] = widget
        self.messages[name] = self._message(f"{name}Message")
        form.addRow(label, widget)
        form.addRow("", self.messages[name])

    def clear_messages(self) -> None:
        for label in [*self.messages.values(), self.error]:
            label.clear()
            label.hide()

    def show_error(self, error: UserError) -> None:
        label = self.messages.get(error.field or "", self.error)
        label.setText(error.message)
        label.show()
        widget = self.fields.get(error.field or "")
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            if isinstance(widget, QLineEdit):
                widget.selectAll()


class ProgrammePage(_CheckedPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The programme"))
        self.setSubTitle(self.tr("This database is new. Name the programme, add its offices, "
                                 "then create the administrator's account."))
        form = QFormLayout(self)
        self.name = QLineEdit(programme_name(db))
        self.add_field("name", self.name, form, self.tr("Programme name"))
        note = QLabel(self.tr("Printed on every agreement as the third party."))
        wrapped(note)
        form.addRow("", note)
        form.addRow(self.error)
        self.cleaned = ""

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        self.clear_messages()
        try:
            self.cleaned = first_run.check_programme_name(self.name.text())
        except UserError as error:
            self.show_error(error)
            return False
        return True


class OfficesStep(_CheckedPage):
    """The offices: pick a province (the programme's six first; its usual code and name are
    filled in), correct what differs, Add; Next adds what is still in the form."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.planned: list[OfficeInput] = []
        self.setTitle(self.tr("Offices"))
        self.setSubTitle(self.tr("Add each field office. You can add, rename and close "
                                 "offices later too."))
        note = QLabel(self.tr("Choose the province first: the programme's usual code and name "
                              "are filled in. The code starts every reference the office "
                              "issues (GAZ-D-000123) and cannot change later."))
        wrapped(note)
        self.office = OfficeFields(self)
        form = QFormLayout()
        for name, widget, label in self.office.rows():
            self.add_field(name, widget, form, label)
        self.add_button = QPushButton(self.tr("Add office"))
        self.add_button.clicked.connect(self.add_office)
        for edit in (self.office.code, self.office.name):
            edit.returnPressed.connect(self.add_office)
        self.list = QListWidget()
        self.list.setObjectName("offices")
        self.fields["offices"] = self.list
        self.messages["offices"] = self._message("officesMessage")
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_office)
        self.remove_button.setEnabled(False)
        self.list.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0))
        adding = QHBoxLayout()
        adding.addStretch(1)
        adding.addWidget(self.add_button)
        removing = QHBoxLayout()
        removing.addWidget(QLabel(self.tr("Offices to create:")))
        removing.addStretch(1)
        removing.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(adding)
        layout.addLayout(removing)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.messages["offices"])
        layout.addWidget(self.error)

    def _form_is_empty(self) -> bool:
        return not any(value.strip() for value in self.office.values())

    def add_office(self) -> bool:
        """Check the office in the form and put it in the list; False (and the reason at its
        field) when refused."""
        self.clear_messages()
        try:
            office = first_run.check_office(self.db, *self.office.values(), self.planned)
        except UserError as error:
            self.show_error(error)
            return False
        self.planned.append(office)
        item = QListWidgetItem(f"{office.code} — {office.name} ({office.province})", self.list)
        item.setData(Qt.ItemDataRole.UserRole, office.code)
        self.office.clear()
        self.office.province.setFocus()
        return True

    def remove_office(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            del self.planned[row]
            self.list.takeItem(row)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if not self._form_is_empty() and not self.add_office():
            return False
        self.clear_messages()
        try:
            first_run.check_offices(self.db, self.planned)
        except UserError as error:
            self.show_error(error)
            return False
        return True


class AdministratorPage(_CheckedPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("The administrator"))
        self.setSubTitle(self.tr("The administrator adds engineers and supervisors and "
                                 "manages offices. Choose your own password; nobody else "
                                 "needs to know it."))
        form = QFormLayout(self)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        for name, widget, label in (("username", self.username, self.tr("User name")),
                                    ("full_name", self.full_name, self.tr("Full name")),
                                    ("password", self.password, self.tr("Password")),
                                    ("repeat", self.repeat, self.tr("Repeat password"))):
            self.add_field(name, widget, form, label)
        form.addRow(self.error)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        return wizard.finish()


class FirstRunWizard(QWizard):
    """Programme name, offices, administrator; `actor` is the administrator once finished."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor: auth.Actor | None = None
        self.setWindowTitle(self.tr("Set up the programme"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.programme = ProgrammePage(db)
        self.offices = OfficesStep(db)
        self.administrator = AdministratorPage()
        for page in (self.programme, self.offices, self.administrator):
            self.addPage(page)
        self.setMinimumSize(640, 560)

    def finish(self) -> bool:
        """Save everything; a refusal shows at its field on the page it belongs to."""
        page = self.administrator
        page.clear_messages()
        try:
            self.actor = first_run.set_up_programme(
                self.db, self.programme.cleaned or self.programme.name.text(),
                self.offices.planned, username=page.username.text(),
                full_name=page.full_name.text(), password=page.password.text(),
                repeat=page.repeat.text())
        except UserError as error:
            page.show_error(error)
            return False
        return True
