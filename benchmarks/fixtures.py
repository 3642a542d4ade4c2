"""Demo databases of a given size, built once and cached outside git.

Small demos live in benchmarks/.cache, rebuilt when the schema or the demo generator changes.
The programme database (100,000 dwellings, a million labour days: the dashboard, the case file,
the dwelling filter and the latency walk all read it) takes minutes to build, so it is shared
by every checkout of the machine (SHELTER_APP_BENCH_CACHE, else the user's cache folder) and
keyed by the schema revision only; a lock makes a second builder wait for the first.
"""

import fcntl
import hashlib
import os
import random
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

CACHE = Path(__file__).resolve().parent / ".cache"
# the byte-code of the app's modules, as an installed app has it (startup.py, latency.py)
PYCACHE = CACHE / "pycache"
PROGRAMME_DWELLINGS = 100_000
PROGRAMME_LABOUR_DAYS = 1_000_000
DAYS_PER_WORKER = 25  # in the year before the demo's last labour day


def shared_cache() -> Path:
    """Where the databases every checkout can share are kept (not in any worktree)."""
    import platformdirs

    folder = os.environ.get("SHELTER_APP_BENCH_CACHE")
    path = Path(folder) if folder else Path(platformdirs.user_cache_dir("shelter_app")) / "bench"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _source_hash() -> str:
    """Demo databases are rebuilt when the schema or the demo generator changes."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for source in sorted([*(root / "shelter_app/demo").glob("*.py"),
                          *(root / "db/versions").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One builder of `path` at a time, across processes and checkouts."""
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _cached(path: Path, build: Callable[[Path], None]) -> Path:
    """`path`, made by `build(partial)` and checkpointed, unless a finished copy exists."""
    from shelter_app.data.engine import Database, target_url

    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        if path.exists():  # built by another process while this one waited
            return path
        partial = path.with_suffix(".partial")
        for leftover in path.parent.glob(partial.name + "*"):
            leftover.unlink()
        build(partial)
        db = Database(target_url(str(partial)))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.dispose()
        shutil.move(partial, path)
    return path


def _demo(size: int) -> Callable[[Path], None]:
    def build(partial: Path) -> None:
        from shelter_app.data.migrate import open_database
        from shelter_app.demo.programme import create_demo

        db = open_database(str(partial))
        create_demo(db, size)
        db.dispose()
    return build


def copy_on_disk(source: Path, target: Path) -> None:
    """A copy of the database `source` whose pages are on the disk (fsync), as an app's file
    is. Left in the page cache, they are written in the timed part instead, by the first
    fsync of the file (a checkpoint's: 76 MB with a month's payment batch, +25-30 ms)."""
    shutil.copyfile(source, target)
    with target.open("rb") as copy:
        os.fsync(copy.fileno())


def demo_database(size: int) -> Path:
    """A checkpointed demo database with `size` dwellings; a fresh copy is cheap to make."""
    return _cached(CACHE / f"demo-{size}-{_source_hash()}.db", _demo(size))


def programme_database() -> Path:
    """The demo of PROGRAMME_DWELLINGS dwellings with PROGRAMME_LABOUR_DAYS labour days or more.

    The demo's own labour is bounded, so it is topped up with a worker on each of 40,000 of its
    sites whose works started, DAYS_PER_WORKER days each in the year before, so a million labour
    days spread over twelve months. Read it, never write to it: copy it first.
    """
    from shelter_app.data.migrate import HEAD_REVISION, open_database

    name = f"programme-{PROGRAMME_DWELLINGS}-r"

    def build(partial: Path) -> None:
        older = sorted(shared_cache().glob(f"{name}*.db"))  # zero-padded: the newest last
        for stale in older[:-1]:  # 1.4 GB each: keep only the copy this one is upgraded from
            stale.unlink()
        if older:  # a copy kept at an older revision is upgraded by the migrations, in minutes
            shutil.copyfile(older[-1], partial)
            open_database(str(partial)).dispose()
            for backup in partial.parent.glob(f"{partial.stem}.before-upgrade-*"):
                backup.unlink()
            return
        _demo(PROGRAMME_DWELLINGS)(partial)
        _add_labour(partial)

    return _cached(shared_cache() / f"{name}{HEAD_REVISION}.db", build)


def _add_labour(path: Path) -> None:
    from sqlalchemy import func, insert, select

    from shelter_app.data import totals
    from shelter_app.data.engine import Database, target_url
    from shelter_app.data.models import Dwelling, LabourEntry, Worker
    from shelter_app.domain.ids import make_tckn
    from shelter_app.domain.stages import PaymentMethod, Stage

    db = Database(target_url(str(path)))
    rng = random.Random(18)
    with db.write() as session:
        have = session.scalar(select(func.count()).select_from(LabourEntry)) or 0
        last = session.scalar(select(func.max(LabourEntry.work_date))) or date(2026, 11, 30)
        days = [last - timedelta(days=n) for n in range(365)]
        days = [day for day in days if day.weekday() < 6]
        sites = session.execute(
            select(Dwelling.id, Dwelling.household_id, Dwelling.ref)
            .where(Dwelling.stage.in_([Stage.WORKS_IN_PROGRESS, Stage.COMPLETED,
                                       Stage.MONITORED]), Dwelling.household_id.is_not(None))
            .order_by(Dwelling.ref)
            .limit((PROGRAMME_LABOUR_DAYS - have) // DAYS_PER_WORKER + 1)).all()
        workers, entries = [], []
        for n, (dwelling_id, household_id, ref) in enumerate(sites):
            worker_id = uuid.uuid4()
            workers.append({"id": worker_id, "ref": f"{ref[:3]}-W-9{n:06d}",
                            "household_id": household_id, "full_name": f"İşçi {n}",
                            "id_number": make_tckn(f"{200000000 + n}"),
                            "birth_date": date(1990, 1, 1),
                            "payment_method": PaymentMethod.PTT, "skills": [], "extra": {}})
            entries += [{"id": uuid.uuid4(), "worker_id": worker_id, "dwelling_id": dwelling_id,
                         "work_date": day, "portion": Decimal("0.5") if rng.random() < 0.1
                         else Decimal("1.0"), "task": "Sıva"}
                        for day in rng.sample(days, DAYS_PER_WORKER)]
        for model, values in ((Worker, workers), (LabourEntry, entries)):
            for start in range(0, len(values), 50_000):
                session.execute(insert(model), values[start:start + 50_000])
        totals.rebuild(session)  # the days went in bulk, past the flush that keeps them
    db.dispose()


def heaviest_case(session: Any) -> tuple[Any, int]:
    """The monitored dwelling with the most labour days (its id and their count): the file
    that costs most to open."""
    from sqlalchemy import func, select

    from shelter_app.data.models import Dwelling, LabourEntry
    from shelter_app.domain.stages import Stage

    return session.execute(
        select(Dwelling.id, func.count(LabourEntry.id))
        .join(LabourEntry, LabourEntry.dwelling_id == Dwelling.id)
        .where(Dwelling.stage == Stage.MONITORED)
        .group_by(Dwelling.id).order_by(func.count(LabourEntry.id).desc()).limit(1)).one()
