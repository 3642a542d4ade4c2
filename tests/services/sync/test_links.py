"""A payment batch's link is one outbox row on the laptop (outbox.LINK), sent as the
per-timesheet ops the server applies: in pushes of any size, again whole after a cut
connection, each held part a row of its own, protected from a pull while it waits."""

from dataclasses import replace

import httpx
from sqlalchemy import func, select, update

from services.sync.test_payment_batches import _links, _waiting_period
from shelter_app.data.models import AppliedOp, Household, LogEntry, OutboxOp, Timesheet
from shelter_app.data.outbox import LINK
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.cases.households import household_view, update_household
from shelter_app.services.labour import payments
from shelter_app.services.sync import client, links, packages
from shelter_app.services.sync.status import sync_status
from shelter_app.services.sync.wire import Report, ServerUnreachable

EARLY = "Paid early: the site closes."


def _link_rows(db) -> list[OutboxOp]:
    with db.read() as session:
        return list(session.scalars(select(OutboxOp).where(OutboxOp.action == LINK)))


def test_a_link_cut_after_its_first_push_is_sent_whole_again_and_applied_once(
        laptop, hub, supervisor, monkeypatch):
    """The link's parts fill several pushes; the answer to the second is lost: the link row
    stays, and the next sync sends every part again under the same ids, which the server
    answers from what it decided (no timesheet linked twice, none lost)."""
    a = laptop("a")
    (batch,) = payments.build_batches(a.db, supervisor, _waiting_period(a.db), reason=EARLY)
    linked = _links(a.db, batch.id)
    assert len(linked) > 4
    (row,) = _link_rows(a.db)
    parts = links.wire([row])
    assert sorted(part.row_id for part in parts) == sorted(linked)
    with a.db.read() as session:
        others = session.scalar(select(func.count()).select_from(OutboxOp).where(
            OutboxOp.action != LINK))
    assert sync_status(a.db).pending == others + len(linked)  # the parts, not the row
    pushes = []

    def cut(http, path, body, token=None):
        answer = client_call(http, path, body, token)
        if path == "/v1/push":
            pushes.append([op["op_id"] for op in body["ops"]])
            if len(pushes) == 2:
                raise ServerUnreachable("the line dropped before the answer")
        return answer

    client_call = client.call
    with hub.read() as session:
        logged_before = session.scalar(select(func.max(LogEntry.seq)))
    monkeypatch.setattr(client, "BATCH", 2)
    monkeypatch.setattr(client, "call", cut)
    try:
        a.sync()
    except ServerUnreachable:
        pass
    else:
        raise AssertionError("the sync went on after the cut")
    assert [rest.op_id for rest in _link_rows(a.db)] == [row.op_id]  # not settled
    monkeypatch.setattr(client, "call", client_call)
    report = a.sync()
    assert report.clean, report.reasons
    assert _link_rows(a.db) == [] and a.outbox() == []
    assert _links(hub, batch.id) == linked
    ids = [part.op_id for part in parts]
    with hub.read() as session:
        assert session.scalar(select(func.count()).select_from(AppliedOp).where(
            AppliedOp.op_id.in_(ids), AppliedOp.status == "applied")) == len(ids)
        logged = session.scalars(select(LogEntry.row_id).where(
            LogEntry.seq > logged_before, LogEntry.entity == "timesheets")).all()
    assert sorted(logged) == sorted(linked)  # each link applied (and logged) once


def test_a_refused_part_of_a_link_is_held_as_its_own_change(laptop, hub, supervisor):
    """A timesheet returned on the server meanwhile: its part is refused and held, named by
    its ref with the server's reason, the laptop taking the server's row; the other parts
    are applied and the link row goes."""
    a = laptop("a")
    (batch,) = payments.build_batches(a.db, supervisor, _waiting_period(a.db), reason=EARLY)
    linked = _links(a.db, batch.id)
    returned = min(linked)
    parts = {part.row_id: part for part in links.wire(_link_rows(a.db))}
    with hub.engine.begin() as connection:
        connection.execute(update(Timesheet).where(Timesheet.id == returned).values(
            status=ApprovalStatus.RETURNED))
    report = a.sync()
    assert report.refused == 1
    with a.db.read() as session:
        ref = session.get(Timesheet, returned).ref
    (held,) = sync_status(a.db).held
    assert (held.record, held.status, held.fields) == (ref, "refused", ["payment_batch_id"])
    assert held.reason == (f"Timesheet {ref} is not approved; only an approved timesheet goes "
                           "into a payment batch.")
    assert held.op_id == parts[returned].op_id
    assert _link_rows(a.db) == [] and [op.status for op in a.outbox()] == ["refused"]
    assert _links(hub, batch.id) == _links(a.db, batch.id) == linked - {returned}


def test_a_pull_keeps_a_pending_link(laptop, hub, supervisor):
    """A timesheet changed on the server (its reason noted) while this laptop's link of it
    waits: the pull takes the change but keeps the link for the push."""
    a = laptop("a")
    (batch,) = payments.build_batches(a.db, supervisor, _waiting_period(a.db), reason=EARLY)
    linked = _links(a.db, batch.id)
    changed = max(linked)
    with hub.write(SYSTEM) as session:
        session.get(Timesheet, changed).return_reason = "Checked on site."
    client._pull(a.db, a.http, a.token, Report(), None, lambda: False)
    with a.db.read() as session:
        sheet = session.get(Timesheet, changed)
        assert (sheet.return_reason, sheet.payment_batch_id) == ("Checked on site.", batch.id)
    assert _links(a.db, batch.id) == linked
    assert a.sync().clean
    assert _links(hub, batch.id) == linked


def test_a_link_goes_by_usb_as_its_parts_and_is_settled_by_the_receipt(
        laptop, hub, supervisor, tmp_path):
    """A package carries the link's per-timesheet ops; the receipt answers each, and the link
    row goes with the last."""
    a = laptop("a")
    (batch,) = payments.build_batches(a.db, supervisor, _waiting_period(a.db), reason=EARLY)
    linked = _links(a.db, batch.id)
    pending = sync_status(a.db).pending
    path = tmp_path / "month.pkg"
    exported = packages.export_package(a.db, path)
    assert exported.ops == pending > len(linked)
    receipt = packages.import_any(hub, path.read_bytes(), httpx.Client)
    assert isinstance(receipt, bytes)
    assert _links(hub, batch.id) == linked
    report = packages.import_any(a.db, receipt, httpx.Client)
    assert report.clean and report.applied == report.pushed == pending
    assert a.outbox() == []


def test_a_held_part_of_a_link_is_listed_after_the_changes_made_since(
        laptop, hub, supervisor, engineer):
    """The held list shows the newest change first. A link's held part is written as a row
    when the server answers, after a change made since the link; it was listed first."""
    a, b = laptop("a"), laptop("b")
    (batch,) = payments.build_batches(a.db, supervisor, _waiting_period(a.db), reason=EARLY)
    returned = min(_links(a.db, batch.id))
    with hub.engine.begin() as connection:
        connection.execute(update(Timesheet).where(Timesheet.id == returned).values(
            status=ApprovalStatus.RETURNED))
    with hub.read() as session:
        household = session.scalar(select(Household.ref).where(Household.ref.like("GAZ-%"))
                                   .order_by(Household.ref).limit(1))
    before = household_view(a.db, engineer, household).as_input()
    update_household(a.db, engineer, household, replace(before, phone="+905329998877"),
                     confirm=True)  # made after the link
    update_household(b.db, engineer, household, replace(before, phone="+905321112233"),
                     confirm=True)
    assert b.sync().clean
    report = a.sync()
    assert (report.refused, report.conflicts) == (1, 1)
    with a.db.read() as session:
        part = session.get(Timesheet, returned).ref
    assert [held.record for held in sync_status(a.db).held] == [household, part]
