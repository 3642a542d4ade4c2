"""Driving the sync screens as a user does: open a page, press Sync now, wait for it."""

from PySide6.QtCore import Qt
from sqlalchemy import select

from shelter_app.data.models import Household
from shelter_app.services.sync.wire import Report
from shelter_app.ui.main_window import MainWindow
from ui.shown import show_title

CLICK = Qt.MouseButton.LeftButton


def open_page(window: MainWindow, title: str):
    return show_title(window, title)


def sync_now(qtbot, window: MainWindow) -> Report:
    """Open the Sync page, press Sync now, wait for the result the page shows."""
    page = open_page(window, "Sync")
    failures: list[str] = []
    window.sync_runner.failed.connect(lambda message, manual: failures.append(message))
    with qtbot.waitSignal(window.sync_runner.finished, timeout=30_000) as finished:
        qtbot.mouseClick(page.sync_button, CLICK)
        assert not page.sync_button.isEnabled()  # no second sync while one runs
    assert failures == []
    assert page.sync_button.isEnabled()
    report = finished.args[0]
    assert page.result.text().startswith(f"Sent {report.changes_told[0]} change")
    return report


def gaz_household(db) -> str:
    with db.read() as session:
        return session.scalar(select(Household.ref).where(Household.ref.like("GAZ-%"))
                              .order_by(Household.ref).limit(1))
