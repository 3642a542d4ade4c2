"""Changes of different fields of one record on two laptops merge on the server."""

from dataclasses import replace

from sqlalchemy import select

from services.sync.machines import differences, synced_data
from shelter_app.data.models import Conflict, Household
from shelter_app.services.cases.households import household_view, update_household


def _gaz_household(db) -> str:
    with db.read() as session:
        return session.scalar(select(Household.ref).where(Household.ref.like("GAZ-%"))
                              .order_by(Household.ref).limit(1))


def test_a_first_sync_brings_exactly_the_offices_rows(laptop, hub, gaz):
    a = laptop("a")
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert a.data()["households"]  # not vacuously: the office's records arrived


def test_different_fields_edited_on_two_laptops_merge_without_a_conflict(
        laptop, hub, gaz, engineer):
    a, b = laptop("a"), laptop("b")
    ref = _gaz_household(a.db)
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    update_household(b.db, engineer, ref, replace(before, nationality="Iraqi"), confirm=True)

    assert a.sync().clean
    report = b.sync()
    assert report.clean and report.applied == 1
    a.sync()

    for db in (hub, a.db, b.db):
        merged = household_view(db, engineer, ref)
        assert (merged.phone, merged.nationality) == ("+90 532 111 22 33", "Iraqi")
        with db.read() as session:
            assert session.scalar(select(Conflict.id)) is None
    assert differences(synced_data(hub, gaz), a.data()) == []
    assert differences(a.data(), b.data()) == []
