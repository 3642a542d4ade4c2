"""The QR code printed on every page: its modules, with the mask ReportLab would choose.

ReportLab's encoder draws the code with each of the eight masks and scores each with list
operations over every module (about half of a one-page document's render). Here the code is
drawn once, each mask's pattern swapped in at the data modules, and the same four penalty
rules, as ReportLab counts them, worked out on rows as integers and strings; the encoder then
draws the mask that scores lowest (the first of equals, as ReportLab picks), so the code
printed is the same.
"""

import re
from functools import cache

from reportlab.graphics.barcode import qrencoder

from shelter_app.domain.docnumber import qr_payload

_RUN = re.compile("0{5,}|1{5,}")
_FINDER = "10111010000"  # ReportLab looks for it one way round only


def modules(number: str) -> list[list[bool]]:
    """The QR code's dark modules for document `number`, row by row from the top."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qr_payload(number))
    code.version = code.calculate_version()
    size = code.version * 4 + 17
    candidates = masked_rows(code)
    code.makeImpl(False, min(range(8), key=lambda mask: _penalty(candidates[mask], size)))
    return [[bool(dark) for dark in row] for row in code.modules]


def masked_rows(code: qrencoder.QRCode) -> list[list[int]]:
    """For each mask, the code as ReportLab scores it (`makeImpl(True, mask)`), each row an
    integer whose highest bit is the leftmost module. Only the data modules differ from mask
    to mask (a test drawing leaves the format bits light), so the code is drawn once and each
    mask's pattern is swapped in where the data is, instead of drawing it eight times."""
    code.makeImpl(True, 0)
    size = len(code.modules)
    drawn = [int("".join("1" if dark else "0" for dark in row), 2) for row in code.modules]
    data = [0] * size
    for column, row in code.dataPosIterator():
        data[row] |= 1 << (size - 1 - column)
    patterns = _patterns(size)
    return [[value ^ (where & (first ^ other))
             for value, where, first, other in zip(drawn, data, patterns[0], pattern,
                                                   strict=True)]
            for pattern in patterns]


@cache
def _patterns(size: int) -> list[list[int]]:
    """Each mask's dark modules over a code of `size`, rows as in `masked_rows`."""
    return [[sum(1 << (size - 1 - column) for column in range(size) if dark(row, column))
             for row in range(size)]
            for dark in map(qrencoder.QRUtil.getMask, range(8))]


def _penalty(values: list[int], size: int) -> int:
    """QRUtil.getLostPoint of a code whose rows are `values` (see `masked_rows`)."""
    rows = [format(value, f"0{size}b") for value in values]
    columns = ["".join(column) for column in zip(*rows, strict=True)]
    lines = rows + columns
    runs = sum(len(run) - 2 for line in lines for run in _RUN.findall(line))
    # a 2x2 block of one colour is a bit set in both rows' "same as the next module" masks
    # where the two rows agree
    full = (1 << (size - 1)) - 1
    same = [~(value ^ (value >> 1)) & full for value in values]
    blocks = sum((same[n] & same[n + 1] & ~((values[n] ^ values[n + 1]) >> 1) & full)
                 .bit_count() for n in range(size - 1))
    # ReportLab's scan stops one module short of a row's end, and finds none in a column (it
    # compares a tuple with a list)
    finders = sum(row[:-1].count(_FINDER) for row in rows)
    dark = sum(value.bit_count() for value in values)
    balance = 10 * (abs(100 * dark // (size * size) - 50) // 5)
    return runs + 3 * blocks + 40 * finders + balance
