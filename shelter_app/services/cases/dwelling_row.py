"""One line of the dwellings list and its orders, apart from the query that reads it: the start
of the app shows a first page read before SQLAlchemy has loaded (services/cases/first_page.py)."""

import uuid
from dataclasses import dataclass
from enum import StrEnum

from shelter_app.domain.stages import Stage


class SortKey(StrEnum):
    REF = "ref"
    STAGE = "stage"
    PROVINCE = "province"
    HOUSEHOLD = "household"
    LANDLORD = "landlord"


@dataclass(frozen=True, slots=True)
class DwellingRow:
    """One line of the dwellings list."""

    id: uuid.UUID
    ref: str
    stage: Stage
    province: str
    district: str
    household: str | None
    landlord: str | None
