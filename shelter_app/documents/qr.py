"""The QR code printed on every page: its modules, with the mask ReportLab would choose.

ReportLab's encoder tries all eight masks and scores each with list operations over every
module (about half of a one-page document's render). The same four penalty rules, as
ReportLab counts them, are worked out here on rows as strings and integers, and the encoder is
asked for the mask that scores lowest (the first of equals, as ReportLab picks), so the code
printed is the same.
"""

import re

from reportlab.graphics.barcode import qrencoder

from shelter_app.domain.docnumber import qr_payload

_RUN = re.compile("0{5,}|1{5,}")
_FINDER = "10111010000"  # ReportLab looks for it one way round only


def modules(number: str) -> list[list[bool]]:
    """The QR code's dark modules for document `number`, row by row from the top."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qr_payload(number))
    code.version = code.calculate_version()
    code.makeImpl(False, min(range(8), key=lambda mask: _penalty(code, mask)))
    return [[bool(dark) for dark in row] for row in code.modules]


def _penalty(code: qrencoder.QRCode, mask: int) -> int:
    """QRUtil.getLostPoint of `code` drawn with `mask`."""
    code.makeImpl(True, mask)
    rows = ["".join("1" if dark else "0" for dark in row) for row in code.modules]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    size = len(rows)
    lines = rows + columns
    runs = sum(len(run) - 2 for line in lines for run in _RUN.findall(line))
    # rows as integers: a 2x2 block of one colour is a bit set in both rows' "same as the
    # next module" masks where the two rows agree
    full = (1 << (size - 1)) - 1
    values = [int(row, 2) for row in rows]
    same = [~(value ^ (value >> 1)) & full for value in values]
    blocks = sum((same[n] & same[n + 1] & ~((values[n] ^ values[n + 1]) >> 1) & full)
                 .bit_count() for n in range(size - 1))
    # ReportLab's scan stops one module short of a row's end, and finds none in a column (it
    # compares a tuple with a list)
    finders = sum(row[:-1].count(_FINDER) for row in rows)
    dark = sum(value.bit_count() for value in values)
    balance = 10 * (abs(100 * dark // (size * size) - 50) // 5)
    return runs + 3 * blocks + 40 * finders + balance
