"""Money and typed numbers: Decimal only, rounded half up to the kuruş.

Printed totals must reconcile with their lines, so each line is rounded and the rounded lines
are summed (DOMAIN.md, Bills of quantity).

Typed numbers come in Turkish ("1.234,56") and plain ("1234.56") notation. `parse_decimal`
decides which separator is the decimal one by these rules:

- both '.' and ',' appear: the last one is the decimal separator, the other groups thousands;
- only ',': it is the decimal comma;
- only '.', several times: thousands ("1.234.567");
- only '.', once: a decimal point, so "1.234" is 1.234. Pass `places` where more decimals make
  no sense (money: 2): then "1.234" is refused instead of being read as a fraction.

Thousands groups must have three digits, so a mistyped "1.23,45" is refused, not guessed.
"""

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

KURUS = Decimal("0.01")

_CURRENCY = re.compile(r"(?:TL|₺)$", re.IGNORECASE)
_NUMBER = re.compile(r"([+-]?)([0-9.,]+)")
_DIGITS = re.compile(r"[0-9]+")


def round_money(value: Decimal) -> Decimal:
    """`value` to whole kuruş, halves rounded up (away from zero), as Turkish invoices do."""
    return value.quantize(KURUS, rounding=ROUND_HALF_UP)


def line_total(quantity: Decimal, unit_price: Decimal) -> Decimal:
    """One priced line, rounded, so that totals can be summed from the printed lines."""
    return round_money(quantity * unit_price)


def sum_money(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of amounts already rounded to the kuruş; an unrounded one is a bug."""
    total = Decimal("0.00")
    for value in values:
        if value != round_money(value):
            raise ValueError(f"amount {value} is not rounded to the kuruş")
        total += value
    return total


def parse_decimal(raw: str, *, field: str, places: int | None = None) -> Decimal:
    """A typed number in Turkish or plain notation (see the module docstring).

    With `places`, more decimal digits than that are refused (not rounded away) and the result
    has exactly `places` decimals.
    """
    text = _CURRENCY.sub("", "".join(raw.split()))
    if not text:
        raise ValidationError(translate("money", "Enter a number."), field=field)
    number = _split(text)
    if number is None:
        raise ValidationError(
            translate(
                "money", "'{raw}' is not a number; write it like 1.234,56 or 1234.56."
            ).format(raw=raw.strip()),
            field=field,
        )
    sign, whole, fraction, decimal_separator = number
    if places is not None and len(fraction) > places:
        if decimal_separator == ".":
            message = translate(
                "money",
                "'{raw}' has %n decimal places; at most {places} are allowed. A single "
                "'.' is read as a decimal point: for thousands write 1234 or 1.234,00.", "",
                len(fraction))
        else:
            message = translate(
                "money", "'{raw}' has %n decimal places; at most {places} are allowed.", "",
                len(fraction))
        raise ValidationError(
            message.format(raw=raw.strip(), places=places), field=field
        )
    if places is not None:
        fraction = fraction.ljust(places, "0")
    value = Decimal(f"{sign}{whole}.{fraction}")
    return value.copy_abs() if value.is_zero() else value


def _split(text: str) -> tuple[str, str, str, str | None] | None:
    """(sign, integer digits, fraction digits, decimal separator), or None if malformed."""
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    sign, body = match.groups()
    if "." in body and "," in body:
        decimal_separator: str | None = max(".,", key=body.rfind)
    elif "," in body:
        decimal_separator = ","
    elif body.count(".") == 1:
        decimal_separator = "."
    else:
        decimal_separator = None
    whole, fraction = body, ""
    if decimal_separator is not None:
        whole, _, fraction = body.rpartition(decimal_separator)
        if not _DIGITS.fullmatch(fraction):
            return None
    thousands = "," if decimal_separator == "." else "."
    if thousands in whole:
        grouped = rf"[0-9]{{1,3}}(?:{re.escape(thousands)}[0-9]{{3}})+"
        if not re.fullmatch(grouped, whole):
            return None
        whole = whole.replace(thousands, "")
    if not _DIGITS.fullmatch(whole):
        return None
    return sign, whole, fraction, decimal_separator
