"""Photo files named in a row, found in the export's attachments folder.

KoboToolbox's attachment download nests files as `<user>/attachments/<form>/<_uuid>/<name>`,
ODK Central's as `media/<name>`; Kobo also replaces spaces in names with underscores. A file is
looked up by name anywhere under the folder, preferring one inside the submission's folder
(two submissions may both hold a "1700000000.jpg").
"""

import os
from collections import defaultdict
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

from shelter_app.services.imports.sources import Cell
from shelter_app.services.photos.photos import looks_like_photo

_PHOTO_WORDS = ("photo", "foto", "resim", "image", "picture", "صورة")


class Attachments:
    """The files under one folder by name; counts the photos a row names but the folder lacks."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.missing = 0
        self.names: dict[Path, str] = {}  # each file found, by the name the export gives it
        self._by_name: dict[str, list[Path]] | None = None

    def find(self, cells: Mapping[str, Cell], submission: Cell) -> tuple[list[Path], list[str]]:
        """The photo files of a row's photo columns, and the names not found."""
        names = [str(value).strip() for header in _photo_headers(tuple(cells))
                 if isinstance(value := cells[header], str) and _is_photo_column(header, value)]
        if not names:
            return [], []
        found, missing = [], []
        for name in names:
            path = self._lookup(name, str(submission or ""))
            if path is None:
                missing.append(name)
            else:
                found.append(path)
                self.names[path] = name
        self.missing += len(missing)
        return found, missing

    def _lookup(self, name: str, submission: str) -> Path | None:
        if self.folder is None:
            return None
        if self._by_name is None:
            self._by_name = defaultdict(list)
            for root, _dirs, files in os.walk(self.folder):
                for file in files:
                    self._by_name[file.lower()].append(Path(root, file))
        candidates = (self._by_name.get(name.lower())
                      or self._by_name.get(name.replace(" ", "_").lower()) or [])
        inside = [path for path in candidates if submission and submission in path.parts]
        return (inside or candidates or [None])[0]


def _is_photo_column(header: str, value: str) -> bool:
    return (_photo_header(header) and not value.startswith(("http:", "https:"))
            and looks_like_photo(value))


@lru_cache(maxsize=64)
def _photo_headers(headers: tuple[str, ...]) -> list[str]:
    """The headers naming a photo among a sheet's: rows of a sheet share their headers, so
    each cell need not be asked about (10 of a row's 11 cells are not photos)."""
    return [header for header in headers if _photo_header(header)]


@cache
def _photo_header(header: str) -> bool:
    """Whether a header names a photo: asked of every cell of every row, so answered once per
    header (a 50,000-row file asks 500,000 times about a dozen headers)."""
    lowered = header.lower()
    return not lowered.endswith("_url") and any(word in lowered for word in _PHOTO_WORDS)
