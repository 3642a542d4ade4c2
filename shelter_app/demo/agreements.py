"""Demo landlord agreements at every stage, with their monitoring visits.

The status follows the case: a dwelling whose BoQ is approved has no agreement yet, a draft or
a printed one; "agreement signed" has a signed one; later stages have active agreements, some
ending within 60 days of the demo's day, some with a monitoring visit overdue; monitored cases
also have ended (a few renewed), terminated and breached ones. Signed agreements share one
generated scan. Rows go in as bulk INSERTs, like the rest of the demo data.
"""

import hashlib
import random
import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Landlord,
    LeaseAgreement,
    MonitoringVisit,
    Office,
)
from shelter_app.domain.clock import CALENDAR_ZONE
from shelter_app.domain.i18n import format_money_tr
from shelter_app.domain.lease import (
    add_months,
    agreement_number,
    monitoring_due_dates,
    term_end,
)
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, Stage
from shelter_app.services.agreements.agreements import default_court
from shelter_app.demo.boq import DemoDwelling
from shelter_app.services.files import SCAN, has_stored, store

S = AgreementStatus
CHUNK = 5_000
FIXTURES = ("Kombi, mutfak dolabı", "Kombi, 2 adet klima, mutfak tezgahı", "Soba, mutfak dolabı",
            "Kombi, banyo dolabı, gardırop", None)
UTILITIES = (None, None, "Tüketim giderleri kiracıya, bina aidatı kiraya verene aittir")
TERMINATED = ("Hane başka bir ile taşındı; sözleşme karşılıklı rızayla sona erdirildi.",
              "Kiraya veren taşınmazı sattı; yeni malikle görüşülüyor.")
BREACHED = "İzleme ziyaretinde bulundu: kira {agreed} yerine {paid} ödeniyor."
RAISE = Decimal("1500.00")  # what the landlord of a breached demo agreement asks for more


def demo_scan() -> bytes:
    """A small PNG standing in for the scan of a signed agreement."""
    from PIL import Image, ImageDraw

    page = Image.new("L", (420, 594), 250)
    draw = ImageDraw.Draw(page)
    for line in range(24):
        draw.line((40, 60 + line * 18, 380 - (line % 3) * 40, 60 + line * 18), fill=150)
    for x in (60, 190, 320):
        draw.arc((x, 520, x + 70, 560), 200, 340, fill=30, width=2)
    out = BytesIO()
    page.save(out, "PNG", optimize=True)
    return out.getvalue()


def store_demo_scan(db: Database) -> None:
    data = demo_scan()
    sha = hashlib.sha256(data).hexdigest()
    if not has_stored(db, SCAN, sha):
        store(db, SCAN, sha, data)


def add_demo_agreements(session: Session, dwellings: Sequence[DemoDwelling],
                        rng: random.Random, now: datetime) -> int:
    """Insert agreements and visits for `dwellings` whose BoQ is approved; how many agreements."""
    today = now.astimezone(CALENDAR_ZONE).date()
    first = list(Stage).index(Stage.BOQ_APPROVED)
    wanted = {dwelling_id: stage for dwelling_id, _, _, stage in dwellings
              if list(Stage).index(stage) >= first}
    if not wanted:
        return 0
    scan = hashlib.sha256(demo_scan()).hexdigest()
    boqs = dict(session.execute(select(BoQ.dwelling_id, BoQ.id)
                                .where(BoQ.status == ApprovalStatus.APPROVED)
                                .order_by(BoQ.dwelling_id, BoQ.revision)).all())
    facts = session.execute(
        select(Dwelling.id, Office.code, Dwelling.office_id, Dwelling.household_id,
               Dwelling.landlord_id, Dwelling.province, Landlord.iban)
        .join(Office, Office.id == Dwelling.office_id)
        .join(Landlord, Landlord.id == Dwelling.landlord_id)
        .where(Dwelling.stage.in_(set(wanted.values()))).order_by(Dwelling.ref)).all()
    maker = _Maker(rng, today, scan)
    for dwelling_id, code, office_id, household_id, landlord_id, province, iban in facts:
        if dwelling_id not in wanted or dwelling_id not in boqs or household_id is None:
            continue
        base = {"dwelling_id": dwelling_id, "office_id": office_id, "household_id": household_id,
                "landlord_id": landlord_id, "boq_id": boqs[dwelling_id], "payment_iban": iban,
                "court": default_court(province)}
        maker.case(code, wanted[dwelling_id], base)
        if len(maker.agreements) >= CHUNK:
            maker.flush(session)
    return maker.flush(session)


class _Maker:
    def __init__(self, rng: random.Random, today: date, scan: str) -> None:
        self.rng, self.today, self.scan = rng, today, scan
        self.sequences: dict[tuple[str, int], int] = defaultdict(int)
        self.turns: dict[Stage, int] = defaultdict(int)
        self.agreements: list[dict[str, Any]] = []
        self.visits: list[dict[str, Any]] = []
        self.count = 0

    def flush(self, session: Session) -> int:
        if self.agreements:
            session.execute(LeaseAgreement.__table__.insert(), self.agreements)
        if self.visits:  # Core inserts: the ORM's bulk path took twice as long
            session.execute(MonitoringVisit.__table__.insert(), self.visits)
        self.count += len(self.agreements)
        self.agreements.clear()
        self.visits.clear()
        return self.count

    def case(self, code: str, stage: Stage, base: dict[str, Any]) -> None:
        """Each stage's outcomes in turn, so that even a small demo has every status."""
        turn = self.turns[stage]
        self.turns[stage] += 1
        if stage is Stage.BOQ_APPROVED:
            outcome = (None, S.DRAFT, None, S.PRINTED)[turn % 4]
            if outcome is not None:
                self.add(code, base, outcome, days_ago=(3, 20))
        elif stage is Stage.AGREEMENT_SIGNED:
            self.add(code, base, S.SIGNED, days_ago=(8, 30))
        elif stage is not Stage.MONITORED or turn % 6 in (0, 3):
            self.add(code, base, S.ACTIVE, days_ago=(40, 330))
        elif turn % 6 == 1:  # renewed: the first term ended, the renewal runs
            old = self.add(code, base, S.ENDED, days_ago=(380, 420), term=12)
            self.add(code, base, S.ACTIVE, start=old["end_date"] + timedelta(days=1),
                     renewal_of=old)
        else:
            status = {2: S.TERMINATED, 4: S.BREACHED, 5: S.ENDED}[turn % 6]
            self.add(code, base, status, days_ago=(400, 700) if status is S.ENDED
                     else (90, 300), term=12 if status is S.ENDED else None)

    def add(self, code: str, base: dict[str, Any], status: AgreementStatus, *,
            days_ago: tuple[int, int] = (30, 60), term: int | None = None,
            start: date | None = None, renewal_of: dict[str, Any] | None = None
            ) -> dict[str, Any]:
        rng = self.rng
        term = term or rng.choice((12, 12, 18, 24))
        if start is None:
            start = self.today - timedelta(days=rng.randint(*days_ago))
            if status in (S.DRAFT, S.PRINTED, S.SIGNED):
                start = self.today + timedelta(days=rng.randint(3, 25))
            elif status is S.ACTIVE and rng.random() < 0.15:  # ends within 60 days
                term = 12
                start = add_months(self.today + timedelta(days=rng.randint(5, 55)), -term) \
                    + timedelta(days=1)
        created = min(start, self.today) - timedelta(days=rng.randint(5, 15))
        self.sequences[(code, created.year)] += 1
        sequence = self.sequences[(code, created.year)]
        rent = Decimal(rng.randrange(3000, 12001, 250))
        end = term_end(start, term)
        signed = status not in (S.DRAFT, S.PRINTED)
        row = dict(base, id=uuid.uuid4(),
                   number=agreement_number(code, created.year, sequence),
                   renewal_of_id=renewal_of["id"] if renewal_of else None, status=status,
                   term_months=term, start_date=start, end_date=end, monthly_rent=rent,
                   rent_free_months=rng.choice((0, 0, 0, 1, 2)),
                   deposit=rent * rng.choice((0, 1, 2)), payment_day=rng.choice((1, 5, 10)),
                   fixtures=rng.choice(FIXTURES), utilities=rng.choice(UTILITIES),
                   title_deed_block=str(rng.randint(100, 9999)),
                   title_deed_parcel=str(rng.randint(1, 99)),
                   languages=rng.choice(("tr+ar", "tr+ar", "tr+ar", "tr+en")),
                   signed_on=created + timedelta(days=3) if signed else None,
                   signed_scan_sha256=self.scan if signed else None,
                   end_reason=self._reason(status, rent),
                   created_at=_moment(created), updated_at=_moment(created))
        self.agreements.append(row)
        if status in (S.ACTIVE, S.ENDED, S.TERMINATED, S.BREACHED):
            self._visits(row)
        return row

    def _reason(self, status: AgreementStatus, rent: Decimal) -> str | None:
        if status is S.TERMINATED:
            return self.rng.choice(TERMINATED)
        if status is S.BREACHED:
            return BREACHED.format(agreed=format_money_tr(rent),
                                   paid=format_money_tr(rent + RAISE))
        return None

    def _visits(self, agreement: dict[str, Any]) -> None:
        """Visits every three months: the past ones made (the latest sometimes not yet)."""
        due = monitoring_due_dates(agreement["start_date"], agreement["end_date"], 3)
        past = [day for day in due if day < self.today]
        skip_last = agreement["status"] is S.ACTIVE and self.rng.random() < 0.3
        breached = agreement["status"] is S.BREACHED
        for number, day in enumerate(due):
            made = day in past and not (skip_last and day == past[-1])
            raised = breached and made and day == past[-1]
            self.visits.append({
                "id": uuid.uuid4(), "agreement_id": agreement["id"], "due_on": day,
                "visited_on": day + timedelta(days=self.rng.randint(0, 6)) if made else None,
                "rent_paid": (agreement["monthly_rent"] + (RAISE if raised else 0))
                if made else None,
                "household_present": True if made else None,
                "notes": "Kira artırılmış; dekont görüldü." if raised else None,
                "created_at": _moment(agreement["start_date"]),
                "updated_at": _moment(day if made else agreement["start_date"]),
            })
            if agreement["status"] is not S.ACTIVE and number >= len(past) - 1:
                break


def _moment(day: date) -> datetime:
    return datetime.combine(day, time(9), UTC)
