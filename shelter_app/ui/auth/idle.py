"""Lock the window after a period without keyboard or mouse input (auth.lock_after_idle_minutes),
as counted in every top-level window (ui/input_watch.py)."""

from PySide6.QtCore import QObject, QTimer, Signal

from shelter_app.ui.input_watch import InputWatcher


class IdleWatcher(InputWatcher):
    """Any input in a watched window restarts the countdown; silence emits `idle`."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.idle)
        self.timer.start()

    def touched(self) -> None:
        if self.timer.isActive():
            self.timer.start()

    def resume(self) -> None:
        self.timer.start()
