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
from shelter_app.domain.errors import UserError
from shelter_app.domain.members import relation_label
from shelter_app.domain.stages import PaymentMethod
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.members import household_members
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
        self.member = QComboBox()  # the household's register: name, ID and age come from it
        self.member.currentIndexChanged.connect(self._use_member)
        self.household.editingFinished.connect(self._offer_members)
        self.full_name = QLineEdit()
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("TCKN or YKN, 11 digits"))
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
                ("member", self.member, self.tr("Member")),
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
        self._offer_members()
        (self.member if household_ref else self.household).setFocus()
        self.resize(560, 620)

    def _offer_members(self) -> None:
        """The typed household's members, to pick the worker from (or type them below)."""
        self.member.blockSignals(True)
        self.member.clear()
        self.member.addItem(self.tr("(not in the register: type below)"), None)
        try:
            people = household_members(self.db, self.actor, self.household.text())
        except UserError:
            people = []  # a wrong reference: the service says so at the field on Save
        for person in people:
            self.member.addItem(self.tr("{name}, {age}, {relation}").format(
                name=person.latin_name, age=person.age, relation=relation_label(person.relation)),
                person)
        self.member.blockSignals(False)
        self._use_member()

    def _use_member(self) -> None:
        person = self.member.currentData()
        for widget in (self.full_name, self.id_number, self.birth_date):
            widget.setEnabled(person is None)
        if person is not None:
            self.full_name.setText(person.latin_name)
            self.id_number.setText(person.id_number)
            self.birth_date.setDate(QDate(person.birth_date))

    def collect(self) -> WorkerInput:
        permit = self.work_permit_number.text()
        return WorkerInput(
            household_ref=self.household.text(), full_name=self.full_name.text(),
            id_number=self.id_number.text(), birth_date=self.birth_date.date().toPython(),
            payment_method=self.payment_method.currentData(), iban=self.iban.text(),
            work_permit_number=permit,
            work_permit_expiry=self.work_permit_expiry.date().toPython() if permit.strip()
            else None,
            skills=self.skills.text(),
            member_id=self.member.currentData().id if self.member.currentData() else None)

    def save(self, values: WorkerInput, confirm: bool) -> None:
        self.ref = register_worker(self.db, self.actor, values, confirm=confirm,
                                   supervisor=self.supervisor)
