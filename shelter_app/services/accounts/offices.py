"""The programme's offices: each has a code (GAZ) that starts every reference it issues."""

from dataclasses import dataclass

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Office
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor, require


@dataclass(frozen=True, slots=True)
class OfficeRow:
    code: str
    name: str
    province: str


def list_offices(db: Database, actor: Actor) -> list[OfficeRow]:
    """Every office, by code (an office's users see the others' names too: references carry
    their codes)."""
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        return [OfficeRow(*row) for row in session.execute(
            select(Office.code, Office.name, Office.province)
            .where(Office.deleted_at.is_(None)).order_by(Office.code))]
