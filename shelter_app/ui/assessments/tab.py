"""The dwelling file's assessments: every assessment, newest first, and the chosen one's details."""

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.assessment import component_label, score_label
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.assessments.assessments import AssessmentView, dwelling_assessments
from shelter_app.ui.assessments.measurements import quantities_text
from shelter_app.ui.columns import WholeColumns
from shelter_app.ui.formats import date_text, isolated, number, read_from_right
from shelter_app.ui.paged_model import Column, PagedTableModel
from shelter_app.ui.reading import align_to_reading
from shelter_app.ui.running import current_language


def decision_text(view: AssessmentView) -> str:
    if view.eligible is None:
        return ""
    return (translate("AssessmentHistoryModel", "Eligible") if view.eligible
            else translate("AssessmentHistoryModel", "Not eligible"))


def _optional(value: Decimal | int | None) -> str:
    return "" if value is None else number(value, None if isinstance(value, int) else 2)


def _metres(stored: str) -> str:
    """A room's stored length ("4.20") as the interface writes numbers ("4,2")."""
    return number(Decimal(stored), None)


class AssessmentHistoryModel(PagedTableModel[AssessmentView]):
    columns = [
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "Date"),
               lambda r: date_text(r.assessed_on)),
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "Assessor"), lambda r: r.assessor),
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "People"),
               lambda r: _optional(r.occupants), numeric=True),
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "m² per person"),
               lambda r: _optional(r.area_per_person), numeric=True),
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "Priority"),
               lambda r: _optional(r.priority_score), numeric=True),
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "Decision"), decision_text,
               tooltip=lambda r: r.eligibility_reason),
        Column(QT_TRANSLATE_NOOP("AssessmentHistoryModel", "Final"),
               lambda r: "●" if r.is_final else ""),
    ]

    def __init__(self, db: Database, actor: Actor, ref: str, parent: Any = None,
                 rows: list[AssessmentView] | None = None) -> None:
        """`rows`: the dwelling's assessments read beforehand (in a worker); else read now."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._ref = ref
        if rows is None:
            self.reload()
        else:
            self._show(rows[:self.PAGE])

    def fetch(self, offset: int, limit: int) -> list[AssessmentView]:
        return dwelling_assessments(self._db, self._actor, self._ref)[offset:offset + limit]


class AssessmentsTab(QWidget):
    """`assess` is emitted when the user asks for a new assessment; the file opens the form."""

    assess = Signal()

    def __init__(self, db: Database, actor: Actor, ref: str, parent: QWidget | None = None,
                 assessments: list[AssessmentView] | None = None) -> None:
        """`assessments`: the dwelling's, read beforehand (in a worker); else read now."""
        super().__init__(parent)
        self.model = AssessmentHistoryModel(db, actor, ref, self, assessments)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        WholeColumns(self.table, range(6))  # "Mühendis Gaziantep" wrapped at 1,000 px
        self.table.selectionModel().currentRowChanged.connect(self.show_details)
        self.details = QPlainTextEdit()
        align_to_reading(self.details)
        self.details.setObjectName("assessmentDetails")
        self.details.setReadOnly(True)
        self.new_button = QPushButton(self.tr("New assessment…"))
        self.new_button.clicked.connect(self.assess)
        self.new_button.setVisible(actor.can(Action.EDIT_CASES))
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.details, 3)
        self._show_first()

    def refresh(self) -> None:
        self.model.reload()
        self._show_first()

    def _show_first(self) -> None:
        """Select the newest assessment (its details follow the current row). Not selectRow:
        right to left it looks for the column at the viewport's far edge, finds none when the
        columns fill the view, and selects nothing."""
        self.details.clear()
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.details.setPlainText(self.tr("Not assessed yet."))

    def show_details(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        self.details.setPlainText(self.describe(self.model.row_at(index.row())))

    def describe(self, view: AssessmentView) -> str:
        lines = [self.tr("{decision}: {reason}").format(decision=decision_text(view),
                                                        reason=view.eligibility_reason), ""]
        for code, condition in view.conditions.items():
            notes = f" — {isolated(condition['notes'])}" if condition.get("notes") else ""
            lines.append(f"{component_label(code)}: {score_label(condition['score'])}{notes}")
        if view.rooms:
            lines.append("")
            for room in view.rooms:
                lines.append(self.tr("{name}: {length} × {width} m, height {height} m, %n "
                                     "openings", "", sum(o["count"] for o in room["openings"])
                                     ).format(
                    name=isolated(room["name"]), length=_metres(room["length_m"]),
                    width=_metres(room["width_m"]), height=_metres(room["height_m"])))
            lines.append(quantities_text(view.quantities))
        if view.works:
            lines += ["", self.tr("Works done against the approved BoQ:")]
            for line, done, note in view.works:
                description = isolated(line.description_in(current_language()))
                lines.append(f"{line.position}. {description}: {done.label}"
                             + (f" — {isolated(note)}" if note else ""))
        if view.notes:
            lines += ["", view.notes]
        return read_from_right("\n".join(lines))
