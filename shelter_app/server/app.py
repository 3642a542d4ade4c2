"""The sync server: a Starlette application that carries messages to services.sync and back.

It holds no state between requests beyond the database's connection pool, so several
processes can serve one PostgreSQL database behind a reverse proxy. Every refusal is one JSON
object {"error": kind, "message": text} with a fitting HTTP status, and is logged.

    POST /v1/enrol  {schema, code}            -> {device_id, token, mark, office_id, name}
    POST /v1/push   {schema, ops: [...]}       -> {results: [...]}        (Bearer token)
    POST /v1/pull   {schema, cursor, limit}    -> {entries, cursor, more, hlc}  (Bearer token)
                    {…, form: "columns"}       -> {tables, cursor, more, hlc}   (a first pull)
    POST /v1/files/status {schema, files: [[kind, sha256], ...]} -> {files: [...]}  (Bearer)
    PUT  /v1/files/{kind}/{sha256}?schema&size&offset&content_sha256  chunk -> {have|offset}
    GET  /v1/files/{kind}/{sha256}?schema      -> the file's bytes                  (Bearer)
    POST /v1/package?schema   a laptop's sealed package -> its sealed receipt      (Bearer)
    GET  /v1/hello                             -> {schema, protocol}
"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from shelter_app.data.engine import Database
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.domain.errors import NotFound, UserError
from shelter_app.domain.i18n import translate
from shelter_app.services import erased_copies
from shelter_app.services.sync import (
    apply,
    devices,
    file_store,
    packages,
    protocol,
    serving,
)
from shelter_app.services.sync.devices import DeviceRefused, DeviceRevoked
from shelter_app.services.sync.file_store import HashMismatch, WrongOffset
from shelter_app.services.sync.protocol import BadMessage, SchemaMismatch, TooLarge

log = logging.getLogger("shelter_app.server")

_STATUS = {DeviceRefused: 403, SchemaMismatch: 409, TooLarge: 413, WrongOffset: 409,
           HashMismatch: 422, NotFound: 404, BadMessage: 400}
_KIND = {DeviceRevoked: "revoked", DeviceRefused: "device", SchemaMismatch: "schema",
         WrongOffset: "offset", HashMismatch: "hash", NotFound: "missing",
         BadMessage: "message"}

Handler = Callable[[Database, Request, dict[str, Any]], dict[str, Any] | bytes | Response]


def _refusal(request: Request, error: UserError) -> JSONResponse:
    kind = type(error)
    status = next((code for cls, code in _STATUS.items() if issubclass(kind, cls)), 422)
    name = next((name for cls, name in _KIND.items() if issubclass(kind, cls)), "refused")
    log.warning("%s %s refused (%s): %s", request.method, request.url.path, name,
                error.message)
    extra = {"offset": error.offset} if isinstance(error, WrongOffset) else {}
    return JSONResponse({"error": name, "message": error.message} | extra, status_code=status)


async def _read(request: Request, limit: int = protocol.MAX_BODY) -> bytes:
    """The body, refused as soon as it passes `limit` bytes (never read whole into memory)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        protocol.too_large(int(declared), limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            protocol.too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _endpoint(db: Database, handler: Handler, *, signed: bool, raw: bool = False,
              limit: int = protocol.MAX_BODY) -> Callable[[Request], Awaitable[Response]]:
    """A route: the JSON body (or, `raw`, the query's values and the body as "body") checked
    for size and schema, the device authenticated when `signed`, then `handler` off the loop."""
    async def endpoint(request: Request) -> Response:
        try:
            if raw:
                message = dict(request.query_params) | {"body": await _read(request, limit)}
            else:
                message = protocol.read_json(await _read(request, limit))
            protocol.check_schema(message)

            def work() -> dict[str, Any] | bytes:
                if signed:
                    auth = request.headers.get("authorization", "")
                    token = auth[7:] if auth.lower().startswith("bearer ") else None
                    request.state.device = devices.authenticate(db, token)
                return handler(db, request, message)

            answer = await run_in_threadpool(work)
            if isinstance(answer, Response):
                return answer
            if isinstance(answer, bytes):  # already JSON (a pull page)
                return Response(answer, media_type="application/json")
            return JSONResponse(answer)
        except UserError as error:
            return _refusal(request, error)
        except Exception:  # answered and logged; the laptop tries again later
            log.exception("%s %s failed", request.method, request.url.path)
            return JSONResponse({"error": "server", "message": translate(
                "sync", "The server failed on this request; nothing of it was applied. Try "
                        "again later; if it persists, tell the administrator.")},
                status_code=500)

    return endpoint


def _enrol(db: Database, _request: Request, message: dict[str, Any]) -> dict[str, Any]:
    code = message.get("code")
    if not isinstance(code, str):
        raise BadMessage(translate("sync", "The request has no enrolment code."))
    enrolment = devices.enrol(db, code)
    return {"device_id": str(enrolment.device_id), "token": enrolment.token,
            "mark": enrolment.mark, "name": enrolment.name,
            "office_id": str(enrolment.office_id) if enrolment.office_id else None}


def _push(db: Database, request: Request, message: dict[str, Any]) -> dict[str, Any]:
    ops = protocol.parse_ops(message)
    outcomes = apply.apply_batch(db, request.state.device, ops)
    erased_copies.settle_pushed(db, packages.erasures_applied(ops, outcomes))
    return {"results": [outcome.message() for outcome in outcomes]}


def _pull(db: Database, request: Request, message: dict[str, Any]) -> bytes:
    cursor, limit = message.get("cursor", 0), message.get("limit", protocol.PAGE)
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
               for n in (cursor, limit)):
        raise BadMessage(translate("sync", "cursor and limit must be whole numbers ≥ 0."))
    return serving.pull_page_json(db, request.state.device, cursor,
                                  min(max(limit, 1), protocol.PAGE),
                                  columns=message.get("form") == protocol.COLUMNS)


def _file_status(db: Database, _request: Request, message: dict[str, Any]) -> dict[str, Any]:
    return {"files": file_store.status(db, message.get("files"))}


def _file_put(db: Database, request: Request, message: dict[str, Any]) -> dict[str, Any]:
    try:
        size, offset = int(message["size"]), int(message["offset"])
    except (KeyError, ValueError):
        raise BadMessage(translate("sync", "A chunk needs its file's size and its offset.")
                         ) from None
    return file_store.receive(db, request.path_params["kind"], request.path_params["sha256"],
                              message.get("content_sha256", ""), size, offset, message["body"])


def _file_get(db: Database, request: Request, _message: dict[str, Any]) -> Response:
    return Response(file_store.send(db, request.state.device, request.path_params["kind"],
                                    request.path_params["sha256"]),
                    media_type="application/octet-stream")


def _package(db: Database, _request: Request, message: dict[str, Any]) -> Response:
    return Response(packages.import_package(db, message["body"]),
                    media_type="application/octet-stream")


async def _hello(_request: Request) -> JSONResponse:
    return JSONResponse({"schema": HEAD_REVISION, "protocol": protocol.VERSION})


def create_app(db: Database) -> Starlette:
    """The ASGI application serving `db` (already prepared by serving.prepare)."""
    return Starlette(routes=[
        Route("/v1/hello", _hello, methods=["GET"]),
        Route("/v1/enrol", _endpoint(db, _enrol, signed=False), methods=["POST"]),
        Route("/v1/push", _endpoint(db, _push, signed=True), methods=["POST"]),
        Route("/v1/pull", _endpoint(db, _pull, signed=True), methods=["POST"]),
        Route("/v1/files/status", _endpoint(db, _file_status, signed=True), methods=["POST"]),
        Route("/v1/files/{kind}/{sha256}", _endpoint(db, _file_put, signed=True, raw=True),
              methods=["PUT"]),
        Route("/v1/files/{kind}/{sha256}", _endpoint(db, _file_get, signed=True, raw=True),
              methods=["GET"]),
        Route("/v1/package", _endpoint(db, _package, signed=True, raw=True,
                                       limit=packages.MAX_PACKAGE), methods=["POST"]),
    ])
