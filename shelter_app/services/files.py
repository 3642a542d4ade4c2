"""Where stored files (photos, signed scans) live: under the database's files folder, by hash.

Naming by SHA-256, never by the user's file name, makes duplicates free to detect and keeps
names like `../x.jpg` or non-Latin names out of the file system.
"""

from pathlib import Path

from shelter_app.data.engine import Database


def photo_path(db: Database, sha256: str) -> Path:
    return db.files_dir / "photos" / sha256[:2] / f"{sha256}.jpg"
