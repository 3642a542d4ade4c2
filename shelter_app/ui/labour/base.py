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

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
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

    def add_button(self, name: str, text: str, visible: bool, slot: Callable[[], None]) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setVisible(visible)
        button.clicked.connect(slot)
        self.buttons[name] = button
        self.button_row.addWidget(button)

    def enable(self) -> None:
        raise NotImplementedError

    def selected(self) -> Any:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

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
