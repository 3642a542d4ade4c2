"""Demo bills of quantity: a priced BoQ for every demo dwelling that has reached the BoQ stage.

Statuses follow the case: a dwelling at "BoQ drafted" has a draft, submitted or returned BoQ;
one at a later stage has an approved one, some after a revision (revision 1 approved, then
reopened and approved again as revision 2). Rows go in as bulk INSERTs, like the rest of the
demo data.
"""

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from shelter_app.data.models import BoQ, BoQLine, PriceItem, User
from shelter_app.domain.stages import ApprovalStatus, Role, Stage
from shelter_app.services.boq.boq import boq_ref
from shelter_app.services.boq.catalogue import seed_catalogue

CHUNK = 5_000
# (lowest, highest) plausible quantity per unit for one dwelling
QUANTITIES = {"m²": (6, 55), "m³": (1, 6), "m": (3, 24), "adet": (1, 4), "götürü": (1, 1)}
RETURN_REASONS = (
    "Pencere ölçüleri yerinde tekrar alınmalı; miktarlar fazla görünüyor.",
    "Dış cephe yalıtımı için iskele kalemi eksik.",
    "Çatı akıntı tamiri metrajı fotoğraflarla uyuşmuyor, kontrol ediniz.",
)
DemoDwelling = tuple[uuid.UUID, str, uuid.UUID, Stage]


def add_demo_boqs(session: Session, dwellings: Sequence[DemoDwelling],
                  rng: random.Random, now: datetime) -> int:
    """Insert BoQs and lines for `dwellings` at stage BoQ drafted or later; how many BoQs."""
    catalogue_id = seed_catalogue(session)
    items = session.scalars(select(PriceItem).where(PriceItem.catalogue_id == catalogue_id,
                                                    PriceItem.withdrawn.is_(False))).all()
    staff: dict[tuple[uuid.UUID | None, Role], uuid.UUID] = {
        (office, role): user for user, office, role in
        session.execute(select(User.id, User.office_id, User.role))}
    first = list(Stage).index(Stage.BOQ_DRAFTED)
    boqs: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    count = 0
    for dwelling_id, ref, office_id, stage in dwellings:
        if list(Stage).index(stage) < first:
            continue
        engineer = staff.get((office_id, Role.ENGINEER))
        supervisor = staff.get((office_id, Role.SUPERVISOR))
        created = now - timedelta(days=rng.randint(20, 400))
        revisions = 2 if stage is not Stage.BOQ_DRAFTED and rng.random() < 0.1 else 1
        previous = None
        chosen = [(item, _quantity(rng, item.unit))
                  for item in rng.sample(items, rng.randint(3, 7))]
        for revision in range(1, revisions + 1):
            if stage is Stage.BOQ_DRAFTED:
                status = rng.choice((ApprovalStatus.DRAFT, ApprovalStatus.DRAFT,
                                     ApprovalStatus.SUBMITTED, ApprovalStatus.RETURNED))
            else:
                status = ApprovalStatus.APPROVED
            boq_id = uuid.uuid4()
            decided = created + timedelta(days=rng.randint(1, 10))
            boqs.append({
                "id": boq_id, "ref": boq_ref(ref, revision), "dwelling_id": dwelling_id,
                "revision": revision, "previous_id": previous, "catalogue_id": catalogue_id,
                "status": status, "contingency_pct": Decimal(rng.choice((0, 5, 5, 10))),
                "created_at": created, "updated_at": decided, "created_by": engineer,
                "submitted_at": created + timedelta(days=1)
                if status is not ApprovalStatus.DRAFT else None,
                "decided_at": decided if status in (ApprovalStatus.APPROVED,
                                                    ApprovalStatus.RETURNED) else None,
                "decided_by": supervisor if status in (ApprovalStatus.APPROVED,
                                                       ApprovalStatus.RETURNED) else None,
                "return_reason": rng.choice(RETURN_REASONS)
                if status is ApprovalStatus.RETURNED else None,
            })
            if revision == 2:  # the revision changed a quantity and added a line
                item, _ = chosen[0]
                added = rng.choice(items)
                chosen = [(item, _quantity(rng, item.unit)), *chosen[1:],
                          (added, _quantity(rng, added.unit))]
            for position, (item, quantity) in enumerate(chosen, start=1):
                lines.append({
                    "id": uuid.uuid4(), "boq_id": boq_id, "price_item_id": item.id,
                    "position": position, "code": item.code, "category": item.category,
                    "description": item.description_tr, "unit": item.unit,
                    "quantity": quantity, "unit_price": item.unit_price,
                    "kdv_rate": item.kdv_rate, "created_at": created, "updated_at": created,
                    "created_by": engineer,
                })
            previous = boq_id
            created = decided + timedelta(days=rng.randint(5, 30))
            count += 1
        if len(boqs) >= CHUNK:
            _flush(session, boqs, lines)
    _flush(session, boqs, lines)
    return count


def _quantity(rng: random.Random, unit: str) -> Decimal:
    low, high = QUANTITIES.get(unit, (1, 10))
    if unit == "adet" or high == low:
        return Decimal(rng.randint(low, high))
    return Decimal(rng.randint(low * 100, high * 100)) / 100


def _flush(session: Session, boqs: list[dict[str, Any]], lines: list[dict[str, Any]]) -> None:
    if boqs:
        session.execute(insert(BoQ), boqs)
        session.execute(insert(BoQLine), lines)
    boqs.clear()
    lines.clear()
