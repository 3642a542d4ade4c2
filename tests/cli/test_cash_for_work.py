"""`shelter-app print timesheet REF` and `shelter-app export payments --period YYYY-MM`."""

import csv
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from server_dbs import target
from sqlalchemy import func, select

from shelter_app.cli.main import main
from shelter_app.data.models import LabourEntry, PaymentBatch, Timesheet, Worker
from shelter_app.domain.stages import ApprovalStatus, BatchStatus


def period_total(db, period: str) -> Decimal:
    with db.read() as session:
        return session.scalar(select(func.sum(PaymentBatch.total)).where(
            PaymentBatch.period == period))


def test_print_timesheet(demo_db, tmp_path, capsys):
    with demo_db.read() as session:
        ref = session.scalar(select(Timesheet.ref).where(
            Timesheet.status == ApprovalStatus.APPROVED).order_by(Timesheet.ref).limit(1))
    out = tmp_path / "puantaj.pdf"
    code = main(["print", "timesheet", ref.lower(), "--out", str(out), "--db",
                 target(demo_db)])
    assert code == 0 and ref in capsys.readouterr().out
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert ref in text and "PUANTAJ" in text and "Onaylandı" in text
    with demo_db.read() as session:  # every worker's ID number is printed beside the name
        ids = session.scalars(select(Worker.id_number).join(
            LabourEntry, LabourEntry.worker_id == Worker.id).join(
            Timesheet, Timesheet.id == LabourEntry.timesheet_id).where(
            Timesheet.ref == ref)).all()
    assert ids and all(id_number in text for id_number in ids)


def test_print_an_unknown_timesheet(demo_db, tmp_path, capsys):
    code = main(["print", "timesheet", "GAZ-D-999999-T01", "--out", str(tmp_path / "x.pdf"),
                 "--db", target(demo_db)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "No timesheet GAZ-D-999999-T01" in err
    assert not (tmp_path / "x.pdf").exists()


def test_export_payments_xlsx(demo_db, tmp_path, capsys):
    out = tmp_path / "ödemeler.xlsx"
    code = main(["export", "payments", "--period", "2026-09", "--out", str(out), "--db",
                 target(demo_db)])
    assert code == 0, capsys.readouterr().err
    assert "payment lines of 6 batches" in capsys.readouterr().out
    book = load_workbook(out)
    amounts = Decimal(0)
    for title in ("Banka (IBAN)", "PTT"):
        sheet = book[title]
        amounts += sum(Decimal(str(row[-1].value)) for row in sheet.iter_rows(
            min_row=2, max_row=sheet.max_row - 1))
    assert amounts == period_total(demo_db, "2026-09") > 0


def test_export_payments_csv_marks_draft_batches_exported(demo_db, tmp_path, capsys):
    out = tmp_path / "ptt.csv"
    code = main(["export", "payments", "--period", "2026-10", "--out", str(out),
                 "--format", "csv", "--db", target(demo_db)])
    assert code == 0, capsys.readouterr().err
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert all("," in row["amount"] for row in rows)  # decimal commas, for Turkish Excel
    assert sum(Decimal(row["amount"].replace(",", ".")) for row in rows) == period_total(
        demo_db, "2026-10")
    assert {row["method"] for row in rows} == {"iban", "ptt"}
    with demo_db.read() as session:
        assert set(session.scalars(select(PaymentBatch.status).where(
            PaymentBatch.period == "2026-10"))) == {BatchStatus.EXPORTED}


@pytest.mark.parametrize(("period", "message"), [
    ("2026-11", "No payment batch has been built for 2026-11"),
    ("2026/11", "--period takes a month written YYYY-MM")])
def test_export_payments_refusals(demo_db, tmp_path, capsys, period, message):
    out = tmp_path / "x.xlsx"
    code = main(["export", "payments", "--period", period, "--out", str(out), "--db",
                 target(demo_db)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1
    assert not out.exists()
