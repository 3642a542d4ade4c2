"""Importing real-shaped KoboToolbox and ODK Central exports (issue #19): each export imported
as cases, then as assessments with their rooms and photos, into a database that already holds
1,000 cases. The exports are the tests' (tests/kobo_exports.py: formpack's and Central's
layouts), repeated to SUBMISSIONS submissions, photos for the first four.

The baseline, measured in the same run for each export, is the least such an import costs:
reading the file (read_source) and one bulk INSERT of ready-made households, without checks,
value mapping or audit.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.fixtures import CACHE, demo_database
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Household, Office
from shelter_app.domain import clock
from shelter_app.domain.stages import Role
from shelter_app.services.accounts.auth import Actor

COPIES = 125  # 500 submissions in each export
SUBMISSIONS = COPIES * 4


def _baseline(path: Path, db: Database, office_id) -> float:
    from shelter_app.services.imports.opening import read_source

    started = time.perf_counter()
    source = read_source(path)
    now = clock.now()
    with db.write() as session:
        session.execute(insert(Household), [
            {"ref": f"BAS-H-{n:06d}", "office_id": office_id, "head_name": str(name),
             "head_id_number": None, "nationality": "Suriye",
             "protection_status": "temporary_protection", "members": {}, "vulnerabilities": [],
             "consent_at": now, "search_key": str(name).lower()}
            for n, row in enumerate(source.main.rows)
            if (name := next((v for h, v in row.cells.items() if "head" in h.lower()
                              or "reisi" in h.lower()), None))])
        session.rollback()
    return time.perf_counter() - started


def _import(db: Database, actor: Actor, path: Path, attachments: Path | None) -> dict:
    from shelter_app.services.imports.choices import (
        WORST_FIRST,
        suggested_values,
        with_direction,
    )
    from shelter_app.services.imports.kinds import kind_named
    from shelter_app.services.imports.mapping import auto_mapping
    from shelter_app.services.imports.runner import Options, run_import
    from shelter_app.services.imports.opening import read_source

    started = time.perf_counter()
    source = read_source(path)
    counts = {}
    for name in ("cases", "assessments"):
        kind = kind_named(name)
        mapping = auto_mapping(kind, source.main.headers)
        values = suggested_values(kind, source.main, mapping)
        if name == "assessments" and not path.name.endswith("-tr.xlsx"):
            values = with_direction(kind, source.main, mapping, values, WORST_FIRST)
        result = run_import(db, actor, source, Options(
            name, mapping, values=values, attachments=attachments or source.attachments))
        counts[name] = result.counts["new"]
        counts[f"{name}_photos"] = result.photos_imported
    return {"seconds": time.perf_counter() - started, **counts}


def run() -> list[dict[str, object]]:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from kobo_exports import central_zip, kobo_attachments, kobo_csv, kobo_xlsx

    figures = []
    with tempfile.TemporaryDirectory(dir=CACHE.parent, prefix="kobo-bench-") as tmp:
        work = Path(tmp)
        CACHE.mkdir(exist_ok=True)
        folder = kobo_attachments(work / "attachments")
        exports = [(kobo_xlsx(work / "kobo-xml.xlsx", copies=COPIES), folder),
                   (kobo_xlsx(work / "kobo-tr.xlsx", labels=True, copies=COPIES), folder),
                   (kobo_csv(work / "kobo.csv", copies=COPIES), None),
                   (central_zip(work / "central.zip", copies=COPIES), None)]
        for path, attachments in exports:
            copy = work / f"{path.stem}.db"
            shutil.copyfile(demo_database(1_000), copy)
            db = Database(target_url(str(copy)))
            with db.read() as session:
                office_id = session.scalar(select(Office.id).where(Office.code == "GAZ"))
            actor = Actor(None, "bench", "Bench", Role.ENGINEER, office_id)
            baseline = _baseline(path, db, office_id)
            done = _import(db, actor, path, attachments)
            again = _import(db, actor, path, attachments)
            db.dispose()
            assert done["cases"] == done["assessments"] == SUBMISSIONS * 3 // 4, done
            assert again["cases"] == again["assessments"] == 0, again
            figures.append({
                "name": f"import_kobo[{path.name}]", "value": round(done["seconds"], 2),
                "unit": "s", "baseline": round(baseline, 2),
                "ratio": round(done["seconds"] / baseline, 1),
                "target": "every valid submission a case with its assessment; again adds 0",
                "submissions": SUBMISSIONS, "photos": done["assessments_photos"],
                "again_s": round(again["seconds"], 2)})
    return figures
