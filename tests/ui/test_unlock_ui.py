"""The sign-in that unlocks an encrypted laptop at start, and the recovery key shown once."""

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from encrypted_laptop import PASSWORD, make_laptop
from shelter_app.data.migrate import open_database
from shelter_app.data import database_file
from shelter_app.services import encryption
from shelter_app.ui.auth.dialogs import identify
from shelter_app.ui.auth.encryption import RecoveryKeyDialog, UnlockDialog

pytestmark = pytest.mark.sqlite_only("the encrypted SQLite file itself")


def press_ok(qtbot, dialog) -> None:
    """OK, and the wait for the unwrapping's answer (it runs in a worker)."""
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.working, timeout=10_000)


def test_the_key_is_unwrapped_off_the_gui_thread_with_the_form_waiting(qtbot, tmp_path,
                                                                       monkeypatch):
    """argon2 takes a good part of a second: on the GUI thread the window froze after OK.
    Meanwhile the form waits (OK off, a second press does nothing) with a busy bar."""
    from shelter_app.services import unlocking

    path, key, _admin, _tckn = make_laptop(tmp_path / "shelter.db")
    unwrap = unlocking.unlock_proving
    release, threads, calls = threading.Event(), [], []

    def held(*args: object) -> object:
        threads.append(threading.current_thread())
        calls.append(args)
        release.wait(10)
        return unwrap(*args)

    monkeypatch.setattr(unlocking, "unlock_proving", held)
    dialog = UnlockDialog(str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.fields["username"], "ayse.admin")
    dialog.fields["password"].setText(PASSWORD)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert not ok.isEnabled() and dialog.busy.isVisible() and dialog.key is None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # a second OK while it waits
    release.set()
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.key == key and len(calls) == 1 and not dialog.busy.isVisible()


def test_wrong_password_stays_open_then_the_right_one_unlocks(qtbot, tmp_path):
    path, key, _admin, _tckn = make_laptop(tmp_path / "shelter.db")
    dialog = UnlockDialog(str(path))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.fields["username"], "ayse.admin")
    qtbot.keyClicks(dialog.fields["password"], "not-the-password")
    press_ok(qtbot, dialog)
    assert dialog.key is None and dialog.error.text() == "Wrong user name or password."
    dialog.fields["password"].setText(PASSWORD)  # Arabic letters: setText, not keyClicks
    press_ok(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.key == key and dialog.credentials == ("ayse.admin", PASSWORD)
    assert dialog.proof is not None and dialog.proof.password == PASSWORD  # see test_unlocking
    # the same name and password sign in without a second dialog
    db = open_database(str(path), key=dialog.key)

    def never(_dialog: QDialog) -> int:
        raise AssertionError("no second sign-in dialog")

    actor = identify(db, run=never, credentials=dialog.credentials)
    assert actor is not None and actor.username == "ayse.admin"
    db.dispose()


def test_recovery_key_unlocks_when_every_password_is_lost(qtbot, tmp_path, in_language):
    path, key, admin, _tckn = make_laptop(tmp_path / "shelter.db")
    db = open_database(str(path), key=key)
    recovery = encryption.new_recovery_key(db, admin)
    db.dispose()
    for language in ("tr", "ar"):
        in_language(language)
        dialog = UnlockDialog(str(path))
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.grab().save(f"/tmp/unlock_{language}.png")
        qtbot.mouseClick(dialog.recovery_button, Qt.MouseButton.LeftButton)
        assert not dialog.fields["password"].isVisible() and dialog.recovery.isVisible()
        dialog.grab().save(f"/tmp/unlock_recovery_{language}.png")
    in_language("en")
    qtbot.keyClicks(dialog.recovery, "AAAA" + recovery[4:])
    press_ok(qtbot, dialog)
    assert dialog.key is None and "recovery key" in dialog.error.text()
    assert dialog.focusWidget() is dialog.recovery  # typed again where it was, not hidden
    dialog.recovery.setText(recovery.lower())
    press_ok(qtbot, dialog)
    assert dialog.key == key and dialog.credentials is None and dialog.proof is None


def test_recovery_key_dialog_shows_and_prints_it(qtbot, tmp_path: Path, in_language):
    recovery = "2A64-6VVF-6XIY-UNSH-RJDX-7H75-5IKZ-5NFL"
    for language in ("tr", "ar"):
        in_language(language)
        dialog = RecoveryKeyDialog(recovery)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.key_label.text() == recovery
        dialog.grab().save(f"/tmp/recovery_key_{language}.png")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # a test prints to a PDF file
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "recovery.pdf"))
    dialog.document().print_(printer)
    from pypdf import PdfReader

    text = PdfReader(tmp_path / "recovery.pdf").pages[0].extract_text()
    assert recovery in text.replace(" ", "").replace("\n", "") or recovery in text


def test_conversion_dialog_encrypts_and_shows_its_steps(qtbot, tmp_path: Path, in_language):
    from encrypted_laptop import HEAD
    from factories import dwelling, office

    from shelter_app.ui.auth.encryption import ConversionDialog

    path = tmp_path / "shelter.db"
    db = open_database(str(path))
    dwelling(db, office(db), head_name=HEAD)
    db.dispose()
    for language in ("tr", "ar"):
        in_language(language)
        shown = ConversionDialog(str(path))
        qtbot.addWidget(shown)
        shown.show()
        shown.setValue(2)
        shown.grab().save(f"/tmp/conversion_{language}.png")
        shown.close()
    in_language("en")
    dialog = ConversionDialog(str(path))
    qtbot.addWidget(dialog)
    assert dialog.exec() == QDialog.DialogCode.Accepted and dialog.key is not None
    assert database_file.is_locked(str(path)) and dialog.value() == dialog.maximum()
