"""Landlords: a person or a company, a valid Turkish IBAN, duplicates flagged before saving."""

import dataclasses

import pytest
from agreement_cases import LANDLORD_IBAN, landlord_data
from sqlalchemy import func, select

from shelter_app.data.models import Dwelling, Landlord
from shelter_app.domain.errors import (
    NeedsConfirmation,
    NeedsSupervisor,
    PermissionDenied,
    ValidationError,
)
from shelter_app.domain.ids import make_vkn
from shelter_app.services.cases.duplicate_ids import supervisor_confirmation
from shelter_app.services.cases.dwellings import search_dwellings
from shelter_app.services.agreements.landlords import (
    landlord_view,
    list_landlords,
    register_landlord,
    update_landlord,
)


def count(db) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Landlord))


def test_register_a_person_and_a_company(demo_db, engineer):
    typed = " tr" + LANDLORD_IBAN[2:].lower()
    ref = register_landlord(demo_db, engineer, landlord_data(iban=typed))
    view = landlord_view(demo_db, engineer, ref)
    assert ref.startswith("GAZ-L-") and view.data.name == "Öztürk & Oğulları <Ltd>"
    assert view.data.iban.replace(" ", "") == LANDLORD_IBAN
    company = register_landlord(demo_db, engineer, landlord_data(
        kind="company", name="Yılmaz İnşaat A.Ş.", id_number=make_vkn("123456789"), iban=""))
    assert [row.name for row in list_landlords(demo_db, engineer, "yilmaz insaat")] == [
        "Yılmaz İnşaat A.Ş."]
    assert company != ref


@pytest.mark.parametrize("changes, field", [
    ({"iban": "TR330006100519786457841327"}, "iban"),
    ({"iban": "DE89370400440532013000"}, "iban"),
    ({"id_number": "12345678901"}, "id_number"),
    ({"kind": "company", "id_number": make_vkn("123456789")[:-1] + "9"}, "id_number"),
    ({"name": " "}, "name"),
    ({"address": ""}, "address"),
    ({"phone": "0212 123 45 67"}, "phone"),
])
def test_bad_values_are_refused_at_their_field_and_nothing_is_saved(demo_db, engineer, changes,
                                                                     field):
    before = count(demo_db)
    with pytest.raises(ValidationError) as error:
        register_landlord(demo_db, engineer, landlord_data(**changes))
    assert error.value.field == field
    assert count(demo_db) == before


def test_every_bad_value_is_named_at_once(demo_db, engineer):
    from shelter_app.domain.errors import InvalidInput

    before = count(demo_db)
    with pytest.raises(InvalidInput) as error:
        register_landlord(demo_db, engineer, landlord_data(
            name=" ", id_number="12345678901", iban="DE89370400440532013000", address="",
            phone="0212 123 45 67"))
    assert [field for field, _ in error.value.problems] == [
        "name", "id_number", "iban", "phone", "address"]
    assert count(demo_db) == before


def test_the_same_id_is_refused_and_the_same_iban_flagged_before_saving(demo_db, engineer,
                                                                       supervisor):
    register_landlord(demo_db, engineer, landlord_data())
    before = count(demo_db)
    with pytest.raises(NeedsSupervisor) as refused:
        register_landlord(demo_db, engineer, landlord_data(name="Başka Biri"), confirm=True)
    assert [field for field, _ in refused.value.duplicates] == ["id_number"]
    assert [field for field, _ in refused.value.warnings] == ["iban"]
    assert count(demo_db) == before
    confirmation = supervisor_confirmation(demo_db, supervisor, "one owner, two flats")
    with pytest.raises(NeedsConfirmation) as flagged:  # the IBAN is still the engineer's call
        register_landlord(demo_db, engineer, landlord_data(name="Başka Biri"),
                          supervisor=confirmation)
    assert [field for field, _ in flagged.value.warnings] == ["iban"]
    register_landlord(demo_db, engineer, landlord_data(name="Başka Biri"), confirm=True,
                      supervisor=confirmation)
    assert count(demo_db) == before + 1


def test_a_renamed_landlord_is_found_by_the_new_name(demo_db, engineer):
    with demo_db.read() as session:
        landlord = session.scalar(select(Landlord).where(Landlord.ref == "GAZ-L-000002"))
    data = dataclasses.replace(landlord_data(), name="Şükrü Çağlayan",
                               id_number=landlord.id_number, iban=landlord.iban)
    update_landlord(demo_db, engineer, landlord.ref, data)
    found = search_dwellings(demo_db, "sukru caglayan")
    with demo_db.read() as session:
        owned = session.scalar(select(func.count()).select_from(Dwelling)
                               .where(Dwelling.landlord_id == landlord.id))
    assert owned and len(found) == owned
    assert {row.landlord for row in found} == {"Şükrü Çağlayan"}


def test_roles_and_offices(demo_db, admin, engineer):
    with pytest.raises(PermissionDenied):
        register_landlord(demo_db, admin, landlord_data())
    assert list_landlords(demo_db, engineer) and all(
        row.ref.startswith("GAZ-") for row in list_landlords(demo_db, engineer))
    assert "*" in list_landlords(demo_db, admin)[0].iban  # KVKK: masked for the administrator
    with pytest.raises(PermissionDenied):
        landlord_view(demo_db, engineer, "ANK-L-000001")
