"""Records made before the case rules existed that break them, for `shelter-app check`: listed
for a person to look at, never changed (a wrong date may hide a real payment)."""

from sqlalchemy import and_, exists, func, not_, or_, select

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    Dwelling,
    LabourEntry,
    LeaseAgreement,
    MonitoringVisit,
    PaymentBatch,
    Photo,
    Timesheet,
)
from shelter_app.domain import clock
from shelter_app.domain.cash_for_work import parse_period
from shelter_app.domain.i18n import date_text, translate
from shelter_app.domain.stages import AgreementStatus, PhotoTag, Stage


def rule_breaches(db: Database) -> list[str]:
    """One line per record (or per site's labour days) that breaks a case rule."""
    found: list[str] = []
    with db.read() as session:
        signed = (select(LeaseAgreement.dwelling_id, func.min(LeaseAgreement.signed_on)
                         .label("day")).where(LeaseAgreement.deleted_at.is_(None))
                  .group_by(LeaseAgreement.dwelling_id).subquery())
        done = (select(Assessment.dwelling_id, func.min(Assessment.assessed_on).label("day"))
                .where(Assessment.is_final.is_(True), Assessment.deleted_at.is_(None))
                .group_by(Assessment.dwelling_id).subquery())
        for ref, count, first, last, signed_on in session.execute(
                select(Dwelling.ref, func.count(), func.min(LabourEntry.work_date),
                       func.max(LabourEntry.work_date), signed.c.day)
                .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
                .outerjoin(signed, signed.c.dwelling_id == Dwelling.id)
                .outerjoin(done, done.c.dwelling_id == Dwelling.id)
                .where(LabourEntry.deleted_at.is_(None), or_(
                    signed.c.day.is_(None), LabourEntry.work_date < signed.c.day,
                    and_(done.c.day.is_not(None), LabourEntry.work_date > done.c.day)))
                .group_by(Dwelling.ref, signed.c.day).order_by(Dwelling.ref)):
            found.append(translate("check", "{ref}: %n labour days ({first} – {last}) lie "
                                            "outside the works (agreement signed: {signed}).",
                                   "", count)
                         .format(ref=ref, first=date_text(first),
                                 last=date_text(last), signed=date_text(signed_on)
                                 if signed_on else "—"))
        for ref, count in session.execute(
                select(Timesheet.ref, func.count())
                .join(LabourEntry, LabourEntry.timesheet_id == Timesheet.id)
                .where(LabourEntry.deleted_at.is_(None), or_(
                    LabourEntry.dwelling_id != Timesheet.dwelling_id,
                    not_(LabourEntry.work_date.between(Timesheet.period_start,
                                                       Timesheet.period_end))))
                .group_by(Timesheet.ref).order_by(Timesheet.ref)):
            found.append(translate("check", "Timesheet {ref} holds %n labour days of another "
                                            "site or outside its period; a payment batch would "
                                            "pay them as its site's labour.", "", count)
                         .format(ref=ref))
        visited = exists().where(MonitoringVisit.agreement_id == LeaseAgreement.id,
                                 LeaseAgreement.dwelling_id == Dwelling.id,
                                 MonitoringVisit.visited_on.is_not(None),
                                 MonitoringVisit.deleted_at.is_(None))
        after = exists().where(Photo.dwelling_id == Dwelling.id, Photo.tag == PhotoTag.AFTER,
                               Photo.deleted_at.is_(None))
        for ref, stage, has_visit, has_after in session.execute(
                select(Dwelling.ref, Dwelling.stage, visited, after)
                .where(Dwelling.deleted_at.is_(None),
                       Dwelling.stage.in_((Stage.COMPLETED, Stage.MONITORED)))
                .order_by(Dwelling.ref)):
            if stage is Stage.MONITORED and not has_visit:
                found.append(translate("check", "{ref} is monitored but no monitoring visit was "
                                                "made.").format(ref=ref))
            if not has_after:
                found.append(translate("check", "{ref} is {stage} without photos of the "
                                                "finished works.").format(ref=ref,
                                                                          stage=stage.label))
        for number, start in session.execute(
                select(LeaseAgreement.number, LeaseAgreement.start_date).where(
                    LeaseAgreement.status == AgreementStatus.ACTIVE,
                    LeaseAgreement.start_date > clock.today(),
                    LeaseAgreement.deleted_at.is_(None)).order_by(LeaseAgreement.number)):
            found.append(translate("check", "Agreement {number} is active before its start on "
                                            "{start}.").format(number=number,
                                                               start=date_text(start)))
        for ref, period, built in session.execute(
                select(PaymentBatch.ref, PaymentBatch.period, PaymentBatch.created_at)
                .where(PaymentBatch.deleted_at.is_(None)).order_by(PaymentBatch.ref)):
            if built is not None and built.astimezone(clock.CALENDAR_ZONE).date() <= parse_period(period)[1]:
                found.append(translate("check", "Payment batch {ref} for {period} was built on "
                                                "{day}, before the month ended.").format(
                    ref=ref, period=period, day=date_text(built.astimezone(clock.CALENDAR_ZONE).date())))
    return found
