"""Export package… and Import package… on the Sync page: sync by USB stick, for an office
without a connection. The work (sealing, applying, handing a package on to the server) runs
off the GUI thread; the background sync waits meanwhile (the runner is busy).

On the laptop, Export writes its package; at a machine that reaches the server, Import applies
a package and asks where to put its receipt first; back on the laptop, Import takes the
receipt. The page shows what happened (`reported`) or the refusal (`failed`).
"""

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.services.atomic import write_atomically
from shelter_app.services.sync import packages
from shelter_app.services.sync.connection import http_client
from shelter_app.services.sync.wire import Report
from shelter_app.ui.sync.runner import SyncRunner
from shelter_app.ui.worker import run_in_background

SUFFIX = ".barinak"


class PackageButtons(QWidget):
    # what happened, for the page to show
    reported = Signal(str)
    # a refusal in one line
    failed = Signal(str)

    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._dialog: QProgressDialog | None = None
        self.export_button = QPushButton(self.tr("Export package…"))
        self.export_button.setToolTip(self.tr(
            "Write this laptop's changes and new photos into a file for a USB stick, for an "
            "office without a connection"))
        self.import_button = QPushButton(self.tr("Import package…"))
        self.import_button.setToolTip(self.tr(
            "Where the server is reached: apply a laptop's package and write its receipt. On "
            "that laptop: import the receipt"))
        self.export_button.clicked.connect(self.export_package)
        self.import_button.clicked.connect(self.import_package)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.export_button)
        layout.addWidget(self.import_button)

    def _filter(self) -> str:
        return self.tr("Sync packages (*{suffix});;All files (*)").format(suffix=SUFFIX)

    def export_package(self) -> None:
        status = self.runner.status
        name = f"{status.device_name or 'laptop'}-{clock.today():%Y%m%d}{SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export package"),
                                              str(Path.home() / name), self._filter())
        if not path:
            return
        db = self.runner.db
        self._run(self.tr("Writing the package…"),
                  lambda: packages.export_package(db, Path(path)), lambda made: self.tr(
                      "Wrote package {number} to {file}: {ops}, {files}. Import it where the "
                      "server is reached, then import its receipt here.").format(
                          number=made.number, file=path,
                          ops=self.tr("%n changes", "", made.ops),
                          files=self.tr("%n photos and scans", "", made.files)))

    def import_package(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import package or receipt"),
                                              str(Path.home()), self._filter())
        if not path:
            return
        try:
            with open(path, "rb") as handle:
                header = packages.read_header(handle.read(packages.MAX_HEADER + 64))
        except (OSError, UserError) as error:
            self.failed.emit(getattr(error, "message", None) or str(error))
            return
        receipt = None
        if header.kind == packages.PACKAGE:  # the receipt's place is asked before the work
            source = Path(path)
            receipt, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save the receipt"),
                str(source.with_name(f"{source.stem}-receipt{source.suffix}")), self._filter())
            if not receipt:
                return
        db = self.runner.db

        def work() -> Report | str:
            result = packages.import_any(db, Path(path).read_bytes(), http_client)
            if isinstance(result, bytes):
                write_atomically(Path(str(receipt)), result)
                return str(receipt)
            return result

        self._run(self.tr("Importing…"), work, self._imported)

    def _imported(self, result: Report | str) -> str:
        if isinstance(result, str):
            return self.tr("Applied the package; its receipt is {file}. Take it back to the "
                           "laptop and import it there.").format(file=result)
        return self.tr("Receipt taken: {applied}, {conflicts}, {refused}; received {pulled} "
                       "and {files}.").format(
            applied=self.tr("%n applied", "", result.applied),
            conflicts=self.tr("%n in conflict", "", result.conflicts),
            refused=self.tr("%n refused", "", result.refused),
            pulled=self.tr("%n changes", "", result.pulled),
            files=self.tr("%n photos and scans", "", result.files_received))

    def _run(self, label: str, work: Callable[[], Any], describe: Callable[[Any], str]
             ) -> None:
        if self.runner.busy:
            self.failed.emit(self.tr("A sync is running; try again when it has finished."))
            return
        self.runner.busy = True  # no background sync meanwhile
        self._set_enabled(False)
        self._dialog = QProgressDialog(label, "", 0, 0, self)
        self._dialog.setCancelButton(None)  # sealing or applying runs to its end
        self._dialog.setMinimumDuration(300)
        self._dialog.setValue(0)

        def done(result: Any) -> None:
            self._finish()
            self.reported.emit(describe(result))

        def failed(error: BaseException) -> None:
            self._finish()
            if not isinstance(error, UserError):
                raise error  # a bug: to the crash dialog
            self.failed.emit(error.message)

        run_in_background(work, done, failed)

    def _finish(self) -> None:
        self.runner.busy = False
        self._set_enabled(True)
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        self.runner.refresh()

    def _set_enabled(self, enabled: bool) -> None:
        self.export_button.setEnabled(enabled)
        self.import_button.setEnabled(enabled)
