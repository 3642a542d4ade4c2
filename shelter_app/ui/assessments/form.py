"""The assessment form: conditions 1-4 with notes, rooms and openings, the decision.

A final assessment (while works are in progress) also checks each line of the approved BoQ
(done, partly done, not done, with a note) and takes the after photos, which "Completed" needs.

Built for the keyboard: each component's condition is a combo box whose items start with their
digit, so "Tab 3 Tab" rates a component; the notes follow it. While typing, the form shows the
space per person against the Sphere indicator and the priority score, computed with the same
domain functions and settings the service will use.
"""

import uuid
from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.assessment import (
    COMPONENTS,
    SCORES,
    area_per_person,
    check_conditions,
    component_label,
    is_crowded,
    priority_score,
    score_label,
)
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import PhotoTag
from shelter_app.domain.takeoff import check_measurements, takeoff
from shelter_app.domain.works_check import WorkDone, field_of
from shelter_app.services.assessments.assessments import (
    AssessmentInput,
    AssessmentResult,
    assessment_context,
    record_assessment,
)
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.assessments.measurements import (
    OpeningsTable,
    RoomsTable,
    quantities_text,
)
from shelter_app.ui.formats import isolated, measure, number, unit_text
from shelter_app.ui.forms import TALLEST, CaseForm, date_edit
from shelter_app.ui.running import current_language
from shelter_app.ui.wrapping import wrapped


class AssessmentDialog(CaseForm):
    def __init__(self, db: Database, actor: Actor, dwelling: str | uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.context = assessment_context(db, actor, dwelling)
        self.setWindowTitle(self.tr("Assess dwelling {ref}").format(ref=self.context.ref))
        self.db = db
        self.actor = actor
        self.saved: AssessmentResult | None = None
        left = QVBoxLayout()
        left.addLayout(self._header())
        left.addWidget(self._conditions())
        left.addWidget(self._decision())
        self.works: dict[str, tuple[QComboBox, QLineEdit]] = {}
        left.addStretch(1)
        inner = QWidget()
        rows = QVBoxLayout(inner)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addWidget(self._measurements(), 2)
        rows.addLayout(columns)
        if self.context.final_allowed:  # below both columns: its photo panel's buttons need
            rows.addWidget(self._works())  # the dialog's width (beside the rooms the form scrolled)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        self.body.addWidget(self.scroll)
        self.rooms.load(self.context.previous_rooms)
        self.openings.load(self.context.previous_rooms)
        for signal in (self.occupants.textChanged, self.rooms.changed):
            signal.connect(self.update_preview)
        self.update_preview()
        self.resize(1220, TALLEST)
        self.assessed_on.setFocus()

    def _header(self) -> QFormLayout:
        rows = QFormLayout()
        self.assessed_on = date_edit()
        self.assessed_on.setMaximumWidth(140)
        self.add_field("assessed_on", self.assessed_on, rows, self.tr("Date"))
        self.occupants = QLineEdit(str(self.context.occupants or ""))
        self.occupants.setMaximumWidth(80)
        self.add_field("occupants", self.occupants, rows, self.tr("People living there"))
        self.is_final = QCheckBox(self.tr("Final assessment: the works are finished"))
        self.is_final.setEnabled(self.context.final_allowed)
        if not self.context.final_allowed:
            self.is_final.setToolTip(self.tr("Only while works are in progress."))
        self.add_field("is_final", self.is_final, rows, "")
        self.preview = QLabel()
        self.preview.setObjectName("preview")
        wrapped(self.preview)
        rows.addRow(self.tr("Result"), self.preview)
        return rows

    def _conditions(self) -> QGroupBox:
        box = QGroupBox(self.tr("Condition of each component (1 good – 4 failed)"))
        grid = QGridLayout(box)
        self.scores: dict[str, QComboBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        for row, code in enumerate(COMPONENTS):
            combo = QComboBox()
            combo.addItem(self.tr("– not assessed"), None)
            for score in SCORES:
                combo.addItem(score_label(score), score)
            combo.currentIndexChanged.connect(self.update_preview)
            notes = QLineEdit()
            notes.setPlaceholderText(self.tr("What is wrong, where"))
            self.scores[code], self.notes[code] = combo, notes
            self.add_field(f"condition.{code}", combo)
            self.add_field(f"notes.{code}", notes)
            grid.addWidget(QLabel(component_label(code)), row * 2, 0)
            grid.addWidget(combo, row * 2, 1)
            grid.addWidget(notes, row * 2, 2)
            for name in (f"condition.{code}", f"notes.{code}"):
                grid.addWidget(self.messages[name], row * 2 + 1, 1, 1, 2)
        grid.setColumnStretch(2, 1)
        return box

    def _measurements(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rooms and openings (metres; the bill of quantities reuses "
                                "them)"))
        layout = QVBoxLayout(box)
        self.rooms = RoomsTable()
        self.openings = OpeningsTable(self.rooms)
        self.rooms_message = self.add_field("rooms", self.rooms.table)
        self.openings_message = self.add_field("openings", self.openings.table)
        self.quantities = QLabel()
        self.quantities.setObjectName("quantities")
        wrapped(self.quantities)
        for widget in (self.rooms, self.rooms_message, self.openings, self.openings_message,
                       self.quantities):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.openings.changed.connect(self.update_preview)
        return box

    def _decision(self) -> QGroupBox:
        box = QGroupBox(self.tr("Decision"))
        rows = QFormLayout(box)
        self.eligible = QRadioButton(self.tr("Eligible"))
        self.not_eligible = QRadioButton(self.tr("Not eligible"))
        self.decision = QButtonGroup(self)
        self.decision.addButton(self.eligible)
        self.decision.addButton(self.not_eligible)
        choice = QHBoxLayout()
        choice.addWidget(self.eligible)
        choice.addWidget(self.not_eligible)
        choice.addStretch(1)
        self.add_field("eligible", self.eligible)
        rows.addRow(self.tr("Eligibility"), choice)
        rows.addRow("", self.messages["eligible"])
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Why: condition, vulnerability, landlord's consent"))
        self.add_field("eligibility_reason", self.reason, rows, self.tr("Reason"))
        self.general_notes = QLineEdit()
        self.add_field("notes", self.general_notes, rows, self.tr("Notes"))
        return box

    def _works(self) -> QGroupBox:
        """The final assessment's checklist against the approved BoQ and the after photos;
        open once the assessment is marked final."""
        from shelter_app.ui.photos.panel import PhotosPanel

        box = QGroupBox(self.tr("Works done against the approved BoQ, and after photos"))
        box.setObjectName("worksBox")
        grid = QGridLayout(box)
        lines = self.context.works_lines
        for row, line in enumerate(lines):
            combo = QComboBox()
            combo.addItem(self.tr("– not checked"), None)
            for done in WorkDone:
                combo.addItem(done.label, done)
            note = QLineEdit()
            note.setPlaceholderText(self.tr("What is missing, and why"))
            name = field_of(line.id)
            self.add_field(name, combo)
            self.works[str(line.id)] = (combo, note)
            label = QLabel(f"{line.position}. {line.description_in(current_language())} "
                           f"({isolated(f'{measure(Decimal(line.quantity), line.unit)} {unit_text(line.unit)}')})")
            wrapped(label)
            grid.addWidget(label, row * 2, 0)
            grid.addWidget(combo, row * 2, 1)
            grid.addWidget(note, row * 2, 2)
            grid.addWidget(self.messages[name], row * 2 + 1, 0, 1, 3)
        if not lines:
            grid.addWidget(QLabel(self.tr("The case has no approved BoQ lines to check.")),
                           0, 0, 1, 3)
        assert self.context.dwelling_id is not None
        self.after_photos = PhotosPanel(self.db, self.actor, self.context.dwelling_id)
        self.after_photos.import_tag.setCurrentIndex(
            self.after_photos.import_tag.findData(PhotoTag.AFTER))
        self.after_photos.show_tag.setCurrentIndex(
            self.after_photos.show_tag.findData(PhotoTag.AFTER))
        self.after_photos.gallery.setMinimumHeight(140)
        grid.addWidget(QLabel(self.tr("After photos")), len(lines) * 2 + 2, 0, 1, 3)
        grid.addWidget(self.after_photos, len(lines) * 2 + 3, 0, 1, 3)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(2, 2)
        box.setEnabled(False)
        self.is_final.toggled.connect(box.setEnabled)
        return box

    # --- values ----------------------------------------------------------------------------

    def collect(self) -> AssessmentInput:
        eligible = (True if self.eligible.isChecked() else
                    False if self.not_eligible.isChecked() else None)
        return AssessmentInput(
            assessed_on=self.assessed_on.date().toPython(), occupants=self.occupants.text(),
            conditions={code: (self.scores[code].currentData(), self.notes[code].text())
                        for code in COMPONENTS},
            eligible=eligible, eligibility_reason=self.reason.text(),
            rooms=self.rooms.values(), openings=self.openings.values(),
            is_final=self.is_final.isChecked(), notes=self.general_notes.text(),
            works={line: (combo.currentData(), note.text())
                   for line, (combo, note) in self.works.items()})

    def save(self, values: AssessmentInput, confirm: bool) -> None:
        self.saved = record_assessment(self.db, self.actor, self.context.ref, values)

    def field_for(self, name: str) -> tuple[QWidget | None, QLabel | None]:
        kind, _, rest = name.partition(".")
        if kind in ("room", "opening") and rest:
            row, _, key = rest.partition(".")
            table = self.rooms if kind == "room" else self.openings
            table.select_field(int(row), key)
            return table.table, self.messages[f"{kind}s"]
        return super().field_for(name)

    def update_preview(self) -> None:
        """Space per person and priority as the service will compute them, or what is missing."""
        context = self.context
        floor = context.floor_area_m2
        try:
            quantities = takeoff(check_measurements(self.rooms.values(), self.openings.values()))
        except UserError as error:
            self.quantities.setText(self.tr("Take-off: {problem}").format(problem=error.message))
        else:
            if floor is None and self.rooms.table.rowCount():
                floor = quantities.floor
            self.quantities.setText(quantities_text(quantities))
        occupants = int(self.occupants.text()) if self.occupants.text().isdecimal() else None
        per_person = area_per_person(floor, occupants)
        crowded = is_crowded(floor, occupants, context.sphere_minimum)
        space = (self.tr("floor area per person unknown") if per_person is None else
                 self.tr("{area} m² per person: below the Sphere minimum of {minimum} m²")
                 if crowded else self.tr("{area} m² per person (Sphere minimum {minimum} m²)")
                 ).format(area="" if per_person is None else number(per_person),
                          minimum=number(context.sphere_minimum, None))
        try:
            conditions = check_conditions({code: (combo.currentData(), "")
                                           for code, combo in self.scores.items()})
        except UserError:
            priority = self.tr("priority score after at least one condition is rated")
        else:
            priority = self.tr("priority score {score} of 100").format(score=number(
                priority_score(context.vulnerabilities, conditions, crowded, context.weights)))
        self.preview.setText(f"{space}; {priority}")
