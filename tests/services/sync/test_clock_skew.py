"""A laptop whose clock runs three days fast or slow loses no update and takes none from
others: versions decide what is newer, never clocks. Only the laptop writes at the wrong time
(the server runs in this process, so syncs run at the right one)."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from services.sync.machines import differences, synced_data
from shelter_app.data.models import Household
from shelter_app.domain import clock, hlc


def _household(db, n: int = 0) -> Household:
    with db.read() as session:
        return session.scalars(select(Household).where(Household.ref.like("GAZ-%"))
                               .order_by(Household.ref).offset(n).limit(1)).one()


def _set(machine, actor, household: Household, **values) -> str:
    """Change a household on a laptop; the op's clock stamp."""
    with machine.db.write(actor) as session:
        record = session.get(Household, household.id)
        for key, value in values.items():
            setattr(record, key, value)
    return machine.outbox()[-1].hlc


@pytest.mark.parametrize("skew", [timedelta(days=3), timedelta(days=-3)])
def test_a_laptop_with_a_wrong_clock_loses_no_update(laptop, hub, gaz, engineer, time_machine,
                                                     skew):
    a, b = laptop("a"), laptop("b")
    now = clock.now()
    first, second = _household(a.db), _household(a.db, 1)

    # both edit at once, different fields and records: everything merges
    time_machine.move_to(now + skew)
    skewed = _set(a, engineer, first, phone="+905321112233")
    _set(a, engineer, second, nationality="Iraqi")
    time_machine.move_to(now + timedelta(seconds=1))
    _set(b, engineer, first, nationality="Afghan")
    _set(b, engineer, second, phone="+905329998877")
    ahead = hlc.parse(skewed).millis - hlc.parse(b.outbox()[0].hlc).millis
    if skew > timedelta(0):  # stamped three days ahead
        assert ahead == pytest.approx(skew.total_seconds() * 1000, abs=5000)
    else:  # never before what the laptop last saw at its last sync (when its fixture was
        # made, minutes ago on a busy machine), whatever its clock says: not three days back
        assert -3_600_000 < ahead <= 0
    assert a.sync().clean and b.sync().clean and a.sync().clean

    # then each edits what the other wrote last; the later edit wins whatever the clocks say
    time_machine.move_to(now + skew + timedelta(minutes=1))
    _set(a, engineer, first, nationality="Syrian")
    time_machine.move_to(now + timedelta(minutes=2))
    assert a.sync().clean and b.sync().clean
    after_seeing = _set(b, engineer, first, nationality="Iraqi", phone="+905320001122")
    assert after_seeing > skewed  # what b did after seeing a's change sorts after it
    assert b.sync().clean and a.sync().clean

    for db in (hub, a.db, b.db):
        one, two = _household(db), _household(db, 1)
        assert (one.phone, one.nationality) == ("+905320001122", "Iraqi")
        assert (two.phone, two.nationality) == ("+905329998877", "Iraqi")
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert differences(a.data(), b.data()) == []


def test_a_stamp_never_goes_back_when_the_clock_does(laptop, engineer, time_machine):
    a = laptop("a")
    now = clock.now()
    household = _household(a.db)
    time_machine.move_to(now + timedelta(days=3))
    ahead = _set(a, engineer, household, phone="+905321112233")
    time_machine.move_to(now)  # the clock is put right
    behind = _set(a, engineer, household, phone="+905329998877")
    assert behind > ahead
    assert a.sync().clean
    assert _household(a.db).phone == "+905329998877"
