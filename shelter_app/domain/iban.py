"""Turkish IBANs: stored normalised, checked by ISO 7064 mod-97, printed in groups of four.

Payments to landlords and workers go to these accounts, so a typing error must be caught at
entry, and the message must say which part of the IBAN is wrong.
"""

import re

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate

_LENGTH = 26
_NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]")
_NOT_A_DIGIT = re.compile(r"[^0-9]")


def normalise_iban(raw: str) -> str:
    """The stored form: no spaces, upper case."""
    return "".join(raw.split()).upper()


def iban_is_valid(value: str) -> bool:
    """True for a valid Turkish IBAN in stored form (see `normalise_iban`)."""
    return _problem(value) is None


def check_iban(raw: str, *, field: str = "iban") -> str:
    """Normalise a typed IBAN, or refuse it saying which part is wrong."""
    value = normalise_iban(raw)
    problem = _problem(value)
    if problem is not None:
        raise ValidationError(problem, field=field)
    return value


def format_iban(value: str) -> str:
    """Groups of four separated by spaces, as printed on bank documents."""
    return " ".join(value[i : i + 4] for i in range(0, len(value), 4))


def make_tr_iban(bank_code: str, account: str) -> str:
    """A valid IBAN for a 5-digit bank code and 16-character account (demo data, tests)."""
    if len(bank_code) != 5 or _NOT_A_DIGIT.search(bank_code):
        raise ValueError(f"bank code must be 5 digits, got {bank_code!r}")
    if len(account) != 16 or _NOT_ALPHANUMERIC.search(account):
        raise ValueError(f"account must be 16 upper-case letters or digits, got {account!r}")
    bban = bank_code + "0" + account
    return f"TR{98 - _mod97(bban + 'TR00'):02d}{bban}"


def _mod97(text: str) -> int:
    """ISO 7064 mod 97-10 of `text` with letters counted as A=10 ... Z=35."""
    return int("".join(str(int(c, 36)) for c in text)) % 97


def _problem(value: str) -> str | None:
    """A translated message for the first thing wrong with stored-form `value`, or None."""
    if not value:
        return translate("iban", "Enter the IBAN.")
    bad = _NOT_ALPHANUMERIC.search(value)
    if bad:
        return translate(
            "iban", "An IBAN has only letters and digits; remove '{char}'."
        ).format(char=bad.group())
    if not value.startswith("TR"):
        return translate(
            "iban", "Only Turkish IBANs can be used: it must start with TR, not '{prefix}'."
        ).format(prefix=value[:2])
    if len(value) != _LENGTH:
        return translate(
            "iban", "A Turkish IBAN has 26 characters; this one has %n.", "", len(value))
    if _NOT_A_DIGIT.search(value[2:4]):
        return translate(
            "iban", "Characters 3 and 4 of an IBAN are check digits; '{digits}' is not a number."
        ).format(digits=value[2:4])
    if _NOT_A_DIGIT.search(value[4:9]):
        return translate(
            "iban", "Characters 5 to 9 of a Turkish IBAN are the bank code and must be digits."
        )
    if value[9] != "0":
        return translate(
            "iban",
            "Character 10 of a Turkish IBAN is the reserve digit and must be 0, not '{char}'.",
        ).format(char=value[9])
    if _mod97(value[4:] + value[:4]) != 1:
        return translate(
            "iban", "The IBAN check digits do not match; check for a typing error."
        )
    return None
