"""Screens write numbers, dates and names as the interface language does, and read typed
numbers with the Turkish decimal comma: assessments, dwelling forms, photos, nationality and
the audit trail."""

import re
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel
from sqlalchemy import select

from shelter_app.data.models import Assessment, Dwelling, Household, Photo
from shelter_app.domain.stages import PhotoTag, ProtectionStatus
from shelter_app.services.agreements.lookup import VisitRow
from shelter_app.services.accounts.audit_log import AuditRow
from shelter_app.services.cases.dwellings import dwelling_file
from shelter_app.services.cases.households import HouseholdInput
from shelter_app.services.photos.photos import PhotoRow
from shelter_app.ui import formats
from shelter_app.ui.agreements.models import VisitsModel
from shelter_app.ui.assessments.form import AssessmentDialog
from shelter_app.ui.assessments.page import AssessmentTableModel, _decision
from shelter_app.ui.assessments.tab import AssessmentHistoryModel, AssessmentsTab, decision_text
from shelter_app.ui.audit.model import describe_changes
from shelter_app.ui.dwellings.file_tabs import HouseholdTab, read_household
from shelter_app.ui.households.dialogs import EditDwellingDialog, RegisterCaseDialog
from shelter_app.ui.photos.panel import PhotoDetailsDialog
from shelter_app.ui.photos.viewer import describe
from shelter_app.ui.sync.conflicts import value_text

REF = "GAZ-D-000001"
#: a Turkish number shown: digits with "." between thousands and "," before decimals
TURKISH_NUMBER = re.compile(r"\d{1,3}(\.\d{3})*(,\d+)?")


def dwelling_id(db, ref: str = REF) -> uuid.UUID:
    with db.read() as session:
        return session.scalar(select(Dwelling.id).where(Dwelling.ref == ref))


def test_assessment_scores_areas_and_dates_use_the_decimal_comma(qtbot, in_language, demo_db,
                                                                 engineer):
    in_language("tr")
    with demo_db.read() as session:
        scored = session.scalar(select(Assessment).where(
            Assessment.priority_score.is_not(None), Dwelling.ref.startswith("GAZ-"))
            .join(Dwelling).limit(1))
        ref = session.get(Dwelling, scored.dwelling_id).ref
    listed = AssessmentTableModel(demo_db)
    listed.text = ref
    listed.reload()
    row = next(n for n in range(listed.rowCount()) if listed.row_at(n).id == scored.id)
    score = listed.index(row, 2).data()
    assert TURKISH_NUMBER.fullmatch(score) and "," in score  # e.g. "57,50", not "57.50"
    assert listed.index(row, 0).data() == scored.assessed_on.strftime("%d.%m.%Y")

    history = AssessmentHistoryModel(demo_db, engineer, ref)
    shown = [history.index(n, column).data() for n in range(history.rowCount())
             for column in (3, 4)]
    assert all(TURKISH_NUMBER.fullmatch(text) for text in shown if text)
    tab = AssessmentsTab(demo_db, engineer, ref)
    qtbot.addWidget(tab)
    details = tab.details.toPlainText()
    assert not re.search(r"\d\.\d", details), details  # room sizes, take-off: "4,2 × 3,1 m"


def test_assessment_form_previews_and_reloads_rooms_in_turkish(qtbot, in_language, demo_db,
                                                               engineer):
    in_language("tr")
    dialog = AssessmentDialog(demo_db, engineer, REF)
    qtbot.addWidget(dialog)
    assert dialog.rooms.table.rowCount()  # the last assessment's rooms, typed the Turkish way
    lengths = [dialog.rooms.text(row, key) for row in range(dialog.rooms.table.rowCount())
               for key in ("length_m", "width_m", "height_m")]
    assert all(re.fullmatch(r"\d+(,\d+)?", text) for text in lengths), lengths
    dialog.rooms.add_row({"name": "Depo", "length_m": "3,25", "width_m": "2,5",
                          "height_m": "2,7"})
    dialog.occupants.setText("40")  # crowded: the preview names the Sphere minimum
    assert "3,5 m²" in dialog.preview.text()  # Sphere's 3.5 m² per person
    assert not re.search(r"\d\.\d", dialog.preview.text() + dialog.quantities.text())


def test_dwelling_form_shows_and_takes_the_decimal_comma(qtbot, in_language, demo_db,
                                                         engineer):
    in_language("tr")
    with demo_db.write(engineer) as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == REF))
        dwelling.floor_area_m2 = Decimal("72.50")
        session.add(Photo(dwelling_id=dwelling.id, sha256="b" * 64, size_bytes=1, width=1,
                          height=1, latitude=Decimal("37.071234"), longitude=Decimal("37.38"),
                          taken_at=datetime(2026, 11, 25, 9, 5, tzinfo=UTC),
                          original_name="IMG_0002.jpg"))
    dialog = EditDwellingDialog(demo_db, engineer, REF)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.dwelling.floor_area.text() == "72,5"
    picked = dialog.photo_position.itemText(1)
    assert "37,071234; 37,38" in picked and "25.11.2026" in picked, picked
    dialog.photo_position.setCurrentIndex(1)
    dialog.photo_position.activated.emit(1)
    assert dialog.dwelling.latitude.text() == "37,071234"
    dialog.dwelling.floor_area.setText("64,5")
    qtbot.keyClick(dialog.dwelling.floor_area, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error.text()
    file = dwelling_file(demo_db, REF)
    assert (file.floor_area_m2, file.latitude) == (Decimal("64.50"), Decimal("37.071234"))


def test_photo_texts_show_local_dates_and_positions(qtbot, in_language, demo_db, engineer):
    in_language("tr")
    taken = datetime(2026, 11, 25, 9, 5, tzinfo=UTC)
    row = PhotoRow(uuid.uuid4(), dwelling_id(demo_db), "c" * 64, PhotoTag.BEFORE, "Salon",
                   None, None, taken, Decimal("37.0662"), Decimal("37.3833"), 1, 1,
                   "IMG_0003.jpg", taken)
    text = describe(row)
    assert formats.datetime_text(taken) in text and "37,0662; 37,3833" in text
    assert "2026-11" not in text
    details = PhotoDetailsDialog(demo_db, engineer, row)
    qtbot.addWidget(details)
    days = [details.assessment.itemText(n) for n in range(1, details.assessment.count())]
    assert days and all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", day) for day in days), days


def test_nationality_is_offered_in_the_users_language_and_stored_in_turkish(qtbot, demo_db,
                                                                            engineer):
    dialog = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(dialog)
    box = dialog.household
    offered = [box.nationality.itemText(n) for n in range(box.nationality.count())]
    assert "Syrian" in offered and "Suriye" not in offered
    box.nationality.setCurrentIndex(offered.index("Syrian"))
    assert box.values().nationality == "Suriye"
    box.nationality.setCurrentText("iraqi")  # typed, in any case
    assert box.values().nationality == "Irak"
    box.nationality.setCurrentText("Ukrayna")  # not listed: kept as typed
    assert box.values().nationality == "Ukrayna"
    box.load(HouseholdInput("Ali Veli", "", "İran", ProtectionStatus.TEMPORARY, None))
    assert box.nationality.currentText() == "Iranian" and box.values().nationality == "İran"

    with demo_db.read() as session:
        ref = session.scalar(select(Household.ref).where(
            Household.nationality == "Suriye", Household.ref.startswith("GAZ-")).limit(1))
    tab = HouseholdTab(demo_db, engineer, ref, lambda: None,
                       read_household(demo_db, engineer, ref))
    qtbot.addWidget(tab)
    assert "Syrian" in [label.text() for label in tab.findChildren(QLabel)]


def test_audit_changes_name_fields_by_their_labels_and_show_local_values(in_language):
    row = AuditRow(datetime(2026, 11, 25, tzinfo=UTC), "engineer.gaz", "update", "households",
                   uuid.uuid4(), "GAZ-H-000001", {"head_name": ["Ali", "Ayşe"],
                                                  "iban": [None, "TR33…"], "mystery": [1, 2],
                                                  "id": [None, "x"]}, None)
    assert describe_changes(row) == ("head of household: Ali → Ayşe; IBAN: — → TR33…; "
                                     "mystery: 1 → 2")
    in_language("tr")
    assert describe_changes(row).startswith("hane reisi: Ali → Ayşe; IBAN:")
    moment = datetime(2026, 11, 25, 9, 5, tzinfo=UTC)
    values = AuditRow(moment, "admin", "update", "users", uuid.uuid4(), "engineer.gaz",
                      {"active": [True, False], "consent_at": [None, "2026-11-25"],
                       "locked_until": [None, moment.isoformat()],
                       "street": ["2026-13-45", "Gül Sokak"]}, None)
    assert describe_changes(values) == (
        f"etkin: evet → hayır; açık rıza (KVKK): — → 25.11.2026; kilit bitişi: — → "
        f"{formats.datetime_text(moment, seconds=True)}; cadde/sokak: 2026-13-45 → Gül Sokak")
    created = AuditRow(moment, "engineer.gaz", "create", "photos", uuid.uuid4(), "Salon",
                       {"caption": [None, "Salon penceresi"], "tag": [None, "before"],
                        "id": [None, "x"]}, None)
    assert describe_changes(created) == "açıklama: Salon penceresi; etiket: Önce"


def test_dates_in_date_editors_follow_the_language(qtbot, in_language, demo_db, engineer):
    in_language("en")
    dialog = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(dialog)
    dialog.household.consent_on.setDate(date(2026, 11, 25))
    assert dialog.household.consent_on.text() == "25/11/2026"


def test_audit_changes_show_codes_by_the_labels_the_screens_use(in_language):
    def change(entity: str, **fields: list) -> str:
        return describe_changes(AuditRow(datetime(2026, 11, 25, tzinfo=UTC), "admin", "update",
                                         entity, uuid.uuid4(), "X-1", fields, None))

    assert change("dwellings", stage=["registered", "assessed"]) == \
        "stage: Registered → Assessed"
    assert change("households", protection_status=["temporary_protection", "host_community"]) \
        == "protection status: Temporary protection → Host community"
    assert change("users", role=["engineer", "admin"]) == "role: engineer → administrator"
    assert change("workers", payment_method=["iban", "ptt"]) == \
        "payment method: Bank transfer (IBAN) → Cash at PTT"
    assert change("landlords", kind=["person", "company"]) == "kind: Person → Company"
    assert change("photos", tag=["before", "after"]) == "tag: Before → After"
    # "status" holds another set in each table
    assert change("lease_agreements", status=["printed", "signed"]) == \
        "status: Printed → Signed"
    assert change("timesheets", status=["submitted", "returned"]) == \
        "status: Submitted → Returned"
    assert change("payment_batches", status=["exported", "paid"]) == "status: Exported → Paid"
    # free text, or a code no set knows, stays as logged
    assert change("dwellings", notes=["assessed", "ptt"], stage=["assessed", "archived"]) == \
        "notes: assessed → ptt; stage: Assessed → archived"
    in_language("tr")
    assert change("dwellings", stage=["registered", "assessed"]) == \
        "aşama: Kayıtlı → Değerlendirildi"


def test_monitoring_visits_say_yes_and_no_in_the_users_language(in_language):
    in_language("tr")
    visits = VisitsModel()
    visits.set_rows([VisitRow(uuid.uuid4(), date(2027, 3, 1), date(2027, 3, 2), None, present,
                              "") for present in (True, False, None)])
    assert [visits.index(row, 3).data() for row in range(3)] == ["Evet", "HAYIR", ""]
    assert visits.index(0, 1).data() == "02.03.2027"


def test_audit_changes_write_logged_decimals_as_the_language_does(in_language):
    """The log keeps a Decimal as "37.012839": a Turkish screen showed it with a decimal point."""
    row = AuditRow(datetime(2026, 11, 25, tzinfo=UTC), "engineer.gaz", "update", "photos",
                   uuid.uuid4(), "GAZ-D-000001", {"latitude": [None, "37.012839"],
                                                  "monthly_rent": ["9250.00", "10250.00"],
                                                  "width": [None, 1024], "street": [None, "No.5"]},
                   None)
    in_language("tr")
    changes = describe_changes(row)
    assert "→ 37,012839" in changes and "9.250,00 → 10.250,00" in changes
    assert "→ 1024" in changes and "→ No.5" in changes  # whole numbers and text as logged
    in_language("en")
    assert "9,250.00 → 10,250.00" in describe_changes(row)


def test_every_lists_column_titles_start_with_a_capital_in_turkish(in_language):
    """The assessments list headed one column "kişi başına m²" beside "Tarih", "Öncelik"."""
    import importlib
    import pkgutil

    import shelter_app.ui
    from PySide6.QtCore import QCoreApplication

    from shelter_app.ui.paged_model import PagedTableModel

    for module in pkgutil.walk_packages(shelter_app.ui.__path__, "shelter_app.ui."):
        importlib.import_module(module.name)
    in_language("tr")
    lower = [f"{model.__name__}: {title}" for model in _subclasses(PagedTableModel)
             for title in (QCoreApplication.translate(model.__name__, column.header)
                           for column in getattr(model, "columns", []))
             if title[:1].islower()]
    assert len(_subclasses(PagedTableModel)) > 10 and lower == []


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def test_the_dwellings_number_examples_are_written_as_the_user_types_them(qtbot, in_language,
                                                                          demo_db, engineer):
    """The English form offered "e.g. 37,0662" and "m², e.g. 64,5": Turkish decimal commas."""
    in_language("en")
    dialog = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(dialog)
    assert dialog.dwelling.floor_area.placeholderText() == "m², e.g. 64.5"
    assert dialog.dwelling.latitude.placeholderText() == "e.g. 37.0662"
    in_language("tr")
    dialog = RegisterCaseDialog(demo_db, engineer)
    qtbot.addWidget(dialog)
    assert dialog.dwelling.longitude.placeholderText() == "ör. 37,3833"


@pytest.mark.parametrize(("code", "words"), [("en", ["Eligible", "Not eligible", "Yes", "No"]),
                                             ("tr", ["Uygun", "Uygun değil", "Evet", "Hayır"])])
def test_decisions_and_yes_no_in_lists_start_with_a_capital_as_statuses_do(in_language, code,
                                                                           words):
    in_language(code)
    decisions = [decision_text(SimpleNamespace(eligible=value)) for value in (True, False)]
    assert decisions == [_decision(SimpleNamespace(eligible=value)) for value in (True, False)]
    assert decisions + [value_text("dwellings", "x", value) for value in (True, False)] == words
