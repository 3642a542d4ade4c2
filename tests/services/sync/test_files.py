"""T10: photos and scans travel to the server in resumable chunks verified by hash, thumbnails
first, never twice; other laptops take them back; `check` verifies files on either side."""

import hashlib
from pathlib import Path

import httpx
import pytest
from sync_fixtures import take_photos

from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.outbox import set_state
from shelter_app.services.files import (
    PHOTO,
    THUMB,
    photo_path,
    stored_path,
    thumbnail_path,
)
from shelter_app.services.integrity import check_database
from shelter_app.services.sync import client, file_store, photo_fetch, transfer
from shelter_app.services.sync.state_keys import SERVER_KEY
from shelter_app.services.sync.wire import ServerUnreachable, auth


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Cut(httpx.BaseTransport):
    """A link that breaks once: before the chunk that crosses `at` (a fraction of the file) is
    sent, or (`after`) once the server has taken the chunk that reaches it, before its answer
    comes back."""

    def __init__(self, at: float, *, after: bool = False) -> None:
        self.inner, self.at, self.after, self.cut = httpx.HTTPTransport(), at, after, False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT" and not self.cut and "/photo/" in request.url.path:
            size, offset = int(request.url.params["size"]), int(request.url.params["offset"])
            end = offset + len(request.content)
            if not self.after and end > self.at * size:
                self.cut = True
                raise httpx.ConnectError("the line dropped")
            if self.after and end >= self.at * size:
                self.inner.handle_request(request).read()  # the server took it and answered
                self.cut = True
                raise httpx.ReadError("the line dropped before the answer")
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


def test_photos_reach_the_server_once_and_another_laptop_takes_them(
        laptop, hub, engineer, tmp_path):
    a, b = laptop("a"), laptop("b")
    shas = take_photos(a.db, engineer, 3, tmp_path)
    assert transfer.photo_states(a.db, shas) == dict.fromkeys(shas, transfer.HERE)

    report = a.sync()
    assert report.files_sent == 3  # each with its thumbnail
    for sha in shas:
        assert sha_of(photo_path(hub, sha)) == sha
        assert thumbnail_path(hub, sha).read_bytes() == thumbnail_path(a.db, sha).read_bytes()
    assert transfer.photo_states(a.db, shas) == dict.fromkeys(shas, transfer.ON_SERVER)
    again = a.sync()
    assert (again.files_sent, again.bytes_sent) == (0, 0)  # never sent twice

    received = b.sync()
    assert received.files_received == 4  # and the demo's signed scan, which it lacked
    assert all(sha_of(photo_path(b.db, sha)) == sha for sha in shas)
    assert transfer.photo_states(b.db, shas) == dict.fromkeys(shas, transfer.ON_SERVER)
    assert b.sync().files_sent == 0  # what it took from the server is not sent back


def test_photos_away_from_a_laptop_come_thumbnails_first(laptop, engineer, tmp_path,
                                                          monkeypatch):
    a, b = laptop("a"), laptop("b")
    shas = take_photos(a.db, engineer, 2, tmp_path)
    a.sync()
    asked: list[str] = []
    real = transfer._request

    def watched(http, method, kind, sha, token, **kwargs):
        asked.append(kind)
        return real(http, method, kind, sha, token, **kwargs)

    monkeypatch.setattr(transfer, "_request", watched)
    client.sync(b.db, b.http, cancelled=lambda: len(asked) >= 2)  # cut after the thumbnails
    assert asked == [THUMB, THUMB]
    assert all(stored_path(b.db, THUMB, sha).is_file() for sha in shas)
    assert transfer.photo_states(b.db, shas) == dict.fromkeys(shas, transfer.AWAY)
    assert check_database(b.db) == []  # a laptop that syncs is not at fault for those


def thumbnails_only(a, b, engineer, tmp_path, monkeypatch, count: int = 1) -> list[str]:
    """Photos taken on `a`, of which `b` holds only the thumbnails (its sync was cut)."""
    shas = take_photos(a.db, engineer, count, tmp_path, size=(1600, 1200))
    a.sync()
    asked: list[str] = []
    real = transfer._request

    def watched(http, method, kind, sha, token, **kwargs):
        asked.append(kind)
        return real(http, method, kind, sha, token, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(transfer, "_request", watched)
        client.sync(b.db, b.http, cancelled=lambda: len(asked) >= count)
    assert transfer.photo_states(b.db, shas) == dict.fromkeys(shas, transfer.AWAY)
    with b.db.write() as session:  # this test's server (the laptops were enrolled earlier)
        set_state(session, SERVER_KEY, str(b.http.base_url))
    return shas


def test_a_photo_opened_before_it_came_is_fetched_alone_with_progress(
        laptop, engineer, tmp_path, monkeypatch):
    a, b = laptop("a"), laptop("b")
    [sha] = thumbnails_only(a, b, engineer, tmp_path, monkeypatch)
    moved: list[tuple[int, int]] = []

    assert not photo_fetch.fetch_photo(b.db, sha, lambda *step: moved.append(step),
                                    lambda: bool(moved))  # cancelled after its first chunk
    assert not photo_path(b.db, sha).exists()
    moved.clear()
    assert photo_fetch.fetch_photo(b.db, sha, lambda *step: moved.append(step), lambda: False)
    size = photo_path(b.db, sha).stat().st_size
    assert sha_of(photo_path(b.db, sha)) == sha and len(moved) > 1
    assert moved[-1] == (size, size) and moved == sorted(moved)
    assert transfer.photo_states(b.db, [sha]) == {sha: transfer.ON_SERVER}


def test_a_photo_that_cannot_be_fetched_says_it_comes_with_a_later_sync(
        laptop, hub, engineer, tmp_path, monkeypatch):
    a, b = laptop("a"), laptop("b")
    [sha] = thumbnails_only(a, b, engineer, tmp_path, monkeypatch)
    with b.db.write() as session:  # offline: the server's address leads nowhere
        set_state(session, SERVER_KEY, "http://127.0.0.1:9")
    with pytest.raises(photo_fetch.PhotoAway, match="cannot be reached now .* next sync"):
        photo_fetch.fetch_photo(b.db, sha, lambda *_: None, lambda: False)
    with b.db.write() as session:
        set_state(session, SERVER_KEY, None)  # a laptop that syncs by USB stick
    with pytest.raises(photo_fetch.PhotoAway, match="next receipt"):
        photo_fetch.fetch_photo(b.db, sha, lambda *_: None, lambda: False)
    assert not photo_path(b.db, sha).exists()


@pytest.mark.parametrize(("at", "after"), [(0.3, False), (0.99, False), (1.0, True)],
                         ids=["cut at 30 %", "cut at 99 %", "answer lost at 100 %"])
def test_an_upload_cut_midway_resumes_where_it_stopped(laptop, hub, hub_url, engineer,
                                                        tmp_path, monkeypatch, at, after):
    monkeypatch.setattr(file_store, "CHUNK", 16 * 1024)
    a = laptop("a")
    [sha] = take_photos(a.db, engineer, 1, tmp_path, size=(1600, 1200))
    size = photo_path(a.db, sha).stat().st_size
    assert size > 10 * file_store.CHUNK
    with httpx.Client(base_url=hub_url, transport=Cut(at, after=after)) as broken, \
            pytest.raises(ServerUnreachable):
        client.sync(a.db, broken)
    if not after:
        assert transfer.photo_states(a.db, [sha]) == {sha: transfer.UPLOADING}
        assert not photo_path(hub, sha).exists()

    report = a.sync()  # the app restarted: nothing but the database and the server remember
    assert sha_of(photo_path(hub, sha)) == sha
    assert transfer.photo_states(a.db, [sha]) == {sha: transfer.ON_SERVER}
    resent = report.bytes_sent
    assert resent <= (1 - at) * size + file_store.CHUNK  # resumed, not started again
    if after:
        assert resent == 0


def test_a_chunk_with_the_wrong_hash_is_refused_and_sent_again(laptop, hub, http, engineer,
                                                                 tmp_path, monkeypatch):
    a = laptop("a")
    [sha] = take_photos(a.db, engineer, 1, tmp_path)
    data = photo_path(a.db, sha).read_bytes()
    damaged = bytes([data[0] ^ 1]) + data[1:]
    answer = http.put(f"/v1/files/photo/{sha}", content=damaged, headers=auth(a.token),
                      params={"schema": HEAD_REVISION, "size": len(data), "offset": 0,
                              "content_sha256": sha})
    assert answer.status_code == 422 and answer.json()["error"] == "hash"
    assert not photo_path(hub, sha).exists()
    assert file_store.status(hub, [[PHOTO, sha]]) == [{"offset": 0}]  # thrown away whole

    sent: list[int] = []  # the line damages the first copy once; the laptop sends it again
    real = transfer._request

    def damaging(http, method, kind, sha_, token, *, params=None, content=None):
        if method == "PUT" and kind == PHOTO and not sent:
            sent.append(1)
            content = bytes([content[0] ^ 1]) + content[1:]
        return real(http, method, kind, sha_, token, params=params, content=content)

    monkeypatch.setattr(transfer, "_request", damaging)
    assert a.sync().files_sent == 1
    assert sha_of(photo_path(hub, sha)) == sha


def test_a_device_takes_only_files_of_its_office(laptop, http, engineer, tmp_path):
    a, ankara = laptop("a"), laptop("ankara", office="ANK")
    [sha] = take_photos(a.db, engineer, 1, tmp_path)
    a.sync()
    mine = http.get(f"/v1/files/photo/{sha}", headers=auth(a.token),
                    params={"schema": HEAD_REVISION})
    theirs = http.get(f"/v1/files/photo/{sha}", headers=auth(ankara.token),
                      params={"schema": HEAD_REVISION})
    assert mine.status_code == 200 and hashlib.sha256(mine.content).hexdigest() == sha
    assert theirs.status_code == 404
    nobody = http.get(f"/v1/files/photo/{sha}", params={"schema": HEAD_REVISION})
    assert nobody.status_code == 403


def test_check_on_the_server_names_a_missing_and_a_damaged_file(laptop, hub, engineer,
                                                                 tmp_path):
    a = laptop("a")
    first, second = take_photos(a.db, engineer, 2, tmp_path)
    a.sync()
    assert not [line for line in check_database(hub) if "Photo" in line]
    photo_path(hub, first).unlink()
    path = photo_path(hub, second)
    path.write_bytes(path.read_bytes()[:-10])
    problems = [line for line in check_database(hub) if "Photo" in line]
    assert len(problems) == 2
    assert any("missing" in line and first in line for line in problems)
    assert any("damaged" in line and second in line for line in problems)
