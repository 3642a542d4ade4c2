"""Human references (GAZ-D-000123) that people can read out on the phone.

Numbers run per office and kind. They are taken inside the write transaction that creates the
record; SQLite's BEGIN IMMEDIATE serialises writers, so two saves never get the same number.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

KINDS = {"dwelling": "D", "household": "H", "landlord": "L", "worker": "W"}


def format_ref(office_code: str, kind: str, number: int) -> str:
    return f"{office_code}-{KINDS[kind]}-{number:06d}"


def next_number(session: Session, column: InstrumentedAttribute[str], office_code: str,
                kind: str) -> int:
    """The next free number for `office_code` and `kind` among the values of `column`."""
    prefix = f"{office_code}-{KINDS[kind]}-"
    last = session.scalar(select(func.max(column)).where(column.startswith(prefix)))
    return int(last[len(prefix):]) + 1 if last else 1
