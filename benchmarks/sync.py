"""Sync against a PostgreSQL hub served by `shelter-app serve` in its own process, on loopback.

- sync_initial: an empty laptop pulls the whole programme of the 20,000-dwelling demo (its
  households, landlords, assessments, BoQs, agreements, visits) plus 200,000 labour days.
  Target (issue #16): at most 30 s. Baseline: PostgreSQL's own `COPY (SELECT …) TO STDOUT` of
  the same tables, the least any transfer of these rows costs.
- sync_day: a day's work of an office (50 cases, 500 labour days, 20 approvals) pushed by one
  laptop and pulled by another. Target: at most 2 s. Baseline: the same rows written by one
  plain INSERT transaction on the hub.
- sync_apply: ops the server applies per second on one core (apply_batch, no HTTP), and the
  bytes of one op on the wire. Target: at least 5,000 ops/s. Baseline: the same changes as one
  executemany UPDATE.

The hub is copied once from the SQLite demo into a database of the PostgreSQL server named by
SHELTER_APP_BENCH_DB (else the test cluster `.ci/postgres` starts), and reused while the
schema and demo generator are unchanged; each run works on a copy of it.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import bindparam, create_engine, insert, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from benchmarks.fixtures import _source_hash, demo_database
from shelter_app.data.base import Base
from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import open_database
from shelter_app.data.models import (
    Device,
    Dwelling,
    Household,
    LabourEntry,
    Landlord,
    LeaseAgreement,
    Office,
    Timesheet,
    User,
    Worker,
)
from shelter_app.data.replication import TABLES
from shelter_app.domain import clock
from shelter_app.domain.stages import (
    AgreementStatus,
    ApprovalStatus,
    LandlordKind,
    PaymentMethod,
    ProtectionStatus,
    Role,
    Stage,
)
from shelter_app.server.collector import server_collector
from shelter_app.services.accounts.auth import SYSTEM, Actor
from shelter_app.services.sync import client, devices, serving
from shelter_app.services.sync.apply import apply_batch
from shelter_app.services.sync.protocol import Op

ROOT = Path(__file__).resolve().parent.parent
SIZE = 20_000
LABOUR_DAYS = 200_000


def _server_url() -> URL:
    raw = os.environ.get("SHELTER_APP_BENCH_DB") or subprocess.run(
        ["bash", str(ROOT / ".ci/postgres")], check=True, capture_output=True,
        text=True).stdout.strip().splitlines()[-1]
    return make_url(raw)


def _admin(url: URL) -> Any:
    return create_engine(url.set(database="postgres"), poolclass=NullPool,
                         isolation_level="AUTOCOMMIT")


def _hub_template(url: URL) -> URL:
    """The prepared hub database, built once per schema and demo generator. A run that finds
    another building it waits for that build (a lock of the server's, held until the lock's
    connection closes) rather than dropping the half-built copy and starting again."""
    name = f"bench_sync_{_source_hash()}"
    admin = _admin(url)
    with admin.connect() as lock:
        lock.execute(text("SELECT pg_advisory_lock(hashtext(:n))"), {"n": name})
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                 {"n": name})
            if not exists:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}_partial" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{name}_partial"'))
        if not exists:
            _fill(url.set(database=f"{name}_partial"))
            with admin.connect() as conn:
                conn.execute(text(f'ALTER DATABASE "{name}_partial" RENAME TO "{name}"'))
    admin.dispose()
    return url.set(database=name)


def _fill(url: URL) -> None:
    """Copy the SQLite demo into PostgreSQL, add the labour days, make it a sync server."""
    started = time.perf_counter()
    source = Database(target_url(str(demo_database(SIZE))))
    hub = open_database(url.render_as_string(hide_password=False))
    with source.engine.connect() as read, hub.engine.begin() as write:
        for table in Base.metadata.sorted_tables:
            if table.name == "alembic_version" or table.name.startswith("sync_"):
                continue
            rows = [dict(row._mapping) for row in read.execute(select(table))]
            for start in range(0, len(rows), 5_000):
                write.execute(insert(table), rows[start:start + 5_000])
    source.dispose()
    _add_labour(hub)
    serving.prepare(hub)
    hub.dispose()
    print(f"  (hub built in {time.perf_counter() - started:.0f} s)", file=sys.stderr)


def _add_labour(hub: Database) -> None:
    """200,000 labour days: 20 days for each of two workers on 5,000 sites."""
    rng = random.Random(16)
    now = clock.now()
    with hub.write() as session:
        sites = session.execute(select(Dwelling.id, Dwelling.household_id).where(
            Dwelling.household_id.is_not(None)).order_by(Dwelling.ref).limit(5_000)).all()
        workers, days = [], []
        for site_id, household_id in sites:
            for n in range(2):
                worker_id = uuid.uuid4()
                workers.append({"id": worker_id, "ref": f"BEN-W-{len(workers):06d}",
                                "household_id": household_id, "full_name": f"İşçi Çalışkan {n}",
                                "id_number": f"{rng.randrange(10**10, 10**11)}",
                                "birth_date": date(1990, 1, 1),
                                "payment_method": PaymentMethod.PTT,
                                "iban": None, "skills": [], "extra": {}, "search_key": "",
                                "created_at": now, "updated_at": now, "version": 1})
                for day in range(LABOUR_DAYS // (len(sites) * 2)):
                    days.append({"id": uuid.uuid4(), "worker_id": worker_id,
                                 "dwelling_id": site_id,
                                 "work_date": date(2026, 6, 1) + timedelta(days=day),
                                 "portion": Decimal("1.0"), "task": "Sıva / الجص",
                                 "created_at": now, "updated_at": now, "version": 1})
        session.execute(insert(Worker.__table__), workers)
        for start in range(0, len(days), 10_000):
            session.execute(insert(LabourEntry.__table__), days[start:start + 10_000])


def _copy_db(url: URL, template: URL, name: str) -> URL:
    name = f"{name}_{os.getpid()}"  # two runs at once (two checkouts) never drop each other's
    with _admin(url).connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"'))
    return url.set(database=name)


def _drop(url: URL) -> None:
    with _admin(url).connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))


class _Server:
    """`shelter-app serve` on the hub, in its own process (its own core), on a free port."""

    def __init__(self, url: URL, *options: str) -> None:
        sys.path.insert(0, str(ROOT / "tests"))
        from sync_server import free_port

        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "shelter_app", "serve", "--db",
             url.render_as_string(hide_password=False), "--port", str(self.port), *options],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        self.url = f"http://127.0.0.1:{self.port}"
        for _ in range(600):
            try:
                httpx.get(self.url + "/v1/hello", timeout=1)
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        raise RuntimeError("the sync server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


def _laptop(folder: Path, name: str, hub: Database, server: _Server, office: str | None
            ) -> tuple[Database, httpx.Client]:
    db = open_database(str(folder / f"{name}.db"))
    http = httpx.Client(base_url=server.url, timeout=300)
    _, code = devices.add_device(hub, SYSTEM, name, office)
    client.enrol(db, http, server.url, code)
    return db, http


def _copy_baseline(url: URL) -> tuple[float, int]:
    """PostgreSQL's COPY … TO STDOUT of every synced table: seconds and rows."""
    import psycopg

    rows = 0
    started = time.perf_counter()
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(
            hide_password=False)) as conn, conn.cursor() as cursor:
        for name in TABLES:
            with cursor.copy(f'COPY (SELECT * FROM "{name}") TO STDOUT') as copy:
                for _ in copy.rows():
                    rows += 1
    return time.perf_counter() - started, rows


def _cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of process `pid` so far, read from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _initial(url: URL, template: URL, folder: Path) -> dict[str, Any]:
    copy = _copy_db(url, template, "bench_sync_initial")
    hub = Database(copy)
    server = _Server(copy)
    try:
        db, http = _laptop(folder, "initial", hub, server, None)
        server_cpu = _cpu_seconds(server.process.pid)
        started, cpu = time.perf_counter(), time.process_time()
        report = client.sync(db, http)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        server_cpu = _cpu_seconds(server.process.pid) - server_cpu
        http.close()
        db.dispose()
        base_seconds, base_rows = _copy_baseline(copy)
    finally:
        server.stop()
        hub.dispose()
        _drop(copy)
    return {"name": "sync_initial", "value": round(seconds, 2), "unit": "s",
            "baseline": round(base_seconds, 2), "ratio": round(seconds / base_seconds, 1),
            "target": "<= 30 s", "rows": report.pulled,
            # CPU time, which other load inflates far less than wall time: the laptop's (this
            # process) and the server's (its process)
            "laptop_cpu_s": round(cpu, 2), "server_cpu_s": round(server_cpu, 2),
            "rows_per_s": round(report.pulled / seconds),
            "baseline_rows_per_s": round(base_rows / base_seconds),
            "laptop_db_mb": round((folder / "initial.db").stat().st_size / 1e6, 1)}


def _day_of_work(db: Database, engineer: Actor, office_id: uuid.UUID) -> None:
    """50 new cases (each with its landlord and signed agreement) and 500 labour days,
    written through the ORM as the services write."""
    today = clock.today()
    with db.write(engineer) as session:
        sites = []
        for n in range(50):
            household = Household(ref=f"DAY-H-{n:05d}", office_id=office_id,
                                  head_name=f"Ayşe Yılmaz {n}", nationality="Suriye",
                                  protection_status=ProtectionStatus.TEMPORARY, members={},
                                  vulnerabilities=[], search_key="")
            landlord = Landlord(ref=f"DAY-L-{n:05d}", office_id=office_id,
                                kind=LandlordKind.PERSON, name=f"Hasan Ev Sahibi {n}")
            session.add_all([household, landlord])
            session.flush()
            site = Dwelling(ref=f"DAY-D-{n:05d}", office_id=office_id, province="Gaziantep",
                            district="Şahinbey", neighbourhood="Karşıyaka",
                            street="Atatürk Cd.", building_no=str(n),
                            household_id=household.id, landlord_id=landlord.id,
                            stage=Stage.WORKS_IN_PROGRESS)
            session.add(site)
            session.flush()
            # signed a month ago: the days fall inside the works window (labour rule of #18)
            session.add(LeaseAgreement(
                number=f"DAY-A-{n:05d}", office_id=office_id, dwelling_id=site.id,
                landlord_id=landlord.id, household_id=household.id,
                status=AgreementStatus.SIGNED, term_months=12,
                start_date=today - timedelta(days=30), end_date=today + timedelta(days=335),
                monthly_rent=Decimal("4000.00"), signed_on=today - timedelta(days=30)))
            worker = Worker(ref=f"DAY-W-{n:05d}", household_id=household.id,
                            full_name=f"Mehmet Çalışkan {n}", id_number=f"{10**10 + n}",
                            birth_date=date(1990, 1, 1),
                            payment_method=PaymentMethod.PTT, skills=[], extra={})
            session.add(worker)
            session.flush()
            sites.append((site.id, worker.id))
        for n in range(500):
            site_id, worker_id = sites[n % 50]
            session.add(LabourEntry(worker_id=worker_id, dwelling_id=site_id,
                                    work_date=today - timedelta(days=n // 50),
                                    portion=Decimal("1.0"), task="Boya"))


def _approve(db: Database, supervisor: Actor, count: int) -> int:
    with db.write(supervisor) as session:
        sheets = list(session.scalars(select(Timesheet).where(
            Timesheet.status == ApprovalStatus.SUBMITTED).limit(count)))
        for sheet in sheets:
            sheet.status = ApprovalStatus.APPROVED
            sheet.decided_at = clock.now()
            sheet.decided_by = supervisor.user_id
    return len(sheets)


def _actor(db: Database, role: Role, office_id: uuid.UUID) -> Actor:
    with db.read() as session:
        user = session.scalars(select(User).where(User.role == role,
                                                  User.office_id == office_id)).first()
        assert user is not None
        return Actor(user.id, user.username, user.full_name, user.role, user.office_id)


def _day(url: URL, template: URL, folder: Path) -> dict[str, Any]:
    copy = _copy_db(url, template, "bench_sync_day")
    hub = Database(copy)
    with hub.write() as session:  # 20 timesheets waiting for the supervisor
        office = session.execute(select(Office.id, Office.code).order_by(Office.code)).first()
        assert office is not None
        session.execute(update(Timesheet).where(Timesheet.id.in_(
            select(Timesheet.id).join(Dwelling, Dwelling.id == Timesheet.dwelling_id)
            .where(Dwelling.office_id == office.id).limit(20).scalar_subquery()))
            .values(status=ApprovalStatus.SUBMITTED, decided_at=None, decided_by=None))
    server = _Server(copy)
    try:
        a, http_a = _laptop(folder, "day-a", hub, server, office.code)
        b, http_b = _laptop(folder, "day-b", hub, server, office.code)
        client.sync(a, http_a)
        client.sync(b, http_b)
        _day_of_work(a, _actor(a, Role.ENGINEER, office.id), office.id)
        approvals = _approve(b, _actor(b, Role.SUPERVISOR, office.id), 20)
        started = time.perf_counter()
        pushed_a = client.sync(a, http_a)
        got_b = client.sync(b, http_b)
        got_a = client.sync(a, http_a)
        seconds = time.perf_counter() - started
        rows = pushed_a.pushed
        http_a.close()
        http_b.close()
        base = _insert_baseline(hub, rows)
        a.dispose()
        b.dispose()
    finally:
        server.stop()
        hub.dispose()
        _drop(copy)
    return {"name": "sync_day", "value": round(seconds, 2), "unit": "s",
            "baseline": round(base, 2), "ratio": round(seconds / base, 1), "target": "<= 2 s",
            "ops_pushed": pushed_a.pushed + got_b.pushed, "approvals": approvals,
            "refused": pushed_a.refused + got_b.refused,
            "pulled_by_b": got_b.pulled, "pulled_back_by_a": got_a.pulled}


def _insert_baseline(hub: Database, rows: int) -> float:
    """One plain transaction inserting `rows` labour rows: the least a server write costs."""
    with hub.read() as session:
        site, worker = session.execute(select(LabourEntry.dwelling_id, LabourEntry.worker_id)
                                       .limit(1)).one()
    now = clock.now()
    started = time.perf_counter()
    with hub.engine.begin() as conn:
        conn.execute(insert(LabourEntry.__table__), [
            {"id": uuid.uuid4(), "worker_id": worker, "dwelling_id": site,
             "work_date": date(2020, 1, 1) + timedelta(days=n), "portion": Decimal("1.0"),
             "created_at": now, "updated_at": now, "version": 1} for n in range(rows)])
        conn.rollback()
    return time.perf_counter() - started


def _apply(url: URL, template: URL) -> dict[str, Any]:
    copy = _copy_db(url, template, "bench_sync_apply")
    hub = Database(copy)
    try:
        _, code = devices.add_device(hub, SYSTEM, "apply", None)
        devices.enrol(hub, code)
        with hub.read() as session:
            device = session.scalars(select(Device).where(Device.name == "apply")).one()
            engineer, office_id = session.execute(select(User.id, User.office_id).where(
                User.role == Role.ENGINEER).order_by(User.username)).first()
            entries = session.execute(select(LabourEntry.id, LabourEntry.version).join(
                Dwelling, Dwelling.id == LabourEntry.dwelling_id).where(
                Dwelling.office_id == office_id, LabourEntry.timesheet_id.is_(None))
                .limit(10_000)).all()
        now = clock.now()
        ops = [Op(uuid.uuid4(), "labour_entries", row_id, "update", version,
                  {"task": f"Duvar yalıtımı {n}"}, engineer, f"{n:013d}-00000-A", now)
               for n, (row_id, version) in enumerate(entries)]
        wire = len(json.dumps({"schema": "x", "ops": [op.message() for op in ops]}))
        with server_collector():  # as `shelter-app serve` runs
            started = time.perf_counter()
            for start in range(0, len(ops), 1_000):
                outcomes = apply_batch(hub, device, ops[start:start + 1_000])
                assert all(o.status == "applied" for o in outcomes), outcomes[0]
            seconds = time.perf_counter() - started
        started = time.perf_counter()
        with hub.engine.begin() as conn:
            conn.execute(update(LabourEntry.__table__).where(
                LabourEntry.__table__.c.id == bindparam("_id")).values(task=bindparam("t")),
                [{"_id": op.row_id, "t": "x"} for op in ops])
            conn.rollback()
        base = time.perf_counter() - started
    finally:
        hub.dispose()
        _drop(copy)
    return {"name": "sync_apply", "value": round(len(ops) / seconds), "unit": "ops/s",
            "baseline": round(len(ops) / base), "ratio": round(base / seconds, 2),
            "target": ">= 5000 ops/s", "bytes_per_op": round(wire / len(ops)),
            "ops": len(ops)}


def run() -> Iterator[dict[str, Any]]:
    url = _server_url()
    template = _hub_template(url)
    folder = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        yield _initial(url, template, folder)
        yield _day(url, template, folder)
        yield _apply(url, template)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
