"""Cell values as the forms would have typed them.

A CSV cell is text as Turkish Excel wrote it ("64,5", "25.11.2026"); an XLSX cell may already
be a number or a date; a Kobo cell is text in ISO form ("2026-11-25", "2026-11-25T10:11:12.000+03:00").
These helpers turn any of them into what the services' own checks take, so an imported row is
held to exactly the rules of the form. A value that cannot be read raises ValidationError naming
the value and the fix, with `field` the field's key: the runner puts the column's header first.
"""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.ids import check_tax_number
from shelter_app.domain.textfold import fold
from shelter_app.services.imports.sources import Cell

_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s.*)?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?")
_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0, Lotus's leap-year bug included
_EXCEL_DAYS = (20_000, 80_000)  # 1954 to 2119: no other way of writing a date is five digits
YES = {"1", "yes", "y", "true", "evet", "e", "var", "x", "نعم"}
NO = {"0", "no", "n", "false", "hayir", "h", "yok", "لا"}


def as_text(cell: Cell) -> str:
    """The cell as the form's text box would hold it ("" when empty)."""
    if isinstance(cell, str):  # nearly every cell (CSV, Kobo): asked first
        text = cell.strip()
    elif cell is None:
        return ""
    elif isinstance(cell, bool):
        return "1" if cell else "0"
    elif isinstance(cell, datetime):
        return cell.strftime("%d.%m.%Y %H:%M")
    elif isinstance(cell, date):
        return cell.strftime("%d.%m.%Y")
    elif isinstance(cell, Decimal):
        # Excel stores 64,5 as the float 64.5: give the form the Turkish notation back, and
        # whole numbers (an ID number read as a number) without a ".0"
        return format(cell.normalize(), "f").replace(".", ",") if cell % 1 else f"{cell:.0f}"
    else:
        text = str(cell).strip()
    # a report of this app (services.imports.report) guards formula-like text with an apostrophe
    return text[1:] if text[:1] == "'" and text[1:2] in "=+-@" and len(text) > 1 else text


def as_number(cell: Cell) -> str:
    """An ID, tax or reference number without spaces. Excel drops the leading zeros of a
    number typed into a number cell (tax number 0123456789 shows as 123456789): a shorter
    number that is a valid tax number with them put back is that tax number."""
    text = "".join(as_text(cell).split())
    if text.isdigit() and len(text) < 10:
        try:
            return check_tax_number(text.zfill(10))
        except ValidationError:
            pass
    return text


def as_date(cell: Cell, field: str) -> date | None:
    """25.11.2026, 25/11/2026, 2026-11-25 (Kobo, with or without time), a date cell, or the
    day number Excel shows when a date cell lost its format (46351 is 25.11.2026)."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    raw = as_text(cell)
    if raw.isdigit() and _EXCEL_DAYS[0] <= int(raw) <= _EXCEL_DAYS[1]:
        return _EXCEL_EPOCH + timedelta(days=int(raw))
    day_first = _DAY_FIRST.fullmatch(raw)
    iso = _ISO.fullmatch(raw)
    try:
        if day_first:
            return date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
    except ValueError:
        pass
    raise ValidationError(
        translate("imports", "'{raw}' is not a date; write it as 25.11.2026.").format(raw=raw),
        field=field)


def as_flag(cell: Cell, field: str) -> bool | None:
    """Yes/no in Turkish, English or Arabic, 1/0 or a tick; None when empty."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        return cell
    word = fold(as_text(cell))
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValidationError(
        translate("imports", "'{raw}' is neither yes nor no; write Evet/Hayır, Yes/No or "
                             "1/0.").format(raw=as_text(cell)), field=field)


def as_choice(cell: Cell, field: str, choices: dict[str, str], hint: Callable[[], str]
              ) -> str | None:
    """The stored code of a choice written as its code or any known name (folded); None when
    empty. `choices` maps folded names to codes; `hint` lists what may be written."""
    text = as_text(cell)
    if not text:
        return None
    code = choices.get(fold(text).replace(" ", "_")) or choices.get(fold(text))
    if code is None:
        raise ValidationError(
            translate("imports", "'{raw}' is not one of the choices ({choices})."
                      ).format(raw=text, choices=hint()), field=field)
    return code


def as_list(cell: Cell) -> list[str]:
    """A list written as "a, b; c" or Kobo's select_multiple "a b c"."""
    text = as_text(cell)
    if not text:
        return []
    parts = re.split(r"[,;\n]", text) if re.search(r"[,;\n]", text) else text.split()
    return [part.strip() for part in parts if part.strip()]
