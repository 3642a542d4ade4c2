"""The dwelling file: the whole case on one screen, a tab per step of the case flow.

The Summary tab has the stage buttons and links to the other tabs; each tab shows the records
of its step with the actions of the area's own page (ui/dwellings/case_tabs.py). Any change made
from here reloads the file and emits `changed`, so the list behind it can refresh.
"""

import html
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
from shelter_app.services.labour.payments import site_paid
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.assessments.tab import AssessmentsTab
from shelter_app.ui.dwellings.case_tabs import (
    AgreementTab,
    BoQTab,
    HistoryTab,
    LabourTab,
    MonitoringTab,
    PhotosTab,
)
from shelter_app.ui.dwellings.file_tabs import HouseholdTab, StageBar
from shelter_app.ui.formats import bidi_safe, date_text, money, number, position
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
        self.resize(1000, 680)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._summary_tab(), self.tr("Summary"))
        self.household_tab = HouseholdTab(
            db, actor, self.file.household.ref if self.file.household else None,
            self.edit_household)
        self.tabs.addTab(self.household_tab, self.tr("Household"))
        self.assessments_tab = AssessmentsTab(db, actor, self.file.ref)
        self.assessments_tab.assess.connect(self.new_assessment)
        self.tabs.addTab(self.assessments_tab, self.tr("Assessments"))
        self.photos_tab = PhotosTab(db, actor, self.file)
        self.photos_tab.panel.changed.connect(self.refresh)
        self.tabs.addTab(self.photos_tab, self.tr("Photos"))
        self.boq_tab = BoQTab(db, actor, self.file)
        self.tabs.addTab(self.boq_tab, self.tr("BoQ"))
        self.agreement_tab = AgreementTab(db, actor, self.file)
        self.tabs.addTab(self.agreement_tab, self.tr("Agreement"))
        self.labour_tab = LabourTab(db, actor, self.file.ref)
        self.tabs.addTab(self.labour_tab, self.tr("Labour"))
        self.monitoring_tab = MonitoringTab(db, actor)
        self.tabs.addTab(self.monitoring_tab, self.tr("Monitoring"))
        self.history_tab = HistoryTab(db, actor, self.file)
        self.tabs.addTab(self.history_tab, self.tr("History"))
        for tab in (self.boq_tab, self.agreement_tab, self.monitoring_tab):
            tab.changed.connect(self.refresh)
        self._fill_tabs()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _summary_tab(self) -> QWidget:
        self.summary = QFormLayout()
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
        for label, value, tab in self._fields(self.file):
            text = QLabel(bidi_safe(value) if tab is None
                          else f'<a href="{tab}">{html.escape(bidi_safe(value))}</a>')
            text.setWordWrap(True)
            text.linkActivated.connect(self.show_tab)
            self.summary.addRow(label, text)

    def show_tab(self, name: str) -> None:
        """Open the tab a Summary link names ("boq_tab")."""
        self.tabs.setCurrentWidget(getattr(self, name))

    def _fill_tabs(self) -> None:
        self.boq_tab.show_file(self.file)
        self.agreement_tab.show_file(self.file)
        self.monitoring_tab.show_agreements(self.agreement_tab.rows())
        self.history_tab.refresh()
        self.paid = site_paid(self._db, self._actor, self.file.ref)
        self._fill_summary()

    def refresh(self) -> None:
        """Reload everything after a change made from this file."""
        self.file = dwelling_file(self._db, self.file.id)
        self.stage_bar.refresh()
        self.household_tab.refresh()
        self.assessments_tab.refresh()
        self.photos_tab.refresh()
        self.labour_tab.refresh()
        self._fill_tabs()
        self.changed.emit()

    def reject(self) -> None:
        if self.photos_tab.panel.busy:  # a photo import finishes or is cancelled first
            return
        super().reject()

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

    def _fields(self, file: DwellingFile) -> list[tuple[str, str, str | None]]:
        """(label, value, the tab a click on the value opens)."""
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
        boqs = self.boq_tab.summary.text()
        labour = self.tr("{days} days, {paid} paid").format(
            days=number(file.labour_days, None), paid=money(self.paid))
        return [
            (self.tr("Reference"), file.ref, None),
            (self.tr("Stage"), file.stage.label, None),
            (self.tr("Address"), file.address, None),
            (self.tr("GPS"), location, None),
            (self.tr("Dwelling"), area, None),
            (self.tr("Household"), household, "household_tab" if file.household else None),
            (self.tr("Landlord"), landlord, None),
            (self.tr("Assessments"), assessments, "assessments_tab"),
            (self.tr("Photos"), str(file.photo_count), "photos_tab"),
            (self.tr("Bills of quantity"), boqs, "boq_tab"),
            (self.tr("Agreements"), agreements, "agreement_tab"),
            (self.tr("Cash-for-work days"), labour, "labour_tab"),
        ]
