"""The one translation helper for code that must not import Qt.

`translate(context, text)` has the signature of `QCoreApplication.translate`, so Qt's
lupdate extracts these strings like any `tr()` call. The UI installs Qt's translator at
start-up with `install`; without it (command line, tests) the source text is returned.

Amounts, quantities and dates inside messages follow the interface language the same way:
`money_text`, `number_text` and `date_text` use what the UI installs with `install_formats`,
and plain notation without it (money and dates in Turkish notation, as on the documents).

What `translate` gives is a `Translated` sentence, which remembers its source text and the
values `format` put in (`key`): a message written in one language (the sync server's) can be
written again in another (the laptop user's) with `rendered`. A value written for the reader
(`date_text`, `money_text`, `field_text`, …) is `Written`: it keeps what it was written from,
so the laptop writes the server's day in its own notation and a column by its own name for it.
"""

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from shelter_app.domain.numbers import written

# The interface languages, each named in itself (a user must find their own in any language).
LANGUAGES = {"tr": "Türkçe", "en": "English", "ar": "العربية"}
DEFAULT_LANGUAGE = "tr"

_translator: Callable[[str, str, str, int], str] | None = None
_money: Callable[[Decimal], str] | None = None
_number: Callable[[Decimal], str] | None = None
_date: Callable[[date], str] | None = None
_month: Callable[[date], str] | None = None
_field: Callable[[str], str] | None = None
_table: Callable[[str], str] | None = None


def install(translator: Callable[[str, str, str, int], str] | None) -> None:
    """Route every `translate` call through `translator`, which has the signature of
    `QCoreApplication.translate` and fills in %n (None restores the source text)."""
    global _translator
    _translator = translator


def installed() -> Callable[[str, str, str, int], str] | None:
    """The translator `translate` goes through now (to put it back after a change)."""
    return _translator


def translate(context: str, text: str, disambiguation: str = "", n: int = -1) -> str:
    """Return `text` in the user's language; `context` groups strings for translators.

    A count goes in as `n`, never through `.format`: `text` says "%n" where it stands
    ("Wrote %n rows."), and each language picks its own plural form of the sentence (Turkish
    one, English two, Arabic six), as Qt's `tr(text, "", n)` does on screens."""
    said = counted(text, n) if _translator is None else _translator(context, text,
                                                                     disambiguation, n)
    key: dict[str, Any] = {"context": context, "text": text}
    if disambiguation:
        key["disambiguation"] = disambiguation
    if n >= 0:
        key["n"] = n
    return Translated(said, key)


class Translated(str):
    """A sentence in the user's language that keeps what it was made from: `key` holds the
    context, source text, count and (once formatted) the values put in, as plain JSON, so that
    it can be sent elsewhere and read there in another language (`rendered`)."""

    def __new__(cls, text: str, key: dict[str, Any] | None = None) -> "Translated":
        made = super().__new__(cls, text)
        made.key = key
        return made

    def format(self, *args: Any, **kwargs: Any) -> str:
        said = str.format(self, *args, **kwargs)
        if args or self.key is None:
            return said
        params = self.key.get("params", {}) | {name: portable(value)
                                                for name, value in kwargs.items()}
        return Translated(said, self.key | {"params": params})


class Written(str):
    """A value as written for this reader (a day, an amount, a column's name) that keeps what
    it was written from (`key`: kind and plain value), for `rendered` to write it again for
    another reader."""

    def __new__(cls, text: str, kind: str = "", value: Any = None) -> "Written":
        made = super().__new__(cls, text)
        made.key = {"kind": kind, "value": value}
        return made


def portable(value: Any) -> Any:
    """`value` as it travels in a message's key: a translated sentence or a written value as
    its own key, a day as its `date_text` key, a number or text as it is, anything else as the
    text it was written as."""
    if isinstance(value, Translated | Written) and value.key is not None:
        return value.key
    if isinstance(value, date) and not isinstance(value, datetime):
        return date_text(value).key
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def rendered(key: Any) -> str:
    """The message `key` (Translated.key) written in this user's language; a plain text (what
    an older server sent) as it is. A sentence this catalogue lacks stays in its source text."""
    if not isinstance(key, dict):
        return str(key)
    if "kind" in key and "text" not in key:
        again = _AGAIN.get(str(key["kind"]))
        return again(key["value"]) if again else str(key["value"])
    text = translate(str(key["context"]), str(key["text"]), str(key.get("disambiguation", "")),
                     int(key.get("n", -1)))
    params = key.get("params") or {}
    try:
        return text.format(**{str(name): rendered(value) if isinstance(value, dict) else value
                              for name, value in params.items()})
    except (KeyError, IndexError, ValueError):  # a sentence changed since the key was made
        return text


def counted(text: str, n: int) -> str:
    """`text` with its "%n" replaced by the count `n` (n < 0: no count, text unchanged)."""
    return text.replace("%n", str(n)) if n >= 0 else text


def install_formats(money: Callable[[Decimal], str] | None,
                    number: Callable[[Decimal], str] | None,
                    day: Callable[[date], str] | None = None,
                    month: Callable[[date], str] | None = None) -> None:
    """Write amounts, quantities, dates and months in messages with these (None restores
    plain notation)."""
    global _money, _number, _date, _month
    _money, _number, _date, _month = money, number, day, month


def install_names(field: Callable[[str], str] | None, table: Callable[[str], str] | None
                  ) -> None:
    """Name columns ("phone") and tables ("households") in messages with these, as the
    interface names them (None: the names as the database spells them)."""
    global _field, _table
    _field, _table = field, table


def field_text(column: str) -> str:
    """A column named in a message: "telefon", "الهاتف" in the interface; "phone" without."""
    return Written(_field(column) if _field is not None else column, "field", column)


def fields_text(columns: list[str]) -> str:
    """Columns named in a message, listed in the reader's way ("phone, IBAN")."""
    return Written(translate("lists", ", ").join(field_text(column) for column in columns),
                   "fields", list(columns))


def table_text(table: str) -> str:
    """A table named in a message as the interface names its records ("household")."""
    return Written(_table(table) if _table is not None else table, "table", table)


def money_text(value: Decimal) -> str:
    """An amount in a message: "₺1,234.56" in the English interface, "1.234,56 ₺" elsewhere."""
    return Written(format_money_tr(value) if _money is None else _money(value), "money",
                   str(value))


def format_money_tr(value: Decimal) -> str:
    """Turkish notation with the lira sign, rounded half up to the kuruş as every amount is
    (domain.money), e.g. "1.234,56 ₺": papers and plain messages outside Qt."""
    return written(value, 2) + " ₺"


def number_text(value: Decimal) -> str:
    """A quantity in a message, without trailing zeros: "12,5" in the Turkish interface."""
    return Written(_number(value) if _number is not None else f"{value.normalize():f}",
                   "number", str(value))


def date_text(value: date) -> str:
    """A day in a message: "25/11/2026" in the English interface, "25.11.2026" elsewhere.
    Text kept in the database must not use it (it would keep one user's notation): write
    such dates with `stored_date_text`."""
    return Written(_date(value) if _date is not None else stored_date_text(value), "date",
                   value.isoformat())


def month_text(value: date) -> str:
    """A month in a message: "November 2026", "Kasım 2026" in the interface; "11.2026"
    without one."""
    return Written(_month(value) if _month is not None else value.strftime("%m.%Y"), "month",
                   value.isoformat())


def stored_date_text(value: date) -> str:
    """A day inside text the database keeps (a reason, a note): always "25.11.2026", the
    notation of the Turkish documents, whoever's interface wrote it."""
    return value.strftime("%d.%m.%Y")


# how `rendered` writes each kind of `Written` value again, for this reader
_AGAIN: dict[str, Callable[[Any], str]] = {
    "date": lambda value: date_text(date.fromisoformat(value)),
    "month": lambda value: month_text(date.fromisoformat(value)),
    "money": lambda value: money_text(Decimal(value)),
    "number": lambda value: number_text(Decimal(value)),
    "field": lambda value: field_text(str(value)),
    "fields": lambda value: fields_text([str(column) for column in value]),
    "table": lambda value: table_text(str(value)),
}
