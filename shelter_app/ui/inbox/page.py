"""The supervisor's inbox, their start page: the BoQs and timesheets submitted to them and the
sync conflicts to settle, each beside its evidence (the BoQ with its assessment, take-off and
photos; the timesheet's days per worker and the reasons logged against warnings such as a
missing work permit; an engineer's request to reopen an approved record beside that record). Ctrl+Return approves, Ctrl+R returns with a reason, Enter opens."""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.boq import over_ceiling_warning
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as service
from shelter_app.services.assessments.assessments import AssessmentView, dwelling_assessments
from shelter_app.services.boq.lookup import BoQRow, boq_takeoff
from shelter_app.services.labour.grid import WeekGrid, week_grid
from shelter_app.ui import mnemonics
from shelter_app.ui.assessments.tab import AssessmentsTab
from shelter_app.ui.beside import BesideIfRoom
from shelter_app.ui.boq.page import BoQTableModel
from shelter_app.ui.formats import measure, unit_text
from shelter_app.ui.inbox.kinds import KINDS_WIDTH, KindsList
from shelter_app.ui.labour.base import ListTab, decision_keys
from shelter_app.ui.labour.grid import WeekGridModel, WeekGridView
from shelter_app.ui.labour.timesheets_tab import TimesheetsTab
from shelter_app.ui.photos.model import PhotoListModel, Photos, read_photos
from shelter_app.ui.photos.panel import GalleryView
from shelter_app.ui.style import page_title
from shelter_app.ui.worker import run_in_background, to_crash_handler
from shelter_app.ui.wrapping import wrapped

if TYPE_CHECKING:
    from shelter_app.ui.sync.runner import SyncRunner


@dataclass(frozen=True)
class Evidence:
    """What the inbox shows beside a submitted BoQ."""

    dwelling_ref: str
    dwelling_id: uuid.UUID
    assessments: list[AssessmentView]
    takeoff: list[tuple[str, Decimal, str]]
    photos: Photos


def over_ceiling(db: Database, actor: Actor, boq_id: uuid.UUID) -> bool:
    """Whether the BoQ's total is over its budget ceiling (its approval then needs a reason),
    callable in a worker."""
    view = service.boq_view(db, actor, boq_id)
    return over_ceiling_warning(view.totals.gross, view.ceiling, "", "") is not None


def read_evidence(db: Database, actor: Actor, row: BoQRow) -> Evidence:
    """A BoQ's evidence, callable in a worker: its dwelling's assessments, the take-off and
    the photos."""
    dwelling_id = service.boq_view(db, actor, row.id).dwelling_id
    return Evidence(row.dwelling_ref, dwelling_id,
                    dwelling_assessments(db, actor, row.dwelling_ref),
                    boq_takeoff(db, actor, row.id), read_photos(db, actor, dwelling_id))


class BoQInbox(ListTab):
    """Submitted BoQs; the selected one beside its dwelling's assessments, take-off and photos."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        # read in a worker: the office's submitted BoQs take a few hundred ms on a programme
        model = BoQTableModel(db, actor, status=ApprovalStatus.SUBMITTED, background=True)
        super().__init__(db, actor, model, "inboxBoqs", parent)
        self._asked: object = None  # the evidence whose read is awaited
        model.setParent(self)
        self.add_button("open", self.tr("Open…"), True, self.open_selected)
        self.add_button("approve", self.tr("Approve"), True, self.approve)
        self.add_button("return", self.tr("Return…"), True, self.give_back)
        self.table.activated.connect(lambda _: self.open_selected())
        self.fit_columns()
        # the total the supervisor approves stood behind the list's scroll bar on a 1366 px
        # screen (the evidence takes half the page): it comes next to the reference, and the
        # status, the same on every row here, goes
        self.table.horizontalHeader().moveSection(BoQTableModel.TOTAL, 1)
        self.table.setColumnHidden(BoQTableModel.STATUS, True)
        self.takeoff = QLabel()
        self.takeoff.setObjectName("inboxTakeoff")
        wrapped(self.takeoff)
        self.gallery = GalleryView()
        self.gallery.setMaximumHeight(200)
        self.evidence = QVBoxLayout()
        self.assessment_box = QVBoxLayout()
        self.evidence.addLayout(self.assessment_box, 1)
        self.evidence.addWidget(QLabel(self.tr("Take-off from the assessment")))
        self.evidence.addWidget(self.takeoff)
        self.evidence.addWidget(self.gallery)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)
        column.addLayout(self.button_row)
        right = QWidget()
        right.setLayout(self.evidence)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        decision_keys(self, self.approve, self.give_back)
        self.enable()  # the first row is selected when the rows arrive (selection_lost)

    def enable(self) -> None:
        row = self.selected()
        self.buttons["open"].setEnabled(row is not None)
        for name in ("approve", "return"):
            self.buttons[name].setEnabled(self.actionable() is not None)
        if row is not None:
            self.show_evidence(row)

    @property
    def loading(self) -> bool:
        """A decision is being made, or the list or the selected BoQ's evidence read (in a
        worker)."""
        return self.waiting or self._asked is not None

    def show_evidence(self, row: BoQRow) -> None:
        """Read the BoQ's evidence in a worker and show it when it arrives; the latest
        selected wins (tens of milliseconds a BoQ, at each move in the list)."""
        db, actor, asked = self.db, self.actor, object()
        self._asked = asked
        run_in_background(lambda: read_evidence(db, actor, row),
                          lambda evidence: self._show_evidence(asked, evidence),
                          to_crash_handler)

    def _show_evidence(self, asked: object, evidence: "Evidence") -> None:
        if not isValid(self) or asked is not self._asked:
            return  # the inbox is gone, or another BoQ was selected since
        self._asked = None
        shown = AssessmentsTab(self.db, self.actor, evidence.dwelling_ref,
                               assessments=evidence.assessments)
        giver = mnemonics.install(QApplication.instance())
        replaced = self.assessment_box.takeAt(0).widget() if self.assessment_box.count() else None
        # its "New assessment…" came after the window's buttons were given their letters: it
        # takes the letter of the one it replaces, else (the first) the window's are given again
        given = replaced is not None and giver.hand_over(replaced, shown)
        if replaced is not None:
            replaced.hide()
            replaced.deleteLater()
        self.assessment_box.addWidget(shown)
        self.takeoff.setText("\n".join(f"{label}: {measure(quantity, unit)} {unit_text(unit)}"
                                       for label, quantity, unit in evidence.takeoff)
                             or self.tr("The assessment recorded no rooms."))
        photos = PhotoListModel(self.db, self.actor, evidence.dwelling_id, self)
        photos.show(evidence.photos)
        self.gallery.setModel(photos)
        if not given:
            giver.give(self.window())

    def open_selected(self) -> None:
        from shelter_app.ui.boq.editor import BoQEditor

        row = self.selected()
        if row is not None:
            self.editor = BoQEditor(self.db, self.actor, row.id, self)
            self.editor.finished.connect(self.refresh)  # (a lambda would hold the page)
            self.editor.open()

    def refresh(self) -> None:
        """Read the list again in a worker (after a decision, or the BoQ's editor closed):
        until its rows arrive a BoQ just decided is still listed and selected, and nothing
        decides it again (`actionable`)."""
        self.model.refresh()  # in a worker
        for name in ("approve", "return"):
            self.buttons[name].setEnabled(False)

    def selection_lost(self) -> None:
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.enable()

    def approve(self) -> None:
        """Over the budget ceiling a reason is asked first: whether it is over is read in a
        worker too (the BoQ's totals), with the buttons off."""
        row = self.actionable()
        if row is not None:
            self.in_background(lambda db, actor: over_ceiling(db, actor, row.id),
                               lambda over: self._approve(row, over))

    def _approve(self, row: BoQRow, over: bool) -> None:
        reason = ""
        if over:
            asked = self.ask_reason(self.tr("Approve over the budget ceiling"),
                                    self.tr("Why is this BoQ approved over the budget ceiling? "
                                            "The reason is kept in the audit trail."))
            if asked is None:
                self.enable()
                return
            reason = asked
        done = self.tr("{ref} is approved and locked.")
        self.decide(lambda db, actor: approval.approve(db, actor, row.id, confirm=True,
                                                      reason=reason),
                    lambda after: done.format(ref=after.ref))

    def give_back(self) -> None:
        row = self.actionable()
        if row is None:
            return
        reason = self.ask_reason(self.tr("Return to the engineer"),
                                 self.tr("What should the engineer change?"))
        if reason is not None:
            done = self.tr("{ref} is returned to the engineer.")
            self.decide(lambda db, actor: approval.return_boq(db, actor, row.id, reason),
                        lambda after: done.format(ref=after.ref))


class TimesheetInbox(QWidget):
    """Submitted timesheets (the Cash-for-work page's list and actions) above the selected
    one's days per worker; a day logged against a warning shows its reason. The list and the
    selected timesheet's week are read in workers (35-65 ms on the GUI thread as the Inbox was
    built); until the rows arrive nothing is selected and no button acts."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self._asked: object = None  # the week whose read is awaited
        self.list = TimesheetsTab(db, actor, background=True)
        self.grid = WeekGridModel(self)
        self.view = WeekGridView()
        self.view.setModel(self.grid)
        self.view.setEditTriggers(WeekGridView.EditTrigger.NoEditTriggers)
        self.warnings = QLabel()
        self.warnings.setObjectName("inboxWarnings")
        wrapped(self.warnings)
        self.list.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_days())
        self.list.table.activated.connect(lambda _: self.view.setFocus())
        self.list.model.modelReset.connect(self._reloaded)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        days = QWidget()
        box = QVBoxLayout(days)
        box.addWidget(self.view, 1)
        box.addWidget(self.warnings)
        split.addWidget(days)
        layout = QVBoxLayout(self)
        # the list's and the week's own margins suffice: with these too, the week's minimum
        # width (ui/labour/grid.py) widened the window in Arabic when it first showed
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        decision_keys(self, self.list.approve, self.list.return_sheet)

    @property
    def loading(self) -> bool:
        """A decision is being made, or the list or the selected timesheet's week read (in a
        worker)."""
        return self.list.waiting or self._asked is not None

    def _reloaded(self) -> None:
        """After the list reloads, the same timesheet (kept by the list) or the first one; a
        selection made here shows its days by `currentRowChanged`."""
        if self.list.selected() is not None:
            return
        if self.list.model.rowCount():
            self.list.select_row(0)
        else:
            self.show_days()

    def show_days(self) -> None:
        """Read the selected timesheet's week in a worker and show it when it arrives; the
        latest selected wins."""
        row = self.list.selected()
        self._asked = None
        if row is None:
            self.grid.set_grid(None)
            self.warnings.clear()
            return
        db, actor, asked = self.db, self.actor, object()
        self._asked = asked
        run_in_background(lambda: week_grid(db, actor, row.site_ref, row.period_start),
                          lambda grid: self._show_days(asked, grid), to_crash_handler)

    def _show_days(self, asked: object, grid: WeekGrid) -> None:
        if not isValid(self) or asked is not self._asked:
            return  # the inbox is gone, or another timesheet was selected since
        self._asked = None
        self.grid.set_grid(grid)
        reasons = [f"{worker.name}, {day:%d.%m}: {cell.override_reason}"
                   for worker in grid.workers for day in grid.days
                   if (cell := grid.cell(worker.id, day)).override_reason]
        self.warnings.setText(
            self.tr("Days logged against a warning (work permit, household, site):") + "\n"
            + "\n".join(reasons) if reasons else self.tr("No day was logged against a warning."))


class InboxPage(QWidget):
    """What waits for the supervisor, kind by kind, with the count of each; its sync conflicts
    follow the window's SyncRunner as the Sync conflicts page does."""

    def __init__(self, db: Database, actor: Actor, runner: "SyncRunner",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from shelter_app.ui.inbox.reopen import RequestInbox
        from shelter_app.ui.sync.conflicts import ConflictsPage

        title = QLabel(self.tr("Inbox"))
        page_title(title)
        self.boqs = BoQInbox(db, actor)
        self.timesheets = TimesheetInbox(db, actor)
        self.requests = RequestInbox(db, actor)
        self.conflicts = ConflictsPage(db, actor, runner)
        self.kinds = KindsList()
        self.kinds.setObjectName("inboxKinds")
        self.stack = QStackedWidget()
        for widget in (self.boqs, self.timesheets, self.requests, self.conflicts):
            self.stack.addWidget(widget)
        self.kinds.currentRowChanged.connect(self.stack.setCurrentIndex)
        for model in (self.boqs.model, self.timesheets.list.model, self.requests.model,
                      self.conflicts.model):
            model.modelReset.connect(self.refresh_counts)  # the rows, read in workers
        self.refresh_counts()
        self.kinds.setCurrentRow(0)
        row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.addWidget(self.kinds)
        row.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(row, 1)
        # the kinds over what they list where both do not fit beside each other: beside a
        # week's grid they made the window 1008 (tr) / 1096 (ar) px wide at the least
        self.placed = BesideIfRoom(self, row, lambda: KINDS_WIDTH + self._stack_least())
        self.placed.turned.connect(self.kinds.shape)

    def _stack_least(self) -> int:
        return max(self.stack.minimumWidth(), self.stack.minimumSizeHint().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """As narrow as the kinds over what they list (`placed` puts them there when the page
        is narrower than both beside each other)."""
        hint = super().minimumSizeHint()
        if self.placed.beside:
            hint.setWidth(hint.width() - KINDS_WIDTH - self.placed.spacing)
        return hint

    def refresh_counts(self) -> None:
        current = max(self.kinds.currentRow(), 0)
        self.kinds.clear()
        self.kinds.addItems([
            self.tr("BoQs to approve ({count})").format(count=self.boqs.model.rowCount()),
            self.tr("Timesheets to approve ({count})").format(
                count=self.timesheets.list.model.rowCount()),
            self.tr("Reopen requests ({count})").format(count=self.requests.model.rowCount()),
            self.tr("Sync conflicts ({count})").format(
                count=self.conflicts.model.rowCount()),
        ])
        self.kinds.setCurrentRow(current)
