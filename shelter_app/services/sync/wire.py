"""What travels between a laptop and the server over HTTP, for every step of sync (records,
files, packages): the client it needs, the POST of a JSON message, a refusal read back as the
matching UserError, and the report of a sync."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import orjson

from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.services.sync.devices import DeviceRefused, DeviceRevoked
from shelter_app.services.sync.protocol import BadMessage, SchemaMismatch


class ServerUnreachable(UserError):
    """No answer from the server: the work stays on this laptop and goes at the next sync."""


class Http(Protocol):
    """What sync needs of an HTTP client (httpx.Client, or Starlette's TestClient in tests)."""

    def post(self, url: str, *, json: Any = None, headers: Any = None) -> Any: ...

    def request(self, method: str, url: str, *, content: Any = None, params: Any = None,
                headers: Any = None) -> Any: ...


@dataclass
class Report:
    pushed: int = 0
    applied: int = 0
    conflicts: int = 0
    refused: int = 0
    pulled: int = 0
    reasons: list[str] = field(default_factory=list)
    batches_dropped: list[str] = field(default_factory=list)  # why, for the supervisor
    folded: int = 0  # refused links and steps of a refused batch, told by the batch's row
    # records the server holds for this office that this laptop cannot: each names one of
    # another office (client._not_held)
    unheld: list[str] = field(default_factory=list)
    files_sent: int = 0  # photos and scans (with a photo goes its thumbnail)
    files_received: int = 0
    files_waiting: int = 0  # named by records here, on neither this laptop nor the server yet
    bytes_sent: int = 0

    @property
    def changes_told(self) -> tuple[int, int]:
        """The changes sent and refused as the held list shows them: a refused payment batch
        is one change, its links in it (dropped_batches); "8 refused" stood over one row."""
        return self.pushed - self.folded, self.refused - self.folded

    @property
    def clean(self) -> bool:
        return not self.conflicts and not self.refused

    def then(self, later: "Report") -> "Report":
        """This sync's report and the one of the run that followed it, told as one: the
        counts added; the files still waiting are the later run's."""
        summed = {name: getattr(self, name) + getattr(later, name)
                  for name in ("pushed", "applied", "conflicts", "refused", "pulled",
                               "batches_dropped", "folded", "unheld",
                               "reasons", "files_sent", "files_received", "bytes_sent")}
        return Report(**summed, files_waiting=later.files_waiting)


# step ("push" | "pull" | "send" | "fetch": files), done, total (0: unknown)
Progress = Callable[[str, int, int], None]


def call(http: Http, path: str, body: dict[str, Any], token: str | None = None
         ) -> dict[str, Any]:
    """POST `body` (with this laptop's schema) and return the answer, or raise the server's
    refusal as the matching UserError. The answer is read with orjson: a first sync's pages
    are hundreds of MB of JSON, which json.loads reads in about twice the time (and holds the
    GIL throughout, so the page fetched ahead stalls the one being written)."""
    import httpx

    try:
        answer = http.post(path, json=body | {"schema": HEAD_REVISION}, headers=auth(token))
    except httpx.HTTPError as error:
        raise unreachable(error) from None
    try:
        message = orjson.loads(answer.content)
    except orjson.JSONDecodeError:  # a ValueError, as json's
        message = None
    if answer.status_code == 200 and isinstance(message, dict):
        return message
    raise refusal(answer)


def auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def unreachable(error: Exception) -> "ServerUnreachable":
    return ServerUnreachable(translate(
        "sync", "The server cannot be reached ({reason}); your work stays on this laptop "
                "and goes at the next sync.").format(reason=_reason(error)))


def _reason(error: Exception) -> str:
    """Why, in the user's language for the two usual cases (the network library says "timed
    out" or "[Errno 111] Connection refused" in English); any other as the library says it."""
    import httpx

    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return translate("sync", "no answer in time")
    if isinstance(error, ConnectionError | httpx.ConnectError):
        return translate("sync", "no connection: check the address and the network")
    return str(error) or type(error).__name__


def refusal(answer: Any) -> UserError:
    """The server's refusal in `answer` as the matching UserError."""
    try:
        message = answer.json()
    except ValueError:
        message = None
    text = message.get("message") if isinstance(message, dict) else None
    kind = message.get("error") if isinstance(message, dict) else None
    if not text:
        text = translate("sync", "The server answered {status}; try again later.").format(
            status=answer.status_code)
    return {"schema": SchemaMismatch, "device": DeviceRefused,
            "revoked": DeviceRevoked}.get(kind, BadMessage)(text)
