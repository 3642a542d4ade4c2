"""Background sync: shortly after sign-in and then every few minutes, while the laptop is
enrolled; never a dialog. An unreachable server only shows in the status bar's indicator and
on the Sync page (the work stays on the laptop and goes at the next sync)."""

from PySide6.QtCore import QObject, QTimer

from shelter_app.ui.sync.runner import SyncRunner

FIRST_AFTER_MS = 5_000  # after sign-in, once the first page is up
EVERY_MS = 5 * 60 * 1000


class BackgroundSync(QObject):
    def __init__(self, runner: SyncRunner, parent: QObject | None = None, *,
                 first_after_ms: int = FIRST_AFTER_MS, every_ms: int = EVERY_MS) -> None:
        super().__init__(parent)
        self.runner = runner
        self.timer = QTimer(self, interval=every_ms)
        self.timer.timeout.connect(self.run)
        self.timer.start()
        self.first = QTimer(self, singleShot=True, interval=first_after_ms)
        self.first.timeout.connect(self.run)
        self.first.start()

    def run(self) -> bool:
        """Sync now unless one is running or the database is not enrolled; True if started."""
        if self.runner.busy:
            return False
        return self.runner.sync(manual=False)

    def stop(self) -> None:
        self.timer.stop()
        self.first.stop()
