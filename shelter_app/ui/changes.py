"""One change notification for the whole window: a screen that saved data calls `notify()`
after the service committed, and every list that shows such data reloads on `hub().changed`,
so a record made in one page or dialog shows in the others without a restart.

An edit of a BoQ's lines or contingency changes its total (and the contingency its time of
last change), not its status nor which lists show it: `notify_boq(boq_id)` tells the BoQ lists
to read that one row again. Every list read again after each quantity typed cost ~100 ms of a
worker's CPU for the BoQ list of an office of a programme alone, beside the user's typing."""

import uuid

from PySide6.QtCore import QObject, Signal


class DataChanges(QObject):
    changed = Signal()
    boq_lines_changed = Signal(object)  # the BoQ's id


_hub: DataChanges | None = None


def hub() -> DataChanges:
    global _hub  # noqa: PLW0603 - one hub per process, made on first use (after QApplication)
    if _hub is None:
        _hub = DataChanges()
    return _hub


def notify() -> None:
    """Say that data was saved (call after the service's transaction committed)."""
    hub().changed.emit()


def notify_boq(boq_id: uuid.UUID) -> None:
    """Say that a BoQ's lines were saved (added, removed, a quantity, its contingency)."""
    hub().boq_lines_changed.emit(boq_id)
