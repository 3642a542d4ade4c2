"""The import dialog driven as a user would: a Turkish Excel CSV picked, its columns matched,
the rows previewed, imported once and not twice; cancelling; a missing required column."""

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox, QPushButton
from sqlalchemy import func, select

import import_files
from shelter_app.data.engine import Database
from shelter_app.data.models import Household
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.imports import runner
from shelter_app.ui.imports import dialog as dialog_module
from shelter_app.ui.imports.dialog import ImportDialog
from shelter_app.ui.language import install_language
from shelter_app.ui.main_window import MainWindow
from shelter_app.ui.screens import clipped, settle

NAMES = ("Şükrü İğdır", "Ayşe Çelik", "Gülşen Öztürk")
BAD_ID = "12345678901"  # check digits wrong


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    lines = [import_files.household_line(700 + n, name) for n, name in enumerate(NAMES)]
    lines.insert(2, import_files.household_line(0, "Hatice Kaya", id=BAD_ID))
    return import_files.turkish_csv(tmp_path / "hane listesi.csv", lines)


@pytest.fixture
def open_dialog(qtbot, demo_db: Database, engineer: Actor, monkeypatch: pytest.MonkeyPatch):
    """A dialog whose file dialogs answer with the paths a test gives, and whose closing
    message is kept instead of shown."""
    answers: dict[str, str] = {}
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (answers.pop("open", ""), ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (answers.pop("save", ""), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))

    def make() -> ImportDialog:
        dialog = ImportDialog(demo_db, engineer)
        qtbot.addWidget(dialog)
        dialog.answers = answers
        dialog.shown = shown
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return make


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pick_file(qtbot, dialog: ImportDialog, path: Path) -> None:
    dialog.answers["open"] = str(path)
    click(qtbot, dialog.file_step.browse_button)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.file_step.source is not None,
                    timeout=10_000)


def to_preview(qtbot, dialog: ImportDialog, path: Path) -> None:
    pick_file(qtbot, dialog, path)
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)  # the values
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)  # "Preview"
    qtbot.waitUntil(lambda: dialog.step() == dialog.PREVIEW, timeout=10_000)


def heads(db: Database) -> dict[str, str]:
    ids = [import_files.tckn(700 + n) for n in range(len(NAMES))] + [BAD_ID]
    with db.read() as session:
        return dict(session.execute(select(Household.head_id_number, Household.head_name).where(
            Household.head_id_number.in_(ids))).all())


def test_a_turkish_csv_is_matched_previewed_imported_once_and_skipped_the_second_time(
        qtbot, open_dialog, csv_file: Path, demo_db: Database, tmp_path: Path) -> None:
    install_language(QApplication.instance(), "en")  # English's plural forms, as the app runs
    dialog = open_dialog()
    assert not dialog.next_button.isEnabled()  # no file yet
    pick_file(qtbot, dialog, csv_file)
    step = dialog.file_step
    assert "4 rows and 10 columns" in step.summary.text()
    assert "Windows Turkish (cp1254)" in step.notices.text()
    assert step.encoding.currentText().startswith("Detected: Windows Turkish")
    assert step.separator.currentText() == "Detected: Semicolon (;)"

    click(qtbot, dialog.next_button)
    mapping = dialog.mapping_step.mapping()
    assert mapping["head_name"] == "Adı Soyadı" and mapping["id_number"] == "TC Kimlik No"
    assert mapping["consent_on"] == "Rıza Tarihi"
    assert mapping["members.female_18_59"] == "Kadın 18-59"
    assert dialog.mapping_step.table.item(0, 1 + 1).text() == NAMES[0]  # the example
    assert dialog.mapping_step.message.isHidden()
    assert dialog.mapping_step.table.item(0, 3).text() == "the column is called “adı soyadı”"

    click(qtbot, dialog.next_button)
    assert dialog.step() == dialog.VALUES
    assert dialog.values_step.values()["protection_status"] == {
        "Geçici koruma": "temporary_protection"}
    assert dialog.values_step.scale_box.isHidden()
    click(qtbot, dialog.next_button)
    assert dialog.options_step.attachments.text() == str(tmp_path)
    assert dialog.next_button.text() == "Preview"
    click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.step() == dialog.PREVIEW, timeout=10_000)
    preview = dialog.preview_step
    assert preview.counts.text().startswith("3 new rows, 0 updated, 0 unchanged, 0 skipped")
    assert "1 rejected" in preview.counts.text()
    model = preview.model
    assert model.rowCount() == 4
    rejected = model.outcome(2)
    assert (rejected.number, rejected.status) == (4, runner.Status.REJECTED)
    assert model.index(2, model.STATUS).data() == "rejected"
    assert model.index(2, model.NAME).data() == "Hatice Kaya"
    assert model.index(2, model.MESSAGE).data().startswith("The check digits of TC Kimlik No")
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, model.RECORD).data().startswith("GAZ-H-")
    preview.only_problems.click()
    assert model.rowCount() == 1 and model.outcome(0).number == 4
    preview.table.setCurrentIndex(model.index(0, 0))
    assert preview.detail.text().startswith("Row 4: The check digits of TC Kimlik No")
    assert heads(demo_db) == {}  # the preview saved nothing

    dialog.answers["save"] = str(tmp_path / "rapor.csv")
    click(qtbot, preview.report_button)
    report = (tmp_path / "rapor.csv").read_text(encoding="utf-8-sig")
    assert "Hatice Kaya" in report and "check digits" in report
    assert preview.report_status.text().startswith("Wrote 1 row to ")

    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.saved, timeout=10_000)  # stays open for the report
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert preview.counts.text().startswith("3 new")
    assert "save the report" in preview.note.text()
    assert not dialog.import_button.isEnabled() and not dialog.back_button.isEnabled()
    assert dialog.close_button.text() == "Close"
    assert sorted(heads(demo_db).values()) == sorted(NAMES)  # Turkish letters intact

    again = open_dialog()
    to_preview(qtbot, again, csv_file)
    assert again.preview_step.counts.text().startswith("0 new rows, 0 updated, 0 unchanged, "
                                                       "3 skipped")
    assert "already registered as GAZ-H-" in again.preview_step.model.outcome(0).message
    click(qtbot, again.import_button)
    qtbot.waitUntil(lambda: again.saved, timeout=10_000)
    assert again.preview_step.counts.text().startswith("0 new")
    assert len(heads(demo_db)) == 3


def household_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Household))


def cancel_when_asked(qtbot, dialog: ImportDialog, started: threading.Event) -> None:
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: dialog._progress is not None and dialog._progress.isVisible(),
                    timeout=3000)
    click(qtbot, dialog._progress.findChild(QPushButton))  # the progress dialog's Cancel
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def test_cancel_during_preview_and_import_leaves_the_database_unchanged(
        qtbot, open_dialog, csv_file: Path, demo_db: Database,
        monkeypatch: pytest.MonkeyPatch) -> None:
    started = threading.Event()

    def slow_import(*args, cancelled, **kwargs):  # runs until the user cancels
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return runner.run_import(*args, cancelled=cancelled, **kwargs)

    before = household_count(demo_db)
    dialog = open_dialog()
    to_preview(qtbot, dialog, csv_file)
    monkeypatch.setattr(dialog_module, "run_import", slow_import)
    click(qtbot, dialog.import_button)
    cancel_when_asked(qtbot, dialog, started)
    assert dialog.status.text() == "Cancelled; nothing was saved."
    assert dialog.step() == dialog.PREVIEW and dialog.isVisible()
    assert household_count(demo_db) == before

    started.clear()
    click(qtbot, dialog.back_button)
    click(qtbot, dialog.next_button)  # the preview again, cancelled this time
    cancel_when_asked(qtbot, dialog, started)
    assert dialog.step() == dialog.OPTIONS
    assert dialog.status.text() == "Cancelled; nothing was saved."
    assert household_count(demo_db) == before


def test_a_missing_required_column_blocks_next_until_one_is_chosen(
        qtbot, open_dialog, tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_bytes("\ufeffAdı Soyadı;TC Kimlik No;Uyruk;Koruma Statüsü;Onay\r\n"
                     f"Ayşe Çelik;{import_files.tckn(9)};Suriye;Geçici koruma;"
                     "03.11.2026\r\n".encode())
    dialog = open_dialog()
    pick_file(qtbot, dialog, path)
    assert dialog.file_step.notices.isHidden()  # UTF-8 with BOM: nothing guessed
    click(qtbot, dialog.next_button)
    step = dialog.mapping_step
    assert not dialog.next_button.isEnabled()
    assert step.message.text() == "Choose a column for: Consent date."
    consent = [field.key for field in step.kind.fields].index("consent_on")
    step.combos[consent].setCurrentIndex(step.combos[consent].findText("Onay"))
    assert dialog.next_button.isEnabled() and step.message.isHidden()
    assert step.table.item(consent, step.EXAMPLE).text() == "03.11.2026"

    dialog.answers["save"] = str(tmp_path / "eşleme.json")
    click(qtbot, step.save_button)
    step.combos[0].setCurrentIndex(0)  # "— not imported —"
    assert not dialog.next_button.isEnabled()
    assert step.message.text() == "Choose a column for: Head of household."
    phone = [field.key for field in step.kind.fields].index("phone")
    step.combos[phone].setCurrentIndex(step.combos[phone].findText("Onay"))
    assert "The column 'Onay' fills Consent date, Phone" in step.message.text()
    dialog.answers["open"] = str(tmp_path / "eşleme.json")
    click(qtbot, step.load_button)
    assert step.mapping()["consent_on"] == "Onay" and dialog.next_button.isEnabled()


def test_a_wrong_encoding_chosen_by_the_user_is_explained(qtbot, open_dialog,
                                                         csv_file: Path) -> None:
    dialog = open_dialog()
    pick_file(qtbot, dialog, csv_file)
    step = dialog.file_step
    step.encoding.setCurrentIndex(step.encoding.findData("utf-8"))
    step.encoding.activated.emit(step.encoding.currentIndex())
    qtbot.waitUntil(lambda: not dialog.busy and step.source is None, timeout=10_000)
    assert "hane listesi.csv" in step.error.text() and not dialog.next_button.isEnabled()
    assert step.encoding.isEnabled()  # to choose another one
    step.encoding.setCurrentIndex(step.encoding.findData("cp1254"))
    step.encoding.activated.emit(step.encoding.currentIndex())
    qtbot.waitUntil(lambda: not dialog.busy and step.source is not None, timeout=10_000)
    assert step.error.isHidden() and dialog.next_button.isEnabled()


def test_the_list_may_be_on_another_sheet_of_the_workbook(qtbot, open_dialog,
                                                          tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Açıklama"
    book.active.append(["Hazırlayan", "Saha ekibi"])
    sheet = book.create_sheet("Haneler")
    for line in [import_files.HOUSEHOLD_HEADER, import_files.household_line(90, "Şükrü Öz")]:
        sheet.append(line.split(";"))
    book.save(tmp_path / "liste.xlsx")
    dialog = open_dialog()
    pick_file(qtbot, dialog, tmp_path / "liste.xlsx")
    step = dialog.file_step
    assert step.form.isRowVisible(step.sheet) and not dialog.next_button.isEnabled()
    step.sheet.setCurrentIndex(1)
    step.sheet.activated.emit(1)
    assert "“Haneler”" in step.summary.text() and dialog.next_button.isEnabled()
    click(qtbot, dialog.next_button)
    assert dialog.mapping_step.mapping()["head_name"] == "Adı Soyadı"


def test_the_main_window_offers_the_import_to_those_who_edit_cases(qtbot, demo_db, engineer,
                                                                   admin) -> None:
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    reloaded = []
    window.dwellings.model.modelReset.connect(lambda: reloaded.append(True))
    dialog.imported.emit(None)
    qtbot.waitUntil(lambda: reloaded == [True])  # the list is read again in a worker
    dialog.reject()
    other = MainWindow(demo_db, admin)
    qtbot.addWidget(other)
    assert "import_action" not in other.__dict__


@pytest.fixture
def restore_language() -> Iterator[None]:
    app = QApplication.instance()
    yield
    install_language(app, "en")


@pytest.mark.parametrize("code", ["en", "tr", "ar"])
def test_every_step_fits_in_every_language(qtbot, open_dialog, csv_file: Path, code,
                                               restore_language) -> None:
    install_language(QApplication.instance(), code)
    dialog = open_dialog()
    problems = []
    for number in range(5):
        if number == 1:
            pick_file(qtbot, dialog, csv_file)
            dialog.grab().save(f"/tmp/import_step_0b_{code}.png")
        if number:
            click(qtbot, dialog.next_button)
        qtbot.waitUntil(lambda n=number: dialog.step() == n and not dialog.busy,
                        timeout=10_000)
        settle(30)
        if number == 4:
            dialog.preview_step.table.setCurrentIndex(dialog.preview_step.model.index(2, 0))
        dialog.grab().save(f"/tmp/import_step_{number}_{code}.png")
        problems += [f"step {number}: {text}" for text in clipped(dialog, headers=False)]
    assert dialog.isRightToLeft() == (code == "ar")
    assert problems == []


def test_a_kobo_export_with_its_photos_imports_with_the_scale_said_in_the_values_step(
        qtbot, open_dialog, demo_db: Database, tmp_path: Path) -> None:
    """Kobo's XLSX with XML names: cases first, then the assessments, whose condition scale
    (numbers) is refused until its direction is said; rooms bring their photos."""
    from kobo_exports import kobo_attachments, kobo_xlsx

    from shelter_app.data.models import Assessment, Photo

    path = kobo_xlsx(tmp_path / "konut.xlsx")
    kobo_attachments(tmp_path)
    dialog = open_dialog()
    pick_file(qtbot, dialog, path)
    dialog.file_step.kind.setCurrentIndex(dialog.file_step.kind.findData("cases"))
    click(qtbot, dialog.next_button)
    step = dialog.mapping_step
    assert step.mapping()["protection_status"] == "household/legal_status"
    row = [field.key for field in step.kind.fields].index("protection_status")
    assert "legal_status" in step.table.item(row, step.WHY).text()
    click(qtbot, dialog.next_button)
    values = dialog.values_step.values()
    assert values["province"] == {"sanliurfa": "Şanlıurfa", "gaziantep": "Gaziantep"}
    assert values["protection_status"]["citizen"] == "host_community"
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.step() == dialog.PREVIEW, timeout=10_000)
    assert dialog.preview_step.counts.text().startswith("3 new")
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.saved, timeout=10_000)

    dialog = open_dialog()
    pick_file(qtbot, dialog, path)
    dialog.file_step.kind.setCurrentIndex(dialog.file_step.kind.findData("assessments"))
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    values_step = dialog.values_step
    assert values_step.isVisible() and values_step.scale_box.isVisible()
    assert values_step.values()["condition.roof"] == {"1": "", "3": "", "2": ""}
    assert "1 values" not in values_step.message.text() and values_step.message.isVisible()
    click(qtbot, values_step.worst_first)
    assert values_step.values()["condition.roof"] == {"1": "4", "3": "2", "2": "3"}
    assert "1 → 4" in values_step.direction.text()
    dialog.grab().save(str(tmp_path / "values.png"))
    click(qtbot, dialog.next_button)
    click(qtbot, dialog.next_button)
    qtbot.waitUntil(lambda: dialog.step() == dialog.PREVIEW, timeout=10_000)
    counts = dialog.preview_step.counts.text()
    assert counts.startswith("3 new") and "oda3.jpg" in counts
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.saved, timeout=20_000)
    assert "3 photos imported, 1 photo not found." in dialog.preview_step.counts.text()
    with demo_db.read() as session:
        captions = session.scalars(select(Photo.caption).join(
            Assessment, Assessment.id == Photo.assessment_id)).all()
    assert sorted(captions) == ["Salon", "Yatak odası", "Yatak odası"]


def test_a_row_whose_id_is_on_another_record_is_imported_only_after_a_supervisor_confirms(
        qtbot, open_dialog, demo_db: Database, tmp_path: Path, monkeypatch) -> None:
    from shelter_app.data.models import AuditEvent, Landlord
    from shelter_app.ui.forms import SupervisorDialog
    from shelter_app.demo.programme import DEMO_PASSWORD

    with demo_db.read() as session:
        number, ref = session.execute(select(Landlord.id_number, Landlord.ref).where(
            Landlord.id_number.is_not(None), Landlord.ref.startswith("GAZ"))).first()
    path = import_files.turkish_csv(tmp_path / "hane.csv", [
        import_files.household_line(700, NAMES[0]),
        import_files.household_line(0, "Aynı Kişi", id=number)])
    dialog = open_dialog()
    to_preview(qtbot, dialog, path)
    preview = dialog.preview_step
    assert preview.model.outcome(1).message.startswith(
        f"Needs a supervisor: This ID number is already registered as {ref}.")
    assert preview.supervisor_button.isVisible()

    def sign(supervisor: SupervisorDialog) -> int:  # at the engineer's laptop
        supervisor.show()
        qtbot.keyClicks(supervisor.reason, "The landlord rents a flat himself")
        qtbot.keyClicks(supervisor.username, "supervisor.gaz")
        supervisor.password.setText(DEMO_PASSWORD)
        qtbot.keyClick(supervisor.password, Qt.Key.Key_Return)
        return supervisor.result()

    monkeypatch.setattr(SupervisorDialog, "exec", sign)
    click(qtbot, preview.supervisor_button)
    qtbot.waitUntil(lambda: not dialog.busy and preview.counts.text().startswith("2 new"),
                    timeout=10_000)
    assert not preview.supervisor_button.isVisible()
    assert "confirmed by supervisor supervisor.gaz" in preview.model.outcome(1).message
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.saved, timeout=10_000)
    with demo_db.read() as session:
        reason = session.scalar(select(AuditEvent.reason).join(
            Household, Household.id == AuditEvent.entity_id).where(
            Household.head_id_number == number))
    assert reason.endswith("confirmed by supervisor supervisor.gaz: The landlord rents a flat "
                           "himself")


def test_the_previews_row_numbers_stand_at_the_end_as_numbers_do():
    """Row "2" and "3" stood at the start of their column, unlike every other number."""
    from shelter_app.ui.formats import END_ALIGNED
    from shelter_app.ui.imports.preview_model import ImportPreviewModel

    model = ImportPreviewModel()
    model.set_result(runner.ImportResult("households", [
        runner.RowOutcome(2, runner.Status.NEW, ref="GAZ-H-000011"),
        runner.RowOutcome(3, runner.Status.REJECTED, message="TC Kimlik No")], committed=False))
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, model.ROW).data() == "2"
    assert model.index(1, model.ROW).data(alignment) == END_ALIGNED
    assert model.index(1, model.NAME).data(alignment) is None  # text keeps the start
