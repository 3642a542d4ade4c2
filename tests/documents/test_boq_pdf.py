"""The printed BoQ: totals reconcile with the printed lines, text prints exactly as typed."""

import re
import subprocess
from dataclasses import replace
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from shelter_app.documents.boq import (
    BoQDocLine,
    BoQDocument,
    BoQPhoto,
    BoQPhotoPair,
    render_boq,
)
from shelter_app.documents.boq_sheet import save_boq_xlsx
from shelter_app.domain.boq import Category
from shelter_app.domain.docnumber import qr_payload, verify
from shelter_app.domain.money import round_money

D = Decimal
TURKISH = "ğüşıöç ĞÜŞİÖÇ"


def document(lines, pct=Decimal("5"), **fields) -> BoQDocument:
    values = dict(number="GAZ-D-000123-B1", status=("Onaylandı", "Approved"),
                  dwelling_ref="GAZ-D-000123", address=f"Karşıyaka Mah. {TURKISH}",
                  household="Ayşe Yılmaz (GAZ-H-000123)", catalogue_label="2026-01",
                  contingency_pct=pct, lines=lines, engineer="Mühendis Gaziantep",
                  supervisor="Süpervizör Gaziantep")
    values.update(fields)
    return BoQDocument(**values)


def text_of(pdf: bytes, tmp_path: Path, layout: bool = True) -> list[str]:
    """pdftotext's text of each page."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\f")


def number(text: str) -> Decimal:
    return D(text.replace(".", "").replace(",", "."))


AMOUNT = r"(-?[\d.]+,\d\d)\s*$"


def printed(pages: list[str]) -> dict:
    """The amounts the PDF shows: each line's quantity, price and amount; the totals."""
    found: dict = {"lines": [], "subtotals": [], "kdv": []}
    for row in "\n".join(pages).splitlines():
        words = row.split()
        if len(words) >= 8 and words[0].isdigit() and words[1].startswith("T-"):
            found["lines"].append((number(words[-4]), number(words[-3]), number(words[-1])))
        elif "Ara toplam" in row:
            found["subtotals"].append(number(re.search(AMOUNT, row).group(1)))
        elif match := re.search(r"KDV %[\d,]+ \(matrah ([\d.,]+)\).*?" + AMOUNT, row):
            found["kdv"].append((number(match.group(1)), number(match.group(2))))
        else:
            for key, label in (("works", "Yapım işleri toplamı"),
                               ("contingency", "Öngörülemeyen giderler"),
                               ("net", "KDV hariç toplam"),
                               ("gross", "KDV dahil genel toplam")):
                if label in row:
                    found[key] = number(re.search(AMOUNT, row).group(1))
    return found


doc_lines = st.lists(st.builds(
    lambda n, category, quantity, price, rate: BoQDocLine(
        f"T-{n:03d}", category, f"İş{n}", "m²", quantity, price, rate),
    st.integers(0, 999), st.sampled_from(list(Category)),
    st.decimals(min_value=D("0.001"), max_value=D("9999.999"), places=3),
    st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2),
    st.sampled_from([D("20"), D("10"), D("1")])), min_size=1, max_size=45)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc_lines, st.decimals(min_value=D(0), max_value=D(25), places=2))
def test_printed_totals_equal_the_sum_of_the_printed_lines(tmp_path, lines, pct):
    shown = printed(text_of(render_boq(document(lines, pct)), tmp_path))
    assert len(shown["lines"]) == len(lines)
    for quantity, price, amount in shown["lines"]:
        assert amount == round_money(quantity * price)
    line_sum = sum((amount for *_, amount in shown["lines"]), D(0))
    assert line_sum == shown["works"] == sum(shown["subtotals"], D(0))
    assert shown["net"] == shown["works"] + shown["contingency"]
    assert sum((base for base, _ in shown["kdv"]), D(0)) == shown["net"]
    assert shown["gross"] == shown["net"] + sum((kdv for _, kdv in shown["kdv"]), D(0))


def line(code="YAL-EPS-05", description="Dış cephe ısı yalıtımı", **fields):
    values = dict(code=code, category=Category.INSULATION, description=description, unit="m²",
                  quantity=D("48.2"), unit_price=D("1350"), kdv_rate=D("20"))
    values.update(fields)
    return BoQDocLine(**values)


def test_user_text_prints_literally_with_turkish_letters(tmp_path):
    pdf = render_boq(document([line(description=f'Özel <b>iş</b> & "sıva" {TURKISH}')],
                              household=f"<img src='http://x'/> {TURKISH}"))
    text = "".join(text_of(pdf, tmp_path, layout=False))
    assert f'Özel <b>iş</b> & "sıva" {TURKISH}' in text
    assert f"<img src='http://x'/> {TURKISH}" in text
    assert "Karşıyaka" in text and "KEŞİF ÖZETİ" in text


def test_pages_are_numbered_and_carry_a_checked_qr_code(tmp_path):
    pdf = render_boq(document([line(code=f"T-{n}", description="uzun açıklama " * 8)
                               for n in range(60)]))
    pages = text_of(pdf, tmp_path)[:-1]
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Sayfa {n} / {len(pages)}" in page
        assert "GAZ-D-000123-B1" in page
    for page in pages[:-1]:
        assert "Poz no" in page  # the header row repeats on every page of lines
    last = pages[-1]
    assert "KDV hariç toplam" in last and "KDV dahil genel toplam" in last  # totals not split
    zxingcpp = pytest.importorskip("zxingcpp")
    path = tmp_path / "doc.pdf"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True)
    codes = zxingcpp.read_barcodes(Image.open(next(tmp_path.glob("page*.png"))))
    assert [code.text for code in codes] == [qr_payload("GAZ-D-000123-B1")]
    assert verify(codes[0].text)


def test_signature_blocks_stay_together_on_one_page(tmp_path):
    for count in range(14, 24):  # one of these pushes the signatures to a page break
        pages = text_of(render_boq(document([line(code=f"T-{n}") for n in range(count)])),
                        tmp_path)
        holding = [page for page in pages if "Hazırlayan" in page or "Tarih" in page]
        assert len(holding) == 1
        assert "Onaylayan" in holding[0] and "Tarih" in holding[0]
        assert "Süpervizör Gaziantep" in holding[0]


def test_english_column_and_photo_pages(tmp_path):
    picture = BytesIO()
    Image.new("RGB", (400, 300), "red").save(picture, "JPEG")
    pair = BoQPhotoPair(("Kapılar", "Doors"), BoQPhoto(picture.getvalue(), "09.11.2026"))
    pdf = render_boq(replace(document([line(description_en="Insulation EN")], english=True),
                             photos=[pair]))
    pages = [page for page in text_of(pdf, tmp_path) if page.strip()]
    assert "BILL OF QUANTITIES" in pages[0] and "Insulation EN" in pages[0]
    assert "Grand total incl. VAT" in pages[0]
    assert "Photos" in pages[-1] and "Önce / Before" in pages[-1] and "Doors" in pages[-1]
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages[0].images) == 0 and len(reader.pages[-1].images) == 1


def test_units_and_quantities_are_written_for_the_reader(tmp_path):
    lines = [line(), line(code="KAP-01", unit="adet", quantity=D("3"), category=Category.DOORS,
                          description_en="Door")]
    english = text_of(render_boq(document(lines, english=True)), tmp_path)[0]
    rows = {row.split()[1]: row.split() for row in english.splitlines()
            if row.split()[:1] in (["1"], ["2"])}
    assert rows["YAL-EPS-05"][-5:-3] == ["m²", "48,20"]  # m²: two decimals
    assert rows["KAP-01"][-5:-3] == ["adet", "3"]  # counted: none
    assert re.search(r"\n\s+pcs\n", english)  # the English unit under the Turkish one
    turkish = text_of(render_boq(document(lines)), tmp_path)[0]
    assert "pcs" not in turkish and "48,20" in turkish


def test_a_price_and_a_rate_are_written_once_per_document(monkeypatch):
    from shelter_app.documents import boq
    from shelter_app.documents.fonts import register_fonts

    register_fonts()
    written = []
    for name in ("amount", "percent"):
        write = getattr(boq, name)
        monkeypatch.setattr(boq, name, lambda value, write=write: written.append(value)
                            or write(value))
    paper = document([line(quantity=D(n)) for n in (1, 2, 3)]
                     + [line(unit_price=D("12.5"), kdv_rate=D("10"))])
    table = boq._lines_table(paper, boq.totals_of(paper))
    assert [row.cells[-3:] for row in table.rows[1:5]] == [
        ["1.350,00", "20", "1.350,00"], ["1.350,00", "20", "2.700,00"],
        ["1.350,00", "20", "4.050,00"], ["12,50", "10", "602,50"]]
    assert written.count(D("1350")) == 2 and written.count(D("20")) == 1  # a price, an amount
    assert written.count(D("12.5")) == 1 and written.count(D("10")) == 1


def test_fonts_are_embedded(tmp_path):
    reader = PdfReader(BytesIO(render_boq(document([line()]))))
    fonts = {font["/BaseFont"]: font.get("/FontDescriptor")
             for font in reader.pages[0]["/Resources"]["/Font"].values()}
    assert any("NotoSans-Bold" in name for name in fonts)
    assert any("NotoSans-Regular" in name for name in fonts)
    assert all(descriptor and "/FontFile2" in descriptor for descriptor in fonts.values())


def test_xlsx_has_real_numbers_and_the_pdf_totals(tmp_path):
    from openpyxl import load_workbook

    lines = [line(), line(code="KAP-IC", category=Category.DOORS, unit="adet",
                          quantity=D("2"), unit_price=D("7800"), description="=cmd|' /C calc'!A0")]
    save_boq_xlsx(document(lines, english=True), tmp_path / "boq.xlsx")
    sheet = load_workbook(tmp_path / "boq.xlsx").active
    values = [[cell for cell in row] for row in sheet.iter_rows()]
    amounts = [row[-1] for row in values if isinstance(row[0].value, int)]
    assert [cell.value for cell in amounts] == [65070, 15600]
    assert all(cell.data_type == "n" and cell.number_format == "#,##0.00" for cell in amounts)
    formula = next(row[3] for row in values if row[1].value == "KAP-IC")
    assert formula.data_type == "s" and formula.value.startswith("=cmd")
    grand = next(row for row in values if row[-2].value and "genel toplam" in str(row[-2].value))
    assert D(str(grand[-1].value)) == D("101644.20")  # (65070 + 15600) x 1.05 + 20% KDV


def test_xlsx_quantities_are_numbers_with_their_units_decimals(tmp_path):
    from openpyxl import load_workbook

    lines = [line(), line(code="KAP-IC", category=Category.DOORS, unit="adet", quantity=D("3")),
             line(code="SIV-01", category=Category.PAINTING, quantity=D("12.345"))]
    save_boq_xlsx(document(lines), tmp_path / "boq.xlsx")
    sheet = load_workbook(tmp_path / "boq.xlsx").active
    header = next(row for row in sheet.iter_rows() if row[0].value == "Sıra / No")
    column = next(cell.column for cell in header if cell.value == "Miktar / Qty") - 1
    quantities = {row[1].value: row[column] for row in sheet.iter_rows()
                  if isinstance(row[0].value, int)}
    assert {code: (cell.value, cell.data_type, cell.number_format)
            for code, cell in quantities.items()} == {
        "YAL-EPS-05": (48.2, "n", "#,##0.00"),   # m²: to the centimetre
        "KAP-IC": (3, "n", "#,##0"),             # pieces: counted
        "SIV-01": (12.345, "n", "#,##0.000")}    # typed finer: every decimal kept


def test_photos_follow_on_their_own_pages_before_beside_after_with_captions(tmp_path):
    """`print boq --photos`: each kind of work's before and after photo side by side, each
    large and captioned, from a new page (the works lines' pages hold no picture)."""
    def jpeg(n: int) -> bytes:  # a colour of its own: the PDF stores a repeated image once
        picture = BytesIO()
        Image.new("RGB", (400, 300), (30 * n, 100, 200)).save(picture, "JPEG")
        return picture.getvalue()

    pairs = [BoQPhotoPair((f"İş {n}", f"Work {n}"), BoQPhoto(jpeg(n), f"0{n}.11.2026 önce"),
                          BoQPhoto(jpeg(n + 4), f"1{n}.11.2026 sonra")) for n in range(1, 5)]
    pdf = render_boq(replace(document([line()]), photos=pairs))
    (tmp_path / "boq.pdf").write_bytes(pdf)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages[0].images) == 0  # the lines' page: no photo
    assert sum(len(page.images) for page in reader.pages[1:]) == 8  # every photo, none left
    pages = text_of(pdf, tmp_path)
    photo_text = "\n".join(pages[1:])
    for n in range(1, 5):  # before on the left, after on the right, each under its caption
        row = next(text for text in photo_text.splitlines() if f"0{n}.11.2026 önce" in text)
        assert row.index(f"0{n}.11.2026 önce") < row.index(f"1{n}.11.2026 sonra")
        assert f"İş {n}" in photo_text
    assert "Önce" in photo_text and "Sonra" in photo_text
    boxes = subprocess.run(["pdfimages", "-list", str(tmp_path / "boq.pdf")], check=True,
                           capture_output=True, text=True).stdout.splitlines()[2:]
    assert len(boxes) == 8 and all(int(line.split()[0]) >= 2 for line in boxes)  # page 2 on
