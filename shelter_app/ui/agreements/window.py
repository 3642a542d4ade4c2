"""One agreement: its terms, its monitoring visits, and the actions its status allows.

draft -> (Preview, Print) -> printed -> (Record signature) -> signed -> (Activate) -> active
-> End, Terminate or Breach; an active or ended agreement is renewed. The service decides;
the buttons only show what the status and the role allow, and a refusal shows in red.
"""

import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.lease import status_label
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus
from shelter_app.services.agreements import agreements
from shelter_app.services.agreements.lookup import (
    AgreementView,
    agreement_view,
    signed_scan,
)
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.agreements.forms import (
    AgreementDialog,
    SignatureDialog,
    VisitDialog,
)
from shelter_app.ui.agreements.models import VisitsModel
from shelter_app.ui.changes import notify
from shelter_app.ui.formats import bidi_safe, date_text, iban_text, money, typed_number
from shelter_app.ui.style import keep_accents, page_title
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

S = AgreementStatus


class AgreementWindow(QDialog):
    changed = Signal()

    def __init__(self, db: Database, actor: Actor, number: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor, self.number = db, actor, number
        self.resize(900, 640)
        self.heading = QLabel()
        page_title(self.heading)
        self.notice = QLabel()
        self.notice.setObjectName("agreementNotice")
        wrapped(self.notice)
        self.notice.setStyleSheet("color: #8a3b00;")
        self.facts: dict[str, QLabel] = {}
        terms = QWidget()
        columns = QHBoxLayout(terms)
        forms = (QFormLayout(), QFormLayout())
        for form in forms:
            columns.addLayout(form, 1)
        labels = (("dwelling", self.tr("Dwelling")), ("tenant", self.tr("Tenant household")),
                  ("landlord", self.tr("Landlord")), ("boq", self.tr("Works (BoQ)")),
                  ("term", self.tr("Term")), ("rent", self.tr("Monthly rent")),
                  ("deposit", self.tr("Deposit")), ("payment", self.tr("Payment")),
                  ("signed", self.tr("Signed")), ("renewal", self.tr("Renewal")),
                  ("languages", self.tr("Printed in")))
        for row, (key, text) in enumerate(labels):
            label = QLabel()
            label.setObjectName(f"fact_{key}")
            wrapped(label)
            self.facts[key] = label
            forms[row % 2].addRow(text, label)

        self.visits = VisitsModel(self)
        self.visits_table = QTableView()
        self.visits_table.setModel(self.visits)
        self.visits_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.visits_table.verticalHeader().hide()
        self.visits_table.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        self.visit_button = QPushButton(self.tr("Record a visit…"))
        self.visit_button.setObjectName("visitButton")
        self.visit_button.clicked.connect(self.record_visit)
        visits = QWidget()
        box = QVBoxLayout(visits)
        box.addWidget(self.visits_table)
        box.addWidget(self.visit_button)
        self.tabs = keep_accents(QTabWidget())
        self.tabs.addTab(terms, self.tr("Terms"))
        self.tabs.addTab(visits, self.tr("Monitoring visits"))

        self.error = QLabel()
        self.error.setObjectName("formError")
        wrapped(self.error)
        self.error.hide()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, text, slot in (
                ("edit", self.tr("Edit…"), self.edit),
                ("preview", self.tr("Preview"), self.preview),
                ("print", self.tr("Print / open"), self.print_and_open),
                ("sign", self.tr("Record signature…"), self.record_signature),
                ("activate", self.tr("Activate"), self.activate),
                ("renew", self.tr("Renew…"), self.renew),
                ("end", self.tr("End…"), lambda: self.close_as(S.ENDED)),
                ("terminate", self.tr("Terminate…"), lambda: self.close_as(S.TERMINATED)),
                ("breach", self.tr("Breach…"), lambda: self.close_as(S.BREACHED)),
                ("scan", self.tr("Signed scan"), self.open_scan),
                ("close", self.tr("Close"), self.accept)):
            button = QPushButton(text)
            button.setObjectName(f"{name}Button")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            self.buttons[name] = button
            row.addWidget(button)
        # Ctrl+P: the preview, where the contract is printed
        QShortcut(QKeySequence.StandardKey.Print, self,
                  lambda: self.buttons["preview"].isVisible() and self.buttons["preview"].click())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.load()

    # -- showing ----------------------------------------------------------------------------

    def load(self) -> None:
        self.view = view = agreement_view(self.db, self.actor, self.number)
        self.setWindowTitle(self.tr("Agreement {number}").format(number=view.number))
        self.heading.setText(self.tr("{number} — {status}").format(
            number=view.number, status=status_label(view.status)))
        values = view.values
        facts = {
            # sentences, so that in Arabic the name reads first, from the right
            "dwelling": self.tr("{ref}, {address}").format(ref=view.dwelling_ref,
                                                           address=view.address),
            "tenant": self.tr("{name} ({ref})").format(name=view.household_name,
                                                       ref=view.household_ref),
            "landlord": self.tr("{name} ({ref})").format(name=view.landlord_name,
                                                         ref=view.landlord_ref),
            "boq": view.boq_ref or "—",
            "term": self.tr("%n months, {start} – {end}", "", values.term_months).format(
                start=date_text(values.start_date),
                end=date_text(view.end_date)),
            # no rent-free month is no news ("0 ay kirasız" read as a fact about the rent)
            "rent": self.tr("{rent}, %n months rent-free", "", values.rent_free_months).format(
                rent=money(values.monthly_rent)) if values.rent_free_months
            else money(values.monthly_rent),
            "deposit": money(values.deposit),
            "payment": self.tr("by day {day}, {account}").format(
                day=values.payment_day, account=iban_text(values.payment_iban)
                if values.payment_iban else self.tr("in cash")),
            "signed": date_text(view.signed_on) if view.signed_on else self.tr("not yet"),
            "renewal": " ".join(filter(None, (
                self.tr("renews {number}").format(number=view.renewal_of)
                if view.renewal_of else "",
                self.tr("renewed by {number}").format(number=view.renewed_by)
                if view.renewed_by else ""))) or "—",
            "languages": {"tr+ar": self.tr("Turkish with Arabic"),
                          "tr+en": self.tr("Turkish with English"),
                          "tr": self.tr("Turkish only")}.get(values.languages, values.languages),
        }
        for key, text in facts.items():  # right-aligned in Arabic, whatever script they start in
            self.facts[key].setText(bidi_safe(text))
        self.notice.setText(self.tr("Reason: {reason}").format(reason=view.end_reason)
                            if view.end_reason else "")
        self.notice.setVisible(bool(view.end_reason))
        self.visits.set_rows(list(view.visits))
        self.tabs.setTabText(1, self.tr("Monitoring visits ({count})").format(
            count=len(view.visits)))
        self._show_buttons(view)

    def _show_buttons(self, view: AgreementView) -> None:
        edits = self.actor.can(Action.EDIT_CASES)
        sees_ids = self.actor.can(Action.VIEW_PERSONAL_IDS)
        after = view.next_statuses
        shown = {
            "edit": edits and view.status in (S.DRAFT, S.PRINTED),
            "preview": sees_ids, "print": edits and S.PRINTED in after,
            "sign": edits and S.SIGNED in after, "activate": edits and S.ACTIVE in after,
            "renew": edits and view.status in (S.ACTIVE, S.ENDED) and not view.renewed_by,
            "end": edits and S.ENDED in after and view.end_date <= clock.today(),
            "terminate": edits and S.TERMINATED in after,
            "breach": edits and S.BREACHED in after,
            "scan": sees_ids and view.scan_sha256 is not None, "close": True,
        }
        for name, visible in shown.items():
            self.buttons[name].setVisible(visible)
        self.visit_button.setVisible(edits and view.status is S.ACTIVE)

    def show_error(self, message: str) -> None:
        self.error.setStyleSheet("color: #b00020;")
        self.error.setText(message)
        self.error.show()

    def show_note(self, message: str) -> None:
        self.error.setStyleSheet("color: #1b5e20;")
        self.error.setText(message)
        self.error.show()

    def _do(self, action: Callable[[], Any]) -> Any:
        """Run a service action; a refusal shows in red and leaves the window as it was."""
        try:
            result = action()
        except UserError as error:
            self.show_error(error.message)
            return None
        self.error.hide()
        self.load()
        self.changed.emit()
        notify()  # every list showing the agreement's status reloads
        return result

    # -- documents --------------------------------------------------------------------------

    def _with_pdf(self, then: Callable[[Path], None]) -> None:
        """Write the contract in the background, then hand its path to `then`."""
        from shelter_app.services.agreements.output import print_contract

        target = Path(tempfile.gettempdir()) / f"{self.number}.pdf"
        db, actor, number = self.db, self.actor, self.number
        for name in ("preview", "print"):
            self.buttons[name].setEnabled(False)

        def done(_: object) -> None:
            for name in ("preview", "print"):
                self.buttons[name].setEnabled(True)
            if self.isVisible():  # closed meanwhile: no preview or viewer pops up after it
                then(target)

        def failed(error: BaseException) -> None:
            for name in ("preview", "print"):
                self.buttons[name].setEnabled(True)
            if not isinstance(error, UserError):
                raise error
            self.show_error(error.message)

        run_in_background(lambda: print_contract(db, actor, number, target), done, failed)

    def preview(self) -> None:
        self._with_pdf(self.show_preview)

    def show_preview(self, path: Path) -> None:
        from shelter_app.ui.agreements.preview import ContractPreview

        self.preview_dialog = ContractPreview(path, self.number, self)
        if self.view.status in (S.DRAFT, S.PRINTED) and self.actor.can(Action.EDIT_CASES):
            self.preview_dialog.printed.connect(self.mark_printed)
        else:
            self.preview_dialog.print_button.setToolTip(self.tr("A copy: the status stays."))
        self.preview_dialog.open()

    def print_and_open(self) -> None:
        """The paper for signing: marked printed, opened in the system's viewer to print."""
        def opened(path: Path) -> None:
            if self.open_externally(path):  # printed only when a viewer took the paper
                self.mark_printed()

        self._with_pdf(opened)

    def open_externally(self, path: Path) -> bool:
        """Open `path` in the system's viewer; say so in red when none opened it."""
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self.show_error(self.tr("No program on this computer opened {path}. Open the file from "
                                "that folder, or use Preview to print it.").format(path=path))
        return False

    def mark_printed(self) -> None:
        if self.view.status in (S.DRAFT, S.PRINTED):
            self._do(lambda: agreements.mark_printed(self.db, self.actor, self.number))

    def open_scan(self) -> None:
        try:
            data, kind = signed_scan(self.db, self.actor, self.number)
        except UserError as error:
            self.show_error(error.message)
            return
        path = Path(tempfile.gettempdir()) / f"{self.number}-signed.{kind}"
        path.write_bytes(data)
        self.open_externally(path)

    # -- lifecycle --------------------------------------------------------------------------

    def run(self, dialog: QDialog) -> bool:
        """Show a form and say whether it saved (replaced in tests)."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def ask_reason(self, title: str, prompt: str) -> str | None:
        text, ok = QInputDialog.getMultiLineText(self, title, prompt)
        return text if ok else None

    def edit(self) -> None:
        dialog = AgreementDialog(self.db, self.actor, mode="edit", number=self.number,
                                 values=self.view.values, parent=self)
        if self.run(dialog):
            self.load()
            self.changed.emit()

    def record_signature(self) -> None:
        if self.run(SignatureDialog(self.db, self.actor, self.number, self)):
            self.load()
            self.changed.emit()
            self.show_note(self.tr("Signature recorded; activate the agreement when it takes "
                                   "effect."))

    def activate(self) -> None:
        due = self._do(lambda: agreements.activate(self.db, self.actor, self.number))
        if due is not None:
            self.show_note(self.tr("Active. %n monitoring visits are scheduled.", "",
                                   len(due)))

    def close_as(self, status: AgreementStatus) -> None:
        prompts = {
            S.ENDED: self.tr("The term is over. A note for the file (optional):"),
            S.TERMINATED: self.tr("Why does the agreement end early?"),
            S.BREACHED: self.tr("What was found (rent raised, tenant made to leave…)?"),
        }
        reason = self.ask_reason(status_label(status), prompts[status])
        if reason is not None:
            self._do(lambda: agreements.close_agreement(self.db, self.actor, self.number,
                                                        status, reason))

    def renew(self) -> None:
        from dataclasses import replace

        values = replace(self.view.values, start_date=self.view.end_date + timedelta(days=1),
                         end_date=None)
        dialog = AgreementDialog(self.db, self.actor, mode="renew", number=self.number,
                                 values=values, parent=self)
        if self.run(dialog):
            self.changed.emit()
            self.number = dialog.result_number
            self.load()
            self.show_note(self.tr("Renewal {number} drafted; preview and print it for "
                                   "signing.").format(number=self.number))

    def record_visit(self) -> None:
        dialog = VisitDialog(self.db, self.actor, self.number,
                             typed_number(self.view.values.monthly_rent, 2), self)
        if not self.run(dialog):
            return
        self.load()
        self.changed.emit()
        if dialog.visit is not None and dialog.visit.breach:
            self.warn(self.tr("Agreement breached"),
                      self.tr("The visit found: {finding}. The agreement is marked breached; "
                              "tell the supervisor.").format(finding=dialog.visit.breach))

    def warn(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)
