"""An engineer opens a case on site: register the household and dwelling, find it in the list,
open its file, assess it and move it to "Assessed", all with keyboard and mouse. Bad input shows
a message at its field and saves nothing."""

import threading
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from sqlalchemy import func, select

from shelter_app.data.models import Assessment, AuditEvent, Dwelling, Household, Photo
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import Stage
from shelter_app.services.cases.dwellings import dwelling_file
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.dwellings import file_dialog
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.households.dialogs import (
    EditDwellingDialog,
    EditHouseholdDialog,
    RegisterCaseDialog,
)
from shelter_app.ui.forms import SupervisorDialog
from shelter_app.ui.main_window import MainWindow
from ui.shown import show_row

HEAD_TCKN = make_tckn("312345678")
LEFT = Qt.MouseButton.LeftButton


def households(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Household)) or 0


def fill_case(qtbot, dialog: RegisterCaseDialog, id_number: str = HEAD_TCKN,
              area: str = "64,5", latitude: str = "37,0662", longitude: str = "37,3833") -> None:
    """Type a whole case as an engineer would (keyClicks takes ASCII only: setText for ş, İ)."""
    household, dwelling, landlord = dialog.household, dialog.dwelling, dialog.landlord
    household.head_name.setText("Zeynep Kılıç")
    qtbot.keyClicks(household.id_number, id_number)
    household.nationality.setCurrentText("Türkiye")
    qtbot.keyClicks(household.phone, "0532 123 45 67")
    for key, count in (("female_18_59", "1"), ("female_0_17", "2")):
        household.members[key].selectAll()  # as reaching it with Tab does
        qtbot.keyClicks(household.members[key], count)
    qtbot.mouseClick(household.vulnerabilities["female_headed"], LEFT)
    qtbot.mouseClick(household.consent, LEFT)
    dwelling.district.setCurrentText("Şahinbey")
    dwelling.neighbourhood.setCurrentText("Karşıyaka")
    qtbot.keyClicks(dwelling.street, "Gul Sokak")
    qtbot.keyClicks(dwelling.building_no, "12")
    qtbot.keyClicks(dwelling.flat_no, "3")
    qtbot.keyClicks(dwelling.floor_area, area)
    qtbot.keyClicks(dwelling.rooms, "3")
    qtbot.keyClicks(dwelling.latitude, latitude)
    qtbot.keyClicks(dwelling.longitude, longitude)
    landlord.name.setText("Hüseyin Öztürk")
    qtbot.keyClicks(landlord.phone, "05429876543")


@pytest.fixture
def register(qtbot, demo_db, engineer) -> RegisterCaseDialog:
    dialog = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def press_enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_engineer_registers_finds_opens_assesses_and_advances_a_case(qtbot, demo_db, engineer,
                                                                    in_language):
    in_language("en")  # the English plurals ("1 window"), whatever an earlier test left
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    page = window.dwellings
    qtbot.mouseClick(page.new_button, LEFT)
    dialog = page.register_dialog
    fill_case(qtbot, dialog)
    press_enter(qtbot, dialog.landlord.phone)  # Enter saves
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    ref = dialog.refs.dwelling

    # the list shows just the new case, selected: Enter opens its file
    assert page.filter_edit.text() == ref and page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert (row.ref, row.household, row.stage) == (ref, "Zeynep Kılıç", Stage.REGISTERED)
    press_enter(qtbot, page.table)
    qtbot.waitUntil(lambda: any(file.isVisible() for file in page.findChildren(
        DwellingFileDialog)))  # read in a worker, shown on the turn after it is made
    (file,) = page.findChildren(DwellingFileDialog)
    assert file.file.ref == ref and file.isVisible()
    household_text = " ".join(label.text() for label in file.household_tab.findChildren(
        type(dialog.error)))
    assert "Women 18–59: 1" in household_text and "Female-headed household" in household_text

    # a new assessment from the Assessments tab
    file.tabs.setCurrentWidget(file.assessments_tab)
    qtbot.mouseClick(file.assessments_tab.new_button, LEFT)
    form = file.form
    assert isinstance(form, AssessmentDialog)
    assert form.occupants.text() == "3"  # the household's size, ready to confirm
    qtbot.keyClicks(form.scores["walls_insulation"], "4")  # items start with their digit
    qtbot.keyClicks(form.notes["walls_insulation"], "No insulation on the north wall")
    qtbot.keyClicks(form.scores["windows"], "3")
    qtbot.mouseClick(form.rooms.add_button, LEFT)
    for column, value in zip(("name", "length_m", "width_m", "height_m", "exterior_m"),
                             ("Salon", "4,20", "3,50", "2,70", "4,20")):
        form.rooms.table.item(0, form.rooms.keys.index(column)).setText(value)
    qtbot.mouseClick(form.openings.add_button, LEFT)
    for column, value in (("width_m", "1,20"), ("height_m", "1,40")):
        form.openings.table.item(0, form.openings.keys.index(column)).setText(value)
    assert "1 window 1.68 m²" in form.quantities.text()
    assert "priority score" in form.preview.text()
    qtbot.mouseClick(form.eligible, LEFT)
    qtbot.keyClicks(form.reason, "Cold walls, female-headed household")
    press_enter(qtbot, form.reason)
    assert form.result() == QDialog.DialogCode.Accepted, form.error.text()
    qtbot.waitUntil(lambda: not file.refreshing)  # read in a worker, the tab showing then

    tab = file.assessments_tab
    assert tab.model.rowCount() == 1
    assert "4 failed" in tab.details.toPlainText() and "Salon" in tab.details.toPlainText()

    # the eligible assessment moved the case by itself; the next step waits for a BoQ
    file.tabs.setCurrentIndex(0)
    assert file.file.stage is Stage.ASSESSED
    # the Dwellings list, told by the save, reads its rows again in a worker
    qtbot.waitUntil(lambda: page.model.row_at(0).stage is Stage.ASSESSED)
    assert list(file.stage_bar.buttons) == [Stage.BOQ_DRAFTED]
    assert not file.stage_bar.buttons[Stage.BOQ_DRAFTED].isEnabled()
    assert "bill of quantities" in file.stage_bar.reasons.text()
    assert file.stage_bar.reasons.isVisibleTo(file)
    file.grab().save(str(qtbot_tmp(file)))


def qtbot_tmp(widget) -> str:
    """Where a test's screenshot goes (for a human to look at; not compared)."""
    import tempfile
    from pathlib import Path

    return str(Path(tempfile.gettempdir()) / f"{type(widget).__name__}.png")


def test_a_bad_tckn_shows_a_message_at_the_field_and_saves_nothing(qtbot, demo_db, register):
    before = households(demo_db)
    fill_case(qtbot, register, id_number="12345678901")
    press_enter(qtbot, register.dwelling.street)
    assert register.result() != QDialog.DialogCode.Accepted
    message = register.messages["id_number"]
    assert message.isVisibleTo(register) and "check digits" in message.text()
    assert register.focusWidget() is register.household.id_number
    assert households(demo_db) == before
    register.household.id_number.setText(HEAD_TCKN)  # corrected: saves
    press_enter(qtbot, register.household.id_number)
    assert register.result() == QDialog.DialogCode.Accepted
    assert message.text() == ""
    assert households(demo_db) == before + 1


def test_one_save_shows_every_problem_at_its_field_without_moving_the_fields(qtbot, demo_db,
                                                                           register):
    before = households(demo_db)
    street_at = register.dwelling.street.mapTo(register, register.dwelling.street.rect().topLeft())
    press_enter(qtbot, register.household.head_name)  # an empty form
    shown = {name for name, label in register.messages.items() if label.text()}
    assert {"head_name", "id_number", "consent_on", "district", "neighbourhood", "street",
            "building_no", "landlord_name"} <= shown
    assert register.focusWidget() is register.household.head_name  # the first problem
    assert not register.error.text()  # nothing left without a field
    assert register.dwelling.street.mapTo(
        register, register.dwelling.street.rect().topLeft()) == street_at
    assert households(demo_db) == before


@pytest.mark.parametrize(("area", "text"), [("-40", "more than 0"), ("6450", "typing error")])
def test_negative_or_absurd_area_is_refused_at_the_field(qtbot, demo_db, register, area, text):
    before = households(demo_db)
    fill_case(qtbot, register, area=area)
    press_enter(qtbot, register.dwelling.floor_area)
    assert text in register.messages["floor_area_m2"].text()
    assert register.focusWidget() is register.dwelling.floor_area
    assert households(demo_db) == before


def test_gps_outside_turkiye_warns_at_the_field_then_saves_when_confirmed(qtbot, demo_db,
                                                                         register):
    before = households(demo_db)
    fill_case(qtbot, register, latitude="48,85", longitude="2,35")
    press_enter(qtbot, register.dwelling.longitude)
    assert "outside Türkiye" in register.messages["latitude"].text()
    assert register.ok_button.text() == "Save anyway" and households(demo_db) == before
    register.dwelling.longitude.setText("2,36")  # a changed value is checked again
    press_enter(qtbot, register.dwelling.longitude)
    assert register.result() != QDialog.DialogCode.Accepted and households(demo_db) == before
    qtbot.mouseClick(register.ok_button, LEFT)
    assert register.result() == QDialog.DialogCode.Accepted
    assert dwelling_file(demo_db, register.refs.dwelling).longitude == Decimal("2.360000")


def next_field(widget):
    """The widget Tab leaves `widget` for (skipping `widget`'s own parts, as Qt does)."""
    following = widget.nextInFocusChain()
    while following is widget or widget.isAncestorOf(following):
        following = following.nextInFocusChain()
    return following


def test_tab_follows_the_form_down_the_household_then_the_dwelling(qtbot, register):
    household, dwelling, landlord = register.household, register.dwelling, register.landlord
    assert register.focusWidget() is household.head_name  # typing starts at once
    for widget, following in ((household.head_name, household.id_number),
                              (household.phone, household.members["female_0_17"]),
                              (household.consent_on, dwelling.province),
                              (dwelling.longitude, landlord.existing_ref),
                              (landlord.phone, landlord.iban),
                              (landlord.address, register.ok_button)):
        assert next_field(widget) is following
    qtbot.keyClick(household.head_name, Qt.Key.Key_Tab)
    assert register.focusWidget() is household.id_number


def test_assessment_with_a_bad_measurement_selects_the_cell(qtbot, demo_db, engineer):
    dialog = AssessmentDialog(demo_db, engineer, "GAZ-D-000001")
    qtbot.addWidget(dialog)
    dialog.show()
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(Assessment))
    qtbot.keyClicks(dialog.scores["roof"], "2")
    qtbot.mouseClick(dialog.not_eligible, LEFT)
    qtbot.keyClicks(dialog.reason, "Landlord refuses")
    assert dialog.rooms.table.rowCount()  # a re-assessment starts from the last rooms
    bad = dialog.rooms.add_row({"name": "Depo", "length_m": "-3", "width_m": "3",
                                "height_m": "2,7"})
    assert "plausible" in dialog.quantities.text()  # the preview already says what is wrong
    dialog.rooms.table.setCurrentCell(0, 0)
    press_enter(qtbot, dialog.reason)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "plausible" in dialog.messages["rooms"].text()
    assert (dialog.rooms.table.currentRow(), dialog.rooms.table.currentColumn()) == (bad, 1)
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Assessment)) == before


def test_a_refused_stage_move_shows_the_services_reason(qtbot, demo_db, engineer):
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(
            Dwelling.stage == Stage.ASSESSED, Dwelling.ref.startswith("GAZ-")).limit(1))
    file = DwellingFileDialog(demo_db, engineer, dwelling_id)
    qtbot.addWidget(file)
    file.show()
    assert not file.stage_bar.buttons[Stage.BOQ_DRAFTED].isEnabled()
    file.stage_bar.advance(Stage.BOQ_DRAFTED)  # as if the BoQ was deleted since the file opened
    assert "bill of quantities" in file.stage_bar.message.text()
    assert file.stage_bar.message.isVisibleTo(file)
    assert file.file.stage is Stage.ASSESSED


def test_admin_sees_cases_but_no_forms_or_stage_buttons(qtbot, demo_db, admin):
    window = MainWindow(demo_db, admin)
    qtbot.addWidget(window)
    assert not window.dwellings.new_button.isVisibleTo(window)
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == "GAZ-D-000001"))
    file = DwellingFileDialog(demo_db, admin, dwelling_id)
    qtbot.addWidget(file)
    assert file.stage_bar.buttons == {}
    assert not file.assessments_tab.new_button.isVisibleTo(file)
    assert not file.edit_button.isVisibleTo(file)
    household_text = " ".join(label.text() for label in file.household_tab.findChildren(
        type(file.stage_bar.message)))
    assert "*" in household_text  # ID and phone masked for the administrator


def test_edit_household_and_dwelling_from_the_file(qtbot, demo_db, engineer):
    with demo_db.write(engineer) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == "GAZ-D-000001"))
        session.add(Photo(dwelling_id=dwelling.id, sha256="a" * 64, size_bytes=1, width=1,
                          height=1, latitude=Decimal("37.071234"), longitude=Decimal("37.38"),
                          original_name="IMG_0001.jpg"))
    file = DwellingFileDialog(demo_db, engineer, dwelling.id)
    qtbot.addWidget(file)
    file.show()
    changes: list[bool] = []
    file.changed.connect(lambda: changes.append(True))

    qtbot.mouseClick(file.household_tab.edit_button, LEFT)
    edit = file.form
    assert isinstance(edit, EditHouseholdDialog)
    edit.household.head_name.setText("Ayşe Çağlayangil")
    press_enter(qtbot, edit.household.head_name)
    assert edit.result() == QDialog.DialogCode.Accepted, edit.error.text()
    qtbot.waitUntil(lambda: not file.refreshing)
    assert "Ayşe Çağlayangil" in file.file.household.name

    qtbot.mouseClick(file.edit_button, LEFT)
    edit = file.form
    assert isinstance(edit, EditDwellingDialog)
    edit.photo_position.setCurrentIndex(1)
    edit.photo_position.activated.emit(1)  # as when the user picks the photo
    assert edit.dwelling.latitude.text() == "37.071234"
    press_enter(qtbot, edit.dwelling.latitude)
    assert edit.result() == QDialog.DialogCode.Accepted, edit.error.text()
    qtbot.waitUntil(lambda: not file.refreshing)
    assert file.file.latitude == Decimal("37.071234") and len(changes) == 2


def test_assessments_page_lists_filters_and_opens_the_file(qtbot, demo_db, engineer,
                                                           monkeypatch):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow(window.page_titles().index("Assessments"))
    page = window.assessments
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=5000)
    assert page.model.rowCount() > 50  # the demo's assessments, newest first
    dates = [page.model.row_at(n).assessed_on for n in range(page.model.rowCount())]
    assert dates == sorted(dates, reverse=True)
    with demo_db.read() as session:
        ref = session.scalar(select(Dwelling.ref).join(Assessment).where(
            Dwelling.ref.startswith("GAZ-")).order_by(Dwelling.ref).limit(1))
    qtbot.keyClicks(page.filter_edit, ref)
    qtbot.waitUntil(lambda: page.model.text == ref and not page.loading, timeout=2000)
    assert page.model.rowCount() >= 1
    assert {page.model.row_at(n).dwelling_ref for n in range(page.model.rowCount())} == {ref}
    qtbot.mouseClick(page.latest_only, LEFT)
    qtbot.waitUntil(lambda: not page.loading, timeout=2000)
    assert page.model.rowCount() == 1
    opened: list[DwellingFileDialog] = []
    monkeypatch.setattr(DwellingFileDialog, "open", lambda self: opened.append(self))
    threads: list[threading.Thread] = []  # where the file's assessments are read

    def noted(read):  # a stand-in that says where it ran
        return lambda *args: (threads.append(threading.current_thread()), read(*args))[1]

    for name in ("dwelling_assessments", "read_opening"):  # its records, its Summary
        monkeypatch.setattr(file_dialog, name, noted(getattr(file_dialog, name)))
    page.table.setCurrentIndex(page.model.index(0, 0))
    press_enter(qtbot, page.table)
    assert opened == []  # made on this turn, shown on the next
    qtbot.waitUntil(lambda: bool(opened) and opened[0].built("assessments_tab"))
    assert opened[0].file.ref == ref
    assert opened[0].tabs.currentWidget() is opened[0].assessments_tab
    assert opened[0].assessments_tab.model.rowCount() >= 1
    assert len(threads) == 2 and threading.main_thread() not in threads


@pytest.mark.parametrize("name", ["dwellings", "assessments"])
def test_a_second_enter_while_the_file_is_made_opens_one_file(qtbot, demo_db, engineer,
                                                              monkeypatch, name):
    """A file is made on one turn and shown on the next: an Enter that reaches the window
    meanwhile (input queued while the file was made is sent before that turn) does not make a
    second file of the list's row. Once the file is shown, its modality keeps input from the
    list. The Enter is sent to the window, as the window system's is, while the file waits."""
    from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
    from PySide6.QtGui import QKeyEvent

    from shelter_app.ui.turns import Opener

    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    page = getattr(window, name)
    window.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: not page.loading and page.model.rowCount() > 0, timeout=5000)
    rows = [page.model.row_at(n) for n in range(page.model.rowCount())]
    own = next(n for n, row in enumerate(rows)  # a case of the engineer's office
               if (getattr(row, "dwelling_ref", None) or row.ref).startswith("GAZ-"))
    page.table.setCurrentIndex(page.model.index(own, 0))
    page.table.setFocus()
    opens = Opener.open

    def open_then_enter(self, dialog: QDialog) -> None:
        opens(self, dialog)
        if len(page.findChildren(DwellingFileDialog)) == 1:  # the first file: Enter again
            QCoreApplication.sendEvent(window.windowHandle(), QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))

    monkeypatch.setattr(Opener, "open", open_then_enter)
    press_enter(qtbot, page.table)
    qtbot.waitUntil(lambda: any(file.isVisible()
                                for file in page.findChildren(DwellingFileDialog)))
    QThreadPool.globalInstance().waitForDone()
    qtbot.wait(50)
    assert len(page.findChildren(DwellingFileDialog)) == 1


def test_a_whole_case_by_keyboard_alone_saved_with_ctrl_s(qtbot, demo_db, register):
    """Tab from field to field (a date is one Tab, not three), Space ticks, Ctrl+S saves."""
    before = households(demo_db)

    def type_then_tab(text: str = "", tabs: int = 1) -> None:
        if text:
            qtbot.keyClicks(register.focusWidget(), text)
        for _ in range(tabs):
            qtbot.keyClick(register.focusWidget(), Qt.Key.Key_Tab)

    household, dwelling, landlord = register.household, register.dwelling, register.landlord
    type_then_tab("Zeynep Kilic")
    type_then_tab(HEAD_TCKN)
    type_then_tab(tabs=2)  # nationality and protection status as offered
    type_then_tab("0532 123 45 67")
    assert register.focusWidget() is household.members["female_0_17"]
    for count in ("2", "", "1"):  # girls, boys, women
        register.focusWidget().selectAll()
        type_then_tab(count)
    type_then_tab(tabs=3 + len(household.vulnerabilities))
    assert register.focusWidget() is household.consent
    qtbot.keyClick(household.consent, Qt.Key.Key_Space)
    type_then_tab()
    assert register.focusWidget() is household.consent_on
    type_then_tab()  # one Tab leaves the date
    assert register.focusWidget() is dwelling.province
    type_then_tab()
    type_then_tab("Sahinbey")
    type_then_tab("Karsiyaka")
    type_then_tab("Gul Sokak")
    type_then_tab("12")
    type_then_tab(tabs=6)
    assert register.focusWidget() is landlord.existing_ref
    type_then_tab(tabs=2)
    qtbot.keyClicks(landlord.name, "Huseyin Ozturk")
    qtbot.keyClick(landlord.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert register.result() == QDialog.DialogCode.Accepted, register.error.text()
    assert households(demo_db) == before + 1


def test_enter_in_the_rooms_grid_never_saves_and_tab_leaves_it(qtbot, demo_db, engineer):
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(
            Dwelling.stage == Stage.REGISTERED, Dwelling.ref.startswith("GAZ-")).limit(1))
    file = DwellingFileDialog(demo_db, engineer, dwelling_id)
    qtbot.addWidget(file)
    file.show()
    file.tabs.setCurrentWidget(file.assessments_tab)
    qtbot.mouseClick(file.assessments_tab.new_button, LEFT)
    form = file.form
    table = form.rooms.table
    while table.rowCount() < 2:
        qtbot.mouseClick(form.rooms.add_button, LEFT)
    table.setFocus()
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)  # opens the cell for typing
    assert table.isAncestorOf(form.focusWidget())
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)  # closes it
    assert form.isVisible() and form.result() != QDialog.DialogCode.Accepted
    assert not any(label.text() for label in form.messages.values())  # no Save was tried
    table.setCurrentCell(table.rowCount() - 1, table.columnCount() - 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert form.focusWidget() is not table and not table.isAncestorOf(form.focusWidget())


def test_ctrl_n_opens_a_new_case_and_ctrl_f_goes_to_the_search(qtbot, demo_db, engineer):
    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts act in the active window
    show_row(window, 1)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.focusWidget() is window.pages.currentWidget().filter_edit
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.dwellings
    assert window.dwellings.register_dialog.isVisible()
    window.dwellings.register_dialog.reject()


def test_a_save_anywhere_refreshes_the_lists_and_the_site_picker(qtbot, demo_db, engineer):
    from shelter_app.ui.labour.log_tab import DailyLogTab

    window = MainWindow(demo_db, engineer)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.dwellings.model.loading)
    shown = window.dwellings.model.rowCount()
    log = DailyLogTab(demo_db, engineer)
    qtbot.addWidget(log)
    qtbot.waitUntil(lambda: log.sites.count() > 0)  # the sites are listed in a worker
    sites = log.sites.count()
    with demo_db.write(engineer) as session:  # a case whose works start (as a sync brings it)
        session.scalar(select(Dwelling).where(
            Dwelling.stage == Stage.ASSESSED, Dwelling.ref.startswith("GAZ-")).limit(1)
        ).stage = Stage.WORKS_IN_PROGRESS
    dialog = RegisterCaseDialog(demo_db, engineer)  # a form opened on its own
    qtbot.addWidget(dialog)
    dialog.show()
    fill_case(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    qtbot.waitUntil(lambda: window.dwellings.model.rowCount() == shown + 1)
    qtbot.waitUntil(lambda: log.sites.count() == sites + 1)


def test_a_stage_button_tells_the_lists_and_a_refusal_does_not(qtbot, demo_db, engineer,
                                                                monkeypatch):
    from shelter_app.ui.changes import hub
    from shelter_app.ui.dwellings import file_tabs

    with demo_db.read() as session:
        ref = session.scalar(select(Dwelling.ref).where(
            Dwelling.stage == Stage.ASSESSED, Dwelling.ref.startswith("GAZ-")).limit(1))
    bar = file_tabs.StageBar(demo_db, engineer, ref)
    qtbot.addWidget(bar)
    with qtbot.assertNotEmitted(hub().changed):
        bar.advance(Stage.BOQ_DRAFTED)  # no BoQ yet: refused, nothing changed
    assert bar.message.text()
    monkeypatch.setattr(file_tabs, "advance_stage", lambda *args: None)
    with qtbot.waitSignal(hub().changed, timeout=1000):
        bar.advance(Stage.BOQ_DRAFTED)


def test_a_final_assessment_checks_each_boq_line_and_takes_the_after_photos(qtbot, demo_db,
                                                                            engineer, tmp_path):
    import photo_files
    from shelter_app.domain.works_check import WorkDone
    from shelter_app.services.assessments.assessments import dwelling_assessments
    from shelter_app.services.cases.flow import approved_lines

    with demo_db.read() as session:
        ref = next(ref for ref, dwelling_id in session.execute(
            select(Dwelling.ref, Dwelling.id).where(Dwelling.stage == Stage.WORKS_IN_PROGRESS))
            if len(approved_lines(session, dwelling_id)) > 1)
    dialog = AssessmentDialog(demo_db, engineer, ref)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # the after photos' buttons no longer widen the left column: nothing scrolls sideways and
    # the openings table shows its rooms' names
    assert dialog.scroll.horizontalScrollBar().maximum() == 0
    openings = dialog.openings.table
    assert openings.columnWidth(0) >= openings.sizeHintForColumn(0)
    box = dialog.findChild(QWidget, "worksBox")
    assert not box.isEnabled()  # until the assessment is marked final
    assert dialog.is_final.isEnabled()
    qtbot.keyClick(dialog.is_final, Qt.Key.Key_Space)
    assert box.isEnabled()
    qtbot.keyClicks(dialog.scores["roof"], "1")
    qtbot.mouseClick(dialog.eligible, LEFT)
    qtbot.keyClicks(dialog.reason, "Works finished")
    (first, (first_combo, first_note)), *rest = dialog.works.items()
    first_combo.setCurrentIndex(first_combo.findData(WorkDone.PARTLY))
    press_enter(qtbot, dialog.reason)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "note" in dialog.messages[f"works.{first}"].text()
    assert "choose" in dialog.messages[f"works.{rest[0][0]}"].text()
    assert [v.is_final for v in dwelling_assessments(demo_db, engineer, ref)].count(True) == 0
    qtbot.keyClicks(first_note, "Bathroom door left")
    for _, (combo, _) in rest:
        combo.setCurrentIndex(combo.findData(WorkDone.DONE))
    photo_files.photo(tmp_path / "after.jpg", seed=7)
    dialog.after_photos.start_import([str(tmp_path / "after.jpg")])
    qtbot.waitUntil(lambda: not dialog.after_photos.busy, timeout=10_000)
    assert dialog.after_photos.model.rowCount() >= 1
    press_enter(qtbot, dialog.reason)
    assert dialog.result() == QDialog.DialogCode.Accepted
    final = next(v for v in dwelling_assessments(demo_db, engineer, ref) if v.is_final)
    assert final.works[0][1:] == (WorkDone.PARTLY, "Bathroom door left")
    assert dwelling_file(demo_db, ref).stage is Stage.COMPLETED
    file = DwellingFileDialog(demo_db, engineer, ref)
    qtbot.addWidget(file)
    file.show_tab("assessments_tab")  # read and built at its first showing
    qtbot.waitUntil(lambda: file.built("assessments_tab"))
    details = file.findChild(QWidget, "assessmentDetails").toPlainText()
    assert "Bathroom door left" in details
    assert final.works[0][0].description_in("en") in details  # the catalogue's English


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_works_check_reads_the_catalogues_description_in_the_users_language(
        qtbot, demo_db, engineer, in_language, language):
    from shelter_app.services.cases.flow import approved_lines

    with demo_db.read() as session:
        ref, lines = next((ref, lines) for ref, dwelling_id in session.execute(
            select(Dwelling.ref, Dwelling.id).where(Dwelling.stage == Stage.WORKS_IN_PROGRESS))
            if (lines := approved_lines(session, dwelling_id)))
    translated = [line.description_in(language) for line in lines]
    assert all(text and text != line.description for text, line in zip(translated, lines))
    in_language(language)
    dialog = AssessmentDialog(demo_db, engineer, ref)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in
                     dialog.findChild(QWidget, "worksBox").findChildren(QLabel))
    assert all(text in shown for text in translated)
    assert not any(line.description in shown for line in lines)  # no Turkish left


def test_the_assessment_form_shows_every_problem_after_one_save(qtbot, demo_db, engineer):
    dialog = AssessmentDialog(demo_db, engineer, "GAZ-D-000001")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.occupants.setText("0")
    dialog.rooms.add_row({"name": "Depo", "length_m": "-3", "width_m": "3", "height_m": "2,7"})
    qtbot.mouseClick(dialog.ok_button, LEFT)
    shown = {name for name, label in dialog.messages.items() if label.text()}
    assert {"occupants", "eligible", "eligibility_reason", "rooms"} <= shown
    assert dialog.isVisible() and dialog.focusWidget() is dialog.occupants


def test_an_id_already_registered_is_refused_in_the_same_save_as_the_other_problems(
        qtbot, demo_db, register, supervisor, monkeypatch):
    """One round: the refused ID and a bad area at the first Save; the area corrected, the
    supervisor's confirmation saves the case."""
    with demo_db.read() as session:
        ref, number = session.execute(select(Household.ref, Household.head_id_number)
                                      .order_by(Household.ref).limit(1)).one()
    before = households(demo_db)
    fill_case(qtbot, register, id_number=number, area="-5")
    qtbot.mouseClick(register.ok_button, LEFT)
    assert ref in register.messages["id_number"].text()
    assert register.messages["floor_area_m2"].text()
    assert register.supervisor_button.isVisible() and households(demo_db) == before
    assert register.focusWidget() is register.dwelling.floor_area  # the first problem
    register.dwelling.floor_area.setText("64,5")
    supervisor_confirms(qtbot, monkeypatch, register)
    assert register.result() == QDialog.DialogCode.Accepted
    assert households(demo_db) == before + 1


def test_an_id_already_registered_is_refused_until_a_supervisor_confirms(qtbot, demo_db,
                                                                         register, monkeypatch):
    with demo_db.read() as session:
        ref, number = session.execute(select(Household.ref, Household.head_id_number)
                                      .order_by(Household.ref).limit(1)).one()
    before = households(demo_db)
    fill_case(qtbot, register, id_number=number)
    press_enter(qtbot, register.dwelling.longitude)
    assert ref in register.messages["id_number"].text()
    assert register.focusWidget() is register.household.id_number
    assert register.supervisor_button.isVisible() and households(demo_db) == before
    press_enter(qtbot, register.household.id_number)  # Save again: still refused
    assert register.result() != QDialog.DialogCode.Accepted and households(demo_db) == before
    supervisor_confirms(qtbot, monkeypatch, register, first_password="wrong")
    assert register.result() == QDialog.DialogCode.Accepted
    assert households(demo_db) == before + 1
    with demo_db.read() as session:
        reason = session.scalar(select(AuditEvent.reason).join(
            Household, Household.id == AuditEvent.entity_id).where(
            Household.ref == register.refs.household))
    assert "supervisor.gaz" in reason and "Moved from her son's house" in reason


def supervisor_confirms(qtbot, monkeypatch, register, *, first_password: str = "") -> None:
    """The supervisor types at the engineer's laptop, in the dialog the register button opens:
    a reason, the name and (after `first_password`, refused, if given) the right password."""

    def sign(dialog: SupervisorDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.reason, "Moved from her son's house")
        qtbot.keyClicks(dialog.username, "supervisor.gaz")
        if first_password:
            qtbot.keyClicks(dialog.password, first_password)
            press_enter(qtbot, dialog.password)
            assert dialog.messages["password"].text() and dialog.isVisible()
        dialog.password.setText(DEMO_PASSWORD)
        press_enter(qtbot, dialog.password)
        return dialog.result()

    monkeypatch.setattr(SupervisorDialog, "exec", sign)
    qtbot.mouseClick(register.supervisor_button, LEFT)
