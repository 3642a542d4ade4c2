"""What the timesheet and payment tabs share: a list with action buttons under it, a message
line, and documents made off the GUI thread behind a progress dialog.

The dialog appears only when the work outlasts 400 ms. Printing can be cancelled: the PDF is
then not shown. An export cannot: it writes the file and marks the batches exported together,
and stopping halfway would leave one without the other.
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableView,
    QWidget,
)
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.changes import notify
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.paged_model import PagedTableModel
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

ERROR = "color: #b00020;"
OK = "color: #1b5e20;"


def run_busy(parent: QWidget, label: str, work: Callable[[], Any],
             done: Callable[[Any], None], failed: Callable[[BaseException], None], *,
             cancellable: bool = False) -> QProgressDialog:
    dialog = QProgressDialog(label, QCoreApplication.translate("run_busy", "Cancel"), 0, 0,
                             parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(400)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setValue(0)

    def finish(result: Any) -> None:
        cancelled = dialog.wasCanceled()
        dialog.reset()
        dialog.deleteLater()
        if not cancelled:
            done(result)

    def fail(error: BaseException) -> None:
        dialog.reset()
        dialog.deleteLater()
        failed(error)

    run_in_background(work, finish, fail)
    return dialog


def decision_keys(widget: QWidget, approve: Callable[[], None],
                  give_back: Callable[[], None]) -> None:
    """The inbox's keys: Ctrl+Return approves, Ctrl+R returns with a reason."""
    QShortcut(QKeySequence("Ctrl+Return"), widget, approve)
    QShortcut(QKeySequence("Ctrl+R"), widget, give_back)


class ListTab(QWidget):
    """`model` in a read-only table; subclasses add buttons and say when they are enabled."""

    def __init__(self, db: Database, actor: Actor, model: PagedTableModel[Any], name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.model = model
        self.table = QTableView()
        self.table.setObjectName(name)
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.enable())
        self._kept: str | None = None
        model.modelAboutToBeReset.connect(self._keep_selection)
        model.modelReset.connect(self._restore_selection)
        self.message = QLabel()
        self.message.setObjectName(f"{name}Message")
        wrapped(self.message)
        self.buttons: dict[str, QPushButton] = {}
        self.button_row = QHBoxLayout()
        self.button_row.addStretch(1)
        self._working = False  # a decision (or what it first reads) is in a worker

    def add_button(self, name: str, text: str, visible: bool, slot: Callable[[], None]) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setVisible(visible)
        button.clicked.connect(slot)
        self.buttons[name] = button
        self.button_row.addWidget(button)

    def fit_columns(self) -> None:
        """Every title whole and the first column as wide as its longest reference shown: in
        the Inbox's narrow lists Qt's default width cut "KDV dahil toplam" and wrapped
        "GAZ-D-000001-" above "T08"."""
        fit_titles(self.table)
        self.model.modelReset.connect(lambda: self.table.resizeColumnToContents(0))

    def enable(self) -> None:
        raise NotImplementedError

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    @property
    def waiting(self) -> bool:
        """A decision is being made, or the list read, in a worker: nothing is actionable."""
        return self._working or self.model.loading

    def actionable(self) -> Any:
        """The record selected, unless a decision is being made or the list read again after
        one: until its rows arrive the record just decided is still listed, and a second click
        or Ctrl+Return was sent to the service, whose refusal replaced the word it was done."""
        return None if self.waiting else self.selected()

    def in_background(self, work: Callable[[Database, Actor], Any],
                      then: Callable[[Any], None], doing: str = "") -> None:
        """Run `work` in a worker with every button off and nothing actionable until its
        answer, then `then(result)`; a refusal is shown under the list and the buttons follow
        the selection again. On a programme of 100,000 dwellings an approval held the click's
        turn for 14-86 ms (a BoQ's: its totals read, then the write). `doing` says on the
        message line meanwhile what is being written: greyed buttons alone looked frozen."""
        db, actor = self.db, self.actor
        self._working = True
        for button in self.buttons.values():
            button.setEnabled(False)
        if doing:
            self.show_message(doing, "")
        run_in_background(lambda: work(db, actor), lambda result: self._answered(then, result),
                          self._refused)

    def decide(self, action: Callable[[Database, Actor], Any],
               done: Callable[[Any], str]) -> None:
        """Write a decision in a worker (`in_background`); once written, say so (`done` of
        what the service answered), read the list again (`refresh`) and tell the other lists:
        the BoQ page said "Submitted" of a BoQ approved in the Inbox."""
        self.in_background(action, lambda after: self._decided(done(after)))

    def _decided(self, said: str) -> None:
        self.show_message(said, OK)
        self.refresh()
        notify()  # the status, and a case's stage, on every list that shows them

    def written(self, said: str) -> None:
        """Say what a worker wrote (`in_background`) that the list does not show (a request
        sent): the buttons follow the selection again, the list is not read again."""
        self.enable()
        self.show_message(said, OK)

    def _answered(self, then: Callable[[Any], None], result: Any) -> None:
        if isValid(self):  # else the page was closed meanwhile
            self._working = False
            then(result)

    def _refused(self, error: BaseException) -> None:
        if isValid(self):
            self._working = False
            self.failed(error)
        elif not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog

    def refresh(self) -> None:
        """Read the list again (after a decision: in a worker, the buttons off until the rows
        arrive and select)."""
        self.model.refresh()

    def _keep_selection(self) -> None:
        row = self.selected()
        self._kept = getattr(row, "ref", None)

    def _restore_selection(self) -> None:
        """A reload (a search, a decision, a language change) clears the view's selection:
        select the same record again, so the buttons and any evidence shown follow it."""
        if self._kept is None or not self.select(self._kept):
            self.selection_lost()

    def selection_lost(self) -> None:
        """The selected record is gone after a reload; the inbox picks the next one."""
        self.enable()

    def select_row(self, row: int) -> None:
        """Make `row` current and selected. QTableView.selectRow picks the column at the
        viewport's leading edge, which a right-to-left view not yet shown does not have: in
        Arabic it selected nothing and the evidence beside the list stayed empty."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def select(self, ref: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).ref == ref:
                self.select_row(row)
                return True
        return False

    def print_in_background(self, label: str, work: Callable[[], Any], path: Path,
                            title: str) -> None:
        """Run `work` (which writes the PDF `path`), then show it."""
        for button in self.buttons.values():
            button.setEnabled(False)
        self.busy = run_busy(self, label, work, lambda _: self._printed(path, title),
                             self.failed, cancellable=True)

    def _printed(self, path: Path, title: str) -> None:
        from shelter_app.ui.pdf_preview import PdfPreviewDialog

        self.enable()
        if not self.isVisible():  # the page was closed while the PDF was written
            return
        self.preview = PdfPreviewDialog(path, title, self)
        self.preview.open()

    def failed(self, error: BaseException) -> None:
        self.enable()
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog
        self.show_message(error.message)

    def ask_reason(self, title: str, prompt: str) -> str | None:
        """Replaced in tests."""
        text, ok = QInputDialog.getMultiLineText(self, title, prompt)
        return text if ok else None

    def show_message(self, text: str, style: str = ERROR) -> None:
        self.message.setStyleSheet(style)
        self.message.setText(text)
