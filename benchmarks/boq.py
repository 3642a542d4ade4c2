"""A 200-line bill of quantities: one quantity edit and its recalculation; its PDF, warm.

boq_recalc is what the editor does after an edit: the totals, subtotals, KDV and warnings of
all 200 lines again (target <= 5 ms); `with_save_ms` adds the service call that checks and
saves the edit in its own transaction. boq_pdf renders the document in a warm process (target
<= 30 ms); `cpu_ms` is the same renders' CPU time (on a busy machine the wall time is mostly
waiting for a core); `with_query_ms` adds reading the BoQ from the database.
"""

import shutil
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from benchmarks.fixtures import demo_database

LINES = 200


def _boq(folder: Path):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from shelter_app.data.engine import Database, target_url
    from shelter_app.data.models import Dwelling
    from shelter_app.domain.stages import Stage
    from shelter_app.services.boq import boq as service
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.services.boq.catalogue import catalogue_items
    from shelter_app.demo.programme import DEMO_PASSWORD

    path = folder / "demo.db"
    shutil.copyfile(demo_database(120), path)
    db = Database(target_url(str(path)))
    engineer = sign_in(db, "engineer.gaz", DEMO_PASSWORD)[0]
    with db.read() as session:
        ref = session.scalar(select(Dwelling.ref).where(Dwelling.stage == Stage.ASSESSED,
                                                        Dwelling.ref.startswith("GAZ")))
    view = service.create_boq(db, engineer, ref)
    items = catalogue_items(db, view.catalogue_id)
    for number in range(LINES):
        service.add_line(db, engineer, view.id, items[number % len(items)].id,
                         f"{1 + number % 37},{number % 100:02d}")
    return db, engineer, service.boq_view(db, engineer, view.id)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def run() -> list[dict[str, object]]:
    from shelter_app.documents.boq import render_boq
    from shelter_app.domain.boq import compute_totals
    from shelter_app.services.boq import boq as service
    from shelter_app.services.boq.output import boq_document, print_boq

    with tempfile.TemporaryDirectory() as folder:
        db, engineer, view = _boq(Path(folder))
        lines = list(view.lines)
        recalc, saved = [], []
        for edit in range(60):
            row = edit * 7 % LINES
            started = time.perf_counter()
            lines[row] = service.set_quantity(db, engineer, lines[row].id, f"{edit + 2},5")
            between = time.perf_counter()
            edited = replace(view, lines=tuple(lines))
            totals = compute_totals([line.priced for line in edited.lines],
                                    edited.contingency_pct)
            edited.warnings(totals)
            ended = time.perf_counter()
            recalc.append((ended - between) * 1000)
            saved.append((ended - started) * 1000)
        document = boq_document(db, engineer, view.id)
        render_boq(document)  # warm: fonts registered, caches filled
        renders, cpus, queried = [], [], []
        for _ in range(20):
            started, cpu = time.perf_counter(), time.process_time()
            render_boq(document)
            renders.append((time.perf_counter() - started) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        for _ in range(10):
            started = time.perf_counter()
            print_boq(db, engineer, view.id, Path(folder) / "boq.pdf")
            queried.append((time.perf_counter() - started) * 1000)
        pages = (Path(folder) / "boq.pdf").read_bytes().count(b"/Type /Page\n")
        db.dispose()
    return [
        {"name": "boq_recalc", "value": _median(recalc), "unit": "ms", "baseline": None,
         "ratio": None, "target": "<= 5 ms per edit", "lines": LINES,
         "with_save_ms": _median(saved)},
        {"name": "boq_pdf", "value": _median(renders), "unit": "ms", "baseline": None,
         "ratio": None, "target": "<= 30 ms warm", "lines": LINES, "cpu_ms": _median(cpus),
         "with_query_ms": _median(queried), "pages": pages or None},
    ]
