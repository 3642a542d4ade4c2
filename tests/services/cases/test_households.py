"""Registering households and whole cases: checks, duplicates flagged before save, permissions."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

import case_inputs
from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, Landlord, Photo
from shelter_app.domain import clock
from shelter_app.domain.errors import (
    InvalidInput,
    NeedsConfirmation,
    NeedsSupervisor,
    PermissionDenied,
    ValidationError,
)
from shelter_app.domain.ids import make_tckn, make_ykn, tckn_check_digits
from shelter_app.domain.stages import ProtectionStatus, Stage
from shelter_app.services.cases.records import (
    dwelling_input,
    landlord_name,
    photo_positions,
    register_case,
    update_dwelling,
)
from shelter_app.services.cases.duplicate_ids import supervisor_confirmation
from shelter_app.services.cases.dwellings import search_dwellings
from shelter_app.services.cases.households import (
    household_view,
    register_household,
    update_household,
)


def counts(db: Database) -> tuple[int, int, int]:
    with db.read() as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) or 0
                     for model in (Household, Landlord, Dwelling))


def register(db, actor, confirm=False, supervisor=None, **parts):
    return register_case(db, actor, parts.get("household", case_inputs.household()),
                         parts.get("dwelling", case_inputs.dwelling()),
                         parts.get("landlord", case_inputs.landlord()), confirm=confirm,
                         supervisor=supervisor)


def test_register_case_creates_household_landlord_and_dwelling_with_next_refs(demo_db, engineer):
    refs = register(demo_db, engineer)
    assert refs.dwelling == "GAZ-D-000021"  # the demo has 20 dwellings per office
    assert refs.household == "GAZ-H-000021" and refs.landlord.startswith("GAZ-L-")
    with demo_db.read() as session:
        dwelling = session.scalar(select(Dwelling).where(Dwelling.ref == refs.dwelling))
        household = session.get(Household, dwelling.household_id)
    assert dwelling.stage is Stage.REGISTERED and str(dwelling.floor_area_m2) == "64.50"
    assert str(dwelling.latitude) == "37.066200"
    assert household.phone == "+905321234567" and household.size == 4
    assert household.consent_at.date() == clock.today() - timedelta(days=1)
    assert household.search_key == "zeynep kilic"
    found = search_dwellings(demo_db, "zeynep kilic")
    assert [row.ref for row in found] == [refs.dwelling]


@pytest.mark.parametrize(("part", "changes", "field"), [
    ("household", {"id_number": "12345678901"}, "id_number"),  # wrong check digits
    ("household", {"id_number": "1234567890"}, "id_number"),
    ("household", {"consent_on": None}, "consent_on"),
    ("household", {"head_name": "  "}, "head_name"),
    ("household", {"phone": "12345"}, "phone"),
    ("household", {"members": {}}, "members.female_18_59"),
    ("dwelling", {"floor_area_m2": "-40"}, "floor_area_m2"),
    ("dwelling", {"floor_area_m2": "6450"}, "floor_area_m2"),
    ("dwelling", {"rooms": "35"}, "rooms"),
    ("dwelling", {"latitude": "137"}, "latitude"),
    ("dwelling", {"street": ""}, "street"),
    ("landlord", {"name": ""}, "landlord_name"),
    ("landlord", {"id_number": "22222222222"}, "landlord_id_number"),
])
def test_bad_input_is_refused_at_its_field_and_saves_nothing(demo_db, engineer, part, changes,
                                                              field):
    before = counts(demo_db)
    maker = getattr(case_inputs, part)
    with pytest.raises(ValidationError) as raised:
        register(demo_db, engineer, **{part: maker(**changes)})
    assert raised.value.field == field
    assert raised.value.message
    assert counts(demo_db) == before


def test_gps_outside_turkiye_asks_for_confirmation_before_anything_is_saved(demo_db, engineer):
    before = counts(demo_db)
    outside = case_inputs.dwelling(latitude="48,85", longitude="2,35")
    with pytest.raises(NeedsConfirmation) as raised:
        register(demo_db, engineer, dwelling=outside)
    assert raised.value.warnings[0][0] == "latitude" and "outside Türkiye" in raised.value.message
    assert counts(demo_db) == before
    refs = register(demo_db, engineer, confirm=True, dwelling=outside)
    assert dwelling_input(demo_db, engineer, refs.dwelling).values.latitude == "48.850000"


def test_a_registered_id_number_is_refused_naming_the_record_unless_a_supervisor_confirms(
        demo_db, engineer, supervisor):
    with demo_db.read() as session:
        ref, number = session.execute(select(Household.ref, Household.head_id_number)
                                      .order_by(Household.ref).limit(1)).one()
    before = counts(demo_db)
    with pytest.raises(NeedsSupervisor) as raised:
        register(demo_db, engineer, confirm=True,
                 household=case_inputs.household(id_number=number))
    assert raised.value.field == "id_number" and ref in raised.value.message
    assert number not in raised.value.message  # the message names records, not the ID
    assert counts(demo_db) == before
    confirmation = supervisor_confirmation(demo_db, supervisor, "moved with her family")
    register(demo_db, engineer, supervisor=confirmation,
             household=case_inputs.household(id_number=number))
    assert counts(demo_db)[0] == before[0] + 1


def test_a_landlord_already_registered_is_flagged_and_can_be_linked_by_reference(demo_db,
                                                                                  engineer):
    with demo_db.read() as session:
        existing = session.scalar(select(Landlord).where(Landlord.ref == "GAZ-L-000001"))
    if existing.id_number:
        with pytest.raises(NeedsSupervisor, match="GAZ-L-000001"):
            register(demo_db, engineer,
                     landlord=case_inputs.landlord(id_number=existing.id_number))
    refs = register(demo_db, engineer, landlord=case_inputs.landlord(existing_ref="gaz-l-000001"))
    assert refs.landlord == "GAZ-L-000001"
    assert landlord_name(demo_db, engineer, "GAZ-L-000001") == existing.name
    with pytest.raises(ValidationError) as raised:
        register(demo_db, engineer, household=case_inputs.household(id_number=make_tckn(
            "512345678")), landlord=case_inputs.landlord(existing_ref="GAZ-L-999999"))
    assert raised.value.field == "landlord_ref"


def test_landlord_of_another_office_cannot_be_linked(demo_db, engineer):
    with pytest.raises(PermissionDenied, match="another office"):
        register(demo_db, engineer, landlord=case_inputs.landlord(existing_ref="ADA-L-000001"))


def test_tenant_and_landlord_with_the_same_id_are_refused(demo_db, engineer):
    with pytest.raises(ValidationError, match="same ID") as raised:
        register(demo_db, engineer,
                 landlord=case_inputs.landlord(id_number=case_inputs.HEAD_TCKN))
    assert raised.value.field == "landlord_id_number"


def test_a_foreign_id_with_failing_check_digits_is_a_warning_to_confirm(demo_db, engineer):
    good = make_ykn("1234567")
    bad = good[:10] + str((int(good[10]) + 1) % 10)
    assert tckn_check_digits(bad[:9]) != bad[9:]
    data = case_inputs.household(id_number=bad, nationality="Suriye",
                                 protection_status=ProtectionStatus.TEMPORARY)
    with pytest.raises(NeedsConfirmation, match="residence permit"):
        register_household(demo_db, engineer, data)
    ref = register_household(demo_db, engineer, data, confirm=True)
    assert household_view(demo_db, engineer, ref).id_number == bad


def test_admin_may_not_register_or_edit_and_supervisor_may_by_the_matrix(demo_db, admin,
                                                                        supervisor):
    before = counts(demo_db)
    with pytest.raises(PermissionDenied):
        register(demo_db, admin)
    with pytest.raises(PermissionDenied):
        register_household(demo_db, admin, case_inputs.household())
    with pytest.raises(PermissionDenied):
        update_dwelling(demo_db, admin, "GAZ-D-000001", case_inputs.dwelling())
    assert counts(demo_db) == before
    assert register(demo_db, supervisor).dwelling.startswith("GAZ-D-")  # supervisors edit cases


def test_update_household_renames_and_reindexes_its_dwelling(demo_db, engineer):
    refs = register(demo_db, engineer)
    view = household_view(demo_db, engineer, refs.household)
    update_household(demo_db, engineer, refs.household,
                     case_inputs.household(head_name="Zeynep Çağlayangil", members={"female_18_59": 1}))
    assert [row.ref for row in search_dwellings(demo_db, "caglayangil zeynep")] == [refs.dwelling]
    assert search_dwellings(demo_db, "kilic zeynep") == []
    after = household_view(demo_db, engineer, refs.household)
    assert after.size == 1 and view.size == 4
    assert after.as_input().head_name == "Zeynep Çağlayangil"


def test_update_household_in_another_office_is_refused(demo_db, engineer):
    with pytest.raises(PermissionDenied):
        update_household(demo_db, engineer, "ADA-H-000001", case_inputs.household())


def test_update_dwelling_warns_only_when_the_position_moves_outside(demo_db, engineer):
    refs = register(demo_db, engineer, confirm=True,
                    dwelling=case_inputs.dwelling(latitude="48.85", longitude="2.35"))
    same = case_inputs.dwelling(latitude="48.85", longitude="2.35", street="Ihlamurlu Sokak")
    update_dwelling(demo_db, engineer, refs.dwelling, same)  # unchanged position: no question
    assert [row.ref for row in search_dwellings(demo_db, "ihlamurlu")] == [refs.dwelling]
    with pytest.raises(NeedsConfirmation):
        update_dwelling(demo_db, engineer, refs.dwelling,
                        case_inputs.dwelling(latitude="48.86", longitude="2.35"))
    assert dwelling_input(demo_db, engineer, refs.dwelling).values.latitude == "48.850000"


def test_photo_positions_offer_the_gps_of_the_dwellings_photos(demo_db, engineer):
    refs = register(demo_db, engineer)
    with demo_db.write(engineer) as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == refs.dwelling))
        for n, lat in enumerate((None, "37.070001")):
            session.add(Photo(dwelling_id=dwelling_id, sha256=f"{n:064d}", size_bytes=1,
                              width=1, height=1, latitude=lat, longitude=lat and "37.38",
                              original_name=f"IMG_{n}.jpg"))
    (position,) = photo_positions(demo_db, engineer, refs.dwelling)
    assert str(position.latitude) == "37.070001" and position.name == "IMG_1.jpg"


def test_one_save_reports_every_problem_of_the_three_parts_at_once(demo_db, engineer):
    before = counts(demo_db)
    with pytest.raises(InvalidInput) as error:
        register(demo_db, engineer,
                 household=case_inputs.household(head_name="", id_number="12345678901",
                                                 consent_on=None),
                 dwelling=case_inputs.dwelling(street="", floor_area_m2="-4"),
                 landlord=case_inputs.landlord(name="", iban="TR00 1234"))
    fields = [field for field, _ in error.value.problems]
    assert fields == ["head_name", "id_number", "consent_on", "street", "floor_area_m2",
                      "landlord_name", "landlord_iban"]
    assert counts(demo_db) == before


def test_a_new_landlords_iban_and_address_are_kept_for_the_agreement(demo_db, engineer):
    refs = register(demo_db, engineer, landlord=case_inputs.landlord(
        iban="tr33 0006 1005 1978 6457 8413 26", address="Gül Sk. 4/2 Şahinbey"))
    with demo_db.read() as session:
        owner = session.scalar(select(Landlord).where(Landlord.ref == refs.landlord))
    assert (owner.iban, owner.address) == ("TR330006100519786457841326", "Gül Sk. 4/2 Şahinbey")


def test_an_unknown_landlord_reference_is_reported_with_the_other_problems(demo_db, engineer):
    with pytest.raises(InvalidInput) as error:
        register(demo_db, engineer, household=case_inputs.household(head_name=""),
                 landlord=case_inputs.landlord(existing_ref="GAZ-L-999999"))
    assert [field for field, _ in error.value.problems] == ["head_name", "landlord_ref"]
