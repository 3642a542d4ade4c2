"""Demo cash-for-work: workers, three months of labour, timesheets and payment batches.

A bounded number of sites per office (whose works have started) get a worker from their
household, sometimes a second registered one, and labour in the three months before the
current one (by the one clock): the first is paid, the second exported to finance, the last
partly in a draft batch, partly approved and waiting, submitted, returned with a reason, and
still in draft. The cost does
not grow with the size of the demo, so the 100,000-dwelling benchmark database stays fast.
Rows go in as bulk INSERTs, like the rest of the demo data.
"""

import random
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from shelter_app.data.models import (
    Dwelling,
    Household,
    LabourEntry,
    PaymentBatch,
    Timesheet,
    User,
    Worker,
)
from shelter_app.domain.cash_for_work import FULL, HALF, month_bounds, timesheet_period
from shelter_app.domain.clock import CALENDAR_ZONE
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn, make_ykn
from shelter_app.domain.lease import add_months
from shelter_app.domain.stages import (
    ApprovalStatus,
    BatchStatus,
    PaymentMethod,
    ProtectionStatus,
    Role,
    Stage,
)
from shelter_app.domain.textfold import fold
from shelter_app.demo.boq import DemoDwelling
from shelter_app.services.labour.payments import batch_total
from shelter_app.services.cases.references import format_ref

SITES_PER_OFFICE = 6
MONTHS = 3  # the months before the current one: paid, exported, draft
BATCH_STATUS = (BatchStatus.PAID, BatchStatus.EXPORTED, BatchStatus.DRAFT)
WORKING = {Stage.WORKS_IN_PROGRESS, Stage.COMPLETED, Stage.MONITORED}
TASKS = ("Dış cephe yalıtımı", "Sıva tamiri", "Astar ve boya", "Pencere söküm ve takma",
         "Moloz temizliği", "İskele kurulumu", "Kapı montajı", "Çatı aktarma")
RETURN_REASONS = ("Perşembe günü işçi sahada görülmedi; kaydı düzeltin.",
                  "Görev açıklamaları eksik; her gün için yapılan işi yazın.")
PERMIT_REASON = "Çalışma izni yenileme başvurusu yapıldı; makbuz görüldü."


def add_demo_labour(session: Session, dwellings: Sequence[DemoDwelling], rng: random.Random,
                    now: datetime, person_name: Callable[[bool], str]) -> int:
    """Insert the demo's cash-for-work records; how many labour entries. `person_name(syrian)`
    makes a name as the demo's households have them."""
    picked: dict[uuid.UUID, list[DemoDwelling]] = defaultdict(list)
    for dwelling in dwellings:
        if dwelling[3] in WORKING and len(picked[dwelling[2]]) < SITES_PER_OFFICE:
            picked[dwelling[2]].append(dwelling)
    sites = [site for chosen in picked.values() for site in chosen]
    if not sites:
        return 0
    households = {row.id: row for row in session.execute(
        select(Dwelling.id, Dwelling.household_id, Household.ref, Household.protection_status)
        .join(Household, Household.id == Dwelling.household_id)
        .where(Dwelling.id.in_([site[0] for site in sites])))}
    staff = {(office, role): user for user, office, role in
             session.execute(select(User.id, User.office_id, User.role))}
    maker = _Maker(rng, staff, now, person_name)
    for dwelling_id, ref, office_id, _ in sites:
        if dwelling_id in households:
            maker.site(households[dwelling_id], ref, office_id)
    session.execute(insert(Worker), maker.workers)
    session.execute(insert(PaymentBatch), maker.batches)
    session.execute(insert(Timesheet), maker.timesheets)
    session.execute(insert(LabourEntry), maker.entries)
    table = PaymentBatch.__table__  # Core, like the inserts: demo data is not audited
    for batch in maker.batches:
        total = batch_total(session, batch["id"], batch["period"])
        session.execute(update(table).where(table.c.id == batch["id"]).values(total=total))
    return len(maker.entries)


class _Maker:
    def __init__(self, rng: random.Random, staff: dict[tuple[Any, Role], uuid.UUID],
                 now: datetime, person_name: Callable[[bool], str]) -> None:
        self.rng = rng
        self.staff = staff
        self.now = now
        this_month = now.astimezone(CALENDAR_ZONE).date().replace(day=1)
        self.months = [add_months(this_month, -back) for back in range(MONTHS, 0, -1)]
        self.person_name = person_name
        self.workers: list[dict[str, Any]] = []
        self.entries: list[dict[str, Any]] = []
        self.timesheets: list[dict[str, Any]] = []
        self.batches: list[dict[str, Any]] = []
        self._batch_ids: dict[tuple[str, date], uuid.UUID] = {}
        self._numbers: dict[str, int] = defaultdict(int)

    def _worker(self, household: Any, code: str, engineer: uuid.UUID | None) -> dict[str, Any]:
        rng = self.rng
        syrian = household.protection_status is ProtectionStatus.TEMPORARY
        digits = "".join(str(rng.randrange(10)) for _ in range(9))
        expired = syrian and rng.random() < 0.2
        ptt = rng.random() < 0.3
        self._numbers[code] += 1
        name = self.person_name(syrian)
        return {
            "id": uuid.uuid4(), "ref": format_ref(code, "worker", self._numbers[code]),
            "household_id": household.household_id, "full_name": name,
            "id_number": make_ykn(digits[:7]) if syrian else make_tckn(f"{rng.randint(1, 8)}"
                                                                       f"{digits[:8]}"),
            "birth_date": date(rng.randint(1968, 2004), rng.randint(1, 12), rng.randint(1, 28)),
            "work_permit_number": f"WP-{digits}" if syrian else None,
            "work_permit_expiry": (self.months[1] + timedelta(days=14) if expired
                                   else add_months(self.months[-1], 8)) if syrian else None,
            "payment_method": PaymentMethod.PTT if ptt else PaymentMethod.IBAN,
            "iban": None if ptt else make_tr_iban("00012", digits.ljust(16, "0")),
            "skills": rng.sample(["painting", "plastering", "insulation", "general labour"], 2),
            "extra": {}, "search_key": fold(name), "created_at": self.now - timedelta(days=120),
            "created_by": engineer,
        }

    def site(self, household: Any, ref: str, office_id: uuid.UUID) -> None:
        code = ref.split("-")[0]
        engineer = self.staff.get((office_id, Role.ENGINEER))
        supervisor = self.staff.get((office_id, Role.SUPERVISOR))
        worker = self._worker(household, code, engineer)
        self.workers.append(worker)
        if self.rng.random() < 0.35:  # a second member registered, not working this term
            self.workers.append(self._worker(household, code, engineer))
        parts: dict[tuple[date, date], list[dict[str, Any]]] = defaultdict(list)
        for month in self.months:
            first, last = month_bounds(month)
            open_days = [first + timedelta(days=n) for n in range((last - first).days + 1)
                         if (first + timedelta(days=n)).weekday() < 6]
            for day in sorted(self.rng.sample(open_days, self.rng.randint(10, 18))):
                permit = worker["work_permit_expiry"]
                parts[timesheet_period(day)].append({
                    "id": uuid.uuid4(), "worker_id": worker["id"], "dwelling_id": household.id,
                    "work_date": day, "portion": HALF if self.rng.random() < 0.15 else FULL,
                    "task": self.rng.choice(TASKS),
                    "override_reason": PERMIT_REASON if permit and permit < day else None,
                    "created_at": datetime.combine(day, time(16), UTC), "created_by": engineer})
        for number, (period, entries) in enumerate(sorted(parts.items()), start=1):
            status, batched = self._status(period[0])
            timesheet_id = uuid.uuid4()
            submitted = datetime.combine(period[1] + timedelta(days=1), time(10), UTC)
            decided = submitted + timedelta(days=2) if status in (
                ApprovalStatus.APPROVED, ApprovalStatus.RETURNED) else None
            self.timesheets.append({
                "id": timesheet_id, "ref": f"{ref}-T{number:02d}", "dwelling_id": household.id,
                "period_start": period[0], "period_end": period[1], "status": status,
                "submitted_at": submitted if status is not ApprovalStatus.DRAFT else None,
                "submitted_by": engineer if status is not ApprovalStatus.DRAFT else None,
                "decided_at": decided, "decided_by": supervisor if decided else None,
                "return_reason": self.rng.choice(RETURN_REASONS)
                if status is ApprovalStatus.RETURNED else None,
                "payment_batch_id": self._batch(code, period[0], supervisor) if batched else None,
                "created_at": submitted - timedelta(days=7), "created_by": engineer})
            for entry in entries:
                entry["timesheet_id"] = timesheet_id
                self.entries.append(entry)

    def _status(self, start: date) -> tuple[ApprovalStatus, bool]:
        """The status of a timesheet starting on `start`, and whether it is in a batch."""
        if start.month in (8, 9):
            return ApprovalStatus.APPROVED, True
        week = (start.day - 1 + start.replace(day=1).weekday()) // 7 + 1  # October: 1..5
        if week <= 2:
            return ApprovalStatus.APPROVED, True  # the draft batch
        if week == 3:
            return ApprovalStatus.APPROVED, False  # waits for the next batch
        if week == 4:
            return (ApprovalStatus.RETURNED if self.rng.random() < 0.35
                    else ApprovalStatus.SUBMITTED), False
        return ApprovalStatus.DRAFT, False

    def _batch(self, code: str, start: date, supervisor: uuid.UUID | None) -> uuid.UUID:
        month = start.replace(day=1)
        key = (code, month)
        if key not in self._batch_ids:
            status = BATCH_STATUS[self.months.index(month)]
            built = min(self.now, datetime.combine(month_bounds(month)[1] + timedelta(days=3),
                                                   time(9), UTC))
            self._batch_ids[key] = uuid.uuid4()
            self.batches.append({
                "id": self._batch_ids[key], "ref": f"{code}-P-{month:%Y%m}-1",
                "period": f"{month:%Y-%m}", "status": status, "total": Decimal("0.00"),
                "paid_at": built + timedelta(days=5) if status is BatchStatus.PAID else None,
                "created_at": built, "created_by": supervisor})
        return self._batch_ids[key]
