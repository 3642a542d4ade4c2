"""The dwelling file's Monitoring tab: the tenancy checks of the agreement in force, read in a
worker, and the visit recorded from here."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.lease import status_label
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.agreements.lookup import AgreementRow, AgreementView, agreement_view
from shelter_app.ui.agreements.models import VisitsModel
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.formats import date_text, isolated, money, read_from_right, typed_number
from shelter_app.ui.worker import run_in_background, to_crash_handler

# agreements whose term is (or was) being monitored, newest first in the list
_MONITORED = (AgreementStatus.ACTIVE, AgreementStatus.SIGNED, AgreementStatus.ENDED,
              AgreementStatus.BREACHED, AgreementStatus.TERMINATED)


class MonitoringTab(QWidget):
    """The tenancy checks of the agreement in force: visits made and due, the next one, the
    rent paid against the rent agreed; a visit is recorded here while the agreement is active."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.number: str | None = None
        self._asked: object = None  # the read of the agreement in force, awaited
        self.facts = QFormLayout()
        self.visits = VisitsModel(self)
        self.table = QTableView()
        self.table.setObjectName("fileVisits")
        self.table.setModel(self.visits)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        fit_titles(self.table)
        self.visit_button = QPushButton(self.tr("Record a visit…"))
        self.visit_button.setObjectName("fileVisitButton")
        self.visit_button.clicked.connect(self.record_visit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.visit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    @property
    def loading(self) -> bool:
        return self._asked is not None

    def show_agreements(self, rows: list[AgreementRow]) -> None:
        """Show the agreement in force among `rows`, its visits read in a worker."""
        monitored = [row for row in rows if row.status in _MONITORED]
        self.number = monitored[0].number if monitored else None
        self._asked = None
        if self.number is None:
            self._clear_facts()
            self.visits.set_rows([])
            self.facts.addRow(QLabel(self.tr(
                "Monitoring starts when the landlord agreement is signed and active; none is "
                "yet.")))
            self.visit_button.hide()
            return
        db, actor, number = self.db, self.actor, self.number
        self._asked = asked = object()
        run_in_background(lambda: agreement_view(db, actor, number),
                          lambda view: self._show(asked, view), to_crash_handler)

    def _clear_facts(self) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)

    def _show(self, asked: object, view: AgreementView) -> None:
        if not isValid(self) or asked is not self._asked:
            return  # the tab is gone, or the file was reloaded since
        self._asked = None
        self._clear_facts()
        self.view = view
        visits = list(view.visits)
        self.visits.set_rows(visits)
        due = [visit.due_on for visit in visits if visit.visited_on is None]
        made = [visit for visit in visits if visit.visited_on is not None]
        paid = made[-1].rent_paid if made else None
        # each value an island and the line read from the right: in Arabic the values stood
        # at the left, the start date and the rent agreed last
        term = f"{isolated(date_text(view.values.start_date))} – {isolated(date_text(view.end_date))}"
        rent = isolated(money(view.values.monthly_rent))
        last = isolated(money(paid)) if paid is not None else "—"
        for label, text in (
                (self.tr("Agreement"), self.tr("{number} ({status})").format(
                    number=view.number, status=status_label(view.status))),
                (self.tr("Term"), term),
                (self.tr("Visits made"), self.tr("{made} of {all}").format(
                    made=len(made), all=len(visits))),
                (self.tr("Next visit due"), date_text(min(due)) if due else self.tr("none")),
                (self.tr("Rent agreed / last paid"), f"{rent} / {last}"),
        ):
            value = QLabel(read_from_right(text))
            value.setObjectName("monitoringFact")
            self.facts.addRow(label, value)
        self.visit_button.setVisible(self.actor.can(Action.EDIT_CASES)
                                     and view.status is AgreementStatus.ACTIVE)

    def record_visit(self) -> None:
        from shelter_app.ui.agreements.forms import VisitDialog

        assert self.number is not None
        self.dialog = VisitDialog(self.db, self.actor, self.number,
                                  typed_number(self.view.values.monthly_rent, 2), self)
        self.dialog.accepted.connect(self.changed.emit)
        self.dialog.open()
