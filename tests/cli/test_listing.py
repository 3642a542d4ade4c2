"""`shelter-app list KIND`: every kind a script needs, as a table, CSV or JSON, on the demo
data; names in Turkish and Arabic come out exactly as stored."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from server_dbs import target
from cli_runner import run

import factories
from shelter_app.cli.listing import COLUMNS, KINDS
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Household,
    Landlord,
    LeaseAgreement,
    Office,
    PaymentBatch,
    Timesheet,
    User,
    Worker,
)
from shelter_app.domain.masking import mask_id
from shelter_app.domain.textfold import fold

REFERENCE = {
    "dwellings": (r"[A-Z]{3}-D-\d{6}", Dwelling),
    "households": (r"[A-Z]{3}-H-\d{6}", Household),
    "landlords": (r"[A-Z]{3}-L-\d{6}", Landlord),
    "agreements": (r"[A-Z]{3}-\d{4}-\d{4}", LeaseAgreement),
    "boqs": (r"[A-Z]{3}-D-\d{6}-B\d+", BoQ),
    "timesheets": (r"[A-Z]{3}-D-\d{6}-T\d{2}", Timesheet),
    "workers": (r"[A-Z]{3}-W-\d{6}", Worker),
    "payments": (r"[A-Z]{3}-P-\d{6}-\d+", PaymentBatch),
    "users": (r"[a-z][a-z0-9._]*", User),
    "offices": (r"[A-Z]{3}", Office),
}
ARABIC_HEAD = "فاطمة الزهراء"
TURKISH_LANDLORD = "Şükrü Çağlayan İğdır"


def live_count(db: Database, model: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)
                              .where(model.deleted_at.is_(None)))


def listed(capsys: pytest.CaptureFixture[str], db: Database, kind: str, fmt: str,
           *options: str) -> str:
    code, out, err = run(capsys, "list", kind, "--format", fmt, *options, "--db", target(db))
    assert (code, err) == (0, ""), err
    return out


def test_every_kind_a_script_needs_is_listed() -> None:
    assert set(KINDS) == set(REFERENCE)


@pytest.mark.parametrize("kind", list(REFERENCE))
def test_every_format_lists_every_record_reference_first(
    demo_db: Database, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    pattern, model = REFERENCE[kind]
    objects = json.loads(listed(capsys, demo_db, kind, "json"))
    rows = list(csv.reader(io.StringIO(listed(capsys, demo_db, kind, "csv"))))
    table = listed(capsys, demo_db, kind, "table").splitlines()

    assert len(objects) == len(rows) - 1 == len(table) - 1 == live_count(demo_db, model) > 0
    assert all(list(item) == list(COLUMNS[kind]) for item in objects)  # stable keys, in order
    assert rows[0] == list(COLUMNS[kind]) == table[0].split()
    first = COLUMNS[kind][0]
    assert all(re.fullmatch(pattern, item[first]) for item in objects)
    assert [row[0] for row in rows[1:]] == [item[first] for item in objects]
    assert [line.split()[0] for line in table[1:]] == [item[first] for item in objects]


def test_json_values_are_plain_and_exact(demo_db: Database,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    agreements = json.loads(listed(capsys, demo_db, "agreements", "json"))
    with demo_db.read() as session:
        rents = dict(session.execute(select(LeaseAgreement.number,
                                            LeaseAgreement.monthly_rent)).all())
    for item in agreements:
        assert isinstance(item["monthly_rent"], str)  # a decimal as a string: no float cents
        assert Decimal(item["monthly_rent"]) == rents[item["number"]]
        assert re.fullmatch(r"\d+\.\d{2}", item["monthly_rent"])
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["start_date"])
        assert item["status"] in {"draft", "printed", "signed", "active", "ended",
                                  "terminated", "breached"}
    users = json.loads(listed(capsys, demo_db, "users", "json"))
    assert {type(user["active"]) for user in users} == {bool}
    payments = json.loads(listed(capsys, demo_db, "payments", "json"))
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", item["created_at"])
               for item in payments)


@pytest.fixture
def named_case(demo_db: Database) -> Dwelling:
    """A case in a new office whose household head is written in Arabic and whose landlord's
    name has every Turkish letter that folds."""
    office = factories.office(demo_db, "TST", name="Test Ofisi Şişli", province="Kilis")
    case = factories.dwelling(demo_db, office, head_name=ARABIC_HEAD,
                              landlord_name=TURKISH_LANDLORD)
    with demo_db.write() as session:  # the search keys the forms store with a name
        session.get(Household, case.household_id).search_key = fold(ARABIC_HEAD)
        session.get(Landlord, case.landlord_id).search_key = fold(TURKISH_LANDLORD)
    return case


def test_arabic_and_turkish_names_come_out_exactly(
    demo_db: Database, named_case: Dwelling, capsys: pytest.CaptureFixture[str]
) -> None:
    households = json.loads(listed(capsys, demo_db, "households", "json", "--filter",
                                   "فاطمة tst"))
    assert [item["head_name"] for item in households] == [ARABIC_HEAD]
    with demo_db.read() as session:
        real_id = session.get(Household, named_case.household_id).head_id_number
    assert households[0]["id_number"] == mask_id(real_id) != real_id  # masked, as for an admin

    landlords = json.loads(listed(capsys, demo_db, "landlords", "json", "--filter",
                                  "sukru caglayan"))  # folded, as typed on any keyboard
    assert [item["name"] for item in landlords] == [TURKISH_LANDLORD]

    dwellings = list(csv.DictReader(io.StringIO(listed(capsys, demo_db, "dwellings", "csv",
                                                       "--filter", "tst"))))
    assert [(row["ref"], row["household"], row["landlord"]) for row in dwellings] == [
        (named_case.ref, ARABIC_HEAD, TURKISH_LANDLORD)]
    offices = json.loads(listed(capsys, demo_db, "offices", "json"))
    assert {"code": "TST", "name": "Test Ofisi Şişli", "province": "Kilis"} in offices


def test_json_and_csv_are_utf8_whatever_the_console_code_page(
    demo_db: Database, named_case: Dwelling
) -> None:
    """A Windows console redirected to a file writes cp1254, which has no Arabic letters."""
    env = os.environ | {"PYTHONIOENCODING": "cp1254"}
    for fmt in ("json", "csv"):
        result = subprocess.run([sys.executable, "-m", "shelter_app", "list", "households",
                                 "--format", fmt, "--filter", "tst", "--db", target(demo_db)],
                                capture_output=True, timeout=120, env=env)
        assert result.returncode == 0, result.stderr.decode("cp1254")
        assert ARABIC_HEAD in result.stdout.decode("utf-8")


def test_payments_by_period(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with demo_db.read() as session:
        period = session.scalar(select(PaymentBatch.period).limit(1))
    every = json.loads(listed(capsys, demo_db, "payments", "json"))
    chosen = json.loads(listed(capsys, demo_db, "payments", "json", "--period", period))
    assert chosen == [item for item in every if item["period"] == period]
    assert 0 < len(chosen) < len(every)


@pytest.mark.parametrize(("argv", "message"), [
    (["users", "--filter", "admin"], "--filter does not apply to list users."),
    (["dwellings", "--period", "2026-11"], "--period does not apply to list dwellings."),
])
def test_an_option_a_kind_does_not_take_is_one_line(
    demo_db: Database, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, "list", *argv, "--db", target(demo_db))
    assert (code, out, err) == (2, "", f"shelter-app: {message}\n")


def test_the_table_shows_labels_and_csv_the_stored_values(
    demo_db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    table = listed(capsys, demo_db, "timesheets", "table")
    rows = list(csv.DictReader(io.StringIO(listed(capsys, demo_db, "timesheets", "csv"))))
    assert {row["status"] for row in rows} <= {"draft", "submitted", "approved", "returned"}
    assert "Approved" in table and "approved" not in table


@pytest.mark.parametrize(("language", "point"), [("tr", ","), ("ar", ","), ("en", ".")])
def test_the_table_writes_days_with_one_decimal_in_the_consoles_notation(
    demo_db: Database, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    language: str, point: str
) -> None:
    """Days as the papers and screens write them, "5,0" and "4,5" in Turkish (the table
    printed the stored "5.0"); CSV keeps the stored value."""
    monkeypatch.setenv("SHELTER_APP_LANG", language)
    stored = [row["days"] for row in csv.DictReader(io.StringIO(
        listed(capsys, demo_db, "timesheets", "csv")))]
    table = listed(capsys, demo_db, "timesheets", "table").splitlines()
    column = table[0].index("days")
    shown = [line[column:].split()[0] for line in table[1:]]
    assert shown == [f"{Decimal(days):.1f}".replace(".", point) for days in stored]
    assert any(days.endswith(f"{point}0") for days in shown)
