"""The BoQ workflow: pricing, locks after approval, roles, revisions, warnings and bad input."""

from decimal import Decimal

import pytest
from factories import assessed_dwelling
from sqlalchemy import event, func, select

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    BoQ,
    BoQLine,
    Dwelling,
    PriceItem,
    Setting,
)
from shelter_app.domain import clock
from shelter_app.domain.boq import Change
from shelter_app.domain.errors import (
    NeedsConfirmation,
    NotFound,
    PermissionDenied,
    UserError,
    ValidationError,
)
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as service
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.services.accounts.auth import Actor, sign_in
from shelter_app.services.boq.lookup import boq_takeoff, boq_to_edit, list_boqs
from shelter_app.services.boq.catalogue import catalogue_items

D = Decimal


def item(db: Database, view: service.BoQView, code: str):
    return next(i for i in catalogue_items(db, view.catalogue_id) if i.code == code)


@pytest.fixture
def draft(demo_db, engineer) -> service.BoQView:
    return service.create_boq(demo_db, engineer, assessed_dwelling(demo_db))


def priced(db: Database, actor: Actor, view: service.BoQView) -> service.BoQView:
    service.add_line(db, actor, view.id, item(db, view, "YAL-EPS-05").id, "48,2")
    service.add_line(db, actor, view.id, item(db, view, "KAP-CELIK").id, "1")
    return service.boq_view(db, actor, view.id)


def stage_of(db: Database, ref: str) -> Stage:
    with db.read() as session:
        return session.scalar(select(Dwelling.stage).where(Dwelling.ref == ref))


def test_engineer_prices_submits_and_supervisor_approves(demo_db, engineer, supervisor, draft):
    assert draft.status is ApprovalStatus.DRAFT and draft.revision == 1
    assert draft.ref == f"{draft.dwelling_ref}-B1"
    assert stage_of(demo_db, draft.dwelling_ref) is Stage.BOQ_DRAFTED
    view = priced(demo_db, engineer, draft)
    eps = next(line for line in view.lines if line.code == "YAL-EPS-05")
    assert eps.quantity == D("48.2") and eps.unit_price == D("1350.00") and eps.kdv_rate == 20
    assert view.totals.works == D("65070.00") + D("24500.00")
    submitted = approval.submit(demo_db, engineer, view.id)
    assert submitted.status is ApprovalStatus.SUBMITTED
    with pytest.raises(PermissionDenied):
        approval.approve(demo_db, engineer, view.id)
    approved = approval.approve(demo_db, supervisor, view.id)
    assert approved.status is ApprovalStatus.APPROVED and approved.decided_by
    assert stage_of(demo_db, draft.dwelling_ref) is Stage.BOQ_APPROVED


def test_submitted_and_approved_boqs_are_locked(demo_db, engineer, supervisor, draft):
    view = priced(demo_db, engineer, draft)
    line = view.lines[0]
    approval.submit(demo_db, engineer, view.id)
    with pytest.raises(UserError, match="waiting for approval"):
        service.set_quantity(demo_db, engineer, line.id, "5")
    approval.approve(demo_db, supervisor, view.id)
    eps = item(demo_db, view, "YAL-EPS-05").id
    for edit in (lambda: service.set_quantity(demo_db, engineer, line.id, "5"),
                 lambda: service.remove_line(demo_db, engineer, line.id),
                 lambda: service.add_line(demo_db, engineer, view.id, eps, "1"),
                 lambda: service.set_contingency(demo_db, engineer, view.id, "9"),
                 lambda: approval.submit(demo_db, engineer, view.id)):
        with pytest.raises(UserError, match="approved and locked"):
            edit()
    after = service.boq_view(demo_db, engineer, view.id)
    assert after.lines == view.lines and after.contingency_pct == view.contingency_pct


def test_returning_needs_a_reason_and_reopens_for_editing(demo_db, engineer, supervisor, draft):
    view = priced(demo_db, engineer, draft)
    approval.submit(demo_db, engineer, view.id)
    with pytest.raises(ValidationError) as refused:
        approval.return_boq(demo_db, supervisor, view.id, "  ")
    assert refused.value.field == "reason"
    assert service.boq_view(demo_db, engineer, view.id).status is ApprovalStatus.SUBMITTED
    returned = approval.return_boq(demo_db, supervisor, view.id, "Pencere ölçüleri eksik")
    assert returned.status is ApprovalStatus.RETURNED
    assert returned.return_reason == "Pencere ölçüleri eksik"
    service.set_quantity(demo_db, engineer, view.lines[0].id, "50")
    again = approval.submit(demo_db, engineer, view.id)
    assert again.status is ApprovalStatus.SUBMITTED and again.return_reason is None


def test_only_a_submitted_boq_is_decided(demo_db, supervisor, draft):
    with pytest.raises(UserError, match="not submitted"):
        approval.approve(demo_db, supervisor, draft.id)


def test_an_empty_boq_cannot_be_submitted(demo_db, engineer, draft):
    with pytest.raises(UserError, match="no lines"):
        approval.submit(demo_db, engineer, draft.id)


@pytest.mark.parametrize("raw", ["0", "-2", "abc", "1,2345"])
def test_bad_quantities_leave_the_line_unchanged(demo_db, engineer, draft, raw):
    view = priced(demo_db, engineer, draft)
    with pytest.raises(ValidationError) as refused:
        service.set_quantity(demo_db, engineer, view.lines[0].id, raw)
    assert refused.value.field == "quantity"
    assert service.boq_view(demo_db, engineer, view.id).lines == view.lines


def test_an_absurd_quantity_or_a_budget_overrun_must_be_confirmed(demo_db, engineer, supervisor,
                                                                  draft):
    view = priced(demo_db, engineer, draft)
    service.set_quantity(demo_db, engineer, view.lines[0].id, "1250")  # meant 12,50
    with pytest.raises(NeedsConfirmation) as warned:
        approval.submit(demo_db, engineer, view.id)
    assert any("typing error" in text for _, text in warned.value.warnings)
    assert any("budget ceiling" in text for _, text in warned.value.warnings)
    assert service.boq_view(demo_db, engineer, view.id).status is ApprovalStatus.DRAFT
    approval.submit(demo_db, engineer, view.id, confirm=True)
    with pytest.raises(NeedsConfirmation):
        approval.approve(demo_db, supervisor, view.id, reason="Two rooms, both walls wet")
    with pytest.raises(ValidationError) as no_reason:  # a Yes is not enough over the ceiling
        approval.approve(demo_db, supervisor, view.id, confirm=True, reason=" ")
    assert no_reason.value.field == "reason" and "budget ceiling" in no_reason.value.message
    assert service.boq_view(demo_db, engineer, view.id).status is ApprovalStatus.SUBMITTED
    why = "Two rooms, both walls wet; the donor agreed on 24 November"
    assert approval.approve(demo_db, supervisor, view.id, confirm=True, reason=why).status is \
        ApprovalStatus.APPROVED
    with demo_db.read() as session:
        reasons = session.scalars(select(AuditEvent.reason).where(
            AuditEvent.entity_id == view.id, AuditEvent.action == "update")).all()
    assert why in reasons


def test_the_budget_ceiling_is_a_setting(demo_db, engineer, draft):
    view = priced(demo_db, engineer, draft)
    assert not service.boq_view(demo_db, engineer, view.id).warnings()
    with demo_db.write() as session:
        session.add(Setting(key="boq.budget_ceiling", value="50000"))
    warnings = service.boq_view(demo_db, engineer, view.id).warnings()
    assert len(warnings) == 1 and "50.000,00 ₺" in warnings[0]


def test_a_withdrawn_item_cannot_be_added_and_warns_where_used(demo_db, engineer, draft):
    view = priced(demo_db, engineer, draft)
    with demo_db.write() as session:
        session.execute(PriceItem.__table__.update().where(PriceItem.code == "KAP-CELIK")
                        .values(withdrawn=True))
    with pytest.raises(ValidationError, match="withdrawn"):
        service.add_line(demo_db, engineer, view.id, item(demo_db, view, "KAP-CELIK").id, "1")
    after = service.boq_view(demo_db, engineer, view.id)
    assert len(after.lines) == 2
    assert any("KAP-CELIK has been withdrawn" in text for text in after.warnings())


def test_a_boqs_lines_are_read_as_the_columns_a_line_shows(demo_db, engineer, draft):
    """The editor's read makes no line or catalogue item record: whole records, two a line
    with every column converted, cost a 200-line BoQ's read 10 ms of its worker's CPU (4 as
    columns), which held the interpreter lock while the editor's window opened."""
    view = priced(demo_db, engineer, draft)
    made: list[type] = []

    def loaded(record: object, _context: object) -> None:
        made.append(type(record))

    for model in (BoQLine, PriceItem):
        event.listen(model, "load", loaded)
    try:
        again = service.boq_view(demo_db, engineer, view.id)
    finally:
        for model in (BoQLine, PriceItem):
            event.remove(model, "load", loaded)
    assert made == []
    assert [(line.code, line.quantity, line.withdrawn, bool(line.description_en))
            for line in again.lines] == [("YAL-EPS-05", D("48.2"), False, True),
                                         ("KAP-CELIK", D("1"), False, True)]


def test_what_the_editor_shows_is_read_in_one_transaction(demo_db, engineer, draft):
    """The BoQ, the catalogue it is priced from and the take-off, as their own reads give
    them, in one transaction (three, with the BoQ and its dwelling read twice, cost the
    editor's worker 4-6 ms more); no catalogue when the BoQ cannot be edited."""
    view = priced(demo_db, engineer, draft)
    begun: list[object] = []

    def began(connection: object) -> None:
        begun.append(connection)

    event.listen(demo_db.engine, "begin", began)
    try:
        shown = boq_to_edit(demo_db, engineer, view.id)
    finally:
        event.remove(demo_db.engine, "begin", began)
    assert len(begun) == 1
    assert shown == (view, catalogue_items(demo_db, view.catalogue_id),
                     boq_takeoff(demo_db, engineer, view.id))
    approval.submit(demo_db, engineer, view.id)
    assert shown[1] and boq_to_edit(demo_db, engineer, view.id)[1] == []  # not editable now
    other = sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)[0]
    with pytest.raises(PermissionDenied):
        boq_to_edit(demo_db, other, view.id)  # another office's


def test_a_revision_copies_the_approved_boq_and_shows_its_difference(demo_db, engineer,
                                                                     supervisor, draft):
    view = priced(demo_db, engineer, draft)
    approval.submit(demo_db, engineer, view.id)
    approval.approve(demo_db, supervisor, view.id)
    with pytest.raises(PermissionDenied):
        approval.revise(demo_db, engineer, view.id, "more windows")
    with pytest.raises(ValidationError):
        approval.revise(demo_db, supervisor, view.id, "")
    revision = approval.revise(demo_db, supervisor, view.id, "Ek pencere gerekli")
    assert revision.revision == 2 and revision.ref.endswith("-B2")
    assert revision.status is ApprovalStatus.DRAFT and revision.previous_ref == view.ref
    assert [line.diff_line for line in revision.lines] == [line.diff_line for line in view.lines]
    assert revision.changes == ()
    service.set_quantity(demo_db, engineer, revision.lines[0].id, "60")
    service.add_line(demo_db, engineer, revision.id, item(demo_db, view, "PEN-PVC-M2").id, "3,2")
    changed = service.boq_view(demo_db, engineer, revision.id)
    assert {(c.change, c.code) for c in changed.changes} == {
        (Change.CHANGED, "YAL-EPS-05"), (Change.ADDED, "PEN-PVC-M2")}
    old = service.boq_view(demo_db, engineer, view.id)
    assert old.status is ApprovalStatus.APPROVED and old.lines == view.lines
    assert not old.is_latest
    with pytest.raises(UserError, match="newer revision"):
        approval.revise(demo_db, supervisor, view.id, "again")
    with demo_db.read() as session:
        reasons = set(session.scalars(select(AuditEvent.reason).where(
            AuditEvent.entity_id == revision.id)))
    assert "Ek pencere gerekli" in reasons
    assert service.find_boq(demo_db, engineer, view.dwelling_ref) == revision.id


def test_a_new_catalogue_never_changes_an_existing_line(demo_db, engineer, draft):
    view = priced(demo_db, engineer, draft)
    with demo_db.write() as session:
        session.execute(PriceItem.__table__.update().values(unit_price=D("1.00")))
    assert service.boq_view(demo_db, engineer, view.id).lines == view.lines


def test_other_offices_and_unknown_refs_are_refused(demo_db, engineer):
    with pytest.raises(PermissionDenied, match="another office"):
        service.create_boq(demo_db, engineer, assessed_dwelling(demo_db, "ANK"))
    with pytest.raises(NotFound):
        service.create_boq(demo_db, engineer, "GAZ-D-999999")
    with pytest.raises(NotFound):
        service.find_boq(demo_db, engineer, "NOPE-1")


def test_whoever_submitted_a_boq_may_not_approve_it(demo_db, supervisor, admin, draft):
    from shelter_app.domain.stages import Role
    from shelter_app.services.accounts.auth import create_user

    view = priced(demo_db, supervisor, draft)  # a supervisor may draft and submit too
    approval.submit(demo_db, supervisor, view.id)
    with pytest.raises(PermissionDenied, match="submitted .* yourself"):
        approval.approve(demo_db, supervisor, view.id)
    assert service.boq_view(demo_db, supervisor, view.id).status is ApprovalStatus.SUBMITTED
    second = create_user(demo_db, admin, username="supervisor.gaz2",
                         full_name="İkinci Süpervizör", role=Role.SUPERVISOR, office_code="GAZ",
                         password="another-long-password")
    assert approval.approve(demo_db, second, view.id).status is ApprovalStatus.APPROVED


def test_a_boq_moves_the_case_only_as_far_as_the_flow_allows(demo_db, engineer, supervisor):

    from shelter_app.services.assessments.assessments import AssessmentInput, record_assessment

    ref = assessed_dwelling(demo_db)
    record_assessment(demo_db, engineer, ref, AssessmentInput(
        clock.today(), "4", {"roof": (1, "")}, False,
        "Ev sahibi işleri kabul etmedi."))  # the latest assessment: not eligible
    view = priced(demo_db, engineer, service.create_boq(demo_db, engineer, ref))
    assert stage_of(demo_db, ref) is Stage.ASSESSED  # "BoQ drafted" needs an eligible case
    approval.submit(demo_db, engineer, view.id)
    assert approval.approve(demo_db, supervisor, view.id).status is ApprovalStatus.APPROVED
    assert stage_of(demo_db, ref) is Stage.ASSESSED  # approval does not jump the flow either


def test_a_registered_dwelling_or_a_second_boq_is_refused(demo_db, engineer, draft):
    with demo_db.read() as session:
        registered = session.scalar(select(Dwelling.ref).where(
            Dwelling.stage == Stage.REGISTERED, Dwelling.ref.startswith("GAZ")).limit(1))
    with pytest.raises(ValidationError, match="not assessed"):
        service.create_boq(demo_db, engineer, registered)
    with pytest.raises(ValidationError, match="already has"):
        service.create_boq(demo_db, engineer, draft.dwelling_ref)


def test_the_list_shows_the_offices_boqs_with_totals(demo_db, engineer, admin, draft):
    rows = list_boqs(demo_db, engineer)
    assert rows and {row.ref[:3] for row in rows} == {"GAZ"}
    assert rows[0].ref == draft.ref  # newest change first
    everything = list_boqs(demo_db, admin, limit=None)
    assert len({row.ref[:3] for row in everything}) == 6
    approved = list_boqs(demo_db, engineer, status=ApprovalStatus.APPROVED)
    assert approved and all(row.gross > 0 for row in approved)
    found = list_boqs(demo_db, engineer, draft.dwelling_ref.lower())
    assert [row.ref for row in found] == [draft.ref]
    with demo_db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == draft.dwelling_ref))
    assert [row.ref for row in list_boqs(demo_db, engineer, dwelling_id=dwelling_id)] == [draft.ref]
    other = sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)[0]
    assert list_boqs(demo_db, other, dwelling_id=dwelling_id) == []  # not the office's


def test_one_boqs_row_is_read_as_the_list_shows_it_or_not_at_all(demo_db, engineer, draft):
    """What a list reads again after an edit of a BoQ's lines: that row alone, its total as
    the BoQ prints it (summed by the database: a line of exactly half a kuruş rounds up, as
    printed), only if the list's filter keeps it."""
    view = priced(demo_db, engineer, draft)
    half = next((line_item, thousandths)
                for line_item in catalogue_items(demo_db, view.catalogue_id)
                for thousandths in range(1, 1000)
                if thousandths * int(line_item.unit_price * 100) % 1000 == 500)
    service.add_line(demo_db, engineer, view.id, half[0].id, str(Decimal(half[1]).scaleb(-3)))
    view = service.boq_view(demo_db, engineer, view.id)
    [row] = list_boqs(demo_db, engineer, boq_id=view.id)
    assert (row.id, row.gross) == (view.id, view.totals.gross) and row.gross > 0
    assert row == next(other for other in list_boqs(demo_db, engineer) if other.id == view.id)
    assert list_boqs(demo_db, engineer, draft.ref.lower(), boq_id=view.id) == [row]
    assert list_boqs(demo_db, engineer, status=ApprovalStatus.SUBMITTED, boq_id=view.id) == []
    assert list_boqs(demo_db, engineer, "zzz", boq_id=view.id) == []
    other = sign_in(demo_db, "engineer.ank", DEMO_PASSWORD)[0]
    assert list_boqs(demo_db, other, boq_id=view.id) == []  # not the office's


def test_demo_boqs_follow_the_case_stage(demo_db):
    with demo_db.read() as session:
        rows = session.execute(select(BoQ.status, Dwelling.stage)
                               .join(Dwelling, Dwelling.id == BoQ.dwelling_id)).all()
        lines = session.scalar(select(func.count()).select_from(BoQLine))
    assert {status for status, _ in rows} == set(ApprovalStatus)
    for status, stage in rows:
        if stage is Stage.BOQ_DRAFTED:
            assert status is not ApprovalStatus.APPROVED
        else:
            assert status is ApprovalStatus.APPROVED
    assert lines >= 3 * len(rows)


def test_takeoff_offers_the_assessments_measured_quantities(demo_db, engineer, draft):
    from datetime import date

    from shelter_app.data.models import Assessment

    with demo_db.write() as session:  # newer than the demo's assessments, measuring no rooms
        session.add(Assessment(dwelling_id=draft.dwelling_id, assessed_on=date(2026, 9, 30),
                               measurements={"version": 1, "rooms": []}))
    assert boq_takeoff(demo_db, engineer, draft.id) == []  # no rooms measured
    room = {"name": "Salon", "length_m": "4.00", "width_m": "3.00", "height_m": "2.50",
            "exterior_m": "4.00", "openings": [{"kind": "window", "width_m": "1.20",
                                                "height_m": "1.40", "count": 2,
                                                "exterior": True}]}
    with demo_db.write() as session:
        session.add(Assessment(dwelling_id=draft.dwelling_id, assessed_on=date(2026, 10, 1),
                               measurements={"version": 1, "rooms": [room]}))
    rows = {unit_label: quantity for unit_label, quantity, _ in
            boq_takeoff(demo_db, engineer, draft.id)}
    assert rows["Exterior walls (insulation, facade paint)"] == D("6.64")  # 4 x 2,5 - 3,36
    assert rows["Interior walls (plaster, paint)"] == D("31.64")  # 14 x 2,5 - 3,36
    assert rows["Windows, frame area"] == D("3.36") and rows["Windows"] == 2
    assert rows["Floor (ceiling, roof)"] == D("12.00")
