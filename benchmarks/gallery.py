"""A dwelling's photo gallery with 500 photos: from creating the panel to its first screenful
of thumbnails on screen (rows listed, visible thumbnails decoded in the background and shown).

The database with 500 imported photos is built once into benchmarks/.cache (~20 s). Timed in
a child process with Qt offscreen; the median of 7 openings after a first one that warms the
file cache.
"""

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.fixtures import CACHE, _source_hash

COUNT = 500
REF = "GAZ-D-000001"


def gallery_database() -> Path:
    from shelter_app.data.migrate import open_database
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.demo.programme import DEMO_PASSWORD, create_demo
    from shelter_app.services.photos.photos import Status, import_photos
    from shelter_app.demo.sample_photos import camera_jpeg, wall_picture

    path = CACHE / f"gallery-{COUNT}-{_source_hash()}.db"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")  # same stem: the files folder is already right
    files = partial.with_name(partial.stem + "-files")
    for leftover in [*CACHE.glob(partial.name + "*"), files]:
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink(missing_ok=True)
    inputs = CACHE / "gallery-inputs"
    inputs.mkdir(exist_ok=True)
    paths = []
    for n in range(COUNT):
        photo = inputs / f"IMG_{n:04d}.jpg"
        if not photo.exists():
            photo.write_bytes(camera_jpeg(wall_picture((1600, 1200), seed=n), orientation=6,
                                          taken_at=datetime(2026, 5, 1) + timedelta(hours=n)))
        paths.append(photo)
    db = open_database(str(partial))
    create_demo(db, 12)
    actor = sign_in(db, "engineer.gaz", DEMO_PASSWORD)[0]
    outcomes = import_photos(db, actor, REF, paths, workers=2)
    assert all(outcome.status is Status.IMPORTED for outcome in outcomes)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    shutil.rmtree(inputs)
    partial.replace(path)
    return path


_OPEN = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from sqlalchemy import select
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Dwelling
from shelter_app.services.accounts.auth import sign_in
from shelter_app.demo.programme import DEMO_PASSWORD
from shelter_app.ui.photos.panel import PhotosPanel
db = Database(target_url(sys.argv[2]))
actor = sign_in(db, "engineer.gaz", DEMO_PASSWORD)[0]
with db.read() as session:
    dwelling = session.scalar(select(Dwelling.id).where(Dwelling.ref == sys.argv[3]))
times, shown = [], []
for _ in range(8):
    started = time.perf_counter()
    panel = PhotosPanel(db, actor, dwelling)
    panel.resize(1000, 700)
    panel.show()
    while panel.model.pending or not panel.model.decoded:  # sleeps until something arrives
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    times.append((time.perf_counter() - started) * 1000)
    shown.append((panel.model.rowCount(), panel.model.decoded))
    panel.close()
    panel.deleteLater()
    app.processEvents()
print(json.dumps({"times": times, "shown": shown}))
"""


def run() -> list[dict[str, object]]:
    import statistics

    database = gallery_database()
    root = str(Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", _OPEN, root, str(database), REF],
                          capture_output=True, text=True, check=True,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    result = json.loads(done.stdout.strip().splitlines()[-1])
    rows, decoded = result["shown"][-1]
    return [{"name": "gallery", "value": round(statistics.median(result["times"][1:]), 1),
             "unit": "ms", "baseline": None, "ratio": None,
             "target": "<= 300 ms to open 500 photos with the first screenful of thumbnails",
             "first_open_ms": round(result["times"][0], 1), "photos": rows,
             "thumbnails_decoded": decoded}]
