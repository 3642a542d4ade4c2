"""Masked forms of ID numbers, IBANs and phone numbers for people whose role may not see them.

A masked value still lets a user tell two records apart or read a number back to its owner on
the phone ("the one ending in 46"), without the screen or a printout disclosing it (KVKK).
Values too short to show both ends safely are masked whole.
"""

import re

from shelter_app.domain.iban import format_iban, normalise_iban

MASK = "*"
_DIGIT = re.compile(r"[0-9]")
_TR_MOBILE = re.compile(r"\+90(5[0-9]{9})")


def _ends(value: str, head: int, tail: int) -> str:
    """`value` with all but its first `head` and last `tail` characters masked; wholly masked
    when that would leave fewer characters hidden than shown."""
    hidden = len(value) - head - tail
    if hidden < head + tail:
        return MASK * len(value)
    return value[:head] + MASK * hidden + value[len(value) - tail:]


def mask_id(value: str | None) -> str:
    """An ID number (TCKN, YKN, tax number) with its first two and last two digits shown:
    "12345678946" -> "12*******46". Empty for no value."""
    return _ends(value.strip(), 2, 2) if value else ""


def mask_iban(value: str | None) -> str:
    """An IBAN with the country, check digits and last four shown, grouped by four as on bank
    documents: "TR33 **** **** **** **** **13 26". Empty for no value."""
    if not value:
        return ""
    return format_iban(_ends(normalise_iban(value), 4, 4))


def mask_phone(value: str | None) -> str:
    """A phone number with only its last two digits shown; a stored Turkish mobile keeps its
    country code and grouping: "+905321234567" -> "+90 *** *** ** 67". Empty for no value."""
    if not value:
        return ""
    mobile = _TR_MOBILE.fullmatch(value)
    if mobile:
        national = MASK * 8 + mobile.group(1)[8:]
        return f"+90 {national[:3]} {national[3:6]} {national[6:8]} {national[8:]}"
    digits = len(_DIGIT.findall(value))
    seen = 0

    def hide(match: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return match.group() if seen > digits - 2 else MASK

    return _DIGIT.sub(hide, value) if digits > 4 else _DIGIT.sub(MASK, value)
