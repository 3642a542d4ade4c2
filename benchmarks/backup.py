"""Automatic backup of a 20,000-dwelling database with 2,000 photos: the first snapshot (every
photo copied into the store) and a repeat with nothing changed (skipped on the fingerprint).

The baseline is a plain copy of the same database file and photo files: the least I/O any
backup of them costs. Runs with a warm file cache (the files were just written).
"""

import hashlib
import io
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from benchmarks.fixtures import CACHE, demo_database
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Dwelling, Photo
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.backup import backup_now
from shelter_app.services.files import photo_path

PHOTOS = 2_000


def _photos() -> list[Path]:
    """Distinct noise JPEGs of 50-200 KB (noise does not compress), made once and cached."""
    folder = CACHE / f"photos-{PHOTOS}"
    if folder.is_dir():
        return sorted(folder.glob("*.jpg"))
    from PIL import Image

    partial = CACHE / f"photos-{PHOTOS}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    rng = random.Random(2026)
    for n in range(PHOTOS):
        width = rng.randrange(360, 700)
        height = width * 3 // 4
        image = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=70)
        (partial / f"{n:04d}.jpg").write_bytes(buffer.getvalue())
    partial.rename(folder)
    return sorted(folder.glob("*.jpg"))


def _attach_photos(db: Database, photos: list[Path]) -> None:
    """Store each photo under its hash and give one dwelling each a Photo row."""
    rows = []
    with db.write() as session:
        dwellings = session.scalars(select(Dwelling.id).order_by(Dwelling.ref).limit(len(photos)))
        for dwelling_id, source in zip(dwellings, photos):
            data = source.read_bytes()
            sha = hashlib.sha256(data).hexdigest()
            dest = photo_path(db, sha)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
            rows.append({"dwelling_id": dwelling_id, "sha256": sha, "size_bytes": len(data),
                         "width": 0, "height": 0})
        session.execute(insert(Photo), rows)


def _plain_copy(db_path: Path, files: Path, out: Path) -> float:
    started = time.perf_counter()
    shutil.copyfile(db_path, out / db_path.name)
    shutil.copytree(files, out / files.name)
    return time.perf_counter() - started


def run(repeat: int = 3) -> list[dict[str, object]]:
    photos = _photos()
    with tempfile.TemporaryDirectory(dir=CACHE, prefix="backup-bench-") as tmp:
        work = Path(tmp)
        path = work / "shelter.db"
        shutil.copyfile(demo_database(20_000), path)
        db = Database(target_url(str(path)))
        _attach_photos(db, photos)
        first, unchanged, plain = [], [], []
        for n in range(repeat):
            folder = work / f"backups-{n}"
            started = time.perf_counter()
            result = backup_now(db, SYSTEM, folder)
            first.append(time.perf_counter() - started)
            assert result.photos_copied == len(photos), result
            for _ in range(3):
                started = time.perf_counter()
                assert backup_now(db, SYSTEM, folder).skipped
                unchanged.append(time.perf_counter() - started)
            copy = work / f"copy-{n}"
            copy.mkdir()
            plain.append(_plain_copy(path, db.files_dir, copy))
        size_mb = (path.stat().st_size + sum(p.stat().st_size for p in photos)) / 1e6
        db.dispose()
    baseline = statistics.median(plain)
    figures = []
    for name, times, target in (("backup_first", first, "<= 10 s"),
                                ("backup_unchanged", unchanged, "<= 2 s")):
        value = statistics.median(times)
        figures.append({"name": name, "value": round(value, 3), "unit": "s",
                        "baseline": round(baseline, 3), "ratio": round(value / baseline, 2),
                        "target": target, "photos": len(photos), "megabytes": round(size_mb),
                        "max_s": round(max(times), 3)})
    return figures
