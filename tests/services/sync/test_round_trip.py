"""The approval round trip between two laptops through the server, by services."""

from decimal import Decimal

from sqlalchemy import select

from shelter_app.data.models import Dwelling, PriceItem
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.services.boq import boq as boqs
from shelter_app.services.boq.lookup import list_boqs


def test_engineer_submits_supervisor_approves_and_the_laptop_shows_it_locked(
        laptop, engineer, supervisor):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    with a.db.read() as session:
        ref = session.scalar(select(Dwelling.ref).where(Dwelling.stage == Stage.ASSESSED)
                             .order_by(Dwelling.ref).limit(1))
        item = session.scalar(select(PriceItem.id).order_by(PriceItem.code).limit(1))
    view = boqs.create_boq(a.db, engineer, ref)
    boqs.add_line(a.db, engineer, view.id, item, Decimal("3"))
    boqs.submit(a.db, engineer, view.id, confirm=True)
    assert a.sync().clean

    b.sync()
    waiting = [row.ref for row in list_boqs(b.db, supervisor, status=ApprovalStatus.SUBMITTED)]
    assert view.ref in waiting
    boqs.approve(b.db, supervisor, view.id, confirm=True)
    assert b.sync().applied >= 1

    a.sync()
    assert boqs.boq_view(a.db, engineer, view.id).status == ApprovalStatus.APPROVED
    try:
        boqs.set_contingency(a.db, engineer, view.id, Decimal("5"))
    except UserError as error:
        assert "locked" in error.message
    else:
        raise AssertionError("an approved BoQ took an edit on the laptop")
