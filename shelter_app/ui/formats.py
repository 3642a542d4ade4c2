"""Numbers, money and dates as the interface language writes them, and typed numbers read back.

Money never passes through float: the Decimal is rounded to the kuruş and only its separators
follow the locale (see ui/language.py for which conventions each language uses). Typed numbers
accept both the Turkish decimal comma and a point in every language (domain.money.parse_decimal),
and digits typed on an Arabic keyboard.
"""

import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QObject, Qt
from PySide6.QtGui import QGuiApplication, QValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.iban import format_iban
from shelter_app.domain.money import parse_decimal, round_money
from shelter_app.domain.numbers import written
from shelter_app.domain.units import days_text, quantity_text, unit_name
from shelter_app.ui.running import current_language, format_locale

# how every table aligns a number: at the end of its cell (Qt mirrors it in Arabic), so that
# the digits of a column line up by place (tests/ui/test_number_alignment.py)
END_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DATE_FORMATS = {"tr": "dd.MM.yyyy", "en": "dd/MM/yyyy", "ar": "dd.MM.yyyy"}
_TYPED_CHARACTERS = frozenset("0123456789.,+- ₺TLtl")
# Arabic keyboards type Arabic-Indic (٠-٩) or Persian (۰-۹) digits, "٫" and "٬": read them as
# the digits, decimal comma and thousands point of Turkish notation
_ARABIC_TYPING = str.maketrans({**{chr(0x660 + n): str(n) for n in range(10)},
                                **{chr(0x6F0 + n): str(n) for n in range(10)},
                                "٫": ",", "٬": "."})


def number(value: Decimal | int, places: int | None = 2) -> str:
    """`value` with `places` decimals and the locale's separators, e.g. 1.234,5 -> "1.234,50";
    with `places` None, the decimals it has without trailing zeros (a quantity: "12,5")."""
    return _localised(value, places, ",")


def typed_number(value: Decimal | int, places: int | None = None) -> str:
    """`value` as a user types it into a field, so that it reads back as the same number.
    With fixed `places` (an amount: "9.250,00") it is grouped as in the lists, the decimals
    telling the thousands point from the decimal sign; without, no thousands separator
    ("1234,5": a grouped Turkish "1.234" would read as 1,234 thousandths)."""
    return _localised(value, places, "," if places else "")


def typed_stored(value: object) -> str:
    """A number kept as plain text ("64.50" in JSON or a service's form values) as the user
    types it ("64,5" in Turkish); "" for none."""
    return "" if value in (None, "") else typed_number(Decimal(str(value)))


def _localised(value: Decimal | int, places: int | None, grouping: str) -> str:
    locale = format_locale()
    return written(value, places, locale.groupSeparator() if grouping else "",
                   locale.decimalPoint())


def money(value: Decimal) -> str:
    """An amount in lira: "1.234,56 ₺" (Turkish, Arabic) or "₺1,234.56" (English)."""
    text = number(round_money(value))
    if current_language() == "en":
        return text.replace("-", "-₺", 1) if text.startswith("-") else "₺" + text
    return text + " ₺"


def measure(value: Decimal | int, unit: str) -> str:
    """A quantity of `unit` with the unit's decimals (domain.units) and the locale's
    separators: "41,40" m², "3" adet; the same figure as on the papers."""
    locale = format_locale()
    return quantity_text(value, unit, locale.groupSeparator(), locale.decimalPoint())


def days_shown(value: Decimal | int) -> str:
    """Days worked with the one decimal a half day needs (domain.units) and the locale's
    separators, so a column's figures line up: "20,0", "12,5" (Turkish) or "12.5"."""
    locale = format_locale()
    return days_text(value, locale.groupSeparator(), locale.decimalPoint())


def unit_text(unit: str) -> str:
    """A catalogue unit in the interface language: "adet" reads "pcs" in English."""
    return unit_name(unit, current_language())


def date_text(day: date) -> str:
    """A day as "25.11.2026" (Turkish, Arabic) or "25/11/2026" (English)."""
    return format_locale().toString(QDate(day.year, day.month, day.day),
                                    _DATE_FORMATS[current_language()])


def day_month_text(day: date) -> str:
    """A day without its year, where the year is plain (a week's column): "25.11" (Turkish,
    Arabic) or "25/11" (English)."""
    written = _DATE_FORMATS[current_language()].replace("yyyy", "").strip("./")
    return format_locale().toString(QDate(day.year, day.month, day.day), written)


def month_text(day: date) -> str:
    """`day`'s month by name, in the interface language: "Kasım 2026", "November 2026",
    "تشرين الثاني 2026" (the names Syrian and Iraqi readers use, not Egypt's; the year in Latin
    digits like every number of the Arabic interface)."""
    code = current_language()
    locale = (QLocale(QLocale.Language.Arabic, QLocale.Country.Syria) if code == "ar"
              else format_locale(code))
    return f"{locale.standaloneMonthName(day.month)} {day.year}"


def capitalised(text: str) -> str:
    """`text` starting with a capital as the interface language writes one: a title or cell
    made of words that run mid-sentence ("hane GAZ-H-000001 — telefon") starts "Hane", and a
    Turkish "i" becomes "İ", not "I"."""
    return QLocale(current_language()).toUpper(text[:1]) + text[1:]


def read_date(text: str) -> date | None:
    """A day typed as the interface shows it ("25.11.2026", "5.7.2026"; "25/11/2026" in
    English) or as ISO ("2026-11-25"); None when the text is no date."""
    text = text.strip()
    written = _DATE_FORMATS[current_language()]
    for pattern in (written, written.replace("dd", "d").replace("MM", "M"), "yyyy-MM-dd"):
        day = QDate.fromString(text, pattern)
        if day.isValid():
            return day.toPython()
    return None


def datetime_text(moment: datetime, *, seconds: bool = False) -> str:
    """A UTC timestamp in the computer's time zone, e.g. "25.11.2026 14:05"."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    clock = " HH:mm:ss" if seconds else " HH:mm"
    return format_locale().toString(local, _DATE_FORMATS[current_language()] + clock)


def position(latitude: Decimal, longitude: Decimal) -> str:
    """A GPS position: "37.0662, 37.3833" in English; "37,0662; 37,3833" where the comma is
    the decimal sign (a comma between the two would read as more decimals). One value, left
    to right in every language, as maps take it: never the Arabic "؛", a strong right-to-left
    letter that would turn the pair around."""
    separator = "; " if format_locale().decimalPoint() == "," else ", "
    return number(latitude, None) + separator + number(longitude, None)


def _right_to_left() -> bool:
    return QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft


def isolated(value: str) -> str:
    """A data value inside a sentence of the right-to-left interface, as its own direction
    island (FSI ... PDI): "Ltd." keeps its dot and "-5" its sign inside Arabic. Unchanged in
    a left-to-right interface."""
    return f"\u2068{value}\u2069" if value and _right_to_left() else value


def read_from_right(text: str) -> str:
    """Each line of `text` read and aligned as the interface reads, whatever it starts with
    (a QLabel or text pane takes a line's direction from its first letter): right to left
    in Arabic, where a line opening with a Latin reference would sit left; left to right in
    Turkish and English, where a line opening with an Arabic name sat right, its reference
    in brackets before it."""
    if not text:
        return text
    if _right_to_left():
        return "\n".join(f"{_RLM}{line}" for line in text.split("\n"))
    return "\n".join(f"{_LRM}{line}" if _ARABIC_LETTER.search(line) else line
                     for line in text.split("\n"))


_ARABIC_LETTER = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LRM = "\u200e"


def bidi_safe(text: str) -> str:
    """A data value for a label in the right-to-left interface: isolated, so a phone number
    keeps its "+" in front, a Latin address its punctuation, and the label its right-hand
    alignment. Unchanged in a left-to-right interface."""
    return read_from_right(isolated(text))


def listed(parts: Iterable[str], separator: str = ", ") -> str:
    """`parts` one after another in a sentence of the interface, by `separator` (", " or
    "; "). In Arabic with its own comma "،" or semicolon "؛", each part its own direction
    island and the list read from the right: dates or references listed first stood at the
    left, where an Arabic reader ends."""
    parts = list(parts)
    if not parts or not _right_to_left():
        return separator.join(parts)
    return _RLM + separator.translate(_ARABIC_PUNCTUATION).join(isolated(part) for part in parts)


_ARABIC_PUNCTUATION = str.maketrans({",": "،", ";": "؛"})
_RLM = "\u200f"


def directed(arrow: str) -> str:
    """An arrow written for left-to-right reading ("▶" next, "→" from old to new) as the
    interface reads: mirrored in Arabic, where "next" and "new" lie to the left."""
    return arrow.translate(_MIRRORED_ARROWS) if _right_to_left() else arrow


_MIRRORED_ARROWS = str.maketrans("◀▶→←", "▶◀←→")


def typed_in_reading_order(edit: QLineEdit) -> None:
    """`edit` lays a text of no letters at all (a number, "-5", "+90 532…", "12/3") out left
    to right in the right-to-left interface, where Qt would set it right to left: "-5" showed
    "5-". A text with letters keeps Qt's own choice, by its first letter; an empty field (its
    placeholder) reads as the interface does."""

    def follow(text: str) -> None:
        unlettered = bool(text) and not any(char.isalpha() for char in text)
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight if unlettered
                                else QGuiApplication.layoutDirection())

    if _right_to_left() and not edit.property("typedInReadingOrder"):  # once per field
        edit.setProperty("typedInReadingOrder", True)
        edit.textChanged.connect(follow)
        follow(edit.text())


def iban_text(iban: str) -> str:
    """An IBAN in groups of four joined by no-break spaces (a label never wraps it mid-number).
    In the right-to-left interface it stands on a line of its own, left to right: inside an
    Arabic sentence it went whole to the next line, and Qt justified the short line it left
    behind by spreading its Arabic letters apart ("ب ح ل و ل" for "بحلول")."""
    grouped = format_iban("".join(iban.split())).replace(" ", "\u00a0")
    return _own_line(grouped) if _right_to_left() else grouped


def path_text(path: object) -> str:
    """A file's path for a wrapped sentence: on a line of its own, so it breaks at a "/" only
    when it is longer than the line (inside the sentence Qt broke it after its first "/":
    "… is /" above "root/.local/…"); left to right in Arabic, the line read from the right.
    No invisible joiner: the user may copy the path out of the message."""
    return _own_line(str(path)) if _right_to_left() else f"\n{path}"


def _own_line(value: str) -> str:
    """`value` on a line of its own in a right-to-left sentence: left to right (LRI ... PDI),
    the line read from the right."""
    return f"\n{_RLM}\u2066{value}\u2069"


def date_edit_format() -> str:
    """The display format for QDateEdit widgets, so typed dates look like shown ones."""
    return _DATE_FORMATS[current_language()]


class DecimalValidator(QValidator):
    """Lets through what can become a number in Turkish or plain notation while typing; the
    final check (with a message naming the field) is `read_decimal` when the form is saved."""

    def __init__(self, places: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.places = places

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        text = text.translate(_ARABIC_TYPING)
        if not set(text) <= _TYPED_CHARACTERS:
            return QValidator.State.Invalid, text, pos
        try:
            parse_decimal(text, field="", places=self.places)
        except ValidationError:
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


def decimal_edit(places: int | None = None, placeholder: str = "",
                 parent: QWidget | None = None) -> QLineEdit:
    """A line edit for a number that accepts "1.234,56", "1234,56" and "1234.56"."""
    edit = QLineEdit(parent)
    edit.setValidator(DecimalValidator(places, edit))
    edit.setPlaceholderText(placeholder)
    typed_in_reading_order(edit)
    return edit


def read_decimal(edit: QLineEdit, field: str, places: int | None = None) -> Decimal:
    """The number typed in `edit`; a ValidationError naming `field` when it is not one."""
    return parse_decimal(edit.text().translate(_ARABIC_TYPING), field=field, places=places)
