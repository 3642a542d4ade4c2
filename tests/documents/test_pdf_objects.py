"""ReportLab's PDF names and encodings, made cheap, write the bytes its own helpers wrote."""

from reportlab.pdfbase import pdfdoc

from shelter_app.documents import pdf_objects, styles  # noqa: F401 (styles installs them)


def test_names_are_made_once_and_encodings_are_reportlabs():
    name = "F" + "ont"  # a string made now: its name is not interned
    assert pdfdoc.PDFName(name) == "/Font" and pdfdoc.PDFName(name) is pdfdoc.PDFName("Font")
    assert pdfdoc.PDFName("a b#(c)") == "/a#20b#23#28c#29"
    for text in ["/Font 12", "0 0 595.2756 841.8898", "", "a\nb", "café", "\t", b"(x)"]:
        assert pdfdoc.pdfdocEnc(text) == pdf_objects._ENCODED(text)
