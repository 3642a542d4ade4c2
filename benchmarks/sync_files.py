"""Photos on their way to the sync server, online and by USB package, against `shelter-app
serve --files` in its own process on loopback (a hub made of a small SQLite demo).

- sync_photos: seconds to send 200 photos of 1600 px (and their thumbnails) from a laptop
  (target: at most 10 s). Baseline: reading, hashing and writing the same files into another
  folder, the least the server's store costs. Also: the throughput over a simulated 1 Mbit/s
  link (every request held back as long as its bytes take on the line) as a share of the link
  (target: at least 90 %), measured on 3 photos.
- sync_package: a week of one laptop's work (150 photos and 150 edits: 300 ops) exported to a
  package, imported on the server (writing the receipt) and the receipt imported on the laptop,
  seconds each (target: at most 10 s each). Baseline: the same files written into a plain zip.
"""

import hashlib
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import delete, select

from benchmarks.fixtures import CACHE, demo_database
from benchmarks.sync import _actor, _laptop, _Server
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Dwelling, Office, Photo, SyncedFile
from shelter_app.domain.stages import Role
from shelter_app.services.files import photo_path, thumbnail_path
from shelter_app.services.photos.photos import import_photos, update_photo
from shelter_app.services.sync import client, packages, serving

PHOTOS = CACHE / "sync_photos"
LINK_BITS = 1_000_000  # the simulated line, bits per second


def _inputs(count: int) -> list[Path]:
    """Camera JPEGs a little larger than 1600 px, made once (the import makes 1600 px copies)."""
    from shelter_app.demo.sample_photos import camera_jpeg, wall_picture

    PHOTOS.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = PHOTOS / f"IMG_{number:04d}.jpg"
        if not path.exists():
            path.write_bytes(camera_jpeg(wall_picture((2000, 1500), seed=number, grain=0.25)))
        paths.append(path)
    return paths


class _Line(httpx.HTTPTransport):
    """Loopback held to LINK_BITS: each request waits as long as its bytes take on the line."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        head = sum(len(k) + len(v) + 4 for k, v in request.headers.raw) + 64
        time.sleep((len(request.content) + head) * 8 / LINK_BITS)
        return super().handle_request(request)


def _hub(folder: Path) -> tuple[Database, _Server]:
    path = folder / "hub.db"
    shutil.copyfile(demo_database(60), path)
    hub = Database(target_url(str(path)))
    serving.prepare(hub)
    hub.files_dir = folder / "hub-files"
    server = _Server(hub.url, "--files", str(hub.files_dir))
    return hub, server


def _engineer_laptop(folder: Path, name: str, hub: Database, server: _Server
                     ) -> tuple[Database, httpx.Client, Any, str]:
    db, http = _laptop(folder, name, hub, server, "GAZ")
    client.sync(db, http)
    with db.read() as session:
        office = session.scalar(select(Office.id).where(Office.code == "GAZ"))
        ref = session.scalar(select(Dwelling.ref).where(Dwelling.office_id == office)
                             .order_by(Dwelling.ref).limit(1))
    return db, http, _actor(db, Role.ENGINEER, office), ref


def _store_baseline(db: Database, shas: list[str], folder: Path) -> float:
    target = folder / "baseline"
    target.mkdir()
    started = time.perf_counter()
    for sha in shas:
        for path in (photo_path(db, sha), thumbnail_path(db, sha)):
            data = path.read_bytes()
            hashlib.sha256(data).hexdigest()
            (target / path.name).write_bytes(data)
    return time.perf_counter() - started


def _photos(folder: Path) -> dict[str, Any]:
    hub, server = _hub(folder)
    try:
        db, http, engineer, ref = _engineer_laptop(folder, "photos", hub, server)
        outcomes = import_photos(db, engineer, ref, _inputs(200), workers=2)
        with db.read() as session:
            shas = list(session.scalars(select(Photo.sha256).where(
                Photo.id.in_([o.photo_id for o in outcomes]))))
        sent = sum(photo_path(db, s).stat().st_size + thumbnail_path(db, s).stat().st_size
                   for s in shas)
        started = time.perf_counter()
        report = client.sync(db, http)
        seconds = time.perf_counter() - started
        assert report.files_sent == len(shas) == 200, report
        baseline = _store_baseline(db, shas, folder)

        slow, slow_http, slow_engineer, slow_ref = _engineer_laptop(folder, "slow", hub, server)
        few = import_photos(slow, slow_engineer, slow_ref, _inputs(203)[200:], workers=0)
        client.sync(slow, slow_http)  # its records go first; the photos are what is timed
        with slow.read() as session:
            slow_shas = list(session.scalars(select(Photo.sha256).where(
                Photo.id.in_([o.photo_id for o in few]))))
        with slow.write() as session:  # as if not yet sent: the timed sync sends them again
            session.execute(delete(SyncedFile))
        for sha in slow_shas:
            photo_path(hub, sha).unlink()
            thumbnail_path(hub, sha).unlink()
        with httpx.Client(base_url=server.url, timeout=600, transport=_Line()) as line:
            started = time.perf_counter()
            slow_report = client.sync(slow, line)
            line_seconds = time.perf_counter() - started
        throughput = slow_report.bytes_sent * 8 / line_seconds
        return {"name": "sync_photos", "value": round(seconds, 2), "unit": "s",
                "baseline": round(baseline, 2), "ratio": round(seconds / baseline, 1),
                "target": "<= 10 s; >= 90 % of a 1 Mbit/s link",
                "photos": len(shas), "megabytes": round(sent / 1e6, 1),
                "link_share": round(throughput / LINK_BITS, 3),
                "link_seconds": round(line_seconds, 1),
                "link_megabytes": round(slow_report.bytes_sent / 1e6, 2)}
    finally:
        server.stop()


def _package(folder: Path) -> dict[str, Any]:
    hub, server = _hub(folder)
    try:
        db, _http, engineer, ref = _engineer_laptop(folder, "usb", hub, server)
        outcomes = import_photos(db, engineer, ref, _inputs(150), workers=2)
        for number, outcome in enumerate(outcomes):
            update_photo(db, engineer, outcome.photo_id, tag="before",
                         caption=f"Cephe {number}", component=None)
        package = folder / "week.barinak"
        started = time.perf_counter()
        made = packages.export_package(db, package)
        exported = time.perf_counter() - started
        started = time.perf_counter()
        receipt = packages.import_package(hub, package.read_bytes())
        imported = time.perf_counter() - started
        started = time.perf_counter()
        report = packages.take_receipt(db, receipt)
        taken = time.perf_counter() - started
        assert made.ops == 300 and report.applied == 300, (made, report)

        with db.read() as session:
            shas = list(session.scalars(select(Photo.sha256)))
        started = time.perf_counter()
        with zipfile.ZipFile(folder / "baseline.zip", "w", zipfile.ZIP_STORED) as archive:
            for sha in shas:
                archive.write(photo_path(db, sha), sha)
                archive.write(thumbnail_path(db, sha), sha + ".thumb")
        baseline = time.perf_counter() - started
        worst = max(exported, imported, taken)
        return {"name": "sync_package", "value": round(worst, 2), "unit": "s",
                "baseline": round(baseline, 2), "ratio": round(worst / baseline, 1),
                "target": "<= 10 s each", "export_s": round(exported, 2),
                "import_s": round(imported, 2), "receipt_s": round(taken, 2),
                "ops": made.ops, "photos": made.files,
                "megabytes": round(made.size / 1e6, 1)}
    finally:
        server.stop()


def run() -> Iterator[dict[str, Any]]:
    for measure in (_photos, _package):
        folder = Path(tempfile.mkdtemp(prefix="bench-files-"))
        try:
            yield measure(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

