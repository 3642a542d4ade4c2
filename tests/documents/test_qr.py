"""The page's QR code is the one ReportLab's encoder makes: same mask, same modules, drawn as
ReportLab would draw them."""

import itertools

import pytest
from reportlab.graphics.barcode import qrencoder
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from shelter_app.documents import qr
from shelter_app.documents.page_furniture import QR_SIZE, _draw_qr
from shelter_app.domain.docnumber import qr_payload

NUMBERS = ["GAZ-D-000005-B1", "ADA-2025-0001", "HAT-2026-0417", "KIL-D-012345-B12",
           "X", "ANK-" + "9" * 40, *(f"GAZ-D-{n:06d}-B{n % 3 + 1}" for n in range(1, 90000, 7919)),
           "KIL-" + "D-012345-" * 20]  # version 8: its version number is drawn too


def _reportlab(number: str) -> qrencoder.QRCode:
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qr_payload(number))
    code.make()
    return code


@pytest.mark.parametrize("number", NUMBERS)
def test_modules_are_reportlabs(number: str) -> None:
    assert qr.modules(number) == [[bool(dark) for dark in row]
                                  for row in _reportlab(number).modules]


@pytest.mark.parametrize("number", NUMBERS[:6])
def test_each_mask_is_drawn_and_scored_as_reportlab_does(number: str) -> None:
    code = _reportlab(number)
    candidates = qr.masked_rows(code)
    size = len(code.modules)
    for mask in range(8):
        code.makeImpl(True, mask)
        assert candidates[mask] == [int("".join("1" if dark else "0" for dark in row), 2)
                                    for row in code.modules], mask
        expected = qrencoder.QRUtil.getLostPoint(code)
        assert qr._penalty(candidates[mask], size) == expected, mask


def test_the_drawn_code_is_the_path_reportlabs_rect_would_write() -> None:
    """The page's code writes its runs into ReportLab's path by hand (documents.page_furniture.
    _draw_qr, for speed): the same operators as the public `rect` of each run, so a ReportLab
    whose path object writes otherwise fails here, not silently on paper."""
    rows = qr.modules("GAZ-D-000005-B1")
    ours, public = Canvas(None), Canvas(None)
    _draw_qr(ours, rows)
    box = QR_SIZE / (len(rows) + 4)
    path = public.beginPath()
    for number, row in enumerate(rows):
        column = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                path.rect((column + 2) * box, QR_SIZE - (number + 3) * box, count * box, box)
            column += count
    public.setFillColor(colors.black)
    public.drawPath(path, stroke=0, fill=1)
    assert ours._code == public._code and any(" re" in line for line in ours._code)
