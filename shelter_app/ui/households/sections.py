"""The household, dwelling and landlord parts of the case forms, each a group box that registers
its fields with the form (so service messages appear under them) and reads back typed input."""

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.dwelling import DWELLING_TYPES, dwelling_type_label
from shelter_app.domain.errors import UserError
from shelter_app.domain.household import (
    MAX_IN_BAND,
    MEMBER_KEYS,
    NATIONALITIES,
    VULNERABILITIES,
    member_label,
    nationality_label,
    vulnerability_label,
)
from shelter_app.domain.stages import LandlordKind, ProtectionStatus
from shelter_app.services.cases.records import (
    AddressChoices,
    DwellingInput,
    LandlordInput,
)
from shelter_app.services.cases.households import HouseholdInput
from shelter_app.ui.formats import typed_number, typed_stored
from shelter_app.ui.forms import ERROR_STYLE, CaseForm, date_edit


def _line(placeholder: str = "", width: int | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    if width:
        edit.setMaximumWidth(width)
    return edit


class HouseholdBox(QGroupBox):
    def __init__(self, form: CaseForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Household"))
        rows = QFormLayout()
        self.head_name = _line(self.tr("Full name as on the ID card"))
        form.add_field("head_name", self.head_name, rows, self.tr("Head of household"))
        self.id_number = _line(self.tr("TCKN or YKN, 11 digits"), 180)
        form.add_field("id_number", self.id_number, rows, self.tr("ID number"))
        self.nationality = QComboBox()  # the list speeds up typing; another name is kept as typed
        self.nationality.setEditable(True)
        for stored in NATIONALITIES:
            self.nationality.addItem(nationality_label(stored), stored)
        form.add_field("nationality", self.nationality, rows, self.tr("Nationality"))
        self.protection = QComboBox()
        for status in ProtectionStatus:
            self.protection.addItem(status.label, status)
        form.add_field("protection_status", self.protection, rows, self.tr("Protection status"))
        self.phone = _line(self.tr("0532 123 45 67"), 180)
        form.add_field("phone", self.phone, rows, self.tr("Mobile phone"))

        self.members: dict[str, QSpinBox] = {}
        grid = QGridLayout()
        messages = QVBoxLayout()
        for n, key in enumerate(MEMBER_KEYS):
            spin = QSpinBox()
            spin.setRange(0, MAX_IN_BAND)
            self.members[key] = spin
            form.add_field(f"members.{key}", spin)
            form.place_message(f"members.{key}", messages)
            grid.addWidget(QLabel(member_label(key)), n // 2, (n % 2) * 2)
            grid.addWidget(spin, n // 2, (n % 2) * 2 + 1)
        members = QVBoxLayout()
        members.addLayout(grid)
        members.addLayout(messages)
        rows.addRow(self.tr("Members"), members)

        self.vulnerabilities: dict[str, QCheckBox] = {}
        boxes = QGridLayout()
        for n, code in enumerate(VULNERABILITIES):
            box = QCheckBox(vulnerability_label(code))
            box.setObjectName(f"vulnerability.{code}")
            self.vulnerabilities[code] = box
            boxes.addWidget(box, n // 2, n % 2)
        rows.addRow(self.tr("Vulnerabilities"), boxes)

        self.consent = QCheckBox(self.tr("Consent to data processing given on"))
        self.consent_on = date_edit()
        self.consent.toggled.connect(self.consent_on.setEnabled)
        self.consent_on.setEnabled(False)
        consent = QHBoxLayout()
        consent.addWidget(self.consent)
        consent.addWidget(self.consent_on)
        consent.addStretch(1)
        form.add_field("consent_on", self.consent)
        rows.addRow(self.tr("KVKK"), consent)
        rows.addRow("", form.messages["consent_on"])
        self.setLayout(rows)

    def focus_chain(self) -> list[QWidget]:
        return [self.head_name, self.id_number, self.nationality, self.protection, self.phone,
                *self.members.values(), *self.vulnerabilities.values(), self.consent,
                self.consent_on]

    def values(self) -> HouseholdInput:
        return HouseholdInput(
            head_name=self.head_name.text(), id_number=self.id_number.text(),
            nationality=self._nationality(),
            protection_status=self.protection.currentData(),
            consent_on=self.consent_on.date().toPython() if self.consent.isChecked() else None,
            members={key: spin.value() for key, spin in self.members.items()},
            vulnerabilities=[code for code, box in self.vulnerabilities.items()
                             if box.isChecked()],
            phone=self.phone.text())

    def _nationality(self) -> str:
        """The stored name of a listed nationality, whether picked or typed in any language."""
        typed = self.nationality.currentText().strip()
        listed = self.nationality.findText(typed, Qt.MatchFlag.MatchFixedString)
        return self.nationality.itemData(listed) if listed >= 0 else typed

    def load(self, data: HouseholdInput) -> None:
        self.head_name.setText(data.head_name)
        self.id_number.setText(data.id_number)
        listed = self.nationality.findData(data.nationality)
        if listed >= 0:
            self.nationality.setCurrentIndex(listed)
        else:
            self.nationality.setCurrentText(data.nationality)
        self.protection.setCurrentIndex(self.protection.findData(data.protection_status))
        self.phone.setText(data.phone)
        for key, spin in self.members.items():
            spin.setValue(int(data.members.get(key, 0)))
        for code, box in self.vulnerabilities.items():
            box.setChecked(code in data.vulnerabilities)
        self.consent.setChecked(data.consent_on is not None)
        if data.consent_on is not None:
            self.consent_on.setDate(QDate(data.consent_on))


class DwellingBox(QGroupBox):
    def __init__(self, form: CaseForm, choices: AddressChoices,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Dwelling"))
        self._choices = choices
        rows = QFormLayout()
        self.province = _line()
        self.province.setText(choices.province)
        form.add_field("province", self.province, rows, self.tr("Province"))
        self.district = QComboBox()
        self.district.setEditable(True)
        self.district.addItems(["", *choices.districts])
        form.add_field("district", self.district, rows, self.tr("District"))
        self.neighbourhood = QComboBox()
        self.neighbourhood.setEditable(True)
        form.add_field("neighbourhood", self.neighbourhood, rows, self.tr("Neighbourhood (mahalle)"))
        self.district.currentTextChanged.connect(self._offer_neighbourhoods)
        self.street = _line(self.tr("e.g. Gül Sokak"))
        form.add_field("street", self.street, rows, self.tr("Street"))
        self.building_no = _line(width=90)
        form.add_field("building_no", self.building_no, rows, self.tr("Building no."))
        self.flat_no = _line(width=90)
        form.add_field("flat_no", self.flat_no, rows, self.tr("Flat no."))
        self.dwelling_type = QComboBox()
        for code in DWELLING_TYPES:
            self.dwelling_type.addItem(dwelling_type_label(code), code)
        form.add_field("dwelling_type", self.dwelling_type, rows, self.tr("Type"))
        self.floor_area = _line(self.tr("m², e.g. {example}").format(
            example=typed_number(Decimal("64.5"))), 120)
        form.add_field("floor_area_m2", self.floor_area, rows, self.tr("Floor area (m²)"))
        self.rooms = _line(self.tr("1–20"), 90)
        form.add_field("rooms", self.rooms, rows, self.tr("Rooms"))
        self.latitude = _line(self.tr("e.g. {example}").format(
            example=typed_number(Decimal("37.0662"))), 140)
        form.add_field("latitude", self.latitude, rows, self.tr("GPS latitude"))
        self.longitude = _line(self.tr("e.g. {example}").format(
            example=typed_number(Decimal("37.3833"))), 140)
        form.add_field("longitude", self.longitude, rows, self.tr("GPS longitude"))
        self.rows = rows
        self.setLayout(rows)

    def _offer_neighbourhoods(self, district: str) -> None:
        typed = self.neighbourhood.currentText()
        self.neighbourhood.clear()
        self.neighbourhood.addItems(["", *self._choices.districts.get(district, [])])
        self.neighbourhood.setCurrentText(typed)

    def focus_chain(self) -> list[QWidget]:
        return [self.province, self.district, self.neighbourhood, self.street, self.building_no,
                self.flat_no, self.dwelling_type, self.floor_area, self.rooms, self.latitude,
                self.longitude]

    def values(self) -> DwellingInput:
        return DwellingInput(
            province=self.province.text(), district=self.district.currentText(),
            neighbourhood=self.neighbourhood.currentText(), street=self.street.text(),
            building_no=self.building_no.text(), flat_no=self.flat_no.text(),
            dwelling_type=self.dwelling_type.currentData(),
            floor_area_m2=self.floor_area.text(), rooms=self.rooms.text(),
            latitude=self.latitude.text(), longitude=self.longitude.text())

    def load(self, data: DwellingInput) -> None:
        self.province.setText(data.province)
        self.district.setCurrentText(data.district)
        self.neighbourhood.setCurrentText(data.neighbourhood)
        for edit, value in ((self.street, data.street), (self.building_no, data.building_no),
                            (self.flat_no, data.flat_no),
                            (self.floor_area, typed_stored(data.floor_area_m2)),
                            (self.rooms, data.rooms), (self.latitude, typed_stored(data.latitude)),
                            (self.longitude, typed_stored(data.longitude))):
            edit.setText(value)
        self.dwelling_type.setCurrentIndex(max(0, self.dwelling_type.findData(data.dwelling_type)))


class LandlordBox(QGroupBox):
    """A landlord already registered (by reference) or a new one. `lookup` gives the name of
    a typed reference, shown under it, or raises the service's UserError."""

    def __init__(self, form: CaseForm, lookup: Callable[[str], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Landlord"))
        self._lookup = lookup
        rows = QFormLayout()
        self.existing_ref = _line(self.tr("e.g. GAZ-L-000012, or leave empty"), 260)
        self.ref_message = form.add_field("landlord_ref", self.existing_ref, rows,
                                          self.tr("Registered landlord"))
        self.existing_ref.editingFinished.connect(self._show_name)
        self.kind = QComboBox()
        for kind in LandlordKind:
            self.kind.addItem(kind.label, kind)
        form.add_field("landlord_kind", self.kind, rows, self.tr("New landlord is a"))
        self.name = _line()
        form.add_field("landlord_name", self.name, rows, self.tr("Name"))
        self.id_number = _line(self.tr("TCKN, or tax number of a company"), 240)
        form.add_field("landlord_id_number", self.id_number, rows, self.tr("ID or tax number"))
        self.phone = _line(self.tr("0532 123 45 67"), 180)
        form.add_field("landlord_phone", self.phone, rows, self.tr("Mobile phone"))
        later = self.tr("Needed for the agreement; may be added later")
        self.iban = _line("TR00 0000 0000 0000 0000 0000 00", 300)
        self.iban.setToolTip(later)
        form.add_field("landlord_iban", self.iban, rows, self.tr("IBAN (for the rent)"))
        self.address = _line(later)
        self.address.setToolTip(later)
        form.add_field("landlord_address", self.address, rows, self.tr("Address"))
        self.existing_ref.textChanged.connect(self._new_or_existing)
        self.setLayout(rows)

    def _show_name(self) -> None:
        ref = self.existing_ref.text().strip()
        if not ref:
            self.ref_message.hide()
            return
        try:
            text, style = self._lookup(ref), ""
        except UserError as error:
            text, style = error.message, ERROR_STYLE
        self.ref_message.setStyleSheet(style)
        self.ref_message.setText(text)
        self.ref_message.show()

    def _new_or_existing(self, ref: str) -> None:
        for widget in self._new_only():
            widget.setEnabled(not ref.strip())

    def _new_only(self) -> list[QWidget]:
        return [self.kind, self.name, self.id_number, self.phone, self.iban, self.address]

    def focus_chain(self) -> list[QWidget]:
        return [self.existing_ref, *self._new_only()]

    def values(self) -> LandlordInput:
        return LandlordInput(name=self.name.text(), kind=self.kind.currentData(),
                             id_number=self.id_number.text(), phone=self.phone.text(),
                             existing_ref=self.existing_ref.text(), iban=self.iban.text(),
                             address=self.address.text())

