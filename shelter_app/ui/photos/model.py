"""The gallery's model: a dwelling's photos, their thumbnails loaded only when shown.

The rows (a few hundred at most per dwelling) are read at once; thumbnails are not. The view
asks for a picture only for the items it paints, so `data()` queues those and a background job
decodes a batch of them and hands the images back to the GUI thread. A few hundred pixmaps are
kept; one scrolled far away is decoded again if it comes back into view.
"""

import uuid
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QImage, QPixmap
from shiboken6 import isValid

from shelter_app.data.engine import Database
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.photos.photos import PhotoRow, list_photos, thumbnail_bytes
from shelter_app.services.photos.pipeline import STORED_FORMAT
from shelter_app.services.sync import client, transfer
from shelter_app.ui.formats import datetime_text, isolated
from shelter_app.ui.worker import run_in_background

Index = QModelIndex | QPersistentModelIndex
THUMB = QSize(160, 160)
CACHE = 300  # pixmaps kept, ~100 KB each
BATCH = 24  # thumbnails decoded per background job


def place_labels() -> dict[str, str]:
    """Where a photo is, on a laptop that syncs."""
    translate = QCoreApplication.translate
    return {transfer.HERE: translate("PhotoPlace", "only on this laptop"),
            transfer.UPLOADING: translate("PhotoPlace", "uploading"),
            transfer.ON_SERVER: translate("PhotoPlace", "on the server"),
            transfer.AWAY: translate("PhotoPlace", "on the server, not yet here")}


def tag_labels() -> dict[PhotoTag, str]:
    return {tag: tag.label for tag in PhotoTag}


@dataclass(frozen=True)
class Photos:
    """What a gallery shows: a dwelling's photos (of `tag`, or all) and, on a laptop that
    syncs, where each is (sha256 -> transfer's place)."""

    tag: PhotoTag | None
    rows: list[PhotoRow]
    places: dict[str, str]

    def tagged(self, tag: PhotoTag) -> "Photos":
        """The photos of `tag` among all of them, in the same order."""
        return Photos(tag, [row for row in self.rows if row.tag is tag], self.places)


def read_photos(db: Database, actor: Actor, dwelling_id: uuid.UUID,
                tag: PhotoTag | None = None) -> Photos:
    """A gallery's reads, callable in a worker."""
    rows = list_photos(db, actor, dwelling_id, tag)
    shas = list(dict.fromkeys(row.sha256 for row in rows))
    return Photos(tag, rows, transfer.photo_states(db, shas) if client.enrolled(db) else {})


class PhotoListModel(QAbstractListModel):
    # thumbnails arrived for these rows; emitted after dataChanged
    thumbnails_loaded = Signal(int)

    def __init__(self, db: Database, actor: Actor, dwelling_id: uuid.UUID,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.dwelling_id = dwelling_id
        self.tag: PhotoTag | None = None
        self.rows: list[PhotoRow] = []
        self._row_of: dict[str, list[int]] = {}
        self._cache: OrderedDict[str, QPixmap] = OrderedDict()
        self._wanted: dict[str, None] = {}  # an ordered set: the newest requests go first
        self._loading = False
        self.decoded = 0  # thumbnails decoded so far (tests check it stays near what shows)
        self._labels = tag_labels()
        self._place_labels = place_labels()
        self.places: dict[str, str] = {}  # sha256 -> transfer's place, on a laptop that syncs
        self._placeholder = QPixmap(THUMB.width(), THUMB.height() * 3 // 4)
        self._placeholder.fill(QColor("#e4e4e4"))
        self._missing = QPixmap(self._placeholder.size())
        self._missing.fill(QColor("#f4d4d4"))
        self._absent: set[str] = set()  # no stored copy to show: drawn as missing
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self._load_next)

    def reload(self, tag: PhotoTag | None = None) -> None:
        self.show(read_photos(self._db, self._actor, self.dwelling_id, tag))

    def show(self, photos: Photos) -> None:
        """Show photos read beforehand (`read_photos`, in a worker)."""
        self.beginResetModel()
        self.tag = photos.tag
        self.rows = photos.rows
        self._row_of = {}
        for number, row in enumerate(self.rows):
            self._row_of.setdefault(row.sha256, []).append(number)
        self.places = photos.places
        self._wanted.clear()
        self._absent.clear()  # a restored file shows again
        self.endResetModel()

    def row_at(self, number: int) -> PhotoRow:
        return self.rows[number]

    @property
    def pending(self) -> int:
        """Thumbnails asked for and not yet shown."""
        return len(self._wanted) + (1 if self._loading else 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            # the caption its own island: elided in Arabic, its "…" stays at its end
            text = f"{self._labels[row.tag]} · {isolated(row.caption)}" if row.caption else \
                self._labels[row.tag]
            place = self.places.get(row.sha256)
            return f"{text}\n{self._place_labels[place]}" if place else text
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnail(row.sha256)
        if role == Qt.ItemDataRole.ToolTipRole:
            taken = datetime_text(row.taken_at) if row.taken_at else "?"
            return f"{row.original_name}\n{taken}"
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def _thumbnail(self, sha: str) -> QPixmap:
        pixmap = self._cache.get(sha)
        if pixmap is not None:
            self._cache.move_to_end(sha)
            return pixmap
        if sha in self._absent:
            return self._missing
        self._wanted.pop(sha, None)
        self._wanted[sha] = None
        if not self._loading:
            self._timer.start()  # after this paint has asked for all it shows
        return self._placeholder

    def _load_next(self) -> None:
        if self._loading or not self._wanted:
            return
        shas = list(self._wanted)[-BATCH:][::-1]
        for sha in shas:
            del self._wanted[sha]
        self._loading = True
        db = self._db

        def load() -> dict[str, QImage | None]:
            images: dict[str, QImage | None] = {}
            for sha in shas:
                data = thumbnail_bytes(db, sha)
                # Named (thumbnails are always JPEG): guessing the format makes Qt ask its TGA
                # plugin under Qt's image-reader lock, and the plugin's tr() calls the app's
                # Python translators, which wait for the GIL; a second decoding thread holds
                # the GIL while it waits for that lock: both froze for good
                image = QImage.fromData(data, STORED_FORMAT) if data is not None else QImage()
                images[sha] = None if image.isNull() else image.scaled(
                    THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation)
            return images

        run_in_background(load, self._loaded, self._failed)

    def _loaded(self, images: dict[str, QImage | None]) -> None:
        if not isValid(self):  # the gallery closed while this batch was loading
            return
        self._loading = False
        changed = []
        for sha, image in images.items():
            if image is None:
                self._absent.add(sha)
            else:
                self.decoded += 1
                self._cache[sha] = QPixmap.fromImage(image)
                self._cache.move_to_end(sha)
            changed += self._row_of.get(sha, [])
        while len(self._cache) > CACHE:
            self._cache.popitem(last=False)
        for number in changed:
            index = self.index(number)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        self.thumbnails_loaded.emit(len(changed))
        self._load_next()

    def _failed(self, error: BaseException) -> None:
        self._loading = False
        raise error  # a bug: to the crash dialog
