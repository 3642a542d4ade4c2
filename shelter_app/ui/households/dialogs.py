"""The forms that open a case on site and correct it later; the rules are in the services."""

from functools import partial
from itertools import pairwise

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from shelter_app.data.engine import Database
from shelter_app.services.cases import records as dwelling_records
from shelter_app.services.cases import households
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.formats import datetime_text, position, typed_number
from shelter_app.ui.forms import TALLEST, CaseForm
from shelter_app.ui.households.sections import DwellingBox, HouseholdBox, LandlordBox


def _chain(widgets: list[QWidget]) -> None:
    """Tab moves through `widgets` in this order: down the form, as the eye reads it."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


class RegisterCaseDialog(CaseForm):
    """New case: the household, the dwelling they rent and its landlord, saved together."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Register household and dwelling"), parent)
        self.db = db
        self.actor = actor
        self.refs: dwelling_records.CaseRefs | None = None
        self.household = HouseholdBox(self)
        self.dwelling = DwellingBox(self, dwelling_records.address_choices(db, actor))
        self.landlord = LandlordBox(self, partial(dwelling_records.landlord_name, db, actor))
        right = QVBoxLayout()
        right.addWidget(self.dwelling)
        right.addWidget(self.landlord)
        right.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.household)
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.body.addWidget(self.scroll)
        _chain([*self.household.focus_chain(), *self.dwelling.focus_chain(),
                *self.landlord.focus_chain(), self.ok_button])
        self.household.head_name.setFocus()
        self.resize(1040, TALLEST)

    def collect(self) -> tuple[households.HouseholdInput, dwelling_records.DwellingInput,
                               dwelling_records.LandlordInput]:
        return self.household.values(), self.dwelling.values(), self.landlord.values()

    def save(self, values: tuple[households.HouseholdInput, dwelling_records.DwellingInput,
                                 dwelling_records.LandlordInput], confirm: bool) -> None:
        self.refs = dwelling_records.register_case(self.db, self.actor, *values, confirm=confirm,
                                                   supervisor=self.supervisor)


class EditHouseholdDialog(CaseForm):
    def __init__(self, db: Database, actor: Actor, ref: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(self.tr("Household {ref}").format(ref=ref), parent)
        self.db = db
        self.actor = actor
        self.ref = ref
        self.household = HouseholdBox(self)
        self.household.load(households.household_view(db, actor, ref).as_input())
        self.body.addWidget(self.household)
        _chain([*self.household.focus_chain(), self.ok_button])
        self.household.head_name.setFocus()

    def collect(self) -> households.HouseholdInput:
        return self.household.values()

    def save(self, values: households.HouseholdInput, confirm: bool) -> None:
        households.update_household(self.db, self.actor, self.ref, values, confirm=confirm,
                                    supervisor=self.supervisor)


class EditDwellingDialog(CaseForm):
    """Correct the address, size or position; the position can come from a photo's EXIF."""

    def __init__(self, db: Database, actor: Actor, ref: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(self.tr("Dwelling {ref}").format(ref=ref), parent)
        self.db = db
        self.actor = actor
        self.ref = ref
        self.dwelling = DwellingBox(self, dwelling_records.address_choices(db, actor))
        self.dwelling.load(dwelling_records.dwelling_input(db, actor, ref).values)
        self.photo_position = QComboBox()
        self.photo_position.addItem(self.tr("(typed above)"), None)
        for photo in dwelling_records.photo_positions(db, actor, ref):
            when = datetime_text(photo.taken_at) if photo.taken_at else ""
            self.photo_position.addItem(
                f"{photo.name} {when} — {position(photo.latitude, photo.longitude)}",
                (typed_number(photo.latitude), typed_number(photo.longitude)))
        self.photo_position.setEnabled(self.photo_position.count() > 1)
        self.photo_position.activated.connect(self._use_photo)
        self.dwelling.rows.addRow(self.tr("Position of a photo"), self.photo_position)
        self.body.addWidget(self.dwelling)
        _chain([*self.dwelling.focus_chain(), self.photo_position, self.ok_button])
        self.dwelling.street.setFocus()

    def _use_photo(self) -> None:
        position = self.photo_position.currentData()
        if position is not None:
            self.dwelling.latitude.setText(position[0])
            self.dwelling.longitude.setText(position[1])

    def collect(self) -> dwelling_records.DwellingInput:
        return self.dwelling.values()

    def save(self, values: dwelling_records.DwellingInput, confirm: bool) -> None:
        dwelling_records.update_dwelling(self.db, self.actor, self.ref, values, confirm=confirm)
