"""The sign-in that unlocks an encrypted laptop at start, and the recovery key shown once."""

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
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


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
