"""Lock the window after a period without keyboard or mouse input (auth.lock_after_idle_minutes)."""

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Installed on the application; any input restarts the countdown, silence emits `idle`."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.idle)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()
        return False

    def resume(self) -> None:
        self.timer.start()
