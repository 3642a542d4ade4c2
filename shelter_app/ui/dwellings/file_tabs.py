"""Parts of the dwelling file: the stage buttons and the household tab."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.household import member_label, nationality_label, vulnerability_label
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.flow import StageOption, advance_stage, stage_options
from shelter_app.services.cases.households import HouseholdView, household_view
from shelter_app.services.cases.members import MemberRow, household_members
from shelter_app.ui.formats import bidi_safe, date_text, listed
from shelter_app.ui.forms import ERROR_STYLE
from shelter_app.ui.changes import notify
from shelter_app.ui.households.members import MembersPanel
from shelter_app.ui.wrapping import wrapped


class StageBar(QWidget):
    """The case's stage and a button per next stage of the flow. The services move a case by
    itself when a step's rule is met (an eligible assessment, a saved BoQ…); the buttons stay
    for exceptions, each disabled with what is still missing shown under it, and a refused
    move shows the service's reason."""

    moved = Signal(Stage)

    def __init__(self, db: Database, actor: Actor, ref: str, parent: QWidget | None = None,
                 options: list[StageOption] | None = None) -> None:
        """`options`: the stage options already read (in a worker, as the file opened)."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._ref = ref
        self.buttons: dict[Stage, QPushButton] = {}
        self.row = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("stageMessage")
        wrapped(self.message)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.reasons = QLabel()  # what the next stage still needs, while its button is off
        self.reasons.setObjectName("stageReasons")
        wrapped(self.reasons)
        layout.addLayout(self.row)
        layout.addWidget(self.reasons)
        layout.addWidget(self.message)
        self.refresh(options)

    def refresh(self, options: list[StageOption] | None = None) -> None:
        while self.row.count():
            widget = self.row.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons.clear()
        if not self._actor.can(Action.EDIT_CASES):
            return
        if options is None:
            options = stage_options(self._db, self._actor, self._ref)
        if options:
            self.row.addWidget(QLabel(self.tr("Next step:")))
        waiting = []
        for option in options:
            button = QPushButton(self.tr("Move to “{stage}”").format(stage=option.stage.label))
            button.setObjectName(f"stage.{option.stage.value}")
            button.setToolTip("\n".join(option.missing) or self.tr("Ready."))
            button.setEnabled(not option.missing)  # the case moves by itself once ready
            if option.missing:
                waiting.append(self.tr("Before “{stage}”: {reasons}").format(
                    stage=option.stage.label, reasons=" ".join(option.missing)))
            button.clicked.connect(lambda _=False, stage=option.stage: self.advance(stage))
            self.buttons[option.stage] = button
            self.row.addWidget(button)
        self.row.addStretch(1)
        self.reasons.setText("\n".join(waiting))
        self.reasons.setVisible(bool(waiting))

    def advance(self, stage: Stage) -> None:
        self.message.hide()
        try:
            advance_stage(self._db, self._actor, self._ref, stage)
        except UserError as error:
            self.message.setText(error.message)
            self.message.show()
            return
        # the buttons are of the stage left until the file's refresh (read in a worker)
        # brings the new one's: clicked again meanwhile, they asked for a move made already
        for button in self.buttons.values():
            button.setEnabled(False)
        notify()  # the lists showing the case's stage reload
        self.moved.emit(stage)


@dataclass(frozen=True)
class Household:
    """The household tab's reads: the household and its people."""

    view: HouseholdView
    members: list[MemberRow]


def read_household(db: Database, actor: Actor, ref: str | None) -> Household | None:
    """The household tab's reads (none without a household), callable in a worker."""
    if ref is None:
        return None
    return Household(household_view(db, actor, ref), household_members(db, actor, ref))


class HouseholdTab(QWidget):
    """The household living in the dwelling, its ID shown as the viewer's role may see it."""

    def __init__(self, db: Database, actor: Actor, ref: str | None,
                 edit: Callable[[], None], household: Household | None,
                 parent: QWidget | None = None) -> None:
        """`household`: `read_household(ref)`, read beforehand (in a worker)."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._ref = ref
        self.form = QFormLayout()
        self.edit_button = QPushButton(self.tr("Edit household…"))
        self.edit_button.clicked.connect(edit)
        self.edit_button.setVisible(ref is not None and actor.can(Action.EDIT_CASES))
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(buttons)
        self.members = (MembersPanel(db, actor, ref, rows=household.members)
                        if ref is not None and household is not None else None)
        if self.members is not None:
            layout.addWidget(self.members, 1)
        else:
            layout.addStretch(1)
        self._show(household.view if household is not None else None)

    def refresh(self) -> None:
        self._show(household_view(self._db, self._actor, self._ref) if self._ref else None)

    def _show(self, view: HouseholdView | None) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        if view is None:
            self.form.addRow(QLabel(self.tr("No household is linked to this dwelling.")))
            return
        bands = listed(f"{member_label(key)}: {count}"
                       for key, count in view.members.items() if count)
        rows = [
            (self.tr("Reference"), view.ref),
            (self.tr("Head of household"), view.head_name),
            (self.tr("ID number"), view.id_number),
            (self.tr("Nationality"), nationality_label(view.nationality)),
            (self.tr("Protection status"), view.protection_status.label),
            (self.tr("Mobile phone"), view.phone),
            (self.tr("Members"), self.tr("%n people: {bands}", "", view.size).format(
                bands=bands)),
            (self.tr("Vulnerabilities"),
             listed(vulnerability_label(code) for code in view.vulnerabilities)
             or self.tr("none recorded")),
            (self.tr("Consent (KVKK)"),
             date_text(view.consent_on) if view.consent_on else self.tr("not recorded")),
        ]
        for label, value in rows:
            text = QLabel(bidi_safe(value))
            wrapped(text)
            self.form.addRow(label, text)
