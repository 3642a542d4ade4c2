"""The cost of encryption at rest: the same work on the same database, plain and encrypted
(SQLCipher, the app's key handling), alternated in one run. ratio = encrypted / plain; the
target is a cost of at most 15 %.

    startup_encrypted          process start to the dwellings list's first rows (20,000
                               dwellings), the sign-in included; encrypted: unwrapping the
                               key with the password (Argon2id) too
    dwelling_filter_encrypted  one filter keystroke on 20,000 dwellings (median)
    payment_batch_encrypted    building a month's payment batch of 5,000 workers
    photo_import_encrypted     importing 8 photos onto a dwelling (decode, store, record)
    gallery_encrypted          loading the thumbnails of 40 photos as the gallery does
                               (read, decrypt, decode to a QImage)
    backup_encrypted           a first snapshot of that database and its 40 photos
"""

import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks import cash_for_work, dwelling_filter, photo_import, startup
from benchmarks.fixtures import CACHE, copy_on_disk, demo_database
from benchmarks.gc_pauses import as_in_a_worker

TARGET = "ratio <= 1.15"


def encrypted_copy(plain: Path) -> tuple[Path, bytes]:
    """An encrypted copy of a demo database (cached beside it) and its key, unlocked as the
    app does: the demo engineer's password."""
    from shelter_app.data import keyring
    from shelter_app.data.engine import Database, target_url
    from shelter_app.data.key_holders import refresh
    from shelter_app.demo.programme import DEMO_PASSWORD

    path = CACHE / f"encrypted-{plain.name}"
    if not keyring.keyring_path(path).is_file():
        key = keyring.new_key()
        keyring.encrypt_copy(plain, path.with_suffix(".partial"), key)
        shutil.move(path.with_suffix(".partial"), path)
        keyring.create(path)
        db = Database(target_url(str(path)), key)
        refresh(db.engine, path, key)
        db.dispose()
    return path, keyring.unlock_with_password(path, "engineer.gaz", DEMO_PASSWORD)[0]


def _figure(name: str, plain: list[float], encrypted: list[float], **details: object
            ) -> dict[str, object]:
    base, value = statistics.median(plain), statistics.median(encrypted)
    return {"name": name, "value": round(value, 1), "unit": "ms", "baseline": round(base, 1),
            "ratio": round(value / base, 2), "target": TARGET, **details}


def _alternate(measure: Callable[[Path, bytes | None], float], plain: Path,
               encrypted: tuple[Path, bytes], repeat: int) -> tuple[list[float], list[float]]:
    """Plain and encrypted one after the other, so both meet the same machine noise."""
    plains, encrypteds = [], []
    for _ in range(repeat):
        plains.append(measure(plain, None))
        encrypteds.append(measure(*encrypted))
    return plains, encrypteds


def _startup() -> dict[str, object]:
    plain = demo_database(20_000)
    encrypted, _key = encrypted_copy(plain)
    startup.time_app(str(plain))  # warm the file cache and byte-code once
    startup.time_app(str(encrypted))
    cpu: dict[Path, list[float]] = {plain: [], encrypted: []}  # the child's own, beside wall

    def ready(path: Path, _key: bytes | None) -> float:
        moments = startup.time_app(str(path))
        cpu[path].append(moments["ready_cpu"])
        return moments["ready"]

    plains, encrypteds = _alternate(ready, plain, (encrypted, b""), 5)
    base_cpu, value_cpu = statistics.median(cpu[plain]), statistics.median(cpu[encrypted])
    return _figure("startup_encrypted", plains, encrypteds, cpu_ms=round(value_cpu, 1),
                   baseline_cpu_ms=round(base_cpu, 1), cpu_ratio=round(value_cpu / base_cpu, 2))


def _filter_keystrokes(path: Path, key: bytes | None) -> float:
    from shelter_app.data.engine import Database, target_url
    from shelter_app.ui.dwellings.model import DwellingTableModel

    db = Database(target_url(str(path)), key)
    model = DwellingTableModel(db)
    timings = []
    for word in dwelling_filter.TYPED:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            model.set_filter(word[:end])
            timings.append((time.perf_counter() - started) * 1000)
        model.set_filter("")
    db.dispose()
    return statistics.median(timings)


def _dwelling_filter() -> dict[str, object]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])
    plain = demo_database(20_000)  # the start-up's: one demo database built per run
    plains, encrypteds = _alternate(_filter_keystrokes, plain, encrypted_copy(plain), 3)
    return _figure("dwelling_filter_encrypted", plains, encrypteds)


def _payment_batch(folder: Path) -> dict[str, object]:
    from shelter_app.services.labour import payments

    template = folder / "batch-template.db"
    _, supervisor, _ = cash_for_work._programme(template, cash_for_work.WORKERS, 1,
                                                cash_for_work.DAYS, None)
    encrypted = encrypted_template(template, folder)
    cpu: dict[bool, list[float]] = {False: [], True: []}  # the build's own, beside wall

    def build(path: Path, key: bytes | None) -> float:
        def work(db: Any) -> None:
            started = time.process_time()
            payments.build_batches(db, supervisor, f"{cash_for_work.MONTH:%Y-%m}")
            cpu[key is not None].append((time.process_time() - started) * 1000)

        return _on_a_copy(path, key, folder, work)

    plains, encrypteds = _alternate(build, template, encrypted, 3)
    base_cpu, value_cpu = statistics.median(cpu[False]), statistics.median(cpu[True])
    return _figure("payment_batch_encrypted", plains, encrypteds,
                   workers=cash_for_work.WORKERS, cpu_ms=round(value_cpu, 1),
                   baseline_cpu_ms=round(base_cpu, 1), cpu_ratio=round(value_cpu / base_cpu, 2))


def _on_a_copy(path: Path, key: bytes | None, folder: Path, work: Callable[[Any], object]
               ) -> float:
    """Milliseconds `work` takes on a fresh copy of the database `path` (removed after, with
    its files), with the collector as in the app's workers."""
    from shelter_app.data.engine import Database, target_url

    copy = folder / f"run-{path.name}"
    copy_on_disk(path, copy)
    db = Database(target_url(str(copy)), key)
    with as_in_a_worker():
        started = time.perf_counter()
        work(db)
        elapsed = (time.perf_counter() - started) * 1000
    db.dispose()
    shutil.rmtree(db.files_dir, ignore_errors=True)
    copy.unlink()
    return elapsed


def encrypted_template(plain: Path, folder: Path) -> tuple[Path, bytes]:
    """An encrypted copy of a database made in this run (no users: the key is kept here)."""
    from shelter_app.data import keyring

    key = keyring.new_key()
    path = folder / f"encrypted-{plain.name}"
    keyring.encrypt_copy(plain, path, key)
    return path, key


def _photo_import(folder: Path) -> dict[str, object]:
    from shelter_app.data.engine import Database, target_url
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.services.photos.photos import import_photos

    files = photo_import.photo_files(8)
    template = folder / "photos-template.db"
    shutil.copyfile(demo_database(120), template)
    encrypted = encrypted_template(template, folder)
    db = Database(target_url(str(template)))
    engineer = sign_in(db, "engineer.gaz", DEMO_PASSWORD)[0]  # the same ids in every copy
    ref = _first_dwelling(db, engineer)
    db.dispose()

    def imported(path: Path, key: bytes | None) -> float:
        def work(db: Any) -> None:
            outcomes = import_photos(db, engineer, ref, files)
            assert all(outcome.status.value == "imported" for outcome in outcomes), outcomes

        return _on_a_copy(path, key, folder, work)

    plains, encrypteds = _alternate(imported, template, encrypted, 3)
    return _figure("photo_import_encrypted", plains, encrypteds, photos=len(files))


GALLERY_PHOTOS = 40


def _with_photos(folder: Path) -> tuple[Path, tuple[Path, bytes]]:
    """A demo database with GALLERY_PHOTOS photos on a dwelling, and its encrypted twin whose
    files are sealed as a laptop's are."""
    from shelter_app.data.engine import Database, target_url
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.services.files import seal_folder
    from shelter_app.services.photos.photos import import_photos

    plain = folder / "gallery.db"
    shutil.copyfile(demo_database(120), plain)
    db = Database(target_url(str(plain)))
    engineer = sign_in(db, "engineer.gaz", DEMO_PASSWORD)[0]
    import_photos(db, engineer, _first_dwelling(db, engineer),
                  photo_import.photo_files(GALLERY_PHOTOS))
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    files = db.files_dir
    db.dispose()
    path, key = encrypted_template(plain, folder)
    sealed = path.with_name(path.stem + "-files")
    shutil.copytree(files, sealed)
    seal_folder(sealed, key)
    return plain, (path, key)


def _gallery(plain: Path, encrypted: tuple[Path, bytes]) -> dict[str, object]:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from shelter_app.data.engine import Database, target_url
    from shelter_app.data.models import Photo
    from shelter_app.services.photos.photos import thumbnail_bytes

    _app = QApplication.instance() or QApplication([])

    def load(path: Path, key: bytes | None) -> float:
        db = Database(target_url(str(path)), key)
        with db.read() as session:
            shas = list(session.scalars(select(Photo.sha256)))
        started = time.perf_counter()
        for sha in shas:
            data = thumbnail_bytes(db, sha)
            assert data is not None and not QImage.fromData(data).isNull()
        elapsed = (time.perf_counter() - started) * 1000
        db.dispose()
        return elapsed

    plains, encrypteds = _alternate(load, plain, encrypted, 5)
    return _figure("gallery_encrypted", plains, encrypteds, photos=GALLERY_PHOTOS)


def _backup(plain: Path, encrypted: tuple[Path, bytes]) -> dict[str, object]:
    from shelter_app.data.engine import Database, target_url
    from shelter_app.services.accounts.auth import SYSTEM
    from shelter_app.services.backup import backup_now

    def snapshot(path: Path, key: bytes | None) -> float:
        db = Database(target_url(str(path)), key)
        out = path.with_name(path.stem + "-bench-backups")
        started = time.perf_counter()
        result = backup_now(db, SYSTEM, out)
        elapsed = (time.perf_counter() - started) * 1000
        assert result.photos_copied == GALLERY_PHOTOS
        db.dispose()
        shutil.rmtree(out)
        return elapsed

    plains, encrypteds = _alternate(snapshot, plain, encrypted, 3)
    return _figure("backup_encrypted", plains, encrypteds, photos=GALLERY_PHOTOS)


def _first_dwelling(db: Any, engineer: Any) -> str:
    from sqlalchemy import select

    from shelter_app.data.models import Dwelling

    with db.read() as session:
        return str(session.scalar(select(Dwelling.ref).where(
            Dwelling.office_id == engineer.office_id).order_by(Dwelling.ref)))


def run() -> Iterator[dict[str, object]]:
    """Each figure as soon as it is measured."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        yield _photo_import(folder)
        with_photos = _with_photos(folder)
        yield _gallery(*with_photos)
        yield _backup(*with_photos)
        yield _dwelling_filter()
        yield _payment_batch(folder)
        yield _startup()
