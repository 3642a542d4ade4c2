"""The sync hub and enrolled laptops of every sync test (services, command line, windows):
one module of fixtures that each area's conftest imports by name.

The hub is the demo database (SQLite, or PostgreSQL under SHELTER_APP_TEST_DB) made a sync
server and served over real HTTP on loopback; laptops are always SQLite files, enrolled empty
and filled by their first sync. The demo's signed-in actors (`engineer`, `supervisor`, `admin`)
act on any of them: the users' ids are the same everywhere (on the laptops that hold them).

Both are made once per session and copied for each test: the hub with its change log and the
usual laptops (a, b, c of Gaziantep, ankara of Ankara) enrolled and synced once.
"""

import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from conftest import DemoTemplate
from server_dbs import ServerDatabases
from services.sync.machines import Laptop, office_id
from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import open_database
from shelter_app.data.outbox import set_state
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.sync import client, devices, serving
from shelter_app.services.sync.state_keys import SERVER_KEY
from sync_server import serving as serve

# The laptops most tests use, enrolled and synced in the session's hub: (name, office code).
USUAL = [("a", "GAZ"), ("b", "GAZ"), ("c", "GAZ"), ("ankara", "ANK")]


@dataclass(frozen=True)
class HubTemplate:
    target: str  # the hub database (file or URL)
    laptops: dict[tuple[str, str | None], Path]  # the usual laptops' files, synced with it


@pytest.fixture(scope="session")
def _laptop_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("laptop") / "laptop.db"
    open_database(str(path)).dispose()
    return path


def _checkpointed(database: Database) -> None:
    if database.is_sqlite:
        with database.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()


@pytest.fixture(scope="session")
def _hub_template(_demo_template: DemoTemplate, _servers: ServerDatabases | None,
                  _laptop_template: Path, tmp_path_factory: pytest.TempPathFactory
                  ) -> HubTemplate:
    """The demo database made a sync server, and the usual laptops enrolled and synced."""
    folder = tmp_path_factory.mktemp("hub")
    if _servers is None:
        target = str(folder / "hub.db")
        shutil.copyfile(_demo_template.target, target)
    else:
        target = _servers.create(template=make_url(_demo_template.target)).render_as_string(
            hide_password=False)
    database = Database(target_url(target))
    serving.prepare(database)
    laptops = {}
    with serve(database) as url, httpx.Client(base_url=url, timeout=60) as http:
        for name, office in USUAL:
            path = folder / f"{name}.db"
            shutil.copyfile(_laptop_template, path)
            machine = Database(target_url(str(path)))
            _, code = devices.add_device(database, SYSTEM, name, office)
            client.enrol(machine, http, url, code)
            client.sync(machine, http)
            _checkpointed(machine)
            laptops[(name, office)] = path
    _checkpointed(database)
    return HubTemplate(target, laptops)


@contextmanager
def _hub_copy(path: Path, hub: HubTemplate, demo: DemoTemplate,
              servers: ServerDatabases | None) -> Iterator[Database]:
    """A fresh copy of the prepared hub (a file at `path`, or a PostgreSQL database)."""
    if servers is None:
        shutil.copyfile(hub.target, path)
        database = Database(target_url(str(path)))
    else:
        database = Database(servers.create(template=make_url(hub.target)))
    if demo.files.is_dir():
        shutil.copytree(demo.files, database.files_dir, dirs_exist_ok=True)
    yield database
    database.dispose()
    if servers is not None:
        servers.drop(database.url)


@pytest.fixture
def hub(tmp_path: Path, _hub_template: HubTemplate, _demo_template: DemoTemplate,
        _servers: ServerDatabases | None) -> Iterator[Database]:
    """The demo database as a sync server: a copy of the session's prepared hub."""
    with _hub_copy(tmp_path / "hub.db", _hub_template, _demo_template, _servers) as database:
        yield database


@pytest.fixture
def twin_hub(tmp_path: Path, _hub_template: HubTemplate, _demo_template: DemoTemplate,
             _servers: ServerDatabases | None) -> Iterator[Database]:
    """A second copy of the hub, to apply the same ops another way and compare."""
    with _hub_copy(tmp_path / "twin.db", _hub_template, _demo_template, _servers) as database:
        yield database


@pytest.fixture
def hub_url(hub: Database) -> Iterator[str]:
    with serve(hub) as url:
        yield url


@pytest.fixture
def http(hub_url: str) -> Iterator[httpx.Client]:
    """A plain HTTP client of the hub, for raw requests."""
    with httpx.Client(base_url=hub_url, timeout=60) as session:
        yield session


@pytest.fixture
def token(hub: Database) -> str:
    """The token of a Gaziantep device enrolled without a laptop (for raw requests)."""
    _, code = devices.add_device(hub, SYSTEM, "raw", "GAZ")
    return devices.enrol(hub, code).token


@pytest.fixture
def gaz(hub: Database) -> uuid.UUID:
    return office_id(hub, "GAZ")


@pytest.fixture
def statements(hub: Database) -> Iterator[list[str]]:
    """The SQL statements the hub runs (an executemany counts once)."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(hub.engine, "before_cursor_execute", count)
    yield seen
    event.remove(hub.engine, "before_cursor_execute", count)


@pytest.fixture
def laptop(hub: Database, hub_url: str, tmp_path: Path, _laptop_template: Path,
           _hub_template: HubTemplate) -> Iterator[Callable[..., Laptop]]:
    """`laptop("a")`: a SQLite laptop enrolled for Gaziantep (or `office=`) and synced once
    (the usual ones are copies made at the session's start); `first_sync=False`: enrolled
    only; `url=`: enrolled with another server of the same hub."""
    made: list[Laptop] = []

    def make(name: str, office: str | None = "GAZ", *, first_sync: bool = True,
             url: str | None = None) -> Laptop:
        path = tmp_path / f"{name}.db"
        http = httpx.Client(base_url=url or hub_url, timeout=60)
        ready = _hub_template.laptops.get((name, office))
        if ready is not None and first_sync:
            shutil.copyfile(ready, path)
            db = Database(target_url(str(path)))
            with db.write() as session:  # the session's server is gone: this test's instead
                set_state(session, SERVER_KEY, url or hub_url)
        else:
            shutil.copyfile(_laptop_template, path)
            db = Database(target_url(str(path)))
            _, code = devices.add_device(hub, SYSTEM, name, office)
            client.enrol(db, http, url or hub_url, code)
        machine = Laptop(name, db, http, office_id(hub, office) if office else None)
        made.append(machine)
        if first_sync and ready is None:
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
