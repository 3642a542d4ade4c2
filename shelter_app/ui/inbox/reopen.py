"""Reopen requests in the supervisor's inbox, each beside its evidence (the engineer's reason,
the BoQ's lines and total or the timesheet's days per worker); Ctrl+Return approves (the record
is unlocked), Ctrl+R returns with an answer. The engineer's side is ui.inbox.asking.

The requests and the selected one's record are read in workers (a timesheet and its week: tens
of milliseconds on the GUI thread as the Inbox was built), as the Inbox's BoQs are."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget
from shiboken6 import isValid

from shelter_app.data.cancel import Cancel
from shelter_app.data.engine import Database
from shelter_app.domain.reopen import ReopenKind
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq.boq import BoQView, boq_view
from shelter_app.services.labour.grid import WeekGrid, week_grid
from shelter_app.services.labour.timesheets import TimesheetRow, list_timesheets
from shelter_app.services.reopen_requests import (
    RequestRow,
    approve_request,
    return_request,
    waiting_requests,
)
from shelter_app.ui.columns import WholeColumns
from shelter_app.ui.formats import datetime_text, measure, money, number, unit_text
from shelter_app.ui.running import current_language
from shelter_app.ui.labour.base import ListTab, decision_keys
from shelter_app.ui.labour.grid import WeekGridModel, WeekGridView
from shelter_app.ui.paged_model import Column, PagedTableModel
from shelter_app.ui.worker import run_in_background, to_crash_handler
from shelter_app.ui.wrapping import wrapped

# what the list's Reason keeps at least (it elides; its tooltip is whole)
_REASON_LEAST = 120


class RequestsModel(PagedTableModel[RequestRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("RequestsModel", "Record"), lambda r: r.ref),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "Kind"), lambda r: r.kind.label),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "Household"), lambda r: r.household or ""),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "Asked by"), lambda r: r.requested_by),
        Column(QT_TRANSLATE_NOOP("RequestsModel", "Reason"), lambda r: r.reason,
               tooltip=lambda r: r.reason),
    ]

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.reload_in_background()

    def fetch(self, offset: int, limit: int) -> list[RequestRow]:
        return self.fetcher()(offset, limit, None)

    def fetcher(self) -> Callable[[int, int, Cancel | None], list[RequestRow]]:
        db, actor = self.db, self.actor
        return lambda offset, limit, cancel: waiting_requests(db, actor, offset, limit)


Record = BoQView | tuple[TimesheetRow, WeekGrid]


def read_record(db: Database, actor: Actor, row: RequestRow) -> Record:
    """The record a request is about, callable in a worker: the BoQ, or the timesheet and its
    week."""
    if row.kind is ReopenKind.BOQ:
        return boq_view(db, actor, row.record_id)
    (sheet,) = [s for s in list_timesheets(db, actor, text=row.ref) if s.id == row.record_id]
    return sheet, week_grid(db, actor, sheet.site_ref, sheet.period_start)


class RequestInbox(ListTab):
    """Waiting reopen requests above the selected one's reason and record."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        model = RequestsModel(db, actor)
        super().__init__(db, actor, model, "inboxRequests", parent)
        self._asked: object = None  # the record whose read is awaited
        model.setParent(self)
        self.add_button("approve", self.tr("Approve and reopen"), True, self.approve)
        self.add_button("return", self.tr("Return…"), True, self.give_back)
        # one line a request: the household's and the engineer's names wrapped in two
        WholeColumns(self.table, (0, 1, 2, 3), least=_REASON_LEAST)
        self.reason = QLabel()
        self.reason.setObjectName("requestReason")
        wrapped(self.reason)
        self.record = QLabel()
        self.record.setObjectName("requestRecord")
        wrapped(self.record)
        self.grid = WeekGridModel(self)
        self.days = WeekGridView()
        self.days.setModel(self.grid)
        self.days.setEditTriggers(WeekGridView.EditTrigger.NoEditTriggers)
        top = QWidget()
        column = QVBoxLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)
        column.addLayout(self.button_row)
        evidence = QWidget()
        box = QVBoxLayout(evidence)
        box.addWidget(self.reason)
        box.addWidget(self.record)
        box.addWidget(self.days, 1)
        # the record's week below the list, as wide as the page: beside it, its minimum width
        # (ui/labour/grid.py) widened the window when the first timesheet's request showed
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(evidence)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # (the list's and the record's have theirs)
        layout.addWidget(split)
        decision_keys(self, self.approve, self.give_back)
        self.selection_lost()

    def selection_lost(self) -> None:
        if self.model.rowCount():
            self.select_row(0)
        else:
            self.enable()

    def enable(self) -> None:
        row = self.actionable()
        for name in ("approve", "return"):
            self.buttons[name].setEnabled(row is not None)
        self.show_evidence(self.selected())

    @property
    def loading(self) -> bool:
        """A decision is being made, or the list or the selected request's record read (in a
        worker)."""
        return self.waiting or self._asked is not None

    def show_evidence(self, row: RequestRow | None) -> None:
        """The request's reason at once, its record read in a worker and shown when it
        arrives; the latest selected wins."""
        self._asked = None
        if row is None:
            self.reason.setText("" if self.model.loading else self.tr("No reopen request waits."))
            self.record.clear()
            self.grid.set_grid(None)
            self.days.hide()
            return
        self.reason.setText(self.tr("{who} asks on {when} to reopen {ref} ({house}):\n{reason}")
                            .format(who=row.requested_by, when=datetime_text(row.requested_at),
                                    ref=row.ref, house=row.dwelling_ref, reason=row.reason))
        db, actor, asked = self.db, self.actor, object()
        self._asked = asked
        run_in_background(lambda: read_record(db, actor, row),
                          lambda record: self._show_record(asked, record), to_crash_handler)

    def _show_record(self, asked: object, record: Record) -> None:
        if not isValid(self) or asked is not self._asked:
            return  # the inbox is gone, or another request was selected since
        self._asked = None
        if isinstance(record, BoQView):
            self.record.setText("\n".join(
                [f"{line.position}. {line.description_in(current_language())}: "
                 f"{measure(line.quantity, line.unit)} {unit_text(line.unit)} × "
                 f"{money(line.unit_price)}" for line in record.lines]
                + [self.tr("Total incl. VAT: {total}").format(total=money(record.totals.gross))]))
            self.grid.set_grid(None)
            self.days.hide()
            return
        sheet, week = record
        self.record.setText(self.tr("Approved timesheet of %n workers; days worked: {days}.", "",
                                    sheet.workers).format(days=number(sheet.days, None)))
        self.grid.set_grid(week)
        self.days.show()

    def refresh(self) -> None:
        """Read the requests again in a worker (after a decision: the buttons stay off until
        the rows arrive and select)."""
        self.model.refresh()

    def approve(self) -> None:
        row = self.actionable()
        if row is not None:
            done = self.tr("{ref} is reopened; the engineer can correct it.")
            self.decide(lambda db, actor: approve_request(db, actor, row.id),
                        lambda _: done.format(ref=row.ref))

    def give_back(self) -> None:
        row = self.actionable()
        if row is None:
            return
        answer = self.ask_reason(self.tr("Return the request"),
                                 self.tr("Why does the record stay as approved?"))
        if answer is not None:
            done = self.tr("The request to reopen {ref} is returned to the engineer.")
            self.decide(lambda db, actor: return_request(db, actor, row.id, answer),
                        lambda _: done.format(ref=row.ref))
