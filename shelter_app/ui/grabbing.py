"""Showing a window for `.ci/screens` and waiting until it has settled, before it is grabbed
(ui/screens.py, ui/screen_dialogs.py)."""

import time
from collections.abc import Iterator

from PySide6.QtWidgets import QApplication, QDialog, QWidget

PAUSE_MS = 150  # per screen, for pages that load in the background
# rounds of posted events a layout change needs to reach the scroll area holding it and come
# back as the contents' new size (each round hands on what the last one posted)
ROUNDS = 8


def settle(milliseconds: int | None = None) -> None:
    """Let queued work (background page loads, layouts) finish before a widget is measured:
    for `milliseconds`, and however loaded the machine, for at least `ROUNDS` rounds of
    events. On a busy machine the pause was one round: the Reports page was grabbed with its
    charts' rows still the height of the page before them, each heading over a legend."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + (PAUSE_MS if milliseconds is None else milliseconds) / 1000
    rounds = 0
    while rounds < ROUNDS or time.monotonic() < deadline:
        app.processEvents()
        rounds += 1
        if rounds >= ROUNDS:
            time.sleep(0.01)


def loaded(widget: QWidget, seconds: float = 10) -> None:
    """Wait while `widget` reads what it shows in a worker (its `loading` property: the
    Agreements page, the BoQ editor)."""
    deadline = time.monotonic() + seconds
    waited = False
    while getattr(widget, "loading", False) and time.monotonic() < deadline:
        waited = True
        settle(20)
    if waited:  # what arrived last is laid out before the grab
        settle()


def shot(name: str, dialog: QDialog) -> Iterator[tuple[str, QWidget]]:
    dialog.show()
    settle()
    loaded(dialog)
    yield name, dialog
    dialog.close()
    dialog.deleteLater()
