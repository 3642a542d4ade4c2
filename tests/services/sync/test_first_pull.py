"""A first pull leaves totals and search tokens to its last page; cut short, the next sync
finishes it, and the laptop ends as one that pulled without a break."""

from sqlalchemy import func, select

from shelter_app.data import totals
from shelter_app.data.models import Dwelling, DwellingSearchToken, KnownVersion
from shelter_app.data.outbox import state
from shelter_app.services.sync import client


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
