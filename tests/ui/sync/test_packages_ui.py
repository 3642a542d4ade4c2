"""Sync by USB stick as a person does it on the Sync page: the offline laptop exports its
package, the office's connected laptop imports it (and saves the receipt), the offline laptop
imports the receipt; a damaged file is refused in a message and nothing changes."""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QVBoxLayout, QWidget
from sync_fixtures import take_photos

from shelter_app.services.files import photo_path
from shelter_app.ui.sync.page import SyncPage
from shelter_app.ui.sync.runner import SyncRunner

SHOTS = Path("/tmp/shelter_sync_ui")


def open_page(qtbot, db, actor) -> SyncPage:
    window = QWidget()
    qtbot.addWidget(window)
    page = SyncPage(db, actor, SyncRunner(db, window), window)
    QVBoxLayout(window).addWidget(page)
    window.resize(900, 640)
    window.show()
    qtbot.waitExposed(window)
    page.host = window  # kept as long as the page is
    return page


def choose(monkeypatch, *, save: Path | None = None, open_: Path | None = None) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(save or ""), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(open_ or ""), ""))


def click_and_wait(qtbot, page: SyncPage, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.runner.busy, timeout=20_000)


def test_a_week_by_usb_stick_through_the_sync_page(qtbot, laptop, hub, engineer, tmp_path,
                                                   monkeypatch, in_language):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: shown.append(text))
    offline, office = laptop("engineer-laptop"), laptop("supervisor-laptop")
    [sha] = take_photos(offline.db, engineer, 1, tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    package, receipt = stick / "week.barinak", stick / "week-receipt.barinak"

    page = open_page(qtbot, offline.db, engineer)
    choose(monkeypatch, save=package)
    click_and_wait(qtbot, page, page.packages.export_button)
    assert package.is_file() and "package 1" in page.result.text()

    at_office = open_page(qtbot, office.db, engineer)
    choose(monkeypatch, open_=package, save=receipt)
    click_and_wait(qtbot, at_office, at_office.packages.import_button)
    assert receipt.is_file() and str(receipt) in at_office.result.text()
    assert photo_path(hub, sha).is_file()

    choose(monkeypatch, open_=receipt)
    click_and_wait(qtbot, page, page.packages.import_button)
    assert "Receipt taken: 1 applied, 0 in conflict, 0 refused" in page.result.text()
    assert page.runner.status.pending == 0 and shown == []

    damaged = stick / "damaged.barinak"
    damaged.write_bytes(package.read_bytes()[:-9])
    choose(monkeypatch, open_=damaged, save=stick / "damaged-receipt.barinak")
    click_and_wait(qtbot, at_office, at_office.packages.import_button)
    assert len(shown) == 1 and "nothing was applied" in shown[0]
    assert not (stick / "damaged-receipt.barinak").exists()

    SHOTS.mkdir(exist_ok=True)
    for code in ("tr", "ar"):
        in_language(code)
        shot = open_page(qtbot, offline.db, engineer)
        assert shot.window().grab().save(str(SHOTS / f"sync_page_packages_{code}.png"))
