"""The forms of the agreement screens: the agreement itself, a landlord, the signature, a
monitoring visit. Each is a CaseForm: the service checks the values and a refusal shows at
the field it names, with nothing saved."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.lease import term_end
from shelter_app.domain.stages import LandlordKind
from shelter_app.services.agreements import agreements
from shelter_app.services.agreements import landlords
from shelter_app.services.agreements import monitoring
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.formats import date_text, decimal_edit, typed_number
from shelter_app.ui.forms import TALLEST, CaseForm, date_edit


def _text_box(text: str = "", lines: int = 2) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _amount(value: object) -> str:
    """A stored amount as typed in the form ("7500,00" in Turkish); nothing for none or zero."""
    if isinstance(value, Decimal):
        return typed_number(value, 2) if value else ""
    return "" if str(value).strip() in ("", "0") else str(value)


class AgreementDialog(CaseForm):
    """Prepare an agreement for a dwelling, correct a draft, or renew an agreement in force.

    `mode` is "new" (for `dwelling_ref`), "edit" or "renew" (of agreement `number`)."""

    def __init__(self, db: Database, actor: Actor, *, mode: str, dwelling_ref: str = "",
                 number: str = "", values: agreements.AgreementInput | None = None,
                 parent: QWidget | None = None) -> None:
        title = {"new": self.tr("New agreement for {ref}").format(ref=dwelling_ref),
                 "edit": self.tr("Agreement {number}").format(number=number),
                 "renew": self.tr("Renew agreement {number}").format(number=number)}[mode]
        super().__init__(title, parent)
        self.db, self.actor, self.mode = db, actor, mode
        self.dwelling_ref, self.number = dwelling_ref, number
        rows = QFormLayout()

        self.landlord_ref = QLineEdit()
        self.landlord_ref.setPlaceholderText(self.tr("e.g. GAZ-L-000012"))
        self.landlord_ref.setMaximumWidth(160)
        self.landlord_ref.editingFinished.connect(self.show_landlord)
        self.landlord_name = QLabel()
        self.landlord_name.setObjectName("landlordName")
        register = QPushButton(self.tr("Register…"))
        register.setAutoDefault(False)
        register.clicked.connect(self.register_landlord)
        edit = QPushButton(self.tr("Complete…"))
        edit.setToolTip(self.tr("Add the landlord's ID number, IBAN or address"))
        edit.setAutoDefault(False)
        edit.clicked.connect(self.edit_landlord)
        landlord = QHBoxLayout()
        for widget in (self.landlord_ref, self.landlord_name):
            landlord.addWidget(widget)
        landlord.addStretch(1)
        landlord.addWidget(register)
        landlord.addWidget(edit)
        self.add_field("landlord_ref", self.landlord_ref)
        rows.addRow(self.tr("Landlord"), landlord)
        rows.addRow("", self.messages["landlord_ref"])

        self.term = QSpinBox()
        self.term.setRange(1, 120)
        self.term.setSuffix(self.tr(" months"))
        self.add_field("term_months", self.term, rows, self.tr("Term"))
        self.start = date_edit()
        self.add_field("start_date", self.start, rows, self.tr("Start"))
        self.end = QLabel()
        self.end.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.add_field("end_date", self.end, rows, self.tr("End"))
        self.term.valueChanged.connect(self.show_end)
        self.start.dateChanged.connect(self.show_end)
        self.rent = decimal_edit(2, self.tr("e.g. 7.500,00"))
        self.add_field("monthly_rent", self.rent, rows, self.tr("Monthly rent (TL, fixed)"))
        self.rent_free = QSpinBox()
        self.rent_free.setRange(0, 60)
        self.add_field("rent_free_months", self.rent_free, rows, self.tr("Rent-free months"))
        self.deposit = decimal_edit(2, self.tr("at most three months' rent"))
        self.add_field("deposit", self.deposit, rows, self.tr("Deposit (TL)"))
        self.payment_day = QSpinBox()
        self.payment_day.setRange(1, 31)
        self.add_field("payment_day", self.payment_day, rows,
                       self.tr("Rent paid by day of month"))
        self.iban = QLineEdit()
        self.iban.setPlaceholderText(self.tr("empty: the landlord's IBAN"))
        self.add_field("payment_iban", self.iban, rows, self.tr("Paid into IBAN"))
        self.fixtures = _text_box()
        self.add_field("fixtures", self.fixtures, rows, self.tr("Fixtures (demirbaş)"))
        self.utilities = _text_box()
        self.utilities.setPlaceholderText(self.tr("empty: the tenant pays consumption and the "
                                                  "building fee"))
        self.add_field("utilities", self.utilities, rows, self.tr("Utilities and charges"))
        self.block = QLineEdit()
        self.parcel = QLineEdit()
        self.add_field("title_deed_block", self.block)
        self.add_field("title_deed_parcel", self.parcel)
        deed = QHBoxLayout()
        deed.addWidget(QLabel(self.tr("block (ada)")))
        deed.addWidget(self.block)
        deed.addWidget(QLabel(self.tr("parcel (parsel)")))
        deed.addWidget(self.parcel)
        rows.addRow(self.tr("Title deed"), deed)
        rows.addRow("", self.messages["title_deed_block"])
        rows.addRow("", self.messages["title_deed_parcel"])
        self.court = QLineEdit()
        self.court.setPlaceholderText(self.tr("empty: the courts of the province"))
        self.add_field("court", self.court, rows, self.tr("Competent court"))
        self.languages = QComboBox()
        for pair, label in (("tr+ar", self.tr("Turkish with Arabic")),
                            ("tr+en", self.tr("Turkish with English")),
                            ("tr", self.tr("Turkish only"))):
            self.languages.addItem(label, pair)
        self.add_field("languages", self.languages, rows, self.tr("Printed in"))
        self.body.addLayout(rows)
        if values is not None:
            self.load(values)
        self.show_end()
        self.show_landlord()
        self.result_number = ""
        self.landlord_ref.setFocus()  # the first field: Tab goes on down the form
        self.resize(640, TALLEST)

    def load(self, values: agreements.AgreementInput) -> None:
        self.landlord_ref.setText(values.landlord_ref)
        self.term.setValue(int(values.term_months))
        if values.start_date:
            self.start.setDate(QDate(values.start_date))
        self.rent.setText(_amount(values.monthly_rent))
        self.rent_free.setValue(int(values.rent_free_months))
        self.deposit.setText(_amount(values.deposit))
        self.payment_day.setValue(int(values.payment_day))
        self.iban.setText(values.payment_iban)
        self.fixtures.setPlainText(values.fixtures)
        self.utilities.setPlainText(values.utilities)
        self.block.setText(values.title_deed_block)
        self.parcel.setText(values.title_deed_parcel)
        self.court.setText(values.court)
        self.languages.setCurrentIndex(max(0, self.languages.findData(values.languages)))

    def show_end(self) -> None:
        end = term_end(self.start.date().toPython(), self.term.value())
        self.end.setText(date_text(end))

    def show_landlord(self) -> None:
        ref = self.landlord_ref.text().strip()
        if not ref:
            self.landlord_name.setText(self.tr("the dwelling's landlord"))
            return
        try:
            view = landlords.landlord_view(self.db, self.actor, ref)
        except UserError as error:
            self.landlord_name.setText(error.message)
            return
        self.landlord_name.setText(view.data.name)

    def register_landlord(self) -> None:
        dialog = LandlordDialog(self.db, self.actor, parent=self)
        if self.run(dialog):
            self.landlord_ref.setText(dialog.ref)
            self.show_landlord()

    def edit_landlord(self) -> None:
        ref = self.landlord_ref.text().strip()
        if not ref:
            return
        try:
            dialog = LandlordDialog(self.db, self.actor, ref=ref, parent=self)
        except UserError as error:
            self.landlord_name.setText(error.message)
            return
        if self.run(dialog):
            self.show_landlord()

    def run(self, dialog: CaseForm) -> bool:
        """Show a nested form (replaced in tests)."""
        return bool(dialog.exec())

    def collect(self) -> agreements.AgreementInput:
        return agreements.AgreementInput(
            term_months=self.term.value(), start_date=self.start.date().toPython(),
            monthly_rent=self.rent.text(), landlord_ref=self.landlord_ref.text(),
            rent_free_months=self.rent_free.value(), deposit=self.deposit.text() or "0",
            payment_day=self.payment_day.value(), payment_iban=self.iban.text(),
            fixtures=self.fixtures.toPlainText(), utilities=self.utilities.toPlainText(),
            title_deed_block=self.block.text(), title_deed_parcel=self.parcel.text(),
            court=self.court.text(), languages=self.languages.currentData())

    def save(self, values: agreements.AgreementInput, confirm: bool) -> None:
        if self.mode == "new":
            self.result_number = agreements.create_agreement(self.db, self.actor,
                                                             self.dwelling_ref, values)
        elif self.mode == "renew":
            self.result_number = agreements.renew_agreement(self.db, self.actor, self.number,
                                                            values)
        else:
            agreements.update_agreement(self.db, self.actor, self.number, values)
            self.result_number = self.number


class LandlordDialog(CaseForm):
    """Register a landlord, or complete one (`ref`): ID or tax number, IBAN, phone, address."""

    def __init__(self, db: Database, actor: Actor, ref: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Landlord {ref}").format(ref=ref) if ref
                         else self.tr("Register a landlord"), parent)
        self.db, self.actor, self.ref = db, actor, ref
        rows = QFormLayout()
        self.kind = QComboBox()
        for kind in LandlordKind:
            self.kind.addItem(kind.label, kind)
        self.add_field("kind", self.kind, rows, self.tr("Landlord is a"))
        self.name = QLineEdit()
        self.add_field("name", self.name, rows, self.tr("Name or company title"))
        self.id_number = QLineEdit()
        self.id_number.setPlaceholderText(self.tr("TCKN or YKN (11 digits), or a company's "
                                                  "tax number (10)"))
        self.add_field("id_number", self.id_number, rows, self.tr("ID or tax number"))
        self.iban = QLineEdit()
        self.iban.setPlaceholderText("TR00 0000 0000 0000 0000 0000 00")
        self.add_field("iban", self.iban, rows, self.tr("IBAN"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText("0532 123 45 67")
        self.add_field("phone", self.phone, rows, self.tr("Mobile phone"))
        self.address = _text_box()
        self.add_field("address", self.address, rows, self.tr("Address"))
        self.body.addLayout(rows)
        if ref:
            data = landlords.landlord_view(db, actor, ref).data
            self.kind.setCurrentIndex(self.kind.findData(data.kind))
            self.name.setText(data.name)
            self.id_number.setText(data.id_number)
            self.iban.setText(data.iban)
            self.phone.setText(data.phone)
            self.address.setPlainText(data.address)
        self.resize(520, 380)

    def collect(self) -> landlords.LandlordData:
        return landlords.LandlordData(self.kind.currentData(), self.name.text(),
                                      self.id_number.text(), self.iban.text(),
                                      self.phone.text(), self.address.toPlainText())

    def save(self, values: landlords.LandlordData, confirm: bool) -> None:
        if self.ref:
            landlords.update_landlord(self.db, self.actor, self.ref, values, confirm=confirm,
                                      supervisor=self.supervisor)
        else:
            self.ref = landlords.register_landlord(self.db, self.actor, values, confirm=confirm,
                                                   supervisor=self.supervisor)


class SignatureDialog(CaseForm):
    """The signed paper came back: its scan (PDF, JPEG or PNG) and the day it was signed."""

    def __init__(self, db: Database, actor: Actor, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Signed agreement {number}").format(number=number), parent)
        self.db, self.actor, self.number = db, actor, number
        rows = QFormLayout()
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("the scan or photo of the signed paper"))
        choose = QPushButton(self.tr("Choose…"))
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose)
        line = QHBoxLayout()
        line.addWidget(self.scan, 1)
        line.addWidget(choose)
        self.add_field("scan", self.scan)
        rows.addRow(self.tr("Signed scan"), line)
        rows.addRow("", self.messages["scan"])
        self.signed_on = date_edit()
        self.add_field("signed_on", self.signed_on, rows, self.tr("Signed on"))
        self.body.addLayout(rows)
        self.resize(560, 180)

    def ask_file(self) -> str:
        return QFileDialog.getOpenFileName(
            self, self.tr("The signed agreement"), str(Path.home()),
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png)"))[0]

    def choose(self) -> None:
        path = self.ask_file()
        if path:
            self.scan.setText(path)

    def collect(self) -> tuple[str, date]:
        return self.scan.text().strip(), self.signed_on.date().toPython()

    def save(self, values: tuple[str, date], confirm: bool) -> None:
        path, day = values
        agreements.record_signature(self.db, self.actor, self.number,
                                    Path(path) if path else None, day)


class VisitDialog(CaseForm):
    """A monitoring visit: the rent the household paid, and whether they still live there."""

    def __init__(self, db: Database, actor: Actor, number: str, agreed_rent: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Monitoring visit, agreement {number}").format(number=number),
                         parent)
        self.db, self.actor, self.number = db, actor, number
        self.visit: monitoring.VisitResult | None = None
        rows = QFormLayout()
        self.visited_on = date_edit()
        self.add_field("visited_on", self.visited_on, rows, self.tr("Visited on"))
        self.present = QCheckBox(self.tr("The household still lives in the dwelling"))
        self.present.setChecked(True)
        self.add_field("household_present", self.present, rows, "")
        self.rent_paid = decimal_edit(2, self.tr("empty: not known"))
        self.rent_paid.setText(agreed_rent)
        self.add_field("rent_paid", self.rent_paid, rows, self.tr("Rent paid last month (TL)"))
        self.notes = _text_box(lines=3)
        self.add_field("notes", self.notes, rows, self.tr("Notes"))
        self.body.addLayout(rows)
        self.resize(520, 280)

    def collect(self) -> monitoring.VisitInput:
        return monitoring.VisitInput(self.visited_on.date().toPython(), self.present.isChecked(),
                                     self.rent_paid.text(), self.notes.toPlainText())

    def save(self, values: monitoring.VisitInput, confirm: bool) -> None:
        self.visit = monitoring.record_visit(self.db, self.actor, self.number, values)
