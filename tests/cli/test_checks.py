"""Values checked before a verb opens anything: an output in a folder that does not exist is
refused and no folder is made; a pay period is exactly YYYY-MM."""

from pathlib import Path

import pytest
from import_files import household_line, turkish_csv
from import_runs import table_counts
from sqlalchemy import select
from server_dbs import target
from cli_runner import run

from shelter_app.data.engine import Database
from shelter_app.data.models import BoQ, Household, LeaseAgreement, PaymentBatch, Timesheet


def first(db: Database, column: object) -> str:
    with db.read() as session:
        value = session.scalar(select(column).order_by(column).limit(1))
    assert value, column
    return value


def verb_argv(verb: str, db: Database, out: Path, tmp_path: Path) -> list[str]:
    """A call of `verb` with real references, writing to `out`: each would succeed (and,
    before the check, made the missing folders) if the folder existed."""
    return {
        "print boq": ["print", "boq", first(db, BoQ.ref), "--out", str(out)],
        "print timesheet": ["print", "timesheet", first(db, Timesheet.ref), "--out",
                            str(out)],
        "print contract": ["print", "contract", first(db, LeaseAgreement.number), "--out",
                           str(out)],
        "print contracts": ["print", "contracts", "--out", str(out)],
        "export payments": ["export", "payments", "--period", first(db, PaymentBatch.period),
                            "--out", str(out)],
        "backup --out": ["backup", "--out", str(out)],
        "person export": ["person", "export", "household", first(db, Household.ref), "--out",
                          str(out)],
        "import --report": ["import", str(turkish_csv(tmp_path / "hane.csv",
                                                      [household_line(1, "Şükrü Çağlar")])),
                            "--kind", "households", "--office", "GAZ", "--report",
                            str(out)],
    }[verb]


@pytest.mark.parametrize("verb", ["print boq", "print timesheet", "print contract",
                                  "print contracts", "export payments", "backup --out",
                                  "person export", "import --report"])
def test_an_output_in_a_missing_folder_is_refused_and_nothing_is_made(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], verb: str
) -> None:
    folder = tmp_path / "missing" / "deeper"
    before = table_counts(demo_db)
    argv = verb_argv(verb, demo_db, folder / "out.file", tmp_path)
    code, out, err = run(capsys, *argv, "--db", target(demo_db))
    option = "--report" if verb == "import --report" else "--out"
    assert (code, out) == (2, "")
    assert err == (f"shelter-app: The folder {folder} does not exist; nothing was written. "
                   f"Create it first, or give {option} a path in an existing folder.\n")
    assert not (tmp_path / "missing").exists()
    assert table_counts(demo_db) == before  # the import did not run without its report


def test_print_contracts_still_makes_its_own_folder(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "print", "contracts", "--status", "draft", "--out",
                       str(tmp_path / "contracts"), "--db", target(demo_db))
    assert code == 0, err
    assert any((tmp_path / "contracts").glob("*.pdf"))


@pytest.mark.parametrize("period", ["2026-1", "2026-13", "2026-00", "26-11", "2026-11-01",
                                    "2026/11", "11.2026", " 2026-11"])
def test_a_period_is_exactly_yyyy_mm(
    demo_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str], period: str
) -> None:
    out = tmp_path / "p.xlsx"
    code, stdout, err = run(capsys, "export", "payments", "--period", period, "--out", str(out),
                            "--db", target(demo_db))
    assert (code, stdout) == (2, "")
    assert err == (f"shelter-app: --period takes a month written YYYY-MM, e.g. 2026-11; "
                   f"'{period}' is not one.\n")
    assert not out.exists()
