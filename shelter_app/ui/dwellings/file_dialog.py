"""The dwelling file: the whole case on one screen, a tab per step of the case flow.

The Summary tab has the stage buttons and links to the other tabs; each tab shows the records
of its step with the actions of the area's own page (ui/dwellings/*_tab*.py). A tab is read
in a worker the first time it is shown and built when its records arrive (read and built at
once when named: `file.boq_tab`), so opening a file reads the Summary alone; opened from the
list, even that is read in a worker (`read_opening`) before the dialog is made. Any change made
from here emits `changed`, so the list behind it can refresh, and reloads the file in a worker:
the Summary and the tab showing show it again, the other tabs built so far are read again when
they show.
"""

import html
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.agreements.lookup import list_agreements
from shelter_app.services.assessments.assessments import dwelling_assessments
from shelter_app.services.boq.lookup import list_boqs
from shelter_app.services.cases.dwellings import DwellingFile, dwelling_file
from shelter_app.services.cases.flow import StageOption, stage_options
from shelter_app.services.labour.payments import site_paid
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.assessments.tab import AssessmentsTab
from shelter_app.ui.dwellings.case_tabs import AgreementTab, BoQTab, PhotosTab, boq_summary
from shelter_app.ui.dwellings.file_tabs import HouseholdTab, StageBar, read_household
from shelter_app.ui.dwellings.history_tab import HistoryTab
from shelter_app.ui.dwellings.labour_tab import LabourTab
from shelter_app.ui.dwellings.monitoring_tab import MonitoringTab
from shelter_app.ui.formats import bidi_safe, date_text, listed, money, number, position
from shelter_app.ui.households.dialogs import EditDwellingDialog, EditHouseholdDialog
from shelter_app.ui.lazy_tabs import LazyTabs
from shelter_app.ui.paged_model import PagedTableModel
from shelter_app.ui.photos.model import read_photos
from shelter_app.ui.turns import next_turn
from shelter_app.ui.worker import run_in_background, to_crash_handler
from shelter_app.ui.wrapping import wrapped


@dataclass(frozen=True)
class Opening:
    """What the file shows as it opens: the Summary's file, its stage options and the money
    paid on the site (three reads, tens of milliseconds on a busy case)."""

    file: DwellingFile
    options: list[StageOption] | None  # None: the actor moves no case, no buttons
    paid: Decimal


def read_opening(db: Database, actor: Actor, dwelling_id: uuid.UUID) -> Opening:
    """The reads of an opening file, callable in a worker; another office's case is refused
    (UserError) as the dialog itself refuses it."""
    file = dwelling_file(db, dwelling_id)
    options = (stage_options(db, actor, file.ref) if actor.can(Action.EDIT_CASES) else None)
    return Opening(file, options, site_paid(db, actor, file.ref))


class _Tab:
    """A tab of the file, built at its first use (`dialog.boq_tab`)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, dialog: "DwellingFileDialog", owner: type) -> Any:
        return dialog.tab(self.name)


class DwellingFileDialog(QDialog):
    changed = Signal()
    household_tab = _Tab()
    assessments_tab = _Tab()
    photos_tab = _Tab()
    boq_tab = _Tab()
    agreement_tab = _Tab()
    labour_tab = _Tab()
    monitoring_tab = _Tab()
    history_tab = _Tab()

    def __init__(self, db: Database, actor: Actor, dwelling_id: uuid.UUID,
                 parent: QWidget | None = None, opening: Opening | None = None) -> None:
        """`opening`: the file's first reads, made beforehand (in a worker); else read now."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        opening = opening or read_opening(db, actor, dwelling_id)
        self.file = opening.file
        self.setWindowTitle(self.tr("Dwelling {ref}").format(ref=self.file.ref))
        self.resize(1000, 680)
        self.tabs = LazyTabs()
        self.tabs.addTab(self._summary_tab(opening.options), self.tr("Summary"))
        self._index: dict[str, int] = {}  # a tab's place, built or not
        for name, title in (
                ("household_tab", self.tr("Household")),
                ("assessments_tab", self.tr("Assessments")), ("photos_tab", self.tr("Photos")),
                ("boq_tab", self.tr("BoQ")), ("agreement_tab", self.tr("Agreement")),
                ("labour_tab", self.tr("Labour")), ("monitoring_tab", self.tr("Monitoring")),
                ("history_tab", self.tr("History"))):
            self._index[name] = self.tabs.add_lazy(self._build, title, name, read=self._read)
        self.tabs.currentChanged.connect(self.tabs.page_soon)
        self.paid = opening.paid
        self._refreshing: object | None = None  # the refresh whose reads are awaited
        self._fill_summary()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _summary_tab(self, options: list[StageOption] | None) -> QWidget:
        self.summary = QFormLayout()
        self.stage_bar = StageBar(self._db, self._actor, self.file.ref, options=options)
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
            # a value is never markup: only a link's label is rich text, its value escaped
            # and isolated like the plain ones
            text.setTextFormat(Qt.TextFormat.PlainText if tab is None else Qt.TextFormat.RichText)
            wrapped(text)
            text.linkActivated.connect(self.show_tab)
            self.summary.addRow(label, text)

    def show_tab(self, name: str) -> None:
        """Open the tab a Summary link names ("boq_tab"), read and built as a click on its
        title would (its records read in a worker)."""
        self.tabs.setCurrentIndex(self._index[name])

    def tab(self, name: str) -> QWidget:
        """The tab `name` ("boq_tab"), built and filled at the first asking."""
        return self.tabs.page(self._index[name])

    def built(self, name: str) -> bool:
        return self.tabs.is_built(self._index[name])

    def _read(self, name: str) -> Callable[[], Any] | None:
        """What tab `name` reads before it is built, for a worker (no Qt object in it): of
        the file as it is now (a refresh may have linked another household since it opened)."""
        db, actor, file = self._db, self._actor, self.file
        page = PagedTableModel.PAGE
        reads: dict[str, Callable[[], Any]] = {
            "household_tab": lambda: read_household(
                db, actor, file.household.ref if file.household else None),
            "assessments_tab": lambda: dwelling_assessments(db, actor, file.ref),
            "photos_tab": lambda: read_photos(db, actor, file.id),
            "boq_tab": lambda: list_boqs(db, actor, dwelling_id=file.id, limit=page),
            "agreement_tab": lambda: list_agreements(db, actor, dwelling_id=file.id, limit=page),
            "monitoring_tab": lambda: list_agreements(db, actor, dwelling_id=file.id,
                                                      limit=page),
        }
        return reads.get(name)

    def _build(self, name: str, read: Any = None) -> QWidget:
        """Tab `name`, given what `_read(name)` read."""
        db, actor, file = self._db, self._actor, self.file
        if name == "household_tab":
            return HouseholdTab(db, actor, file.household.ref if file.household else None,
                                self.edit_household, read)
        if name == "assessments_tab":
            assessments = AssessmentsTab(db, actor, file.ref, assessments=read)
            assessments.assess.connect(self.new_assessment)
            return assessments
        if name == "photos_tab":
            photos = PhotosTab(db, actor, file, read)
            photos.panel.changed.connect(self.refresh)
            return photos
        if name == "labour_tab":
            return LabourTab(db, actor, file.ref)
        if name == "history_tab":
            history = HistoryTab(db, actor, file)
            history.refresh()
            return history
        tab: BoQTab | AgreementTab | MonitoringTab
        if name == "boq_tab":
            tab = BoQTab(db, actor, file, read)
            tab.show_file(file, reload=False)
        elif name == "agreement_tab":
            tab = AgreementTab(db, actor, file, read)
            tab.show_file(file, reload=False)
        else:
            tab = MonitoringTab(db, actor)
            tab.show_agreements(read)
        tab.changed.connect(self.refresh)
        return tab

    @property
    def refreshing(self) -> bool:
        """A refresh's reads are awaited, or the tab showing is still to be refreshed."""
        return self._refreshing is not None

    def refresh(self) -> None:
        """Reload the file after a change made from it: the Summary's reads (`read_opening`)
        in a worker, the latest asked wins. When they arrive the Summary shows them, the tab
        showing is refreshed on the next turn, and the other tabs built so far are put back
        to be read (in a worker) and built when next shown: refreshed all at once on the GUI
        thread, the file froze for 60-115 ms after each change."""
        db, actor, dwelling_id = self._db, self._actor, self.file.id
        self._refreshing = asked = object()
        run_in_background(lambda: read_opening(db, actor, dwelling_id),
                          lambda opening: self._reread(asked, opening), to_crash_handler)
        self.changed.emit()

    def _reread(self, asked: object, opening: Opening) -> None:
        if not isValid(self) or asked is not self._refreshing:
            return  # the file is closed, or changed again since
        self.file = opening.file
        self.paid = opening.paid
        self.stage_bar.refresh(opening.options)
        self._fill_summary()
        showing = self.tabs.currentIndex()
        for name, index in self._index.items():
            busy = name == "photos_tab" and self.built(name) and self.photos_tab.panel.busy
            if index != showing and not busy or not self.built(name):
                self.tabs.unbuild(index)  # the file's reads are made as the tab shows
        self.tabs.reread()
        self.tabs.page_soon(showing)  # built before the change and not yet placed: again
        next_turn(self, lambda: self._refresh_tabs(asked))

    def _refresh_tabs(self, asked: object) -> None:
        """The tabs still built (the one showing, a photo import's) show the file again."""
        if asked is not self._refreshing:
            return
        self._refreshing = None
        for name in ("household_tab", "assessments_tab", "photos_tab", "labour_tab",
                     "history_tab"):
            if self.built(name):
                self.tab(name).refresh()  # type: ignore[attr-defined]
        if self.built("boq_tab"):
            self.boq_tab.show_file(self.file)
        if self.built("agreement_tab"):
            self.agreement_tab.show_file(self.file)
        if self.built("monitoring_tab"):
            self.monitoring_tab.show_agreements(  # not the Agreement tab built for its rows
                self.agreement_tab.rows() if self.built("agreement_tab")
                else self._read("monitoring_tab")())  # type: ignore[misc]

    def reject(self) -> None:
        if self.built("photos_tab") and self.photos_tab.panel.busy:  # a photo import finishes or is cancelled first
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
        # translated sentences: in Arabic each value is its own direction island and the
        # comma Arabic ("Ahmet Çetin (GAZ-H-000003), 6 people" read left to right as one run)
        household = (
            self.tr("{name} ({ref}), {detail}").format(
                name=file.household.name, ref=file.household.ref, detail=file.household.detail)
            if file.household else none
        )
        landlord = (self.tr("{name} ({ref})").format(name=file.landlord.name,
                                                     ref=file.landlord.ref)
                    if file.landlord else none)
        location = (
            position(file.latitude, file.longitude)
            if file.latitude is not None and file.longitude is not None else self.tr("unknown")
        )
        rooms = (self.tr("%n rooms", "", file.rooms) if file.rooms is not None
                 else self.tr("rooms unknown"))
        area = self.tr("{area} m², {rooms}").format(
            area=number(file.floor_area_m2, None) if file.floor_area_m2 is not None else "?",
            rooms=rooms,
        )
        assessments = listed(date_text(day) for day, _ in file.assessments) or none
        agreements = listed(number for number, _ in file.agreements) or none
        boqs = boq_summary(file)
        # days may be halves ("12.5"): a value after its label, not a count before a noun
        labour = self.tr("{days}; paid: {paid}").format(
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
