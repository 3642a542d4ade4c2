"""The three registrations of issue 21's "Done when": a case, a worker and an agreement take
one round when the data is wrong: the first Save names every problem at its field, and once
they are corrected the next Save saves. (One Save when right: test_keyboard_walks.py and
test_case_forms.py's whole case by keyboard.)"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import func, select

import labour_factories as lf
from agreement_cases import approved_dwelling
from shelter_app.data.models import Household, Worker
from shelter_app.ui.agreements.forms import AgreementDialog
from shelter_app.ui.households.dialogs import RegisterCaseDialog
from shelter_app.ui.labour.worker_dialog import WorkerDialog
from ui.test_case_forms import HEAD_TCKN, fill_case

LEFT = Qt.MouseButton.LeftButton


def _count(db, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _shown(qtbot, dialog: QDialog) -> QDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _problems(dialog) -> set[str]:
    return {name for name, label in dialog.messages.items() if label.text()}


def test_a_wrong_case_takes_one_round(qtbot, demo_db, engineer):
    dialog = _shown(qtbot, RegisterCaseDialog(demo_db, engineer))
    before = _count(demo_db, Household)
    fill_case(qtbot, dialog, id_number="12345678901", area="-40")  # bad check digits, area
    dialog.dwelling.street.clear()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert _problems(dialog) == {"id_number", "floor_area_m2", "street"}
    dialog.household.id_number.setText(HEAD_TCKN)
    dialog.dwelling.floor_area.setText("64,5")
    dialog.dwelling.street.setText("Gül Sokak")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted, _problems(dialog)
    assert _count(demo_db, Household) == before + 1


def test_a_wrong_worker_takes_one_round(qtbot, db):
    p = lf.programme(db)
    dialog = _shown(qtbot, WorkerDialog(p.db, p.engineer, p.household_ref))
    data = lf.worker_input(p.household_ref)
    qtbot.keyClicks(dialog.id_number, "123")
    qtbot.keyClicks(dialog.iban, "TR00 bad")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert _problems(dialog) == {"full_name", "id_number", "iban"}
    dialog.full_name.setText("Şükrü İğdeli")
    dialog.id_number.setText(data.id_number)
    dialog.iban.setText(data.iban)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted, _problems(dialog)
    assert _count(p.db, Worker) == 1


def test_a_wrong_agreement_takes_one_round(qtbot, demo_db, engineer, supervisor):
    dialog = _shown(qtbot, AgreementDialog(demo_db, engineer, mode="new", dwelling_ref=(
        approved_dwelling(demo_db, engineer, supervisor))))
    dialog.term.setValue(24)
    dialog.rent.setText("yedi bin")
    dialog.deposit.setText("-5")
    dialog.parcel.setText("56")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert _problems(dialog) == {"monthly_rent", "deposit"}
    assert not dialog.result_number
    dialog.rent.setText("7500,00")
    dialog.deposit.setText("15000")
    dialog.block.setText("1234")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted, _problems(dialog)
    assert dialog.result_number
