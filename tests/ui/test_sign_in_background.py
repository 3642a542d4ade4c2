"""Signing in never blocks the window: the password is checked in a worker while the dialog
shows a busy bar; an answer arriving after the dialog was closed is dropped; the Dwellings
page's first rows are read in a worker too; what signing in builds waits until the window has
painted what it changed."""

import pytest
from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QThreadPool
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from ui.held import Held, answered, busy, ticks
from ui.shown import shown

from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.services.accounts import auth
from shelter_app.services.cases import dwellings as dwellings_service
from shelter_app.ui.auth.dialogs import SignInDialog
from shelter_app.ui.dwellings import model as dwellings_model
from shelter_app.ui.main_window import MainWindow


@pytest.fixture
def held_sign_in(monkeypatch):
    held = Held(auth.sign_in)
    monkeypatch.setattr(auth, "sign_in", held)
    yield held
    held.release.set()
    QThreadPool.globalInstance().waitForDone()


def typed_dialog(qtbot, demo_db, password: str = DEMO_PASSWORD) -> SignInDialog:
    dialog = SignInDialog(demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["username"], "engineer.gaz")
    qtbot.keyClicks(dialog.fields["password"], password)
    return dialog


def ok(dialog: SignInDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_the_password_is_checked_off_the_gui_thread_behind_a_busy_bar(qtbot, demo_db,
                                                                       held_sign_in):
    dialog = typed_dialog(qtbot, demo_db)
    ok(dialog).click()
    assert dialog.working and dialog.busy.isVisible()
    assert not ok(dialog).isEnabled() and not dialog.fields["password"].isEnabled()
    assert ticks(qtbot, dialog) >= 10 and dialog.actor is None
    ok(dialog).click()  # a second click while waiting asks nothing more
    held_sign_in.release.set()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert dialog.actor is not None and dialog.actor.username == "engineer.gaz"
    assert held_sign_in.on_gui_thread == [False]
    assert not dialog.busy.isVisible() and not dialog.working


def test_the_buttons_stay_in_place_while_the_password_is_checked(qtbot, demo_db,
                                                                   held_sign_in):
    """The busy bar shows where its place was kept: OK and Cancel do not jump down under the
    pointer that just clicked."""
    dialog = typed_dialog(qtbot, demo_db)
    qtbot.waitExposed(dialog)
    where = ok(dialog).mapTo(dialog, QPoint(0, 0))
    height = dialog.height()
    ok(dialog).click()
    assert dialog.busy.isVisible()
    dialog.layout().activate()
    assert ok(dialog).mapTo(dialog, QPoint(0, 0)) == where and dialog.height() == height
    assert dialog.busy.geometry().bottom() < ok(dialog).mapTo(dialog, QPoint(0, 0)).y()


def test_a_wrong_password_is_said_where_the_busy_bar_was(qtbot, demo_db, held_sign_in):
    """The refusal takes the bar's place: the dialog does not grow, nor OK move, by it."""
    dialog = typed_dialog(qtbot, demo_db, password="not the password")
    qtbot.waitExposed(dialog)
    where = ok(dialog).mapTo(dialog, QPoint(0, 0))
    height = dialog.height()
    ok(dialog).click()
    held_sign_in.release.set()
    qtbot.waitUntil(lambda: not dialog.working, timeout=5000)
    dialog.layout().activate()
    assert dialog.error.isVisible() and not dialog.busy.isVisible()
    assert ok(dialog).mapTo(dialog, QPoint(0, 0)) == where and dialog.height() == height


def test_return_pressed_again_while_waiting_neither_cancels_nor_asks_again(qtbot, demo_db,
                                                                         held_sign_in):
    """The fields are off while the password is checked: the focus went on to Cancel, which
    became the default button, and an impatient second Return closed the sign-in."""
    dialog = typed_dialog(qtbot, demo_db)
    qtbot.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
    assert dialog.working and dialog.busy.isVisible()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # where the keyboard types now
    assert dialog.isVisible() and dialog.working
    held_sign_in.release.set()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=5000)
    assert held_sign_in.on_gui_thread == [False]  # checked once
    assert dialog.actor is not None and dialog.actor.username == "engineer.gaz"


def test_a_refusal_arrives_at_the_form_and_it_can_be_typed_again(qtbot, demo_db, held_sign_in):
    dialog = typed_dialog(qtbot, demo_db, password="not the password")
    ok(dialog).click()
    held_sign_in.release.set()
    qtbot.waitUntil(lambda: not dialog.working, timeout=5000)
    assert dialog.error.text() == "Wrong user name or password." and dialog.isVisible()
    assert ok(dialog).isEnabled() and dialog.fields["password"].isEnabled()
    assert dialog.actor is None


def test_an_answer_arriving_after_the_dialog_closed_is_dropped(qtbot, demo_db, held_sign_in):
    dialog = typed_dialog(qtbot, demo_db)
    ok(dialog).click()
    dialog.reject()  # the user gives up while the password is checked
    held_sign_in.release.set()
    answered(qtbot)  # the answer's signal is delivered now
    assert dialog.result() == QDialog.DialogCode.Rejected and dialog.actor is None


def test_the_first_rows_after_sign_in_are_read_off_the_gui_thread(qtbot, demo_db, engineer,
                                                                    monkeypatch):
    held = Held(dwellings_service.search_dwellings)
    monkeypatch.setattr(dwellings_service, "search_dwellings", held)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        window.attach(demo_db, engineer)  # returns with the first page still being read
        page = window.dwellings
        assert page.model.loading and page.model.rowCount() == 0
        assert ticks(qtbot, window) >= 10
        with qtbot.waitSignal(page.model.loaded, timeout=5000):
            held.release.set()
    finally:
        held.release.set()
        QThreadPool.globalInstance().waitForDone()
    assert page.model.rowCount() > 0 and held.on_gui_thread == [False]
    assert page.summary.text().startswith(f"{page.model.rowCount()}")


def test_first_rows_arriving_after_the_window_closed_are_dropped(qtbot, demo_db, engineer,
                                                                  monkeypatch):
    from PySide6.QtCore import QCoreApplication, QEvent

    held = Held(dwellings_service.search_dwellings)
    monkeypatch.setattr(dwellings_service, "search_dwellings", held)
    shown = []
    monkeypatch.setattr(dwellings_model.DwellingTableModel, "_show",
                        lambda self, rows: shown.append(rows))
    window = MainWindow()
    window.attach(demo_db, engineer)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    held.release.set()
    answered(qtbot)  # the rows' signal is delivered now, to no model
    assert shown == [] and held.on_gui_thread == [False]


def test_the_status_bar_counts_the_dwellings_off_the_gui_thread_the_latest_count_shown(
        qtbot, demo_db, engineer, monkeypatch):
    held = Held(dwellings_service.count_dwellings)
    monkeypatch.setattr(dwellings_service, "count_dwellings", held)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        window.attach(demo_db, engineer)  # returns with the count still held
        assert "dwellings" not in window.database_label.text()
        assert ticks(qtbot, window) >= 10
        window.refresh_status()  # a newer count (after an import): the older one is dropped
        shown = []
        window.database_label.setText = shown.append  # type: ignore[method-assign]
        held.release.set()
        qtbot.waitUntil(lambda: len(held.on_gui_thread) == 2 and held.ended.is_set())
        answered(qtbot)  # both counts' answers, the older one dropped
    finally:
        held.release.set()
        QThreadPool.globalInstance().waitForDone()
    assert len(shown) == 1 and "120 dwellings" in shown[0]  # shown once: the newer count
    assert held.on_gui_thread == [False, False]


class Seen(QObject):
    """The order in which watched widgets paint and show (an event filter)."""

    def __init__(self) -> None:
        super().__init__()
        self.events: list[str] = []

    def watch(self, widget, name: str) -> None:
        widget.setObjectName(name)
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Paint, QEvent.Type.Show):
            self.events.append(f"{watched.objectName()} {event.type().name}")
        return False


def signed_in_shown(qtbot, db, actor, seen: Seen) -> MainWindow:
    """A main window shown and painted before `actor` signs in, its paints told to `seen`."""
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen.watch(window, "window")
    window.attach(db, actor)
    return window


def test_the_dwellings_page_is_built_once_the_signed_in_window_has_painted(
        qtbot, demo_db, engineer, monkeypatch):
    from shelter_app.ui.dwellings.page import DwellingsPage

    seen = Seen()
    build = DwellingsPage.__init__
    monkeypatch.setattr(DwellingsPage, "__init__", lambda self, *args: (
        seen.events.append("page built"), build(self, *args))[1])
    window = signed_in_shown(qtbot, demo_db, engineer, seen)
    assert "page built" not in seen.events  # the signed-in window paints first
    qtbot.waitUntil(lambda: isinstance(window.pages.currentWidget(), DwellingsPage))
    page = window.pages.currentWidget()
    assert seen.events.index("page built") > seen.events.index("window Paint")
    assert page is window.dwellings and page.isVisible()
    qtbot.waitUntil(lambda: not page.model.loading)
    QThreadPool.globalInstance().waitForDone()


@pytest.mark.parametrize("slow", [False, True], ids=["laptop", "slow laptop"])
def test_a_supervisors_inbox_is_built_once_the_signed_in_window_has_painted(
        qtbot, demo_db, supervisor, monkeypatch, slow):
    """Also when signing in takes longer after the Inbox's title was shown than after_paint
    waits at most for a paint (the Inbox was built in the pass before the window painted)."""
    from shelter_app.ui import after_paint
    from shelter_app.ui.inbox import page as inbox_module

    if slow:
        menu = MainWindow._file_menu
        monkeypatch.setattr(MainWindow, "_file_menu", lambda self, actor: (
            menu(self, actor), busy(after_paint.LATEST_MS / 1000 + 0.1)))
    seen = Seen()
    build = inbox_module.InboxPage
    monkeypatch.setattr(inbox_module, "InboxPage", lambda *args: (
        seen.events.append("inbox built"), build(*args))[1])
    window = signed_in_shown(qtbot, demo_db, supervisor, seen)
    assert "inbox built" not in seen.events  # its title shows first
    assert shown(window) is window.inbox
    assert seen.events.index("inbox built") > seen.events.index("window Paint")
    qtbot.waitUntil(lambda: not window.dwellings.model.loading)
    QThreadPool.globalInstance().waitForDone()
