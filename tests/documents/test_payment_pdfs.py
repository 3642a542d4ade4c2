"""The cash-for-work timesheet and payment list PDFs: totals, text as typed, signatures."""

import re
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from shelter_app.documents.payment_list import (
    PaymentLine,
    PaymentListDocument,
    render_payment_list,
)
from shelter_app.documents.timesheet import (
    ID_WIDTH,
    TimesheetDocument,
    TimesheetEntry,
    render_timesheet,
)
from shelter_app.domain.iban import format_iban, make_tr_iban

NAMES = ["Şükrü Öztürk", "<b>Ayşe</b> & İğde", "محمد الأحمد", "=HYPERLINK(\"x\")"]


def pages(pdf: bytes, tmp_path: Path) -> list[str]:
    """pdftotext's text of each page, NFKC (Arabic presentation forms to letters)."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    return [unicodedata.normalize("NFKC", page) for page in out.split("\f")[:-1]]


def payment_list(count: int) -> PaymentListDocument:
    lines = [PaymentLine("GAZ-P-202611-1", f"GAZ-W-{n:06d}", NAMES[n % 4], f"1234567890{n % 10}",
                         f"GAZ-H-{n:06d}", "ptt" if n % 3 == 0 else "iban",
                         None if n % 3 == 0 else make_tr_iban("00010", f"{n:016d}"),
                         Decimal("12.5") if n % 2 else Decimal("20.0"), Decimal("1101.01"))
             for n in range(count)]
    return PaymentListDocument("GAZ-P-202611-1", "2026-11", "Gaziantep", "Taslak", lines,
                               "Süpervizör Gaziantep", date(2026, 11, 25))


def test_payment_list_total_and_text(tmp_path: Path) -> None:
    document = payment_list(7)
    # 12.5 x 1101.01 = 13762.625 -> 13762.63 (half up, per line); 20 x 1101.01 = 22020.20
    assert document.total == Decimal("13762.63") * 3 + Decimal("22020.20") * 4
    text = "\n".join(pages(render_payment_list(document), tmp_path))
    assert "129.368,69" in text  # the printed total
    assert "13.762,63" in text and "22.020,20" in text
    for name in NAMES:
        assert name in text
    assert "PTT" in text and "Sayfa 1 / 1" in text
    ibans = [line.iban for line in document.lines if line.iban]
    assert ibans and all(format_iban(iban) in text.splitlines() for iban in ibans)  # one line


def test_batch_references_stay_whole_and_counts_stand_apart(tmp_path: Path) -> None:
    """A batch reference of the widest office code on one line (it broke as "MER-P-202610-"
    and "1"); the workers and the days in rows of their own ("7, 117,5" read as one number)."""
    document = payment_list(7)
    document = PaymentListDocument(document.number, document.period, document.office,
                                   document.status, [replace(line, batch_ref="MER-P-202610-12")
                                                     for line in document.lines])
    text = pages(render_payment_list(document), tmp_path)[0]
    assert text.count("MER-P-202610-12\n") == 7
    lines = text.splitlines()
    assert "İşçi / Workers" in lines and "Gün / Days" in lines
    assert "7" in lines and "117,5" in lines and "7, 117,5" not in text


def test_an_arabic_name_starts_its_cell_as_the_latin_names_do(tmp_path: Path) -> None:
    """An Arabic worker's name and reference sat at the right of the left-aligned worker
    column; they start at its left edge, the name still read from the right."""
    path = tmp_path / "list.pdf"
    path.write_bytes(render_payment_list(payment_list(4)))
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    left = {text: float(x) for x, text in
            re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
    arabic = [x for text, x in left.items() if re.search("[\u0600-\u06ff]", text)]
    assert arabic and abs(min(arabic) - left["Şükrü"]) < 1
    assert abs(left["GAZ-W-000002"] - left["GAZ-W-000001"]) < 1  # the reference under it


def test_a_long_list_keeps_its_signatures_together(tmp_path: Path) -> None:
    for count in (30, 38, 44, 52):
        texts = pages(render_payment_list(payment_list(count)), tmp_path)
        assert f"Sayfa 1 / {len(texts)}" in texts[0]
        last = [page for page in texts if "Ödeyen (Finans)" in page]
        assert len(last) == 1 and "Tarih / Date" in last[0] and "İmza / Signature" in last[0]
        assert "TOPLAM / TOTAL" in texts[-1] or "TOPLAM / TOTAL" in texts[-2]


def test_timesheet_grid_and_pay(tmp_path: Path) -> None:
    monday = date(2026, 11, 9)
    entries = [TimesheetEntry(monday + timedelta(days=d), "GAZ-W-000001",
                              Decimal("0.5") if d == 2 else Decimal("1.0"),
                              "Sıva <tamiri>", "Mühendis Gaziantep",
                              "İzin yenileniyor" if d == 1 else None) for d in range(5)]
    rates = {monday + timedelta(days=d): Decimal("1101.00") if d < 3 else Decimal("866.85")
             for d in range(7)}
    document = TimesheetDocument(
        "GAZ-D-000012-T03", "GAZ-D-000012", "Karşıyaka Mah. Gül Sokak No:5, Şahinbey",
        "محمد الأحمد (GAZ-H-000012)", monday, monday + timedelta(days=6),
        "Onaylandı / Approved", [("GAZ-W-000001", "Çağrı Öğüt")], entries, rates,
        "Mühendis Gaziantep", "Süpervizör Gaziantep",
        id_numbers={"GAZ-W-000001": "99123456786"})
    # 2.5 days x 1101.00 = 2752.50 ; 2 days x 866.85 = 1733.70
    assert document.worker_pay("GAZ-W-000001") == Decimal("4486.20")
    (text,) = pages(render_timesheet(document), tmp_path)
    assert "4.486,20" in text and "Çağrı Öğüt" in text and "Sıva <tamiri>" in text
    assert re.search(r"İzin\s+yenileniyor", text) and "محمد الأحمد" in text
    assert "Süpervizör Gaziantep" in text and "Sayfa 1 / 1" in text
    # each worker's ID number and a column to sign for the days
    assert "99123456786" in text and "Kimlik No" in text and "İmza" in text.split("Kayıtlar")[0]


def test_days_have_one_fixed_decimal_lined_up(tmp_path: Path) -> None:
    """Labour days come in halves: a whole number of days is printed "5,0" beside "4,5"
    (it was "5"), on the payment list and the timesheet, their right edges in line."""
    document = payment_list(2)
    document = replace(document, lines=[replace(line, days=days) for line, days in
                                        zip(document.lines, (Decimal("5"), Decimal("4.5")))])
    path = tmp_path / "list.pdf"
    path.write_bytes(render_payment_list(document))
    right = {text: x_max for text, (_, x_max) in _boxes(path).items()}
    assert "5,0" in right and "4,5" in right and "9,5" in right
    assert abs(right["5,0"] - right["4,5"]) < 0.5
    monday = date(2026, 11, 9)
    sheet = TimesheetDocument(
        "GAZ-D-000012-T03", "GAZ-D-000012", "Gül Sokak No:5", None, monday,
        monday + timedelta(days=6), "Onaylandı / Approved", [("GAZ-W-000001", "Çağrı Öğüt")],
        [TimesheetEntry(monday + timedelta(days=d), "GAZ-W-000001", Decimal("1.0"))
         for d in range(3)], dict.fromkeys((monday + timedelta(days=d) for d in range(7)),
                                           Decimal("1101.00")), None, None)
    text = pages(render_timesheet(sheet), tmp_path)[0].splitlines()
    assert text.count("3,0") == 2 and text.count("1,0") == 3  # worker and total; entries


def test_an_id_number_keeps_its_cell_padding(tmp_path: Path) -> None:
    """The timesheet's 11-digit ID number ran up to its cell's right border: it keeps the
    6 pt padding the cell keeps on its left."""
    monday = date(2026, 11, 9)
    sheet = TimesheetDocument(
        "GAZ-D-000012-T03", "GAZ-D-000012", "Gül Sokak No:5", None, monday,
        monday + timedelta(days=6), "Onaylandı / Approved", [("GAZ-W-000001", "محمد الأحمد")],
        [], {}, None, None, id_numbers={"GAZ-W-000001": "88888888888"})
    path = tmp_path / "sheet.pdf"
    path.write_bytes(render_timesheet(sheet))
    boxes = _boxes(path)
    left_border = boxes["Kimlik"][0] - 6
    assert boxes["88888888888"][0] == boxes["Kimlik"][0]
    assert boxes["88888888888"][1] <= left_border + ID_WIDTH - 6


def test_the_timesheets_entries_end_align_their_days(tmp_path: Path) -> None:
    """Numbers are end-aligned everywhere: the entries' Day column stood left-aligned."""
    monday = date(2026, 11, 9)
    sheet = TimesheetDocument(
        "GAZ-D-000012-T03", "GAZ-D-000012", "Gül Sokak No:5", None, monday,
        monday + timedelta(days=6), "Onaylandı / Approved", [("GAZ-W-000001", "Çağrı Öğüt")],
        [TimesheetEntry(monday, "GAZ-W-000001", Decimal("0.5"))],
        dict.fromkeys((monday + timedelta(days=d) for d in range(7)), Decimal("1101.00")),
        None, None)
    path = tmp_path / "sheet.pdf"
    path.write_bytes(render_timesheet(sheet))
    right = {text: x_max for text, (_, x_max) in _boxes(path).items()}
    # left-aligned, the words' ends stood apart by their widths (~3 pt)
    assert abs(right["0,5"] - right["Day"]) < 0.5 and abs(right["Gün"] - right["Day"]) < 0.5


def _boxes(path: Path) -> dict[str, tuple[float, float]]:
    """Each word pdftotext finds on the first page: its left and right edge (the last one's)."""
    boxes = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    return {text: (float(left), float(right)) for left, right, text in re.findall(
        r'xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
