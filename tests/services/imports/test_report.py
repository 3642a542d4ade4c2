"""The report of an import: the rows not imported with the reason, as Turkish Excel opens it,
safe to open, and importable again once corrected."""

import csv
import io

import openpyxl
import pytest
from import_files import HOUSEHOLD_HEADER, household_line, tckn, turkish_csv
from import_runs import options, run, table_csv

from shelter_app.domain.errors import UserError
from shelter_app.services.imports.report import write_report
from shelter_app.services.imports.runner import run_import
from shelter_app.services.imports.opening import read_source

ARABIC = "محمد الأحمد"
LINK = '=HYPERLINK("http://kötü.example","tıkla")'
HEADERS = HOUSEHOLD_HEADER.split(";")


@pytest.fixture
def imported(demo_db, engineer, tmp_path):
    """A file of five rows: one imported, three rejected, one already registered."""
    path = turkish_csv(tmp_path / "hane.csv", [
        household_line(1, "Ayşe Yılmaz"),
        household_line(2, ARABIC, id="1234"),
        household_line(3, "Çağrı Öztürk", phone=LINK.replace('"', '""').join('""')),
        household_line(1, "Ayşe Yılmaz İkinci"),
        household_line(4, "Şükrü Işık", consent="31.02.2026"),
    ], encoding="utf-8-sig")
    source = read_source(path)
    result = run_import(demo_db, engineer, source, options(source, "households"))
    assert [o.status for o in result.outcomes] == ["new"] + ["rejected"] * 4, result.outcomes
    return source, result


def _csv(path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel shows ş and Arabic right
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_a_csv_report_as_turkish_excel_opens_it(imported, tmp_path):
    source, result = imported
    path = tmp_path / "rapor.csv"
    assert write_report(path, source, result) == 4
    rows = _csv(path)
    assert rows[0] == ["Row", "Import status", "Import message", *HEADERS]
    assert [row[:2] for row in rows[1:]] == [["3", "rejected"], ["4", "rejected"],
                                            ["5", "rejected"], ["6", "rejected"]]
    by_row = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_row["3"]["Adı Soyadı"] == ARABIC
    assert by_row["3"]["Import message"] == "TC Kimlik No: ID number must have 11 digits; '1234' has 4."
    assert by_row["4"]["Telefon"] == "'" + LINK  # never runs as a formula when opened
    assert by_row["4"]["Import message"].startswith("Cell F4 holds a formula (=HYPERLINK(")
    assert "as row 2" in by_row["5"]["Import message"]
    assert by_row["6"]["Import message"].startswith("Rıza Tarihi: '31.02.2026' is not a date")
    assert by_row["6"]["Adı Soyadı"] == "Şükrü Işık"
    assert by_row["6"]["TC Kimlik No"] == tckn(4)


def test_an_xlsx_report_keeps_the_same_rows_as_text(imported, tmp_path):
    source, result = imported
    write_report(tmp_path / "rapor.csv", source, result)
    assert write_report(tmp_path / "rapor.xlsx", source, result) == 4
    sheet = openpyxl.load_workbook(tmp_path / "rapor.xlsx").worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [["" if value is None else str(value) for value in row] for row in rows] == [
        [value.removeprefix("'") for value in row] for row in _csv(tmp_path / "rapor.csv")]
    assert rows[1][0] == 3 and rows[1][3] == ARABIC
    formula = sheet.cell(row=3, column=4 + HEADERS.index("Telefon"))
    assert (formula.value, formula.data_type) == (LINK, "s")  # text, never a formula
    ids = [row[4 + HEADERS.index("TC Kimlik No") - 1] for row in rows[1:]]
    assert ids[0] == "1234" and all(isinstance(value, str) for value in ids)


def test_the_corrected_report_imports_and_its_own_columns_are_ignored(demo_db, engineer,
                                                                     imported, tmp_path):
    source, result = imported
    path = tmp_path / "rapor.csv"
    write_report(path, source, result)
    rows = _csv(path)
    rows[1][3 + 1] = tckn(2)  # the ID corrected
    rows[2][3 + HEADERS.index("Telefon")] = "0532 765 43 21"  # the formula replaced by a value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(rows)

    again = read_source(path)
    chosen = options(again, "households")
    assert set(chosen.mapping.values()) <= set(HEADERS)  # Row, Status, Reason map to nothing
    second = run_import(demo_db, engineer, again, chosen)
    assert [(o.number, o.status) for o in second.outcomes] == [
        (2, "new"), (3, "new"), (4, "skipped"), (5, "rejected")]
    assert "Rıza Tarihi" in second.outcomes[3].message


def test_the_guarded_formula_text_comes_back_unguarded(demo_db, engineer, imported, tmp_path):
    """An unfixed row of the report still holds the original value, not the apostrophe."""
    source, result = imported
    path = tmp_path / "rapor.csv"
    write_report(path, source, result)
    again = read_source(path)
    link_row = next(row for row in again.main.rows if row.cells["Row"] == "4")
    assert link_row.cells["Telefon"] == "'" + LINK
    second = run_import(demo_db, engineer, again, options(again, "households"), dry_run=True)
    message = next(o.message for o in second.outcomes if o.number == link_row.number)
    assert message.startswith("Telefon: ") and "HYPERLINK" in message  # refused as a phone


def test_a_report_that_cannot_be_written_says_so(demo_db, engineer, tmp_path):
    path = turkish_csv(tmp_path / "hane.csv", [household_line(5, id="x")])
    result = run(demo_db, engineer, path, "households")
    with pytest.raises(UserError, match="Cannot write the report .*Choose another folder"):
        write_report(tmp_path / "yok" / "rapor.csv", read_source(path), result)


def test_the_reports_own_columns_never_take_a_field(demo_db, engineer, tmp_path):
    """An English file's "Status" is the protection status; the report's status column must
    not take its place when the report is imported again."""
    path = table_csv(tmp_path / "households.csv", [
        ["Name", "ID number", "Nationality", "Status", "Consent date", "Women"],
        ["Ali Veli", tckn(6), "Syria", "temporary protection", "01.11.2026", "1"],
        ["Ayşe Veli", "123", "Syria", "temporary protection", "01.11.2026", "1"]])
    first = run(demo_db, engineer, path, "households")
    report = tmp_path / "report.csv"
    write_report(report, read_source(path), first)
    rows = _csv(report)
    rows[1][rows[0].index("ID number")] = tckn(7)
    table_csv(report, rows, encoding="utf-8-sig")
    again = read_source(report)
    chosen = options(again, "households")
    assert again.main.headers.index(chosen.mapping["protection_status"]) > 2  # the file's own
    assert set(chosen.mapping.values()) & set(again.main.headers[:3]) == set()
    assert run_import(demo_db, engineer, again, chosen).counts["new"] == 1


def test_a_kobo_report_keeps_the_members_so_its_corrected_rows_import(demo_db, engineer,
                                                                      tmp_path):
    from import_files import kobo_households
    from openpyxl import load_workbook

    from shelter_app.services.imports.kinds import kind_named
    from shelter_app.services.imports.mapping import auto_mapping
    from shelter_app.services.imports.report import write_report
    from shelter_app.services.imports.runner import Options, run_import
    from shelter_app.services.imports.opening import read_source

    export = kobo_households(tmp_path / "kobo.xlsx", {1: [("female", 30), ("male", 4)],
                                                      2: [("female", 61)]})
    book = load_workbook(export)
    book.active["F3"] = "31.02.2026"  # the second submission's consent date: impossible
    book.save(export)
    source = read_source(export)
    options = Options("households", auto_mapping(kind_named("households"), source.main.headers))
    result = run_import(demo_db, engineer, source, options)
    assert result.counts["new"] == 1 and result.counts["rejected"] == 1
    write_report(tmp_path / "rapor.xlsx", source, result)
    report = load_workbook(tmp_path / "rapor.xlsx")
    assert report.sheetnames == ["Not imported", "members"]
    assert report["members"].max_row == 2  # the header and the rejected submission's member
    report["Not imported"]["I2"] = "20.11.2026"  # corrected (column F of the export)
    report.save(tmp_path / "rapor.xlsx")
    again = read_source(tmp_path / "rapor.xlsx")
    fixed = run_import(demo_db, engineer, again,
                       Options("households", auto_mapping(kind_named("households"),
                                                          again.main.headers)))
    assert fixed.counts["new"] == 1, fixed.outcomes
