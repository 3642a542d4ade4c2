"""The Backups page driven as a user would: back up, cancel, save an archive, restore."""

import re
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.stages import Role
from shelter_app.services import backup
from shelter_app.services.accounts.auth import SYSTEM, Actor
from shelter_app.ui.backup import page as backup_page
from shelter_app.ui.backup.page import BackupPage
from shelter_app.ui.formats import datetime_text

ENGINEER = Actor(uuid.uuid4(), "engineer", "Field Engineer", Role.ENGINEER, None)


@pytest.fixture
def make_page(qtbot, demo_db: Database) -> Iterator[Callable[..., BackupPage]]:
    """Pages inside a window, as in the app. The parent owns the page, so when a finished
    background task drops the last Python reference to it on a pool thread, Qt does not delete
    the widget there; the windows go when the test ends, on this thread."""
    windows = []

    def make(actor: Actor = SYSTEM) -> BackupPage:
        window = QWidget()
        qtbot.addWidget(window)
        windows.append(window)
        page = BackupPage(demo_db, actor, window)
        QVBoxLayout(window).addWidget(page)
        window.resize(720, 420)
        window.show()
        qtbot.waitExposed(window)
        return page

    yield make


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_back_up_now_lists_the_new_snapshot(qtbot, make_page, demo_db: Database) -> None:
    page = make_page()
    assert page.snapshots.topLevelItemCount() == 0
    assert str(backup.default_folder(demo_db.path)) in page.folder_label.text()

    click(qtbot, page.backup_button)
    assert not page.backup_button.isEnabled()  # no second backup while one runs
    qtbot.waitUntil(lambda: page.snapshots.topLevelItemCount() == 1, timeout=10_000)

    [snapshot] = backup.list_backups(page.folder)
    item = page.snapshots.topLevelItem(0)
    assert item.data(0, Qt.ItemDataRole.UserRole) == str(snapshot.path)
    assert item.text(0) == datetime_text(snapshot.created_at, seconds=True)  # 25/11/2026 …
    assert page.status.text().startswith("Backed up in ")
    assert re.search(r"\((1 new photo|\d+ new photos)\)\.$", page.status.text())
    assert page.backup_button.isEnabled()
    page.grab().save("/tmp/backup_page.png")

    click(qtbot, page.backup_button)
    qtbot.waitUntil(lambda: page.status.text().startswith("Nothing has changed"), timeout=10_000)
    assert page.snapshots.topLevelItemCount() == 1


def test_an_engineer_may_back_up_but_restore_is_disabled(make_page) -> None:
    page = make_page(ENGINEER)
    assert page.backup_button.isEnabled() and page.archive_button.isEnabled()
    assert not page.restore_button.isEnabled()
    assert "administrator" in page.restore_button.toolTip()


def test_cancel_stops_the_backup_and_keeps_nothing(qtbot, make_page,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def slow_backup(*args, cancelled, **kwargs):  # runs until the user cancels
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return backup.backup_now(*args, cancelled=cancelled, **kwargs)

    monkeypatch.setattr(backup_page, "backup_now", slow_backup)
    page = make_page()
    click(qtbot, page.backup_button)
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: page._dialog is not None and page._dialog.isVisible(), timeout=3000)
    page._dialog.grab().save("/tmp/backup_progress.png")
    click(qtbot, page._dialog.findChild(QPushButton))  # the dialog's Cancel

    qtbot.waitUntil(page.backup_button.isEnabled, timeout=10_000)
    assert page.status.text() == "The backup was cancelled; nothing was kept."
    assert backup.list_backups(page.folder) == []
    assert page._dialog is None


def test_save_archive_writes_the_chosen_file(qtbot, make_page, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "stick" / "office-backup"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    page = make_page()
    click(qtbot, page.archive_button)
    qtbot.waitUntil(lambda: page.status.text().startswith("Archive written"), timeout=10_000)
    archive = chosen.with_suffix(".zip")
    assert str(archive) in page.status.text()
    assert backup.verify_archive(archive).row_counts["dwellings"] == 120
    assert [p.name for p in chosen.parent.iterdir()] == ["office-backup.zip"]


def test_restore_asks_first_then_replaces_and_asks_for_a_restart(
        qtbot, make_page, demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot = backup.backup_now(demo_db, SYSTEM).path
    questions, notices = [], []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(snapshot), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (
        questions.append(a[2]), QMessageBox.StandardButton.No)[1])
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: notices.append(a[2]))
    page = make_page()

    click(qtbot, page.restore_button)  # the user says No: nothing happens
    assert len(questions) == 1 and str(snapshot) in questions[0]
    assert not list(demo_db.path.parent.glob("*.replaced-*"))

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.restart_needed, timeout=10_000):
        click(qtbot, page.restore_button)
    [kept] = demo_db.path.parent.glob("*.replaced-*.db")
    assert str(kept) in notices[0] and "Close Barınak and start it again" in notices[0]
    assert not page.backup_button.isEnabled() and not page.restore_button.isEnabled()



@pytest.mark.sqlite_only("an encrypted laptop's own file")
def test_another_laptops_archive_is_restored_with_its_recovery_key(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_language) -> None:
    """Laptop A's archive on a fresh laptop B: the page asks for A's recovery key (cancelled
    first: nothing restored), restores with it, and B then opens with A's users' passwords,
    its photos included."""
    from encrypted_laptop import PASSWORD, fill_laptop, make_laptop
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import (
        QApplication,
        QDialogButtonBox,
        QInputDialog,
        QLineEdit,
    )
    from sqlalchemy import select

    from shelter_app.data.migrate import open_database
    from shelter_app.data.models import Photo
    from shelter_app.services import encryption, unlocking
    from shelter_app.services.files import PHOTO, read_stored

    path_a, key_a, admin, _tckn = make_laptop(tmp_path / "a" / "shelter.db")
    fill_laptop(path_a, key_a, admin, tmp_path)  # a photo that must come across, sealed
    db_a = open_database(str(path_a), key=key_a)
    recovery = encryption.new_recovery_key(db_a, admin)
    with db_a.read() as session:
        sha = session.scalars(select(Photo.sha256)).one()
    photo = read_stored(db_a, PHOTO, sha)
    archive = backup.export_archive(db_a, admin, tmp_path / "a.zip").path
    db_a.dispose()
    path_b, key_b, admin_b, _ = make_laptop(tmp_path / "b" / "shelter.db")
    db_b = open_database(str(path_b), key=key_b)
    window = QWidget()
    qtbot.addWidget(window)
    page = BackupPage(db_b, admin_b, window)
    QVBoxLayout(window).addWidget(page)
    window.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(archive), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    asked: list[str] = []

    def answer(language: str, typed: str | None) -> None:
        """Once the dialog is up: look at it, then cancel it or type the key and press OK."""
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QInputDialog) and w.isVisible()]
        if not shown:
            QTimer.singleShot(20, lambda: answer(language, typed))
            return
        dialog = shown[0]
        asked.append(dialog.labelText())
        dialog.grab().save(f"/tmp/restore_recovery_{language}.png")
        buttons = dialog.findChild(QDialogButtonBox)
        if typed is None:
            click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Cancel))
            return
        qtbot.keyClicks(dialog.findChild(QLineEdit), typed)
        click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))

    in_language("tr")
    QTimer.singleShot(20, lambda: answer("tr", None))
    click(qtbot, page.restore_button)
    qtbot.waitUntil(lambda: page.status.text() == page.tr("Nothing was restored."),
                    timeout=30_000)
    assert "kurtarma anahtar" in asked[0]
    assert unlocking.unlock(str(path_b), "ayse.admin", PASSWORD) == key_b  # B as it was
    in_language("ar")
    QTimer.singleShot(20, lambda: answer("ar", recovery))
    with qtbot.waitSignal(page.restart_needed, timeout=30_000):
        click(qtbot, page.restore_button)
    in_language("en")
    assert "مفتاح الاسترداد" in asked[1]
    assert unlocking.unlock(str(path_b), "ayse.admin", PASSWORD) == key_a
    db = open_database(str(path_b), key=key_a)
    assert read_stored(db, PHOTO, sha) == photo
    db.dispose()
