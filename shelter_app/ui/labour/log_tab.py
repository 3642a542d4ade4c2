"""The daily log: pick a site and a week, type the days into the grid, submit the week.

Each key in the grid shows its day at once and saves it in a worker (ui/saving.py), in the
order typed; the worker then reads that worker's week again and the grid puts it in place (the
week is read whole, in a worker too, only when a site or week is opened). A rule's warning asks
for a reason and repeats the call with it; a refusal is shown in red under the grid and the week
read again. The task field belongs to the selected day: Enter saves it; new days take the task
it shows.
"""

import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import week_start
from shelter_app.domain.errors import UserError
from shelter_app.domain.permissions import Action
from shelter_app.services.labour import days as labour
from shelter_app.services.labour import timesheets
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq.boq import status_label
from shelter_app.services.labour.grid import (
    GridCell,
    SiteChoice,
    WeekGrid,
    labour_sites,
    week_grid,
    worker_week,
)
from shelter_app.ui.beside import BesideIfRoom
from shelter_app.ui.changes import hub
from shelter_app.ui.formats import date_text, datetime_text, directed, listed
from shelter_app.ui.labour.grid import WeekGridModel, WeekGridView
from shelter_app.ui.saving import OrderedSaves
from shelter_app.ui.worker import run_in_background, to_crash_handler
from shelter_app.ui.wrapping import wrapped

ERROR = "color: #b00020;"
NOTE = "color: #1b5e20;"
_SIDE_LEAST = 240  # the selected day's panel, beside the grid


class DayEdit(NamedTuple):
    """A day typed into the grid, on its way to the database."""

    site: str
    monday: date
    worker_id: uuid.UUID
    day: date
    portion: Decimal
    task: str | None
    reason: str | None = None


class DailyLogTab(QWidget):
    loaded = Signal()  # the week read by the latest `reload` is shown

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 site: str | None = None) -> None:
        """`site`: the one dwelling shown (its file), without the choice of site."""
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.today = clock.today()
        self.monday = week_start(self.today)
        self.site: str | None = None
        self._reading: object | None = None  # the `reload` whose week is awaited
        self._listing: object | None = None  # the `refill_sites` whose sites are awaited
        self.saves = OrderedSaves(self)
        self.saves.saved.connect(self._day_saved)
        self.saves.refused.connect(self._day_refused)
        self.sites = QComboBox()
        self.sites.setObjectName("sitePicker")
        self.sites.setEditable(True)
        self.sites.setMinimumWidth(360)
        self.sites.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # typed refs open, not add
        self.sites.lineEdit().setPlaceholderText(self.tr("Site reference, e.g. GAZ-D-000123"))
        if site is None:  # a site made anywhere in the app shows here at once
            self.refill_sites()
            hub().changed.connect(self.refill_sites)
        self.sites.activated.connect(self._site_chosen)
        self.sites.lineEdit().returnPressed.connect(self._site_typed)
        self.previous = QPushButton(directed(self.tr("◀ Previous week")))
        self.this_week = QPushButton(self.tr("This week"))
        self.next = QPushButton(directed(self.tr("Next week ▶")))
        self.previous.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.this_week.clicked.connect(lambda: self.show_week(self.today))
        self.next.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        wrapped(self.week_label)

        self.model = WeekGridModel(self)
        self.view = WeekGridView()
        self.view.setModel(self.model)
        self.view.portion_requested.connect(self.set_portion)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        self.task = QLineEdit()
        self.task.setObjectName("task")
        self.task.setPlaceholderText(self.tr("What the worker does, e.g. plaster repair"))
        self.task.setMinimumWidth(200)  # the example whole, and the panel's width beside the grid
        self.task.returnPressed.connect(self.save_task)
        self.recorded = QLabel()
        wrapped(self.recorded)
        self.reason = QLabel()
        wrapped(self.reason)
        side = QGroupBox(self.tr("Selected day"))
        side_form = QFormLayout(side)
        side_form.addRow(self.tr("Task"), self.task)
        side_form.addRow(self.tr("Logged"), self.recorded)
        side_form.addRow(self.tr("Reason"), self.reason)
        # gives way to the week's grid (its sizeHint) down to _SIDE_LEAST, then goes under it
        # (self.placed): beside it, the two made the window 994-1120 px wide at the least
        side.setMinimumWidth(1)
        side.setMaximumWidth(330)
        self.side = side

        self.timesheet_label = QLabel()
        self.timesheet_label.setObjectName("timesheetStatus")
        wrapped(self.timesheet_label)
        self.message = QLabel()
        self.message.setObjectName("logMessage")
        wrapped(self.message)
        self.register_button = QPushButton(self.tr("Register worker…"))
        self.register_button.clicked.connect(self.register_worker)
        self.submit_button = QPushButton(self.tr("Submit week for approval"))
        self.submit_button.setObjectName("submitWeek")
        self.submit_button.clicked.connect(self.submit_week)
        can_edit = actor.can(Action.EDIT_CASES)
        self.register_button.setVisible(can_edit)
        self.submit_button.setVisible(actor.can(Action.SUBMIT_FOR_APPROVAL) and can_edit)

        top = QHBoxLayout()
        if site is None:
            top.addWidget(QLabel(self.tr("Site")))
            top.addWidget(self.sites, 1)
        else:  # the file's tab: the site is the file's
            self.sites.hide()
        # the week's buttons beside its heading, which wraps: beside the site they left the
        # site's name too little room in a window 900 px wide
        week = QHBoxLayout()
        week.addWidget(self.week_label, 1)
        week.addWidget(self.previous)
        week.addWidget(self.this_week)
        week.addWidget(self.next)
        middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        middle.addWidget(self.view, 1)
        middle.addWidget(side)
        buttons = QHBoxLayout()
        buttons.addWidget(self.timesheet_label, 1)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(week)
        layout.addWidget(wrapped(QLabel(self.tr(
            "Keys: F full day, H half day, A absent, Space cycles; arrows move. * marks a "
            "worker of another household."))))
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.placed = BesideIfRoom(self, middle, lambda: self.view.minimumWidth() + _SIDE_LEAST)
        self._enable()
        if site is not None:
            self.open_site(site)

    # -- choosing what to show ---------------------------------------------------------------

    def refill_sites(self) -> None:
        """The sites to pick from, read in a worker (a newer call supersedes an older one)."""
        self._listing = token = object()
        db, actor = self.db, self.actor
        run_in_background(lambda: labour_sites(db, actor),
                          lambda choices: self._sites_read(token, choices), to_crash_handler)

    def _sites_read(self, token: object, choices: list[SiteChoice]) -> None:
        """The sites arrived: the one typed or chosen kept."""
        if not shiboken6.isValid(self) or token is not self._listing:
            return
        self._listing = None
        typed = self.sites.currentText()
        self.sites.clear()
        for choice in choices:
            self.sites.addItem(choice.label, choice.ref)
        self.sites.setCurrentIndex(self.sites.findText(typed) if typed else -1)
        if typed and self.sites.currentIndex() < 0:
            self.sites.setEditText(typed)

    def _site_chosen(self, row: int) -> None:
        if self.sites.itemData(row):
            self._open_for_typing(self.sites.itemData(row))

    def _site_typed(self) -> None:
        text = self.sites.currentText().strip()
        data = self.sites.currentData()
        self._open_for_typing(data if data and self.sites.itemText(self.sites.currentIndex())
                              == text else text.split(" ")[0])

    def _open_for_typing(self, ref: str) -> None:
        """A site the user picked: its week opens with the focus in the grid, to type the
        days at once (not four Tabs away, past the week buttons)."""
        self.open_site(ref, focus=True)

    def open_site(self, ref: str, focus: bool = False) -> None:
        """Show the site's week when it arrives; with `focus`, the cursor goes into the grid
        then."""
        self.site = ref
        self.show_week(self.monday, focus=focus)

    def show_week(self, day: date, focus: bool = False) -> None:
        self.monday = week_start(day)
        self.reload(focus=focus)

    @property
    def loading(self) -> bool:
        return self._reading is not None

    def reload(self, keep: tuple[int, int] | None = None, focus: bool = False) -> None:
        """Read the week in a worker, after the days still being saved; show it when it
        arrives, the cursor on `keep` (row, column). A newer reload supersedes this one."""
        if not self.site:
            return
        self.saves.drain()
        self._reading = token = object()
        db, actor, site, monday = self.db, self.actor, self.site, self.monday
        run_in_background(lambda: week_grid(db, actor, site, monday),
                          lambda grid: self._week_read(token, grid, keep, focus),
                          lambda error: self._week_refused(token, error))

    def _week_refused(self, token: object, error: BaseException) -> None:
        if not shiboken6.isValid(self) or token is not self._reading:
            return
        self._reading = None
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        self.model.set_grid(None)
        self.show_message(error.message)
        self._enable()
        self.loaded.emit()

    def _week_read(self, token: object, grid: WeekGrid, keep: tuple[int, int] | None,
                   focus: bool) -> None:
        if not shiboken6.isValid(self) or token is not self._reading:
            return
        self._reading = None
        if keep is not None or grid != self.model.grid:
            self.show_grid(grid, keep)
        # else the week as shown (the Daily log tab shown again, nothing changed elsewhere):
        # the model is not reset, so the grid is not painted whole again and the cursor stays
        if focus and self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.loaded.emit()

    def show_grid(self, grid: WeekGrid, keep: tuple[int, int] | None = None) -> None:
        self.site = grid.site_ref
        found = self.sites.findData(grid.site_ref)
        if found >= 0:
            self.sites.setCurrentIndex(found)
        else:
            self.sites.setEditText(grid.site_ref)
        self.model.set_grid(grid, self.today)
        last = self.monday + timedelta(days=6)
        self.week_label.setText(
            self.tr("{site} — {address} — week of {first} to {last}").format(
                site=grid.site_ref, address=grid.address, first=date_text(self.monday),
                last=date_text(last)))
        self.timesheet_label.setText(self._timesheets_text())
        no_worker = self.tr("No worker is registered for this household yet; "
                            "register one first.")
        if not grid.workers:
            self.show_message(no_worker, NOTE)
        elif self.message.text() == no_worker:  # one was registered since: the note goes
            self.message.clear()
        this_week = self.monday <= self.today <= last
        row, column = keep or (0, (self.today - self.monday).days if this_week else 0)
        if grid.workers:
            self.view.setCurrentIndex(self.model.index(min(row, len(grid.workers) - 1), column))
        self._enable()

    def _timesheets_text(self) -> str:
        grid = self.model.grid
        if grid is None or not grid.timesheets:
            return self.tr("No timesheet for this week yet.")
        parts = []
        for sheet in grid.timesheets:
            text = self.tr("Timesheet {ref}: {status}").format(
                ref=sheet.ref, status=status_label(sheet.status))
            if sheet.return_reason:
                text += " — " + sheet.return_reason
            parts.append(text)
        return "\n".join(parts)

    def _enable(self) -> None:
        loaded = self.model.grid is not None
        for widget in (self.previous, self.this_week, self.next, self.register_button,
                       self.submit_button, self.task, self.view):
            widget.setEnabled(loaded)

    # -- typing ------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        cell = self.model.cell(current)
        if cell is None:
            return
        if cell.portion:
            self.task.setText(cell.task or "")
            self.recorded.setText(self.tr("by {name}, {when}").format(
                name=cell.recorded_by or "?", when=datetime_text(cell.recorded_at))
                if cell.recorded_at else "")
        else:
            self.recorded.clear()
        self.reason.setText(cell.override_reason or "")

    def set_portion(self, row: int, column: int, portion: Decimal) -> None:
        """The day shows at once and the cursor moves on; the save runs in a worker."""
        worker = self.model.worker(row)
        day = self.model.day(column)
        cell = self.model.cell(self.model.index(row, column))
        assert self.site is not None and cell is not None and self.model.grid is not None
        if day in self.model.grid.locks:  # what the service would say, without asking it
            self.show_message(self.model.grid.locks[day])
            return
        self.model.set_cells(worker.id, {day: replace(cell, portion=portion)})
        self.view.setCurrentIndex(self.model.index(row, min(column + 1, 6)))
        self._save(DayEdit(self.site, self.monday, worker.id, day, portion,
                           self.task.text().strip() or None))

    def _save(self, edit: DayEdit) -> None:
        db, actor = self.db, self.actor

        def save() -> tuple[labour.LogResult, dict[date, GridCell]]:
            result = labour.set_day(db, actor, edit.site, edit.worker_id, edit.day,
                                    edit.portion, task=edit.task, override_reason=edit.reason)
            return result, worker_week(db, actor, edit.site, edit.worker_id, edit.monday)

        self.saves.put(edit, save)

    def _day_saved(self, edit: DayEdit, answer: tuple[labour.LogResult, dict[date, GridCell]]
                   ) -> None:
        result, cells = answer
        if result.needs_reason:
            reason = self.ask_reason("\n\n".join(w.message for w in result.warnings))
            if reason:
                self._save(edit._replace(reason=reason))
                return
            self.show_message(self.tr("Not saved: a reason is needed."))
        else:
            self.message.clear()
        if edit.monday == self.monday and edit.site == self.site and not any(
                later.worker_id == edit.worker_id for later in self.saves.edits):
            self.model.set_cells(edit.worker_id, cells)  # as saved, unless typed again since
            self._current_changed(self.view.currentIndex(), QModelIndex())

    def _day_refused(self, edit: DayEdit, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        self.show_message(error.message)
        row = self.model.row_of(edit.worker_id)
        if not self.saves.pending and edit.monday == self.monday and row is not None:
            self.reload((row, (edit.day - edit.monday).days))

    def save_task(self) -> None:
        self.saves.drain()
        index = self.view.currentIndex()
        cell = self.model.cell(index)
        if cell is not None and cell.portion and self.site:
            try:
                labour.set_task(self.db, self.actor, self.site, self.model.worker(index.row()).id,
                                self.model.day(index.column()), self.task.text())
            except UserError as error:
                self.show_message(error.message)
            else:
                self.message.clear()
            self.reload((index.row(), index.column()))
        self.view.setFocus()

    def submit_week(self) -> None:
        if not self.site:
            return
        self.saves.drain()  # every day typed is in the week submitted
        try:
            rows = timesheets.submit_week(self.db, self.actor, self.site, self.monday)
        except UserError as error:
            self.show_message(error.message)
            return
        self.show_message(self.tr("Submitted for approval: {refs}.").format(
            refs=listed(row.ref for row in rows)), NOTE)
        self.reload()

    def register_worker(self) -> None:
        from shelter_app.ui.labour.worker_dialog import WorkerDialog

        grid = self.model.grid
        household = (grid.household_ref or "") if grid else ""
        self.dialog = WorkerDialog(self.db, self.actor, household, self)
        self.dialog.accepted.connect(self.reload)
        self.dialog.open()

    # -- asking and telling (replaced in tests) ---------------------------------------------

    def ask_reason(self, warnings: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("A reason is needed"),
            warnings + "\n\n" + self.tr("Why should this day be logged anyway?"))
        return text if ok else None

    def show_message(self, text: str, style: str = ERROR) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

