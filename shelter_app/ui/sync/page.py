"""The Sync page: where this laptop syncs to, when it last did and how that went, what waits to
be sent, the changes the server refused or found in conflict (with the reasons), and "Sync now"
with its progress and a Cancel button. A database that is not enrolled shows how to enrol.

A sync the user starts here explains its failure in a message; a background one only updates
this page and the status bar.
"""

import uuid

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.sync.client import forget_refused
from shelter_app.services.sync.status import HeldOp, SyncStatus
from shelter_app.services.sync.wire import Report
from shelter_app.ui.audit.labels import entity_label, field_label
from shelter_app.ui.columns import WholeColumns
from shelter_app.ui.formats import bidi_safe, capitalised, datetime_text, listed, number
from shelter_app.ui.forms import ERROR_STYLE, WARNING_STYLE
from shelter_app.ui.paged_model import Column, PagedTableModel
from shelter_app.ui.style import page_title
from shelter_app.ui.sync.enrol import EnrolForm
from shelter_app.ui.sync.packages import PackageButtons
from shelter_app.ui.sync.runner import UNREAD, SyncRunner
from shelter_app.ui.worker import cancellable_progress
from shelter_app.ui.wrapping import wrapped

# what the held list's Reason keeps where the Fields give way (it elides; its tooltip is whole)
_REASON_LEAST = 90


def _held_status(op: HeldOp) -> str:
    if op.status == "conflict":
        return QCoreApplication.translate("HeldOpsModel", "In conflict")
    return QCoreApplication.translate("HeldOpsModel", "Refused")


def _fields(op: HeldOp) -> str:
    return listed(field_label(name) for name in op.fields)


def _record(op: HeldOp) -> str:
    return capitalised(f"{entity_label(op.entity)} {op.record}")


class HeldOpsModel(PagedTableModel[HeldOp]):
    """The changes the server did not take, newest first (the service keeps the last 500)."""

    columns = [
        Column(QT_TRANSLATE_NOOP("HeldOpsModel", "Changed"), lambda op: datetime_text(op.at)),
        Column(QT_TRANSLATE_NOOP("HeldOpsModel", "Record"), _record),
        Column(QT_TRANSLATE_NOOP("HeldOpsModel", "Fields"), _fields, tooltip=_fields),
        Column(QT_TRANSLATE_NOOP("HeldOpsModel", "Outcome"), _held_status),
        Column(QT_TRANSLATE_NOOP("HeldOpsModel", "Reason"), lambda op: op.reason or "",
               tooltip=lambda op: op.reason or ""),
    ]

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[HeldOp]:
        return self._runner.status.held[offset:offset + limit]


class SyncPage(QWidget):
    # a supervisor asks for the conflicts screen
    conflicts_requested = Signal()

    def __init__(self, db: Database, actor: Actor, runner: SyncRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.runner = runner
        self._dialog: QProgressDialog | None = None

        title = QLabel(self.tr("Sync"))
        page_title(title)
        self.enrol_form = EnrolForm(runner)
        self.enrol_form.enrolled.connect(self._enrolled)

        self.server = QLabel()
        self.device = QLabel()
        self.last_sync = QLabel()
        self.pending = QLabel()
        self.conflicts = QLabel()
        for label in (self.server, self.device, self.last_sync, self.pending, self.conflicts):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_box = QGroupBox(self.tr("This laptop"))
        form = QFormLayout(self.status_box)
        form.addRow(self.tr("Server"), self.server)
        form.addRow(self.tr("Enrolled as"), self.device)
        form.addRow(self.tr("Last sync"), self.last_sync)
        form.addRow(self.tr("Waiting to be sent"), self.pending)
        form.addRow(self.tr("Conflicts for a supervisor"), self.conflicts)

        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        self.conflicts_button = QPushButton(self.tr("Decide conflicts…"))
        self.conflicts_button.clicked.connect(self.conflicts_requested)
        self.packages = PackageButtons(runner)
        self.packages.reported.connect(self._show_result)
        self.packages.failed.connect(self.show_error)
        self.error = QLabel()
        self.error.setObjectName("syncError")
        wrapped(self.error)
        self.error.setStyleSheet(ERROR_STYLE)
        self.result = QLabel()
        self.result.setObjectName("syncResult")
        wrapped(self.result)
        self.result.hide()

        self.held_box = QGroupBox(self.tr("Changes the server did not take"))
        note = QLabel(self.tr(
            "The server refused these changes or found that another machine had changed the "
            "same field; it kept its own data, which this laptop now shows. A conflict waits "
            "for a supervisor's decision. Remove a change from this list once you have read "
            "it."))
        wrapped(note)
        self.model = HeldOpsModel(runner, self)
        self.table = QTableView()
        self.table.setObjectName("heldOps")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        WholeColumns(self.table, (0, 1, 2, 3), yielding=2, least=_REASON_LEAST)
        self.forget_button = QPushButton(self.tr("Remove from the list"))
        self.forget_button.clicked.connect(self.forget_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        held = QVBoxLayout(self.held_box)
        held.addWidget(note)
        held.addWidget(self.table, 1)
        held_buttons = QHBoxLayout()
        held_buttons.addWidget(self.forget_button)
        held_buttons.addStretch(1)
        held.addLayout(held_buttons)

        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.conflicts_button)
        buttons.addStretch(1)
        buttons.addWidget(self.packages)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.enrol_form)
        layout.addWidget(self.status_box)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.held_box, 1)
        self.stretch = QWidget()  # takes the room while the held changes are hidden
        layout.addWidget(self.stretch, 1)

        runner.status_changed.connect(self.show_status)
        runner.status_failed.connect(self._status_failed)
        runner.started.connect(self._started)
        runner.progressed.connect(self._progressed)
        runner.finished.connect(self._finished)
        runner.failed.connect(self._failed)
        self.show_status(runner.status)

    # -- showing the status ----------------------------------------------------------------

    @property
    def loading(self) -> bool:
        """The status shown is being read again (in a worker)."""
        return self.runner.reading

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """Opening the page shows the counts as they are now: the status the runner last
        read at once, then the one read in a worker (it counts the unsent changes and looks
        up the held ones' records), by `status_changed`."""
        super().showEvent(event)
        self.runner.refresh_in_background()

    @Slot(object)
    def show_status(self, status: SyncStatus) -> None:
        enrolled = status.enrolled
        self.enrol_form.setVisible(not enrolled and status is not UNREAD)  # UNREAD: wait
        self.status_box.setVisible(enrolled)
        self.sync_button.setVisible(enrolled and bool(status.server_url))  # else by USB
        self.packages.export_button.setVisible(enrolled)  # a server's database imports only
        self.sync_button.setEnabled(not self.runner.busy)
        # every value isolated, so that in Arabic each one starts at its label like the others
        self.server.setText(bidi_safe(status.server_url or ""))
        self.device.setText(bidi_safe(status.device_name or ""))
        if status.last_sync_at is None:
            self.last_sync.setText(self.tr("never"))
        else:
            self.last_sync.setText(bidi_safe(datetime_text(status.last_sync_at)))
        self.pending.setText(self.tr("%n changes", "", status.pending))
        self.conflicts.setText(bidi_safe(str(status.open_conflicts)))
        self.conflicts.setStyleSheet(WARNING_STYLE if status.open_conflicts else "")
        self.conflicts_button.setVisible(enrolled and bool(status.open_conflicts)
                                         and self._actor.can(Action.APPROVE))
        error = status.last_error if enrolled else None
        self.error.setText(self.tr("The last sync failed: {reason}").format(reason=error)
                           if error else "")
        self.error.setVisible(bool(error))
        self.model.reload()
        self.held_box.setVisible(bool(status.held))
        self.stretch.setVisible(not status.held)
        self._selection_changed()

    @Slot(str)
    def _status_failed(self, reason: str) -> None:
        """The counts shown are the last ones read; the next read that works replaces this."""
        self.error.setText(self.tr("The sync status could not be read again: {reason}")
                           .format(reason=reason))
        self.error.show()

    def _selection_changed(self) -> None:
        self.forget_button.setEnabled(self.table.selectionModel().hasSelection())

    # -- Sync now ---------------------------------------------------------------------------

    def sync_now(self) -> None:
        self.result.hide()
        self.runner.sync(manual=True)

    @Slot(bool)
    def _started(self, manual: bool) -> None:
        self.sync_button.setEnabled(False)
        if manual and self._dialog is None:
            self._dialog = cancellable_progress(
                self, self.tr("Sync"), self.tr("Connecting to the server…"), self.tr("Cancel"),
                self.runner.cancel_event)

    @Slot(str, int, int)
    def _progressed(self, step: str, done: int, total: int) -> None:
        if self._dialog is None:
            return
        if step in ("push", "send", "fetch"):
            text = {"push": self.tr("Sending this laptop's changes: {done} of {total}"),
                    "send": self.tr("Sending photos and scans: {done} of {total}"),
                    "fetch": self.tr("Receiving photos and scans: {done} of {total}")}[step]
            self._dialog.setLabelText(text.format(done=number(done, 0), total=number(total, 0)))
            self._dialog.setRange(0, max(total, done))
            self._dialog.setValue(done)
        else:
            self._dialog.setLabelText(self.tr("Receiving the server's changes: {done}")
                                      .format(done=number(done, 0)))
            self._dialog.setRange(0, 0)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        self.sync_button.setEnabled(True)

    @Slot(object, bool)
    def _finished(self, report: Report, _manual: bool) -> None:
        self._close_dialog()
        sent, refused = report.changes_told
        pushed = self.tr("%n changes", "", sent)
        pulled = self.tr("%n changes", "", report.pulled)
        if self.runner.cancel_event.is_set():
            text = self.tr("Sync cancelled after sending {pushed} and receiving {pulled}; the "
                           "rest goes at the next sync.").format(pushed=pushed, pulled=pulled)
        else:
            text = self.tr("Sent {pushed} ({applied}, {conflicts}, {refused}); received "
                           "{pulled}.").format(
                pushed=pushed, pulled=pulled,
                applied=self.tr("%n applied", "", report.applied),
                conflicts=self.tr("%n in conflict", "", report.conflicts),
                refused=self.tr("%n refused", "", refused))
        if report.batches_dropped:  # money: said here, not only in the list below
            text = "\n\n".join([text, self.tr(
                "The server did not take %n payment batches built on this laptop:", "",
                len(report.batches_dropped)), *report.batches_dropped])
        if report.unheld:
            text = "\n\n".join([text, self.tr(
                "%n records of this office now name a record of another office, which this "
                "laptop never receives; it no longer shows them:", "", len(report.unheld)),
                *map(capitalised, report.unheld)])
        self._show_result(text, warn=bool(report.conflicts or report.refused or report.unheld))

    def _show_result(self, text: str, warn: bool = False) -> None:
        self.result.setText(text)
        self.result.show()
        self.result.setStyleSheet(WARNING_STYLE if warn else "")

    @Slot(str, bool)
    def _failed(self, message: str, manual: bool) -> None:
        self._close_dialog()
        self.result.hide()
        if manual:
            self.show_error(message)

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Sync failed"), message)

    # -- enrolment and the held changes ----------------------------------------------------

    @Slot(str)
    def _enrolled(self, _name: str) -> None:
        self.sync_now()  # the first sync brings the programme's records

    def forget_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        ids: list[uuid.UUID] = [self.model.row_at(row).op_id for row in rows]
        if ids:
            forget_refused(self._db, ids)
            self.runner.refresh()
