"""The photos panel driven as a user would: import a folder (dialogs answered by the test), drop
files, wait for thumbnails, open the viewer and zoom, compare before and after, edit details."""

import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QTranslator, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
)
from sqlalchemy import select

import photo_files
from shelter_app.data.models import Dwelling
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.photos import photos as photos_service
from shelter_app.services.photos.pipeline import process_file
from shelter_app.services.photos.photos import import_photos, list_photos
from shelter_app.ui.photos.panel import PhotosPanel
from shelter_app.ui.photos.viewer import BeforeAfterDialog, PhotoViewer

REF = "GAZ-D-000001"
SHOTS = Path("/tmp/shelter_photos_ui")


def dwelling_id(db):
    with db.read() as session:
        return session.scalar(select(Dwelling.id).where(Dwelling.ref == REF))


@pytest.fixture
def panel(qtbot, demo_db, engineer):
    widget = PhotosPanel(demo_db, engineer, dwelling_id(demo_db))
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def wait_for_thumbnails(qtbot, panel: PhotosPanel) -> None:
    qtbot.waitUntil(lambda: panel.model.pending == 0 and panel.model.decoded > 0, timeout=5000)


def grab(widget, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    assert widget.grab().save(str(SHOTS / f"{name}.png"))


def test_import_a_folder_through_the_dialog_shows_upright_thumbnails(qtbot, panel, tmp_path,
                                                                     monkeypatch):
    folder = tmp_path / "kamera"
    for n in range(4):
        photo_files.photo(folder / f"IMG_{n}.jpg", seed=n, orientation=6)
    (folder / "notes.jpg").write_text("not a photo", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    panel.import_tag.setCurrentIndex(panel.import_tag.findData(PhotoTag.BEFORE))
    qtbot.mouseClick(panel.folder_button, Qt.MouseButton.LeftButton)
    assert panel.busy and isinstance(panel.progress_dialog, QProgressDialog)
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    assert panel.model.rowCount() == 4
    assert panel.status.text().startswith("4 photos imported, 0 duplicates, 1 photo refused")
    summary = panel.summary_dialog
    assert summary is not None and len(summary.lines) == 1
    name, result, why = summary.lines[0]
    assert (name, result) == ("notes.jpg", "refused") and "not a photo" in why
    assert "whatever its name says" in summary.files.toPlainText()
    grab(summary, "import_summary")
    summary.close()
    wait_for_thumbnails(qtbot, panel)
    pixmap = panel.model.data(panel.model.index(0), Qt.ItemDataRole.DecorationRole)
    assert (pixmap.width(), pixmap.height()) == (160, 120)  # upright: landscape as taken
    grab(panel, "gallery")


def test_real_size_portrait_photos_come_out_upright(qtbot, panel, demo_db, tmp_path,
                                                   monkeypatch):
    """A phone held upright stores 4000x3000 pixels turned sideways plus orientation 6."""
    from shelter_app.services.files import photo_path
    from shelter_app.demo.sample_photos import camera_jpeg

    folder = tmp_path / "telefon"
    folder.mkdir()
    (folder / "IMG_0001.jpg").write_bytes(camera_jpeg(photo_files.quadrants((3000, 4000)),
                                                      orientation=6))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(folder))
    qtbot.mouseClick(panel.folder_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    wait_for_thumbnails(qtbot, panel)
    thumb = panel.model.data(panel.model.index(0), Qt.ItemDataRole.DecorationRole)
    assert (thumb.width(), thumb.height()) == (120, 160)
    row = panel.model.row_at(0)
    assert (row.width, row.height) == (1200, 1600)
    with Image.open(photo_path(demo_db, row.sha256)) as stored:
        for point, colour in (((300, 400), photo_files.TOP_LEFT),
                              ((900, 400), photo_files.TOP_RIGHT),
                              ((300, 1200), photo_files.BOTTOM_LEFT),
                              ((900, 1200), photo_files.BOTTOM_RIGHT)):
            assert all(abs(a - b) < 40 for a, b in zip(stored.getpixel(point), colour))


def test_cancel_during_import_keeps_what_was_imported(qtbot, panel, tmp_path, monkeypatch):
    paths = [str(photo_files.photo(tmp_path / f"c{n}.jpg", seed=n)) for n in range(30)]

    def slow(path):  # as real photos take: the Cancel click lands mid-import
        time.sleep(0.04)
        return process_file(path)

    monkeypatch.setattr(photos_service, "process_file", slow)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args: (paths, ""))
    seen: list[int] = []

    def cancel_at_first_progress(done: int, total: int) -> None:
        seen.append(done)
        if done and panel.progress_dialog is not None:
            panel.progress_dialog.findChild(QPushButton).click()  # Cancel

    panel.progressed.connect(cancel_at_first_progress)
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    imported = panel.model.rowCount()
    assert 0 < imported < 30
    photos = "1 photo" if imported == 1 else f"{imported} photos"
    assert panel.status.text() == (f"{photos} imported, 0 duplicates, 0 photos refused, "
                                   f"{30 - imported} not imported.")
    assert panel.summary_dialog is None  # nothing refused: the count says it all


def test_dropping_files_imports_them_and_the_viewer_zooms(qtbot, panel, tmp_path):
    paths = [photo_files.photo(tmp_path / f"d{n}.jpg", seed=n, size=(2000, 1500))
             for n in range(2)]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    # a drag arrives at the window, which hands it to the widget under the pointer
    viewport = panel.gallery.viewport()
    where = QPointF(viewport.mapTo(panel, viewport.rect().center()))
    drag = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier)
    for event in (QDragEnterEvent(where, *drag), QDropEvent(where, *drag)):
        QApplication.sendEvent(panel.windowHandle(), event)
        assert event.isAccepted()
    qtbot.waitUntil(lambda: not panel.busy and panel.model.rowCount() == 2, timeout=10_000)
    assert panel.summary_dialog is None  # nothing to report

    index = panel.model.index(1)
    panel.gallery.setCurrentIndex(index)
    panel.gallery.activated.emit(index)
    viewer: PhotoViewer = panel.viewer
    qtbot.waitExposed(viewer)
    assert viewer.current == 1 and "d1.jpg" in viewer.info.text()
    fitted = viewer.view.zoom
    assert fitted < 1.0 and viewer.view.fitted
    qtbot.mouseClick(viewer.zoom_buttons[0], Qt.MouseButton.LeftButton)
    assert viewer.view.zoom == pytest.approx(fitted * 1.25)
    qtbot.mouseClick(viewer.zoom_buttons[3], Qt.MouseButton.LeftButton)
    assert viewer.view.zoom == pytest.approx(1.0) and not viewer.view.fitted
    qtbot.mouseClick(viewer.zoom_buttons[2], Qt.MouseButton.LeftButton)
    assert viewer.view.zoom == pytest.approx(fitted) and viewer.view.fitted
    qtbot.keyClick(viewer.view, Qt.Key.Key_Left)  # the picture has the focus
    assert viewer.current == 0 and "d0.jpg" in viewer.info.text()
    grab(viewer, "viewer")
    viewer.close()


def test_before_after_side_by_side_zooms_both(qtbot, panel, demo_db, engineer, tmp_path):
    for tag, seed in ((PhotoTag.BEFORE, 1), (PhotoTag.DURING, 2), (PhotoTag.AFTER, 3)):
        path = photo_files.photo(tmp_path / f"{tag}.jpg", seed=seed, tag=tag, size=(800, 600),
                                 taken_at=datetime(2026, 5, seed, 10))
        import_photos(demo_db, engineer, REF, [path], tag=tag)
    panel.refresh()
    qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    dialog: BeforeAfterDialog = panel.comparison
    qtbot.waitExposed(dialog)
    assert "before.jpg" in dialog.infos[0].text() and "after.jpg" in dialog.infos[1].text()
    left, right = dialog.views
    qtbot.mouseClick(dialog.zoom_buttons[3], Qt.MouseButton.LeftButton)  # 100 %
    assert left.zoom == pytest.approx(1.0) and right.zoom == pytest.approx(1.0)
    left.horizontalScrollBar().setValue(left.horizontalScrollBar().maximum())
    assert right.centre_fraction().x() == pytest.approx(left.centre_fraction().x(), abs=0.02)
    qtbot.mouseClick(dialog.zoom_buttons[2], Qt.MouseButton.LeftButton)  # fit both
    grab(dialog, "before_after")
    dialog.close()


def test_edit_details_and_remove(qtbot, panel, demo_db, engineer, tmp_path, monkeypatch):
    import_photos(demo_db, engineer, REF, [photo_files.photo(tmp_path / "e.jpg")])
    panel.refresh()
    panel.gallery.setCurrentIndex(panel.model.index(0))
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    details = panel.details
    qtbot.waitExposed(details)
    details.tag.setCurrentIndex(details.tag.findData(PhotoTag.AFTER))
    details.caption.setText("Yeni PVC pencere, salon")  # Turkish: setText, not keyClicks
    details.component.setCurrentIndex(details.component.findData("windows"))
    grab(details, "details")
    qtbot.mouseClick(details.ok_button, Qt.MouseButton.LeftButton)
    assert not details.isVisible()
    row = panel.model.row_at(0)
    assert (row.tag, row.caption, row.component) == (PhotoTag.AFTER, "Yeni PVC pencere, salon",
                                                     "windows")
    assert panel.model.data(panel.model.index(0)) == "After · Yeni PVC pencere, salon"

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    panel.gallery.setCurrentIndex(panel.model.index(0))
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0
    assert list_photos(demo_db, engineer, row.dwelling_id) == []


def test_gallery_decodes_only_the_thumbnails_it_shows(qtbot, qtmodeltester, demo_db, engineer,
                                                      tmp_path):
    paths = [photo_files.photo(tmp_path / f"g{n}.jpg", seed=n, size=(160, 120))
             for n in range(40)]
    import_photos(demo_db, engineer, REF, paths)
    widget = PhotosPanel(demo_db, engineer, dwelling_id(demo_db))
    qtbot.addWidget(widget)
    widget.resize(500, 420)
    widget.show()
    wait_for_thumbnails(qtbot, widget)
    assert widget.model.rowCount() == 40
    assert 0 < widget.model.decoded < 20  # only the first screenful
    first_screen = widget.model.decoded
    widget.gallery.scrollToBottom()
    qtbot.waitUntil(lambda: widget.model.pending == 0
                    and widget.model.decoded > first_screen, timeout=5000)
    last = widget.model.data(widget.model.index(39), Qt.ItemDataRole.DecorationRole)
    assert last.size().toTuple() == (160, 120)
    assert last.toImage().pixelColor(5, 5).name() != "#e4e4e4"  # not the grey placeholder
    qtmodeltester.check(widget.model)


def test_viewers_without_edit_rights_see_no_import_or_edit(qtbot, demo_db, admin, tmp_path):
    widget = PhotosPanel(demo_db, admin, dwelling_id(demo_db))
    qtbot.addWidget(widget)
    assert widget.import_button.isHidden() and widget.edit_button.isHidden()
    assert not widget.gallery.accepts_files
    assert widget.status.text() == "No photos yet."


def test_the_dwelling_file_shows_before_and_after_side_by_side(qtbot, demo_db, engineer):
    from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

    dialog = DwellingFileDialog(demo_db, engineer, dwelling_id(demo_db))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dialog.tabs.tabBar().tabRect(3).center())
    tab = dialog.photos_tab
    assert dialog.tabs.currentWidget() is tab
    assert set(tab.sides) == {PhotoTag.BEFORE, PhotoTag.AFTER}
    assert tab.panel.dwelling_id == dialog.file.id


def test_thumbnails_are_decoded_without_asking_a_translator(qtbot, demo_db, engineer, tmp_path):
    """Two decoding threads once deadlocked: a format guess makes Qt's TGA plugin call tr()
    under Qt's image-reader lock, tr() runs the app's Python translators (waiting for the GIL)
    while the other thread held the GIL, waiting for that lock."""
    asked: list[tuple[str, str]] = []

    class Spy(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            if threading.current_thread() is not threading.main_thread():
                asked.append((context, source))
            return None

    spy = Spy()
    QApplication.instance().installTranslator(spy)
    try:
        import_photos(demo_db, engineer, REF,
                      [photo_files.photo(tmp_path / f"t{n}.jpg", seed=n) for n in range(3)])
        panel = PhotosPanel(demo_db, engineer, dwelling_id(demo_db))
        qtbot.addWidget(panel)
        panel.show()
        wait_for_thumbnails(qtbot, panel)
    finally:
        QApplication.instance().removeTranslator(spy)
    assert panel.model.decoded >= 3
    assert asked == []


def test_the_viewer_decodes_a_photo_without_asking_a_translator(qtbot, demo_db, engineer,
                                                                tmp_path):
    """The viewer decodes on the GUI thread while a gallery may decode thumbnails in a worker:
    a format guess made Qt's TGA plugin call tr() under Qt's image-reader lock, the app's
    Python translators let the worker take the GIL, and the worker waited for that lock with
    it (the same deadlock as two decoding threads)."""
    from shelter_app.services.photos.photos import list_photos
    from shelter_app.ui.photos.viewer import load_pixmap, thumbnail_pixmap

    import_photos(demo_db, engineer, REF, [photo_files.photo(tmp_path / "v.jpg", seed=4)])
    row = list_photos(demo_db, engineer, dwelling_id(demo_db))[0]
    asked: list[tuple[str, str]] = []

    class Spy(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            asked.append((context, source))
            return None

    spy = Spy()
    QApplication.instance().installTranslator(spy)
    try:
        pictures = [load_pixmap(demo_db, row), thumbnail_pixmap(demo_db, row)]
    finally:
        QApplication.instance().removeTranslator(spy)
    assert not any(picture.isNull() for picture in pictures)
    assert asked == []
