"""The members register in the dwelling file's household tab, and a worker picked from it."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

import case_inputs
from shelter_app.data.models import Dwelling, Worker
from shelter_app.domain.ids import make_tckn
from shelter_app.services.cases.records import register_case
from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog
from shelter_app.ui.labour.worker_dialog import WorkerDialog
from shelter_app.ui.number_columns import misaligned

SON_ID = make_tckn("512345678")
LEFT = Qt.MouseButton.LeftButton


def test_add_a_member_with_both_spellings_then_pick_them_as_worker(qtbot, demo_db, engineer):
    refs = register_case(demo_db, engineer, case_inputs.household(), case_inputs.dwelling(),
                         case_inputs.landlord())
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == refs.dwelling))
    file = DwellingFileDialog(demo_db, engineer, dwelling_id)
    qtbot.addWidget(file)
    file.show()
    file.tabs.setCurrentWidget(file.household_tab)
    panel = file.household_tab.members
    assert panel.model.rowCount() == 0
    qtbot.mouseClick(panel.add_button, LEFT)
    form = panel.dialog
    qtbot.keyClick(form.latin_name, Qt.Key.Key_Return)  # empty: every problem at once
    assert form.isVisible() and form.messages["latin_name"].text()
    assert form.focusWidget() is form.latin_name
    qtbot.keyClicks(form.latin_name, "Muhammed Halil")
    form.arabic_name.setText("محمد خليل")  # keyClicks takes ASCII only
    form.sex.setCurrentIndex(form.sex.findData("male"))
    form.birth_date.setDate(QDate(2000, 3, 4))
    form.relation.setCurrentIndex(form.relation.findData("child"))
    qtbot.keyClicks(form.id_number, SON_ID)
    qtbot.keyClick(form.id_number, Qt.Key.Key_Return)
    assert form.result() == QDialog.DialogCode.Accepted, form.error.text()
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 1).data() == "محمد خليل"
    assert misaligned(panel) == []  # its age and ID number end-aligned

    dialog = WorkerDialog(demo_db, engineer, refs.household)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.member and dialog.member.count() == 2
    dialog.member.setCurrentIndex(1)
    assert dialog.full_name.text() == "Muhammed Halil" and not dialog.full_name.isEnabled()
    assert dialog.birth_date.date().toPython() == date(2000, 3, 4)
    dialog.payment_method.setCurrentIndex(1)  # PTT: no IBAN
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    with demo_db.read() as session:
        worker = session.scalar(select(Worker).where(Worker.ref == dialog.ref))
    assert (worker.full_name, worker.id_number) == ("Muhammed Halil", SON_ID)


def test_the_worker_and_member_forms_ask_for_the_id_in_the_same_words(qtbot, in_language,
                                                                       demo_db, engineer):
    """The worker form said "TC Kimlik No ya da YKN", the member form "TCKN ya da YKN"."""
    from shelter_app.ui.households.members import MemberDialog

    in_language("tr")
    worker = WorkerDialog(demo_db, engineer, "GAZ-H-000001")
    member = MemberDialog(demo_db, engineer, "GAZ-H-000001", None)
    qtbot.addWidget(worker)
    qtbot.addWidget(member)
    assert worker.id_number.placeholderText() == member.id_number.placeholderText() == \
        "TCKN ya da YKN, 11 hane"
