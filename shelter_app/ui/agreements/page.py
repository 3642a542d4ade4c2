"""The Agreements screen: what needs attention today (terms ending within 60 days, monitoring
visits overdue), then every agreement of the office. An engineer prepares an agreement for a
dwelling whose BoQ is approved, and prints many at once in the background."""

import threading
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.domain.lease import status_label
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.agreements.lookup import ReadyDwelling, dwellings_ready
from shelter_app.services.agreements.agreements import AgreementInput
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.agreements.monitoring import TodayList, today_list
from shelter_app.ui.agreements.forms import AgreementDialog, LandlordDialog
from shelter_app.ui.agreements.models import (
    AgreementTableModel,
    EndingModel,
    LandlordTableModel,
    OverdueModel,
)
from shelter_app.ui.agreements.window import AgreementWindow
from shelter_app.ui.paged_model import PagedTableModel
from shelter_app.ui.style import page_title
from shelter_app.ui.worker import run_in_background

if TYPE_CHECKING:
    from shelter_app.services.agreements.output import BatchResult


class NameTable(QTableView):
    """Columns as wide as their contents; the `stretch` column (a name) takes the room the
    others leave, but never less than NAME_CHARACTERS: a narrow panel scrolls sideways
    rather than squeezing the name (the Today tables left the English "Tenant" 44 px).
    The contents are measured when rows arrive, over FIT_ROWS rows: Qt's ResizeToContents
    measured up to 1,000 rows at every geometry update (a second of the GUI thread for three
    tables of 200 rows)."""

    NAME_CHARACTERS = 18
    FIT_ROWS = 30

    def __init__(self, model: PagedTableModel, stretch: int) -> None:  # type: ignore[type-arg]
        super().__init__()
        self.stretch = stretch
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # set by _fit_contents
        header.setResizeContentsPrecision(self.FIT_ROWS)
        model.modelReset.connect(self._fit_contents)
        model.rowsInserted.connect(self._fit_contents)
        self._fit_contents()

    def _fit_contents(self) -> None:
        for column in range(self.horizontalHeader().count()):
            if column != self.stretch:
                self.resizeColumnToContents(column)
        self._fit()

    def least(self) -> int:
        """The narrowest the name column gets, in pixels."""
        return self.fontMetrics().averageCharWidth() * self.NAME_CHARACTERS

    def updateGeometries(self) -> None:  # noqa: N802 - Qt's name; runs when the room changes
        super().updateGeometries()
        self._fit()

    def _fit(self) -> None:
        header = self.horizontalHeader()
        others = sum(header.sectionSize(n) for n in range(header.count()) if n != self.stretch)
        header.resizeSection(self.stretch, max(self.least(), self.viewport().width() - others))


class AgreementsPage(QWidget):
    FILTER_DELAY_MS = 150
    progressed = Signal(int, int, str)
    today_loaded = Signal()  # the Today lists of the latest refresh are shown

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self._today: object | None = None  # the Today refresh whose rows are awaited
        title = QLabel(self.tr("Agreements"))
        page_title(title)

        self.ending = EndingModel(self)
        self.overdue = OverdueModel(self)
        self.ending_label = QLabel()
        self.overdue_label = QLabel()
        today = QGroupBox(self.tr("Today"))
        today.setObjectName("todayPanel")
        columns = QHBoxLayout(today)
        self.today_tables: list[NameTable] = []
        for label, model in ((self.ending_label, self.ending),
                             (self.overdue_label, self.overdue)):
            view = NameTable(model, model.columnCount() - 1)  # the tenant, last
            self.today_tables.append(view)
            view.setMaximumHeight(150)
            view.activated.connect(lambda index, m=model: self.open(m.row_at(index.row()).number))
            box = QVBoxLayout()
            box.addWidget(label)
            box.addWidget(view)
            columns.addLayout(box, 1)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search by agreement or dwelling number, "
                                                    "tenant or landlord"))
        self.filter_edit.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status in AgreementStatus:
            self.status.addItem(status_label(status), status)
        edits = actor.can(Action.EDIT_CASES)
        self.new_button = QPushButton(self.tr("New agreement…"))
        self.new_button.setVisible(edits)
        self.new_button.clicked.connect(self.new_agreement)
        self.batch_button = QPushButton(self.tr("Print these…"))
        self.batch_button.setToolTip(self.tr("One PDF per agreement of the chosen status, into "
                                             "a folder"))
        self.batch_button.setVisible(actor.can(Action.VIEW_PERSONAL_IDS))
        self.batch_button.clicked.connect(self.print_batch)
        self.landlords_button = QPushButton(self.tr("Landlords…"))
        self.landlords_button.clicked.connect(self.show_landlords)
        self.model = AgreementTableModel(db, actor, self, background=True)
        self.table = NameTable(self.model, 3)
        self.table.activated.connect(self.open_row)
        self._timer = QTimer(self, singleShot=True, interval=self.FILTER_DELAY_MS)
        self._timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._timer.start)
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.progressed.connect(self._show_progress)
        self.progress_dialog: QProgressDialog | None = None
        self._cancel = threading.Event()
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        for widget in (self.status, self.new_button, self.batch_button, self.landlords_button):
            top.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(today)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.refresh_today()

    @property
    def loading(self) -> bool:
        """A refresh's rows (the Today lists or the agreements) are still awaited."""
        return self._today is not None or self.model.loading

    def refresh_today(self) -> None:
        """Read the Today lists in a worker (seconds on 100,000 dwellings): the counts show "…"
        until the rows arrive (`today_loaded`); a newer refresh's rows replace these, and rows
        arriving after the page is gone are dropped."""
        self._today = token = object()
        self._count_today("…", "…")
        db, actor = self._db, self._actor
        run_in_background(lambda: today_list(db, actor),
                          lambda found: self._show_today(token, found),
                          lambda error: self._today_refused(token, error))

    def _current(self, token: object) -> bool:
        return shiboken6.isValid(self) and token is self._today

    def _show_today(self, token: object, found: TodayList) -> None:
        if not self._current(token):
            return
        self._today = None
        self.ending.set_rows(found.ending)
        self.overdue.set_rows(found.overdue)
        self._count_today(len(found.ending), len(found.overdue))
        self.today_loaded.emit()

    def _today_refused(self, token: object, error: BaseException) -> None:
        if self._current(token):
            self._today = None
            raise error  # a bug: to the crash handler

    def _count_today(self, ending: object, overdue: object) -> None:
        self.ending_label.setText(self.tr("Ending within 60 days: {count}").format(
            count=ending))
        self.overdue_label.setText(self.tr("Monitoring visits overdue: {count}").format(
            count=overdue))

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.filter_edit.text(), self.status.currentData())

    def refresh(self) -> None:
        self.apply_filter()
        self.refresh_today()

    # -- one agreement ----------------------------------------------------------------------

    def open_row(self, index: QModelIndex) -> None:
        self.open(self.model.row_at(index.row()).number)

    def open(self, number: str) -> AgreementWindow:
        self.window_ = AgreementWindow(self._db, self._actor, number, self)
        self.window_.changed.connect(self.refresh)
        self.window_.open()
        return self.window_

    def ask_dwelling(self, ready: list[ReadyDwelling]) -> ReadyDwelling | None:
        items = [f"{d.ref} — {d.household} — {d.address}" for d in ready]
        text, ok = QInputDialog.getItem(self, self.tr("New agreement"),
                                        self.tr("Dwelling (its BoQ is approved):"), items, 0,
                                        False)
        return ready[items.index(text)] if ok and text in items else None

    def run(self, dialog: QDialog) -> bool:
        """Show a form and say whether it saved (replaced in tests)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def new_agreement(self) -> None:
        ready = dwellings_ready(self._db, self._actor)
        if not ready:
            QMessageBox.information(self, self.tr("New agreement"), self.tr(
                "No dwelling is ready: an agreement needs a dwelling whose bill of quantities a "
                "supervisor has approved, and no agreement in preparation or in force."))
            return
        dwelling = self.ask_dwelling(ready)
        if dwelling is None:
            return
        values = AgreementInput(term_months=12, start_date=None, monthly_rent="",
                                landlord_ref=dwelling.landlord_ref or "", payment_day=5)
        dialog = AgreementDialog(self._db, self._actor, mode="new", dwelling_ref=dwelling.ref,
                                 values=values, parent=self)
        if self.run(dialog):
            self.refresh()
            self.open(dialog.result_number)

    def show_landlords(self) -> None:
        self.landlords = LandlordsDialog(self._db, self._actor, self)
        self.landlords.open()

    # -- many contracts ---------------------------------------------------------------------

    def ask_folder(self) -> str:
        return QFileDialog.getExistingDirectory(self, self.tr("Folder for the contracts"),
                                                str(Path.home()))

    def print_batch(self) -> None:
        from shelter_app.services.agreements.output import print_contracts

        folder = self.ask_folder()
        if not folder:
            return
        self._cancel = threading.Event()
        cancel, emit = self._cancel, self.progressed.emit
        db, actor, status = self._db, self._actor, self.status.currentData()
        dialog = QProgressDialog(self.tr("Printing contracts…"), self.tr("Cancel"), 0, 0, self)
        dialog.setWindowTitle(self.tr("Agreements"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(cancel.set)
        self.progress_dialog = dialog
        self.batch_button.setEnabled(False)
        run_in_background(lambda: print_contracts(db, actor, Path(folder), status=status,
                                                  progress=emit, cancelled=cancel.is_set),
                          self._printed, self._failed)

    @Slot(int, int, str)
    def _show_progress(self, done: int, total: int, number: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(done)
            self.progress_dialog.setLabelText(self.tr("{done} of {total}: {number}").format(
                done=done, total=total, number=number))

    def _finish(self) -> None:
        self.batch_button.setEnabled(True)
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _printed(self, result: "BatchResult") -> None:
        self._finish()
        self.batch_result = result
        lines = [self.tr("%n contracts written.", "", len(result.written))]
        if result.cancelled:
            lines.append(self.tr("Cancelled: the others were not printed."))
        lines += [f"{number}: {why}" for number, why in result.failed]
        self.inform(self.tr("Agreements"), "\n".join(lines))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        if not isinstance(error, UserError):
            raise error
        self.inform(self.tr("Agreements"), error.message)

    def inform(self, title: str, message: str) -> None:
        QMessageBox.information(self, title, message)


class LandlordsDialog(QDialog):
    """The office's landlords: register one, or complete one's ID, IBAN or address."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.setWindowTitle(self.tr("Landlords"))
        self.resize(900, 520)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search by name or reference"))
        self.filter_edit.setClearButtonEnabled(True)
        self.model = LandlordTableModel(db, actor, self)
        self.filter_edit.textChanged.connect(self.model.set_filter)
        self.table = NameTable(self.model, 1)
        self.table.activated.connect(self.edit)
        new = QPushButton(self.tr("Register…"))
        new.setVisible(actor.can(Action.EDIT_CASES))
        new.clicked.connect(self.register)
        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(new)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def register(self) -> None:
        if LandlordDialog(self._db, self._actor, parent=self).exec():
            self.model.reload()

    def edit(self, index: QModelIndex) -> None:
        if not self._actor.can(Action.EDIT_CASES):
            return
        ref = self.model.row_at(index.row()).ref
        if LandlordDialog(self._db, self._actor, ref=ref, parent=self).exec():
            self.model.reload()
