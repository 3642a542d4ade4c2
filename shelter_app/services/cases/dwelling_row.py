"""One line of the dwellings list, apart from the query that reads it: the start of the app
makes these from a first page read before SQLAlchemy has loaded (services/cases/first_page.py)."""

import uuid
from dataclasses import dataclass

from shelter_app.domain.stages import Stage


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
