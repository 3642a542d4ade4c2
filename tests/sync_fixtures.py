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
from typing import Any

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


def take_photos(db: Database, actor: Any, count: int, folder: Path, *,
                size: tuple[int, int] = (800, 600), seed: int = 0, ref: str | None = None
                ) -> list[str]:
    """`count` new photos of dwelling `ref` (default: the first of the actor's office),
    imported as a user would; their hashes in order."""
    from sqlalchemy import select

    from shelter_app.data.models import Dwelling, Photo
    from shelter_app.demo.sample_photos import camera_jpeg, wall_picture
    from shelter_app.services.photos.photos import import_photos

    with db.read() as session:
        ref = ref or session.scalar(select(Dwelling.ref).where(
            Dwelling.office_id == actor.office_id).order_by(Dwelling.ref).limit(1))
    paths = []
    for number in range(count):
        path = folder / f"IMG_{seed}_{number}.jpg"
        path.write_bytes(camera_jpeg(wall_picture(size, seed=seed * 1000 + number, grain=0.3)))
        paths.append(path)
    outcomes = import_photos(db, actor, ref, paths, workers=0)
    assert all(outcome.photo_id for outcome in outcomes), outcomes
    with db.read() as session:
        return [str(session.scalar(select(Photo.sha256).where(Photo.id == outcome.photo_id)))
                for outcome in outcomes]
