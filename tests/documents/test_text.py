"""User text in PDFs: escaped markup, Arabic shaped and right to left, lines measured."""

import subprocess
import unicodedata

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paraparser import ParaParser

from shelter_app.documents.fonts import ARABIC, SANS, register_fonts
from shelter_app.documents.page_furniture import build_pdf
from shelter_app.documents.styles import DocumentMeta, styles
from shelter_app.documents.text import (
    RTLParagraph,
    escape,
    has_arabic,
    paragraph,
    rtl_lines,
    visual,
    wrap_plain,
)

ARABIC_TEXT = ("يلتزم المؤجر بعدم زيادة الإيجار خلال مدة العقد وقدره 1500 TL شهريا "
               "ويحق للمستأجر البقاء في المسكن حتى نهاية المدة المتفق عليها في Gaziantep")


def test_escape_keeps_markup_as_text_and_line_breaks():
    assert escape('<b>A & "B"</b>\nİkinci') == '&lt;b&gt;A &amp; "B"&lt;/b&gt;<br/>İkinci'
    assert escape(None) == ""


def test_paragraph_chooses_the_direction_from_the_text():
    assert isinstance(paragraph("Ayşe <Öztürk>", styles()["body"]), Paragraph)
    assert isinstance(paragraph("فاطمة", styles()["arabic"]), RTLParagraph)
    assert has_arabic("Ali فاطمة") and not has_arabic("Şanlıurfa")


def test_plain_text_is_the_paragraph_the_parser_makes_without_parsing_it(monkeypatch):
    style = ParagraphStyle("test-unparsed", styles()["body"], textTransform="uppercase")
    texts = ["Konut / Dwelling", "  Adı Soyadı:\tAyşe   Yılmaz ", "%20 (matrah 1.250,00)", " "]
    parsed = [Paragraph(escape(text), style) for text in texts]
    paragraph("-", style)  # the style's fragment, parsed once
    calls = []
    parse = ParaParser.parse
    monkeypatch.setattr(ParaParser, "parse", lambda *args: calls.append(args) or parse(*args))

    made = [paragraph(text, style) for text in texts]

    assert len(calls) == 1  # the blank text alone: it has no fragment
    for one, other in zip(parsed, made, strict=True):
        assert (one.text, one.style, [vars(frag) for frag in one.frags]) \
            == (other.text, other.style, [vars(frag) for frag in other.frags])
    assert made[1].frags[0].text == "ADI SOYADI: AYŞE YILMAZ"
    assert made[0].frags[0] is not paragraph(texts[0], style).frags[0]  # each its own


def test_a_plain_paragraph_is_broken_into_lines_once_per_width(monkeypatch):
    broken = []
    breaks = Paragraph.breakLines
    monkeypatch.setattr(Paragraph, "breakLines", lambda self, widths: broken.append(widths)
                        or breaks(self, widths))
    label = paragraph("Hazırlayan (Mühendis) / Prepared by (engineer)", styles()["body"])

    sizes = [label.wrap(100, 500), label.wrap(100, 500), label.wrap(300, 500)]

    assert len(broken) == 2 and sizes[0] == sizes[1] != sizes[2]  # a table measures, draws
    assert label.split(300, 1) == [] and label.wrap(300, 500) == sizes[2]
    assert len(broken) == 3  # the split that found no room dropped the lines: broken again


def test_arabic_is_shaped_and_reordered_but_numbers_and_latin_keep_their_order():
    line = visual("الإيجار 1500 TL في Gaziantep")
    assert line.startswith("Gaziantep")  # the last word in reading order is leftmost
    assert "TL 1500" in line  # read from the right: 1500 TL

    assert any("\ufe70" <= ch <= "\ufeff" for ch in line)  # presentation (joined) forms
    assert unicodedata.normalize("NFKC", line) != line


def test_arabic_lines_fit_the_width_measured_with_the_font():
    register_fonts()
    lines = rtl_lines(ARABIC_TEXT, ARABIC, 10, 150)
    assert len(lines) > 2
    assert all(stringWidth(line, ARABIC, 10) <= 150 for line in lines)
    # drawn left to right, each line reversed reads as the text did (Latin words aside)
    logical = " ".join(unicodedata.normalize("NFKC", line[::-1]) for line in lines)
    logical = "".join(c for c in logical if unicodedata.category(c) != "Co").split()
    arabic = [word for word in ARABIC_TEXT.split() if has_arabic(word)]
    assert [word for word in logical if has_arabic(word)] == arabic
    assert "Gaziantep" in " ".join(lines)


def test_an_rtl_paragraph_splits_across_pages_and_extracts_as_arabic(tmp_path):
    register_fonts()
    story = [RTLParagraph(ARABIC_TEXT + " " + ARABIC_TEXT, styles()["arabic"])
             for _ in range(25)]
    pdf = build_pdf(story, DocumentMeta("SÖZLEŞME", "GAZ-A-000001"))
    path = tmp_path / "ar.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count("\f") >= 2  # more than one page
    folded = unicodedata.normalize("NFKC", text)
    for word in ("المؤجر", "الإيجار", "1500", "Gaziantep"):
        assert word in folded


def test_split_keeps_every_line_once():
    register_fonts()
    para = RTLParagraph(ARABIC_TEXT * 3, styles()["arabic"])
    para.wrap(200, 1000)
    first, rest = para.split(200, para.leading * 2.5)
    assert len(first.lines) == 2
    assert first.lines + rest.lines == para.lines


def test_wrap_plain_breaks_words_and_overlong_codes():
    register_fonts()
    text = wrap_plain("Dış cephe ısı yalıtımı, 5 cm EPS levha", SANS, 8, 60)
    assert len(text.split("\n")) > 1
    code = wrap_plain("ÇOK-UZUN-KOD-0000000001", SANS, 8, 40)
    assert "".join(code.split("\n")) == "ÇOK-UZUN-KOD-0000000001"
    assert all(stringWidth(part, SANS, 8) <= 40 for part in code.split("\n"))
