"""A sync hub and enrolled laptops for the sync tests: a module of fixtures that a conftest
imports by name (tests/ui/sync/conftest.py), so every sync test can use the same ones.

The hub is the demo database (SQLite, or PostgreSQL under SHELTER_APP_TEST_DB) made a sync
server and served over real HTTP on loopback; laptops are always SQLite files, enrolled empty
and filled by their first sync. The demo's signed-in actors (`engineer`, `supervisor`, `admin`)
act on any of them: the users' ids are the same everywhere.
"""

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sync_server import serving as serve

from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import open_database
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.sync import client, devices, serving
from shelter_app.services.sync.client import Report


@dataclass
class Laptop:
    name: str
    db: Database
    http: httpx.Client

    def sync(self) -> Report:
        return client.sync(self.db, self.http)


@pytest.fixture(scope="session")
def _laptop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("laptop") / "laptop.db"
    open_database(str(path)).dispose()
    return path


@pytest.fixture
def hub(demo_db: Database) -> Database:
    """The demo database as a sync server."""
    serving.prepare(demo_db)
    return demo_db


@pytest.fixture
def hub_url(hub: Database) -> Iterator[str]:
    with serve(hub) as url:
        yield url


@pytest.fixture
def laptop(hub: Database, hub_url: str, tmp_path: Path, _laptop_template: Path
           ) -> Iterator[Callable[..., Laptop]]:
    """`laptop("a")`: a new SQLite laptop enrolled for Gaziantep (or `office=`), synced once."""
    made: list[Laptop] = []

    def make(name: str, office: str | None = "GAZ", *, first_sync: bool = True) -> Laptop:
        path = tmp_path / f"{name}.db"
        shutil.copyfile(_laptop_template, path)
        db = Database(target_url(str(path)))
        http = httpx.Client(base_url=hub_url, timeout=60)
        _, code = devices.add_device(hub, SYSTEM, name, office)
        client.enrol(db, http, hub_url, code)
        machine = Laptop(name, db, http)
        made.append(machine)
        if first_sync:
            machine.sync()
        return machine

    yield make
    for machine in made:
        machine.http.close()
        machine.db.dispose()
