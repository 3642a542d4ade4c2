"""Human references (GAZ-D-000123) that people can read out on the phone.

Numbers run per office and kind. They are taken inside the write transaction that creates the
record; SQLite's BEGIN IMMEDIATE serialises writers, so two saves never get the same number.
A laptop enrolled with a sync server puts its device mark before the number (GAZ-D-K00123),
so two laptops never issue the same reference even offline; references issued before
enrolment keep their form.
"""

import re
import unicodedata

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from shelter_app.data.outbox import NODE, state

KINDS = {"dwelling": "D", "household": "H", "landlord": "L", "worker": "W"}
_MARK = "reference_mark"
# any start of a reference from its office code and dash on: GAZ-, GAZ-D, GAZ-D-00, GAZ-D-K0
_TYPED = re.compile(r"[A-Z]{3}-(?:[A-Z](?:-[A-Z]{0,2}[0-9]*)?)?")


def device_mark(session: Session) -> str:
    """This laptop's mark ("" when not enrolled, and on the server)."""
    if _MARK not in session.info:
        session.info[_MARK] = state(session, NODE) or ""
    return str(session.info[_MARK])


def format_ref(office_code: str, kind: str, number: int, mark: str = "") -> str:
    """GAZ-D-000123, or with a device mark GAZ-D-K00123 (the mark, then five digits)."""
    if mark:
        return f"{office_code}-{KINDS[kind]}-{mark}{number:05d}"
    return f"{office_code}-{KINDS[kind]}-{number:06d}"


def next_number(session: Session, column: InstrumentedAttribute[str], office_code: str,
                kind: str) -> int:
    """The next free number for `office_code` and `kind` among the values of `column` that
    carry this laptop's mark (digits right after it: mark K never counts KB's numbers)."""
    prefix = f"{office_code}-{KINDS[kind]}-{device_mark(session)}"
    last = session.scalar(select(func.max(column)).where(column >= prefix + "0",
                                                         column < prefix + ":"))
    return int(last[len(prefix):]) + 1 if last else 1


def typed_reference(text: str) -> str | None:
    """The start of a reference that `text` spells ("gaz-d-00" gives "GAZ-D-00"), or None.

    Any case; the Turkish dotted and dotless i (İ, ı) are read as I, so "ist-d" and "İST-D"
    both give "IST-D". A bare office code ("gaz") is not taken for one: it is also a word.
    """
    typed = unicodedata.normalize("NFKC", text.strip()).replace("İ", "I").upper()
    return typed if _TYPED.fullmatch(typed) else None
