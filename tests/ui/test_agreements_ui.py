"""The agreement screens as an engineer uses them: prepare an agreement for a dwelling whose BoQ
is approved, preview and print it, record the signed scan and activate it; refusals at the
field; the day's list; many contracts printed in the background."""

import multiprocessing
import threading
from datetime import UTC, datetime, time
from io import BytesIO

import pytest
from agreement_cases import approved_dwelling
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QPushButton

from shelter_app.domain import clock
from shelter_app.domain.stages import AgreementStatus as S
from shelter_app.services.agreements import output
from shelter_app.services.agreements.lookup import agreement_view
from shelter_app.services.agreements.monitoring import today_list
from shelter_app.ui.agreements.forms import AgreementDialog, SignatureDialog
from shelter_app.ui.agreements.page import AgreementsPage
from shelter_app.ui.agreements.preview import ContractPreview
from shelter_app.ui.agreements.window import AgreementWindow
from shelter_app.ui.main_window import MainWindow


@pytest.fixture
def page(qtbot, demo_db, engineer):
    widget = AgreementsPage(demo_db, engineer)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    settle(qtbot, widget)
    return widget


def settle(qtbot, page: AgreementsPage) -> None:
    """Wait for the rows read in the background (the Today lists, the agreements)."""
    qtbot.waitUntil(lambda: not page.loading, timeout=5000)


def fill_agreement(qtbot, dialog: AgreementDialog, deposit: str = "15000") -> None:
    dialog.start.setDate(QDate(2026, 12, 1))
    dialog.term.setValue(24)
    qtbot.keyClicks(dialog.rent, "7500,00")
    assert not dialog.deposit.text()
    qtbot.keyClicks(dialog.deposit, deposit)
    dialog.rent_free.setValue(2)
    dialog.fixtures.setPlainText("Kombi, mutfak dolabı, 2 adet klima")
    qtbot.keyClicks(dialog.block, "1234")
    qtbot.keyClicks(dialog.parcel, "56")


def submit(qtbot, dialog: QDialog) -> bool:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return dialog.result() == QDialog.DialogCode.Accepted


def test_engineer_prepares_previews_prints_signs_and_activates(
        qtbot, page, demo_db, engineer, supervisor, monkeypatch, tmp_path, time_machine):
    ready = approved_dwelling(demo_db, engineer, supervisor)
    monkeypatch.setattr(AgreementsPage, "ask_dwelling",
                        lambda self, rows: next(row for row in rows if row.ref == ready))

    def run(self, dialog):
        fill_agreement(qtbot, dialog)
        assert dialog.end.text() == "30/11/2028"  # shown as the term is typed
        dialog.grab().save("/tmp/agreement_dialog.png")
        return submit(qtbot, dialog)

    monkeypatch.setattr(AgreementsPage, "run", run)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    window: AgreementWindow = page.window_
    qtbot.addWidget(window)
    number = window.number
    assert window.view.status is S.DRAFT and number.startswith("GAZ-2026-")
    settle(qtbot, page)
    assert number in [page.model.row_at(row).number for row in range(page.model.rowCount())]

    qtbot.mouseClick(window.buttons["preview"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "preview_dialog", None) is not None, timeout=10_000)
    preview: ContractPreview = window.preview_dialog
    assert preview.document.pageCount() >= 3
    image = preview.document.render(0, preview.document.pagePointSize(0).toSize())
    assert not image.isNull()

    printed = tmp_path / "printed.pdf"

    def to_file(self, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(72)
        return True

    monkeypatch.setattr(ContractPreview, "ask_printer", to_file)
    qtbot.mouseClick(preview.print_button, Qt.MouseButton.LeftButton)
    assert len(PdfReader(printed).pages) == preview.document.pageCount()
    assert window.view.status is S.PRINTED and not window.buttons["sign"].isHidden()

    scan = tmp_path / "imzali.jpg"
    picture = BytesIO()
    Image.new("RGB", (80, 110), "white").save(picture, "JPEG")
    scan.write_bytes(picture.getvalue())

    def sign(dialog: SignatureDialog) -> bool:
        monkeypatch.setattr(dialog, "ask_file", lambda: str(scan))
        dialog.choose()
        assert dialog.scan.text() == str(scan)
        return submit(qtbot, dialog)

    monkeypatch.setattr(AgreementWindow, "run", lambda self, dialog: sign(dialog))
    qtbot.mouseClick(window.buttons["sign"], Qt.MouseButton.LeftButton)
    assert window.view.status is S.SIGNED and window.view.signed_on == clock.today()
    assert not window.buttons["scan"].isHidden()
    qtbot.mouseClick(window.buttons["activate"], Qt.MouseButton.LeftButton)
    start = window.view.values.start_date
    if start > clock.today():  # not active before its start: refused, then on the day
        assert window.view.status is S.SIGNED and "starts on" in window.error.text()
        time_machine.move_to(datetime.combine(start, time(9), tzinfo=UTC))
        qtbot.mouseClick(window.buttons["activate"], Qt.MouseButton.LeftButton)
    assert window.view.status is S.ACTIVE
    assert window.visits.rowCount() == 7  # every three months over 24 months
    assert "7 monitoring visits" in window.error.text()
    window.grab().save("/tmp/agreement_window.png")
    assert agreement_view(demo_db, engineer, number).status is S.ACTIVE


def test_a_refused_value_shows_at_its_field_and_saves_nothing(qtbot, demo_db, engineer,
                                                              supervisor):
    ready = approved_dwelling(demo_db, engineer, supervisor)
    dialog = AgreementDialog(demo_db, engineer, mode="new", dwelling_ref=ready)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_agreement(qtbot, dialog, deposit="30000")  # four months' rent
    assert not submit(qtbot, dialog)
    message = dialog.messages["deposit"]
    assert not message.isHidden() and "TBK 342" in message.text()
    assert dialog.focusWidget() is dialog.deposit
    assert not dialog.result_number
    dialog.deposit.clear()
    qtbot.keyClicks(dialog.deposit, "22500")
    assert submit(qtbot, dialog) and dialog.result_number


def test_the_day_starts_with_terms_ending_and_visits_overdue(page, demo_db, engineer):
    found = today_list(demo_db, engineer)
    assert page.overdue.rowCount() == len(found.overdue) > 0
    assert page.ending.rowCount() == len(found.ending)
    assert f"overdue: {len(found.overdue)}" in page.overdue_label.text()
    page.grab().save("/tmp/agreements_page.png")


def test_many_contracts_print_in_the_background(qtbot, page, demo_db, monkeypatch, tmp_path):
    monkeypatch.setattr(AgreementsPage, "ask_folder", lambda self: str(tmp_path))
    monkeypatch.setattr(AgreementsPage, "inform", lambda self, title, message: None)
    page.status.setCurrentIndex(page.status.findData(S.PRINTED))
    settle(qtbot, page)
    expected = {page.model.row_at(row).number for row in range(page.model.rowCount())}
    assert expected
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hasattr(page, "batch_result"), timeout=20_000)
    assert {path.stem for path in tmp_path.glob("*.pdf")} == expected
    assert page.progress_dialog is None and page.batch_button.isEnabled()


def test_a_batch_in_worker_processes_shows_progress_and_cancels(qtbot, page, monkeypatch,
                                                               tmp_path):
    """Progress reaches the dialog while the workers render; its Cancel button stops them."""
    monkeypatch.setattr(output, "PER_WORKER", 1)  # worker processes even for a few contracts
    monkeypatch.setattr(output, "cores", lambda: 2)
    monkeypatch.setattr(AgreementsPage, "ask_folder", lambda self: str(tmp_path))
    monkeypatch.setattr(AgreementsPage, "inform", lambda self, title, message: None)
    page.status.setCurrentIndex(0)  # every agreement of the office
    first, clicked = threading.Event(), threading.Event()

    def hold_after_the_first(done: int, total: int, number: str) -> None:  # the batch's thread
        if done == 1:
            first.set()
            clicked.wait(30)

    page.progressed.connect(hold_after_the_first, Qt.ConnectionType.DirectConnection)
    qtbot.mouseClick(page.batch_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.is_set, timeout=60_000)
    qtbot.waitUntil(lambda: page.progress_dialog.value() == 1)
    total = page.progress_dialog.maximum()
    assert total > 8 and " of " in page.progress_dialog.labelText()
    page.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    clicked.set()
    qtbot.waitUntil(lambda: hasattr(page, "batch_result"), timeout=60_000)
    result = page.batch_result
    assert result.cancelled and 1 <= len(result.written) < total
    assert sorted(tmp_path.glob("*.pdf*")) == sorted(result.written)  # no partial file
    assert multiprocessing.active_children() == []  # the workers have ended


def test_the_main_window_shows_the_agreements_page(qtbot, demo_db, engineer, admin):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    assert isinstance(window.agreements, AgreementsPage)
    assert window.pages.indexOf(window.agreements) == window.page_titles().index("Agreements")
    admin_window = MainWindow(demo_db, admin)
    qtbot.addWidget(admin_window)
    assert admin_window.agreements.new_button.isHidden()
    assert admin_window.agreements.batch_button.isHidden()  # contracts carry IDs (KVKK)


def test_a_visit_finding_a_raise_marks_the_agreement_breached(qtbot, demo_db, engineer,
                                                              monkeypatch):
    from shelter_app.services.agreements.lookup import list_agreements

    number = next(row.number for row in list_agreements(demo_db, engineer, status=S.ACTIVE))
    window = AgreementWindow(demo_db, engineer, number)
    qtbot.addWidget(window)
    assert not window.visit_button.isHidden() and window.buttons["edit"].isHidden()
    warnings = []

    def visit(self, dialog):
        dialog.rent_paid.clear()
        qtbot.keyClicks(dialog.rent_paid, "99999")
        return submit(qtbot, dialog)

    monkeypatch.setattr(AgreementWindow, "run", visit)
    monkeypatch.setattr(AgreementWindow, "warn", lambda self, title, text: warnings.append(text))
    qtbot.mouseClick(window.visit_button, Qt.MouseButton.LeftButton)
    assert window.view.status is S.BREACHED and "raised" in warnings[0]
    assert not window.notice.isHidden() and "raised" in window.notice.text()
    assert window.visit_button.isHidden() and window.buttons["breach"].isHidden()


def test_terminating_asks_why_and_an_empty_reason_is_refused(qtbot, demo_db, engineer,
                                                             monkeypatch):
    from shelter_app.services.agreements.lookup import list_agreements

    number = next(row.number for row in list_agreements(demo_db, engineer, status=S.PRINTED))
    window = AgreementWindow(demo_db, engineer, number)
    qtbot.addWidget(window)
    monkeypatch.setattr(AgreementWindow, "ask_reason", lambda self, title, prompt: " ")
    qtbot.mouseClick(window.buttons["terminate"], Qt.MouseButton.LeftButton)
    assert window.view.status is S.PRINTED and "Say why" in window.error.text()
    monkeypatch.setattr(AgreementWindow, "ask_reason",
                        lambda self, title, prompt: "Ev sahibi vazgeçti.")
    qtbot.mouseClick(window.buttons["terminate"], Qt.MouseButton.LeftButton)
    assert window.view.status is S.TERMINATED and window.error.isHidden()


@pytest.mark.parametrize("width", [800, 1100, 1600])
def test_the_today_tables_leave_the_tenant_room_for_a_name(qtbot, demo_db, engineer, width):
    """The tenant's name takes the room the other columns leave, and when that is too little
    it keeps room for a name and the table scrolls sideways (it had 44 px in English); the
    name comes last, so the days before it show (the days late were scrolled out of sight)."""
    page = AgreementsPage(demo_db, engineer)
    qtbot.addWidget(page)
    page.resize(width, 700)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    for view in page.today_tables:
        header = view.horizontalHeader()
        last = header.count() - 1
        assert header.model().headerData(last, Qt.Orientation.Horizontal) == "Tenant"
        tenant, room = header.sectionSize(last), view.viewport().width()
        if width >= 1100:
            assert header.sectionPosition(last) <= room  # every column before it is in view
        assert tenant >= view.least() >= 100
        assert header.length() == room or (tenant == view.least() and header.length() > room)
    assert width < 1600 or header.length() == room


@pytest.fixture
def draft_window(qtbot, demo_db, engineer, supervisor) -> AgreementWindow:
    from agreement_cases import terms

    from shelter_app.services.agreements.agreements import create_agreement

    number = create_agreement(demo_db, engineer, approved_dwelling(demo_db, engineer, supervisor),
                              terms())
    window = AgreementWindow(demo_db, engineer, number)
    qtbot.addWidget(window)
    window.show()
    return window


def test_print_and_open_without_a_viewer_says_so_and_stays_a_draft(qtbot, draft_window,
                                                                   monkeypatch):
    from shelter_app.ui.agreements import window as module

    monkeypatch.setattr(module.QDesktopServices, "openUrl", lambda url: False)
    qtbot.mouseClick(draft_window.buttons["print"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: draft_window.buttons["print"].isEnabled(), timeout=10_000)
    assert "No program on this computer opened" in draft_window.error.text()
    assert draft_window.view.status is S.DRAFT


def test_a_printer_that_does_not_start_is_reported_and_the_status_stays(
        qtbot, draft_window, monkeypatch):
    from shelter_app.ui.agreements import preview as module

    qtbot.mouseClick(draft_window.buttons["preview"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(draft_window, "preview_dialog", None) is not None,
                    timeout=10_000)
    warned = []
    monkeypatch.setattr(ContractPreview, "ask_printer", lambda self, printer: True)
    monkeypatch.setattr(module, "print_pdf", lambda document, printer: 0)
    monkeypatch.setattr(module.QMessageBox, "warning",
                        lambda parent, title, text: warned.append(text))
    qtbot.mouseClick(draft_window.preview_dialog.print_button, Qt.MouseButton.LeftButton)
    assert warned and "nothing was printed" in warned[0]
    assert draft_window.view.status is S.DRAFT


def test_no_preview_appears_after_its_window_was_closed(qtbot, draft_window):
    qtbot.mouseClick(draft_window.buttons["preview"], Qt.MouseButton.LeftButton)
    draft_window.close()
    qtbot.waitUntil(lambda: draft_window.buttons["preview"].isEnabled(), timeout=10_000)
    assert getattr(draft_window, "preview_dialog", None) is None


def test_an_agreement_action_tells_the_lists(qtbot, draft_window):
    from shelter_app.ui.changes import hub

    with qtbot.waitSignal(hub().changed, timeout=1000):
        draft_window.mark_printed()
    assert draft_window.view.status is S.PRINTED


@pytest.mark.parametrize("code", ["tr", "ar"])
def test_the_window_keeps_an_iban_whole_and_values_aligned_in_arabic(
        qtbot, demo_db, engineer, supervisor, in_language, code, tmp_path):
    from agreement_cases import terms

    from shelter_app.services.agreements.agreements import create_agreement

    in_language(code)
    iban = "TR330006100519786457841326"
    number = create_agreement(demo_db, engineer, approved_dwelling(demo_db, engineer, supervisor),
                              terms(payment_iban=iban, rent_free_months=1))
    window = AgreementWindow(demo_db, engineer, number)
    qtbot.addWidget(window)
    window.show()
    grouped = "TR33\u00a00006\u00a01005\u00a01978\u00a06457\u00a08413\u00a026"
    payment = window.facts["payment"].text()
    term, rent = window.facts["term"].text(), window.facts["rent"].text()
    if code == "ar":  # each value a right-to-left paragraph; the IBAN isolated left to right
        assert f"\u2066{grouped}\u2069" in payment
        assert all(label.text().startswith("\u200f\u2068") for label in window.facts.values())
        assert "شهر واحد معفى" in rent and "1 أشهر" not in term + rent
    else:
        assert grouped in payment and "1 ay kirasız" in rent and "12 ay" in term
    window.grab().save(str(tmp_path / f"agreement-{code}.png"))


@pytest.mark.parametrize("code", ["tr", "en"])
def test_the_window_says_nothing_of_rent_free_months_when_there_are_none(
        qtbot, demo_db, engineer, supervisor, in_language, code):
    """"6.750,00 ₺, 0 ay kirasız", "₺6,750.00, 0 months rent-free": no month is no news."""
    from agreement_cases import terms

    from shelter_app.services.agreements.agreements import create_agreement
    from shelter_app.ui.formats import money

    in_language(code)
    number = create_agreement(demo_db, engineer, approved_dwelling(demo_db, engineer, supervisor),
                              terms(rent_free_months=0))
    window = AgreementWindow(demo_db, engineer, number)
    qtbot.addWidget(window)
    assert window.facts["rent"].text() == money(window.view.values.monthly_rent)


def test_the_landlord_form_shows_every_problem_after_one_save(qtbot, demo_db, engineer):
    from shelter_app.ui.agreements.forms import LandlordDialog

    dialog = LandlordDialog(demo_db, engineer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.id_number, "123")
    qtbot.keyClicks(dialog.iban, "TR00 bad")
    assert not submit(qtbot, dialog)
    shown = {name for name, label in dialog.messages.items() if label.text()}
    assert shown == {"name", "id_number", "iban", "address"}
    assert dialog.focusWidget() is dialog.name


def test_the_signature_form_shows_every_problem_after_one_save(qtbot, demo_db, engineer,
                                                               draft_window):
    from shelter_app.services.agreements.agreements import mark_printed

    mark_printed(demo_db, engineer, draft_window.number)
    dialog = SignatureDialog(demo_db, engineer, draft_window.number)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.signed_on.setDate(QDate(clock.today()).addDays(3))  # no scan, a day to come
    assert not submit(qtbot, dialog)
    shown = {name for name, label in dialog.messages.items() if label.text()}
    assert shown == {"scan", "signed_on"} and dialog.focusWidget() is dialog.scan
