"""Turkish identity and tax numbers: check what was typed before it reaches the register.

A TCKN with wrong check digits is a typing error and is refused. A foreigner's YKN gets the
same checksum test, but only as a warning: not every issued YKN follows it (DOMAIN.md).
"""

import re
from dataclasses import dataclass
from enum import StrEnum

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

_SEPARATORS = re.compile(r"[\s-]+")
_SCIENTIFIC = re.compile(r"\d+([.,]\d+)?[eE]\+?\d+")  # 1,00000004E+10 as Excel writes it
_NOT_A_DIGIT = re.compile(r"[^0-9]")
_YKN_PREFIX = "99"


class IdKind(StrEnum):
    TCKN = "tckn"
    YKN = "ykn"


@dataclass(frozen=True)
class IdCheck:
    """A person's ID number as stored, its kind, and a translated warning to show, if any."""

    value: str
    kind: IdKind
    warning: str | None


def tckn_check_digits(first9: str) -> str:
    """The 10th and 11th digits that the TCKN checksum requires after `first9`."""
    _require_digits(first9, 9)
    d = [int(c) for c in first9]
    d10 = (sum(d[0:9:2]) * 7 - sum(d[1:8:2])) % 10
    d11 = (sum(d) + d10) % 10
    return f"{d10}{d11}"


def tckn_is_valid(value: str) -> bool:
    """True for a stored-form TCKN: 11 ASCII digits, not starting with 0, check digits right."""
    return (
        len(value) == 11
        and _NOT_A_DIGIT.search(value) is None
        and value[0] != "0"
        and tckn_check_digits(value[:9]) == value[9:]
    )


def make_tckn(first9: str) -> str:
    """A valid TCKN starting with `first9` (for demo data and tests)."""
    if first9[:1] == "0":
        raise ValueError("a TCKN cannot start with 0")
    return first9 + tckn_check_digits(first9)


def make_ykn(middle: str) -> str:
    """A YKN "99" + `middle` (7 digits) whose check digits pass, as demo data should."""
    _require_digits(middle, 7)
    return make_tckn(_YKN_PREFIX + middle)


def check_person_id(raw: str, *, field: str = "id_number") -> IdCheck:
    """Normalise a typed TCKN or YKN; refuse what cannot be right, warn on a doubtful YKN."""
    value = _digits(raw, field=field)
    if len(value) != 11:
        raise ValidationError(
            translate("ids", "ID number must have 11 digits; '{raw}' has %n.", "",
                      len(value)).format(raw=raw.strip()),
            field=field,
        )
    if value.startswith(_YKN_PREFIX):
        warning = None
        if not tckn_is_valid(value):
            warning = translate(
                "ids",
                "The check digits of foreign ID number {value} do not match. Compare it with "
                "the residence permit card; it is accepted because some issued numbers do not "
                "follow the checksum.",
            ).format(value=value)
        return IdCheck(value, IdKind.YKN, warning)
    if value[0] == "0":
        raise ValidationError(
            translate(
                "ids", "A TC Kimlik No cannot start with 0; check the number {value}."
            ).format(value=value),
            field=field,
        )
    if not tckn_is_valid(value):
        raise ValidationError(
            translate(
                "ids",
                "The check digits of TC Kimlik No {value} do not match; check for a typing "
                "error.",
            ).format(value=value),
            field=field,
        )
    return IdCheck(value, IdKind.TCKN, None)


def _vkn_check_digit(first9: str) -> str:
    """The 10th digit of a company tax number (VKN), by the Revenue Administration's rule."""
    _require_digits(first9, 9)
    total = 0
    for i, c in enumerate(first9):
        tmp = (int(c) + 9 - i) % 10
        v = (tmp * 2 ** (9 - i)) % 9
        if tmp != 0 and v == 0:
            v = 9
        total += v
    return str((10 - total % 10) % 10)


def make_vkn(first9: str) -> str:
    """A valid VKN starting with `first9` (for demo data and tests)."""
    return first9 + _vkn_check_digit(first9)


def check_tax_number(raw: str, *, field: str = "tax_number") -> str:
    """Normalise a typed company tax number (VKN, 10 digits) or refuse it."""
    value = _digits(raw, field=field)
    if len(value) == 11:
        raise ValidationError(
            translate(
                "ids",
                "A company tax number has 10 digits; '{raw}' has 11. A person's tax number "
                "is their TC Kimlik No: enter it as the ID number instead.",
            ).format(raw=raw.strip()),
            field=field,
        )
    if len(value) != 10:
        raise ValidationError(
            translate("ids", "A company tax number has 10 digits; '{raw}' has %n.", "",
                      len(value)).format(raw=raw.strip()),
            field=field,
        )
    if _vkn_check_digit(value[:9]) != value[9]:
        raise ValidationError(
            translate(
                "ids",
                "The check digit of tax number {value} does not match; check for a typing "
                "error.",
            ).format(value=value),
            field=field,
        )
    return value


def _digits(raw: str, *, field: str) -> str:
    """`raw` without spaces and dashes, refused unless what is left is ASCII digits."""
    value = _SEPARATORS.sub("", raw)
    if not value:
        raise ValidationError(translate("ids", "Enter the number."), field=field)
    if _SCIENTIFIC.fullmatch(value):
        raise ValidationError(
            translate("ids", "'{raw}' is a number Excel shortened, and its last digits may be "
                             "lost: format the column as Text in Excel, type the numbers again "
                             "and export anew.").format(raw=raw.strip()), field=field)
    bad = _NOT_A_DIGIT.search(value)
    if bad:
        raise ValidationError(
            translate("ids", "Use only the digits 0-9; remove '{char}' from '{raw}'.").format(
                char=bad.group(), raw=raw.strip()
            ),
            field=field,
        )
    return value


def _require_digits(text: str, length: int) -> None:
    """Guard the demo/test helpers: a wrong argument there is a bug, not a user error."""
    if len(text) != length or _NOT_A_DIGIT.search(text):
        raise ValueError(f"expected {length} digits, got {text!r}")
