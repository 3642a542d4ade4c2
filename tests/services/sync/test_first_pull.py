"""A first pull leaves totals and search tokens to its last page; cut short, the next sync
finishes it, and the laptop ends as one that pulled without a break."""

import pytest
from sqlalchemy import func, select

from shelter_app.data import totals
from shelter_app.data.models import Device, Dwelling, DwellingSearchToken, KnownVersion
from shelter_app.data.outbox import state
from shelter_app.data.replication import BadValue
from shelter_app.services.sync import apply_pull, client, serving


def _held(db, office_id):
    """The laptop's search tokens of its office and the count of its known versions."""
    with db.read() as session:
        return set(session.execute(select(DwellingSearchToken.dwelling_id,
                                          DwellingSearchToken.token).join(
            Dwelling, Dwelling.id == DwellingSearchToken.dwelling_id).where(
            Dwelling.office_id == office_id)).all()), session.scalar(
            select(func.count()).select_from(KnownVersion))


def test_a_first_pull_cut_short_is_finished_by_the_next_sync(laptop, monkeypatch):
    monkeypatch.setattr(client, "PAGE", 300)
    whole, cut = laptop("whole", first_sync=False), laptop("cut", first_sync=False)
    whole.sync()
    pages: list[int] = []
    client.sync(cut.db, cut.http, progress=lambda step, done, _: pages.append(done),
                cancelled=lambda: len(pages) >= 2)
    with cut.db.read() as session:
        assert state(session, client.UNSETTLED_KEY) is True  # two pages in, not settled
        assert session.scalar(select(func.count()).select_from(DwellingSearchToken)) == 0

    cut.sync()

    tokens, versions = _held(cut.db, cut.office)
    assert (tokens, versions) == _held(whole.db, whole.office)
    assert tokens and versions > 600
    for machine in (whole, cut):
        with machine.db.read() as session:
            assert state(session, client.UNSETTLED_KEY) is None
            assert totals.stale(session) == []


def test_a_column_converted_at_once_is_what_the_writer_makes_of_each_value(hub, laptop):
    """apply_pull converts a new row's column in a few passes; off the usual path (another
    UUID spelling, a time in another zone, 1 beside True) it must still give each value as
    the per-value writer does, and refuse what it refuses."""

    a = laptop("columns", first_sync=False)
    dialect = a.db.engine.dialect
    with hub.read() as session:
        device = session.scalars(select(Device).where(Device.name == "columns")).one()
    entries = serving.pull_page(hub, device, 0, 5_000)["entries"]
    odd = {"uuid": ["6F9619FF-8B86-D011-B42D-00CF4FC964FF", "6f9619ff8b86d011b42d00cf4fc964ff"],
           "moment": ["2026-11-25T12:00:00+03:00", "2026-11-25T09:00:00.000000+00:00"],
           "plain": [1, True, 1.0, "1", "1.50"]}
    checked = 0
    for entity in {entry["entity"] for entry in entries}:
        rows = [entry["row"] | {"id": entry["row_id"]} for entry in entries
                if entry["entity"] == entity and entry["row"] is not None]
        writers = dict(apply_pull._writers(entity, dialect))
        for name, convert in apply_pull._converters(entity, dialect):
            values = [row.get(name) for row in rows]
            for extra in ([], *odd.values()):
                try:
                    expected = list(map(writers[name], values + extra))
                except (BadValue, ValueError, TypeError, ArithmeticError):
                    with pytest.raises((BadValue, ValueError, TypeError, ArithmeticError)):
                        convert(values + extra)
                    continue
                assert convert(values + extra) == expected, (entity, name, extra)
                checked += 1
    assert checked > 100
