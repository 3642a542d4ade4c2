"""Importing 50,000 households from a Turkish Excel CSV (cp1254, ";", decimal commas, dates as
25.11.2026) into a database that already holds 1,000 cases: read, every row checked by the
household form's rules, duplicates looked up, inserted and audited in one transaction.

Target (issue #9): validated and imported in at most 10 s; (issue #23) at most twice the
baseline of the same run. The baseline is the least any
import costs: csv.reader over the same file plus one bulk INSERT of ready-made rows, without
checks or audit.
"""

import shutil
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.fixtures import CACHE, demo_database
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Household, Office
from shelter_app.domain import clock
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import Role
from shelter_app.services.accounts.auth import Actor

ROWS = 50_000
HEADER = ("Adı Soyadı;TC Kimlik No;Uyruk;Koruma Statüsü;Rıza Tarihi;Telefon;Kadın 18-59;"
          "Erkek 18-59;Kız 0-17;Erkek 0-17;Kırılganlıklar")
_NAMES = ("Ayşe Yılmaz", "İbrahim Öztürk", "Fatma Şahin", "محمد الأحمد", "Gülşen Çağlar")


def _csv(path: Path) -> Path:
    lines = [HEADER]
    for n in range(ROWS):
        lines.append(";".join((
            f"{_NAMES[n % len(_NAMES)]} {n}", make_tckn(f"{300000000 + n:09d}"), "Suriye",
            "Geçici koruma", f"{1 + n % 28:02d}.10.2026", f"0532 {n % 1000:03d} 45 67", "1", "1",
            str(n % 4), str(n % 3), "engelli" if n % 5 == 0 else "")))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1254", errors="replace"))
    return path


def _baseline(path: Path, db: Database, office_id: uuid.UUID) -> float:
    import csv

    started = time.perf_counter()
    with path.open(encoding="cp1254", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))[1:]
    now = clock.now()
    with db.write() as session:
        session.execute(insert(Household), [
            {"ref": f"BAS-H-{n:06d}", "office_id": office_id, "head_name": row[0],
             "head_id_number": row[1], "nationality": row[2],
             "protection_status": "temporary_protection", "members": {}, "vulnerabilities": [],
             "consent_at": now, "search_key": row[0].lower()} for n, row in enumerate(rows)])
        session.rollback()
    return time.perf_counter() - started


def run() -> list[dict[str, object]]:
    from shelter_app.services.imports.kinds import kind_named
    from shelter_app.services.imports.mapping import auto_mapping
    from shelter_app.services.imports.runner import Options, run_import
    from shelter_app.services.imports.opening import read_source

    with tempfile.TemporaryDirectory(dir=CACHE.parent, prefix="import-bench-") as tmp:
        work = Path(tmp)
        CACHE.mkdir(exist_ok=True)
        path = work / "shelter.db"
        shutil.copyfile(demo_database(1_000), path)
        db = Database(target_url(str(path)))
        with db.read() as session:
            office_id = session.scalar(select(Office.id).where(Office.code == "GAZ"))
        actor = Actor(None, "bench", "Bench", Role.ENGINEER, office_id)
        data = _csv(work / "hane.csv")
        size_mb = round(data.stat().st_size / 1e6, 1)
        baseline = _baseline(data, db, office_id)
        started = time.perf_counter()
        source = read_source(data)
        read = time.perf_counter() - started
        options = Options("households", auto_mapping(kind_named("households"),
                                                     source.main.headers))
        preview_started = time.perf_counter()
        preview = run_import(db, actor, source, options, dry_run=True)
        preview_seconds = time.perf_counter() - preview_started
        result = run_import(db, actor, source, options)
        total = time.perf_counter() - started - preview_seconds
        again_started = time.perf_counter()
        again = run_import(db, actor, source, options)
        again_seconds = time.perf_counter() - again_started
        db.dispose()
    assert result.counts["new"] == ROWS == preview.counts["new"], result.counts
    assert again.counts["skipped"] == ROWS
    return [
        {"name": "import_households", "value": round(total, 2), "unit": "s",
         "baseline": round(baseline, 2), "ratio": round(total / baseline, 1),
         "target": "<= 10 s and ratio <= 2",
         "rows": ROWS, "read_s": round(read, 2), "preview_s": round(preview_seconds, 2),
         "file_mb": size_mb},
        {"name": "import_households_again", "value": round(again_seconds, 2), "unit": "s",
         "baseline": None, "ratio": None, "target": "all skipped, nothing written"},
    ]
