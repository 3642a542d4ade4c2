"""Dialogs that establish who is at the keyboard; the rules live in services.auth.

The database layer is imported where a dialog calls it, not with this module: the unlock dialog
of an encrypted laptop is one of these forms, shown at start before that layer is loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from shelter_app.domain.errors import InvalidInput, UserError
from shelter_app.ui.qt_classes import make_ahead
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

if TYPE_CHECKING:
    from shelter_app.data.engine import Database
    from shelter_app.services.accounts import auth


SWITCH_USER = 2  # what the lock dialog's exec() returns when someone else signs in instead


class FormDialog(QDialog):
    """A form whose OK runs a service call; a UserError is shown under the form, the dialog stays
    open and the field the message names gets the focus."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self.fields: dict[str, QLineEdit] = {}
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020;")
        wrapped(self.error)
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            wrapped(label)
            layout.addWidget(label)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_field(self, name: str, label: str, *, secret: bool = False, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(name)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, edit)
        self.fields[name] = edit
        return edit

    def value(self, name: str) -> str:
        return self.fields[name].text()

    def _submit(self) -> None:
        try:
            self.submit()
        except UserError as error:
            self.show_problem(error)
            return
        self.accept()

    def show_problem(self, error: UserError) -> None:
        """The message under the form (every one of InvalidInput, a line each), the focus
        on the first field named."""
        problems = error.problems if isinstance(error, InvalidInput) else [
            (error.field, error.message)]
        self.error.setText("\n".join(message for _, message in problems))
        self.error.show()
        edit = next((self.fields[field] for field, _ in problems if field in self.fields), None)
        if edit is not None:
            edit.setFocus()
            edit.selectAll()

    def submit(self) -> None:
        raise NotImplementedError


class CheckingDialog(FormDialog):
    """A form whose check takes a good part of a second on a laptop (argon2): it runs in a
    worker while the form waits with a busy bar, the answer arrives by signal, and an answer
    arriving after the dialog was closed is dropped. A subclass says what to run (`check`) and
    what the answer means (`checked`)."""

    def __init__(self, title: str, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(title, intro, parent)
        self._pending: object | None = None  # the check whose answer is awaited
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # no end known: a moving bar
        self.busy.setTextVisible(False)
        self.busy.hide()
        # the bar and the message never show at once: they share one place, kept while both
        # are hidden, so OK does not move as it is clicked nor the dialog grow by a refusal
        place = QGridLayout()
        layout = self.layout()
        layout.insertLayout(layout.indexOf(self.error), place)
        for widget in (self.busy, self.error):
            keep = widget.sizePolicy()
            keep.setRetainSizeWhenHidden(True)
            widget.setSizePolicy(keep)
            place.addWidget(widget, 0, 0)

    def check(self) -> Callable[[], object]:
        """The work to run off the GUI thread, made from the fields (read here, on it)."""
        raise NotImplementedError

    def checked(self, answer: object) -> None:
        """The work's answer, on the GUI thread; the dialog is then accepted."""
        raise NotImplementedError

    @property
    def working(self) -> bool:
        return self._pending is not None

    def _submit(self) -> None:
        if self.working:
            return
        work = self.check()
        self._pending = token = object()
        self._wait(True)
        run_in_background(work, lambda answer: self._arrived(token, answer),
                          lambda error: self._refused(token, error))

    def _wait(self, waiting: bool) -> None:
        self.busy.setVisible(waiting)
        if waiting:  # else the focus leaves the field turned off for Cancel, and the
            self.busy.setFocus()  # impatient's second Return clicks it
        self.error.hide()
        for edit in self.fields.values():
            edit.setEnabled(not waiting)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not waiting)

    def _current(self, token: object) -> bool:
        if not shiboken6.isValid(self) or token is not self._pending:
            return False  # the dialog is gone or was closed meanwhile
        self._pending = None
        self._wait(False)
        return True

    def _arrived(self, token: object, answer: object) -> None:
        if self._current(token):
            self.checked(answer)
            self.accept()

    def _refused(self, token: object, error: BaseException) -> None:
        if not self._current(token):
            return
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash handler
        # the fields were off while it waited: the last one shown (the password, or the
        # recovery key) is typed again, unless the message names another
        retry = [edit for edit in self.fields.values() if edit.isVisibleTo(self)][-1]
        retry.setFocus()
        retry.selectAll()
        self.show_problem(error)

    def done(self, result: int) -> None:
        """Closed (Cancel, Escape, Switch user): an answer still awaited is dropped."""
        self._pending = None
        super().done(result)


class SignInDialog(CheckingDialog):
    """Who are you? Also used to unlock after inactivity, with the user name fixed."""

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 locked_user: str | None = None) -> None:
        super().__init__(
            self.tr("Sign in") if locked_user is None else self.tr("Locked"),
            "" if locked_user is None else
            self.tr("The window was locked after a period of inactivity. Enter your password "
                    "to continue."),
            parent,
        )
        self.db = db
        self.actor: auth.Actor | None = None
        self.must_change_password = False
        self.switch_requested = False
        username = self.add_field("username", self.tr("User name"), text=locked_user or "")
        username.setReadOnly(locked_user is not None)
        password = self.add_field("password", self.tr("Password"), secret=True)
        (password if locked_user else username).setFocus()
        if locked_user is not None:
            self.switch_button = self.buttons.addButton(
                self.tr("Switch user…"), QDialogButtonBox.ButtonRole.ResetRole)
            self.switch_button.clicked.connect(self._switch)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        """While it waits for the password, PySide's classes are made on idle turns
        (ui/qt_classes): the first table built after signing in made them in its turn."""
        super().showEvent(event)
        make_ahead()

    def _switch(self) -> None:
        """Someone else takes the keyboard: the locked user is signed out."""
        self.switch_requested = True
        self.done(SWITCH_USER)

    def check(self) -> Callable[[], object]:
        from shelter_app.services.accounts import auth

        db, username, password = self.db, self.value("username"), self.value("password")
        return lambda: auth.sign_in(db, username, password)

    def checked(self, answer: object) -> None:
        self.actor, self.must_change_password = answer  # type: ignore[misc]


class ChangePasswordDialog(FormDialog):
    """A temporary password replaced at sign-in (`forced`), or any user's own change."""

    def __init__(self, db: Database, actor: auth.Actor, parent: QWidget | None = None, *,
                 forced: bool = True) -> None:
        super().__init__(self.tr("Change your password"),
                         self.tr("Choose a new password before you continue.") if forced else
                         self.tr("Type your current password, then the new one twice."), parent)
        self.db = db
        self.actor = actor
        self.add_field("old", self.tr("Current password"), secret=True)
        self.add_field("password", self.tr("New password"), secret=True)
        self.add_field("repeat", self.tr("Repeat new password"), secret=True)

    def submit(self) -> None:
        from shelter_app.services.accounts import auth

        auth.change_password(self.db, self.actor, self.value("old"), self.value("password"),
                             self.value("repeat"))


def identify(db: Database, parent: QWidget | None = None,
             run: Callable[[QDialog], int] = QDialog.exec,
             credentials: tuple[str, str] | None = None,
             checked: tuple[str, bool] | None = None) -> auth.Actor | None:
    """Ask who is at the keyboard: on an empty database set the programme up (its name, offices
    and administrator), else sign in (and change a temporary password). `credentials` typed
    to unlock an encrypted database sign in without asking again, unless refused; `checked`,
    their password's check made meanwhile (auth.sign_in). None when the user gives up."""
    from shelter_app.services.accounts import auth

    if not auth.has_users(db):
        from shelter_app.ui.auth.first_run import FirstRunWizard

        wizard = FirstRunWizard(db, parent)
        return wizard.actor if run(wizard) else None
    sign_in = SignInDialog(db, parent)
    if credentials is not None:
        try:
            sign_in.actor, sign_in.must_change_password = auth.sign_in(db, *credentials,
                                                                       checked=checked)
        except auth.SignInError as refusal:  # a locked account: said in the dialog
            sign_in.error.setText(refusal.message)
            sign_in.error.show()
    if sign_in.actor is None and (not run(sign_in) or sign_in.actor is None):
        return None
    if sign_in.must_change_password:
        change = ChangePasswordDialog(db, sign_in.actor, parent)
        if not run(change):
            return None
    return sign_in.actor
