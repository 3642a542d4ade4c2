"""ReportLab's writing of PDF objects, its two busiest helpers made cheap.

Saving a document formats every dictionary key as a name (pdfdoc.PDFName, a Python loop over
its characters) and encodes it and every number as PDFDocEncoding (pdfdoc.pdfdocEnc, through
a charmap codec written in Python): some 270 names and 550 encodings a contract. A name is a
function of its text alone, so each is made once per process; printable ASCII, which
PDFDocEncoding leaves as it is, is encoded as ASCII. The bytes written are the same.
"""

from functools import lru_cache

from reportlab.pdfbase import pdfdoc

_ENCODED = pdfdoc.pdfdocEnc


def _encoded(text: str | bytes) -> bytes:
    if isinstance(text, str) and text.isascii() and text.isprintable():
        return text.encode("ascii")
    return _ENCODED(text)


def install() -> None:
    """Put the cheap helpers in pdfdoc (its functions look them up there at each call)."""
    if pdfdoc.pdfdocEnc is _ENCODED:
        pdfdoc.PDFName = lru_cache(maxsize=1024)(pdfdoc.PDFName)
        pdfdoc.pdfdocEnc = _encoded
