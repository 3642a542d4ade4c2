"""The last pass of the demo: make its records tell one true story per case and fill every tab
of the dwelling file and every chart of the Reports page in every office.

The generators draw dates independently; here the agreement's signing moves back to the first
labour day and the final assessment forward to the last (so `shelter-app check` finds no
breach), a monitored case gets its first visit made, a completed case its works checklist
and (with the demo photos) before and after photos, each office a BoQ waiting for approval
and a reopen request, and every record its create event, so the History tab has something to show. Core
statements on the connection, like the generators: the demo is not a user's work to sync."""

import uuid
from typing import Any

from sqlalchemy import (
    Connection,
    Text,
    bindparam,
    cast,
    func,
    insert,
    literal,
    null,
    select,
    update,
)
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    AuditEvent,
    BoQ,
    BoQLine,
    Dwelling,
    Household,
    LabourEntry,
    LeaseAgreement,
    MonitoringVisit,
    Photo,
    ReopenRequest,
    Timesheet,
    User,
    WorksCheck,
)
from shelter_app.data.outbox import random_uuid
from shelter_app.domain import clock
from shelter_app.domain.reopen import ReopenKind
from shelter_app.domain.stages import ApprovalStatus, PhotoTag, Role, Stage
from shelter_app.domain.works_check import WorkDone
from shelter_app.services.boq.boq import boq_ref

_CLOSED = (Stage.COMPLETED, Stage.MONITORED)


def close_the_record(session: Session) -> None:
    """The last pass over the generated records, in their transaction, before the report's
    totals are worked out (a signing day moved is a reach total moved)."""
    connection = session.connection()
    engineers = dict(connection.execute(select(User.office_id, User.id).where(
        User.role == Role.ENGINEER)).all())
    _works_windows(connection)
    _first_visits(connection)
    _checklists(connection)
    _waiting_boqs(connection, engineers)
    _reopen_requests(connection, engineers)
    _create_events(session)


def share_case_photos(db: Database) -> None:
    """After the demo photos: each office's other closed cases show them too."""
    with db.write() as session:
        _case_photos(session.connection())


def _works_windows(connection: Connection) -> None:
    """Signed on or before the first labour day; the final assessment on or after the last."""
    days = connection.execute(
        select(LabourEntry.dwelling_id, func.min(LabourEntry.work_date),
               func.max(LabourEntry.work_date))
        .where(LabourEntry.deleted_at.is_(None)).group_by(LabourEntry.dwelling_id)).all()
    for dwelling_id, first, last in days:
        connection.execute(
            update(LeaseAgreement.__table__)
            .where(LeaseAgreement.dwelling_id == dwelling_id,
                   LeaseAgreement.signed_on.is_not(None), LeaseAgreement.signed_on > first)
            .values(signed_on=first))
        connection.execute(
            update(Assessment.__table__)
            .where(Assessment.dwelling_id == dwelling_id, Assessment.is_final.is_(True),
                   Assessment.assessed_on < last)
            .values(assessed_on=last))


def _first_visits(connection: Connection) -> None:
    """A monitored case's earliest due visit was made on its due day (or today)."""
    today = clock.today()
    visits = connection.execute(
        select(LeaseAgreement.dwelling_id, MonitoringVisit.id, MonitoringVisit.due_on,
               MonitoringVisit.visited_on)
        .join(LeaseAgreement, LeaseAgreement.id == MonitoringVisit.agreement_id)
        .join(Dwelling, Dwelling.id == LeaseAgreement.dwelling_id)
        .where(Dwelling.stage == Stage.MONITORED)
        .order_by(LeaseAgreement.dwelling_id, MonitoringVisit.due_on)).all()
    by_case: dict[uuid.UUID, list[Any]] = {}
    for visit in visits:
        by_case.setdefault(visit.dwelling_id, []).append(visit)
    made = [{"visit": first.id, "day": min(first.due_on, today)}
            for first, *_ in by_case.values()
            if not any(visit.visited_on for visit in by_case[first.dwelling_id])]
    if made:
        table = MonitoringVisit.__table__
        connection.execute(
            update(table).where(table.c.id == bindparam("visit"))
            .values(visited_on=bindparam("day"), household_present=True,
                    notes="Works in good condition; the family lives there."), made)


def _approved_lines(connection: Connection) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The lines of each closed case's latest approved BoQ, in their order, by dwelling."""
    rows = connection.execute(
        select(BoQ.dwelling_id, BoQ.revision, BoQLine.id)
        .join(BoQLine, BoQLine.boq_id == BoQ.id).join(Dwelling, Dwelling.id == BoQ.dwelling_id)
        .where(BoQ.status == ApprovalStatus.APPROVED, Dwelling.stage.in_(_CLOSED))
        .order_by(BoQ.dwelling_id, BoQ.revision, BoQLine.position)).all()
    latest: dict[uuid.UUID, tuple[int, list[uuid.UUID]]] = {}
    for dwelling_id, revision, line_id in rows:
        kept = latest.get(dwelling_id)
        if kept is None or kept[0] < revision:
            latest[dwelling_id] = kept = (revision, [])
        kept[1].append(line_id)
    return {dwelling_id: lines for dwelling_id, (_, lines) in latest.items()}


def _checklists(connection: Connection) -> None:
    """Each closed case's final assessment checks every approved line: the last one of every
    third case only partly done, with a note."""
    now = clock.now()
    rows = []
    lines_of = _approved_lines(connection)
    finals = connection.execute(
        select(Assessment.id, Assessment.dwelling_id)
        .join(Dwelling, Dwelling.id == Assessment.dwelling_id)
        .where(Assessment.is_final.is_(True), Dwelling.stage.in_(_CLOSED))
        .order_by(Dwelling.ref)).all()
    for number, (assessment_id, dwelling_id) in enumerate(finals):
        lines = lines_of.get(dwelling_id, [])
        for position, line_id in enumerate(lines):
            partly = number % 3 == 0 and position == len(lines) - 1
            rows.append({"id": uuid.uuid4(), "created_at": now, "updated_at": now, "version": 1,
                         "assessment_id": assessment_id, "boq_line_id": line_id,
                         "outcome": (WorkDone.PARTLY if partly else WorkDone.DONE).value,
                         "note": "Second coat left for the dry season" if partly else None})
    if rows:
        connection.execute(insert(WorksCheck.__table__), rows)


def _case_photos(connection: Connection) -> None:
    """With the demo photos: every closed case of an office shows the before and after photos
    taken at its photographed one (the same stored files), side by side in its Photos tab."""
    now = clock.now()
    shown = connection.execute(
        select(Photo.__table__, Dwelling.office_id).join(Dwelling, Dwelling.id == Photo.dwelling_id)
        .where(Photo.tag.in_((PhotoTag.BEFORE, PhotoTag.AFTER)))).mappings().all()
    by_office: dict[Any, list[Any]] = {}
    for row in shown:
        by_office.setdefault(row["office_id"], []).append(row)
    having = {row["dwelling_id"] for row in shown}
    copied = []
    for dwelling_id, office_id in connection.execute(
            select(Dwelling.id, Dwelling.office_id).where(Dwelling.stage.in_(_CLOSED))).all():
        if dwelling_id in having:
            continue
        for photo in by_office.get(office_id, []):
            copy = {key: photo[key] for key in Photo.__table__.c.keys()}
            copy.update(id=uuid.uuid4(), created_at=now, updated_at=now, version=1,
                        dwelling_id=dwelling_id, assessment_id=None)
            copied.append(copy)
    if copied:
        connection.execute(insert(Photo.__table__), copied)


def _waiting_boqs(connection: Connection, engineers: dict[Any, uuid.UUID]) -> None:
    """Each office's supervisor has a BoQ to approve: a draft with lines is submitted."""
    for office_id, engineer in engineers.items():
        if connection.scalar(select(BoQ.id).join(Dwelling, Dwelling.id == BoQ.dwelling_id).where(
                Dwelling.office_id == office_id, BoQ.status == ApprovalStatus.SUBMITTED)
                .limit(1)):
            continue
        draft = connection.scalar(
            select(BoQ.id).join(Dwelling, Dwelling.id == BoQ.dwelling_id)
            .where(Dwelling.office_id == office_id,
                   BoQ.status.in_((ApprovalStatus.DRAFT, ApprovalStatus.RETURNED)),
                   select(BoQLine.id).where(BoQLine.boq_id == BoQ.id).exists())
            .order_by(Dwelling.ref).limit(1))
        if draft is None:
            draft = _new_boq(connection, office_id)
        if draft is not None:
            connection.execute(update(BoQ.__table__).where(BoQ.id == draft).values(
                status=ApprovalStatus.SUBMITTED.value, submitted_by=engineer,
                submitted_at=clock.now(), return_reason=None))


def _new_boq(connection: Connection, office_id: Any) -> uuid.UUID | None:
    """A first BoQ for the office's last assessed case, priced like another BoQ of the office
    (its lines copied); the case moves to "BoQ drafted", as `boq.create_boq` moves it. The
    earlier assessed cases stay waiting for their BoQ."""
    dwelling = connection.execute(
        select(Dwelling.id, Dwelling.ref).where(
            Dwelling.office_id == office_id, Dwelling.stage == Stage.ASSESSED,
            ~select(BoQ.id).where(BoQ.dwelling_id == Dwelling.id).exists())
        .order_by(Dwelling.ref.desc()).limit(1)).first()
    source = connection.execute(
        select(BoQ).join(Dwelling, Dwelling.id == BoQ.dwelling_id)
        .where(Dwelling.office_id == office_id,
               select(BoQLine.id).where(BoQLine.boq_id == BoQ.id).exists())
        .order_by(BoQ.ref).limit(1)).first()
    if dwelling is None or source is None:
        return None
    now = clock.now()
    new_id = uuid.uuid4()
    connection.execute(insert(BoQ.__table__), [{
        "id": new_id, "created_at": now, "updated_at": now, "version": 1,
        "ref": boq_ref(dwelling.ref, 1), "dwelling_id": dwelling.id, "revision": 1,
        "catalogue_id": source.catalogue_id, "status": ApprovalStatus.DRAFT.value,
        "contingency_pct": source.contingency_pct}])
    lines = connection.execute(select(BoQLine.__table__).where(
        BoQLine.boq_id == source.id)).mappings().all()
    connection.execute(update(Dwelling.__table__).where(Dwelling.id == dwelling.id)
                       .values(stage=Stage.BOQ_DRAFTED.value))
    connection.execute(insert(BoQLine.__table__), [
        dict(line, id=uuid.uuid4(), boq_id=new_id, created_at=now, updated_at=now)
        for line in lines])
    return new_id


def _reopen_requests(connection: Connection, engineers: dict[Any, uuid.UUID]) -> None:
    """Each office's engineer asks to reopen one approved, unpaid timesheet."""
    now = clock.now()
    for office_id, engineer in engineers.items():
        sheet = connection.execute(
            select(Timesheet.id, Timesheet.dwelling_id)
            .join(Dwelling, Dwelling.id == Timesheet.dwelling_id)
            .where(Dwelling.office_id == office_id, Timesheet.status == ApprovalStatus.APPROVED,
                   Timesheet.payment_batch_id.is_(None))
            .order_by(Timesheet.ref).limit(1)).first()
        if sheet is not None:
            connection.execute(insert(ReopenRequest.__table__), [{
                "id": uuid.uuid4(), "created_at": now, "updated_at": now, "version": 1,
                "dwelling_id": sheet.dwelling_id, "kind": ReopenKind.TIMESHEET.value,
                "timesheet_id": sheet.id, "status": ApprovalStatus.SUBMITTED.value,
                "reason": "One worker's Friday was logged on Thursday; the day must move.",
                "requested_by": engineer, "created_by": engineer}])


# the case's records that get a create event: how each reaches its office, and the fields its
# event names (the ones a reader of the History tab knows by their label)
_EVENTS: list[tuple[Any, Any, tuple[str, ...]]] = [
    (Household, Household.office_id, ("ref", "head_name", "nationality", "protection_status")),
    (Dwelling, Dwelling.office_id, ("ref", "stage", "district", "neighbourhood", "street")),
    (Assessment, Dwelling.office_id, ("assessed_on", "priority_score")),
    (BoQ, Dwelling.office_id, ("ref", "revision", "status")),
    (LeaseAgreement, LeaseAgreement.office_id, ("number", "status", "start_date",
                                                "monthly_rent")),
    (Timesheet, Dwelling.office_id, ("ref", "status", "period_start", "period_end")),
]


def _create_events(session: Session) -> None:
    """A create event per case record, in its office engineer's name, at the record's time:
    written by the database (INSERT … SELECT), as a 100,000-case demo has some 400,000."""
    postgres = session.get_bind().dialect.name == "postgresql"
    json_object = func.json_build_object if postgres else func.json_object
    json_array = func.json_build_array if postgres else func.json_array
    events = AuditEvent.__table__
    for model, office, fields in _EVENTS:
        table = model.__table__
        engineer = select(User.id).where(User.office_id == office, User.role == Role.ENGINEER
                                         ).limit(1).scalar_subquery()
        changes = json_object(*(part for name in fields for part in (
            cast(literal(name), Text), json_array(null(), table.c[name]))))
        query = select(random_uuid(session), table.c.created_at, table.c.created_at,
                       engineer, literal(1), engineer, literal("create"),
                       literal(table.name), table.c.id, changes)
        if office.class_ is Dwelling and model is not Dwelling:
            query = query.join(Dwelling, Dwelling.id == table.c.dwelling_id)
        session.execute(insert(events).from_select(
            ["id", "created_at", "updated_at", "created_by", "version", "user_id", "action",
             "entity", "entity_id", "changes"], query))
