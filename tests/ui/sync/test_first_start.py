"""The first start on an empty database: a laptop joins its programme's sync server (enrol,
first sync, then its users sign in), or a new programme starts with the first-run wizard."""


from pathlib import Path


from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui.sync.windows import CLICK

from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.domain import i18n
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.sync import devices, enrolment
from shelter_app.ui import app as app_module
from shelter_app.ui.crash import CrashHandler
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.sync import enrol
from shelter_app.ui.sync.enrol import JOINED, NEW_PROGRAMME, StartDialog
from shelter_app.ui.sync.page import SyncPage
from shelter_app.ui.sync.runner import SyncRunner

SHOTS = Path("/tmp/shelter_sync_ui")


def start_dialog(qtbot, db) -> StartDialog:
    dialog = StartDialog(db)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_laptop_joins_its_programme_and_its_users_can_sign_in(qtbot, hub, hub_url,
                                                                empty_laptop):
    _, code = devices.add_device(hub, SYSTEM, "gaziantep-laptop-4", "GAZ")
    dialog = start_dialog(qtbot, empty_laptop)
    qtbot.keyClicks(dialog.form.server_url, hub_url)
    qtbot.keyClicks(dialog.form.code, code)
    with qtbot.waitSignal(dialog.finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.form.enrol_button, CLICK)
    assert finished.args == [JOINED]
    actor, _ = auth.sign_in(empty_laptop, "engineer.gaz", DEMO_PASSWORD)
    assert actor.username == "engineer.gaz"


def test_a_refused_first_sync_can_be_tried_again_and_new_programme_is_closed_then(
        qtbot, hub, hub_url, empty_laptop, monkeypatch):
    _, code = devices.add_device(hub, SYSTEM, "gaziantep-laptop-5", "GAZ")
    devices_seen = []
    real = enrol.SyncRunner.sync

    def down_once(self, *, manual):  # the first attempt meets a server that went away
        devices_seen.append(manual)
        if len(devices_seen) == 1:
            self.failed.emit("The server cannot be reached.", manual)
            return True
        return real(self, manual=manual)

    monkeypatch.setattr(enrol.SyncRunner, "sync", down_once)
    dialog = start_dialog(qtbot, empty_laptop)
    qtbot.keyClicks(dialog.form.server_url, hub_url)
    qtbot.keyClicks(dialog.form.code, code)
    qtbot.mouseClick(dialog.form.enrol_button, CLICK)
    qtbot.waitUntil(dialog.retry_button.isVisible, timeout=10_000)
    assert "cannot be reached" in dialog.status.text()
    assert not dialog.new_button.isEnabled()  # enrolled: it belongs to the server now
    with qtbot.waitSignal(dialog.finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.retry_button, CLICK)
    assert finished.args == [JOINED] and auth.has_users(empty_laptop)


def test_a_laptop_without_network_joins_from_its_enrolment_package(
        qtbot, hub, admin, empty_laptop, tmp_path, in_language):
    devices.add_device(hub, SYSTEM, "gaziantep-laptop-6", "GAZ")
    package = tmp_path / "stick" / "gaziantep-laptop-6.barinak"
    package.parent.mkdir()
    code = enrolment.export_enrolment(hub, admin, "gaziantep-laptop-6", package).code
    dialog = start_dialog(qtbot, empty_laptop)
    qtbot.keyClicks(dialog.usb.package, str(package))
    qtbot.keyClicks(dialog.usb.code, code[:-4] + "0000" if not code.endswith("0000")
                    else code[:-4] + "1111")
    qtbot.mouseClick(dialog.usb.import_button, CLICK)
    qtbot.waitUntil(lambda: dialog.usb.import_button.isEnabled(), timeout=20_000)
    assert "code does not open it" in dialog.usb.message.text()
    assert dialog.focusWidget() is dialog.usb.code
    assert not auth.has_users(empty_laptop)

    dialog.usb.code.clear()
    qtbot.keyClicks(dialog.usb.code, code)
    with qtbot.waitSignal(dialog.finished, timeout=30_000) as finished:
        qtbot.keyClick(dialog.usb.code, Qt.Key.Key_Return)
    assert finished.args == [JOINED]
    actor, _ = auth.sign_in(empty_laptop, "engineer.gaz", DEMO_PASSWORD)
    assert actor.username == "engineer.gaz"
    page = SyncPage(empty_laptop, actor, SyncRunner(empty_laptop))
    page.runner.setParent(page)  # deleted with it (it reads its status every 30 s until then)
    qtbot.addWidget(page)
    page.show()
    assert not page.runner.sync(manual=False)  # no server address: no background sync
    assert not page.sync_button.isVisible() and page.packages.export_button.isVisible()


def test_the_usb_enrolment_says_what_is_missing_in_every_language(
        qtbot, empty_laptop, tmp_path, in_language):
    SHOTS.mkdir(exist_ok=True)
    for language in ("en", "tr", "ar"):
        in_language(language)
        dialog = start_dialog(qtbot, empty_laptop)
        qtbot.mouseClick(dialog.usb.import_button, CLICK)
        assert dialog.usb.message.isVisible() and dialog.focusWidget() is dialog.usb.package
        not_a_package = tmp_path / "notes.txt"
        not_a_package.write_text("hello")
        qtbot.keyClicks(dialog.usb.package, str(not_a_package))
        qtbot.keyClicks(dialog.usb.code, "1A2B")
        qtbot.mouseClick(dialog.usb.import_button, CLICK)
        qtbot.waitUntil(lambda d=dialog: d.usb.import_button.isEnabled(), timeout=10_000)
        assert dialog.usb.message.text() and not auth.has_users(empty_laptop)
        assert dialog.grab().save(str(SHOTS / f"first_start_usb_{language}.png"))
        dialog.reject()


def test_a_new_programme_goes_on_to_the_first_run_wizard(qtbot, empty_laptop):
    dialog = start_dialog(qtbot, empty_laptop)
    assert "shelter-app device add" in dialog.form.explanation.text()
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(dialog.new_button, CLICK)
    assert finished.args == [NEW_PROGRAMME]


def test_run_gui_asks_how_an_empty_database_starts(qtbot, db_path, monkeypatch):
    asked, identified = [], []
    monkeypatch.setattr(CrashHandler, "install", lambda self: None)
    monkeypatch.setattr(enrol, "choose_start", lambda db, parent: asked.append(db) or 0)
    from shelter_app.ui.auth import dialogs

    monkeypatch.setattr(dialogs, "identify", lambda *a, **k: identified.append(a))
    try:
        assert app_module.run_gui(str(db_path)) == 0
    finally:
        i18n.install(None)
    assert len(asked) == 1 and identified == []  # closed: nobody is asked to sign in
    for window in QApplication.topLevelWidgets():
        if isinstance(window, MainWindow):  # the window run_gui showed
            qtbot.addWidget(window)



def test_why_the_server_cannot_be_reached_is_said_in_the_users_language(in_language):
    """The Turkish first start said "Sunucuya ulaşılamıyor (timed out)"."""
    import httpx

    from shelter_app.services.sync.wire import unreachable

    in_language("tr")
    timed_out = unreachable(TimeoutError("timed out")).message
    assert timed_out.startswith("Sunucuya ulaşılamıyor (zamanında yanıt gelmedi)")
    assert unreachable(httpx.ReadTimeout("timed out")).message == timed_out
    refused = unreachable(httpx.ConnectError("[Errno 111] Connection refused")).message
    assert "(bağlantı kurulamadı: adresi ve ağı kontrol edin)" in refused
    assert unreachable(ConnectionRefusedError(111, "Connection refused")).message == refused
    # anything rarer keeps the library's words, for whoever helps the user
    assert "(certificate expired)" in unreachable(httpx.HTTPError("certificate expired")).message
