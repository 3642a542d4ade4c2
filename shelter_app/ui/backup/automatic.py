"""Automatic backups: one when the app starts and then whenever backup.interval_hours have
passed, in the background; the status bar says how it went."""

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStatusBar

from shelter_app.data.engine import Database
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.worker import run_in_background

CHECK_EVERY_MS = 60 * 60 * 1000


class AutoBackup(QObject):
    def __init__(self, db: Database, actor: Actor, status: QStatusBar,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._status = status
        self._running = False
        self.timer = QTimer(self, interval=CHECK_EVERY_MS)
        self.timer.timeout.connect(self.run_if_due)
        self.timer.start()

    def run_if_due(self) -> None:
        from shelter_app.services.backup import backup_due, backup_now

        if self._running or not backup_due(self._db):
            return
        self._running = True
        run_in_background(lambda: backup_now(self._db, self._actor), self._done, self._failed)

    def _done(self, _result: object) -> None:
        self._running = False
        self._status.showMessage(self.tr("Automatic backup made."), 10_000)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if not isinstance(error, UserError):
            raise error
        self._status.showMessage(
            self.tr("Automatic backup failed: {reason}").format(reason=error.message))
