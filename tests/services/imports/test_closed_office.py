"""A closed office takes no new cases from an import either: a whole import into it is refused
before anything is written, and a new dwelling of one of its households is a rejected row."""

from dataclasses import replace
from pathlib import Path

import pytest
from import_files import household_line, tckn, turkish_csv
from import_runs import messages, run, table_counts, table_csv
from sqlalchemy import select

from shelter_app.data.models import Household, Office
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import Role
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.accounts.offices import close_office

CASES_HEADER = ["Adı Soyadı", "TC Kimlik No", "Uyruk", "Koruma Statüsü", "Rıza Tarihi",
                "Kadın 18-59", "İl", "İlçe", "Mahalle", "Sokak", "Bina No"]
DWELLING_HEADER = ["Hane", "İl", "İlçe", "Mahalle", "Cadde/Sokak", "Dış Kapı No"]


@pytest.fixture
def cases_csv(tmp_path: Path) -> Path:
    return table_csv(tmp_path / "vakalar.csv", [
        CASES_HEADER,
        ["Gülizar Kılıçarslan", tckn(931), "Suriye", "Geçici koruma", "03.11.2026", "1",
         "Gaziantep", "Şahinbey", "Güneykent Mah.", "Atatürk Cd.", "12"],
    ])


def test_cases_households_and_landlords_into_a_closed_office_are_refused(
        demo_db, engineer, cases_csv, tmp_path):
    close_office(demo_db, SYSTEM, "GAZ")
    households = turkish_csv(tmp_path / "hane.csv", [household_line(932)])
    before = table_counts(demo_db)
    for path, kind in ((cases_csv, "cases"), (households, "households")):
        with pytest.raises(UserError, match="GAZ .* is closed and takes no new cases"):
            run(demo_db, engineer, path, kind)
    # the command line names the office of an import: a closed one is refused the same way
    with pytest.raises(UserError, match="closed"):
        run(demo_db, replace(SYSTEM, role=Role.ENGINEER), cases_csv, "cases", office_code="GAZ")
    assert table_counts(demo_db) == before


def test_an_open_office_still_imports(demo_db, engineer, cases_csv):
    close_office(demo_db, SYSTEM, "KLS")
    result = run(demo_db, engineer, cases_csv, "cases")
    assert result.committed and result.counts["new"] == 1, result.outcomes


def test_a_new_dwelling_of_a_closed_offices_household_is_a_rejected_row(demo_db, engineer,
                                                                        tmp_path):
    with demo_db.read() as session:
        gaz = session.scalar(select(Household).join(Office).where(Office.code == "GAZ")
                             .order_by(Household.ref).limit(1))
    assert gaz is not None
    path = table_csv(tmp_path / "konutlar.csv", [
        DWELLING_HEADER,
        [gaz.ref, "Gaziantep", "Şahinbey", "Yeditepe Mah.", "Gül Sk.", "77"],
    ])
    close_office(demo_db, SYSTEM, "GAZ")
    before = table_counts(demo_db)
    result = run(demo_db, engineer, path, "dwellings")
    assert result.counts["rejected"] == 1, result.outcomes
    assert "is closed and takes no new cases" in messages(result)[2]
    assert table_counts(demo_db) == before
