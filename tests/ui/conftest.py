"""What every test of the interface must leave behind: no sync runner still polling. And the
BoQ page the editor tests draft from, kept as long as its editor."""

import weakref
from collections.abc import Iterator

import pytest
import shiboken6
from factories import assessed_dwelling
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from shelter_app.data.engine import Database
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.boq.page import BoQPage
from shelter_app.ui.sync import runner as runner_module


@pytest.fixture(autouse=True)
def _no_sync_runner_outlives_its_test(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A sync runner reads its database's sync status every 30 s until it is deleted: one a
    test left (a window never deleted, a runner without a parent kept by a reference cycle)
    went on reading a later test's PostgreSQL database after it was dropped. Each runner a
    test made is stopped when the test ends (its windows closed and deleted), and the test
    fails if one was still there."""
    made: list[weakref.ref] = []
    init = runner_module.SyncRunner.__init__

    def tracked(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        init(self, *args, **options)
        made.append(weakref.ref(self))

    monkeypatch.setattr(runner_module.SyncRunner, "__init__", tracked)
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed windows
    left = [runner for runner in (ref() for ref in made)
            if runner is not None and shiboken6.isValid(runner) and runner.timer.isActive()]
    for runner in left:
        runner.timer.stop()
    assert not left, "sync runners still polling after the test, of: " + ", ".join(
        type(runner.parent()).__name__ for runner in left)


@pytest.fixture
def boq_page(qtbot: QtBot, demo_db: Database, engineer: Actor,
             monkeypatch: pytest.MonkeyPatch) -> BoQPage:
    """The engineer's BoQ page, its "New BoQ…" drafting for an assessed dwelling. Held here
    until pytest-qt has closed the test's windows: the editors it opens are its children (as in
    the main window, which owns it), and a page collected when the test returns took its editor
    with it before pytest-qt closed that."""
    page = BoQPage(demo_db, engineer)
    qtbot.addWidget(page)
    monkeypatch.setattr(BoQPage, "ask_dwelling", lambda self: assessed_dwelling(demo_db))
    return page
