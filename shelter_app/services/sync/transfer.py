"""The laptop's photos and scans on their way to the server and back, after each sync's records.

Thumbnails go first, then full photos, then scans, so that other laptops can show a dwelling's
photos before the large files arrive. Each file is sent in chunks from where the server says
it stands, so a cut connection or a killed app resumes there at the next sync; a file the
server holds is never sent again. Files the records here name but this laptop lacks (taken on
another laptop) come back the same way, thumbnails first, each checked against its hash.

Each file's place is kept in `sync_files` (uploading, or on the server) for the photo panel.
A photo opened before its full file came is fetched at once, alone (photo_fetch).
"""

import hashlib
from collections.abc import Callable
from typing import Any, Self

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.models import LeaseAgreement, Photo, SyncedFile
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.files import (
    KINDS,
    PHOTO,
    SCAN,
    THUMB,
    has_stored,
    read_stored,
    store,
)
from shelter_app.services.sync import file_store
from shelter_app.services.sync.file_store import MAX_STATUS
from shelter_app.services.sync.wire import (
    Http,
    Progress,
    Report,
    auth,
    call,
    refusal,
    unreachable,
)

UPLOADING, ON_SERVER = "uploading", "server"
HERE, AWAY = "here", "away"  # a photo on this laptop only; one on the server, not yet here
_FLUSH = 50  # files whose new state is written in one transaction


def referenced(session: Session) -> list[tuple[str, str]]:
    """(kind, sha256) of every file the records here name, thumbnails first."""
    photos = sorted(set(session.scalars(select(Photo.sha256).where(Photo.deleted_at.is_(None)))))
    scans = sorted(set(session.scalars(select(LeaseAgreement.signed_scan_sha256).where(
        LeaseAgreement.signed_scan_sha256.is_not(None), LeaseAgreement.deleted_at.is_(None)))))
    named = {THUMB: photos, PHOTO: photos, SCAN: scans}
    return [(kind, sha) for kind in KINDS for sha in named[kind]]


def states(session: Session) -> dict[tuple[str, str], str]:
    return {(row.kind, row.sha256): row.state for row in session.scalars(select(SyncedFile))}


def photo_states(db: Database, shas: list[str]) -> dict[str, str]:
    """Each photo's place: here (this laptop only), uploading, server (here and there) or
    away (on the server, not yet here)."""
    with db.read() as session:
        known = {row.sha256: row.state for row in session.scalars(select(SyncedFile).where(
            SyncedFile.kind == PHOTO, SyncedFile.sha256.in_(shas)))}
    out = {}
    for sha in shas:
        here = has_stored(db, PHOTO, sha)
        place = known.get(sha)
        out[sha] = (place or HERE) if here else AWAY
    return out


def exchange(db: Database, http: Http, token: str, report: Report, *,
             progress: Progress | None = None,
             cancelled: Callable[[], bool] = lambda: False) -> None:
    """Send the files the server lacks, then take the ones this laptop lacks."""
    with db.read() as session:
        files = referenced(session)
        known = states(session)
    present = {(kind, sha) for kind, sha in files if has_stored(db, kind, sha)}
    here = [f for f in files if f in present]
    absent = [f for f in files if f not in present]
    _send(db, http, token, [f for f in here if known.get(f) != ON_SERVER], report, progress,
          cancelled)
    _fetch(db, http, token, absent, report, progress, cancelled)
    return report


def _request(http: Http, method: str, kind: str, sha: str, token: str, *,
             params: dict[str, Any] | None = None, content: bytes | None = None) -> Any:
    import httpx

    try:
        return http.request(method, f"/v1/files/{kind}/{sha}", content=content, headers=auth(
            token), params={"schema": HEAD_REVISION} | (params or {}))
    except httpx.HTTPError as error:
        raise unreachable(error) from None


def mark(db: Database, files: list[tuple[str, str]], place: str) -> None:
    """Write down that `files` are at `place` (and empty the list)."""
    if not files:
        return
    with db.write() as session:
        for kind, sha in dict.fromkeys(files):
            session.execute(delete(SyncedFile).where(SyncedFile.kind == kind,
                                                     SyncedFile.sha256 == sha))
        session.execute(insert(SyncedFile), [
            {"kind": kind, "sha256": sha, "state": place, "updated_at": clock.now()}
            for kind, sha in dict.fromkeys(files)])
    files.clear()


class _Arrived:
    """Files now on the server and here, written down every _FLUSH files and at the end,
    however the transfer ends."""

    def __init__(self, db: Database) -> None:
        self.db, self.files = db, list[tuple[str, str]]()

    def add(self, file: tuple[str, str]) -> None:
        self.files.append(file)
        if len(self.files) >= _FLUSH:
            mark(self.db, self.files, ON_SERVER)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        mark(self.db, self.files, ON_SERVER)


def _send(db: Database, http: Http, token: str, files: list[tuple[str, str]],
          report: Report, progress: Progress | None, cancelled: Callable[[], bool]) -> None:
    with _Arrived(db) as arrived:
        for start in range(0, len(files), MAX_STATUS):
            batch = files[start:start + MAX_STATUS]
            answers = call(http, "/v1/files/status", {"files": [list(f) for f in batch]},
                           token).get("files")
            if not isinstance(answers, list) or len(answers) != len(batch):
                raise UserError(translate("sync", "The server's answer about files cannot be "
                                                  "read; nothing was marked as sent."))
            todo = []
            for file, answer in zip(batch, answers, strict=True):
                if answer.get("have"):
                    arrived.add(file)
                else:
                    todo.append((file, int(answer.get("offset", 0))))
            mark(db, [file for file, _ in todo], UPLOADING)
            first = start + len(batch) - len(todo) + 1  # the files it holds count as done
            for number, ((kind, sha), offset) in enumerate(todo, start=first):
                if cancelled():
                    return
                if _upload(db, http, token, kind, sha, offset, report):
                    arrived.add((kind, sha))
                    report.files_sent += kind != THUMB
                if progress:
                    progress("send", number, len(files))  # files, thumbnails included


def _upload(db: Database, http: Http, token: str, kind: str, sha: str, offset: int,
            report: Report) -> bool:
    """Send one file from `offset`; False when this laptop's copy is itself damaged."""
    data = read_stored(db, kind, sha)
    content_sha = hashlib.sha256(data).hexdigest()
    if kind != THUMB and content_sha != sha:
        return False  # `shelter-app check` names it; sending it would only be refused
    retried = False
    while True:
        chunk = data[offset:offset + file_store.CHUNK]
        answer = _request(http, "PUT", kind, sha, token, content=chunk, params={
            "size": len(data), "offset": offset, "content_sha256": content_sha})
        kind_of = _error(answer)
        if answer.status_code == 200:
            report.bytes_sent += len(chunk)
            message = answer.json()
            if message.get("have"):
                return True
            offset = int(message["offset"])
        elif kind_of == "offset":  # the server holds more or less than we thought
            offset = int(answer.json()["offset"])
        elif kind_of == "hash" and not retried:  # damaged on the way: once more, whole
            retried, offset = True, 0
        else:
            raise refusal(answer)


def _error(answer: Any) -> str | None:
    if answer.status_code == 200:
        return None
    try:
        message = answer.json()
    except ValueError:
        return None
    return message.get("error") if isinstance(message, dict) else None


def _fetch(db: Database, http: Http, token: str, files: list[tuple[str, str]],
           report: Report, progress: Progress | None, cancelled: Callable[[], bool]) -> None:
    with _Arrived(db) as arrived:
        for number, (kind, sha) in enumerate(files, start=1):
            if cancelled():
                return
            answer = _request(http, "GET", kind, sha, token)
            if answer.status_code == 404:
                report.files_waiting += kind != THUMB  # its laptop has not sent it yet
                continue
            if answer.status_code != 200:
                raise refusal(answer)
            data = answer.content
            if kind != THUMB and hashlib.sha256(data).hexdigest() != sha:
                raise UserError(translate("sync", "A file from the server does not have its "
                                                  "hash; it was not kept. Sync again."))
            store(db, kind, sha, data)
            arrived.add((kind, sha))
            report.files_received += kind != THUMB
            if progress:
                progress("fetch", number, len(files))
