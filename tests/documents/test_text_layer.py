"""The contract's text layer: every clause, Turkish and Arabic, extracted by pypdf and by
pdftotext reads as its source text, in ordinary letters (no presentation forms), in reading
order, vowel marks kept; the printed shapes are still the joined ones."""

import re
import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.platypus import SimpleDocTemplate

from shelter_app.documents.bidi import strip_isolates
from shelter_app.documents.contract import ContractLayout, render_contract
from shelter_app.documents.fonts import register_fonts
from shelter_app.documents.styles import styles
from shelter_app.documents.text import RTLParagraph, has_arabic
from tests.documents.test_contract_pdf import BODY, document, pypdf_body, reading_order

FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def words(text: str) -> list[str]:
    """Words of letters and numbers, punctuation aside; Arabic letters (and vowel marks)
    apart from Latin ones."""
    return re.findall(r"(?:(?=[\u0600-\u06ff])[^\W\d_])+|(?:(?![\u0600-\u06ff])[^\W\d_])+|\d+",
                      text)


def flat(text: str) -> str:
    """`text` without its line breaks."""
    return " ".join(text.split())


def contains(found: list[str], part: list[str]) -> bool:
    return any(found[i:i + len(part)] == part for i in range(len(found) - len(part) + 1))


def clause_texts(layout: ContractLayout) -> list[tuple[str, str]]:
    """(language, filled paragraph) of every clause this agreement prints."""
    shown = {"rent_free": True, "deposit": True, "renewal": False}
    return [(book.language, strip_isolates(layout.fill(book, text)))
            for book in layout.books for clause in book.clauses
            if not clause.condition or shown[clause.condition]
            for text in clause.paragraphs]


def extracted(doc, folder) -> tuple[ContractLayout, str, str]:
    pdf = render_contract(doc)
    path = folder / "contract.pdf"
    path.write_bytes(pdf)
    poppler = subprocess.run(["pdftotext", *BODY, str(path), "-"], check=True,
                             capture_output=True, text=True).stdout
    return ContractLayout(doc), poppler, pypdf_body(pdf)


@pytest.fixture(scope="module")
def contract(tmp_path_factory) -> tuple[ContractLayout, str, str]:
    return extracted(document("tr+ar"), tmp_path_factory.mktemp("layer"))


@pytest.fixture(scope="module", params=["tr", "tr+en"])
def latin_contract(request, tmp_path_factory) -> tuple[ContractLayout, str, str]:
    return extracted(document(request.param), tmp_path_factory.mktemp("latin"))


def test_no_presentation_forms_come_back(contract):
    _, poppler, pypdf = contract
    assert has_arabic(poppler) and has_arabic(pypdf)
    assert not FORMS.search(poppler) and not FORMS.search(pypdf)


def test_every_clause_reads_back_from_pypdf_in_reading_order(contract):
    """Each clause, Turkish and Arabic, character for character: pypdf read the first Arabic
    clause's «البرنامج» as "»البرنامج«" with the parts of its line out of order, and put no
    space where a number or a Latin value meets Arabic ("اليوم5من" for "اليوم 5 من",
    "المادة1– الأطراف")."""
    layout, _, pypdf = contract
    read = flat(pypdf)
    texts = clause_texts(layout)
    assert {language for language, _ in texts} == {"tr", "ar"}
    assert [text[:40] for _, text in texts if flat(text) not in read] == []
    assert "باسم «البرنامج»)." in pypdf  # guillemets and brackets as typed
    assert "المادة 7 – مبلغ التأمين" in read and "في موعد أقصاه اليوم 5 من كل شهر" in read
    assert "رقم الآيبان" in pypdf and "ثلاثة أشهر" in pypdf  # lam-alef read as two letters


def test_every_clause_reads_back_from_pdftotext(contract):
    """pdftotext gives each right-to-left run in reading order between U+202B and U+202C,
    and on a page where Turkish prevails the runs of a line from the left (poppler's page
    direction): `reading_order` reads those lines from the right. On a page where Arabic
    prevails it wraps Turkish lines in direction marks too.

    Arabic is compared word by word, not character for character: poppler (pdftotext 22.12,
    TextOutputDev's reorderText) orders a line by where its glyphs stand and gives the
    punctuation, spaces and brackets at the edge of an Arabic run a direction by a rule of its
    own, not the paragraph's: on a left-to-right page everything before the first Arabic letter
    joins the text at its left, and a run goes on through them to the next Latin letter or digit
    ("Çağlayan، المبينة" comes back "،Şükrü İğdır Çağlayan", "(parsel)" as ")parsel(").
    Positions are the printed page, and an ActualText span is placed by the same positions;
    only invisible strong letters (U+061C, which both readers then return) would move them."""
    layout, poppler, _ = contract
    flat = re.sub(r"\s+", " ", re.sub("[\u202a-\u202c]", "", poppler))  # a page's direction
    found = reading_order(poppler.split("\f"))
    for language, text in clause_texts(layout):
        if language == "tr":
            assert " ".join(text.split()) in flat
        else:
            expected = [word for word in words(text) if has_arabic(word)]
            assert contains(found, expected), text[:60]


def test_every_clause_of_a_turkish_and_an_english_contract_reads_back_exactly(latin_contract):
    """Turkish (and English) clauses come back character for character from both readers,
    line breaks aside."""
    layout, poppler, pypdf = latin_contract
    texts = clause_texts(layout)
    assert {language for language, _ in texts} == {book.language for book in layout.books}
    for reader in (poppler, pypdf):
        flat = " ".join(reader.split())
        missing = [text[:40] for _, text in texts if " ".join(text.split()) not in flat]
        assert missing == []


def test_vowel_marks_are_printed_and_read_back(tmp_path):
    register_fonts()
    text = "بَيْتٌ جَمِيلٌ لِلْمُسْتَأْجِرِ"
    buffer = BytesIO()
    SimpleDocTemplate(buffer).build([RTLParagraph(text, styles()["arabic"])])
    (tmp_path / "marks.pdf").write_bytes(buffer.getvalue())
    assert text in PdfReader(buffer).pages[0].extract_text()
    poppler = subprocess.run(["pdftotext", str(tmp_path / "marks.pdf"), "-"], check=True,
                             capture_output=True, text=True).stdout
    assert text in poppler.replace("\u202b", "").replace("\u202c", "")


def test_punctuation_that_starts_a_run_is_read_after_its_letters(contract):
    """A right-to-left run that starts (on the left) with punctuation: pypdf moved the
    punctuation to the run before it ("(IBAN)." read "." first); an invisible Arabic letter mark
    (U+061C) drawn before such a run put it right but was read back by both readers."""
    _, poppler, pypdf = contract
    assert "\u061c" not in pypdf and "\u061c" not in poppler
    assert "(IBAN)" in pypdf and "رقم الآيبان" in pypdf
