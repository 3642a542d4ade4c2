"""Importing landlords, workers and dwellings: the forms' rules per row, links to registered
households and landlords, duplicates and conflicts named with the records they clash with."""

from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from import_files import HOUSEHOLD_HEADER, household_line, tckn
from import_runs import messages, run, table_counts, table_csv
from sqlalchemy import select

from shelter_app.data.models import Dwelling, Household, Landlord, Office, Worker
from shelter_app.domain import clock
from shelter_app.domain.iban import format_iban, make_tr_iban
from shelter_app.domain.ids import make_vkn
from shelter_app.domain.stages import (
    LandlordKind,
    PaymentMethod,
    ProtectionStatus,
    Stage,
)
from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation
from shelter_app.services.cases.dwellings import search_dwellings


def iban(n: int) -> str:
    return make_tr_iban("00062", f"{n:016d}")


@pytest.fixture
def landlords(demo_db) -> list[Landlord]:
    """Registered Gaziantep landlords (people with an IBAN) and a company, from the demo data."""
    with demo_db.read() as session:
        people = list(session.scalars(select(Landlord).join(Office).where(
            Office.code == "GAZ", Landlord.kind == LandlordKind.PERSON,
            Landlord.iban.is_not(None)).order_by(Landlord.ref).limit(4)))
        company = session.scalar(select(Landlord).where(Landlord.kind == LandlordKind.COMPANY)
                                 .order_by(Landlord.ref).limit(1))
    assert len(people) == 4 and company is not None
    return [*people, company]


@pytest.fixture
def households(demo_db) -> list[Household]:
    """Two Gaziantep households of the host community (no work permit needed)."""
    with demo_db.read() as session:
        found = list(session.scalars(select(Household).join(Office).where(
            Office.code == "GAZ", Household.protection_status == ProtectionStatus.HOST,
            Household.head_id_number.not_in(select(Worker.id_number)))
            .order_by(Household.ref).limit(2)))
    assert len(found) == 2
    return found


# --- landlords --------------------------------------------------------------------------------

LANDLORD_HEADER = ["Ev Sahibi", "Kimlik No", "IBAN", "Telefon", "Adres"]


def test_landlords_people_and_companies_duplicates_and_iban_conflicts(demo_db, engineer,
                                                                      landlords, tmp_path):
    a, b, c, d, company = landlords
    path = table_csv(tmp_path / "ev_sahipleri.csv", [
        LANDLORD_HEADER,
        ["Hüseyin Güneş", tckn(701), format_iban(iban(1)), "0532 123 45 67",
         "Atatürk Cd. No:5 Şahinbey/Gaziantep"],
        ["Öz Yapı İnşaat Ltd. Şti.", make_vkn("123456789"), iban(2), "", "İnönü Cd. 12"],
        ["Zeynep Arslan", tckn(702), "TR00" + iban(3)[4:], "", "Gül Sk. 3"],
        ["Hüseyin Güneş", tckn(701), "", "", "Atatürk Cd. No:5"],
        ["Kayıtlı Kişi", a.id_number, "", "", "Gül Sk. 4"],
        ["Kayıtlı Şirket", company.tax_number, "", "", "Gül Sk. 5"],
        ["Yeni Kişi", tckn(703), b.iban, "", "Gül Sk. 6"],
        ["Karışık Kişi", c.id_number, d.iban, "", "Gül Sk. 7"],
    ])
    result = run(demo_db, engineer, path, "landlords")
    assert result.committed
    assert result.counts == {"new": 2, "updated": 0, "unchanged": 0, "skipped": 2,
                             "rejected": 4}, result.outcomes
    rejected = messages(result)
    assert rejected[4] == "The IBAN check digits do not match; check for a typing error."
    assert rejected[5] == ("The same ID or tax number " + tckn(701) + " as row 2; a person or "
                           "record is imported once.")
    assert f"IBAN {b.iban}" in rejected[8] and b.ref in rejected[8]
    assert c.ref in rejected[9] and d.ref in rejected[9]  # both records it clashes with
    skipped = {o.number: o.message for o in result.outcomes if o.status == "skipped"}
    assert skipped == {6: f"already registered as {a.ref}",
                       7: f"already registered as {company.ref}"}

    with demo_db.read() as session:
        person = session.scalar(select(Landlord).where(Landlord.name == "Hüseyin Güneş"))
        firm = session.scalar(select(Landlord).where(Landlord.name.like("Öz Yapı%")))
        office = session.scalar(select(Office.code).where(Office.id == person.office_id))
    assert (person.kind, person.id_number, person.tax_number) == (
        LandlordKind.PERSON, tckn(701), None)
    assert person.iban == iban(1) and person.phone == "+905321234567"
    assert person.address == "Atatürk Cd. No:5 Şahinbey/Gaziantep"
    assert (firm.kind, firm.id_number, firm.tax_number) == (
        LandlordKind.COMPANY, None, make_vkn("123456789"))
    assert office == "GAZ" and result.outcomes[0].ref.startswith("GAZ-L-")

    again = run(demo_db, engineer, path, "landlords")
    assert again.counts["new"] == 0 and again.counts["skipped"] == 4


def test_a_tax_number_whose_leading_zero_excel_dropped_is_a_company(demo_db, engineer,
                                                                      tmp_path):
    """Tax number 0123456789 typed into a General cell is stored and shown as 123456789."""
    book = openpyxl.Workbook()
    for row in (LANDLORD_HEADER,
                ["Sıfır Yapı A.Ş.", int(make_vkn("012345678")), "", "", "İnönü Cd. 1"],
                ["Yanlış Kişi", 123456780, "", "", "İnönü Cd. 2"]):  # no tax number padded
        book.active.append(row)
    book.save(tmp_path / "ev_sahipleri.xlsx")
    result = run(demo_db, engineer, tmp_path / "ev_sahipleri.xlsx", "landlords")
    assert result.counts["new"] == 1, result.outcomes
    assert "11 digits" in messages(result)[3]
    with demo_db.read() as session:
        firm = session.scalar(select(Landlord).where(Landlord.name == "Sıfır Yapı A.Ş."))
    assert (firm.kind, firm.tax_number) == (LandlordKind.COMPANY, "0123456789")


def test_a_landlords_new_name_is_found_by_dwelling_search(demo_db, engineer, landlords,
                                                          tmp_path):
    a = landlords[0]
    path = table_csv(tmp_path / "ev_sahipleri.csv", [
        LANDLORD_HEADER, ["Şükrü Çağlayan", a.id_number, a.iban, "", a.address]])
    assert search_dwellings(demo_db, "sukru caglayan") == []
    result = run(demo_db, engineer, path, "landlords", update_duplicates=True)
    assert result.counts["updated"] == 1, result.outcomes
    found = search_dwellings(demo_db, "ŞÜKRÜ")
    assert found and {row.landlord for row in found} == {"Şükrü Çağlayan"}


# --- workers ----------------------------------------------------------------------------------

WORKER_HEADER = ["Hane", "Adı Soyadı", "TC Kimlik No", "Doğum Tarihi", "IBAN", "Beceriler"]


def _born_years_ago(years: int) -> str:
    today = clock.today()
    return today.replace(year=today.year - years, day=min(today.day, 28)).strftime("%d.%m.%Y")


def test_workers_link_households_and_keep_the_forms_rules(demo_db, engineer, households,
                                                          tmp_path):
    first = households[0]
    with demo_db.read() as session:
        paid = session.scalar(select(Worker).where(Worker.iban.is_not(None)).limit(1))
    path = table_csv(tmp_path / "isciler.csv", [
        WORKER_HEADER,
        [first.ref.lower(), "Mehmet Öztürk", tckn(801), "12.03.1990", format_iban(iban(11)),
         "duvarcı, boyacı"],
        [first.head_id_number, "Elif Öztürk", tckn(802), "1995-07-01", "", ""],
        ["GAZ-H-999999", "Kimse Yok", tckn(803), "01.01.1990", "", ""],
        [first.ref, "Küçük Ali", tckn(804), _born_years_ago(15), "", ""],
        [first.ref, "Mehmet Öztürk", tckn(801), "12.03.1990", "", ""],
        [first.ref, "Başka Biri", tckn(805), "01.01.1980", paid.iban, ""],
    ])
    before = _workers(demo_db)
    result = run(demo_db, engineer, path, "workers")
    assert result.counts["new"] == 2 and result.counts["rejected"] == 4, result.outcomes
    rejected = messages(result)
    assert rejected[4].startswith("Hane: No household 'GAZ-H-999999' is registered")
    assert rejected[5].startswith("Doğum Tarihi: Küçük Ali is 15; cash-for-work workers must "
                                  "be at least 18")
    assert "as row 2" in rejected[6]
    assert paid.ref in rejected[7] and "IBAN" in rejected[7]

    added = {w.id_number for w in _workers(demo_db)} - {w.id_number for w in before}
    assert added == {tckn(801), tckn(802)}
    with demo_db.read() as session:
        mehmet = session.scalar(select(Worker).where(Worker.id_number == tckn(801)))
        elif_ = session.scalar(select(Worker).where(Worker.id_number == tckn(802)))
    assert mehmet.household_id == elif_.household_id == first.id  # by reference and by ID
    assert (mehmet.payment_method, mehmet.iban) == (PaymentMethod.IBAN, iban(11))
    assert (elif_.payment_method, elif_.iban) == (PaymentMethod.PTT, None)
    assert mehmet.birth_date == date(1990, 3, 12) and elif_.birth_date == date(1995, 7, 1)
    assert mehmet.skills == ["duvarcı", "boyacı"]
    assert mehmet.ref.startswith("GAZ-W-")


def test_what_the_worker_form_asks_to_confirm_needs_accept_warnings_or_a_supervisor(
        demo_db, engineer, supervisor, households, landlords, tmp_path):
    first, other = households
    landlord = landlords[0]
    path = table_csv(tmp_path / "isciler.csv", [
        WORKER_HEADER,
        [first.ref, other.head_name, other.head_id_number, "01.01.1980", "", ""],
        [first.ref, first.head_name, first.head_id_number, "01.01.1980", "", ""],
        [first.ref, "Hasan Er", tckn(810), "01.01.1980", landlord.iban, ""],
    ])
    before = _workers(demo_db)
    result = run(demo_db, engineer, path, "workers")
    # heading another household, or a landlord's account: asked; heading one's own: fine
    assert [o.status for o in result.outcomes] == ["rejected", "new", "rejected"]
    assert result.outcomes[0].message.startswith("Needs a supervisor: This ID number is "
                                                 f"already registered as {other.ref}.")
    assert result.outcomes[2].message.startswith("Needs confirmation: This IBAN is already "
                                                 f"used by {landlord.ref};")
    assert len(_workers(demo_db)) == len(before) + 1
    warned = run(demo_db, engineer, path, "workers", accept_warnings=True)
    assert [o.status for o in warned.outcomes] == ["rejected", "skipped", "new"]
    confirmed = run(demo_db, engineer, path, "workers", supervisor=SupervisorConfirmation(
        supervisor, "the head of another household works here"))
    assert [o.status for o in confirmed.outcomes] == ["new", "skipped", "skipped"]
    assert other.ref in confirmed.outcomes[0].message  # the warning stays in the report
    with demo_db.read() as session:
        worker = session.scalar(select(Worker).where(Worker.id_number == other.head_id_number))
    assert worker.household_id == first.id


def _workers(db) -> list[Worker]:
    with db.read() as session:
        return list(session.scalars(select(Worker)))


# --- dwellings --------------------------------------------------------------------------------

DWELLING_HEADER = ["Hane", "Ev Sahibi TC", "İl", "İlçe", "Mahalle", "Cadde/Sokak", "Dış Kapı No",
                   "İç Kapı No", "Konut Tipi", "Brüt Alan", "Oda Sayısı", "Konum"]


def test_dwellings_with_household_landlord_address_area_and_geopoint(demo_db, engineer,
                                                                     households, landlords,
                                                                     tmp_path):
    first, other = households
    landlord = landlords[0]
    path = table_csv(tmp_path / "konutlar.csv", [
        DWELLING_HEADER,
        [first.ref, landlord.id_number, "Gaziantep", "Şahinbey", "Güneykent Mah.", "İnönü Cd.",
         "12", "3", "Daire", "64,5", "3", "37.0662 37.3833 850 5"],
        [other.head_id_number, "", "Gaziantep", "Şehitkamil", "Değirmiçem Mah.",
         "Şehit Öğretmen Sk.", "4", "", "Müstakil ev", "", "", ""],
        [first.ref, "99999999990", "Gaziantep", "Şahinbey", "Yeditepe Mah.", "Gül Sk.", "1",
         "", "", "", "", ""],
        [first.ref, "", "GAZİANTEP", "ŞAHİNBEY", "GÜNEYKENT MAH.", "İNÖNÜ CD.", "12", "3", "",
         "", "", ""],
        [other.ref, "", "Gaziantep", "Nizip", "Merkez", "Ana Cd.", "9", "", "", "", "",
         "137.06 37.38 850 5"],
    ])
    result = run(demo_db, engineer, path, "dwellings")
    assert result.counts["new"] == 2 and result.counts["rejected"] == 3, result.outcomes
    rejected = messages(result)
    assert rejected[4].startswith("Ev Sahibi TC: No landlord '99999999990' is registered")
    assert "as row 2" in rejected[5]
    assert rejected[6].startswith("Konum: '137.06' is not a latitude")

    with demo_db.read() as session:
        new = session.scalar(select(Dwelling).where(Dwelling.ref == result.outcomes[0].ref))
        house = session.scalar(select(Dwelling).where(Dwelling.ref == result.outcomes[1].ref))
    assert (new.household_id, new.landlord_id, new.stage) == (first.id, landlord.id,
                                                              Stage.REGISTERED)
    assert (new.street, new.neighbourhood, new.flat_no) == ("İnönü Cd.", "Güneykent Mah.", "3")
    assert (new.dwelling_type, new.floor_area_m2, new.rooms) == ("apartment", Decimal("64.5"), 3)
    assert (new.latitude, new.longitude) == (Decimal("37.0662"), Decimal("37.3833"))
    assert (house.household_id, house.landlord_id, house.dwelling_type) == (other.id, None,
                                                                           "house")
    assert new.ref.startswith("GAZ-D-")
    assert [row.ref for row in search_dwellings(demo_db, "inonu guneykent")] == [new.ref]

    again = run(demo_db, engineer, path, "dwellings")
    assert again.counts["new"] == 0 and again.counts["skipped"] == 2
    assert f"already registered as {new.ref}" in again.outcomes[0].message


def test_updating_a_dwelling_keeps_search_working(demo_db, engineer, households, tmp_path):
    first = households[0]
    header = ["dwelling/household", "dwelling/province", "dwelling/district",
              "dwelling/neighbourhood", "dwelling/street", "dwelling/building_no", "_uuid",
              "_index"]
    submission = "7d1e2f3a-0000-4000-8000-000000000001"

    def kobo(street: str):
        return table_csv(tmp_path / "kobo.csv", [header, [
            first.ref, "Gaziantep", "Şahinbey", "Karataş Mah.", street, "8", submission, "1"]],
                         encoding="utf-8")

    created = run(demo_db, engineer, kobo("Menekşe Sk."), "dwellings")
    assert created.counts["new"] == 1, created.outcomes
    ref = created.outcomes[0].ref
    corrected = run(demo_db, engineer, kobo("Şehit Kâmil Öztürk Cd."), "dwellings",
                    update_duplicates=True)
    assert corrected.counts["updated"] == 1, corrected.outcomes
    assert [row.ref for row in search_dwellings(demo_db, "kamil ozturk")] == [ref]
    assert [row.ref for row in search_dwellings(demo_db, "ŞEHİT KÂMİL")] == [ref]
    assert ref not in [row.ref for row in search_dwellings(demo_db, "menekse karatas")]


# --- offices ----------------------------------------------------------------------------------

def test_updates_stay_in_the_importers_office(demo_db, engineer, households, tmp_path):
    """The forms refuse to change another office's records; so does --update."""
    with demo_db.read() as session:
        landlord = session.scalar(select(Landlord).join(Office).where(Office.code == "ADA")
                                  .limit(1))
        head = session.scalar(select(Household).join(Office).where(Office.code == "ADA")
                              .limit(1))
        worker = session.scalar(select(Worker).join(Household).join(Office)
                                .where(Office.code == "ADA").limit(1))
    files = {
        "landlords": [LANDLORD_HEADER, ["Başka Ad", landlord.id_number or landlord.tax_number,
                                        "", "", "Yeni adres"]],
        "households": [HOUSEHOLD_HEADER.split(";"),
                       household_line(1, "Başka Ad", id=head.head_id_number).split(";")],
        "workers": [WORKER_HEADER, [households[0].ref, "Başka Ad", worker.id_number,
                                    worker.birth_date.strftime("%d.%m.%Y"), "", ""]],
    }
    before = table_counts(demo_db)
    for kind, rows in files.items():
        result = run(demo_db, engineer, table_csv(tmp_path / f"{kind}.csv", rows), kind,
                     update_duplicates=True, accept_warnings=True)
        assert result.outcomes[0].status == "rejected", (kind, result.outcomes)
        assert result.outcomes[0].message.endswith(
            "belongs to another office; ask that office or an administrator.")
        skipped = run(demo_db, engineer, tmp_path / f"{kind}.csv", kind, accept_warnings=True)
        assert skipped.outcomes[0].status == "skipped"  # told, never changed
    assert table_counts(demo_db) == before
