"""The gallery of a laptop that syncs says where each photo is: only here, on the server, or
on the server and not yet here (its thumbnail came first)."""

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from services.sync.test_files import thumbnails_only
from sqlalchemy import select
from sync_fixtures import take_photos

from shelter_app.data.models import Photo
from shelter_app.data.outbox import set_state
from shelter_app.services.files import photo_path
from shelter_app.services.photos.photos import list_photos
from shelter_app.services.sync import client, photo_fetch, transfer
from shelter_app.services.sync.state_keys import SERVER_KEY
from shelter_app.ui.photos.model import place_labels
from shelter_app.ui.photos.panel import PhotosPanel
from shelter_app.ui.photos.viewer import PhotoViewer

SHOTS = Path("/tmp/shelter_sync_ui")


def texts(panel: PhotosPanel) -> list[str]:
    return [panel.model.index(row).data() for row in range(panel.model.rowCount())]


def open_panel(qtbot, db, actor, dwelling_id) -> PhotosPanel:
    panel = PhotosPanel(db, actor, dwelling_id)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_the_gallery_shows_each_photo_here_uploaded_and_away(qtbot, laptop, engineer, tmp_path,
                                                             monkeypatch):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    take_photos(a.db, engineer, 2, tmp_path)
    with a.db.read() as session:
        from sqlalchemy import select

        from shelter_app.data.models import Photo

        dwelling_id = session.scalar(select(Photo.dwelling_id).limit(1))
    labels = place_labels()
    panel = open_panel(qtbot, a.db, engineer, dwelling_id)
    assert all(text.endswith(labels[transfer.HERE]) for text in texts(panel))

    a.sync()
    panel.refresh()
    assert all(text.endswith(labels[transfer.ON_SERVER]) for text in texts(panel))

    fetched: list[str] = []
    real = transfer._request
    monkeypatch.setattr(transfer, "_request", lambda *args, **kwargs: (
        fetched.append(args[2]), real(*args, **kwargs))[1])
    client.sync(b.db, b.http, cancelled=lambda: len(fetched) >= 2)  # the thumbnails only
    other = open_panel(qtbot, b.db, engineer, dwelling_id)
    qtbot.waitUntil(lambda: other.model.pending == 0 and other.model.decoded >= 2, timeout=5000)
    assert all(text.endswith(labels[transfer.AWAY]) for text in texts(other))
    SHOTS.mkdir(exist_ok=True)
    assert other.grab().save(str(SHOTS / "photo_places.png"))


def open_viewer(qtbot, db, actor, sha: str) -> PhotoViewer:
    with db.read() as session:
        dwelling_id = session.scalar(select(Photo.dwelling_id).where(Photo.sha256 == sha))
    rows = list_photos(db, actor, dwelling_id)
    viewer = PhotoViewer(db, rows, [row.sha256 for row in rows].index(sha))
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def test_a_photo_away_is_fetched_as_it_is_opened(qtbot, laptop, engineer, tmp_path,
                                                 monkeypatch):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    [sha] = thumbnails_only(a, b, engineer, tmp_path, monkeypatch)
    viewer = open_viewer(qtbot, b.db, engineer, sha)
    assert viewer.fetch_bar.isVisible() and viewer.stop_button.isVisible()
    assert "being fetched" in viewer.info.text()
    qtbot.waitUntil(lambda: not viewer.fetch_bar.isVisible(), timeout=20_000)
    assert viewer.view.scene().sceneRect().width() == 1600  # the full photo, not its thumbnail
    assert "thumbnail" not in viewer.info.text()
    assert photo_path(b.db, sha).is_file()


def test_a_photo_away_offline_says_it_comes_with_the_next_sync(qtbot, laptop, engineer,
                                                              tmp_path, monkeypatch,
                                                              in_language):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    [sha] = thumbnails_only(a, b, engineer, tmp_path, monkeypatch)
    with b.db.write() as session:
        set_state(session, SERVER_KEY, "http://127.0.0.1:9")  # no network
    SHOTS.mkdir(exist_ok=True)
    for language in ("en", "tr", "ar"):
        in_language(language)
        viewer = open_viewer(qtbot, b.db, engineer, sha)
        qtbot.waitUntil(lambda v=viewer: not v.fetch_bar.isVisible(), timeout=20_000)
        assert viewer.view.scene().sceneRect().width() < 1600  # its thumbnail meanwhile
        if language == "en":
            assert "comes with the next sync" in viewer.info.text()
        assert viewer.grab().save(str(SHOTS / f"photo_away_offline_{language}.png"))
        viewer.reject()
    assert not photo_path(b.db, sha).exists()


def test_stop_ends_the_fetch_and_keeps_nothing(qtbot, laptop, engineer, tmp_path, monkeypatch,
                                               in_language):
    a, b = laptop("engineer-laptop"), laptop("supervisor-laptop")
    [sha] = thumbnails_only(a, b, engineer, tmp_path, monkeypatch)
    started = []
    real = photo_fetch.fetch_photo

    def slow(db, sha_, progress, cancelled):  # a slow line: Stop comes before the first chunk
        started.append(sha_)
        waited = threading.Event()
        while not cancelled() and len(started) < 1000:
            waited.wait(0.01)
            started.append(None)
        return real(db, sha_, progress, cancelled)

    monkeypatch.setattr(photo_fetch, "fetch_photo", slow)
    SHOTS.mkdir(exist_ok=True)
    for language in ("en", "tr", "ar"):
        in_language(language)
        started.clear()
        viewer = open_viewer(qtbot, b.db, engineer, sha)
        assert viewer.grab().save(str(SHOTS / f"photo_fetching_{language}.png"))
        qtbot.mouseClick(viewer.stop_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda v=viewer: not v.fetch_bar.isVisible(), timeout=20_000)
        assert started[0] == sha and len(started) < 1000
        if language == "en":
            assert "Fetching stopped" in viewer.info.text()
        viewer.reject()
    assert not photo_path(b.db, sha).exists()
