"""One change notification for the whole window: a screen that saved data calls `notify()`
after the service committed, and every list that shows such data reloads on `hub().changed`,
so a record made in one page or dialog shows in the others without a restart."""

from PySide6.QtCore import QObject, Signal


class DataChanges(QObject):
    changed = Signal()


_hub: DataChanges | None = None


def hub() -> DataChanges:
    global _hub  # noqa: PLW0603 - one hub per process, made on first use (after QApplication)
    if _hub is None:
        _hub = DataChanges()
    return _hub


def notify() -> None:
    """Say that data was saved (call after the service's transaction committed)."""
    hub().changed.emit()
