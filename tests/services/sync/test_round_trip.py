"""The approval round trip between two laptops through the server, by services."""

from decimal import Decimal

from sqlalchemy import select

from shelter_app.data import totals
from shelter_app.data.models import (
    BoQ,
    Dwelling,
    Household,
    LeaseAgreement,
    MonitoringVisit,
    PriceItem,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, Stage
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as boqs
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.agreements.monitoring import VisitInput, record_visit
from shelter_app.services.boq.lookup import list_boqs
from shelter_app.services.reports.figures import programme_report


def test_engineer_submits_supervisor_approves_and_the_laptop_shows_it_locked(
        laptop, engineer, supervisor):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    with a.db.read() as session:
        ref = session.scalar(select(Dwelling.ref).where(Dwelling.stage == Stage.ASSESSED)
                             .order_by(Dwelling.ref).limit(1))
        item = session.scalar(select(PriceItem.id).order_by(PriceItem.code).limit(1))
    view = boqs.create_boq(a.db, engineer, ref)
    boqs.add_line(a.db, engineer, view.id, item, Decimal("3"))
    approval.submit(a.db, engineer, view.id, confirm=True)
    assert a.sync().clean

    b.sync()
    waiting = [row.ref for row in list_boqs(b.db, supervisor, status=ApprovalStatus.SUBMITTED)]
    assert view.ref in waiting
    approval.approve(b.db, supervisor, view.id, confirm=True)
    assert b.sync().applied >= 1

    a.sync()
    assert boqs.boq_view(a.db, engineer, view.id).status == ApprovalStatus.APPROVED
    try:
        boqs.set_contingency(a.db, engineer, view.id, Decimal("5"))
    except UserError as error:
        assert "locked" in error.message
    else:
        raise AssertionError("an approved BoQ took an edit on the laptop")


def test_the_reports_totals_follow_a_sync_on_every_machine(laptop, hub, engineer, supervisor):
    """The totals the Reports page reads (data.totals) are worked out again wherever a sync
    writes records: on the server applying a push, on the laptop applying a pull; so the
    report equals the records, and the same on every machine."""
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    with a.db.read() as session:
        ref = session.scalar(select(Dwelling.ref).where(Dwelling.stage == Stage.ASSESSED)
                             .order_by(Dwelling.ref).limit(1))
        item = session.scalar(select(PriceItem.id).order_by(PriceItem.code).limit(1))
        household = session.scalar(select(Household).join(
            LeaseAgreement, LeaseAgreement.household_id == Household.id).where(
            LeaseAgreement.signed_on.is_not(None), Household.ref.like("GAZ-%")).limit(1))
    view = boqs.create_boq(a.db, engineer, ref)
    boqs.add_line(a.db, engineer, view.id, item, Decimal("7"))
    approval.submit(a.db, engineer, view.id, confirm=True)
    with a.db.write(engineer) as session:  # a household of the report grows by two girls
        row = session.get(Household, household.id)
        row.members = {**row.members, "female_0_17": row.members.get("female_0_17", 0) + 2}
        row.nationality = "Irak"  # and is reached under another nationality (reach_totals)
    with a.db.read() as session:  # a visit made: its agreement's open_visit_due moves
        number = session.scalar(select(LeaseAgreement.number).join(MonitoringVisit).where(
            LeaseAgreement.status == AgreementStatus.ACTIVE,
            LeaseAgreement.number.like("GAZ-%"), MonitoringVisit.visited_on.is_(None))
            .order_by(MonitoringVisit.due_on).limit(1))
    record_visit(a.db, engineer, number, VisitInput(visited_on=clock.today(), household_present=True))
    assert a.sync().clean
    b.sync()
    approval.approve(b.db, supervisor, view.id, confirm=True)
    assert b.sync().applied >= 1
    a.sync()
    before = programme_report(hub, SYSTEM, "GAZ")
    for machine in (hub, a.db, b.db):
        with machine.read() as session:
            assert totals.stale(session) == []
            gross = session.scalar(select(BoQ.gross_total).where(BoQ.id == view.id))
        assert gross == boqs.boq_view(machine, supervisor, view.id).totals.gross > 0
        report = programme_report(machine, SYSTEM, "GAZ")
        assert (report.money, report.labour, report.reach) == (
            before.money, before.labour, before.reach)
        assert "Irak" in [group.key for group in report.reach.nationalities]
