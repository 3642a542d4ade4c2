"""`shelter-app import FILE --kind KIND`, run in-process through cli.main."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from import_files import HOUSEHOLD_HEADER, household_line, turkish_csv
from import_runs import table_counts, table_csv
from server_dbs import target
from cli_runner import run

from shelter_app.cli.imports import KIND_NAMES
from shelter_app.services.imports.kinds import KINDS, kind_named
from shelter_app.services.imports.mapping import save_mapping


@pytest.fixture
def database(demo_db) -> str:
    """The demo database's file (six offices), for --db."""
    return target(demo_db)


def _import(capsys, database: str, path: Path, *options: str) -> tuple[int, str, str]:
    return run(capsys, "import", str(path), "--kind", "households", "--db", database, *options)


def test_a_turkish_csv_imports_and_prints_the_counts(demo_db, database, tmp_path, capsys):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(1, "İbrahim Çağlar"),
                                               household_line(2, "Ayşe Ğülşen")])
    before = table_counts(demo_db)
    code, out, err = _import(capsys, database, path, "--office", "GAZ")
    assert code == 0, err
    assert out == ("2 rows imported, 0 updated, 0 skipped (0 unchanged), 0 rejected; 0 empty "
                   "rows ignored.\n")
    assert "guessed as Windows Turkish (cp1254)" in err  # the notice, on stderr
    assert table_counts(demo_db)["households"] == before["households"] + 2

    code, out, _ = _import(capsys, database, path, "--office", "GAZ")
    assert code == 0
    assert out.startswith("0 rows imported, 0 updated, 2 skipped (0 unchanged), 0 rejected;")


def test_rejected_rows_exit_1_with_one_line_each_and_a_report(demo_db, database, tmp_path,
                                                              capsys):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(3), household_line(4, id="1234"),
                                               "", household_line(5, consent="31.02.2026")])
    report = tmp_path / "rapor.xlsx"
    code, out, err = _import(capsys, database, path, "--office", "GAZ", "--report", str(report))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "row 3: TC Kimlik No: ID number must have 11 digits; '1234' has 4.",
        "row 5: Rıza Tarihi: '31.02.2026' is not a date; write it as 25.11.2026.",
        "1 row imported, 0 updated, 0 skipped (0 unchanged), 2 rejected; 1 empty row ignored."]
    assert f"Wrote 2 rows to {report}." in err
    assert report.stat().st_size > 0


def test_dry_run_saves_nothing(demo_db, database, tmp_path, capsys):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(6), household_line(7, id="x")])
    before = table_counts(demo_db)
    code, out, _ = _import(capsys, database, path, "--office", "GAZ", "--dry-run")
    assert code == 1
    assert out.splitlines()[-1].endswith("1 rejected; 0 empty rows ignored. Dry run: nothing "
                                         "was saved.")
    assert out.splitlines()[-1].startswith("1 row imported")  # what the import would do
    assert table_counts(demo_db) == before


def test_all_or_nothing_says_why_nothing_was_saved(demo_db, database, tmp_path, capsys):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(8), household_line(9, id="x")])
    before = table_counts(demo_db)
    code, out, _ = _import(capsys, database, path, "--office", "GAZ", "--all-or-nothing")
    assert code == 1 and "Nothing was imported: 1 row was rejected" in out
    assert table_counts(demo_db) == before


def test_a_saved_mapping_fills_columns_named_otherwise(demo_db, database, tmp_path, capsys):
    path = table_csv(tmp_path / "liste.csv", [
        ["Kişi", "Numara", "Memleket", "Durumu", "Tarih", "Yetişkin kadın"],
        ["Hatice Şen", household_line(10).split(";")[1], "Suriye", "GK", "03.11.2026", "1"]])
    code, _, err = _import(capsys, database, path, "--office", "GAZ")
    assert code == 2
    assert err.splitlines()[-1] == (
        "shelter-app: No column of liste.csv gives Head of household, ID number (TCKN/YKN), "
        "Nationality, Protection status, Consent date; rename the columns or pass --mapping.")
    mapping = tmp_path / "eşleştirme.json"
    save_mapping(mapping, kind_named("households"), {
        "head_name": "Kişi", "id_number": "Numara", "nationality": "Memleket",
        "protection_status": "Durumu", "consent_on": "Tarih",
        "members.female_18_59": "Yetişkin kadın"})
    code, out, err = _import(capsys, database, path, "--office", "GAZ", "--mapping", str(mapping))
    assert code == 0, out + err
    assert out.startswith("1 row imported")


def test_a_missing_required_column_is_one_line_naming_it(demo_db, database, tmp_path, capsys):
    path = table_csv(tmp_path / "hane.csv", [["Adı Soyadı", "TC Kimlik No", "Uyruk",
                                              "Koruma Statüsü"],
                                             ["Ali Kaya", "10000000146", "Suriye", "GK"]])
    before = table_counts(demo_db)
    code, out, err = _import(capsys, database, path, "--office", "GAZ")
    assert (code, out) == (2, "")
    notice, error = err.splitlines()  # the encoding notice, then the one error line
    assert notice.startswith("The encoding of hane.csv was guessed as Windows Turkish")
    assert error == ("shelter-app: No column of hane.csv gives Consent date; rename the columns "
                     "or pass --mapping.")
    assert table_counts(demo_db) == before


def test_several_offices_need_office(demo_db, database, tmp_path, capsys):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(11)])
    before = table_counts(demo_db)
    code, out, err = _import(capsys, database, path)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == ("shelter-app: Say which office the records belong to: "
                                    "--office with one of ADA, ANK, GAZ, KLS, MER, SUR.")
    code, _, err = _import(capsys, database, path, "--office", "XYZ")
    assert code == 2 and "No office XYZ exists; use one of ADA, ANK, GAZ" in err
    assert table_counts(demo_db) == before


def test_kind_choices_are_the_importable_kinds():
    assert set(KIND_NAMES) >= set(KINDS)
    assert set(KIND_NAMES) == set(KINDS)  # no --kind that only fails later


def test_import_help_does_not_load_the_database_layer():
    script = ("import sys\n"
              "from shelter_app.cli.main import main\n"
              "try:\n    main(['import', '--help'])\nexcept SystemExit:\n    pass\n"
              "print('sqlalchemy' in sys.modules, 'openpyxl' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=False, timeout=60, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "--kind {households,dwellings,landlords,workers,assessments,cases}" in result.stdout
    assert result.stdout.splitlines()[-1] == "False False"


def test_the_list_may_be_on_a_later_sheet_of_the_workbook(demo_db, database, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Açıklama"
    book.active.append(["Bu dosya", "2026 listesi"])
    sheet = book.create_sheet("Haneler")
    for line in [HOUSEHOLD_HEADER, household_line(81, "Şükrü Öz")]:
        sheet.append(line.split(";"))
    book.save(tmp_path / "liste.xlsx")
    code, out, err = _import(capsys, database, tmp_path / "liste.xlsx", "--office", "GAZ",
                             "--sheet", "Haneler")
    assert (code, out.split(",")[0]) == (0, "1 row imported"), err
    code, _, err = _import(capsys, database, tmp_path / "liste.xlsx", "--sheet", "Yok")
    assert code == 2 and "has no sheet 'Yok'" in err


def test_a_kobo_export_imports_by_command_line_with_the_scale_said(demo_db, database,
                                                                   tmp_path, capsys):
    from kobo_exports import central_zip

    path = central_zip(tmp_path / "central.zip")
    code, out, err = run(capsys, "import", str(path), "--kind", "cases", "--db", database,
                         "--office", "GAZ", "--dry-run")
    assert code == 1 and "row 4:" in out and "3 rows imported" in out
    assert "household/legal_status -> " in err and "legal_status" in err  # the why
    code, out, _ = run(capsys, "import", str(path), "--kind", "cases", "--db", database,
                       "--office", "GAZ")
    assert "3 rows imported" in out
    code, out, _ = run(capsys, "import", str(path), "--kind", "assessments", "--db", database,
                       "--office", "GAZ")
    assert "0 rows imported" in out and "direction" in out  # numbers on a scale: not guessed
    code, out, _ = run(capsys, "import", str(path), "--kind", "assessments", "--db", database,
                       "--office", "GAZ", "--scale", "worst-first")
    assert "3 rows imported" in out and "3 photos imported" in out
    assert "photo oda3.jpg: not in the attachments folder" in out


def test_a_row_whose_id_is_on_another_record_needs_supervisor_and_reason(
        demo_db, database, tmp_path, capsys, monkeypatch):
    import getpass

    from sqlalchemy import select

    from shelter_app.data.models import Landlord
    from shelter_app.demo.programme import DEMO_PASSWORD

    with demo_db.read() as session:
        number, ref = session.execute(select(Landlord.id_number, Landlord.ref).where(
            Landlord.id_number.is_not(None), Landlord.ref.startswith("GAZ"))).first()
    path = turkish_csv(tmp_path / "hane.csv", [household_line(0, id=number)])
    code, out, _ = _import(capsys, database, path, "--office", "GAZ", "--accept-warnings")
    assert code == 1
    assert out.startswith(f"row 2: Needs a supervisor: This ID number is already registered "
                          f"as {ref}.")
    monkeypatch.setattr(getpass, "getpass", lambda prompt: DEMO_PASSWORD)
    code, out, err = _import(capsys, database, path, "--office", "GAZ",
                             "--supervisor", "supervisor.gaz")
    assert code == 2 and "reason" in err  # no reason given: nothing imported
    code, out, err = _import(capsys, database, path, "--office", "GAZ",
                             "--supervisor", "supervisor.gaz", "--reason", "same man")
    assert code == 0, err
    assert out.startswith("1 row imported")
