"""The QR code printed on every page: its modules, with the mask ReportLab would choose.

ReportLab's encoder draws the code with each of the eight masks and scores each with list
operations over every module (about half of a one-page document's render). Here the code is
drawn once, each mask's pattern swapped in at the data modules, and the same four penalty
rules, as ReportLab counts them, worked out on rows as integers and strings; the encoder then
draws the mask that scores lowest (the first of equals, as ReportLab picks), so the code
printed is the same.
"""

from functools import cache

from reportlab.graphics.barcode import qrencoder

from shelter_app.domain.docnumber import qr_payload

_FINDER = "10111010000"  # ReportLab looks for it one way round only


def modules(number: str) -> list[list[bool]]:
    """The QR code's dark modules for document `number`, row by row from the top."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(qr_payload(number))
    code.version = code.calculate_version()
    size = code.version * 4 + 17
    candidates = masked_rows(code)
    mask = min(range(8), key=lambda mask: _penalty(candidates[mask], size))
    # the chosen test drawing with its format bits written is what makeImpl(False, mask) draws
    code.modules = [[dark == "1" for dark in format(value, f"0{size}b")]
                    for value in candidates[mask]]
    code.setupTypeInfo(False, mask)
    if code.version >= 7:
        code.setupTypeNumber(False)
    return code.modules


def masked_rows(code: qrencoder.QRCode) -> list[list[int]]:
    """For each mask, the code as ReportLab scores it (`makeImpl(True, mask)`), each row an
    integer whose highest bit is the leftmost module. Only the data modules differ from mask
    to mask (a test drawing leaves the format bits light), so the code is drawn once and each
    mask's pattern is swapped in where the data is, instead of drawing it eight times."""
    code.makeImpl(True, 0)
    size = len(code.modules)
    drawn = [int("".join(["1" if dark else "0" for dark in row]), 2) for row in code.modules]
    patterns = _patterns(size)
    return [[value ^ (where & (first ^ other))
             for value, where, first, other in zip(drawn, _data(code.version), patterns[0],
                                                   pattern, strict=True)]
            for pattern in patterns]


@cache
def _data(version: int) -> list[int]:
    """Where a code of `version` holds its data, rows as in `masked_rows`."""
    code = qrencoder.QRCode(version, qrencoder.QRErrorCorrectLevel.M)
    code.moduleCount = size = version * 4 + 17
    data = [0] * size
    for column, row in code.dataPosIterator():
        data[row] |= 1 << (size - 1 - column)
    return data


@cache
def _patterns(size: int) -> list[list[int]]:
    """Each mask's dark modules over a code of `size`, rows as in `masked_rows`."""
    return [[sum(1 << (size - 1 - column) for column in range(size) if dark(row, column))
             for row in range(size)]
            for dark in map(qrencoder.QRUtil.getMask, range(8))]


def _penalty(values: list[int], size: int) -> int:
    """QRUtil.getLostPoint of a code whose rows are `values` (see `masked_rows`), counted
    on all rows (and all columns) at once as one integer of `size` bits a row."""
    rows = [format(value, f"0{size}b") for value in values]
    across = "".join(rows)
    whole = int(across, 2)
    down = int("".join([across[column::size] for column in range(size)]), 2)
    inner = int(("0" + "1" * (size - 1)) * size, 2)  # each row's bits but its leftmost
    same = ~(whole ^ (whole >> 1)) & inner  # a module the same as the one right of it
    # a run of n >= 5 modules of one colour scores n - 2: its n - 4 starts of four "same"
    # in a row, and 2 for the run
    runs = sum(starts.bit_count() + 2 * (starts & ~(starts << 1)).bit_count()
               for starts in map(_fours, (same, ~(down ^ (down >> 1)) & inner)))
    # a 2x2 block of one colour: a row's "same" and the next row's, where the two rows agree
    blocks = (same & (same >> size) & ~((whole ^ (whole >> size)) >> 1)
              & (inner >> size)).bit_count()
    # ReportLab's scan stops one module short of a row's end, and finds none in a column (it
    # compares a tuple with a list)
    finders = "\n".join([row[:-1] for row in rows]).count(_FINDER)
    dark = whole.bit_count()
    balance = 10 * (abs(100 * dark // (size * size) - 50) // 5)
    return runs + 3 * blocks + 40 * finders + balance


def _fours(same: int) -> int:
    """Where four "same" modules follow one another in a row."""
    return same & (same >> 1) & (same >> 2) & (same >> 3)
