"""The programme report's figures equal the sums of the records they count (SQLite and
PostgreSQL): on the demo programme, recomputed here record by record in Python, and on records
built for the edges (rounding, revisions, deleted rows, a rate change, office and period)."""

import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import factories
import labour_factories as lf
import pytest
from sqlalchemy import func, select

from shelter_app.data import totals
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    LabourEntry,
    LeaseAgreement,
    MonitoringVisit,
    Office,
    PaymentBatch,
    Setting,
    Worker,
)
from shelter_app.domain import clock
from shelter_app.domain.boq import Category, PricedLine, compute_totals
from shelter_app.domain.errors import NotFound, PermissionDenied, ValidationError
from shelter_app.domain.household import MEMBER_KEYS
from shelter_app.domain.money import round_money
from shelter_app.domain.stages import (
    AgreementStatus,
    ApprovalStatus,
    BatchStatus,
    PaymentMethod,
    Stage,
)
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.accounts.settings import setting
from shelter_app.services.reports.cases import Bar, bar_cases
from shelter_app.services.reports.figures import AGREEMENT_KINDS, programme_report
from shelter_app.services.reports.scope import STARTED, agreement_kinds


def _expected(db: Database) -> dict[str, object]:
    """Every figure, from the records one by one."""
    today = clock.today()
    with db.read() as session:
        offices = {o.id: o.code for o in session.scalars(select(Office))}
        dwellings = [d for d in session.scalars(select(Dwelling)) if d.deleted_at is None]
        office_of = {d.id: d.office_id for d in dwellings}
        stages: dict[str, Counter[Stage]] = {code: Counter() for code in offices.values()}
        for d in dwellings:
            stages[offices[d.office_id]][d.stage] += 1
        approved: dict[str, Decimal] = defaultdict(Decimal)
        boqs = [b for b in session.scalars(select(BoQ)) if b.deleted_at is None
                and b.status is ApprovalStatus.APPROVED and b.dwelling_id in office_of]
        newest: dict[uuid.UUID, BoQ] = {}
        for boq in boqs:
            if boq.dwelling_id not in newest or newest[boq.dwelling_id].revision < boq.revision:
                newest[boq.dwelling_id] = boq
        for boq in newest.values():
            lines = [PricedLine(Category(line.category), line.quantity, line.unit_price,
                                line.kdv_rate) for line in session.scalars(
                select(BoQLine).where(BoQLine.boq_id == boq.id)) if line.deleted_at is None]
            approved[offices[office_of[boq.dwelling_id]]] += compute_totals(
                lines, boq.contingency_pct).gross
        paid: dict[str, Decimal] = defaultdict(Decimal)
        for batch in session.scalars(select(PaymentBatch)):
            if batch.status is BatchStatus.PAID and batch.deleted_at is None:
                paid[batch.ref.split("-")[0]] += batch.total
        days: dict[date, Decimal] = defaultdict(Decimal)
        by_rate: dict[tuple[date, Decimal], Decimal] = defaultdict(Decimal)
        for entry in session.scalars(select(LabourEntry)):
            if entry.deleted_at is None:
                month = entry.work_date.replace(day=1)
                rate = Decimal(str(setting(session, "cfw.daily_rate", on=entry.work_date,
                                           office_id=office_of[entry.dwelling_id])))
                days[month] += entry.portion
                by_rate[month, rate] += entry.portion
        pay: dict[date, Decimal] = defaultdict(Decimal)
        for (month, rate), amount in by_rate.items():
            pay[month] += round_money(amount * rate)
        agreements: dict[str, Counter[str]] = {code: Counter() for code in offices.values()}
        late = {v.agreement_id for v in session.scalars(select(MonitoringVisit))
                if v.deleted_at is None and v.visited_on is None and v.due_on < today}
        for a in session.scalars(select(LeaseAgreement)):
            if a.deleted_at is not None:
                continue
            counts = agreements[offices[a.office_id]]
            active = a.status is AgreementStatus.ACTIVE
            counts["active"] += active
            counts["ending_soon"] += active and 0 <= (a.end_date - today).days <= 60
            counts["visits_overdue"] += active and a.id in late
            counts["breached"] += a.status is AgreementStatus.BREACHED
        reached_ids = {a.household_id for a in session.scalars(select(LeaseAgreement))
                       if a.deleted_at is None and a.signed_on is not None}
        households = [h for h in session.scalars(select(Household))
                      if h.id in reached_ids and h.deleted_at is None]
        members = {key: sum(h.members.get(key, 0) for h in households) for key in MEMBER_KEYS}
        nationalities: Counter[str] = Counter(h.nationality for h in households)
        disabled = [h for h in households if "disability" in h.vulnerabilities]
        return {
            "stages": {code: dict(counter) for code, counter in stages.items()},
            "approved": dict(approved), "paid": dict(paid),
            "labour": [(m, days[m], pay[m]) for m in sorted(days)],
            "agreements": {code: dict(c) for code, c in agreements.items()},
            "households": len(households), "people": sum(h.size for h in households),
            "members": members, "nationalities": dict(nationalities),
            "disability": (len(disabled), sum(h.size for h in disabled)),
        }


def _figures(db: Database, **scope: object) -> dict[str, object]:
    report = programme_report(db, SYSTEM, **scope)  # type: ignore[arg-type]
    return {
        "stages": report.stages,
        "approved": {m.code: m.approved for m in report.money if m.approved},
        "paid": {m.code: m.paid for m in report.money if m.paid},
        "labour": [(m.month, m.days, m.pay) for m in report.labour],
        "agreements": {a.code: {k: a.of(k) for k in ("active", "ending_soon", "visits_overdue",
                                                       "breached") if a.of(k)}
                       for a in report.agreements},
        "households": report.reach.households, "people": report.reach.people,
        "members": report.reach.members,
        "nationalities": {g.key: g.households for g in report.reach.nationalities},
        "disability": (report.reach.disability.households, report.reach.disability.people),
    }


def test_every_figure_of_the_demo_programme_equals_the_sum_of_its_records(demo_db: Database
                                                                          ) -> None:
    expected = _expected(demo_db)
    expected["agreements"] = {code: {k: n for k, n in counts.items() if n}  # type: ignore
                              for code, counts in expected["agreements"].items()}  # type: ignore
    found = _figures(demo_db)
    assert found == expected
    # every chart has something to show in every office
    assert all(len(counts) >= 5 for counts in found["stages"].values())  # type: ignore
    assert len(found["approved"]) == len(found["paid"]) == 6  # type: ignore
    assert len(found["labour"]) >= 2 and found["households"] > 0  # type: ignore
    assert found["disability"][0] > 0  # type: ignore


def _boq(db: Database, dwelling: Dwelling, revision: int, lines: list[tuple[str, str, str]],
         status: ApprovalStatus = ApprovalStatus.APPROVED, contingency: str = "5",
         decided: datetime = datetime(2026, 10, 10, 9, tzinfo=UTC)) -> None:
    with db.write() as session:
        catalogue = session.scalar(select(BoQ.catalogue_id).limit(1))
        if catalogue is None:
            from shelter_app.data.models import PriceCatalogue
            found = PriceCatalogue(label=f"C{uuid.uuid4().hex[:6]}", valid_from=date(2026, 1, 1))
            session.add(found)
            session.flush()
            catalogue = found.id
        boq = BoQ(ref=f"{dwelling.ref}-B{revision}", dwelling_id=dwelling.id, revision=revision,
                  catalogue_id=catalogue, status=status, contingency_pct=Decimal(contingency),
                  decided_at=decided)
        session.add(boq)
        session.flush()
        for n, (quantity, price, kdv) in enumerate(lines):
            session.add(BoQLine(boq_id=boq.id, position=n, code=f"X{n}", category="other",
                                description="iş", unit="m²", quantity=Decimal(quantity),
                                unit_price=Decimal(price), kdv_rate=Decimal(kdv)))


def _days(db: Database, site: Dwelling, household_id: uuid.UUID,
          days: list[tuple[date, str]]) -> None:
    with db.write() as session:
        worker = Worker(ref=f"W-{uuid.uuid4().hex[:8]}", household_id=household_id,
                        full_name="İşçi", id_number="12345678950", birth_date=date(1990, 1, 1),
                        payment_method=PaymentMethod.PTT)
        session.add(worker)
        session.flush()
        for day, portion in days:
            session.add(LabourEntry(worker_id=worker.id, dwelling_id=site.id, work_date=day,
                                    portion=Decimal(portion)))


def _signed(db: Database, site: Dwelling, day: date, **fields: object) -> None:
    """An agreement of `site` signed on `day` (its household is reached from then)."""
    with db.write() as session:
        session.add(LeaseAgreement(
            number=f"A-{uuid.uuid4().hex[:8]}", office_id=site.office_id, dwelling_id=site.id,
            landlord_id=site.landlord_id, household_id=site.household_id,
            status=AgreementStatus.SIGNED, term_months=12, start_date=day,
            end_date=date(day.year + 1, day.month, 1), monthly_rent=Decimal("5000.00"),
            signed_on=day, **fields))


def test_edges_rounding_revisions_deleted_rows_rates_office_and_period(db: Database) -> None:
    gaz, mer = factories.office(db, "GAZ"), factories.office(db, "MER", province="Mersin")
    a = factories.dwelling(db, gaz, stage=Stage.WORKS_IN_PROGRESS)
    b = factories.dwelling(db, gaz, stage=Stage.BOQ_APPROVED)
    c = factories.dwelling(db, mer, stage=Stage.MONITORED)
    gone = factories.dwelling(db, gaz, stage=Stage.COMPLETED,
                              deleted_at=datetime(2026, 11, 1, tzinfo=UTC))
    # half kuruş everywhere: 1.005 m² x 10.01 = 10.06005 -> 10.06; 0.333 x 1.5 = 0.4995 -> 0.50
    tricky = [("1.005", "10.01", "20"), ("0.333", "1.50", "20"), ("2.5", "3.33", "10")]
    _boq(db, a, 1, [("100", "1000.00", "20")])  # replaced by revision 2, also approved
    _boq(db, a, 2, tricky)
    _boq(db, a, 3, [("5", "5.00", "20")], status=ApprovalStatus.DRAFT)  # a draft counts not
    _boq(db, b, 1, [("3", "7.77", "20")], decided=datetime(2026, 11, 20, 9, tzinfo=UTC))
    _boq(db, c, 1, [("1", "100.00", "20")], contingency="0")
    _boq(db, gone, 1, [("1", "999.00", "20")])
    expected_a = compute_totals([PricedLine(Category.OTHER, Decimal(q), Decimal(p), Decimal(r))
                                 for q, p, r in tricky], Decimal(5)).gross
    expected_b = compute_totals([PricedLine(Category.OTHER, Decimal(3), Decimal("7.77"),
                                            Decimal(20))], Decimal(5)).gross
    with db.write() as session:
        household_a = session.get(Dwelling, a.id).household_id  # type: ignore[union-attr]
        household_c = session.get(Dwelling, c.id).household_id  # type: ignore[union-attr]
        session.add(Setting(key="cfw.daily_rate", value="1200.00", valid_from=date(2026, 10, 15),
                            office_id=gaz.id))
        session.add_all([
            PaymentBatch(ref="GAZ-P-202610-1", period="2026-10", status=BatchStatus.PAID,
                         total=Decimal("1234.50")),
            PaymentBatch(ref="GAZ-P-202611-1", period="2026-11", status=BatchStatus.PAID,
                         total=Decimal("100.00")),
            PaymentBatch(ref="MER-P-202610-1", period="2026-10", status=BatchStatus.EXPORTED,
                         total=Decimal("999.00"))])
        household = session.get(Household, household_c)
        assert household is not None
        household.vulnerabilities = ["disability"]
        household.members = {"female_0_17": 2, "male_60_plus": 1}
        household.nationality = "Suriye"
    _days(db, a, household_a, [(date(2026, 10, 14), "0.5"), (date(2026, 10, 15), "1.0"),
                               (date(2026, 10, 16), "0.5"), (date(2026, 11, 2), "1.0")])
    _days(db, c, household_c, [(date(2026, 10, 1), "1.0")])
    _signed(db, a, date(2026, 9, 1))
    _signed(db, c, date(2026, 11, 5))
    _signed(db, c, date(2026, 12, 1))  # a renewal: c was reached at its first signing
    _signed(db, b, date(2026, 11, 6), deleted_at=datetime(2026, 11, 7, tzinfo=UTC))

    report = programme_report(db, SYSTEM)
    money = {m.code: m for m in report.money}
    assert money["GAZ"].approved == expected_a + expected_b
    assert money["MER"].approved == Decimal("120.00")
    assert (money["GAZ"].paid, money["MER"].paid) == (Decimal("1334.50"), Decimal("0.00"))
    october = report.labour[0]
    # GAZ: 0.5 day at the default rate, 1.5 days at 1,200.00 from the 15th; MER: 1 day default
    assert october.days == Decimal("3.0")
    assert october.pay == round_money(Decimal("1.5") * Decimal("1101.00")) + Decimal("1800.00")
    assert report.stages["GAZ"] == {Stage.WORKS_IN_PROGRESS: 1, Stage.BOQ_APPROVED: 1}
    assert (report.reach.households, report.reach.people) == (2, 4)
    assert report.reach.members["female_0_17"] == 2
    assert (report.reach.disability.households, report.reach.disability.people) == (1, 3)
    assert report.cases == 3

    mer_only = programme_report(db, SYSTEM, "mer")
    assert [m.code for m in mer_only.money] == ["MER"] and mer_only.cases == 1
    assert [(m.month, m.days) for m in mer_only.labour] == [(date(2026, 10, 1), Decimal("1.0"))]
    november = programme_report(db, SYSTEM, first=date(2026, 11, 1), last=date(2026, 11, 30))
    assert {m.code: m.approved for m in november.money}["GAZ"] == expected_b
    assert {m.code: m.paid for m in november.money}["GAZ"] == Decimal("100.00")
    assert [m.days for m in november.labour] == [Decimal("1.0")]
    assert (november.reach.households, november.reach.people) == (1, 3)
    assert programme_report(db, SYSTEM, first=date(2026, 12, 1)).reach.households == 0

    assert [r.ref for r in bar_cases(db, SYSTEM, Bar("stages", "GAZ", "boq_approved"))] \
        == [b.ref]
    assert [r.ref for r in bar_cases(db, SYSTEM, Bar("money", "GAZ"))] == [a.ref, b.ref]
    assert [r.ref for r in bar_cases(db, SYSTEM, Bar("labour", None, "2026-10"))] \
        == [a.ref, c.ref]
    assert [r.ref for r in bar_cases(db, SYSTEM, Bar("disability"))] == [c.ref]
    assert [r.ref for r in bar_cases(db, SYSTEM, Bar("nationality", None, "Suriye"))] == [c.ref]


def test_bad_scope_is_refused_with_the_field_named(db: Database) -> None:
    gaz = factories.office(db, "GAZ")
    factories.office(db, "MER", province="Mersin")
    with pytest.raises(NotFound) as unknown:
        programme_report(db, SYSTEM, "XYZ")
    assert unknown.value.field == "code" and "GAZ, MER" in unknown.value.message
    with pytest.raises(ValidationError) as backwards:
        programme_report(db, SYSTEM, first=date(2026, 11, 2), last=date(2026, 11, 1))
    assert backwards.value.field == "to"
    engineer = lf.user(db, gaz, "engineer.gaz", lf.Role.ENGINEER)
    with pytest.raises(PermissionDenied):
        programme_report(db, engineer, "MER")
    assert [m.code for m in programme_report(db, engineer).money] == ["GAZ"]


def test_agreements_counted_in_one_pass_equal_a_query_per_kind(demo_db: Database) -> None:
    """Active, ending soon and visits overdue are counts of one pass over the active
    agreements: the same as a count per kind of the agreements it names (how they were
    counted), today (read from the status) and on a day in the past (read from the dates)."""
    today = clock.today()
    for last in (None, today - timedelta(days=30)):
        report = programme_report(demo_db, SYSTEM, last=last)
        day = report.scope.as_of(today)
        kinds = agreement_kinds(day, report.ending_soon_days, today)
        with demo_db.read() as session:
            offices = dict(session.execute(select(Office.id, Office.code)).all())
            expected = {code: dict.fromkeys(AGREEMENT_KINDS, 0) for code in offices.values()}
            for kind in AGREEMENT_KINDS:
                for office_id, count in session.execute(
                        select(LeaseAgreement.office_id, func.count())
                        .where(LeaseAgreement.status.in_(STARTED),
                               LeaseAgreement.deleted_at.is_(None), kinds[kind])
                        .group_by(LeaseAgreement.office_id)):
                    expected[offices[office_id]][kind] = count
        found = {a.code: {kind: a.of(kind) for kind in AGREEMENT_KINDS}
                 for a in report.agreements}
        assert found == expected
        assert all(sum(counts[kind] for counts in found.values())
                   for kind in AGREEMENT_KINDS), (day, found)  # each kind counts some


def _agree(db: Database) -> None:
    """The kept totals equal their records, and so every figure equals the records' sums."""
    with db.read() as session:
        assert totals.stale(session) == []
    expected = _expected(db)
    expected["agreements"] = {code: {k: n for k, n in counts.items() if n}  # type: ignore
                              for code, counts in expected["agreements"].items()}  # type: ignore
    assert _figures(db) == expected


def _edit(db: Database, model: type, row_id: uuid.UUID, **fields: object) -> None:
    with db.write() as session:
        row = session.get(model, row_id)
        for name, value in fields.items():
            setattr(row, name, value)


def test_the_value_and_reach_kept_per_day_follow_every_edit_and_delete(db: Database) -> None:
    """boq_value_totals and reach_totals (data.totals) are worked out again at each write:
    a later revision approved, the newest deleted, a case deleted and restored, a signing
    moved before another, an agreement deleted, a household edited and deleted, rows removed."""
    gaz, mer = factories.office(db, "GAZ"), factories.office(db, "MER", province="Mersin")
    a = factories.dwelling(db, gaz, stage=Stage.WORKS_IN_PROGRESS)
    b = factories.dwelling(db, gaz, stage=Stage.BOQ_APPROVED)
    c = factories.dwelling(db, mer, stage=Stage.MONITORED)
    # 22:30 UTC on 10 October is 01:30 on 11 October in Türkiye: the day it counts on
    _boq(db, a, 1, [("2", "100.00", "20")], decided=datetime(2026, 10, 10, 22, 30, tzinfo=UTC))
    _boq(db, b, 1, [("3", "7.77", "20")], decided=datetime(2026, 10, 11, 9, tzinfo=UTC))
    _boq(db, c, 1, [("1", "50.00", "10")])
    _signed(db, a, date(2026, 9, 5))
    _signed(db, a, date(2026, 9, 10))
    _signed(db, c, date(2026, 11, 5))
    _agree(db)
    gaz_value = {m.code: m.approved for m in programme_report(db, SYSTEM).money}["GAZ"]
    for first, value in ((date(2026, 10, 11), gaz_value), (date(2026, 10, 10), 0)):
        day = programme_report(db, SYSTEM, first=first, last=first)
        assert {m.code: m.approved for m in day.money}["GAZ"] == value > -1
    with db.read() as session:
        boq_a = session.scalar(select(BoQ.id).where(BoQ.dwelling_id == a.id))
        signings = dict(session.execute(select(LeaseAgreement.signed_on, LeaseAgreement.id)
                                        .where(LeaseAgreement.dwelling_id == a.id)).all())

    _boq(db, a, 2, [("1", "10.00", "20")], decided=datetime(2026, 11, 2, 9, tzinfo=UTC))
    _agree(db)  # revision 2 replaces revision 1: 11 October loses a's value
    with db.read() as session:
        boq_a2 = session.scalar(select(BoQ.id).where(BoQ.dwelling_id == a.id, BoQ.revision == 2))
    _edit(db, BoQ, boq_a2, deleted_at=datetime(2026, 11, 3, tzinfo=UTC))
    _agree(db)  # revision 1 counts again
    _edit(db, BoQ, boq_a, status=ApprovalStatus.RETURNED)
    _agree(db)
    _edit(db, Dwelling, b.id, deleted_at=datetime(2026, 11, 4, tzinfo=UTC))
    _agree(db)
    _edit(db, Dwelling, b.id, deleted_at=None)
    _agree(db)
    # the second signing moves before the first: a is reached on 1 September now
    _edit(db, LeaseAgreement, signings[date(2026, 9, 10)], signed_on=date(2026, 9, 1))
    _agree(db)
    assert programme_report(db, SYSTEM, first=date(2026, 9, 5),
                            last=date(2026, 9, 5)).reach.households == 0
    _edit(db, LeaseAgreement, signings[date(2026, 9, 10)],
          deleted_at=datetime(2026, 11, 5, tzinfo=UTC))
    _agree(db)  # back to 5 September
    _edit(db, Household, c.household_id, nationality="Irak", vulnerabilities=["disability"],
          members={"female_18_59": 1, "male_0_17": 3})
    _agree(db)
    _edit(db, Household, c.household_id, deleted_at=datetime(2026, 11, 6, tzinfo=UTC))
    _agree(db)
    with db.write() as session:  # a BoQ removed outright, its lines first
        for line in session.scalars(select(BoQLine).join(BoQ).where(BoQ.dwelling_id == c.id)):
            session.delete(line)
        session.flush()
        for boq in session.scalars(select(BoQ).where(BoQ.dwelling_id == c.id)):
            session.delete(boq)
    _agree(db)
    assert [m.approved > 0 for m in programme_report(db, SYSTEM).money] == [True, False]
    # visits: due and not made (overdue), then made, then deleted (open_visit_due)
    with db.read() as session:
        agreement = session.scalar(select(LeaseAgreement.id).where(
            LeaseAgreement.dwelling_id == c.id))
    _edit(db, LeaseAgreement, agreement, status=AgreementStatus.ACTIVE)
    with db.write() as session:
        visits = [MonitoringVisit(agreement_id=agreement,
                                  due_on=clock.today() - timedelta(days=3)),
                  MonitoringVisit(agreement_id=agreement, due_on=date(2026, 11, 20))]
        session.add_all(visits)
    _agree(db)
    assert programme_report(db, SYSTEM, "MER").agreements[0].visits_overdue == 1
    _edit(db, MonitoringVisit, visits[1].id, visited_on=date(2026, 11, 21))
    _agree(db)
    _edit(db, MonitoringVisit, visits[0].id, deleted_at=datetime(2026, 11, 22, tzinfo=UTC))
    _agree(db)
    assert programme_report(db, SYSTEM, "MER").agreements[0].visits_overdue == 0
