"""The messages between a laptop and the server, and the checks every message passes before
anything is applied: its size, its JSON, the schema revision both sides run, and the shape of
each op. A message that fails any check is refused whole with a message that names the fault.
"""

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shelter_app.data.base import CONFIRMED_BY
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.replication import NOT_SENT, TABLES, synced_columns
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate

VERSION = 1  # of this protocol; the URL paths carry it (/v1/...)
MAX_BODY = 16 * 1024 * 1024  # bytes of one request; a laptop sends batches well below it
MAX_OPS = 5_000  # in one push
PAGE = 20_000  # log entries in one pull page (a first sync commits once per page)
# a pull that asks {"form": COLUMNS} gets its page as columns (serving.column_page); a server
# that does not know the form answers entries, which every laptop still reads
COLUMNS = "columns"
_ACTIONS = {"create", "update", "purge"}
_STAMP = re.compile(r"\d{13}-\d{5,}-[A-Za-z0-9]{1,8}")  # domain.hlc's text; laptops sort by it


class BadMessage(UserError):
    """A request or answer that cannot be used; nothing of it was applied."""


class TooLarge(BadMessage):
    """A request over MAX_BODY bytes; refused before it is read whole."""


class SchemaMismatch(UserError):
    """Laptop and server run different schema revisions: one of them must be updated."""


@dataclass(frozen=True)
class Op:
    op_id: uuid.UUID
    entity: str
    row_id: uuid.UUID
    action: str
    base_version: int
    fields: dict[str, Any]
    user_id: uuid.UUID | None
    hlc: str
    created_at: datetime

    def message(self) -> dict[str, Any]:
        return {"op_id": str(self.op_id), "entity": self.entity, "row_id": str(self.row_id),
                "action": self.action, "base_version": self.base_version, "fields": self.fields,
                "user_id": str(self.user_id) if self.user_id else None, "hlc": self.hlc,
                "created_at": self.created_at.isoformat()}


def too_large(size: int, limit: int = MAX_BODY) -> None:
    raise TooLarge(translate("sync", "The request is %n bytes, over the limit of "
                                       "{limit}; send smaller batches.", "", size).format(
        limit=limit))


def read_json(body: bytes) -> dict[str, Any]:
    if len(body) > MAX_BODY:
        too_large(len(body))
    try:
        message = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BadMessage(translate("sync", "The request is not valid JSON ({reason}).").format(
            reason=error)) from None
    if not isinstance(message, dict):
        raise BadMessage(translate("sync", "The request must be a JSON object."))
    return message


def check_schema(message: dict[str, Any], server_revision: str = HEAD_REVISION) -> None:
    """Refuse a peer on another schema revision before anything is applied."""
    theirs = message.get("schema")
    if theirs == server_revision:
        return
    if not isinstance(theirs, str):
        raise BadMessage(translate("sync", "The request does not say its schema revision."))
    if theirs > server_revision:
        raise SchemaMismatch(translate(
            "sync", "This laptop runs schema {theirs}, newer than the server's {ours}: the "
                    "server must be updated first. Nothing was applied.").format(
            theirs=theirs, ours=server_revision))
    raise SchemaMismatch(translate(
        "sync", "This laptop runs schema {theirs}, the server {ours}: update the app on this "
                "laptop, then sync again. Nothing was applied.").format(
        theirs=theirs, ours=server_revision))


def parse_ops(message: dict[str, Any]) -> list[Op]:
    """The ops of a push request, each checked for shape; BadMessage names the first fault."""
    raw = message.get("ops")
    if not isinstance(raw, list):
        raise BadMessage(translate("sync", "The request has no list of ops."))
    if len(raw) > MAX_OPS:
        raise BadMessage(translate("sync", "%n ops in one request; at most {limit} are "
                                           "accepted.", "", len(raw)).format(limit=MAX_OPS))
    ops = [_op(index, item) for index, item in enumerate(raw, start=1)]
    seen: set[uuid.UUID] = set()
    for index, op in enumerate(ops, start=1):
        if op.op_id in seen:  # decided once per request: a second copy has no answer of its own
            raise BadMessage(translate("sync", "Op {index}: its op_id appears twice in the "
                                               "request.").format(index=index))
        seen.add(op.op_id)
    return ops


def _op(index: int, item: Any) -> Op:
    def fault(text: str) -> BadMessage:
        return BadMessage(translate("sync", "Op {index}: {fault}").format(index=index,
                                                                         fault=text))

    if not isinstance(item, dict):
        raise fault(translate("sync", "not an object."))
    entity = item.get("entity")
    if entity not in TABLES:
        raise fault(translate("sync", "unknown table {table}.").format(table=entity))
    if item.get("action") not in _ACTIONS:
        raise fault(translate("sync", "unknown action {action}.").format(
            action=item.get("action")))
    fields = item.get("fields")
    if not isinstance(fields, dict):
        raise fault(translate("sync", "fields must be an object."))
    # each side's bookkeeping (version, updated_at) is never sent: the server sets its own
    unknown = sorted(set(fields) - set(synced_columns(entity)) - {CONFIRMED_BY}
                     | set(fields) & NOT_SENT)
    if unknown:
        raise fault(translate("sync", "unknown field {field} of {table}.").format(
            field=unknown[0], table=entity))
    base = item.get("base_version")
    if isinstance(base, bool) or not isinstance(base, int) or not 0 <= base < 2 ** 31:
        raise fault(translate("sync", "base_version must be a whole number ≥ 0."))
    stamp = item.get("hlc")
    if not isinstance(stamp, str) or not _STAMP.fullmatch(stamp):
        # it goes into the change log and every laptop's clock: a bad one would stop them all
        raise fault(translate("sync", "hlc must be a clock stamp such as "
                                      "1764061200000-00000-A."))
    try:
        user = item.get("user_id")
        created_at = datetime.fromisoformat(item["created_at"])
        if created_at.tzinfo is None:
            raise ValueError("no zone")
        return Op(uuid.UUID(item["op_id"]), entity, uuid.UUID(item["row_id"]), item["action"],
                  base, fields, uuid.UUID(user) if user is not None else None, stamp,
                  created_at)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise fault(translate("sync", "op_id, row_id, user_id and created_at must be UUIDs and "
                                      "a UTC time.")) from None
