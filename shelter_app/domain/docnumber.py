"""A check value for printed document numbers, carried in each page's QR code.

ISO 7064 MOD 97-10, as in the IBAN: letters count as 10..35, digits as themselves, anything
else (dashes) is skipped; the two check digits make the whole number leave remainder 1. A
mistyped or forged number read back from a QR code fails `verify`.
"""

SEPARATOR = "*"


def _digits(number: str) -> str:
    return "".join(str(int(ch, 36)) for ch in number.upper() if ch.isascii() and ch.isalnum())


def check_value(number: str) -> str:
    """Two check digits for `number`."""
    return f"{98 - int(_digits(number) + '00') % 97:02d}"


def qr_payload(number: str) -> str:
    """What a page's QR code holds: the number and its check value, e.g. GAZ-D-000123-B1*47."""
    return f"{number}{SEPARATOR}{check_value(number)}"


def verify(payload: str) -> bool:
    number, _, check = payload.rpartition(SEPARATOR)
    return bool(number) and check == check_value(number)
