"""Showing a window for `.ci/screens` and waiting until it has settled, before it is grabbed
(ui/screens.py, ui/screen_dialogs.py)."""

import time
from collections.abc import Iterator

from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget

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
    """Wait while `widget`, or what shows within it, reads what it shows in a worker (a
    `loading` property: the Agreements page, the BoQ editor, a dwelling file's tab once it is
    placed; a view's model: a page of rows, thumbnails still to decode)."""
    deadline = time.monotonic() + seconds
    waited = False
    while _reading(widget) and time.monotonic() < deadline:
        waited = True
        settle(20)
    # what arrived last is laid out before the grab; even with nothing to wait for, the
    # widgets it added in the last round of events are shown on the next (queued by Qt)
    settle(None if waited else 0)


def _reading(widget: QWidget) -> bool:
    for shown in (widget, *widget.findChildren(QWidget)):
        if shown is not widget and not shown.isVisibleTo(widget):
            continue
        if getattr(shown, "loading", False):
            return True
        if isinstance(shown, QAbstractItemView) and (
                getattr(shown.model(), "loading", False) or getattr(shown.model(), "pending", 0)):
            return True
    return False


def shot(name: str, dialog: QDialog) -> Iterator[tuple[str, QWidget]]:
    dialog.show()
    settle()
    loaded(dialog)
    yield name, dialog
    dialog.close()
    dialog.deleteLater()
