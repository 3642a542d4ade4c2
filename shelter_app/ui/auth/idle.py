"""Lock the window after a period without keyboard or mouse input (auth.lock_after_idle_minutes).

The watcher filters the events of the app's top-level windows (QWindow objects: input reaches
them before any widget), adding each window as it gets the focus, so a long form typed in a
dialog counts as activity. It is deliberately not an application-wide event filter: PySide
would wrap every object that receives any event to call it, and creating a wrapper type lazily
inside such a filter has crashed the process.
"""

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Any input in a watched window restarts the countdown; silence emits `idle`."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True, interval=max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.idle)
        self.timer.start()
        self._watched: set[int] = set()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self.watch)
            for window in app.topLevelWindows():
                self.watch(window)

    def watch(self, window: QWindow | None) -> None:
        """Count input in `window` (once per window)."""
        if window is not None and id(window) not in self._watched:
            self._watched.add(id(window))
            window.installEventFilter(self)
            window.destroyed.connect(lambda: self._watched.discard(id(window)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _INPUT and self.timer.isActive():
            self.timer.start()
        return False

    def resume(self) -> None:
        self.timer.start()
