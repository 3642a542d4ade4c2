"""`shelter-app report [--office] [--from --to] --out FILE.xlsx|.pdf`, in-process."""

import re
import subprocess

from openpyxl import load_workbook
from server_dbs import target

from shelter_app.cli.main import main


def test_report_as_xlsx_for_one_office_and_a_period(demo_db, tmp_path, capsys):
    out = tmp_path / "rapor.xlsx"
    code = main(["report", "--office", "gaz", "--from", "2026-09-01", "--to", "2026-12-31",
                 "--out", str(out), "--db", target(demo_db)])
    assert code == 0 and str(out) in capsys.readouterr().out
    workbook = load_workbook(out)
    labour = workbook[workbook.sheetnames[2]]
    rows = list(labour.iter_rows(min_row=5, values_only=True))
    assert rows[-1][0] == "Total" and rows[-1][1] == sum(row[1] for row in rows[:-1]) > 0
    money = workbook[workbook.sheetnames[1]]
    assert [row[0] for row in money.iter_rows(min_row=5, values_only=True)] == ["GAZ", "Total"]


def test_report_as_pdf_with_every_section(demo_db, tmp_path, capsys):
    out = tmp_path / "rapor.pdf"
    assert main(["report", "--out", str(out), "--db", target(demo_db)]) == 0
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for title in ("Cases per stage", "Budget and spending", "Cash-for-work per month",
                  "Agreements on", "Households and people reached"):
        assert title in text
    assert "Page 1 of" in text and "Sayfa" not in text  # the console's language, English
    assert re.search(r"\d,\d{3}\.\d\d\b", text) and not re.search(r"\d\.\d{3},\d\d\b", text)
    assert not re.search(r"\b\d\d\.\d\d\.20\d\d\b|\b\d\d\.20\d\d\b", text)  # days, months


def test_bad_input_is_one_line_exit_2_and_no_file(demo_db, tmp_path, capsys):
    db = target(demo_db)
    cases = [
        (["--office", "XYZ", "--out", str(tmp_path / "a.xlsx")], "No office XYZ exists"),
        (["--from", "2026-11-30", "--to", "2026-11-01", "--out", str(tmp_path / "b.pdf")],
         "The period ends before it starts"),
        (["--out", str(tmp_path / "c.docx")], "saved as .xlsx or .pdf"),
        (["--from", "30.11.2026", "--out", str(tmp_path / "d.pdf")],
         "--from takes a day written YYYY-MM-DD"),
    ]
    for argv, message in cases:
        code = main(["report", *argv, "--db", db])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and message in err, (argv, err)
    assert not [path for path in tmp_path.iterdir() if path.suffix in (".xlsx", ".pdf", ".docx")]
