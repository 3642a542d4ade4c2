"""Enrolling this laptop with a sync server: what the administrator does on the server, then
the server's address and the one-time code typed here. client.enrol runs in the worker pool;
its refusal shows under the form. Where no network reaches, the first start takes an enrolment
package from a USB stick instead, with the code given apart from it (services.sync.enrolment,
also in the worker pool; the runner is busy meanwhile, so the dialog waits for it to end).

The form sits on the Sync page of a database that does not sync, and in the dialog of the first
start on an empty database (`choose_start`), where a laptop joins its programme: enrolled, it
takes the programme's records (and its users) with a first sync, then its user signs in.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.sync import enrolment, packages
from shelter_app.services.sync.wire import Report
from shelter_app.ui.formats import isolated, number
from shelter_app.ui.forms import ERROR_STYLE, TALLEST
from shelter_app.ui.style import page_title
from shelter_app.ui.sync.packages import SUFFIX
from shelter_app.ui.sync.runner import SyncRunner
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

COMMAND = "shelter-app device add NAME --office CODE"
FIELD_WIDTH = 420


class _EnrolBox(QGroupBox):
    """What both ways of enrolling share: an explanation, a form, one button and a message
    under them; `enrolled` carries the device's name."""

    enrolled = Signal(str)

    def _lay_out(self, explanation: QLabel, form: QFormLayout, button: QPushButton,
                 message_name: str) -> None:
        wrapped(explanation)
        self.message = QLabel()
        self.message.setObjectName(message_name)
        wrapped(self.message)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def _show(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
        self.message.show()


class EnrolForm(_EnrolBox):
    """Online: the server's address and the one-time code."""

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Enrol this laptop with a sync server"))
        self._runner = runner
        self.explanation = QLabel(self.tr(
            "This laptop does not sync with a server yet. To enrol it:\n"
            "1. An administrator runs on the server: {command}\n"
            "   It prints a one-time code, valid for a week.\n"
            "2. Type the server's address and that code below, then press Enrol.\n"
            "Only a new, empty database can be enrolled; its records then come from the "
            "server with the first sync.").format(command=isolated(COMMAND)))
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server_url = QLineEdit()
        self.server_url.setObjectName("serverUrl")
        self.server_url.setPlaceholderText("https://sync.example.org")
        self.code = QLineEdit()
        self.code.setObjectName("enrolmentCode")
        for field in (self.server_url, self.code):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # addresses and codes
            field.setMaximumWidth(FIELD_WIDTH)
            field.returnPressed.connect(self.enrol)
        self.enrol_button = QPushButton(self.tr("Enrol"))
        self.enrol_button.setObjectName("enrol")
        self.enrol_button.clicked.connect(self.enrol)
        form = QFormLayout()
        form.addRow(self.tr("Server address"), self.server_url)
        form.addRow(self.tr("Enrolment code"), self.code)
        self._lay_out(self.explanation, form, self.enrol_button, "enrolMessage")
        runner.enrolled.connect(self._enrolled)
        runner.enrol_failed.connect(self._refused)

    def enrol(self) -> None:
        if self._runner.busy:
            return
        if not self.server_url.text().strip() or not self.code.text().strip():
            self._show(self.tr("Type the server's address and the enrolment code."), error=True)
            return
        self.enrol_button.setEnabled(False)
        self._show(self.tr("Enrolling with {url}…").format(
            url=isolated(self.server_url.text().strip())))
        self._runner.enrol(self.server_url.text(), self.code.text())

    @Slot(str)
    def _enrolled(self, name: str) -> None:
        self.enrol_button.setEnabled(True)
        self.code.clear()
        self._show(self.tr("Enrolled as {name}.").format(name=isolated(name)))
        self.enrolled.emit(name)

    @Slot(object)
    def _refused(self, error: UserError) -> None:
        self.enrol_button.setEnabled(True)
        self._show(error.message, error=True)
        (self.server_url if error.field == "server_url" else self.code).setFocus()

PACKAGE_COMMAND = "shelter-app device package NAME --out FILE"


class PackageEnrolForm(_EnrolBox):
    """Offline: a package from a USB stick and the code given apart from it; `enrolled` comes
    once the package's records are in."""

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("No network here? Enrol from a USB stick"))
        self._runner = runner
        self.explanation = QLabel(self.tr(
            "An administrator writes this laptop's enrolment package on the server ({command}) "
            "and gives you the code printed with it, apart from the stick. Choose the package, "
            "type the code and press Import: the office's records come from the package.")
            .format(command=isolated(PACKAGE_COMMAND)))
        self.package = QLineEdit()
        self.package.setObjectName("enrolmentPackage")
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        self.code = QLineEdit()
        self.code.setObjectName("packageCode")
        self.code.setPlaceholderText("1A2B-3C4D-…")
        for field in (self.package, self.code):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # paths and codes
            field.setMaximumWidth(FIELD_WIDTH)
        self.code.returnPressed.connect(self.take)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setObjectName("importEnrolment")
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.take)
        self.package.setMinimumWidth(FIELD_WIDTH * 3 // 4)
        row = QHBoxLayout()
        row.addWidget(self.package)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Enrolment package"), row)
        form.addRow(self.tr("Package code"), self.code)
        self._lay_out(self.explanation, form, self.import_button, "packageMessage")

    def choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Enrolment package"), str(Path.home()),
            self.tr("Sync packages (*{suffix});;All files (*)").format(suffix=SUFFIX))
        if path:
            self.package.setText(path)

    def take(self) -> None:
        if self._runner.busy:
            return
        path, code = self.package.text().strip(), self.code.text()
        if not path:
            self._show(self.tr("Choose the enrolment package."), error=True)
            self.package.setFocus()
            return
        if not code.strip():
            self._show(self.tr("Type the code given with the package."), error=True)
            self.code.setFocus()
            return
        self._runner.busy = True  # the first-start dialog waits for this before it goes
        self._set_enabled(False)
        self._show(self.tr("Importing the enrolment package…"))
        db = self._runner.db
        run_in_background(lambda: enrolment.take_enrolment(db, packages.read_package(Path(path)), code),
                          self._taken, self._refused)

    def _taken(self, name: str) -> None:
        self._runner.busy = False
        self._set_enabled(True)
        self._show(self.tr("Enrolled as {name}.").format(name=isolated(name)))
        self.enrolled.emit(name)

    def _refused(self, error: BaseException) -> None:
        self._runner.busy = False
        self._set_enabled(True)
        if not isinstance(error, UserError):
            raise error  # a bug: to the crash dialog
        self._show(error.message, error=True)
        (self.code if error.field == "code" else self.package).setFocus()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.package, self.choose_button, self.code, self.import_button):
            widget.setEnabled(enabled)


JOINED, NEW_PROGRAMME = 1, 2  # how StartDialog ends (0: closed)


class StartDialog(QDialog):
    """The first start on an empty database: this laptop joins a programme that has a sync
    server (enrol, then a first sync brings its records and users), or a new programme starts
    here (the first-run wizard follows)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Barınak — first start"))
        self.runner = SyncRunner(db, self)
        heading = QLabel(self.tr("Welcome to Barınak"))
        page_title(heading)
        intro = QLabel(self.tr(
            "This database is empty. If your programme already works with Barınak and has a "
            "sync server, enrol this laptop: online, or from a USB stick where no network "
            "reaches. It then takes the programme's records and users, and you sign in as "
            "usual. Otherwise set up a new programme."))
        wrapped(intro)
        self.form = EnrolForm(self.runner)
        self.form.enrolled.connect(self._sync)
        self.usb = PackageEnrolForm(self.runner)
        self.usb.enrolled.connect(lambda _name: self.done(JOINED))  # the records came with it
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("startStatus")
        wrapped(self.status)
        self.status.hide()
        self.retry_button = QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self._sync)
        self.retry_button.hide()
        self.new_button = QPushButton(self.tr("Set up a new programme instead…"))
        self.new_button.setObjectName("newProgramme")
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(lambda: self.done(NEW_PROGRAMME))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.usb)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.runner.progressed.connect(self._progressed)
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._failed)
        self.resize(760, TALLEST)
        if self.runner.status.enrolled:  # enrolled at an earlier start, never synced through
            self.form.hide()
            self._sync()

    @Slot()
    def _sync(self) -> None:
        self.form.hide()  # enrolled: the way back is closed, what counts now is the sync
        self.usb.hide()
        self.new_button.setEnabled(False)  # an enrolled database belongs to its server
        self.retry_button.hide()
        self.progress.show()
        self._say(self.tr("Taking the programme's records from the server…"))
        self.runner.sync(manual=True)

    @Slot(str, int, int)
    def _progressed(self, step: str, done: int, _total: int) -> None:
        if step == "pull":
            self._say(self.tr("Taking the programme's records from the server: {done}…")
                      .format(done=number(done, 0)))

    @Slot(object, bool)
    def _finished(self, _report: Report, _manual: bool) -> None:
        if self.runner.cancel_event.is_set():
            return
        self.done(JOINED)

    @Slot(str, bool)
    def _failed(self, message: str, _manual: bool) -> None:
        self.progress.hide()
        self._say(message, error=True)
        self.retry_button.show()

    def reject(self) -> None:
        self.runner.cancel()  # the records taken so far stay; the next start goes on
        super().reject()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
        self.status.show()


def choose_start(db: Database, parent: QWidget | None = None,
                 run: Callable[[QDialog], int] = QDialog.exec) -> int:
    """Ask how an empty database starts: JOINED (enrolled and synced: sign in now),
    NEW_PROGRAMME (the first-run wizard) or 0 (closed)."""
    dialog = StartDialog(db, parent)
    try:
        return run(dialog)
    finally:
        if dialog.runner.busy:  # cancelled: let the sync stop before its runner goes
            QThreadPool.globalInstance().waitForDone()
            QCoreApplication.sendPostedEvents()
        dialog.deleteLater()
