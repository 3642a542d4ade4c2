"""The dwelling file: the whole case on one screen, a tab per step of the case flow.

The Summary tab has the stage buttons; Household and Assessments have their records and forms;
the tabs of later steps say when they arrive. Any change made from here reloads the file and
emits `changed`, so the list behind it can refresh.
"""

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.dwellings import DwellingFile, dwelling_file
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.assessments.tab import AssessmentsTab
from shelter_app.ui.dwellings.file_tabs import HouseholdTab, LaterTab, StageBar
from shelter_app.ui.formats import bidi_safe, date_text, number, position
from shelter_app.ui.households.dialogs import EditDwellingDialog, EditHouseholdDialog


class DwellingFileDialog(QDialog):
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, dwelling_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.file = dwelling_file(db, dwelling_id)
        self.setWindowTitle(self.tr("Dwelling {ref}").format(ref=self.file.ref))
        self.resize(820, 600)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._summary_tab(), self.tr("Summary"))
        self.household_tab = HouseholdTab(
            db, actor, self.file.household.ref if self.file.household else None,
            self.edit_household)
        self.tabs.addTab(self.household_tab, self.tr("Household"))
        self.assessments_tab = AssessmentsTab(db, actor, self.file.ref)
        self.assessments_tab.assess.connect(self.new_assessment)
        self.tabs.addTab(self.assessments_tab, self.tr("Assessments"))
        for title, later in (
            (self.tr("BoQ"), self.tr("The bill of quantities of this dwelling will show here.")),
            (self.tr("Agreement"), self.tr("The landlord agreement arrives in a later version.")),
            (self.tr("Labour"), self.tr("Cash-for-work days arrive in a later version.")),
            (self.tr("Monitoring"), self.tr("Monitoring visits arrive in a later version.")),
        ):
            self.tabs.addTab(LaterTab(later), title)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.history_button = buttons.addButton(self.tr("History…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.history_button.clicked.connect(self.show_history)
        self.photos_button = buttons.addButton(self.tr("Photos…"),
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.photos_button.clicked.connect(self.show_photos)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _summary_tab(self) -> QWidget:
        self.summary = QFormLayout()
        self._fill_summary()
        self.stage_bar = StageBar(self._db, self._actor, self.file.ref)
        self.stage_bar.moved.connect(self.refresh)
        self.edit_button = QPushButton(self.tr("Edit dwelling…"))
        self.edit_button.clicked.connect(self.edit_dwelling)
        self.edit_button.setVisible(self._actor.can(Action.EDIT_CASES))
        edit = QHBoxLayout()
        edit.addWidget(self.edit_button)
        edit.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(self.summary)
        layout.addLayout(edit)
        layout.addStretch(1)
        layout.addWidget(self.stage_bar)
        return tab

    def _fill_summary(self) -> None:
        while self.summary.rowCount():
            self.summary.removeRow(0)
        for label, value in self._fields(self.file):
            text = QLabel(bidi_safe(value))
            text.setWordWrap(True)
            self.summary.addRow(label, text)

    def refresh(self) -> None:
        """Reload everything after a change made from this file."""
        self.file = dwelling_file(self._db, self.file.id)
        self._fill_summary()
        self.stage_bar.refresh()
        self.household_tab.refresh()
        self.assessments_tab.refresh()
        self.changed.emit()

    def _open_form(self, dialog: QDialog) -> None:
        dialog.accepted.connect(self.refresh)
        self.form = dialog
        dialog.open()

    def new_assessment(self) -> None:
        self._open_form(AssessmentDialog(self._db, self._actor, self.file.ref, self))

    def edit_household(self) -> None:
        assert self.file.household is not None
        self._open_form(EditHouseholdDialog(self._db, self._actor, self.file.household.ref,
                                            self))

    def edit_dwelling(self) -> None:
        self._open_form(EditDwellingDialog(self._db, self._actor, self.file.ref, self))

    def show_photos(self) -> None:
        from shelter_app.ui.photos.panel import PhotosDialog

        self.photos = PhotosDialog(self._db, self._actor, self.file.id, self.file.ref, self)
        self.photos.panel.changed.connect(self.refresh)
        self.photos.open()

    def show_history(self) -> None:
        from shelter_app.ui.audit.page import HistoryDialog

        self.history = HistoryDialog(self._db, self._actor, self.file.id, self.file.ref, self)
        self.history.open()

    def _fields(self, file: DwellingFile) -> list[tuple[str, str]]:
        none = self.tr("none")
        household = (
            f"{file.household.name} ({file.household.ref}), {file.household.detail}"
            if file.household else none
        )
        landlord = f"{file.landlord.name} ({file.landlord.ref})" if file.landlord else none
        location = (
            position(file.latitude, file.longitude)
            if file.latitude is not None and file.longitude is not None else self.tr("unknown")
        )
        area = self.tr("{area} m², {rooms} rooms").format(
            area=number(file.floor_area_m2, None) if file.floor_area_m2 is not None else "?",
            rooms=file.rooms if file.rooms is not None else "?",
        )
        assessments = ", ".join(date_text(day) for day, _ in file.assessments) or none
        agreements = ", ".join(number for number, _ in file.agreements) or none
        return [
            (self.tr("Reference"), file.ref),
            (self.tr("Stage"), file.stage.label),
            (self.tr("Address"), file.address),
            (self.tr("GPS"), location),
            (self.tr("Dwelling"), area),
            (self.tr("Household"), household),
            (self.tr("Landlord"), landlord),
            (self.tr("Assessments"), assessments),
            (self.tr("Photos"), str(file.photo_count)),
            (self.tr("Bills of quantity"), str(file.boq_count)),
            (self.tr("Agreements"), agreements),
            (self.tr("Cash-for-work days"), str(file.labour_days)),
        ]
