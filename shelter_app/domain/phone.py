"""Turkish mobile numbers, stored as E.164 ("+905321234567") so duplicates and SMS exports match
however the number was typed."""

import re

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

_SEPARATORS = re.compile(r"[\s().-]+")
_E164_TR_MOBILE = re.compile(r"\+905[0-9]{9}")


def normalise_tr_mobile(raw: str, *, field: str = "phone") -> str:
    """E.164 form of a typed Turkish mobile number, with or without 0, 90, +90 or 0090."""
    digits = _SEPARATORS.sub("", raw)
    if digits.startswith("+"):
        digits = "00" + digits[1:]
    if not digits:
        raise ValidationError(translate("phone", "Enter the mobile number."), field=field)
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            translate(
                "phone", "'{raw}' is not a phone number; type digits, e.g. 0532 123 45 67."
            ).format(raw=raw.strip()),
            field=field,
        )
    if digits.startswith("0090"):
        national = digits[4:]
    elif digits.startswith("00"):
        raise ValidationError(
            translate(
                "phone", "Only Turkish mobile numbers (+90 5xx) can be stored; '{raw}' is not one."
            ).format(raw=raw.strip()),
            field=field,
        )
    elif digits.startswith("90") and len(digits) == 12:
        national = digits[2:]
    else:
        national = digits.removeprefix("0")
    if len(national) != 10 or national[0] != "5":
        raise ValidationError(
            translate(
                "phone",
                "'{raw}' is not a Turkish mobile number: after the leading 0 it has 10 digits "
                "starting with 5, e.g. 0532 123 45 67.",
            ).format(raw=raw.strip()),
            field=field,
        )
    return "+90" + national


def format_tr_mobile(e164: str) -> str:
    """The stored number as people read it: "+90 532 123 45 67"."""
    if not _E164_TR_MOBILE.fullmatch(e164):
        raise ValueError(f"not a stored Turkish mobile number: {e164!r}")
    return f"+90 {e164[3:6]} {e164[6:9]} {e164[9:11]} {e164[11:13]}"
