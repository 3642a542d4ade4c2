"""One case from registration to monitoring without leaving its dwelling file: each step is
taken from the file's own tabs, as the engineer and the supervisor would, and each step's
result is read back from what the file shows."""

import time

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from tests.ui.test_agreements_ui import submit
from tests.ui.test_boq_ui import opened, type_line
from tests.ui.test_labour_ui import settled
from tests.ui.test_case_forms import HEAD_TCKN, fill_case, press_enter

import photo_files
from shelter_app.domain import clock
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, BatchStatus, PhotoTag, Stage
from shelter_app.domain.works_check import WorkDone
from shelter_app.ui.agreements.forms import SignatureDialog
from shelter_app.ui.agreements.preview import ContractPreview
from shelter_app.ui.agreements.window import AgreementWindow
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.boq.editor import BoQEditor
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.formats import money
from shelter_app.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def summary(file: DwellingFileDialog, label: str) -> str:
    """The Summary's value on the row `label` (its link's text, not its markup), once the
    file's refresh after a change (read in a worker) shows."""
    refreshed(file)
    layout = file.summary
    for row in range(layout.rowCount()):
        if layout.itemAt(row, layout.ItemRole.LabelRole).widget().text() == label:
            text = layout.itemAt(row, layout.ItemRole.FieldRole).widget().text()
            return text.split(">", 1)[-1].split("<", 1)[0] if text.startswith("<a") else text
    raise AssertionError(f"no summary row {label}")


def refreshed(file: DwellingFileDialog) -> None:
    deadline = time.monotonic() + 10
    while file.refreshing:
        assert time.monotonic() < deadline, "the file's refresh never came"
        QTest.qWait(5)


def open_record(qtbot, tab) -> QDialog:
    """Select the tab's newest record and open its window with the Open… button."""
    tab.select_row(0)
    qtbot.mouseClick(tab.buttons["open"], LEFT)
    return tab.window_


def problems(form) -> dict[str, str]:
    """What a form says at its fields (shown when a step is refused)."""
    return {name: label.text() for name, label in form.messages.items() if label.text()}


def close(window: QDialog) -> None:
    """Close a record's window: the file behind it reloads."""
    window.done(QDialog.DialogCode.Rejected)


@pytest.mark.timeout(360)  # a whole case, two PDFs, a photo import: ~60 s on a busy machine
def test_one_case_from_registration_to_monitoring_in_its_file(
        qtbot, demo_db, engineer, supervisor, monkeypatch, tmp_path):
    # registration, on the cases page; Enter on the new row opens its file
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    page = window.dwellings
    qtbot.mouseClick(page.new_button, LEFT)
    fill_case(qtbot, page.register_dialog)
    press_enter(qtbot, page.register_dialog.landlord.phone)
    ref = page.register_dialog.refs.dwelling
    press_enter(qtbot, page.table)
    qtbot.waitUntil(lambda: any(file.isVisible() for file in page.findChildren(
        DwellingFileDialog)))  # read in a worker, shown on the turn after it is made
    (file,) = page.findChildren(DwellingFileDialog)
    assert summary(file, "Stage") == "Registered" and file.file.ref == ref

    # assessment, from the Assessments tab
    file.show_tab("assessments_tab")
    qtbot.mouseClick(file.assessments_tab.new_button, LEFT)
    form: AssessmentDialog = file.form
    qtbot.keyClicks(form.scores["walls_insulation"], "4")
    qtbot.keyClicks(form.notes["walls_insulation"], "No insulation on the north wall")
    qtbot.mouseClick(form.eligible, LEFT)
    qtbot.keyClicks(form.reason, "Cold walls, female-headed household")
    press_enter(qtbot, form.reason)
    assert form.result() == QDialog.DialogCode.Accepted, form.error.text()
    assert summary(file, "Stage") == "Assessed"
    assert file.assessments_tab.model.rowCount() == 1

    # the BoQ: drafted, priced and submitted from the BoQ tab
    file.show_tab("boq_tab")
    boqs = file.boq_tab
    qtbot.mouseClick(boqs.buttons["new"], LEFT)
    qtbot.waitUntil(lambda: "drafted" in boqs.message.text())  # written in a worker
    assert summary(file, "Stage") == "BoQ drafted"
    editor: BoQEditor = opened(qtbot, open_record(qtbot, boqs))
    type_line(qtbot, editor, "eps 8", "12,5")
    type_line(qtbot, editor, "boy-ic", "40")
    monkeypatch.setattr(BoQEditor, "confirm", lambda self, message: True)
    qtbot.mouseClick(editor.buttons["submit"], LEFT)
    close(editor)
    refreshed(file)
    assert boqs.model.row_at(0).status is ApprovalStatus.SUBMITTED

    # the supervisor approves it in the same file
    boss = DwellingFileDialog(demo_db, supervisor, file.file.id)
    qtbot.addWidget(boss)
    boss.show_tab("boq_tab")
    decider: BoQEditor = opened(qtbot, open_record(qtbot, boss.boq_tab))
    qtbot.mouseClick(decider.buttons["approve"], LEFT)
    close(decider)
    refreshed(boss)
    assert boss.boq_tab.model.row_at(0).status is ApprovalStatus.APPROVED
    assert summary(boss, "Stage") == "BoQ approved"

    # the agreement: prepared, printed, signed and activated from the Agreement tab
    file.refresh()
    refreshed(file)
    file.show_tab("agreement_tab")
    agreements = file.agreement_tab
    assert agreements.buttons["new"].isEnabled()
    qtbot.mouseClick(agreements.buttons["new"], LEFT)
    terms = agreements.window_

    def complete(landlord) -> bool:  # the landlord's ID, IBAN and address, from the form
        qtbot.keyClicks(landlord.id_number, make_tckn("412345678"))
        qtbot.keyClicks(landlord.iban, make_tr_iban("00010", "0000000012345678"))
        landlord.address.setPlainText("Gül Sokak 12, Şahinbey, Gaziantep")
        return submit(qtbot, landlord)

    terms.run = complete  # type: ignore[method-assign]
    qtbot.mouseClick(next(button for button in terms.findChildren(QPushButton)
                          if button.text() == "Complete…"), LEFT)
    terms.start.setDate(QDate(clock.today()))
    terms.term.setValue(12)
    qtbot.keyClicks(terms.rent, "6000,00")
    qtbot.keyClicks(terms.deposit, "6000")
    qtbot.keyClicks(terms.block, "1234")
    qtbot.keyClicks(terms.parcel, "56")
    assert submit(qtbot, terms), problems(terms)
    refreshed(file)
    assert "Draft" in agreements.summary.text()
    contract: AgreementWindow = open_record(qtbot, agreements)
    qtbot.mouseClick(contract.buttons["preview"], LEFT)
    qtbot.waitUntil(lambda: getattr(contract, "preview_dialog", None) is not None,
                    timeout=10_000)

    def to_file(self, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "agreement.pdf"))
        return True

    monkeypatch.setattr(ContractPreview, "ask_printer", to_file)
    qtbot.mouseClick(contract.preview_dialog.print_button, LEFT)
    scan = tmp_path / "signed.jpg"
    photo_files.photo(scan, seed=3)

    def sign(dialog: SignatureDialog) -> bool:
        monkeypatch.setattr(dialog, "ask_file", lambda: str(scan))
        dialog.choose()
        return submit(qtbot, dialog)

    monkeypatch.setattr(AgreementWindow, "run", lambda self, dialog: sign(dialog))
    qtbot.mouseClick(contract.buttons["sign"], LEFT)
    qtbot.mouseClick(contract.buttons["activate"], LEFT)
    assert contract.view.status is AgreementStatus.ACTIVE, contract.error.text()
    close(contract)
    refreshed(file)
    assert "Active" in agreements.summary.text()
    assert summary(file, "Stage") == "Agreement signed"  # moved by the signature
    stages = file.stage_bar  # the works start: the engineer says so on the Summary
    qtbot.mouseClick(stages.buttons[Stage.WORKS_IN_PROGRESS], LEFT)
    assert summary(file, "Stage") == "Works in progress", stages.message.text()

    # cash-for-work: a worker of the household, today's day, the week submitted
    file.show_tab("labour_tab")
    log = file.labour_tab.log
    settled(qtbot, log)  # the week is read in a worker
    qtbot.mouseClick(log.register_button, LEFT)
    worker = log.dialog
    worker.full_name.setText("Zeynep Kılıç")
    qtbot.keyClicks(worker.id_number, HEAD_TCKN)  # the head of the household works
    qtbot.keyClicks(worker.iban, make_tr_iban("00010", "0000000087654321"))
    qtbot.keyClicks(worker.work_permit_number, "2026-123456")  # under temporary protection
    qtbot.mouseClick(worker.ok_button, LEFT)
    settled(qtbot, log)
    assert log.model.rowCount() == 1, problems(worker)
    today = clock.today().weekday()
    log.view.setFocus()
    log.view.setCurrentIndex(log.model.index(0, today))
    qtbot.keyClick(log.view, Qt.Key.Key_F)
    settled(qtbot, log)  # the day is saved in a worker
    assert log.model.data(log.model.index(0, 7)) in ("1", "1.0"), log.message.text()
    qtbot.mouseClick(log.submit_button, LEFT)
    settled(qtbot, log)
    assert "Submitted" in log.timesheet_label.text()

    # the supervisor approves the timesheet and pays the month from the same tab
    boss.refresh()
    refreshed(boss)
    boss.show_tab("labour_tab")
    sheets = boss.labour_tab.timesheets
    qtbot.waitUntil(lambda: not boss.labour_tab.loading)  # read in a worker
    sheets.select_row(0)
    qtbot.mouseClick(sheets.buttons["approve"], LEFT)
    qtbot.waitUntil(lambda: not sheets.waiting)  # approved in a worker, the list read again
    assert "approved" in sheets.message.text()
    boss.labour_tab.lower.setCurrentWidget(boss.labour_tab.payments)
    pay = boss.labour_tab.payments
    assert pay.period.text() == f"{clock.today():%Y-%m}"  # the month of the site's timesheet
    assert pay.pending.text().startswith("1 approved timesheet")  # plural form: language
    pay.ask_reason = lambda title, prompt: "Works end before the month does"  # type: ignore
    qtbot.mouseClick(pay.build_button, LEFT)
    pay.ask_save_path = lambda name, fmt: str(tmp_path / name)  # type: ignore
    qtbot.mouseClick(pay.buttons["xlsx"], LEFT)
    qtbot.waitUntil(lambda: pay.selected().status is BatchStatus.EXPORTED, timeout=10_000)
    qtbot.mouseClick(pay.buttons["paid"], LEFT)
    assert pay.selected().status is BatchStatus.PAID
    boss.refresh()
    assert summary(boss, "Cash-for-work days").split(";")[0] in ("1", "1.0")
    assert boss.paid > 0 and money(boss.paid) in summary(boss, "Cash-for-work days")

    # completion: the final assessment checks the BoQ's lines and takes the after photos
    file.refresh()
    refreshed(file)
    file.show_tab("assessments_tab")
    qtbot.mouseClick(file.assessments_tab.new_button, LEFT)
    final: AssessmentDialog = file.form
    qtbot.keyClick(final.is_final, Qt.Key.Key_Space)
    qtbot.keyClicks(final.scores["roof"], "1")
    qtbot.mouseClick(final.eligible, LEFT)
    qtbot.keyClicks(final.reason, "Works finished")
    for combo, _note in final.works.values():
        combo.setCurrentIndex(combo.findData(WorkDone.DONE))
    photo_files.photo(tmp_path / "after.jpg", seed=7)
    final.after_photos.start_import([str(tmp_path / "after.jpg")])
    qtbot.waitUntil(lambda: not final.after_photos.busy, timeout=10_000)
    press_enter(qtbot, final.reason)
    assert final.result() == QDialog.DialogCode.Accepted, final.error.text()
    assert summary(file, "Stage") == "Completed"
    file.show_tab("photos_tab")
    sides = file.photos_tab.sides  # before and after side by side: no before photo was taken
    assert (sides[PhotoTag.BEFORE].rowCount(), sides[PhotoTag.AFTER].rowCount()) == (0, 1)

    # monitoring: the first visit, recorded from the Monitoring tab, then the stage
    file.show_tab("monitoring_tab")
    monitoring = file.monitoring_tab
    qtbot.waitUntil(lambda: not monitoring.loading)  # the agreement, read in a worker
    qtbot.mouseClick(monitoring.visit_button, LEFT)
    visit = monitoring.dialog
    visit.visited_on.setDate(QDate(clock.today()))
    qtbot.keyClicks(visit.notes, "The family lives there; the walls are dry.")
    assert submit(qtbot, visit), problems(visit)
    refreshed(file)
    qtbot.waitUntil(lambda: not monitoring.loading)
    facts = [label.text() for label in monitoring.findChildren(QWidget, "monitoringFact")]
    assert facts[2].startswith("1 of ")
    assert summary(file, "Stage") == "Monitored"  # moved by the first visit
    assert not stages.buttons  # the last stage: no next step
    file.show_tab("history_tab")  # every step above, in words
    qtbot.waitUntil(lambda: not file.history_tab.loading)
    history = file.history_tab.model
    what = {history.item(row, 2).text() for row in range(history.rowCount())}
    assert {f"dwelling {ref} created", f"bill of quantities {ref}-B1 changed"} <= what, what
