"""Opening an import file: which format it is, then its reader (`sources` for CSV, `workbooks`
for XLSX, `central` for ODK Central's ZIP).

The format is taken from the file's first bytes, never its name: people rename exports, and a
".xlsx" that is really CSV text must still import. This module sits above the readers, which
share `sources`' rows and sheets, so that none of them imports the module that chooses it.
"""

import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import ParseError

from shelter_app.domain.i18n import translate
from shelter_app.services.imports.sources import (
    UTF16_BOMS,
    Source,
    SourceError,
    Ticker,
    read_csv,
)

HEAD_BYTES = 64 * 1024  # how much decides the format, the separator and "binary junk"
_OLE = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls, and any password-protected workbook
_DAMAGED = (zipfile.BadZipFile, EOFError, zlib.error, KeyError, ParseError, OSError)


def read_source(path: str | Path, *, encoding: str | None = None, separator: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> Source:
    """Read `path` as XLSX or CSV (by content); `encoding` and `separator` override the CSV
    guesses. Raise SourceError for a file that cannot be read, Cancelled when `cancelled()`."""
    path = Path(path)
    try:
        total = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError as error:
        raise SourceError(translate(
            "imports", "{file} cannot be opened ({reason}); check that it exists and is not open "
            "in another program.").format(file=path.name, reason=error.strerror)) from error
    tick = Ticker(total, progress, cancelled)
    tick(0)
    if not head:
        raise SourceError(translate("imports", "{file} is empty; export it again from Excel or "
                                    "Kobo and choose the new file.").format(file=path.name))
    if head.startswith(b"PK\x03\x04"):
        source = _read_zip(path, tick)
    elif head.startswith(_OLE):
        raise SourceError(translate(
            "imports", "{file} is an old Excel 97-2003 .xls workbook or a password-protected one: "
            "open it in Excel, remove any password and save it as .xlsx or CSV.").format(
                file=path.name))
    else:
        if b"\0" in head and not head.startswith(UTF16_BOMS):
            raise SourceError(translate(
                "imports", "{file} is neither text nor an Excel workbook; choose the CSV or .xlsx "
                "export.").format(file=path.name))
        source = read_csv(path, head, encoding, separator, tick)
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            source.notices.insert(0, translate(
                "imports", "{file} is named {suffix} but holds CSV text; it was read as CSV.")
                .format(file=path.name, suffix=path.suffix))
    tick(total)
    return source


def _read_zip(path: Path, tick: Ticker) -> Source:
    """An Excel workbook (`workbooks`), or ODK Central's CSV ZIP (`central`), by what the
    archive holds. Both are imported only here: openpyxl costs ~0.2 s to import, which a CSV
    import does not need."""
    from shelter_app.services.imports.central import read_central_zip
    from shelter_app.services.imports.workbooks import read_workbook

    with path.open("rb") as file:
        try:
            with zipfile.ZipFile(file) as archive:
                names = archive.namelist()
                excel = any(name.startswith("xl/") for name in names)
                if not excel and any(name.lower().endswith(".csv") for name in names):
                    return read_central_zip(path, archive, tick)
            if not excel:
                raise SourceError(translate(
                    "imports", "{file} is a zip archive but not an Excel workbook; save it from "
                    "its program as .xlsx or CSV.").format(file=path.name))
            file.seek(0)
            return read_workbook(path, file, tick)
        except _DAMAGED:
            raise SourceError(translate(
                "imports", "{file} is damaged or incomplete; copy it again from where it came "
                "from, or export it again.").format(file=path.name)) from None
