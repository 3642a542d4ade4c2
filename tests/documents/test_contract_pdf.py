"""The printed agreement: names exactly as stored, Arabic in reading order, markup printed as
text, long values wrapped inside the page, "Sayfa n / N" and a checked QR code on every page,
signatures kept together, the works' value from the BoQ lines, the clause templates in step."""

import re
import socket
import subprocess
import unicodedata
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFontFace
from reportlab.platypus import Table

from shelter_app.documents.clauses import PLURAL_FORMS, clause_book, placeholders
from shelter_app.documents.contract import contract_codes, render_contract
from shelter_app.documents.contract_values import ContractDocument, ContractParty, ContractWork
from shelter_app.documents.kept_table import KeptTable
from shelter_app.documents.styles import (
    BOTTOM_MARGIN,
    INITIALS_HEIGHT,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TOP_MARGIN,
)
from shelter_app.documents.text import has_arabic
from shelter_app.domain.boq import Category
from shelter_app.domain.docnumber import qr_payload, verify
from shelter_app.domain.lease import LeaseTerms
from shelter_app.resources import resource

D = Decimal
IBAN = "TR330006100519786457841326"
LANDLORD = "Öztürk & Oğulları <Ltd>"
TENANT = "Şükrü İğdır Çağlayan"
NUMBER = "GAZ-2026-0042"


def document(languages="tr+ar", **changes) -> ContractDocument:
    terms = LeaseTerms(24, date(2026, 12, 1), date(2028, 11, 30), D("7500.00"), 2,
                       D("15000.00"), 5, IBAN)
    values = dict(
        number=NUMBER, languages=languages,
        landlord=ContractParty(LANDLORD, "1234567890", "İnönü Cad. No:12, Şahinbey/Gaziantep",
                               "+90 532 123 45 67", IBAN, reference="GAZ-L-000012"),
        tenant=ContractParty(TENANT, "99123456786", "Karşıyaka Mah., Gül Sokak No:5/3",
                             "+90 555 765 43 21", None, "Suriye", "GAZ-H-000077"),
        programme="Barınak Programı", property_address="Karşıyaka Mah., Gül Sokak No:5/3",
        terms=terms, court="Gaziantep Mahkemeleri ve İcra Daireleri",
        boq_ref="GAZ-D-000077-B1", contingency_pct=D("5"), title_deed_block="1234",
        title_deed_parcel="56", floor_area_m2=D("85"), fixtures="Kombi, mutfak dolabı",
        works=[ContractWork(Category.INSULATION, "Dış cephe ısı yalıtımı", D("48.2"), "m²",
                            D("1350"), D("20"), "عزل حراري للواجهة"),
               ContractWork(Category.DOORS, "Çelik giriş kapısı", D("1"), "adet", D("24500"),
                            D("20"), "باب مدخل فولاذي")],
        programme_signatory="Mühendis Gaziantep", issued=date(2026, 11, 25))
    values.update(changes)
    return ContractDocument(**values)


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> list[str]:
    path = tmp_path / "contract.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout.split("\f")[:-1]


def body_options(meta_bottom: float) -> tuple[str, ...]:
    """pdftotext options that read the page's frame only, without the running header,
    footer and initials boxes (a clause may now run on over a page break)."""
    height = PAGE_HEIGHT - TOP_MARGIN - meta_bottom
    return ("-x", "0", "-y", str(int(TOP_MARGIN)), "-W", str(int(PAGE_WIDTH)),
            "-H", str(int(height) + 1))


BODY = body_options(BOTTOM_MARGIN + INITIALS_HEIGHT)


def pypdf_body(pdf: bytes) -> str:
    """pypdf's text of every page without the header, footer and initials boxes: they are
    drawn after the page's body, from the running title on."""
    title = clause_book("tr").label("title")
    pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
    return "\n".join(page[:page.rfind(title)] for page in pages)


def pypdf_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]


def arabic_words(text: str) -> list[str]:
    """Arabic words in `text` (letters only: "و316" is the word "و" and a number)."""
    return [word for word in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", text))
            if has_arabic(word)]


def top_runs(line: str) -> list[str]:
    """`line` cut into its outermost embeddings (U+202A/U+202B ... U+202C) and the text
    between them."""
    runs, depth, start = [], 0, 0
    for at, char in enumerate(line):
        if char in "\u202a\u202b":
            if depth == 0 and at > start:
                runs.append(line[start:at])
                start = at
            depth += 1
        elif char == "\u202c" and depth:
            depth -= 1
            if depth == 0:
                runs.append(line[start:at + 1])
                start = at + 1
    return [run for run in [*runs, line[start:]] if run.strip()]


def reading_order(pages: list[str]) -> list[str]:
    """The Arabic words of pdftotext's pages as read. pdftotext gives each right-to-left run
    in reading order, marked with U+202B...U+202C. On a page it reads as left to right (most
    of its letters Latin) the runs of a line come from the left: reversed, they read as
    written; on a right-to-left page a line is one embedding in reading order."""
    words: list[str] = []
    for page in pages:
        for line in page.splitlines():
            if has_arabic(line):
                runs = top_runs(line)
                if len(runs) > 1:
                    runs.reverse()
                words += [word for run in runs for word in arabic_words(run)]
    return words


def contains(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


@pytest.fixture(scope="module")
def arabic_pdf() -> bytes:
    return render_contract(document())


@pytest.mark.parametrize("languages", ["tr+ar", "tr+en", "tr"])
def test_every_name_comes_back_exactly_as_stored(languages, tmp_path):
    pdf = render_contract(document(languages))
    for text in ("".join(pdftotext(pdf, tmp_path)), "".join(pypdf_text(pdf))):
        for value in (LANDLORD, TENANT, "İnönü Cad. No:12, Şahinbey/Gaziantep",
                      "Mühendis Gaziantep", "Barınak Programı"):
            assert value in text


def test_arabic_clauses_read_in_order_after_nfkc(arabic_pdf, tmp_path):
    words = reading_order(pdftotext(arabic_pdf, tmp_path, *BODY))
    book = clause_book("ar")
    for clause in book.clauses:
        if clause.condition == "renewal":
            continue
        for paragraph in clause.paragraphs:
            for piece in re.split(r"\{\w+\}", paragraph):  # the text between the values
                expected = arabic_words(piece)
                assert not expected or contains(words, expected), piece
    assert contains(words, arabic_words("يكون النص التركي هو المعتمد"))
    # clause order: each clause's first words come after the previous clause's
    starts = [words.index(arabic_words(c.paragraphs[0])[0])
              for c in book.clauses if c.number in (2, 12, 13, 14)]
    assert starts == sorted(starts)


def test_arabic_is_shaped_right_aligned_and_brackets_face_the_right_way(arabic_pdf):
    lines = [line for page in pypdf_text(arabic_pdf) for line in page.splitlines()]
    assert any("(IBAN)" in line for line in lines if has_arabic(line))
    assert not any(")IBAN(" in line for line in lines)
    text = "".join(lines)  # printed joined, read as ordinary letters (test_text_layer)
    assert has_arabic(text) and not any("\ufe70" <= char <= "\ufeff" for char in text)


def test_the_turkish_text_prevails_in_both_languages(arabic_pdf, tmp_path):
    text = "".join(pdftotext(arabic_pdf, tmp_path))
    assert "Türkçe metin esastır" in text and "Madde 15 – Yetkili mahkeme" in text
    english = "".join(pdftotext(render_contract(document("tr+en")), tmp_path))
    assert "the Turkish text prevails" in english and "Article 5 – Rent" in english
    turkish = render_contract(document("tr"))
    only = "".join(pdftotext(turkish, tmp_path))
    assert not has_arabic(only) and "esastır" not in only and "Article" not in only


def test_each_language_writes_its_own_numbers_and_dates(tmp_path):
    """The English text writes amounts, rates and days as English does ("7,500.00 TL",
    "1.89 per mille", "01/12/2026"); Turkish keeps "7.500,00" (and Arabic, as the app writes
    it); a contract without a deposit says so in words, not "0,00 TL"."""
    english = " ".join(" ".join(pdftotext(render_contract(document("tr+en")), tmp_path)).split())
    assert "The monthly rent is 7,500.00 TL" in english and "Aylık kira bedeli 7.500,00 TL" in english
    assert "1.89 per mille" in english and "01/12/2026" in english
    assert f"Document No: {NUMBER}" in english  # no isolate marks around a Latin number
    none = " ".join(" ".join(pdftotext(render_contract(document(
        "tr+en", terms=replace(document().terms, deposit=D("0")))), tmp_path)).split())
    assert "Yok None" in none and not re.search(r"(?<![\d.,])0[.,]00 TL", none)


def test_markup_in_names_prints_literally_and_fetches_nothing(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the PDF tried to fetch something")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    tag = '<img src="http://127.0.0.1:9/x.png"/> Ayşe'
    pdf = render_contract(document(tenant=ContractParty(tag, "99123456786"),
                                   fixtures="<b>Kombi</b> & <br/> dolap"))
    text = "".join(pdftotext(pdf, tmp_path, "-raw"))
    assert tag in text and "<b>Kombi</b> & <br/> dolap" in text
    assert b"/Subtype /Image" not in pdf


def test_long_names_and_addresses_wrap_inside_the_page(tmp_path):
    name = " ".join(["Uzunoğulları Gayrimenkul Yatırım İnşaat Ticaret"] * 4)
    address = "Çok Uzun Mahallesi " * 12 + "No:1/2 Şahinbey/Gaziantep"
    pdf = render_contract(document(landlord=ContractParty(name, "1234567890", address),
                                   tenant=ContractParty("محمد " * 12 + "الأحمد", "99123456786",
                                                        address)))
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes)]
    left_edges = [float(x) for x in re.findall(r'xMin="([\d.]+)"', boxes)]
    assert max(right_edges) <= PAGE_WIDTH - MARGIN + 1 and min(left_edges) >= MARGIN - 1
    text = " ".join("".join(pdftotext(pdf, tmp_path)).split())
    assert "Yatırım İnşaat Ticaret Uzunoğulları" in text and "Çok Uzun Mahallesi Çok" in text


def test_every_page_is_numbered_and_carries_a_checked_qr_code(arabic_pdf, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    pages = pdftotext(arabic_pdf, tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Sayfa {number} / {len(pages)}" in page and NUMBER in page
    subprocess.run(["pdftoppm", "-png", "-r", "110", str(tmp_path / "contract.pdf"),
                    str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page*.png"))
    assert len(images) == len(pages)
    for image in images:
        codes = zxingcpp.read_barcodes(Image.open(image))
        assert [code.text for code in codes] == [qr_payload(NUMBER)]
        assert verify(codes[0].text)


def test_the_header_footer_and_initials_are_in_both_languages(arabic_pdf, tmp_path):
    pages = pdftotext(arabic_pdf, tmp_path)
    words = [reading_order([page]) for page in pages]
    for number, (page, arabic) in enumerate(zip(pages, words, strict=True), start=1):
        assert contains(arabic, arabic_words("عقد إيجار مسكن رقم الوثيقة"))
        assert contains(arabic, arabic_words(f"الصفحة {number} من {len(pages)}"))
        last = number == len(pages)
        # initials for both parties on every page but the last, where they sign
        assert page.count("Paraf — ") == (0 if last else 2)
        assert contains(arabic, arabic_words("الأحرف الأولى المؤجر")) != last
        assert contains(arabic, arabic_words("الأحرف الأولى المستأجر")) != last
    turkish_only = pdftotext(render_contract(document("tr")), tmp_path)
    assert "Belge No: " in turkish_only[0] and "Document No" not in "".join(turkish_only)
    assert "Paraf — Kiracı" in turkish_only[0] and not has_arabic("".join(turkish_only))


@pytest.mark.parametrize("languages", ["tr+ar", "tr+en", "tr"])
@pytest.mark.parametrize("works", [2, 14, 40])
def test_no_page_before_the_last_is_more_than_a_third_empty(languages, works, tmp_path):
    """Clauses and the works table run on over a page break; only the last clause and the
    signatures are kept together."""
    lines = [*document().works] * (works // 2)
    pdf = render_contract(document(languages, works=lines))
    path = tmp_path / "contract.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                           capture_output=True, text=True).stdout
    frame_bottom = PAGE_HEIGHT - BOTTOM_MARGIN - INITIALS_HEIGHT
    frame = frame_bottom - TOP_MARGIN
    pages = boxes.split("<page ")[1:]
    for number, page in enumerate(pages[:-1], start=1):
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        lowest = max(y for y in bottoms if y <= frame_bottom + 1)
        assert frame_bottom - lowest < frame / 3, (languages, works, number)
    holding = pdftotext(pdf, tmp_path)[-1]
    assert "Madde 15 – Yetkili mahkeme" in holding and holding.count("İmza:") == 3


def test_signature_blocks_never_split_across_pages(tmp_path):
    for extra in range(0, 44, 4):  # longer fixtures push the end of the document down
        pdf = render_contract(document("tr", fixtures="Kombi ve dolap " * extra * 3))
        pages = pdftotext(pdf, tmp_path)
        holding = [page for page in pages if "İmza:" in page]
        assert len(holding) == 1 and holding[0].count("İmza:") == 3
        assert holding[0].count("Tarih: ......") == 3
        assert "Madde 15 – Yetkili mahkeme" in holding[0]  # never on a page of their own


def test_the_works_and_their_value_come_from_the_boq_lines(arabic_pdf, tmp_path):
    doc = document()
    gross = doc.totals.gross
    assert gross == D("112858.20")  # 89.570 + 4.478,50 contingency + 18.809,70 KDV
    text = " ".join("".join(pdftotext(arabic_pdf, tmp_path)).split())
    assert "KDV dahil toplam değeri 112.858,20 TL" in text
    assert text.count("112.858,20") == 3  # the clause, its translation and the table
    assert "Çelik giriş kapısı" in text


def test_optional_clauses_and_continuous_numbers(tmp_path):
    plain = replace(document("tr").terms, rent_free_months=0, deposit=D("0"))
    text = "".join(pdftotext(render_contract(document("tr", terms=plain)), tmp_path))
    assert "Kirasız dönem" not in text.split("Sözleşme hükümleri")[1]
    assert "Güvence bedeli" not in text.split("Sözleşme hükümleri")[1]
    numbers = [int(n) for n in re.findall(r"Madde (\d+) –", text)]
    assert numbers == list(range(1, 14))
    renewed = "".join(pdftotext(render_contract(document("tr", previous_number="GAZ-2025-0007")),
                                tmp_path))
    assert "GAZ-2025-0007 numaralı sözleşmenin yenilenmesidir" in renewed


def test_every_language_has_the_same_clauses_labels_and_placeholders():
    turkish = clause_book("tr")
    for language in ("ar", "en"):
        other = clause_book(language)
        assert [(c.number, c.condition) for c in other.clauses] == [
            (c.number, c.condition) for c in turkish.clauses]
        for mine, theirs in zip(turkish.clauses, other.clauses, strict=True):
            assert placeholders(" ".join(mine.paragraphs)) == placeholders(
                " ".join(theirs.paragraphs)), (language, mine.number)
        plural = {f"value.months.{form}" for form in PLURAL_FORMS}
        assert set(turkish.labels) - plural == set(other.labels) - plural
        for key, text in turkish.labels.items():
            if key not in plural:
                assert placeholders(text) == placeholders(other.labels[key]), (language, key)
        assert "value.months.other" in other.labels
    assert turkish.months(3) == "3 ay"
    assert [clause_book("ar").months(n) for n in (1, 2, 3, 11, 100)] == [
        "شهر واحد", "شهران", "3 أشهر", "11 شهرا", "100 شهر"]
    arabic = resource("contracts", "clauses_ar.md").read_text(encoding="utf-8")
    assert not re.search("[\u064b-\u0652\u0640]", arabic)  # no harakat, no tatweel


def test_the_tenants_arabic_name_prints_in_the_arabic_column_only(tmp_path):
    tenant = replace(document().tenant, arabic_name="محمد خليل")
    pdf = render_contract(document(tenant=tenant))
    text = "".join(pdftotext(pdf, tmp_path))
    assert TENANT in text
    words = reading_order(pdftotext(pdf, tmp_path))
    assert contains(words, ["محمد", "خليل"])
    turkish_only = "".join(pdftotext(render_contract(document("tr", tenant=tenant)), tmp_path))
    assert TENANT in turkish_only and not arabic_words(turkish_only)


def page_contents(pdf: bytes) -> bytes:
    return b"".join(page.get_contents().get_data() for page in PdfReader(BytesIO(pdf)).pages)


@pytest.mark.parametrize("languages", ["tr+ar", "tr+en"])
def test_fixed_texts_are_drawn_once_and_written_again_as_they_were(languages):
    """Every contract gives its fixed texts' characters the same font codes, so a clause is
    the same operators in contracts of other values, drawn once and then written as kept."""
    codes = contract_codes(languages)
    codes.kept.clear()
    codes.seen.clear()
    fresh = render_contract(document(languages))
    other = render_contract(document(languages, number="GAZ-2026-0043", tenant=ContractParty(
        "Zeynep Ünal", "10000000146"), landlord=ContractParty("Ali Veli")))
    assert len(codes.kept) > 50  # drawn twice: kept
    clause = max(codes.kept.values(), key=len).encode("latin-1")
    assert clause in page_contents(fresh) and clause in page_contents(other)
    assert render_contract(document(languages)) == fresh  # written as kept: the same bytes


def test_the_headings_are_laid_out_and_drawn_once_and_written_again_as_they_were(monkeypatch):
    """The section headings and the box saying which text prevails are tables of fixed texts:
    once seen twice in a process, no Table lays them out or draws them again, and a contract
    written with their kept drawings is the bytes of one drawn afresh."""
    codes = contract_codes("tr+ar")
    codes.kept.clear()
    codes.seen.clear()
    fresh = render_contract(document())
    render_contract(document(number="GAZ-2026-0043", landlord=ContractParty("Ali Veli")))
    assert len([key for key in codes.kept if key[0] == "table"]) == 7  # 6 headings, the box
    laid_out, drawn = [], []
    calc, draw = Table._calc, Table.draw
    monkeypatch.setattr(Table, "_calc", lambda table, *size: laid_out.append(type(table))
                        or calc(table, *size))
    monkeypatch.setattr(Table, "draw", lambda table: drawn.append(type(table)) or draw(table))
    assert render_contract(document()) == fresh
    assert Table in drawn and KeptTable not in drawn and KeptTable not in laid_out


def test_the_space_between_parts_writes_nothing_into_the_pages():
    """The gaps between the parts and the conditional page breaks before each clause take
    room but write nothing: no empty "q, translation, Q" (there were 67 in a contract)."""
    contents = page_contents(render_contract(document()))
    assert len(re.findall(rb"q\n1 0 0 1 [-\d.]+ [-\d.]+ cm\nQ\n", contents)) <= 2


def test_names_bring_no_characters_of_their_own_to_the_fonts(monkeypatch):
    """Turkish and Arabic names are drawn in characters every contract gives out first, so
    the fonts' subsets of contracts of other names are the same (their programs are cut once)."""
    cut, make = [], TTFontFace.makeSubset
    monkeypatch.setattr(TTFontFace, "makeSubset",
                        lambda face, subset: cut.append(face.name) or make(face, subset))
    render_contract(document())
    cut.clear()
    for tenant, arabic in (("Şükrü Güneş", "محمد خليل"), ("İlknur Öğüç", "فاطمة الزهراء")):
        render_contract(document(tenant=ContractParty(tenant, arabic_name=arabic),
                                 landlord=ContractParty(f"{tenant} Çiftçi")))
    assert cut == []
