"""Payment batches: a supervisor builds the month's batch from the approved timesheets, then
exports it for finance (XLSX, or CSV for the bank or PTT), prints the payment list to sign,
and records that it was paid. Exports and prints run in the background."""

import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import parse_period
from shelter_app.domain.errors import UserError
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import BatchStatus
from shelter_app.services.labour import payments
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.labour.payments import BatchRow, batch_status_label
from shelter_app.ui.formats import date_text, days_shown, listed, money, month_text
from shelter_app.ui.labour.base import OK, ListTab, run_busy
from shelter_app.ui.paged_model import Column, PagedTableModel


class BatchesModel(PagedTableModel[BatchRow]):
    columns = [
        Column(QT_TRANSLATE_NOOP("BatchesModel", "Batch"), lambda r: r.ref),
        Column(QT_TRANSLATE_NOOP("BatchesModel", "Period"),
               lambda r: month_text(parse_period(r.period)[0])),
        Column(QT_TRANSLATE_NOOP("BatchesModel", "Status"),
               lambda r: batch_status_label(r.status)),
        Column(QT_TRANSLATE_NOOP("BatchesModel", "Timesheets"), lambda r: str(r.timesheets),
               numeric=True),
        Column(QT_TRANSLATE_NOOP("BatchesModel", "Total"), lambda r: money(r.total), numeric=True),
        Column(QT_TRANSLATE_NOOP("BatchesModel", "Paid on"),
               lambda r: date_text(r.paid_at.date()) if r.paid_at else ""),
    ]

    def __init__(self, db: Database, actor: Actor, parent: Any = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.reload()

    def fetch(self, offset: int, limit: int) -> list[BatchRow]:
        return payments.list_batches(self.db, self.actor, offset=offset, limit=limit)


class PaymentsTab(ListTab):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, BatchesModel(db, actor), "batches", parent)
        self.model.setParent(self)
        last_month = clock.today().replace(day=1) - timedelta(days=1)
        self.period = QLineEdit(f"{last_month:%Y-%m}")
        self.period.setObjectName("period")
        self.period.setMaximumWidth(100)
        self.period.setInputMask("9999-99")
        self.period.editingFinished.connect(self.show_pending)
        self.month = QLabel()  # the typed month by name, to check it at a glance
        self.month.setObjectName("periodMonth")
        self.pending = QLabel()
        self.build_button = QPushButton(self.tr("Build payment batch"))
        self.build_button.setObjectName("buildBatch")
        self.build_button.setVisible(actor.can(Action.APPROVE))
        self.build_button.clicked.connect(lambda: self.build())
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        sees_ids = actor.can(Action.VIEW_PERSONAL_IDS)
        for name, text, visible, slot in (
                ("xlsx", self.tr("Export XLSX…"), sees_ids, lambda: self.export("xlsx")),
                ("csv", self.tr("Export CSV…"), sees_ids, lambda: self.export("csv")),
                ("print", self.tr("Print payment list"), sees_ids, self.print_pdf),
                ("paid", self.tr("Mark paid"), actor.can(Action.APPROVE), self.mark_paid)):
            self.add_button(name, text, visible, slot)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month (YYYY-MM)")))
        top.addWidget(self.period)
        top.addWidget(self.month)
        top.addSpacing(16)  # the month's year must not read as part of the count after it
        top.addWidget(self.pending, 1)
        top.addWidget(self.build_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)
        self.show_pending()
        self.enable()

    def show_pending(self) -> None:
        try:
            count, days = payments.pending_days(self.db, self.actor, self.period.text())
        except UserError as error:
            self.month.clear()
            self.pending.setText(error.message)
            return
        self.month.setText(month_text(parse_period(self.period.text())[0]))
        self.pending.setText(self.tr("%n approved timesheets (days worked: {days}) wait for a batch.",
                                     "", count).format(days=days_shown(days)))

    def enable(self) -> None:
        row = self.selected()
        for name in ("xlsx", "csv", "print"):
            self.buttons[name].setEnabled(row is not None)
        self.buttons["paid"].setEnabled(row is not None and row.status is BatchStatus.EXPORTED)

    def refresh(self, ref: str | None = None) -> None:
        self.model.reload()
        self.show_pending()
        if ref:
            self.select(ref)
        self.enable()

    def build(self, reason: str = "") -> None:
        """A month not over yet is built only with the supervisor's written reason."""
        try:
            built = payments.build_batches(self.db, self.actor, self.period.text(), reason)
        except UserError as error:
            if error.field == "reason" and not reason:
                asked = self.ask_reason(self.tr("Pay before the month ends"), error.message)
                if asked is not None:
                    self.build(asked)
                    return
            self.show_message(error.message)
            return
        self.show_message(self.tr("Built {refs}: {total}.").format(
            refs=listed(b.ref for b in built), total=money(sum(b.total for b in built))), OK)
        self.refresh(built[0].ref)

    def export(self, fmt: str) -> None:
        row = self.selected()
        if row is None:
            return
        path = self.ask_save_path(f"{row.ref}.{fmt}", fmt)
        if not path:
            return
        for button in self.buttons.values():
            button.setEnabled(False)
        self.busy = run_busy(
            self, self.tr("Writing the payment list…"),
            lambda: payments.export_payments(self.db, self.actor, [row.id], Path(path),
                                             fmt=fmt),
            lambda document: self._exported(row.ref, path, document), self.failed)

    def _exported(self, ref: str, path: str, document: Any) -> None:
        self.show_message(self.tr("Saved {path}: %n lines, total {total}.", "",
                                  len(document.lines)).format(
            path=path, total=money(document.total)), OK)
        self.refresh(ref)

    def print_pdf(self) -> None:
        row = self.selected()
        if row is not None:
            target = Path(tempfile.gettempdir()) / f"{row.ref}.pdf"
            self.print_in_background(
                self.tr("Printing the payment list…"),
                lambda: payments.print_payment_list(self.db, self.actor, [row.id], target),
                target, row.ref)

    def mark_paid(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            paid = payments.mark_paid(self.db, self.actor, row.id)
        except UserError as error:
            self.show_message(error.message)
            return
        self.show_message(self.tr("{ref} is recorded as paid.").format(ref=paid.ref), OK)
        self.refresh(paid.ref)

    def ask_save_path(self, name: str, fmt: str) -> str:
        """Replaced in tests."""
        kinds = {"xlsx": self.tr("Spreadsheets (*.xlsx)"), "csv": self.tr("CSV files (*.csv)")}
        return QFileDialog.getSaveFileName(self, self.tr("Export the payment list"), name,
                                           kinds[fmt])[0]
