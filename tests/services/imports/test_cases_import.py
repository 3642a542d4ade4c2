"""Importing whole cases, one row each: household, dwelling and landlord saved together, one
landlord however many rows name them, the forms' rules per part, found by the dwelling search."""

from pathlib import Path

import pytest
from import_files import tckn
from import_runs import messages, run, table_counts, table_csv
from server_dbs import target
from sqlalchemy import select
from cli_runner import run as run_cli

from shelter_app.data.models import Dwelling, ExternalKey, Household, Landlord, Office
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.stages import LandlordKind, Stage
from shelter_app.services.cases.dwellings import search_dwellings

HEADER = ["Adı Soyadı", "TC Kimlik No", "Uyruk", "Koruma Statüsü", "Rıza Tarihi", "Kadın 18-59",
          "İl", "İlçe", "Mahalle", "Sokak", "Bina No", "Daire No", "Ev Sahibi Adı",
          "Ev Sahibi TC", "Ev Sahibi Telefon", "Ev Sahibi IBAN"]
LANDLORD_ID = tckn(951)


def case(head: str, n: int, *, building: str = "12", landlord: tuple[str, str, str, str] = (
        "", "", "", "")) -> list[str]:
    return [head, tckn(n), "Suriye", "Geçici koruma", "03.11.2026", "1", "Gaziantep",
            "Şahinbey", "Güneykent Mah.", "Atatürk Cd.", building, str(n % 10), *landlord]


@pytest.fixture
def registered(demo_db) -> Landlord:
    """A registered Gaziantep landlord (a person), from the demo data."""
    with demo_db.read() as session:
        landlord = session.scalar(select(Landlord).join(Office).where(
            Office.code == "GAZ", Landlord.kind == LandlordKind.PERSON)
            .order_by(Landlord.ref).limit(1))
    assert landlord is not None
    return landlord


@pytest.fixture
def cases_csv(tmp_path: Path, registered: Landlord) -> Path:
    """Two tenants of one new landlord, a tenant without landlord, one of a registered one."""
    husnu = ("Hüsnü Güngördü", LANDLORD_ID, "0532 765 43 21", make_tr_iban("00062", "1" * 16))
    return table_csv(tmp_path / "vaka listesi.csv", [
        HEADER,
        case("Gülizar Kılıçarslan", 901, landlord=husnu),
        case("Şerafettin Öğüt", 902, landlord=("Hüsnü Güngördü", LANDLORD_ID, "", "")),
        case("Rükiye Işıldak", 903),
        case("İsmet Çağıl", 904, landlord=(registered.name, registered.id_number or "", "", "")),
    ])


def test_one_row_registers_household_dwelling_and_one_landlord(demo_db, engineer, cases_csv,
                                                               registered):
    before = table_counts(demo_db)
    result = run(demo_db, engineer, cases_csv, "cases")
    assert result.committed and result.counts["new"] == 4, result.outcomes
    after = table_counts(demo_db)
    assert after["households"] == before["households"] + 4
    assert after["dwellings"] == before["dwellings"] + 4
    assert after["landlords"] == before["landlords"] + 1  # Hüsnü once, the registered linked

    refs = [outcome.ref for outcome in result.outcomes]
    assert all(ref.startswith("GAZ-D-") for ref in refs)
    with demo_db.read() as session:
        dwellings = {d.ref: d for d in session.scalars(select(Dwelling).where(
            Dwelling.ref.in_(refs)))}
        husnu = session.scalar(select(Landlord).where(Landlord.id_number == LANDLORD_ID))
        heads = {h.id: h for h in session.scalars(select(Household).where(
            Household.id.in_([d.household_id for d in dwellings.values()])))}
        linked = session.get(Landlord, registered.id)
    first, second, alone, fourth = (dwellings[ref] for ref in refs)
    assert (husnu.phone, husnu.iban) == ("+905327654321", make_tr_iban("00062", "1" * 16))
    assert (husnu.ref.startswith("GAZ-L-"), husnu.address) == (True, None)
    assert first.landlord_id == second.landlord_id == husnu.id
    assert alone.landlord_id is None and fourth.landlord_id == registered.id
    assert (linked.name, linked.version) == (registered.name, registered.version)  # unchanged
    assert heads[first.household_id].head_name == "Gülizar Kılıçarslan"
    assert heads[first.household_id].members["female_18_59"] == 1
    assert (first.stage, first.street, first.office_id) == (Stage.REGISTERED, "Atatürk Cd.",
                                                            husnu.office_id)

    by_landlord = search_dwellings(demo_db, "HUSNU gungordu")
    assert sorted(row.ref for row in by_landlord) == sorted(refs[:2])
    assert [row.ref for row in search_dwellings(demo_db, "gulizar kilicarslan")] == [refs[0]]
    assert {row.landlord for row in by_landlord} == {"Hüsnü Güngördü"}

    again = run(demo_db, engineer, cases_csv, "cases")
    assert again.counts["new"] == 0 and again.counts["skipped"] == 4, again.outcomes
    assert table_counts(demo_db)["landlords"] == after["landlords"]
    assert again.outcomes[0].message == f"already registered as {refs[0]}"


def test_the_forms_rules_reject_only_the_row_that_breaks_them(demo_db, engineer, tmp_path):
    path = table_csv(tmp_path / "vakalar.csv", [
        HEADER,
        case("Kendi Evinde", 911, landlord=("Kendi Evinde", tckn(911), "", "")),
        case("Adressiz Kişi", 912, building=""),
        case("Doğru Kişi", 913, landlord=("Yeni Ev Sahibi", tckn(952), "", "")),
        case("Yanlış Iban", 914, landlord=("Başka Ev Sahibi", tckn(953), "", "TR00 1234")),
    ])
    before = table_counts(demo_db)
    result = run(demo_db, engineer, path, "cases")
    assert result.counts["new"] == 1 and result.counts["rejected"] == 3, result.outcomes
    rejected = messages(result)
    assert rejected[2] == ("Ev Sahibi TC: The landlord and the head of household have the same "
                           "ID number; the programme supports tenants, not owners.")
    assert rejected[3].startswith("Bina No: ")
    assert rejected[5].startswith("Ev Sahibi IBAN: ")
    after = table_counts(demo_db)
    assert (after["households"], after["dwellings"], after["landlords"]) == (
        before["households"] + 1, before["dwellings"] + 1, before["landlords"] + 1)


def test_a_kobo_case_updated_changes_the_household_only(demo_db, engineer, tmp_path):
    def export(head: str, landlord: str) -> Path:
        return table_csv(tmp_path / "kobo.csv", [
            [*HEADER, "_uuid"],
            [*case(head, 921, landlord=(landlord, tckn(954), "", "")), "c0ffee00-0921"]])

    first = run(demo_db, engineer, export("Nazlı Öz", "Cemil Taş"), "cases")
    assert first.counts["new"] == 1, first.outcomes
    with demo_db.read() as session:
        household = session.scalar(select(Household).where(Household.head_id_number == tckn(921)))
        key = session.scalar(select(ExternalKey).where(ExternalKey.key == "c0ffee00-0921"))
        dwelling = session.scalar(select(Dwelling).where(Dwelling.household_id == household.id))
    assert (key.entity, key.entity_id) == ("households", household.id)  # the kind's record

    again = run(demo_db, engineer, export("Nazlı Özdemir", "Cemil Taşçı"), "cases",
                update_duplicates=True)
    assert again.counts["updated"] == 1, again.outcomes
    assert again.outcomes[0].ref == dwelling.ref
    with demo_db.read() as session:
        landlord = session.scalar(select(Landlord).where(Landlord.id_number == tckn(954)))
        assert session.get(Household, household.id).head_name == "Nazlı Özdemir"
        assert session.get(Dwelling, dwelling.id).version == dwelling.version
    assert landlord.name == "Cemil Taş"  # a registered landlord is linked, never changed
    assert [row.ref for row in search_dwellings(demo_db, "nazli ozdemir")] == [dwelling.ref]


def test_the_command_line_imports_cases_and_prints_the_counts(demo_db, cases_csv, capsys):
    code, out, err = run_cli(capsys, "import", str(cases_csv), "--kind", "cases", "--office",
                             "GAZ", "--db", target(demo_db))
    assert code == 0, err
    assert out == ("4 rows imported, 0 updated, 0 skipped (0 unchanged), 0 rejected; 0 empty "
                   "rows ignored.\n")


def test_a_landlord_written_differently_on_a_later_row_needs_confirmation(demo_db, engineer,
                                                                          tmp_path):
    iban = make_tr_iban("00062", "1" * 16)
    path = table_csv(tmp_path / "vakalar.csv", [
        HEADER,
        case("Gülizar Kılıçarslan", 911, landlord=("Hüsnü Güngördü", LANDLORD_ID, "", iban)),
        case("Şerafettin Öğüt", 912, landlord=("HÜSNÜ GÜNGÖRDÜ", LANDLORD_ID, "", "")),
        case("Rükiye Işıldak", 913, landlord=("Hüsnü Kaya", LANDLORD_ID, "", "")),
    ])
    result = run(demo_db, engineer, path, "cases")
    assert [o.status.value for o in result.outcomes] == ["new", "new", "rejected"]
    assert "written differently on an earlier row (Hüsnü Güngördü)" in messages(result)[4]
