"""The dwelling file: one read-only summary of a whole case (later issues add its tabs)."""

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from shelter_app.data.engine import Database
from shelter_app.services.auth import Actor
from shelter_app.services.dwellings import DwellingFile, dwelling_file


class DwellingFileDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, dwelling_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.file = dwelling_file(db, dwelling_id)
        self.setWindowTitle(self.tr("Dwelling {ref}").format(ref=self.file.ref))
        self.resize(560, 420)
        form = QFormLayout()
        for label, value in self._fields(self.file):
            text = QLabel(value)
            text.setWordWrap(True)
            form.addRow(label, text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.history_button = buttons.addButton(self.tr("History…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.history_button.clicked.connect(self.show_history)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

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
            f"{file.latitude}, {file.longitude}" if file.latitude is not None else self.tr("unknown")
        )
        area = self.tr("{area} m², {rooms} rooms").format(
            area=file.floor_area_m2 if file.floor_area_m2 is not None else "?",
            rooms=file.rooms if file.rooms is not None else "?",
        )
        assessments = ", ".join(day.isoformat() for day, _ in file.assessments) or none
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
