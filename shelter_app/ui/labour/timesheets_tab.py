"""Timesheets of the office: the engineer submits, the supervisor approves, returns or reopens
(with a reason), anyone prints. Buttons follow the role and the selected timesheet's status;
the services refuse anything else with a message shown under the list."""

import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.cancel import Cancel
from shelter_app.data.engine import Database
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.labour import timesheets
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq.boq import status_label
from shelter_app.services.labour.payments import batch_status_label
from shelter_app.services.labour.timesheets import TimesheetRow
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.empty_list import say_when_empty
from shelter_app.ui.formats import date_text, days_shown
from shelter_app.ui.labour.base import ListTab
from shelter_app.ui.paged_model import Column, PagedTableModel


def _batch(row: TimesheetRow) -> str:
    if row.batch_ref is None or row.batch_status is None:
        return ""
    return f"{row.batch_ref} ({batch_status_label(row.batch_status)})"


class TimesheetsModel(PagedTableModel[TimesheetRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Timesheet"), lambda r: r.ref),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Household"), lambda r: r.household or ""),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Period"),
               lambda r: f"{date_text(r.period_start)} – {date_text(r.period_end)}"),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Status"), lambda r: status_label(r.status),
               tooltip=lambda r: r.return_reason or ""),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Days"), lambda r: days_shown(r.days),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Workers"), lambda r: str(r.workers),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Submitted by"),
               lambda r: r.submitted_by or ""),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Decided by"), lambda r: r.decided_by or ""),
        Column(QT_TRANSLATE_NOOP("TimesheetsModel", "Payment batch"), _batch),
    ]

    def __init__(self, db: Database, actor: Actor, parent: Any = None,
                 site: str | None = None, *, background: bool = False) -> None:
        """`background`: the first page is read in a worker (the dwelling file's Labour tab,
        which must open within a frame)."""
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.text = ""
        self.site = site
        self.status: ApprovalStatus | None = ApprovalStatus.SUBMITTED \
            if actor.can(Action.APPROVE) and site is None else None
        if background:
            self.reload_in_background()
        else:
            self.reload()

    def fetch(self, offset: int, limit: int) -> list[TimesheetRow]:
        return self.fetcher()(offset, limit, None)

    def fetcher(self) -> Callable[[int, int, Cancel | None], list[TimesheetRow]]:
        db, actor, status, text, site = self.db, self.actor, self.status, self.text, self.site
        return lambda offset, limit, cancel: timesheets.list_timesheets(
            db, actor, status=status, text=text, site=site, offset=offset, limit=limit,
            cancel=cancel)


class TimesheetsTab(ListTab):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None, *,
                 site: str | None = None, background: bool = False) -> None:
        """`site`: one dwelling's timesheets (its file), every status, no search.
        `background`: the first page is read in a worker and arrives by `model.loaded`."""
        super().__init__(db, actor, TimesheetsModel(db, actor, site=site, background=background),
                         "timesheets", parent)
        self.model.setParent(self)
        self.model.loaded.connect(self.enable)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Search by timesheet or site reference, or "
                                               "household name"))
        self.filter.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.addItem(self.tr("All statuses"), None)
        for status in ApprovalStatus:
            self.status.addItem(status_label(status), status)
        self.status.setCurrentIndex(self.status.findData(self.model.status))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((160, 170, 170, 100, 50, 60, 150, 150)):
            self.table.setColumnWidth(column, width)
        fit_titles(self.table)
        say_when_empty(self.table, self.model, self._nothing_found)
        for name, text, action, slot in (
                ("submit", self.tr("Submit"), Action.SUBMIT_FOR_APPROVAL, self.submit),
                ("approve", self.tr("Approve"), Action.APPROVE, self.approve),
                ("return", self.tr("Return…"), Action.APPROVE, self.return_sheet),
                ("reopen", self.tr("Reopen…"), Action.REOPEN_APPROVED, self.reopen),
                ("ask", self.tr("Ask to reopen…"), Action.SUBMIT_FOR_APPROVAL, self.ask_reopen),
                ("print", self.tr("Print…"), Action.VIEW_CASES, self.print_pdf)):
            self.add_button(name, text, actor.can(action), slot)
        # a supervisor reopens directly; an engineer asks, and the request waits in their inbox
        self.buttons["ask"].setVisible(actor.can(Action.SUBMIT_FOR_APPROVAL)
                                       and not actor.can(Action.REOPEN_APPROVED))
        # each keystroke reads in a worker and cancels the read of the one before, as the
        # dwellings list's search (a page of an office's timesheets: tens of ms)
        self.filter.textChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        if site is None:
            layout.addLayout(top)
        else:
            self.filter.hide()
            self.status.hide()
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)
        self.enable()

    def refresh(self) -> None:
        """Read the list again in a worker, with the filter and status of now: the rows
        arrive by `model.loaded`; until then no button acts. The timesheet selected stays
        selected when it is still listed (the list keeps it), else the Inbox selects the next."""
        self.model.text = self.filter.text()
        self.model.status = self.status.currentData()
        self.model.reload_in_background()
        self.enable()

    def _nothing_found(self) -> str:
        """Names the status chosen too: under "Submitted" (a supervisor's first view) a search
        finds nothing that another status holds, and the list was empty without a word."""
        text, status = self.model.text, self.model.status
        if status is None:
            return self.tr("No timesheet matches '{text}'.").format(text=text) if text else ""
        if not text:
            return self.tr("No timesheet has the status '{status}'.").format(
                status=status_label(status))
        return self.tr("No timesheet with the status '{status}' matches '{text}'.").format(
            status=status_label(status), text=text)

    def enable(self) -> None:
        row = self.actionable()
        status = row.status if row else None
        self.buttons["submit"].setEnabled(row is not None and row.editable)
        self.buttons["approve"].setEnabled(status is ApprovalStatus.SUBMITTED)
        self.buttons["return"].setEnabled(status is ApprovalStatus.SUBMITTED)
        self.buttons["reopen"].setEnabled(status is ApprovalStatus.APPROVED)
        self.buttons["ask"].setEnabled(status is ApprovalStatus.APPROVED)
        self.buttons["print"].setEnabled(row is not None)

    def _act(self, action: Callable[[Database, Actor, uuid.UUID], TimesheetRow],
             done: str) -> None:
        """Do `action` on the selected timesheet in a worker, then read the list again."""
        row = self.actionable()
        if row is not None:
            self.decide(lambda db, actor: action(db, actor, row.id),
                        lambda after: done.format(ref=after.ref,
                                                  status=status_label(after.status)))

    def submit(self) -> None:
        self._act(timesheets.submit,
                  self.tr("{ref} is submitted for approval."))

    def approve(self) -> None:
        self._act(timesheets.approve,
                  self.tr("{ref} is approved and locked."))

    def return_sheet(self) -> None:
        if self.actionable() is None:
            return
        reason = self.ask_reason(self.tr("Return the timesheet"),
                                 self.tr("What should the engineer correct?"))
        if reason is not None:
            self._act(lambda db, actor, id_: timesheets.return_timesheet(db, actor, id_, reason),
                      self.tr("{ref} is returned to the engineer."))

    def reopen(self) -> None:
        if self.actionable() is None:
            return
        reason = self.ask_reason(self.tr("Reopen an approved timesheet"),
                                 self.tr("Why must it change? The reason goes into the audit "
                                         "trail."))
        if reason is not None:
            self._act(lambda db, actor, id_: timesheets.reopen(db, actor, id_, reason),
                      self.tr("{ref} is reopened ({status}) for correction."))

    def ask_reopen(self) -> None:
        from shelter_app.domain.reopen import ReopenKind
        from shelter_app.ui.inbox.asking import ask_to_reopen

        ask_to_reopen(self, ReopenKind.TIMESHEET)

    def print_pdf(self) -> None:
        from shelter_app.services.labour.output import print_timesheet

        row = self.selected()
        if row is not None:
            target = Path(tempfile.gettempdir()) / f"{row.ref}.pdf"
            self.print_in_background(
                self.tr("Printing {ref}…").format(ref=row.ref),
                lambda: print_timesheet(self.db, self.actor, row.id, target), target, row.ref)
