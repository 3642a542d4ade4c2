"""Unlocking the laptop's encrypted database at start, and showing the recovery key once."""

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QProgressDialog,
                               QPushButton, QVBoxLayout, QWidget)

from shelter_app.domain.errors import UserError
from shelter_app.services import unlocking
from shelter_app.ui.auth.dialogs import CheckingDialog
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

if TYPE_CHECKING:
    from shelter_app.services.accounts.passwords import Proof


class UnlockDialog(CheckingDialog):
    """The sign-in at start of an encrypted database: the password unwraps the database key
    (services.unlocking: the key file alone, before the database layer has loaded); the same
    name and password then sign in. Recovery key: an administrator's way in when every
    password is lost. The unwrapping's argon2 runs in a worker (CheckingDialog): on the GUI
    thread it froze the window for a good part of a second after OK."""

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sign in"), self.tr("This computer's data is encrypted: sign "
                                                     "in to open it."), parent)
        self.target = target
        self.key: bytes | None = None
        self.credentials: tuple[str, str] | None = None
        self.proof: Proof | None = None  # the password hash the unlocking recomputed
        self.add_field("username", self.tr("User name")).setFocus()
        self.add_field("password", self.tr("Password"), secret=True)
        self.recovery = self.add_field("recovery", self.tr("Recovery key"))
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.form.setRowVisible(self.recovery, False)
        self.recovery_button = self.buttons.addButton(
            self.tr("Use the recovery key…"), QDialogButtonBox.ButtonRole.ResetRole)
        self.recovery_button.clicked.connect(self._use_recovery)

    def _use_recovery(self) -> None:
        for name in ("username", "password"):
            self.form.setRowVisible(self.fields[name], False)
        self.form.setRowVisible(self.recovery, True)
        self.recovery_button.hide()
        self.recovery.setFocus()

    def check(self) -> Callable[[], object]:
        target = self.target
        if self.form.isRowVisible(self.recovery):
            recovery = self.value("recovery")
            return lambda: (unlocking.unlock_recovery(target, recovery), None, None)
        credentials = (self.value("username"), self.value("password"))
        return lambda: (*unlocking.unlock_proving(target, *credentials), credentials)

    def checked(self, answer: object) -> None:
        self.key, self.proof, self.credentials = answer  # type: ignore[misc]


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: written down or printed, it opens this laptop's data when
    every password is lost. It is never stored in plain, so it cannot be shown again."""

    def __init__(self, recovery: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recovery key"))
        self.recovery = recovery
        intro = QLabel(self.tr(
            "This computer's data is encrypted. If every password is lost, only this recovery "
            "key opens it. Print it or write it down now and keep it locked away from the "
            "computer: it is shown only this once."))
        wrapped(intro)
        self.key_label = QLabel(recovery)
        font = QFont("monospace")
        font.setPointSize(14)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self._print)
        done = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        done.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addWidget(self.print_button)
        layout.addWidget(done)
        self.setMinimumWidth(460)

    def document(self) -> QTextDocument:
        """The printed page: straight to the printer, never through a file."""
        title = self.tr("Barınak recovery key")
        note = self.tr("It opens this computer's data when every password is lost. Keep it "
                       "locked away from the computer.")
        page = QTextDocument()
        page.setHtml(f"<h2>{html.escape(title)}</h2>"
                     f"<p style='font-family: monospace; font-size: 16pt'>{self.recovery}</p>"
                     f"<p>{html.escape(note)}</p>")
        return page

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)


class ConversionDialog(QProgressDialog):
    """The first start after the upgrade: the plain database is encrypted off the GUI thread
    (services.encryption.convert) while this shows its steps. `key` is set when it succeeded;
    `failure` says why it did not (the original is then untouched and opens as before)."""

    progressed = Signal(int, int)  # emitted by the worker thread, delivered on the GUI thread

    def __init__(self, target: str, parent: QWidget | None = None) -> None:
        from shelter_app.services import encryption

        super().__init__(self.tr("Encrypting this computer's data: a backup first, then an "
                                 "encrypted copy that replaces the file once checked. Do not "
                                 "turn the computer off."), "", 0,
                         encryption.CONVERSION_STEPS, parent)
        self.setWindowTitle(self.tr("Encrypting the data"))
        label = QLabel(self.labelText())
        wrapped(label)
        self.setLabel(label)
        self.setMinimumWidth(460)
        self.setCancelButton(None)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumDuration(0)
        self.setAutoReset(False)
        self.setAutoClose(False)
        self.target = target
        self.key: bytes | None = None
        self.failure: str | None = None
        self.progressed.connect(lambda done, _total: self.setValue(done))

    def exec(self) -> int:
        from shelter_app.services import encryption

        run_in_background(lambda: encryption.convert(self.target, self.progressed.emit),
                          self._done, self._failed)
        return super().exec()

    def _done(self, key: bytes) -> None:
        self.key = key
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.reject()
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog
        self.failure = error.message

    def keyPressEvent(self, event: Any) -> None:  # Escape would close it: the work goes on
        if event.key() != Qt.Key.Key_Escape:
            super().keyPressEvent(event)
