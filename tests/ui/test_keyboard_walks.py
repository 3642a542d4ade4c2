"""Each main form walked by keyboard alone (issue 21, item 5): Tab goes down the form in the
order it reads, a grid is left after its last cell, typing fills each field, Ctrl+S saves.
(New case is walked in test_case_forms.py, the BoQ editor's search, Enter, Delete and undo keys
in test_boq_ui.py; its Tab order here.)"""

import pytest
from agreement_cases import approved_dwelling
from factories import assessed_dwelling
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QWidget
from sqlalchemy import func, select

import labour_factories as lf
from shelter_app.data.models import Assessment, LabourEntry, Worker
from shelter_app.data.engine import Database
from shelter_app.ui.agreements.forms import AgreementDialog
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.labour.page import CashForWorkPage
from shelter_app.ui.labour.worker_dialog import WorkerDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def walk(qtbot, window: QWidget, steps: list[tuple[QWidget, str]]) -> None:
    """At each step the focus is on (or inside) the widget; type its text, then Tab."""
    for number, (widget, text) in enumerate(steps):
        focused = window.focusWidget()
        assert focused is widget or widget.isAncestorOf(focused), (
            number, widget.objectName(), focused.objectName(), type(focused).__name__)
        if text:
            qtbot.keyClicks(focused, text)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)


def save(qtbot, dialog: QDialog) -> None:
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, CTRL)


def messages(dialog) -> dict[str, str]:
    return {name: label.text() for name, label in [*dialog.messages.items(),
                                                   ("", dialog.error)] if label.text()}


def count(db: Database, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


def shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()  # shortcuts (Ctrl+S) go to the active window
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_a_worker_registered_by_keyboard_alone(qtbot, p):
    dialog = shown(qtbot, WorkerDialog(p.db, p.engineer, p.household_ref))
    data = lf.worker_input(p.household_ref)
    walk(qtbot, dialog, [
        (dialog.member, ""), (dialog.full_name, "Sukru Igdeli"),
        (dialog.id_number, data.id_number), (dialog.birth_date, ""),
        (dialog.payment_method, ""), (dialog.iban, data.iban),
        (dialog.work_permit_number, ""), (dialog.work_permit_expiry, ""),
        (dialog.skills, "")])  # (typing here opens the completer's popup)
    assert dialog.focusWidget() is dialog.ok_button
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, messages(dialog)
    assert count(p.db, Worker) == 1


def test_an_agreement_prepared_by_keyboard_alone(qtbot, demo_db, engineer, supervisor):
    dialog = shown(qtbot, AgreementDialog(demo_db, engineer, mode="new", dwelling_ref=(
        approved_dwelling(demo_db, engineer, supervisor))))
    buttons = [button for text in ("Register…", "Complete…")
               for button in dialog.findChildren(QPushButton) if button.text() == text]
    walk(qtbot, dialog, [
        (dialog.landlord_ref, ""), *[(button, "") for button in buttons],
        (dialog.term, "24"), (dialog.start, ""), (dialog.rent, "7500,00"),
        (dialog.rent_free, "2"), (dialog.deposit, "15000"), (dialog.payment_day, ""),
        (dialog.iban, ""), (dialog.fixtures, "Kombi"), (dialog.utilities, ""),
        (dialog.block, "1234"), (dialog.parcel, "56"), (dialog.court, ""),
        (dialog.languages, "")])
    assert dialog.focusWidget() is dialog.ok_button
    qtbot.keyClick(dialog.fixtures, Qt.Key.Key_Return)  # a new line in a text box: no save
    assert dialog.isVisible() and not dialog.result_number
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, messages(dialog)
    assert dialog.result_number


def test_an_assessment_walked_by_keyboard_through_its_grids(qtbot, demo_db, engineer):
    dialog = shown(qtbot, AssessmentDialog(demo_db, engineer, assessed_dwelling(demo_db)))
    before = count(demo_db, Assessment)
    fields = dialog.fields
    conditions = [name for name in fields if name.startswith("condition.")]
    walk(qtbot, dialog, [
        (fields["assessed_on"], ""), (fields["occupants"], ""),
        *[(fields[name], "2" if name in conditions else "")  # a combo picks "2 …" as typed
          for condition in conditions
          for name in (condition, condition.replace("condition.", "notes."))]])
    assert dialog.focusWidget() is fields["eligible"]
    qtbot.keyClick(fields["eligible"], Qt.Key.Key_Space)
    assert fields["eligible"].isChecked()
    while dialog.focusWidget() is not fields["eligibility_reason"]:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    walk(qtbot, dialog, [(fields["eligibility_reason"], "Damp walls, no insulation"),
                         (fields["notes"], "")])
    rooms = dialog.rooms.table
    assert rooms.isAncestorOf(dialog.focusWidget()) or dialog.focusWidget() is rooms
    assert (rooms.currentRow(), rooms.currentColumn()) == (0, 0)  # Tab in starts at the first
    for _ in range(rooms.rowCount() * rooms.columnCount()):  # every cell; measures typed
        if rooms.currentColumn():  # (the names stay: the openings are in those rooms)
            qtbot.keyClicks(dialog.focusWidget(), "3")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.rooms.add_button  # left after its last cell
    assert dialog.isVisible() and count(demo_db, Assessment) == before
    save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, messages(dialog)
    assert count(demo_db, Assessment) == before + 1


def test_a_labour_week_typed_by_keyboard_alone(qtbot, p):
    lf.worker(p, full_name="Ahmet Demir")
    page = CashForWorkPage(p.db, p.engineer)
    qtbot.addWidget(page)
    page.show()
    log = page.log
    log.sites.setFocus()
    qtbot.keyClicks(log.sites.lineEdit(), p.site.ref)
    qtbot.keyClick(log.sites.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.focusWidget() is log.view)  # the week, read in a worker
    qtbot.keyClicks(log.view, "f")  # the day at the cursor (today: later days are refused)
    qtbot.keyClick(log.view, Qt.Key.Key_Return)  # Enter in the grid saves nothing more
    qtbot.keyClick(log.view, Qt.Key.Key_Tab)
    assert page.focusWidget() is log.task  # Tab leaves the grid
    qtbot.waitUntil(lambda: not log.saves.pending)  # the day, saved in a worker
    with p.db.read() as session:
        assert session.scalar(select(func.count()).select_from(LabourEntry)) == 1


def test_the_boq_editor_by_keyboard_tab_leaves_the_lines_and_goes_round_the_editor(
        qtbot, demo_db, engineer, boq_page):
    """Found by this walk: Tab went round the lines' cells for ever (8 a line; Qt's table wraps
    from the last cell to the first), and Tab after a quantity went back to the search."""
    from decimal import Decimal

    from ui.test_boq_ui import drafted, type_line

    from shelter_app.services.boq import boq as boq_service

    boq_page.new_button.click()
    editor = shown(qtbot, drafted(qtbot, boq_page))
    qtbot.waitUntil(lambda: not editor.loading)  # the BoQ is read in a worker
    assert editor.focusWidget() is editor.search  # it opens ready for the first item
    type_line(qtbot, editor, "eps 8", "12")
    type_line(qtbot, editor, "celik", "1")
    assert editor.takeoff_box.isVisible()
    buttons = editor.buttons
    walk(qtbot, editor, [
        (editor.search, ""), (editor.items_view, ""), (editor.table, ""),
        (editor.contingency, ""), (editor.takeoff_list, ""), (editor.undo_buttons[0], ""),
        (buttons["submit"], ""), (editor.english, ""), (editor.photos, ""),
        (buttons["print"], ""), (buttons["export"], ""), (buttons["close"], ""),
        (editor.search, "")])  # and round again: no field is a dead end
    assert editor.focusWidget() is editor.items_view
    qtbot.keyClick(editor.items_view, Qt.Key.Key_Tab)
    qtbot.keyClick(editor.table, Qt.Key.Key_Up)  # to the first line, its quantity
    qtbot.keyClicks(editor.table, "7")  # typing opens the quantity
    qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)  # saved, and on to the next field
    assert editor.focusWidget() is editor.contingency
    qtbot.keyClick(editor.contingency, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert editor.focusWidget() is editor.table  # Shift+Tab comes back
    qtbot.waitUntil(lambda: not editor.saves.pending)  # the quantity, saved in a worker
    lines = boq_service.boq_view(demo_db, engineer, editor.view.id).lines
    assert sorted(line.quantity for line in lines) == [Decimal("1"), Decimal("7")]
    qtbot.keyClick(editor.table, Qt.Key.Key_Return)  # Enter in the lines saves nothing
    assert editor.isVisible()
