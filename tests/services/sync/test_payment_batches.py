"""A payment batch built on a laptop by the role that may build one reaches the server with
every timesheet's link, and from there the other laptops; the server checks each link and
batch change as the laptop's service does."""

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select, update

from services.sync.machines import differences, enrolled, synced_data
from shelter_app.data.models import Dwelling, Office, PaymentBatch, Timesheet
from shelter_app.data.replication import TABLES, encode
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import parse_period
from shelter_app.domain.i18n import date_text, money_text, month_text
from shelter_app.domain.permissions import Action, allowed
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.labour import payments, timesheets
from shelter_app.services.sync import client
from shelter_app.services.sync.apply import apply_batch
from shelter_app.services.sync.protocol import Op
from shelter_app.services.sync.status import sync_status


def _waiting_period(db) -> str:
    """A month with approved timesheets not yet in a batch."""
    with db.read() as session:
        start = session.scalar(select(func.min(Timesheet.period_start)).where(
            Timesheet.status == ApprovalStatus.APPROVED, Timesheet.payment_batch_id.is_(None),
            Timesheet.deleted_at.is_(None)))
    assert start is not None
    return f"{start:%Y-%m}"


def _links(db, batch_id) -> set:
    with db.read() as session:
        return set(session.scalars(select(Timesheet.id).where(
            Timesheet.payment_batch_id == batch_id)))


def test_a_batch_built_on_a_laptop_reaches_the_server_and_another_laptop(
        laptop, hub, supervisor):
    assert allowed(supervisor.role, Action.APPROVE)  # who payments.build_batches lets build
    a, b = laptop("a"), laptop("b")
    (batch,) = payments.build_batches(a.db, supervisor, _waiting_period(a.db),
                                      reason="Paid early: the site closes.")
    linked = _links(a.db, batch.id)
    assert linked
    report = a.sync()
    assert report.clean, report.reasons
    with hub.read() as session:
        assert session.get(PaymentBatch, batch.id).total == batch.total
    assert _links(hub, batch.id) == linked
    b.sync()
    with b.db.read() as session:
        assert session.get(PaymentBatch, batch.id).ref == batch.ref
    assert _links(b.db, batch.id) == linked


def _op(entity: str, row_id, fields: dict, who, *, base: int = 0, action: str = "update") -> Op:
    return Op(uuid.uuid4(), entity, row_id, action, base, fields, who.user_id,
              "1795597200000-00000-A", clock.now())


def _timesheet(hub, condition) -> dict:
    """A Gaziantep timesheet matching `condition`, as the server holds it."""
    table = TABLES["timesheets"]
    with hub.read() as session:
        row = session.execute(select(table).join(Dwelling, Dwelling.id == table.c.dwelling_id)
                              .join(Office, Office.id == Dwelling.office_id)
                              .where(Office.code == "GAZ", table.c.deleted_at.is_(None),
                                     condition).order_by(table.c.ref).limit(1)).first()
    assert row is not None
    return dict(row._mapping)


def test_the_server_refuses_a_link_of_a_timesheet_not_approved_deleted_or_paid_elsewhere(
        hub, supervisor):
    """A laptop's push is checked as payments.build_batches picks: an approved, live timesheet
    in no other batch; each refusal names the timesheet and why."""
    table = TABLES["timesheets"]
    (built,) = payments.build_batches(hub, supervisor, _waiting_period(hub),
                                      reason="Paid early: the site closes.")
    paid = _timesheet(hub, table.c.payment_batch_id == built.id)
    other_paid = _timesheet(hub, (table.c.payment_batch_id == built.id)
                            & (table.c.id != paid["id"]))
    waiting = _timesheet(hub, table.c.status != ApprovalStatus.APPROVED.value)
    batch = uuid.uuid4()
    link = {"payment_batch_id": str(batch)}
    outcomes = apply_batch(hub, enrolled(hub, "payer"), [
        _op("payment_batches", batch, {"ref": "GAZ-P-LAPTOP-1", "period": built.period,
                                       "status": "draft", "total": "0.00"},
            supervisor, action="create"),
        _op("timesheets", paid["id"], link, supervisor, base=paid["version"]),
        _op("timesheets", waiting["id"], link, supervisor, base=waiting["version"]),
        _op("timesheets", other_paid["id"], link | {"deleted_at": encode(clock.now())},
            supervisor, base=other_paid["version"])])
    assert [o.status for o in outcomes] == ["applied", "refused", "refused", "refused"]
    assert outcomes[1].reason == (f"Timesheet {paid['ref']} is already in payment batch "
                                  f"{built.ref}; a timesheet is paid once.")
    assert outcomes[2].reason == (f"Timesheet {waiting['ref']} is not approved; only an "
                                  "approved timesheet goes into a payment batch.")
    assert outcomes[3].reason == (f"Timesheet {other_paid['ref']} is deleted; it cannot go "
                                  "into a payment batch.")
    assert _links(hub, batch) == set()


def test_the_server_lets_an_engineer_export_a_batch_but_not_build_one(hub, supervisor, engineer):
    """As on the laptop (permissions.batch_action): whoever may read the payment list exports
    a draft; only a supervisor builds a batch."""
    (built,) = payments.build_batches(hub, supervisor, _waiting_period(hub),
                                      reason="Paid early: the site closes.")
    with hub.read() as session:
        version = session.get(PaymentBatch, built.id).version
    outcomes = apply_batch(hub, enrolled(hub, "engineer"), [
        _op("payment_batches", uuid.uuid4(), {"ref": "GAZ-P-LAPTOP-2", "period": built.period,
                                              "status": "draft", "total": "0.00"},
            engineer, action="create"),
        _op("payment_batches", built.id, {"status": "exported"}, engineer, base=version)])
    assert [o.status for o in outcomes] == ["refused", "applied"]
    assert outcomes[0].reason == f"Your role ({engineer.role.label}) may not approve."


def _submitted(db, period: str) -> uuid.UUID:
    """A Gaziantep timesheet of `period` waiting for a supervisor's decision."""
    first, last = parse_period(period)
    with db.read() as session:
        found = session.scalar(select(Timesheet.id).join(Dwelling).join(Office).where(
            Office.code == "GAZ", Timesheet.status == ApprovalStatus.SUBMITTED,
            Timesheet.deleted_at.is_(None), Timesheet.period_start.between(first, last))
            .order_by(Timesheet.ref).limit(1))
    assert found is not None
    return found


@pytest.mark.parametrize("push", [client.BATCH, 3], ids=["one push", "many pushes"])
def test_two_laptops_batching_one_month_offline_keep_the_first_batch_synced(
        laptop, hub, gaz, supervisor, monkeypatch, push):
    """Two supervisors build the same month's batch offline, numbered alike: the second to
    sync is told once that its batch was dropped, naming the server's, and how to go on; it
    ends with the server's data (its timesheets and days kept, in the first batch or free),
    even when its links fill several pushes; the month built again takes what was left."""
    a, b = laptop("a"), laptop("b")
    period = _waiting_period(a.db)
    (first,) = payments.build_batches(a.db, supervisor, period, reason="Paid early.")
    left = timesheets.approve(b.db, supervisor, _submitted(b.db, period)).id
    (second,) = payments.build_batches(b.db, supervisor, period, reason="Paid early.")
    assert second.ref == first.ref and left in _links(b.db, second.id)
    assert a.sync().clean
    monkeypatch.setattr(client, "BATCH", push)
    report = b.sync()
    assert report.refused > 0
    with hub.read() as session:
        built = session.get(PaymentBatch, first.id)
    told = (f"Payment batch {first.ref} of {month_text(parse_period(period)[0])} was not "
            f"taken: the server already has a batch {first.ref}, built on "
            f"{date_text(built.created_at.astimezone(clock.CALENDAR_ZONE).date())} for {money_text(built.total)}. This "
            "laptop's batch has been removed; each of its timesheets is now in the server's "
            "batch or free again. After this sync, build "
            f"{month_text(parse_period(period)[0])}'s batch again for those still waiting; if "
            "this batch's payment list was sent to finance, withdraw it.")
    assert report.batches_dropped == [told]
    assert [(op.record, op.reason) for op in sync_status(b.db).held] == [(second.ref, told)]
    assert _links(hub, first.id) == _links(a.db, first.id) == _links(b.db, first.id) != set()
    assert _links(hub, second.id) == set()
    paid = ("payment_batches", "timesheets", "labour_entries")
    assert differences(synced_data(hub, gaz, paid), b.data(paid)) == []
    assert b.sync().clean  # and syncs on
    (again,) = payments.build_batches(b.db, supervisor, period, reason="Paid early.")
    assert _links(b.db, again.id) == {left}
    assert b.sync().clean
    assert _links(hub, again.id) == {left}


def test_the_server_refuses_a_batch_numbered_as_one_it_has_and_its_links(hub, supervisor):
    """The refusal names the server's batch; a free timesheet's link to the refused batch is
    refused saying so (not the database's foreign key), and the timesheet stays free."""
    table = TABLES["timesheets"]
    free = _timesheet(hub, (table.c.status == ApprovalStatus.APPROVED.value)
                      & table.c.payment_batch_id.is_(None))
    with hub.read() as session:
        built = session.scalars(select(PaymentBatch).where(PaymentBatch.ref.startswith("GAZ-"))
                                .order_by(PaymentBatch.ref).limit(1)).one()
    batch = uuid.uuid4()
    outcomes = apply_batch(hub, enrolled(hub, "payer"), [
        _op("payment_batches", batch, {"ref": built.ref, "period": built.period,
                                       "status": "draft", "total": "0.00"},
            supervisor, action="create"),
        _op("timesheets", free["id"], {"payment_batch_id": str(batch)}, supervisor,
            base=free["version"])])
    assert [o.status for o in outcomes] == ["refused", "refused"]
    assert outcomes[0].reason.startswith(f"Payment batch {built.ref} of ")
    assert f"the server already has a batch {built.ref}, built on " in outcomes[0].reason
    assert outcomes[1].reason == (f"Timesheet {free['ref']} was not put into a payment batch: "
                                  "the server has no such batch (it refused it); the "
                                  "timesheet waits for its month's next batch.")
    assert outcomes[1].row["payment_batch_id"] is None


def test_the_refusal_of_a_batch_number_names_the_day_built_in_turkiye(hub, supervisor):
    """The day the server's batch was built is the calendar day in Türkiye, as the
    supervisors saw it: built at 01:30 there (22:30 UTC the evening before), not the UTC
    day."""
    with hub.read() as session:
        built = session.scalars(select(PaymentBatch).where(PaymentBatch.ref.startswith("GAZ-"))
                                .order_by(PaymentBatch.ref).limit(1)).one()
    with hub.engine.begin() as connection:
        connection.execute(update(PaymentBatch).where(PaymentBatch.id == built.id).values(
            created_at=datetime(2026, 11, 2, 22, 30, tzinfo=UTC)))
    (outcome,) = apply_batch(hub, enrolled(hub, "payer"), [
        _op("payment_batches", uuid.uuid4(), {"ref": built.ref, "period": built.period,
                                              "status": "draft", "total": "0.00"},
            supervisor, action="create")])
    assert outcome.status == "refused"
    assert f"built on {date_text(date(2026, 11, 3))} for " in outcome.reason


def test_the_server_refuses_a_batch_change_the_laptop_never_makes(hub, supervisor, engineer):
    """Only the service's steps (built, exported, paid; a draft's total): a paid batch made a
    draft again would free its timesheets for editing, an exported one's total is what finance
    was sent; an engineer's export changes the status alone."""
    (built,) = payments.build_batches(hub, supervisor, _waiting_period(hub),
                                      reason="Paid early: the site closes.")
    with hub.read() as session:
        version = session.get(PaymentBatch, built.id).version
    made = _op("payment_batches", uuid.uuid4(), {"ref": "GAZ-P-LAPTOP-3", "period": built.period,
                                                 "status": "paid", "total": "99.00"},
               supervisor, action="create")
    outcomes = apply_batch(hub, enrolled(hub, "engineer"), [
        _op("payment_batches", built.id, {"status": "exported", "total": "1.00"}, engineer,
            base=version)])
    payer = enrolled(hub, "payer")
    outcomes += apply_batch(hub, payer, [
        made, _op("payment_batches", built.id, {"status": "paid"}, supervisor, base=version)])
    outcomes += apply_batch(hub, payer, [
        _op("payment_batches", built.id, {"status": "exported"}, supervisor, base=version),
        _op("payment_batches", built.id, {"total": "1.00"}, supervisor, base=version + 1),
        _op("payment_batches", built.id, {"status": "draft"}, supervisor, base=version + 1)])
    assert [o.status for o in outcomes] == [
        "refused", "refused", "refused", "applied", "refused", "refused"]
    assert outcomes[0].reason == (f"Payment batch {built.ref} cannot change so: a batch is "
                                  "built as a draft, exported, then paid, and only a draft's "
                                  "total changes.")
    with hub.read() as session:
        batch = session.get(PaymentBatch, built.id)
        assert (batch.status.value, batch.total) == ("exported", built.total)
