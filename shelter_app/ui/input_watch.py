"""Keyboard and mouse input in any of the app's top-level windows, as one signal.

The watcher filters the events of the app's top-level windows (QWindow objects: input reaches
them before any widget), adding each window as it gets the focus, so a long form typed in a
dialog counts as activity. It is deliberately not an application-wide event filter: PySide
would wrap every object that receives any event to call it, and creating a wrapper type lazily
inside such a filter has crashed the process.
"""

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QGuiApplication, QWindow

_INPUT = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}


class InputWatcher(QObject):
    """Calls `touched()` at each key press, click, mouse move, wheel turn or touch."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
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
        if event.type() in _INPUT:
            self.touched()
        return False

    def touched(self) -> None:
        """The user did something (overridden)."""
