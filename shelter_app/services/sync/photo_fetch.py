"""One full photo fetched from the server as someone opens it, before the sync that would
bring it: its thumbnail is here, the photo is not (transfer's place "away"). Streamed in pieces
so the viewer shows progress and can stop it; checked against its hash before it is kept."""

import hashlib
from collections.abc import Callable

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.outbox import state
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.files import PHOTO, store
from shelter_app.services.sync.connection import http_client
from shelter_app.services.sync.state_keys import SERVER_KEY, TOKEN_KEY
from shelter_app.services.sync.transfer import ON_SERVER, mark
from shelter_app.services.sync.wire import auth, refusal


class PhotoAway(UserError):
    """A full photo that could not be fetched now; it comes with a later sync."""


FETCH_CHUNK = 64 * 1024  # bytes between two progress reports (and cancel checks)


def fetch_photo(db: Database, sha: str, progress: Callable[[int, int], None],
                cancelled: Callable[[], bool]) -> bool:
    """Fetch the full photo `sha` from the server now, as someone opens it; progress gets the
    bytes received and the total (0: unknown). False when cancelled (nothing kept)."""
    import httpx

    with db.read() as session:
        token, url = state(session, TOKEN_KEY), state(session, SERVER_KEY)
    if token is None or url is None:
        raise PhotoAway(translate("sync", "The full photo is on the server; this laptop syncs "
                                          "by USB packages, so it comes with the next "
                                          "receipt."))
    data = bytearray()
    try:
        with http_client(url) as http, http.stream(
                "GET", f"/v1/files/{PHOTO}/{sha}", headers=auth(token),
                params={"schema": HEAD_REVISION}) as answer:
            if answer.status_code == 404:
                raise PhotoAway(translate("sync", "The server does not have this photo yet: "
                                                  "the laptop that took it has not sent it. It "
                                                  "comes with a later sync."))
            if answer.status_code != 200:
                answer.read()
                raise refusal(answer)
            total = int(answer.headers.get("content-length") or 0)
            for chunk in answer.iter_bytes(FETCH_CHUNK):
                if cancelled():
                    return False
                data += chunk
                progress(len(data), total)
    except httpx.HTTPError as error:
        raise PhotoAway(translate("sync", "The full photo is on the server, which cannot be "
                                          "reached now ({reason}); it comes with the next "
                                          "sync.").format(reason=error or type(error).__name__)
                        ) from None
    if hashlib.sha256(data).hexdigest() != sha:
        raise PhotoAway(translate("sync", "A file from the server does not have its hash; it "
                                          "was not kept. Sync again."))
    store(db, PHOTO, sha, bytes(data))
    mark(db, [(PHOTO, sha)], ON_SERVER)
    return True
