"""Demo databases of a given size, built once and kept in benchmarks/.cache (not in git)."""

import hashlib
import shutil
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"


def _source_hash() -> str:
    """Demo databases are rebuilt when the schema or the demo generator changes."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for source in sorted([*(root / "shelter_app/demo").glob("*.py"),
                          *(root / "db/versions").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:10]


def demo_database(size: int) -> Path:
    """A checkpointed demo database with `size` dwellings; a fresh copy is cheap to make."""
    from shelter_app.data.migrate import open_database
    from shelter_app.demo.programme import create_demo

    path = CACHE / f"demo-{size}-{_source_hash()}.db"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    partial = path.with_suffix(".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    db = open_database(str(partial))
    create_demo(db, size)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    shutil.move(partial, path)
    return path
