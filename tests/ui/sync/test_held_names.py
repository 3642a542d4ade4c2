"""The Sync page's held list names records that have no reference of their own (an
assessment, a household member, …) as a person would find them, not by their id."""

import uuid
from datetime import date

import pytest
from sqlalchemy import select, update
from ui.sync.windows import open_page

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    BoQLine,
    Conflict,
    Dwelling,
    Household,
    HouseholdMember,
    LeaseAgreement,
    MonitoringVisit,
    OutboxOp,
    Photo,
    ReopenRequest,
    Timesheet,
    WorksCheck,
)
from shelter_app.domain.stages import PhotoTag
from shelter_app.ui import formats

HEAD, CHILD = "Fatma Yılmaz", "Ali Yılmaz"
# language: its Sync page's title, then how it names each kind ({site}, {day}, {household},
# {line}, {timesheet} filled in)
SAID = {
    "tr": ("Eşitleme", [
        "Değerlendirme ({site}, {assessed})", "İzleme ziyareti ({agreement_site}, {due})",
        "İş kontrolü ({check_site}, keşif satırı {line})", "Yeniden açma talebi (Puantaj {timesheet})",
        "Hane üyesi ({household}, 1. kişi)", "Hane üyesi ({household}, 2. kişi)",
        "Fotoğraf ({site}, Sonra)", "Fotoğraf ({site}, Önce)",
        "İş kontrolü (artık bu bilgisayarda değil)"]),
    "ar": ("المزامنة", [
        "تقييم في ⁨{site}⁩ بتاريخ ⁨{assessed}⁩", "زيارة متابعة في ⁨{agreement_site}⁩ بتاريخ ⁨{due}⁩",
        "فحص الأعمال في ⁨{check_site}⁩، سطر جدول الكميات ⁨{line}⁩",
        "طلب إعادة فتح (كشف الدوام ⁨{timesheet}⁩)",
        "فرد من الأسرة (⁨{household}⁩، رقم ⁨1⁩)",
        "فرد من الأسرة (⁨{household}⁩، رقم ⁨2⁩)",
        "صورة «بعد» في ⁨{site}⁩", "صورة «قبل» في ⁨{site}⁩",
        "فحص الأعمال (لم يعد على هذا الحاسوب)"]),
}


@pytest.mark.parametrize("language", ["tr", "ar"])
def test_held_changes_of_records_with_no_reference_say_where_and_when_they_belong(
        qtbot, laptop, engineer, window_on, in_language, language):
    """They were named by their id ("Değerlendirme 5f0c…"), which told the user nothing to
    find them by; a household member is named by their place in the register, not their name
    (the names reach the command line's sync report too)."""
    in_language(language)
    a = laptop("engineer-laptop")
    facts = _one_held_change_of_each_kind(a.db, engineer)
    title, said = SAID[language]
    window = window_on(a.db, engineer)
    page = open_page(window, title)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(said))
    shown = sorted(_unmarked(page.model.index(row, 1).data()) for row in range(len(said)))
    assert shown == sorted(_unmarked(text.format(**facts)) for text in said)
    assert not any(name in text for text in shown for name in (HEAD, CHILD, "Yılmaz"))


@pytest.mark.parametrize(("language", "title", "said"), [
    ("tr", "Eşitleme çakışmaları", "Değerlendirme ({site}, {day})"),
    ("ar", "تعارضات المزامنة", "تقييم في {site} بتاريخ {day}")])
def test_a_conflict_of_an_assessment_is_named_by_its_site_and_day(
        qtbot, laptop, supervisor, window_on, in_language, language, title, said):
    """The Conflicts page named it by its id too."""
    in_language(language)
    a = laptop("supervisor-laptop")
    with a.db.write() as session:
        assessment, site = session.execute(select(Assessment, Dwelling).join(
            Dwelling, Dwelling.id == Assessment.dwelling_id).where(Dwelling.ref.like("GAZ-%"))
            .order_by(Dwelling.ref, Assessment.assessed_on, Assessment.id).limit(1)).one()
        session.add(Conflict(entity="assessments", row_id=assessment.id, field="notes",
                             office_id=site.office_id, base="a", ours="b", theirs="c",
                             resolution=None, op_id=uuid.uuid4()))
        facts = {"site": site.ref, "day": formats.date_text(assessment.assessed_on)}
    window = window_on(a.db, supervisor)
    page = open_page(window, title)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert _unmarked(page.model.index(0, 0).data()) == said.format(**facts)


def _unmarked(text: str) -> str:
    """`text` without the marks that set the direction of its parts in Arabic."""
    return text.translate(dict.fromkeys(map(ord, "\u200e\u200f\u2066\u2067\u2068\u2069")))


def _one_held_change_of_each_kind(db: Database, engineer) -> dict[str, str]:
    """A Gaziantep record of each kind changed here and refused by the server, a household's
    two new members among them, and two this laptop no longer holds: a photo whose op says
    where it was, a works check whose op does not. What names them."""
    with db.write(engineer) as session:
        assessment = session.scalars(select(Assessment).join(
            Dwelling, Dwelling.id == Assessment.dwelling_id).where(Dwelling.ref.like("GAZ-%"))
            .order_by(Dwelling.ref, Assessment.assessed_on, Assessment.id).limit(1)).one()
        assessment.notes = "checked again"
        site = session.get_one(Dwelling, assessment.dwelling_id)
        visit, agreement_site = session.execute(select(MonitoringVisit, Dwelling.ref).join(
            LeaseAgreement, LeaseAgreement.id == MonitoringVisit.agreement_id).join(
            Dwelling, Dwelling.id == LeaseAgreement.dwelling_id).where(
            Dwelling.ref.like("GAZ-%")).order_by(Dwelling.ref, MonitoringVisit.due_on,
                                                 MonitoringVisit.id).limit(1)).one()
        visit.notes = "landlord away"
        check, check_site, line = session.execute(select(WorksCheck, Dwelling.ref, BoQLine.position)
            .join(Assessment, Assessment.id == WorksCheck.assessment_id).join(
            Dwelling, Dwelling.id == Assessment.dwelling_id).join(
            BoQLine, BoQLine.id == WorksCheck.boq_line_id).where(Dwelling.ref.like("GAZ-%"))
            .order_by(Dwelling.ref, BoQLine.position, WorksCheck.id).limit(1)).one()
        check.note = "seen"
        request, timesheet = session.execute(select(ReopenRequest, Timesheet.ref).join(
            Timesheet, Timesheet.id == ReopenRequest.timesheet_id).where(
            Timesheet.ref.like("GAZ-%")).order_by(Timesheet.ref).limit(1)).one()
        request.answer = "see me"
        household = session.get_one(Household, site.household_id)
        session.add_all([
            HouseholdMember(household_id=household.id, latin_name=CHILD, sex="male",
                            birth_date=date(2015, 3, 1), relation="child"),
            HouseholdMember(household_id=household.id, latin_name=HEAD, sex="female",
                            birth_date=date(1985, 6, 1), relation="head"),
            Photo(dwelling_id=site.id, sha256="0" * 64, size_bytes=1, width=1, height=1,
                  tag=PhotoTag.AFTER)])
        facts = {"site": site.ref, "assessed": formats.date_text(assessment.assessed_on),
                 "agreement_site": agreement_site, "due": formats.date_text(visit.due_on),
                 "check_site": check_site, "line": str(line), "timesheet": timesheet,
                 "household": household.ref}
    with db.write() as session:
        op = session.scalars(select(OutboxOp).where(OutboxOp.entity == "works_checks")).one()
        photo = session.scalars(select(OutboxOp).where(OutboxOp.entity == "photos")).one()
        session.add_all([
            OutboxOp(op_id=uuid.uuid4(), entity=op.entity, row_id=uuid.uuid4(), action=op.action,
                     base_version=op.base_version, fields={"note": "seen"}, user_id=op.user_id,
                     hlc=op.hlc, created_at=op.created_at),
            OutboxOp(op_id=uuid.uuid4(), entity=photo.entity, row_id=uuid.uuid4(),
                     action=photo.action, base_version=photo.base_version,
                     fields=photo.fields | {"tag": "before"}, user_id=photo.user_id,
                     hlc=photo.hlc, created_at=photo.created_at)])
        session.flush()
        session.execute(update(OutboxOp).where(OutboxOp.status == "pending").values(
            status="refused", reason="not taken"))
    return facts
