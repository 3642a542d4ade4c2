"""A timesheet on paper: the document's plain values filled from the database."""

import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Household, LabourEntry, Timesheet, User, Worker
from shelter_app.documents.timesheet import (
    TimesheetDocument,
    TimesheetEntry,
    render_timesheet,
)
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import Actor, require
from shelter_app.services.accounts.settings import setting
from shelter_app.services.boq.output import STATUS_TEXT
from shelter_app.services.cases.access import load_dwelling
from shelter_app.services.labour.payments import RATE_KEY
from shelter_app.services.labour.timesheets import find_timesheet


def timesheet_document(db: Database, actor: Actor, timesheet_id: uuid.UUID
                       ) -> TimesheetDocument:
    require(actor, Action.VIEW_CASES)
    with db.read() as session:
        timesheet = session.get(Timesheet, timesheet_id)
        if timesheet is None:
            raise UserError(translate("timesheets", "That timesheet does not exist any more."))
        site = load_dwelling(session, actor, timesheet.dwelling_id)
        household = session.get(Household, site.household_id) if site.household_id else None
        rows = session.execute(
            select(LabourEntry, Worker.ref, Worker.full_name, User.full_name, Worker.id_number)
            .join(Worker, Worker.id == LabourEntry.worker_id)
            .outerjoin(User, User.id == LabourEntry.created_by)
            .where(LabourEntry.timesheet_id == timesheet.id, LabourEntry.deleted_at.is_(None))
            .order_by(Worker.ref, LabourEntry.work_date)).all()
        names = {user_id: name for user_id, name in session.execute(
            select(User.id, User.full_name).where(
                User.id.in_([timesheet.submitted_by, timesheet.decided_by])))}
        span = (timesheet.period_end - timesheet.period_start).days + 1
        rates = {day: Decimal(str(setting(session, RATE_KEY, on=day, office_id=site.office_id)))
                 for day in (timesheet.period_start + timedelta(days=n) for n in range(span))}
        return TimesheetDocument(
            number=timesheet.ref, site_ref=site.ref, address=site.address,
            household=f"{household.head_name} ({household.ref})" if household else None,
            period_start=timesheet.period_start, period_end=timesheet.period_end,
            status=" / ".join(STATUS_TEXT[timesheet.status]),
            workers=list(dict.fromkeys((ref, name) for _, ref, name, _, _ in rows)),
            id_numbers={ref: id_number for _, ref, _, _, id_number in rows},
            entries=[TimesheetEntry(entry.work_date, ref, entry.portion, entry.task, recorder,
                                    entry.override_reason)
                     for entry, ref, _, recorder, _ in rows],
            rates=rates,
            engineer=names.get(timesheet.submitted_by),
            supervisor=names.get(timesheet.decided_by)
            if timesheet.status is ApprovalStatus.APPROVED else None,
            return_reason=timesheet.return_reason
            if timesheet.status is ApprovalStatus.RETURNED else None)


def print_timesheet(db: Database, actor: Actor, ref: str | uuid.UUID,
                    target: Path) -> TimesheetDocument:
    """Write the timesheet named by `ref` (its reference or id) as a PDF."""
    timesheet_id = ref if isinstance(ref, uuid.UUID) else find_timesheet(db, actor, ref)
    document = timesheet_document(db, actor, timesheet_id)
    try:
        render_timesheet(document, target)
    except OSError as error:
        raise UserError(translate("timesheets", "Cannot write {path}: {error}").format(
            path=target, error=error.strerror or error), field="out") from None
    return document
