"""Demo data: realistic, valid, deterministic, and only ever put into an empty database."""

import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

import factories
from shelter_app.data.engine import Database
from shelter_app.data.migrate import open_database
from shelter_app.data.models import Dwelling, DwellingSearchToken, Household, Landlord, Office
from shelter_app.domain.errors import UserError
from shelter_app.domain.iban import check_iban
from shelter_app.domain.ids import IdKind, check_person_id, check_tax_number
from shelter_app.domain.stages import LandlordKind, Stage
from shelter_app.demo.programme import DemoSummary, create_demo
from shelter_app.services.cases.dwellings import search_dwellings
from shelter_app.services.reference_data import demo_names

PROVINCES = {"Adana", "Gaziantep", "Ankara", "Kilis", "Mersin", "Şanlıurfa"}
ARABIC = re.compile("[\u0600-\u06ff]")
TURKISH = re.compile("[şŞğĞıİöÖüÜçÇ]")


def counts(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Office, Household, Landlord, Dwelling, DwellingSearchToken)
        }


def snapshot(db: Database) -> list[tuple[str, ...]]:
    """Everything a person would see of the demo data, without random UUIDs."""
    with db.read() as session:
        rows = session.execute(
            select(Dwelling.ref, Dwelling.stage, Dwelling.province, Dwelling.district,
                   Dwelling.street, Household.ref, Household.head_name,
                   Household.head_id_number, Landlord.ref, Landlord.name, Landlord.iban)
            .join(Household, Household.id == Dwelling.household_id)
            .join(Landlord, Landlord.id == Dwelling.landlord_id)
            .order_by(Dwelling.ref)
        )
        return [tuple(str(value) for value in row) for row in rows]


@pytest.fixture
def demo60(db: Database) -> Database:
    summary = create_demo(db, 60)
    assert summary.offices == 6 and summary.dwellings == 60 and summary.households == 60
    return db


def test_sizes(demo60: Database) -> None:
    found = counts(demo60)
    assert found["offices"] == 6
    assert found["dwellings"] == 60
    assert found["households"] == 60
    assert 6 <= found["landlords"] <= 60
    with demo60.read() as session:
        per_office = session.execute(
            select(Dwelling.office_id, func.count()).group_by(Dwelling.office_id)).all()
        assert sorted(n for _, n in per_office) == [10] * 6
        linked = session.scalar(select(func.count(func.distinct(Dwelling.landlord_id))))
        assert 6 <= linked <= found["landlords"]


def test_summary_counts_match_the_database(db: Database) -> None:
    summary = create_demo(db, 24)
    found = counts(db)
    assert summary == DemoSummary(offices=found["offices"], households=found["households"],
                                  landlords=found["landlords"], dwellings=found["dwellings"])


def test_every_stage_and_province_is_present(demo60: Database) -> None:
    with demo60.read() as session:
        stages = set(session.scalars(select(Dwelling.stage)))
        provinces = set(session.scalars(select(Dwelling.province)))
        office_provinces = set(session.scalars(select(Office.province)))
        mismatched = session.scalar(
            select(func.count()).select_from(Dwelling)
            .join(Office, Office.id == Dwelling.office_id)
            .where(Office.province != Dwelling.province))
    assert stages == set(Stage)
    assert provinces == office_provinces == PROVINCES
    assert mismatched == 0


def test_id_numbers_and_ibans_are_valid(demo60: Database) -> None:
    with demo60.read() as session:
        households = list(session.scalars(select(Household.head_id_number)))
        landlords = session.execute(
            select(Landlord.kind, Landlord.id_number, Landlord.tax_number, Landlord.iban)).all()
    assert len(households) == 60
    for number in households:
        checked = check_person_id(number)  # raises on a bad TCKN
        assert checked.value == number
        assert checked.warning is None  # demo YKNs follow the checksum too
    for kind, id_number, tax_number, iban in landlords:
        assert check_iban(iban) == iban
        if kind is LandlordKind.COMPANY:
            assert id_number is None and check_tax_number(tax_number) == tax_number
        else:
            assert tax_number is None and check_person_id(id_number).warning is None


def test_id_number_kind_matches_nationality(demo60: Database) -> None:
    """A citizen's TCKN never starts with 99, the prefix check_person_id reads as a YKN."""
    with demo60.read() as session:
        households = session.execute(
            select(Household.head_id_number, Household.nationality)).all()
        person_landlords = list(session.scalars(
            select(Landlord.id_number).where(Landlord.kind == LandlordKind.PERSON)))
    for number, nationality in households:
        expected = IdKind.YKN if nationality == "Suriye" else IdKind.TCKN
        assert check_person_id(number).kind is expected, (number, nationality)
    for number in person_landlords:  # demo landlords are Turkish citizens
        assert check_person_id(number).kind is IdKind.TCKN, number


def test_references_are_unique_and_well_formed(demo60: Database) -> None:
    with demo60.read() as session:
        dwelling_refs = list(session.scalars(select(Dwelling.ref)))
        household_refs = list(session.scalars(select(Household.ref)))
        landlord_refs = list(session.scalars(select(Landlord.ref)))
        codes = set(session.scalars(select(Office.code)))
    assert len(set(dwelling_refs)) == 60
    assert all(re.fullmatch(r"[A-Z]{3}-D-\d{6}", ref) for ref in dwelling_refs)
    assert all(re.fullmatch(r"[A-Z]{3}-H-\d{6}", ref) for ref in household_refs)
    assert all(re.fullmatch(r"[A-Z]{3}-L-\d{6}", ref) for ref in landlord_refs)
    assert len(set(household_refs)) == 60 and len(set(landlord_refs)) == len(landlord_refs)
    assert {ref[:3] for ref in dwelling_refs} == codes
    assert {f"{code}-D-000001" for code in codes} <= set(dwelling_refs)


def test_names_in_arabic_script_and_with_turkish_letters_round_trip(
    demo60: Database, db_path: Path
) -> None:
    names = demo_names()
    with demo60.read() as session:
        heads = list(session.scalars(select(Household.head_name)))
        landlords = list(session.scalars(select(Landlord.name)))
    people = heads + landlords
    assert any(ARABIC.search(name) for name in heads)
    assert any(TURKISH.search(name) for name in people)
    assert any(re.search("[ğĞ]", name) for name in people) or any(
        re.search("[ıİ]", name) for name in people)

    # each name is exactly one of the source names (no lost or changed letter) ...
    latin_first = set(names["turkish_first"]) | set(names["arabic_latin_first"])
    latin_last = set(names["turkish_last"]) | set(names["arabic_latin_last"])
    for name in people:
        if ARABIC.search(name):
            assert name in names["arabic_script"]
        elif name not in names["companies"]:
            first, last = name.split(" ")
            assert first in latin_first and last in latin_last, name
    # ... and the file holds the same UTF-8 text as the ORM returns
    with closing(sqlite3.connect(db_path)) as conn:
        raw = sorted(row[0] for row in conn.execute("SELECT head_name FROM households"))
    assert raw == sorted(heads)


def test_demo_rows_are_searchable(demo60: Database) -> None:
    with demo60.read() as session:
        pairs = session.execute(
            select(Dwelling.ref, Household.head_name)
            .join(Household, Household.id == Dwelling.household_id)).all()
    arabic = [(ref, name) for ref, name in pairs if ARABIC.search(name)]
    assert arabic
    for ref, name in arabic:
        assert ref in [row.ref for row in search_dwellings(demo60, name, limit=None)]
    urfa = search_dwellings(demo60, "sanliurfa", limit=None)
    assert len(urfa) == 10 and {row.province for row in urfa} == {"Şanlıurfa"}


def test_same_seed_same_data(db: Database, tmp_path: Path) -> None:
    create_demo(db, 30, seed=7)
    other = open_database(str(tmp_path / "other.db"))
    try:
        create_demo(other, 30, seed=7)
        assert snapshot(db) == snapshot(other)
    finally:
        other.dispose()


def test_another_seed_other_data(db: Database, tmp_path: Path) -> None:
    create_demo(db, 30, seed=7)
    other = open_database(str(tmp_path / "other.db"))
    try:
        create_demo(other, 30, seed=8)
        first, second = snapshot(db), snapshot(other)
        assert [row[0] for row in first] == [row[0] for row in second]  # same refs
        assert [row[6] for row in first] != [row[6] for row in second]  # other names
    finally:
        other.dispose()


def test_demo_into_a_database_with_dwellings_is_refused(demo60: Database) -> None:
    before = counts(demo60)
    with pytest.raises(UserError, match="already holds 60 dwellings"):
        create_demo(demo60, 10)
    assert counts(demo60) == before


def test_demo_into_a_database_with_only_an_office(db: Database) -> None:
    """No dwelling yet but an office: demo data either goes in beside it (reusing the office)
    or is refused as a user error; never an IntegrityError on offices.code."""
    office = factories.office(db, "GAZ")
    before = counts(db)
    try:
        create_demo(db, 12)
    except UserError:
        assert counts(db) == before
        return
    found = counts(db)
    assert (found["offices"], found["dwellings"]) == (6, 12)
    with db.read() as session:
        assert session.scalar(select(Office.id).where(Office.code == "GAZ")) == office.id


@pytest.mark.parametrize("size", [0, -5])
def test_size_must_be_positive(db: Database, size: int) -> None:
    with pytest.raises(UserError, match="at least 1") as raised:
        create_demo(db, size)
    assert raised.value.field == "size"
    assert counts(db)["offices"] == 0


def test_progress_is_reported_to_the_end(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    create_demo(db, 12, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (12, 12)


def test_the_demo_fills_every_tab_and_chart_in_every_office_and_breaks_no_case_rule(
        db: Database) -> None:
    """`shelter-app check` finds no breach in it; each office has a BoQ and a reopen request
    waiting, a visit made, a closed case with its checklist and after photos, History to read
    (in words, the record's fields), and a figure in every chart of the Reports page."""
    from shelter_app.data.models import (
        Assessment,
        AuditEvent,
        BoQ,
        LeaseAgreement,
        MonitoringVisit,
        Photo,
        ReopenRequest,
        WorksCheck,
    )
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.domain.stages import ApprovalStatus, PhotoTag
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.services.reports.figures import programme_report
    from shelter_app.services.rule_breaches import rule_breaches

    create_demo(db, 60, photos=True)
    assert rule_breaches(db) == []
    with db.read() as session:
        def offices_with(query) -> set[str]:
            return set(session.scalars(query.with_only_columns(Office.code).distinct()
                                       .join(Office, Office.id == Dwelling.office_id)))

        every = set(session.scalars(select(Office.code)))
        assert offices_with(select(BoQ).join(Dwelling, Dwelling.id == BoQ.dwelling_id).where(
            BoQ.status == ApprovalStatus.SUBMITTED)) == every
        assert offices_with(select(ReopenRequest).join(
            Dwelling, Dwelling.id == ReopenRequest.dwelling_id)) == every
        assert offices_with(select(Photo).join(Dwelling, Dwelling.id == Photo.dwelling_id).where(
            Photo.tag == PhotoTag.AFTER, Dwelling.stage == Stage.MONITORED)) == every
        assert offices_with(select(WorksCheck).join(
            Assessment, Assessment.id == WorksCheck.assessment_id).join(
            Dwelling, Dwelling.id == Assessment.dwelling_id)) == every
        assert offices_with(select(MonitoringVisit).join(
            LeaseAgreement, LeaseAgreement.id == MonitoringVisit.agreement_id).join(
            Dwelling, Dwelling.id == LeaseAgreement.dwelling_id).where(
            MonitoringVisit.visited_on.is_not(None))) == every
        dwellings = session.scalar(select(func.count()).select_from(Dwelling))
        created = session.scalars(select(AuditEvent.changes).where(
            AuditEvent.entity == "dwellings", AuditEvent.action == "create")).all()
        assert len(created) == dwellings
        assert all(change["ref"][1].count("-D-") == 1 and change["stage"][1] in {
            stage.value for stage in Stage} for change in created)
    admin = sign_in(db, "admin", DEMO_PASSWORD)[0]
    for code in sorted(every):
        report = programme_report(db, admin, code)
        (money,), (agreements,) = report.money, report.agreements
        assert report.cases and money.approved and money.paid, code
        assert report.labour and agreements.active and report.reach.people, code
