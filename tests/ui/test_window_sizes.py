"""Every main window and dialog fits a 1366×768 laptop (728 px above the task bar, less the
title bar) in Turkish and Arabic, can be resized and made smaller, and shows none of its text
cut at that size (issue 21, item 6); every button has a mnemonic, none clashing (item 5). Each
is grabbed to PNG for a person to look at."""

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import photo_files
import pytest
from agreement_cases import approved_dwelling
from factories import assessed_dwelling
from PySide6.QtWidgets import QPushButton, QStackedWidget, QWidget

from shelter_app.services.agreements.lookup import list_agreements
from shelter_app.services.boq import boq as boq_service
from shelter_app.ui.grabbing import loaded
from shelter_app.ui.screens import clipped, settle

SCREEN_WIDTH, SCREEN_HEIGHT = 1366, 728
TITLE_BAR = 32  # the window manager's frame above the window's content
SHOTS = Path("/tmp/forms21-screens")


def _main_window(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.main_window import MainWindow

    return MainWindow(db, engineer)


def _dwelling_file(db, engineer, supervisor) -> QWidget:
    from shelter_app.services.cases.dwellings import search_dwellings
    from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

    return DwellingFileDialog(db, engineer, search_dwellings(db, "GAZ-D")[0].id)


def _new_case(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.households.dialogs import RegisterCaseDialog

    return RegisterCaseDialog(db, engineer)


def _assessment(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.assessments.form import AssessmentDialog

    return AssessmentDialog(db, engineer, assessed_dwelling(db))


def _boq_editor(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.boq.editor import BoQEditor

    return BoQEditor(db, engineer, boq_service.create_boq(db, engineer, assessed_dwelling(db)).id)


def _agreement_form(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.agreements.forms import AgreementDialog

    return AgreementDialog(db, engineer, mode="new",
                           dwelling_ref=approved_dwelling(db, engineer, supervisor))


def _agreement_window(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.agreements.window import AgreementWindow

    return AgreementWindow(db, engineer, list_agreements(db, engineer)[0].number)


def _import(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.imports.dialog import ImportDialog

    return ImportDialog(db, engineer)


def _landlord(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.agreements.forms import LandlordDialog

    return LandlordDialog(db, engineer)


def _signature(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.agreements.forms import SignatureDialog

    return SignatureDialog(db, engineer, list_agreements(db, engineer)[0].number)


def _visit(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.agreements.forms import VisitDialog

    return VisitDialog(db, engineer, list_agreements(db, engineer)[0].number, "7500,00")


def _worker(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.labour.worker_dialog import WorkerDialog

    return WorkerDialog(db, engineer, "GAZ-H-000001")


def _member(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.households.members import MemberDialog

    return MemberDialog(db, engineer, "GAZ-H-000001", None)


def _supervisor(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.forms import SupervisorDialog

    return SupervisorDialog(db, engineer)


def _add_office(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.accounts.offices_page import AddOfficeDialog

    return AddOfficeDialog(db, engineer)


def _add_user(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.accounts.users_page import AddUserDialog

    return AddUserDialog(db, engineer)


def _pdf_preview(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.pdf_preview import PdfPreviewDialog

    return PdfPreviewDialog(Path("agreement.pdf"), "GAZ-S-000001")


def _contract_preview(db, engineer, supervisor) -> QWidget:
    from shelter_app.services.agreements.output import print_contract
    from shelter_app.ui.agreements.preview import ContractPreview

    number = list_agreements(db, engineer)[0].number
    path = Path(tempfile.mkdtemp()) / f"{number}.pdf"
    print_contract(db, engineer, number, path)
    return ContractPreview(path, number)


def _photos(db, engineer) -> list:
    """Three camera photos of the first dwelling, before, during and after, each captioned and
    tied to the component it shows, as an engineer leaves them."""
    from datetime import datetime

    from shelter_app.domain.stages import PhotoTag
    from shelter_app.services.cases.dwellings import search_dwellings
    from shelter_app.services.photos.photos import import_photos, list_photos, update_photo

    dwelling = search_dwellings(db, "GAZ-D-000001")[0].id
    folder = Path(tempfile.mkdtemp())
    for day, (tag, caption, component) in enumerate((
            (PhotoTag.BEFORE, "Salon penceresi kırık, çerçeve çürümüş", "windows"),
            (PhotoTag.DURING, "Yeni PVC çerçeve takılırken", "windows"),
            (PhotoTag.AFTER, "Yeni PVC pencere, salon, çift cam", "windows")), start=3):
        path = photo_files.photo(folder / f"IMG_2026050{day}_143012.jpg", seed=day, tag=tag,
                                 size=(1600, 1200), taken_at=datetime(2026, 5, day, 14, 30))
        photo = import_photos(db, engineer, dwelling, [path], tag=tag, workers=0)[0].photo_id
        update_photo(db, engineer, photo, tag=tag, caption=caption, component=component)
    shutil.rmtree(folder)
    return list_photos(db, engineer, dwelling)


def _photo_viewer(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.photos.viewer import PhotoViewer

    return PhotoViewer(db, _photos(db, engineer), 0)


def _before_after(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.photos.viewer import BeforeAfterDialog

    return BeforeAfterDialog(db, _photos(db, engineer))


def _photo_details(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.photos.panel import PhotoDetailsDialog

    return PhotoDetailsDialog(db, engineer, _photos(db, engineer)[-1])


def _bar_cases(db, engineer, supervisor) -> QWidget:
    """The cases behind the Registered part of Gaziantep's bar of the stages chart."""
    from shelter_app.services.reports.cases import Bar
    from shelter_app.ui.reports.cases import BarCasesDialog

    return BarCasesDialog(db, engineer, Bar("stages", "GAZ", "registered"), office=None,
                          first=None, last=None)


def _first_start(db, engineer, supervisor) -> QWidget:
    """The first start's two enrol forms, each with the message a refusal leaves under it
    (the code was forgotten in both)."""
    from shelter_app.ui.sync.enrol import StartDialog

    dialog = StartDialog(db)
    dialog.form.server_url.setText("https://sync.barinak-programi.org.tr")
    dialog.form.enrol_button.click()
    dialog.usb.package.setText("/media/muhendis/USB/gaziantep-laptop-4.shelter-sync")
    dialog.usb.import_button.click()
    return dialog


def _conversion(db, engineer, supervisor) -> QWidget:
    from shelter_app.ui.auth.encryption import ConversionDialog

    dialog = ConversionDialog("shelter.db")
    dialog.setValue(2)
    return dialog


def _office(db, engineer):
    from shelter_app.services.accounts.offices import list_offices

    return list_offices(db, engineer)[0]


def _user(db):
    from shelter_app.services.accounts.auth import SYSTEM, list_users

    return list_users(db, SYSTEM)[0]


def _small_dialogs() -> dict[str, Callable[..., QWidget]]:
    """The other dialogs of the app, each as it opens."""
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.ui.accounts import offices_page, users_page
    from shelter_app.ui.agreements.page import LandlordsDialog
    from shelter_app.ui.auth import dialogs, encryption
    from shelter_app.ui.crash import CrashDialog
    from shelter_app.ui.households import dialogs as cases
    from shelter_app.ui.photos.panel import ImportSummaryDialog

    return {
        "edit-household": lambda db, e, s: cases.EditHouseholdDialog(db, e, "GAZ-H-000001"),
        "edit-dwelling": lambda db, e, s: cases.EditDwellingDialog(db, e, "GAZ-D-000001"),
        "landlords": lambda db, e, s: LandlordsDialog(db, e),
        "rename-office": lambda db, e, s: offices_page.RenameOfficeDialog(
            db, SYSTEM, _office(db, e)),
        "budget": lambda db, e, s: offices_page.BudgetDialog(db, SYSTEM, _office(db, e)),
        "reset-password": lambda db, e, s: users_page.ResetPasswordDialog(db, SYSTEM,
                                                                          _user(db)),
        "role-office": lambda db, e, s: users_page.RoleOfficeDialog(db, SYSTEM, _user(db)),
        "sign-in": lambda db, e, s: dialogs.SignInDialog(db),
        "change-password": lambda db, e, s: dialogs.ChangePasswordDialog(db, e),
        "unlock": lambda db, e, s: encryption.UnlockDialog("shelter.db"),
        "recovery-key": lambda db, e, s: encryption.RecoveryKeyDialog(
            "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567"),
        "crash": lambda db, e, s: CrashDialog("Traceback (most recent call last): …",
                                              "/home/user/.local/state/shelter_app/log"),
        "photo-import": lambda db, e, s: ImportSummaryDialog("3 imported, 1 refused", []),
    }


WINDOWS: dict[str, Callable[..., QWidget]] = {
    "main-window": _main_window, "dwelling-file": _dwelling_file, "new-case": _new_case,
    "assessment": _assessment, "boq-editor": _boq_editor, "agreement-form": _agreement_form,
    "agreement-window": _agreement_window, "import": _import, "landlord": _landlord,
    "signature": _signature, "visit": _visit, "worker": _worker, "member": _member,
    "supervisor": _supervisor, "add-office": _add_office, "add-user": _add_user,
    "pdf-preview": _pdf_preview, "contract-preview": _contract_preview,
    "photo-viewer": _photo_viewer, "before-after": _before_after,
    "photo-details": _photo_details, "bar-cases": _bar_cases, "first-start": _first_start,
    "conversion": _conversion, **_small_dialogs()}


@pytest.mark.parametrize("language", ["tr", "ar"])
@pytest.mark.parametrize("name", list(WINDOWS))
def test_each_window_fits_a_laptop_screen_with_nothing_cut(qtbot, in_language, demo_db,
                                                           engineer, supervisor, name,
                                                           language):
    in_language(language)
    window = WINDOWS[name](demo_db, engineer, supervisor)
    qtbot.addWidget(window)
    window.show()
    settle(50)
    loaded(window)
    _fits(name, window, language)


def _fits(name: str, window: QWidget, language: str) -> None:
    """`window` opens within the laptop's room, can be made as big as it, and shows no text
    cut there (grabbed to PNG)."""
    room = (SCREEN_WIDTH, SCREEN_HEIGHT - TITLE_BAR)
    assert window.width() <= room[0] and window.height() <= room[1], (name, window.size())
    smallest = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert smallest.width() <= room[0] and smallest.height() <= room[1], (name, smallest)
    assert window.maximumSize() != smallest, name  # resizable: not fixed at its smallest
    window.resize(*room)  # as big as the laptop allows: nothing cut
    settle(50)
    SHOTS.mkdir(exist_ok=True)
    window.grab().save(str(SHOTS / f"{language}-{name}.png"))
    assert clipped(window, headers=False) == [], name


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_each_page_of_the_first_run_wizard_fits_with_nothing_cut(qtbot, in_language, db,
                                                                 language):
    """On the empty database it is for: the programme, two offices planned, the
    administrator."""
    from PySide6.QtWidgets import QWizard

    from shelter_app.ui.auth.first_run import FirstRunWizard

    in_language(language)
    wizard = FirstRunWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    settle(50)
    _fits("first-run-programme", wizard, language)
    wizard.button(QWizard.WizardButton.NextButton).click()
    page = wizard.offices
    assert wizard.currentPage() is page
    for province in ("Gaziantep", "Şanlıurfa"):
        page.office.province.setCurrentIndex(page.office.province.findText(province))
        page.add_button.click()
    assert page.list.count() == 2
    _fits("first-run-offices", wizard, language)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentPage() is wizard.administrator
    wizard.administrator.full_name.setText("Ayşe Yönetici")
    _fits("first-run-administrator", wizard, language)


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_the_cases_behind_a_bar_show_whole_references_as_they_open(qtbot, in_language, demo_db,
                                                                    engineer, supervisor,
                                                                    language):
    in_language(language)
    dialog = _bar_cases(demo_db, engineer, supervisor)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(50)
    assert dialog.model.rowCount() > 0
    table = dialog.table
    for column in range(2):  # the reference and the stage
        assert table.columnWidth(column) >= table.sizeHintForColumn(column), column


@pytest.fixture
def mnemonics_given(qapp) -> None:
    """As the app gives them (tests/conftest.py takes the filter out after the test)."""
    from shelter_app.ui import mnemonics

    mnemonics.install(qapp)


def _views(window: QWidget) -> Iterator[str]:
    """Each page of each tab or stacked widget of `window` in turn (the window first)."""
    yield "window"
    for stack in window.findChildren(QStackedWidget):
        for index in range(stack.count()):
            if stack.isVisibleTo(window):
                stack.setCurrentIndex(index)
                settle(10)
                yield f"{stack.objectName()} {index}"


@pytest.mark.parametrize("language", ["tr", "ar"])
@pytest.mark.parametrize("name", list(WINDOWS))
def test_each_button_has_a_mnemonic_and_no_two_clash(qtbot, in_language, demo_db, engineer,
                                                     supervisor, mnemonics_given, name,
                                                     language):
    from shelter_app.ui.mnemonics import mnemonic, taken

    in_language(language)
    window = WINDOWS[name](demo_db, engineer, supervisor)
    qtbot.addWidget(window)
    window.show()
    settle(50)
    for view in _views(window):
        letters = taken(window)
        assert len(letters) == len(set(letters)), (view, sorted(letters))
        bare = [button.text() for button in window.findChildren(QPushButton)
                if button.window() is window and button.isVisibleTo(window)
                and any(char.isalnum() for char in button.text())  # "+" has Ctrl++ instead
                and not mnemonic(button.text())]
        assert bare == [], view


def test_a_button_renamed_or_shown_after_its_window_gets_a_mnemonic(qtbot, in_language,
                                                                    demo_db, engineer,
                                                                    mnemonics_given):
    """"Save" becomes "Save anyway" after a warning, and the supervisor's button appears after a
    refusal: both get a free letter without the window being shown again."""
    from shelter_app.ui.households.dialogs import RegisterCaseDialog
    from shelter_app.ui.mnemonics import mnemonic, taken

    in_language("tr")
    form = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(form)
    form.show()
    settle(50)
    assert mnemonic(form.ok_button.text())
    form.ok_button.setText("Yine de kaydet")
    form.supervisor_button.setText("Süpervizör onayı…")  # (its written & removed)
    form.supervisor_button.show()
    qtbot.waitUntil(lambda: bool(mnemonic(form.ok_button.text()))
                    and bool(mnemonic(form.supervisor_button.text())), timeout=2000)
    letters = taken(form)
    assert len(letters) == len(set(letters)), sorted(letters)


def test_the_buttons_of_a_tab_built_when_first_shown_get_mnemonics(qtbot, mnemonics_given):
    """The giver watches window activation, stacked pages and buttons, not every event of the
    application: a page built after its window was given (ui/lazy_tabs.py) gets its letters
    when it shows, none taken twice."""
    from PySide6.QtWidgets import QDialog, QVBoxLayout

    from shelter_app.ui.lazy_tabs import LazyTabs
    from shelter_app.ui.mnemonics import mnemonic, taken

    def page() -> QWidget:
        built = QWidget()
        column = QVBoxLayout(built)
        for text in ("Submit", "Save", "Print"):
            column.addWidget(QPushButton(text))
        return built

    window = QDialog()
    qtbot.addWidget(window)
    tabs = LazyTabs()
    tabs.addTab(QPushButton("Search"), "First")
    tabs.add_lazy(page, "Second")
    tabs.currentChanged.connect(tabs.page)
    QVBoxLayout(window).addWidget(tabs)
    window.show()
    qtbot.waitUntil(lambda: bool(mnemonic(tabs.widget(0).text())))
    tabs.setCurrentIndex(1)
    buttons = tabs.widget(1).findChildren(QPushButton)
    qtbot.waitUntil(lambda: all(mnemonic(button.text()) for button in buttons))
    letters = taken(window)
    assert len(letters) == len(set(letters)) == 3, sorted(letters)  # the page shown


def test_a_button_shown_after_its_window_gets_a_free_letter_as_it_shows(qtbot,
                                                                         mnemonics_given):
    """A BoQ's "Submit for approval" is shown once its status is read, after the other buttons
    were given letters, and may not be painted before the user presses Alt: it gets a letter
    still free as it shows; the others keep theirs."""
    from PySide6.QtWidgets import QHBoxLayout

    from shelter_app.ui.mnemonics import mnemonic, taken

    window = QWidget()
    qtbot.addWidget(window)
    row = QHBoxLayout(window)
    late = QPushButton("Ab")
    row.addWidget(late)
    for text in ("A", "C"):
        row.addWidget(QPushButton(text))
    late.hide()
    window.show()
    qtbot.waitUntil(lambda: len(taken(window)) == 2)
    late.show()  # no event-loop turn: the letter comes with the showing
    letters = taken(window)
    assert mnemonic(late.text()) == "b" and sorted(letters) == ["a", "b", "c"]
