"""The gallery of a laptop that syncs says where each photo is: only here, on the server, or
on the server and not yet here (its thumbnail came first)."""

from pathlib import Path

from sync_fixtures import take_photos

from shelter_app.services.sync import client, transfer
from shelter_app.ui.photos.model import place_labels
from shelter_app.ui.photos.panel import PhotosPanel

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
