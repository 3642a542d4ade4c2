"""Bad input from the field (issue #9), end to end: a clear message naming the row, cell or
line, and the database exactly as before for everything rejected."""

from datetime import datetime

import openpyxl
import pytest
from import_files import HOUSEHOLD_HEADER, household_line, tckn, turkish_csv
from import_runs import messages, run, table_counts, table_csv
from server_dbs import target
from sqlalchemy import select
from cli_runner import run as cli

from shelter_app.data.models import Household
from shelter_app.services.imports.sources import SourceError
from shelter_app.services.imports.opening import read_source

HEADERS = HOUSEHOLD_HEADER.split(";")
ARABIC = "محمد الأحمد"


def _names(db) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Household.head_name)))


def _workbook(rows: list[list[object]]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    return book


def _cells(n: int, **overrides: str) -> list[object]:
    return household_line(n, **overrides).split(";")


# --- wrong encoding ---------------------------------------------------------------------------

def test_an_arabic_windows_file_is_recognised_and_its_names_survive(demo_db, tmp_path, capsys):
    path = table_csv(tmp_path / "hane.csv", [
        ["Full name", "ID number", "Nationality", "Protection status", "Consent date",
         "Women 18-59"],
        [ARABIC, tckn(1), "سوريا", "temporary protection", "03.11.2026", "1"]],
        encoding="cp1256")  # Excel's plain "CSV" on an Arabic Windows
    database = target(demo_db)
    before = table_counts(demo_db)
    code, out, err = cli(capsys, "import", str(path), "--kind", "households", "--office", "GAZ",
                         "--dry-run", "--db", database)
    assert code == 0 and out.startswith("1 row imported")
    assert "hane.csv was guessed as Windows Arabic (cp1256); if letters look wrong, choose " \
           "another encoding." in err
    assert table_counts(demo_db) == before
    code, out, err = cli(capsys, "import", str(path), "--kind", "households", "--office", "GAZ",
                         "--db", database)
    assert code == 0
    assert ARABIC in _names(demo_db)


def test_a_turkish_windows_file_is_not_taken_for_arabic(tmp_path):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(2, "Ağır Işıl Şükrü Çöğüş")])
    source = read_source(path)
    assert source.encoding == "cp1254"
    assert source.main.rows[0].cells["Adı Soyadı"] == "Ağır Işıl Şükrü Çöğüş"


def test_utf8_chosen_for_a_turkish_windows_file_names_the_line(demo_db, tmp_path, capsys):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(2, "Ali Kaya"),
                                               household_line(3, "Ayşe Işık")])
    before = table_counts(demo_db)
    code, out, err = cli(capsys, "import", str(path), "--kind", "households", "--office", "GAZ",
                         "--encoding", "utf-8", "--db", target(demo_db))
    assert (code, out) == (2, "")
    assert err.startswith("shelter-app: hane.csv: line 1 cannot be read as utf-8; choose "
                          "another encoding (")  # the header already holds "ı"
    assert "cp1254" in err
    assert table_counts(demo_db) == before


def test_utf8_chosen_names_the_first_line_that_is_not(tmp_path):
    path = table_csv(tmp_path / "hane.csv", [["Ad", "Soyad"], ["Ali", "Kaya"],
                                             ["Ayşe", "Işık"]])
    with pytest.raises(SourceError, match="hane.csv: line 3 cannot be read as utf-8"):
        read_source(path, encoding="utf-8")


# --- shape of the file ------------------------------------------------------------------------

def test_rows_with_another_separator_are_rejected_and_the_others_imported(demo_db, engineer,
                                                                          tmp_path, speaking):
    speaking("en")  # the counts in English's plural forms, as the app shows them
    path = turkish_csv(tmp_path / "hane.csv", [
        household_line(4),
        household_line(5).replace(";", ","),  # pasted from a comma file
        household_line(6) + ";fazla",  # one value too many
        household_line(7),
    ])
    before = table_counts(demo_db)
    result = run(demo_db, engineer, path, "households")
    assert result.counts["new"] == 2 and result.counts["rejected"] == 2
    assert messages(result) == {
        3: "Row 3 has 1 value but the header has 10 columns; the file may mix separators or "
           "have a line break inside a value.",
        4: "Row 4 has 11 values but the header has 10 columns; the file may mix separators or "
           "have a line break inside a value."}
    assert table_counts(demo_db)["households"] == before["households"] + 2
    assert tckn(4) in _ids(demo_db) and tckn(5) not in _ids(demo_db)


def test_a_title_row_and_empty_rows_are_not_rejected(demo_db, engineer, tmp_path):
    empty = ";" * (len(HEADERS) - 1)
    path = tmp_path / "hane.csv"
    path.write_bytes("\r\n".join([
        "Hane Listesi – Kasım 2026" + empty, "", HOUSEHOLD_HEADER, household_line(8), empty,
        "", household_line(9), empty, ""]).encode("cp1254"))
    result = run(demo_db, engineer, path, "households")
    assert result.counts["new"] == 2 and result.counts["rejected"] == 0, result.outcomes
    assert [o.number for o in result.outcomes] == [4, 7]  # the lines a text editor shows
    assert result.empty_rows == 2  # the trailing empty row is not counted


def test_merged_cells_a_title_above_and_a_value_for_two_rows(demo_db, engineer, tmp_path):
    path = tmp_path / "hane.xlsx"
    book = _workbook([["Hane Listesi – Kasım 2026"], [], HEADERS, _cells(10), _cells(11),
                            [None] * len(HEADERS), _cells(12)])
    sheet = book.active
    sheet.merge_cells("A1:J1")
    sheet.merge_cells("C4:C5")  # one nationality typed for two households
    book.save(path)
    before = table_counts(demo_db)
    result = run(demo_db, engineer, path, "households")
    assert [(o.number, o.status) for o in result.outcomes] == [
        (4, "new"), (5, "rejected"), (7, "new")]
    assert result.outcomes[1].message.startswith("Uyruk: ")  # the merged cell is empty here
    assert result.empty_rows == 1
    assert table_counts(demo_db)["households"] == before["households"] + 2


# --- cell contents ----------------------------------------------------------------------------

def test_formula_cells_are_rejected_with_the_cell_address(demo_db, engineer, tmp_path):
    path = tmp_path / "hane.xlsx"
    formula = _cells(13)
    formula[HEADERS.index("Kadın 18-59")] = "=1+1"
    _workbook([HEADERS, formula, _cells(14)]).save(path)
    before = _ids(demo_db)
    result = run(demo_db, engineer, path, "households")
    assert messages(result) == {2: "Cell G2 holds a formula (=1+1); paste its value instead "
                                   "(Excel: Paste Special › Values)."}
    assert _ids(demo_db) - before == {tckn(14)}


def test_a_column_with_the_wrong_type_names_the_column_and_value(demo_db, engineer, tmp_path):
    path = tmp_path / "hane.xlsx"
    letters = _cells(15)
    letters[HEADERS.index("Kadın 18-59")] = "iki"
    a_date = _cells(16)
    a_date[HEADERS.index("TC Kimlik No")] = datetime(2026, 11, 25)
    a_number = _cells(17)
    a_number[HEADERS.index("TC Kimlik No")] = int(tckn(17))  # a number cell: fine
    _workbook([HEADERS, letters, a_date, a_number]).save(path)
    before = table_counts(demo_db)
    result = run(demo_db, engineer, path, "households")
    rejected = messages(result)
    assert rejected[2].startswith("Kadın 18-59: ") and "whole number" in rejected[2]
    assert rejected[3] == ("TC Kimlik No: Use only the digits 0-9; remove '.' from "
                           "'25.11.2026 00:00'.")
    assert result.counts["new"] == 1 and tckn(17) in _ids(demo_db)
    assert table_counts(demo_db)["households"] == before["households"] + 1


# --- whole files ------------------------------------------------------------------------------

def test_a_20_mb_csv_imports_all_or_nothing(demo_db, engineer, tmp_path):
    note = "Ev çok nemli; duvarlarda küf var, çatı akıtıyor. " * 200  # a 10 KB notes column
    rows = [[*HEADERS, "Notlar"]] + [[*_cells(1000 + n), note] for n in range(2000)]
    rows[-1][1] = "1234"
    path = table_csv(tmp_path / "buyuk.csv", rows)
    assert path.stat().st_size > 19_000_000
    before = table_counts(demo_db)
    refused = run(demo_db, engineer, path, "households", all_or_nothing=True)
    assert not refused.committed and refused.counts["new"] == 1999
    assert table_counts(demo_db) == before
    done = run(demo_db, engineer, path, "households")
    assert done.committed and done.counts == {"new": 1999, "updated": 0, "unchanged": 0,
                                              "skipped": 0, "rejected": 1}
    assert messages(done) == {2001: "TC Kimlik No: ID number must have 11 digits; '1234' has 4."}


def test_an_xlsx_that_is_really_a_csv_imports_with_a_notice(demo_db, tmp_path, capsys):
    path = turkish_csv(tmp_path / "hane.xlsx", [household_line(18, "Özge Şimşek")])
    code, out, err = cli(capsys, "import", str(path), "--kind", "households", "--office", "GAZ",
                         "--db", target(demo_db))
    assert code == 0 and out.startswith("1 row imported")
    assert err.splitlines()[0] == ("hane.xlsx is named .xlsx but holds CSV text; it was read "
                                   "as CSV.")
    assert "Özge Şimşek" in _names(demo_db)


def test_a_truncated_xlsx_is_refused_and_nothing_changes(demo_db, tmp_path, capsys):
    whole = tmp_path / "tam.xlsx"
    _workbook([HEADERS, _cells(19), _cells(20)]).save(whole)
    path = tmp_path / "yarım.xlsx"
    path.write_bytes(whole.read_bytes()[:whole.stat().st_size * 2 // 3])
    before = table_counts(demo_db)
    code, out, err = cli(capsys, "import", str(path), "--kind", "households", "--office", "GAZ",
                         "--db", target(demo_db))
    assert (code, out) == (2, "")
    assert err == ("shelter-app: yarım.xlsx is damaged or incomplete; copy it again from where "
                   "it came from, or export it again.\n")
    assert table_counts(demo_db) == before


def _ids(db) -> set[str]:
    with db.read() as session:
        return set(session.scalars(select(Household.head_id_number)))
