"""The Bills of quantity screen: every BoQ of the office with its status and total; opening one
shows the editor; an engineer starts a new BoQ for an assessed dwelling."""

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.cancel import Cancel, Cancelled
from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq.boq import BoQView, create_boq, status_label
from shelter_app.services.boq.lookup import BoQRow, list_boqs
from shelter_app.ui.boq.editor import BoQEditor
from shelter_app.ui.changes import hub
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.formats import datetime_text, money
from shelter_app.ui.paged_model import Column, PagedTableModel
from shelter_app.ui.style import page_title
from shelter_app.ui.turns import Opener
from shelter_app.ui.worker import run_in_background


class BoQTableModel(PagedTableModel[BoQRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("BoQTableModel", "BoQ"), lambda r: r.ref),
        Column(QT_TRANSLATE_NOOP("BoQTableModel", "Status"), lambda r: status_label(r.status)),
        Column(QT_TRANSLATE_NOOP("BoQTableModel", "Household"), lambda r: r.household or ""),
        Column(QT_TRANSLATE_NOOP("BoQTableModel", "Province"), lambda r: r.province),
        Column(QT_TRANSLATE_NOOP("BoQTableModel", "Total incl. VAT"),
               lambda r: money(r.gross), numeric=True),
        Column(QT_TRANSLATE_NOOP("BoQTableModel", "Last change"),
               lambda r: datetime_text(r.updated_at)),
    ]
    STATUS, TOTAL = 1, 4  # the columns' places

    def __init__(self, db: Database, actor: Actor, parent: Any = None, text: str = "", *,
                 dwelling_id: uuid.UUID | None = None, background: bool = False,
                 rows: list[BoQRow] | None = None, status: ApprovalStatus | None = None
                 ) -> None:
        """`dwelling_id`: that dwelling's BoQs only (its file). `background`: read the first
        page in a worker (the office's list: its totals take a few hundred ms on the
        programme's database). `rows`: the first page, read beforehand (in a worker).
        `status`: the BoQs of that status only."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.text = text
        self.dwelling_id = dwelling_id
        self.status = status
        self._row_reads: dict[uuid.UUID, Cancel] = {}  # a BoQ's row being read again
        hub().boq_lines_changed.connect(self.refresh_row)
        if rows is not None:
            self._show(rows)
        elif background:
            self.reload_in_background()
        else:
            self.reload()

    def set_filter(self, text: str, status: ApprovalStatus | None) -> None:
        self.text, self.status = text, status
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[BoQRow]:
        return self.fetcher()(offset, limit, None)

    def fetcher(self, boq_id: uuid.UUID | None = None
                ) -> Callable[[int, int, Cancel | None], list[BoQRow]]:
        """`boq_id`: that BoQ's row alone, if the list shows it."""
        db, actor, text, status, dwelling_id = (self._db, self._actor, self.text, self.status,
                                                self.dwelling_id)
        return lambda offset, limit, cancel: list_boqs(
            db, actor, text, status, offset=offset, limit=limit, dwelling_id=dwelling_id,
            boq_id=boq_id, cancel=cancel)

    def refresh_row(self, boq_id: uuid.UUID) -> None:
        """The row of a BoQ whose lines were saved, read again in a worker and put in its
        place (its total changed, and its last change with the contingency: it may move to the
        top, or into the rows shown), not the list: that re-read sorts every BoQ of the
        office. Rows being read when the save committed may hold the BoQ as it was: those are
        read again instead. A newer read of the row supersedes an older one."""
        if self.loading or self.fetching_more:
            self.refresh()
            return
        if (older := self._row_reads.get(boq_id)) is not None:
            older.cancel()
        cancel = self._row_reads[boq_id] = Cancel()
        query = self.fetcher(boq_id)
        run_in_background(lambda: query(0, 1, cancel),
                          lambda rows: self._row_arrived(boq_id, cancel, rows),
                          lambda error: self._row_refused(boq_id, cancel, error))

    def _drop_pending(self) -> None:
        """The list is read again (a new filter, a decision): a row still being read may show
        its BoQ as the filter of before does, or as it was before the decision; the list's
        read, begun after the edit, brings it as it is."""
        super()._drop_pending()
        for cancel in self._row_reads.values():
            cancel.cancel()
        self._row_reads.clear()

    def _append(self, more: list[BoQRow]) -> None:
        """A next page read after a BoQ moved to the top from past the rows shown (its
        contingency saved, its row not placed yet) starts one row early in the new order: that
        row, shown already, is not listed twice."""
        shown = {row.id for row in self._rows}
        super()._append([row for row in more if row.id not in shown])
        self._exhausted = len(more) < self.PAGE  # the page as read: more may follow

    def _row_arrived(self, boq_id: uuid.UUID, cancel: Cancel, rows: list[BoQRow]) -> None:
        if isValid(self) and self._row_reads.get(boq_id) is cancel:
            del self._row_reads[boq_id]
            self.place_row(lambda row: row.id == boq_id, rows[0] if rows else None, _before)

    def _row_refused(self, boq_id: uuid.UUID, cancel: Cancel, error: BaseException) -> None:
        if isValid(self) and self._row_reads.get(boq_id) is cancel:
            del self._row_reads[boq_id]
        if not isinstance(error, Cancelled):
            raise error  # a bug: to the crash handler


def _before(row: BoQRow, other: BoQRow) -> bool:
    """The list's order (services.boq.lookup.list_boqs): the latest change first, then by
    reference."""
    return (other.updated_at, row.ref) < (row.updated_at, other.ref)


class BoQPage(QWidget):
    FILTER_DELAY_MS = 150

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        title = QLabel(self.tr("Bills of quantity"))
        page_title(title)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search by BoQ or dwelling reference, or "
                                                    "household name"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status in ApprovalStatus:
            self.status.addItem(status_label(status), status)
        self.new_button = QPushButton(self.tr("New BoQ…"))
        self.new_button.setVisible(actor.can(Action.EDIT_CASES))
        self.new_button.clicked.connect(self.new_boq)
        self.model = BoQTableModel(db, actor, self, background=True)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 110, 220, 110, 140)):
            self.table.setColumnWidth(column, width)
        fit_titles(self.table)
        self.table.activated.connect(self.open_boq)
        self._opener = Opener()  # the editor opened from the list
        self._timer = QTimer(self, singleShot=True, interval=self.FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self.apply_filter)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.status)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.table)

    @property
    def loading(self) -> bool:
        """Rows are being read (in a worker)."""
        return self.model.loading

    def apply_filter(self) -> None:
        """Search in a worker; a search still running for older words is cancelled."""
        self._timer.stop()
        self.model.text, self.model.status = self.filter_edit.text(), self.status.currentData()
        self.model.reload_in_background()

    def open_boq(self, index: QModelIndex) -> None:
        self.open_editor(self.model.row_at(index.row()).id)

    def open_editor(self, boq_id: uuid.UUID) -> BoQEditor:
        """The editor, built on this turn of the event loop and shown on the next
        (ui/turns.py): built and shown in one, the window froze for both (~40 ms). One at a
        time: asked again before it shows (a second Enter), the editor already built. Kept
        as `editor` until it closes (it is deleted then)."""
        if self._opener.waiting:
            return self.editor
        self.editor = BoQEditor(self._db, self._actor, boq_id, self)
        # a method, not a lambda holding the page: deleting the editor let go of it, and a
        # page held by nothing else was deleted, its editor with it, inside that deletion
        self.editor.finished.connect(self._closed)
        self._opener.open(self.editor)
        return self.editor

    def _closed(self) -> None:
        if vars(self).get("editor") is self.sender():  # (not one opened on top of it since)
            del self.editor

    def ask_dwelling(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("New bill of quantities"),
                                        self.tr("Reference of the assessed dwelling (e.g. "
                                                "GAZ-D-000123):"))
        return text if ok else None

    def new_boq(self) -> None:
        """Draft a BoQ for the dwelling asked, in a worker (the button off until it is), then
        open it."""
        ref = self.ask_dwelling()
        if not ref:
            return
        self.new_button.setEnabled(False)
        db, actor = self._db, self._actor
        run_in_background(lambda: create_boq(db, actor, ref), self._drafted, self._not_drafted)

    def _drafted(self, view: BoQView) -> None:
        if isValid(self):  # else the page was closed meanwhile
            self.new_button.setEnabled(True)
            self.apply_filter()
            self.open_editor(view.id)

    def _not_drafted(self, error: BaseException) -> None:
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog
        if isValid(self):
            self.new_button.setEnabled(True)
            QMessageBox.warning(self, self.tr("No new BoQ"), error.message)
