"""A first pull leaves totals and search tokens to its last page and sets the non-unique
indexes aside while it fills the tables; cut short or killed, the next sync finishes it, the
indexes come back, and the laptop ends as one that pulled without a break."""

import json
import sqlite3

import httpx
import orjson
import pytest
from sqlalchemy import func, select

from shelter_app.data import indexes_aside, totals
from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import HEAD_REVISION, copy_sqlite, open_database
from shelter_app.data.models import (
    Device,
    Dwelling,
    DwellingSearchToken,
    KnownVersion,
    LogEntry,
    PriceCatalogue,
)
from shelter_app.data.outbox import state
from shelter_app.data.replication import BadValue
from shelter_app.domain.errors import UserError
from shelter_app.services.boq.catalogue import reference_catalogue
from shelter_app.services.sync import apply_pull, client, pulled_values, serving
from shelter_app.services.sync.state_keys import CURSOR_KEY, UNSETTLED_KEY

from services.sync.machines import Laptop, differences, synced_data


def _held(db, office_id):
    """The laptop's search tokens of its office and the count of its known versions."""
    with db.read() as session:
        return set(session.execute(select(DwellingSearchToken.dwelling_id,
                                          DwellingSearchToken.token).join(
            Dwelling, Dwelling.id == DwellingSearchToken.dwelling_id).where(
            Dwelling.office_id == office_id)).all()), session.scalar(
            select(func.count()).select_from(KnownVersion))


def _indexes(path) -> set[tuple[str, str]]:
    """Every index of the SQLite file at `path`, by name and statement."""
    with sqlite3.connect(path) as conn:
        return set(conn.execute("SELECT name, coalesce(sql, '') FROM sqlite_master "
                                "WHERE type = 'index'"))


def _set_aside(path) -> dict[str, str] | None:
    with sqlite3.connect(path) as conn:
        found = conn.execute("SELECT value FROM sync_state WHERE key = ?",
                             (indexes_aside.KEY,)).fetchone()
    return None if found is None else json.loads(found[0])


def _finished_like(machine, whole, fresh) -> None:
    """`machine` holds what `whole` (pulled without a break) does, and every index of `fresh`."""
    tokens, versions = _held(machine.db, machine.office)
    assert (tokens, versions) == _held(whole.db, whole.office)
    assert tokens and versions > 600
    for each in (whole, machine):
        with each.db.read() as session:
            assert state(session, UNSETTLED_KEY) is None
            assert state(session, indexes_aside.KEY) is None
            assert totals.stale(session) == []
        assert _indexes(each.db.path) == fresh


def test_a_first_pull_cut_short_is_finished_by_the_next_sync(laptop, monkeypatch,
                                                              _laptop_template):
    monkeypatch.setattr(client, "PAGE", 300)
    whole, cut = laptop("whole", first_sync=False), laptop("cut", first_sync=False)
    fresh = _indexes(_laptop_template)
    whole.sync()
    pages: list[int] = []
    aside: list[dict[str, str] | None] = []
    client.sync(cut.db, cut.http, progress=lambda step, done, _: (
        pages.append(done), aside.append(_set_aside(cut.db.path))),
                cancelled=lambda: len(pages) >= 2)
    assert aside[0] and set(aside[0].items()) < fresh  # non-unique ones only, while it ran
    assert not any(name.startswith("sqlite_autoindex") or "UNIQUE" in statement
                   for name, statement in aside[0].items())
    with cut.db.read() as session:
        assert state(session, UNSETTLED_KEY) is True  # two pages in, not settled
        assert session.scalar(select(func.count()).select_from(DwellingSearchToken)) == 0
    assert _indexes(cut.db.path) == fresh  # put back on its way out

    cut.sync()

    _finished_like(cut, whole, fresh)


def test_a_laptop_killed_mid_pull_gets_its_indexes_back_when_opened(
        laptop, monkeypatch, tmp_path, _laptop_template):
    """The file as a killed app leaves it (two pages in, indexes aside): opening it puts the
    indexes back before anything else, and its next sync finishes the pull."""
    monkeypatch.setattr(client, "PAGE", 300)
    whole, cut = laptop("whole", first_sync=False), laptop("killed", first_sync=False)
    fresh = _indexes(_laptop_template)
    whole.sync()
    left = tmp_path / "left.db"
    pages: list[int] = []

    def killed_after_two(step, done, _):
        pages.append(done)
        if len(pages) == 2:  # what is on disk at that moment: the app dies here
            copy_sqlite(cut.db.path, left)

    client.sync(cut.db, cut.http, progress=killed_after_two, cancelled=lambda: len(pages) >= 2)
    assert _set_aside(left) and _indexes(left) < fresh

    reopened = open_database(str(left))
    assert _indexes(left) == fresh and _set_aside(left) is None
    reopened.dispose()
    revived = Laptop("killed", Database(target_url(str(left))), httpx.Client(
        base_url=str(cut.http.base_url), timeout=60), cut.office)
    try:
        revived.sync()
        _finished_like(revived, whole, fresh)
    finally:
        revived.http.close()
        revived.db.dispose()


def test_a_column_converted_at_once_is_what_the_writer_makes_of_each_value(hub, laptop):
    """A pull converts a new row's column in a few passes; off the usual path (another
    UUID spelling, a time in another zone, 1 beside True) it must still give each value as
    the per-value writer does, and refuse what it refuses."""

    a = laptop("columns", first_sync=False)
    dialect = a.db.engine.dialect
    with hub.read() as session:
        device = session.scalars(select(Device).where(Device.name == "columns")).one()
    entries = serving.pull_page(hub, device, 0, 5_000)["entries"]
    odd = {"uuid": ["6F9619FF-8B86-D011-B42D-00CF4FC964FF", "6f9619ff8b86d011b42d00cf4fc964ff"],
           "moment": ["2026-11-25T12:00:00+03:00", "2026-11-25T09:00:00.000000+00:00"],
           "whole second": ["2026-11-25T09:00:00+00:00"],  # isoformat writes no fraction
           "plain": [1, True, 1.0, "1", "1.50"]}
    checked = 0
    for entity in {entry["entity"] for entry in entries}:
        rows = [entry["row"] | {"id": entry["row_id"]} for entry in entries
                if entry["entity"] == entity and entry["row"] is not None]
        writers = dict(pulled_values.writers(entity, dialect))
        for name, convert in pulled_values.converters(entity, dialect):
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


def test_a_first_pull_taken_as_columns_ends_as_one_taken_as_entries(laptop, monkeypatch,
                                                                     _laptop_template):
    """A first pull asks for its pages as columns; a server that does not know the form
    answers entries (as one that predates it does), and the laptop ends the same."""
    monkeypatch.setattr(client, "PAGE", 300)
    forms: list[str] = []
    for name in ("apply_tables", "apply_entries"):
        real = getattr(apply_pull, name)
        monkeypatch.setattr(apply_pull, name, lambda *a, real=real, name=name, **k: (
            forms.append(name), real(*a, **k))[1])
    columns = laptop("columns", first_sync=False)
    columns.sync()
    assert set(forms) == {"apply_tables"} and len(forms) > 2
    forms.clear()
    monkeypatch.setattr(client, "COLUMNS", "a form of tomorrow")  # the server: entries
    entries = laptop("entries", first_sync=False)
    entries.sync()
    assert set(forms) == {"apply_entries"}

    assert not differences(synced_data(columns.db), synced_data(entries.db))
    _finished_like(columns, entries, _indexes(_laptop_template))


@pytest.mark.parametrize("fault", [
    "a table twice", "a column short of a row", "a row twice", "an id not text",
    "an unknown table", "a bad id", "a bad version"])
def test_a_page_of_columns_that_cannot_be_used_is_refused_whole(laptop, hub_url, fault):
    a = laptop("faulty", first_sync=False)
    page = httpx.post(hub_url + "/v1/pull", json={
        "schema": HEAD_REVISION, "cursor": 0, "limit": 5_000, "form": "columns"},
        headers={"Authorization": f"Bearer {a.token}"}).json()
    tables = page["tables"]
    dwellings = next(table for table in tables if table["entity"] == "dwellings")
    if fault == "a table twice":
        tables.append(dwellings)
    elif fault == "a column short of a row":
        dwellings["columns"]["ref"].pop()
    elif fault == "a row twice":
        dwellings["purged"].append(dwellings["row_ids"][0])
    elif fault == "an id not text":
        dwellings["row_ids"][0] = 7
    elif fault == "an unknown table":
        dwellings["entity"] = "rockets"
    elif fault == "a bad id":
        dwellings["row_ids"][0] = "not-a-uuid"
    else:
        dwellings["versions"][0] = "2"

    class Replay:  # the server, answering the faulty page
        def post(self, url, *, json=None, headers=None):
            return httpx.Response(200, content=orjson.dumps(page))

    with pytest.raises(UserError) as refused:
        client.sync(a.db, Replay())
    assert ("cannot be read" in refused.value.message or "unknown table rockets" in
            refused.value.message or "dwellings row that cannot be stored"
            in refused.value.message), refused.value.message
    with a.db.read() as session:
        assert state(session, CURSOR_KEY) == 0
        assert session.scalar(select(func.count()).select_from(Dwelling)) == 0


def test_a_server_made_from_nothing_logs_the_shipped_catalogue(db):
    """A programme set up from an empty database (no demo): the laptops pull the price
    catalogue, so the BoQs they make refer to one the server holds."""
    serving.prepare(db)
    with db.read() as session:
        logged = set(session.scalars(select(LogEntry.entity)))
        label = session.scalar(select(PriceCatalogue.label))
    assert {"price_catalogues", "price_items"} <= logged
    assert label == reference_catalogue()["label"]
