"""Registering a cash-for-work worker; the checks are in services.workers."""

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.stages import PaymentMethod
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.labour.workers import SKILLS, WorkerInput, register_worker
from shelter_app.ui.forms import CaseForm, date_edit


class WorkerDialog(CaseForm):
    """A household member who will be paid for days on the household's dwelling."""

    def __init__(self, db: Database, actor: Actor, household_ref: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Register a worker"), parent)
        self.db = db
        self.actor = actor
        self.ref: str | None = None
        form = QFormLayout()
        self.household = QLineEdit(household_ref)
        self.full_name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("TC Kimlik No or YKN, 11 digits"))
        self.birth_date = date_edit(QDate(1990, 1, 1))
        self.payment_method = QComboBox()
        for method in PaymentMethod:
            self.payment_method.addItem(method.label, method)
        self.iban = QLineEdit()
        self.iban.setPlaceholderText("TR00 0000 0000 0000 0000 0000 00")
        self.payment_method.currentIndexChanged.connect(
            lambda: self.iban.setEnabled(self.payment_method.currentData() is PaymentMethod.IBAN))
        self.work_permit_number = QLineEdit()
        self.work_permit_number.setPlaceholderText(self.tr("Under temporary protection only"))
        self.work_permit_expiry = date_edit(QDate(clock.today()).addYears(1))
        self.skills = QLineEdit()
        self.skills.setPlaceholderText(self.tr("Comma separated, e.g. painting, plastering"))
        completer = QCompleter(list(SKILLS), self.skills)
        self.skills.setCompleter(completer)
        for name, widget, label in (
                ("household_ref", self.household, self.tr("Household")),
                ("full_name", self.full_name, self.tr("Full name")),
                ("id_number", self.id_number, self.tr("ID number")),
                ("birth_date", self.birth_date, self.tr("Date of birth")),
                ("payment_method", self.payment_method, self.tr("Payment")),
                ("iban", self.iban, self.tr("IBAN")),
                ("work_permit_number", self.work_permit_number, self.tr("Work permit number")),
                ("work_permit_expiry", self.work_permit_expiry, self.tr("Work permit expiry")),
                ("skills", self.skills, self.tr("Skills"))):
            self.add_field(name, widget, form, label)
        self.body.addLayout(form)
        (self.full_name if household_ref else self.household).setFocus()
        self.resize(520, 560)

    def collect(self) -> WorkerInput:
        permit = self.work_permit_number.text()
        return WorkerInput(
            household_ref=self.household.text(), full_name=self.full_name.text(),
            id_number=self.id_number.text(), birth_date=self.birth_date.date().toPython(),
            payment_method=self.payment_method.currentData(), iban=self.iban.text(),
            work_permit_number=permit,
            work_permit_expiry=self.work_permit_expiry.date().toPython() if permit.strip()
            else None,
            skills=self.skills.text())

    def save(self, values: WorkerInput, confirm: bool) -> None:
        self.ref = register_worker(self.db, self.actor, values, confirm=confirm)
