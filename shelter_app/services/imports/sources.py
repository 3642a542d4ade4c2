"""Import files as sheets of rows: the rows and sheets every reader gives, and CSV as Turkish
Excel writes it (`opening` tells the format; `workbooks` and `central` read XLSX and ODK
Central's ZIP); a Kobo export is either.

Nothing here knows about kinds or the database; rows keep their headers as written so that
mapping can match them, and a row that cannot be used as read (a formula, a value count that
shows mixed separators) carries a translated `problem` instead of being dropped, so the preview
can show it next to its number. Files are streamed: a 20 MB CSV costs the rows themselves, not
a second copy of the text.
"""

import codecs
import csv
import io
import re
import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from itertools import chain, repeat
from pathlib import Path

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

Cell = str | int | Decimal | date | datetime | bool | None

# Codecs offered to override the guess, each with its translated label.
ENCODINGS: dict[str, Callable[[], str]] = {
    "utf-8": lambda: translate("imports", "Unicode (UTF-8)"),
    "utf-8-sig": lambda: translate("imports", "Unicode (UTF-8 with BOM, Excel “CSV UTF-8”)"),
    "cp1254": lambda: translate("imports", "Windows Turkish (cp1254, Excel “CSV”)"),
    "iso8859-9": lambda: translate("imports", "Turkish (ISO 8859-9)"),
    "cp1256": lambda: translate("imports", "Windows Arabic (cp1256)"),
    "utf-16": lambda: translate("imports", "Unicode text (UTF-16, Excel “Unicode text”)"),
}
SEPARATORS: dict[str, Callable[[], str]] = {
    ";": lambda: translate("imports", "Semicolon (;)"),
    ",": lambda: translate("imports", "Comma (,)"),
    "\t": lambda: translate("imports", "Tab"),
    "|": lambda: translate("imports", "Vertical bar (|)"),
}
MAX_ROWS = 200_000

TICK = 1024  # rows between progress reports and cancel checks
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LATIN = {"cp1254", "iso8859-9", "iso8859-1", "cp1252"}
# UTF-8 Turkish (ü ç ö ı İ ğ ş Ş) and Arabic bytes as cp1254/latin letters show these pairs
_MOJIBAKE = re.compile("Ã|Ä[±°Ÿž\x9e\x9f]|Å[Ÿž\x9e\x9f]|[ØÙ][\xa0-\xbf]")
_TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜâîû")
_EXCEL_ERRORS = ("#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
                 "#CALC!")


class SourceError(UserError):
    """The file cannot be read as a whole; the message names the file and the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


class Cancelled(Exception):
    """The user cancelled while the file was being read."""


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict[str, Cell]
    problem: str = ""


@dataclass(frozen=True)
class Sheet:
    name: str
    headers: list[str]
    rows: list[Row]
    header_row: int
    empty_rows: int = 0


@dataclass(frozen=True)
class Source:
    path: Path
    format: str
    sheets: list[Sheet]
    encoding: str | None = None
    separator: str | None = None
    notices: list[str] = field(default_factory=list)
    # photos that came inside the file (ODK Central's media/), removed when no Source holds them
    media: "Media | None" = field(default=None, compare=False, repr=False)

    @property
    def attachments(self) -> Path | None:
        return self.media.folder if self.media is not None else None

    @property
    def main(self) -> Sheet:
        return self.sheets[0]

    def sheet(self, name: str) -> Sheet | None:
        return next((sheet for sheet in self.sheets if sheet.name == name), None)

    def with_main(self, name: str) -> "Source":
        """The same workbook with sheet `name` as the one to import (a workbook may keep its
        list on a later sheet, after instructions or a summary)."""
        chosen = self.sheet(name)
        if chosen is None:
            raise SourceError(translate("imports", "{file} has no sheet '{sheet}'; choose one of: "
                                        "{sheets}.").format(
                file=self.path.name, sheet=name,
                sheets=", ".join(sheet.name for sheet in self.sheets)))
        return replace(self, sheets=[chosen, *(s for s in self.sheets if s is not chosen)])

    @property
    def is_kobo(self) -> bool:
        """KoboToolbox exports give every submission a `_uuid` column; ODK Central's are read
        with one (`_read_central_zip`)."""
        return "_uuid" in self.main.headers

    def children(self, sheet: Sheet) -> dict[int, list[Row]]:
        """Kobo repeat-group rows of `sheet` grouped by their `_parent_index` (int) — joins to the
        main sheet's `_index`. Rows without a whole-number parent index join nothing: left out."""
        groups: dict[int, list[Row]] = {}
        for row in sheet.rows:
            parent = whole(row.cells.get("_parent_index"))
            if parent is not None:
                groups.setdefault(parent, []).append(row)
        return groups


class Media:
    """A temporary folder of files taken out of an import file, removed with its last user."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="shelter-import-media-"))
        weakref.finalize(self, shutil.rmtree, self.folder, True)


class Ticker:
    """Coarse progress and the cancel check, both called every TICK rows."""

    def __init__(self, total: int, progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.total, self.progress, self.cancelled, self.done = total, progress, cancelled, -1

    def __call__(self, done: int) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        done = min(done, self.total)
        if self.progress is not None and done > self.done:
            self.done = done
            self.progress(done, self.total)


def read_csv(path: Path, head: bytes, encoding: str | None, separator: str | None,
              tick: Ticker) -> Source:
    notices: list[str] = []
    codec = _codec(path, head, encoding, notices)
    sample = head.decode(codec, "replace")
    if codec in _LATIN and _MOJIBAKE.search(sample):
        notices.append(translate(
            "imports", "The text of {file} looks like UTF-8 read as {encoding} (letters such as "
            "“Ä±” or “Ã¼”); choose the encoding UTF-8.").format(file=path.name, encoding=codec))
    if separator is None:
        separator = _sniff(sample.splitlines()[:50])
    elif separator not in SEPARATORS:
        choices = ", ".join(label() for label in SEPARATORS.values())
        raise SourceError(translate(
            "imports", "{separator!r} is not a separator this import reads; choose one of: "
            "{choices}.").format(separator=separator, choices=choices))
    with io.TextIOWrapper(path.open("rb"), encoding=codec, newline="") as text:
        reader = csv.reader(_lines(text, path), delimiter=separator)
        try:
            sheet = collect(path, path.stem, csv_records(reader, path), csv_misfit(separator),
                             lambda count: tick(text.buffer.tell()))
        except UnicodeDecodeError:
            raise SourceError(translate(
                "imports", "{file}: line {line} cannot be read as {encoding}; choose another "
                "encoding ({choices}).").format(
                    file=path.name, line=_bad_line(path, codec), encoding=codec,
                    choices=", ".join(sorted(set(ENCODINGS) - {codec})))) from None
    if sheet is None:
        raise no_header(path.name)
    return Source(path, "csv", [sheet], codec, separator, notices)


def _codec(path: Path, head: bytes, encoding: str | None, notices: list[str]) -> str:
    """The given codec (checked), else the one a BOM names, else UTF-8 if every byte of the
    file is valid UTF-8, else Windows Turkish: what Excel's plain "CSV" writes on Turkish PCs."""
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise SourceError(translate(
                "imports", "{encoding} is not a known encoding; choose one of: {choices}.")
                .format(encoding=encoding, choices=", ".join(ENCODINGS))) from None
        return "utf-8-sig" if codec == "utf-8" and head.startswith(codecs.BOM_UTF8) else codec
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as file:
            for chunk in iter(lambda: file.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        if _looks_arabic(head):
            notices.append(translate(
                "imports", "The encoding of {file} was guessed as Windows Arabic (cp1256); if "
                "letters look wrong, choose another encoding.").format(file=path.name))
            return "cp1256"
        notices.append(translate(
            "imports", "The encoding of {file} was guessed as Windows Turkish (cp1254); if letters "
            "look wrong, choose another encoding.").format(file=path.name))
        return "cp1254"


def _looks_arabic(head: bytes) -> bool:
    """Whether non-UTF-8 text is Windows Arabic rather than Windows Turkish: read as cp1254,
    Turkish text is mostly Turkish letters, while Arabic bytes come out as a spread of accented
    Latin ones (Ú á ã Ç) of which few are Turkish."""
    latin = [ch for ch in head.decode("cp1254", "replace") if ord(ch) > 127 and ch.isalpha()]
    if not latin:
        return False
    turkish = sum(ch in _TURKISH_LETTERS for ch in latin)
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in head.decode("cp1256", "replace"))
    return turkish < len(latin) / 2 and arabic >= len(latin) / 2


def _bad_line(path: Path, codec: str) -> int:
    """The line of the first byte `codec` cannot decode (only on the error path: reads it all)."""
    data = path.read_bytes()
    try:
        data.decode(codec)
    except UnicodeDecodeError as error:
        return data[:error.start].decode(codec, "replace").count("\n") + 1
    return 1


def _sniff(lines: list[str]) -> str:
    """csv.Sniffer limited to our separators; else the one the widest line holds most often."""
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters="".join(SEPARATORS)).delimiter
    except csv.Error:
        widest = max(lines, key=lambda line: max(map(line.count, SEPARATORS)), default="")
        return max(SEPARATORS, key=widest.count)


def _lines(text: Iterable[str], path: Path) -> Iterator[str]:
    """The text's lines; a NUL means binary data that csv would silently keep."""
    for number, line in enumerate(text, start=1):
        if "\0" in line:
            raise SourceError(translate(
                "imports", "{file}: line {line} holds binary data (a NUL character); export the "
                "file again from Excel or Kobo.").format(file=path.name, line=number))
        yield line


def csv_records(reader, path: Path) -> Iterator[tuple[int, list[Cell]]]:
    """(row as Excel shows it, stripped values): a record whose quoted value spans lines is one
    row there, so the rows after it keep their numbers. csv only fails on a value over its size
    limit, i.e. a quote left open that swallowed the lines after (named by its first line)."""
    start = 1
    try:
        for record, values in enumerate(reader, start=1):
            yield record, [value.strip() or None for value in values]
            start = reader.line_num + 1
    except csv.Error:
        raise SourceError(translate(
            "imports", "{file}: the value starting on line {line} is longer than %n "
            "characters; a quote (\") is probably not closed: fix it in a text editor or export "
            "the file again.", "", csv.field_size_limit()).format(file=path.name, line=start)) from None


def csv_misfit(separator: str) -> Callable[[int, list[Cell], int], str]:
    """More values than headers, or a short row that another separator would split further."""
    others = [other for other in SEPARATORS if other != separator]

    def misfit(number: int, values: list[Cell], width: int) -> str:
        last = used(values)
        if last > width or (len(values) < width and any(
                separator.join(value or "" for value in values).count(other) >= len(values)
                for other in others)):
            return translate(
                "imports", "Row {row} has {values} but the header has {columns}; the file may mix "
                "separators or have a line break inside a value.").format(
                    row=number, values=translate("imports", "%n values", "", last),
                    columns=translate("imports", "%n columns", "", width))
        return ""
    return misfit


def collect(path: Path, name: str, records: Iterable[tuple[int, list[Cell]]],
             misfit: Callable[[int, list[Cell], int], str], at: Callable[[int], None],
             earlier: int = 0) -> Sheet | None:
    """Find the header (the first row naming two or more columns: a merged title above it and
    blank lines are skipped), then turn each later non-empty row into a Row. Empty rows count
    only when data follows them, so formatting to row 1000 is not reported as empty rows.
    `at(records read)` reports progress and checks cancel every TICK records."""
    headers: list[str] | None = None
    header_row = empty = pending = 0
    rows: list[Row] = []
    for count, (number, values) in enumerate(records):
        if not count % TICK:
            at(count)
        if headers is None:
            if sum(value is not None for value in values) >= 2:
                headers, header_row = _headers(values), number
            continue
        if not any(value is not None for value in values):
            pending += 1
            continue
        empty, pending = empty + pending, 0
        if earlier + len(rows) >= MAX_ROWS:
            raise SourceError(translate(
                "imports", "{file} has more than %n rows; split it into files of at most "
                "%n rows and import them one after the other.", "", MAX_ROWS).format(
                    file=path.name))
        problem = misfit(number, values, len(headers)) or _formula(number, values)
        rows.append(Row(number, dict(zip(headers, chain(values, repeat(None)))), problem))
    if headers is None:
        return None
    return Sheet(name, headers, rows, header_row, empty)


def _headers(values: list[Cell]) -> list[str]:
    """Headers as written; a blank one is named by its column letter, a repeat gets " (2)"."""
    headers: list[str] = []
    for index, value in enumerate(values[:used(values)]):
        base = name = str(value) if value is not None else translate(
            "imports", "Column {letter}").format(letter=column_letter(index + 1))
        copy = 1
        while name in headers:
            copy += 1
            name = f"{base} ({copy})"
        headers.append(name)
    return headers


def _formula(number: int, values: list[Cell]) -> str:
    """A formula or an Excel error value in the row: the value to import is not there."""
    for index, value in enumerate(values):  # asked of every cell: the cell named only when
        if not isinstance(value, str):       # it holds one
            continue
        if value.startswith("=") and len(value) > 1:
            return translate(
                "imports", "Cell {cell} holds a formula ({formula}); paste its value instead "
                "(Excel: Paste Special › Values).").format(
                cell=f"{column_letter(index + 1)}{number}", formula=value)
        if value in _EXCEL_ERRORS:
            return translate(
                "imports", "Cell {cell} shows the Excel error {error}; correct the cell in Excel "
                "and import again.").format(
                cell=f"{column_letter(index + 1)}{number}", error=value)
    return ""


def column_letter(number: int) -> str:
    """A column as Excel names it: 1 -> "A", 27 -> "AA"."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def used(values: list[Cell]) -> int:
    """How many values count: up to the last non-empty one."""
    return next((index + 1 for index in range(len(values) - 1, -1, -1)
                 if values[index] is not None), 0)


def whole(value: Cell) -> int | None:
    """A whole number cell or text as an int ("3", 3, and 3.0 as a spreadsheet tool re-saving
    a Kobo export may write `_index`); None for anything else."""
    text = str(value).strip() if isinstance(value, int | Decimal | str) and \
        not isinstance(value, bool) else ""
    whole_part, _, zeros = text.partition(".")
    return int(whole_part) if whole_part.isdigit() and set(zeros) <= {"0"} else None


def no_header(file: str) -> SourceError:
    return SourceError(translate(
        "imports", "{file} has no header row (a row naming two or more columns); add one with a "
        "name above each column.").format(file=file))
