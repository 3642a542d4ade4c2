"""The Backups screen: the automatic snapshots, a backup now, an archive for a USB stick, and
restoring a backup (administrators only).

Every operation runs off the GUI thread behind a window-modal progress dialog; progress comes
back through a signal, so widgets are touched on the GUI thread only.
"""

import threading
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.backup import (
    BackupCancelled,
    BackupResult,
    OtherLaptopBackup,
    RestoreResult,
    backup_now,
    default_folder,
    export_archive,
    list_backups,
    restore_file,
)
from shelter_app.ui.formats import datetime_text, number, path_text
from shelter_app.ui.style import page_title
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

_STEPS = 1000  # the dialog counts in thousandths: byte counts overflow a Qt int


class BackupPage(QWidget):
    # (bytes done, bytes in all), emitted from the worker thread, delivered on the GUI thread
    progressed = Signal(int, int)
    # a backup was restored: this window still shows the replaced database until a restart
    restart_needed = Signal()

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._cancel = threading.Event()
        self._chosen = Path()  # the backup being restored
        self._dialog: QProgressDialog | None = None
        self.folder = default_folder(db.path) if db.path is not None else None

        title = QLabel(self.tr("Backups"))
        page_title(title)
        self.folder_label = QLabel()
        wrapped(self.folder_label)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # at most backup.keep snapshots (10 by default), so an item widget holding them is fine
        self.snapshots = QTreeWidget()
        self.snapshots.setHeaderLabels([self.tr("Made"), self.tr("Size")])
        self.snapshots.setRootIsDecorated(False)
        self.snapshots.setAlternatingRowColors(True)
        header = self.snapshots.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.archive_button = QPushButton(self.tr("Save archive…"))
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.status = QLabel()
        wrapped(self.status)

        self.backup_button.clicked.connect(self.back_up_now)
        self.archive_button.clicked.connect(self.save_archive)
        self.restore_button.clicked.connect(self.restore)
        self.progressed.connect(self._show_progress)

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.archive_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.folder_label)
        layout.addLayout(buttons)
        layout.addWidget(self.snapshots, 1)
        layout.addWidget(self.status)
        self._set_busy(False)
        self.refresh()

    def _set_busy(self, busy: bool) -> None:
        usable = not busy and self.folder is not None
        self.backup_button.setEnabled(usable)
        self.archive_button.setEnabled(usable)
        self.restore_button.setEnabled(usable and self._actor.can(Action.RESTORE))
        if not self._actor.can(Action.RESTORE):
            self.restore_button.setToolTip(self.tr("Only an administrator can restore a backup."))

    def refresh(self) -> None:
        """List the snapshots in the backup folder, newest first."""
        self.snapshots.clear()
        if self.folder is None:
            self.folder_label.setText(self.tr(
                "This database is on a server ({name}); back it up with the server's own "
                "tools.").format(name=self._db.display_name))
            return
        self.folder_label.setText(self.tr("Automatic backups are kept in {folder}").format(
            folder=self.folder))
        locale = QLocale()
        for info in list_backups(self.folder):
            made = datetime_text(info.created_at, seconds=True)
            item = QTreeWidgetItem([made, locale.formattedDataSize(info.size_bytes)])
            item.setData(0, Qt.ItemDataRole.UserRole, str(info.path))
            item.setToolTip(0, str(info.path))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.snapshots.addTopLevelItem(item)
        if not self.snapshots.topLevelItemCount():
            self.status.setText(self.tr("No backup has been made yet."))

    def back_up_now(self) -> None:
        db, actor, cancel = self._db, self._actor, self._new_cancel()
        self._start(self.tr("Backing up the database and its photos…"),
                    lambda: backup_now(db, actor, progress=self.progressed.emit,
                                       cancelled=cancel.is_set),
                    self._backed_up)

    def save_archive(self) -> None:
        suggested = Path.home() / f"shelter-backup-{clock.today():%Y-%m-%d}.zip"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save a backup archive"),
                                                str(suggested),
                                                self.tr("Backup archives (*.zip)"))
        if not chosen:
            return
        out = Path(chosen) if chosen.lower().endswith(".zip") else Path(chosen + ".zip")
        db, actor, cancel = self._db, self._actor, self._new_cancel()
        self._start(self.tr("Writing the archive {path}…").format(path=out),
                    lambda: export_archive(db, actor, out, progress=self.progressed.emit,
                                           cancelled=cancel.is_set),
                    self._archived)

    def restore(self) -> None:
        """Replace the database with a backup the user picks, after they confirm."""
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Restore a backup"),
                                                str(self.folder),
                                                self.tr("Backups (*.zip *.db)"))
        if not chosen:
            return
        answer = QMessageBox.question(
            self, self.tr("Restore this backup?"),
            self.tr("Replace the current database with the backup {file}?\n\nThe current "
                    "database is kept beside it as a copy. Changes made since the backup will "
                    "not be in the restored data. Barınak must be restarted afterwards.")
            .format(file=path_text(chosen)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._restore_from(Path(chosen))

    def _restore_from(self, chosen: Path, recovery: str | None = None) -> None:
        assert self._db.path is not None  # the button is disabled for a server database
        target, actor, key = self._db.path, self._actor, self._db.key
        self._chosen = chosen
        self._db.dispose()  # restoring replaces the file: no connection may stay open on it
        self._start(self.tr("Checking and restoring the backup…"),
                    lambda: restore_file(chosen, target, actor, key, recovery), self._restored,
                    cancellable=False)

    def _ask_recovery_key(self) -> None:
        """An archive of another laptop (this one lost, stolen or replaced) opens with that
        laptop's recovery key; this laptop then takes its key file, and its users sign in."""
        recovery, given = QInputDialog.getText(
            self, self.tr("Backup of another laptop"),
            self.tr("This backup was made on another laptop and is encrypted with its key.\n"
                    "Type that laptop's recovery key to restore it here; its users then sign "
                    "in with their own passwords."), QLineEdit.EchoMode.Normal)
        if given and recovery.strip():
            self._restore_from(self._chosen, recovery)
        else:
            self.status.setText(self.tr("Nothing was restored."))

    def _new_cancel(self) -> threading.Event:
        self._cancel = threading.Event()
        return self._cancel

    def _start(self, label: str, work: Callable[[], Any], done: Callable[[Any], None],
               cancellable: bool = True) -> None:
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, _STEPS if cancellable else 0,
                                 self)
        dialog.setWindowTitle(self.tr("Backups"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # a quick backup never flashes a dialog
        dialog.setAutoReset(False)
        if cancellable:
            dialog.canceled.connect(self._cancel.set)
        else:
            dialog.setCancelButton(None)
        dialog.setValue(0)  # starts the clock: shown once the work outlasts minimumDuration
        self._dialog = dialog
        self._set_busy(True)
        self.status.setText(label)
        run_in_background(work, lambda result: self._finish(done, result), self._failed)

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if self._dialog is not None and total:
            self._dialog.setValue(min(_STEPS - 1, done * _STEPS // total))

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.reset()
            self._dialog.deleteLater()
            self._dialog = None
        self._set_busy(False)

    def _finish(self, done: Callable[[Any], None], result: Any) -> None:
        self._close_dialog()
        done(result)

    def _failed(self, error: BaseException) -> None:
        self._close_dialog()
        if isinstance(error, BackupCancelled):
            self.status.setText(error.message)
        elif isinstance(error, OtherLaptopBackup):
            self._ask_recovery_key()
        elif isinstance(error, UserError):
            self.status.setText(error.message)
            QMessageBox.warning(self, self.tr("Backups"), error.message)
        else:
            raise error  # a bug: to the crash dialog

    def _backed_up(self, result: BackupResult) -> None:
        self.refresh()
        if result.skipped:
            self.status.setText(self.tr(
                "Nothing has changed since the last backup ({name}); no new backup was "
                "needed.").format(name=result.path.name))
        else:
            self.status.setText(self.tr(
                "Backed up in {seconds} s: {name} (%n new photos).", "", result.photos_copied).format(
                seconds=number(Decimal(result.seconds), 1), name=result.path.name))

    def _archived(self, result: BackupResult) -> None:
        self.status.setText(self.tr(
            "Archive written in {seconds} s: {path} (%n photos).", "", len(result.manifest.photos)
        ).format(seconds=number(Decimal(result.seconds), 1), path=path_text(result.path)))

    def _restored(self, result: RestoreResult) -> None:
        self._set_busy(True)  # this window shows the replaced database until the restart
        kept = self.tr("The replaced database was kept as {path}.").format(
            path=path_text(result.kept)) \
            if result.kept else ""
        message = self.tr("The backup made on {made} was restored. {kept}\n\nClose Barınak "
                          "and start it again to work with the restored data.").format(
            made=datetime_text(result.manifest.created_at), kept=kept)
        self.status.setText(message)
        QMessageBox.information(self, self.tr("Backup restored"), message)
        self.restart_needed.emit()
