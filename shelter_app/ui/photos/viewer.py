"""Looking at photos: a zoomable view, the viewer dialog, and before/after side by side.

On a laptop that syncs, a photo whose full file is still on the server (only its thumbnail came)
shows its thumbnail and is fetched as it is opened, in the worker pool, with a progress bar and
a Stop button; a photo that cannot come now says it comes with the next sync.
"""

import threading
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPixmap, QShortcut, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.assessment import component_label
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.files import PHOTO, THUMB, read_stored
from shelter_app.services.photos.photos import PhotoRow
from shelter_app.services.photos.pipeline import STORED_FORMAT
from shelter_app.services.sync import client, photo_fetch, transfer
from shelter_app.ui.formats import (
    date_text,
    datetime_text,
    directed,
    isolated,
    position,
    read_from_right,
)
from shelter_app.ui.forms import TALLEST
from shelter_app.ui.photos.model import tag_labels
from shelter_app.ui.worker import run_in_background
from shelter_app.ui.wrapping import wrapped

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.05, 8.0


class ZoomView(QGraphicsView):
    """One picture that zooms (buttons, the wheel, keys) and pans by dragging.

    `fitted` is True while the picture follows the window's size; any zoom ends that."""

    zoomed = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.fitted = True

    def set_pixmap(self, pixmap: QPixmap) -> None:
        self._item.setPixmap(pixmap)
        self.scene().setSceneRect(self._item.boundingRect())
        self.fit()

    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float) -> None:
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        if abs(zoom - self.zoom) > 1e-6:
            self.fitted = False
            self.resetTransform()
            self.scale(zoom, zoom)
            self.zoomed.emit(zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def actual_size(self) -> None:
        self.set_zoom(1.0)

    def fit(self) -> None:
        """The whole picture in the window; a small one stays at its actual size."""
        if not self._item.pixmap().isNull():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
            if self.zoom > 1.0:
                self.resetTransform()
        self.fitted = True
        self.zoomed.emit(self.zoom)

    def resizeEvent(self, event) -> None:  # noqa: ANN001 - Qt's signature
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            event.ignore()  # the viewer's previous / next; dragging pans
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.set_zoom(self.zoom * ZOOM_STEP ** steps)
        event.accept()

    def centre_fraction(self) -> QPointF:
        """The point in the middle of the view, as a fraction of the picture's size."""
        centre = self.mapToScene(self.viewport().rect().center())
        rect = self._item.boundingRect()
        return QPointF(centre.x() / max(1.0, rect.width()), centre.y() / max(1.0, rect.height()))

    def centre_on_fraction(self, point: QPointF) -> None:
        rect = self._item.boundingRect()
        self.centerOn(point.x() * rect.width(), point.y() * rect.height())


def zoom_buttons(parent: QWidget, views: Sequence[ZoomView]) -> tuple[QHBoxLayout, list]:
    """Zoom in, zoom out, fit and 100 %, acting on every view in `views` together."""
    row = QHBoxLayout()
    buttons = []
    translate = QCoreApplication.translate  # one context whatever `parent` is, as lupdate sees
    for text, tip, action, key in (
        ("+", translate("ZoomView", "Zoom in"), ZoomView.zoom_in, QKeySequence.StandardKey.ZoomIn),
        ("−", translate("ZoomView", "Zoom out"), ZoomView.zoom_out,
         QKeySequence.StandardKey.ZoomOut),
        (translate("ZoomView", "Fit"), translate("ZoomView", "Fit the photo in the window"),
         ZoomView.fit, "F"),
        ("100 %", translate("ZoomView", "Actual size"), ZoomView.actual_size, "1"),
    ):
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _=False, act=action: [act(view) for view in views])
        QShortcut(QKeySequence(key), parent, lambda act=action: [act(view) for view in views])
        row.addWidget(button)
        buttons.append(button)
    row.addStretch(1)
    return row, buttons


def describe(row: PhotoRow) -> str:
    """One line about a photo: tag, caption, component, time, position and file name; in
    Arabic each its own direction island (a position's two numbers and a time's date and
    clock keep their order) and the line read from the right."""
    parts = [tag_labels()[row.tag]]
    if row.caption:
        parts.append(row.caption)
    if row.component:
        parts.append(component_label(row.component))
    if row.taken_at:
        parts.append(datetime_text(row.taken_at))
    if row.latitude is not None and row.longitude is not None:
        parts.append(position(row.latitude, row.longitude))
    parts.append(row.original_name)
    return read_from_right(" · ".join(isolated(part) for part in parts))


def load_pixmap(db: Database, row: PhotoRow) -> QPixmap:
    """The photo decrypted in memory; an empty pixmap when its file is missing or damaged."""
    return _stored_pixmap(db, PHOTO, row.sha256)


def thumbnail_pixmap(db: Database, row: PhotoRow) -> QPixmap:
    return _stored_pixmap(db, THUMB, row.sha256)


def _stored_pixmap(db: Database, kind: str, sha256: str) -> QPixmap:
    """Decoded as the JPEG every stored copy and thumbnail is. A format guess has Qt's TGA
    plugin call tr() under Qt's image-reader lock: the app's Python translators then let a
    gallery's decoding thread take the GIL, which waits there for that lock (PhotoListModel
    decodes as JPEG for the same reason): the window froze for good."""
    pixmap = QPixmap()
    try:
        pixmap.loadFromData(read_stored(db, kind, sha256), STORED_FORMAT)
    except OSError:
        pass
    return pixmap


class _FetchRelay(QObject):
    """Carries a fetch's progress from the worker to the GUI thread; owned by the application,
    so that the worker never reports to a viewer that was closed meanwhile."""

    moved = Signal(int, int)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())


class PhotoViewer(QDialog):
    """One photo at a time, zoomable; Left/Right (or the buttons) go through the gallery."""

    def __init__(self, db: Database, rows: Sequence[PhotoRow], current: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.rows = list(rows)
        self.current = current
        self.resize(920, TALLEST)  # a laptop's screen: 728 px less the title bar
        self.view = ZoomView()
        self.info = QLabel()
        wrapped(self.info)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        zoom_row, self.zoom_buttons = zoom_buttons(self, [self.view])
        self.previous_button = QPushButton(directed(self.tr("◀ Previous")))
        self.next_button = QPushButton(directed(self.tr("Next ▶")))
        self.previous_button.clicked.connect(lambda: self.show_photo(self.current - 1))
        self.next_button.clicked.connect(lambda: self.show_photo(self.current + 1))
        zoom_row.insertWidget(0, self.previous_button)
        zoom_row.insertWidget(1, self.next_button)
        self.fetch_bar = QProgressBar()
        self.fetch_bar.setFormat(self.tr("Fetching the full photo… %p%"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.clicked.connect(self.stop_fetching)
        fetch_row = QHBoxLayout()
        fetch_row.addWidget(self.fetch_bar, 1)
        fetch_row.addWidget(self.stop_button)
        self._fetching: str | None = None  # the photo being fetched
        self._stop = threading.Event()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(zoom_row)
        layout.addWidget(self.view, 1)
        layout.addLayout(fetch_row)
        layout.addWidget(self.info)
        layout.addWidget(buttons)
        self._show_fetching(False)
        self.show_photo(current)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
        else:
            self.show_photo(self.current + step)

    def show_photo(self, number: int) -> None:
        if not 0 <= number < len(self.rows):
            return
        self.current = number
        row = self.rows[number]
        if self._fetching not in (None, row.sha256):
            self._stop.set()  # the photo left is fetched no further
        pixmap = load_pixmap(self._db, row)
        self.view.set_pixmap(pixmap)
        self.setWindowTitle(self.tr("Photo {n} of {count}").format(n=number + 1,
                                                                   count=len(self.rows)))
        text = describe(row)
        if pixmap.isNull() and self._away(row):
            self.view.set_pixmap(thumbnail_pixmap(self._db, row))
            text = self.tr("Only the thumbnail is on this laptop; the full photo is being "
                           "fetched from the server.") + "\n" + text
            self._fetch(row.sha256)
        elif pixmap.isNull():
            text = self.tr("The photo's file is missing; run shelter-app check.") + "\n" + text
        self.info.setText(text)
        self.previous_button.setEnabled(number > 0)
        self.next_button.setEnabled(number < len(self.rows) - 1)

    def _away(self, row: PhotoRow) -> bool:
        return client.enrolled(self._db) and transfer.photo_states(
            self._db, [row.sha256])[row.sha256] == transfer.AWAY

    def _fetch(self, sha: str) -> None:
        if self._fetching == sha:
            return
        self._stop.set()  # one photo at a time: the one looked at
        self._stop = stop = threading.Event()
        self._fetching = sha
        self.fetch_bar.setRange(0, 0)
        self._show_fetching(True)
        relay = _FetchRelay()
        relay.moved.connect(self._moved)
        db = self._db

        def ended() -> None:
            relay.deleteLater()
            if self._fetching == sha:
                self._fetching = None
                self._show_fetching(False)

        def done(fetched: bool) -> None:
            ended()
            if self._showing(sha):
                if fetched:
                    self.show_photo(self.current)
                else:
                    self._say(self.tr("Fetching stopped. The full photo comes with the next "
                                      "sync, or when you open it again."))

        def failed(error: BaseException) -> None:
            ended()
            if not isinstance(error, UserError):
                raise error  # a bug: to the crash dialog
            if self._showing(sha):
                self._say(error.message)

        run_in_background(
            lambda: photo_fetch.fetch_photo(db, sha, relay.moved.emit, stop.is_set), done,
            failed)

    @Slot(int, int)
    def _moved(self, done: int, total: int) -> None:
        if total:
            self.fetch_bar.setRange(0, total)
            self.fetch_bar.setValue(done)

    def stop_fetching(self) -> None:
        self._stop.set()

    def done(self, result: int) -> None:
        self._stop.set()  # a fetch under way ends at its next chunk
        super().done(result)

    def _showing(self, sha: str) -> bool:
        return self.rows[self.current].sha256 == sha

    def _say(self, text: str) -> None:
        self.info.setText(text + "\n" + describe(self.rows[self.current]))

    def _show_fetching(self, shown: bool) -> None:
        self.fetch_bar.setVisible(shown)
        self.stop_button.setVisible(shown)


class BeforeAfterDialog(QDialog):
    """A before photo and an after photo side by side, zoomed and panned together.

    Starts with the first "before" photo and the "after" photo of the same component (else the
    last "after" one; "during" photos when there is no "after" yet)."""

    def __init__(self, db: Database, rows: Sequence[PhotoRow], parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Before and after"))
        self.resize(1200, TALLEST)
        self.before = [row for row in rows if row.tag is PhotoTag.BEFORE]
        self.after = [row for row in rows if row.tag is PhotoTag.AFTER] or [
            row for row in rows if row.tag is PhotoTag.DURING]
        self.views = (ZoomView(), ZoomView())
        self.choosers = (QComboBox(), QComboBox())
        self.infos = (QLabel(), QLabel())
        grid = QGridLayout()
        for column, (title, choices) in enumerate(((self.tr("Before"), self.before),
                                                   (self.tr("After"), self.after))):
            heading = QLabel(f"<b>{title}</b>")
            chooser = self.choosers[column]
            for row in choices:
                taken = date_text(row.taken_at.astimezone().date()) if row.taken_at else ""
                chooser.addItem(" · ".join(isolated(part) for part in (
                    row.caption or row.original_name, taken) if part))
            chooser.currentIndexChanged.connect(
                lambda number, col=column: self.show_photo(col, number))
            wrapped(self.infos[column])
            grid.addWidget(heading, 0, column)
            grid.addWidget(chooser, 1, column)
            grid.addWidget(self.views[column], 2, column)
            grid.addWidget(self.infos[column], 3, column)
        grid.setRowStretch(2, 1)
        zoom_row, self.zoom_buttons = zoom_buttons(self, self.views)
        for view in self.views:
            view.horizontalScrollBar().valueChanged.connect(lambda _, v=view: self._follow(v))
            view.verticalScrollBar().valueChanged.connect(lambda _, v=view: self._follow(v))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(zoom_row)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self._following = False
        for column, choices in enumerate((self.before, self.after)):
            if not choices:
                self.infos[column].setText(self.tr("No photo with this tag yet."))
        if self.before:
            self.show_photo(0, 0)
        if self.after:
            self.choosers[1].setCurrentIndex(self._matching_after(self.before[0]) if self.before
                                             else len(self.after) - 1)
            self.show_photo(1, self.choosers[1].currentIndex())

    def _matching_after(self, before: PhotoRow) -> int:
        same = [n for n, row in enumerate(self.after)
                if before.component and row.component == before.component]
        return same[-1] if same else len(self.after) - 1

    def show_photo(self, column: int, number: int) -> None:
        choices = (self.before, self.after)[column]
        if not 0 <= number < len(choices):
            return
        self.views[column].set_pixmap(load_pixmap(self._db, choices[number]))
        self.infos[column].setText(describe(choices[number]))

    def _follow(self, source: ZoomView) -> None:
        """Keep the other view on the same part of its picture, at the same zoom."""
        if self._following:
            return
        self._following = True
        try:
            other = self.views[1] if source is self.views[0] else self.views[0]
            if not source.fitted:
                other.set_zoom(source.zoom)
                other.centre_on_fraction(source.centre_fraction())
        finally:
            self._following = False
