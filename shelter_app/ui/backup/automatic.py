"""Automatic backups: one when the app starts and then whenever backup.interval_hours have
passed, in the background; the status bar says how it went."""

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStatusBar
from shiboken6 import isValid

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
        """Whether one is due (a read, a look at the backups folder) is asked in the worker
        too: the backup service's import and that look stay off the GUI thread."""
        if self._running:
            return
        self._running = True
        db, actor = self._db, self._actor
        run_in_background(lambda: _back_up_if_due(db, actor), self._done, self._failed)

    def _done(self, made: bool) -> None:
        self._running = False
        if made and isValid(self._status):  # (its window may be gone: a user switched)
            self._status.showMessage(self.tr("Automatic backup made."), 10_000)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if not isinstance(error, UserError):
            raise error
        if isValid(self._status):
            self._status.showMessage(
                self.tr("Automatic backup failed: {reason}").format(reason=error.message))


def _back_up_if_due(db: Database, actor: Actor) -> bool:
    from shelter_app.services.backup import backup_due, backup_now

    if not backup_due(db):
        return False
    backup_now(db, actor)
    return True
