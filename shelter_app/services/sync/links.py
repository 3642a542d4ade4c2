"""A link row of the outbox (outbox.LINK: a payment batch linking a month's timesheets, written
as one row by outbox.record_matching) as the per-row "update" ops it stands for. The wire knows
only those: each has its own id, derived from the link's (a link pushed again after a cut
connection is answered op by op from what the server already decided), its row's base version
and its own stamp from the run the link reserved, in the rows' id order as they were numbered.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.orm import Session

from shelter_app.data.models import OutboxOp
from shelter_app.data.outbox import BASES, LINK
from shelter_app.domain import hlc
from shelter_app.services.sync.protocol import Op


@dataclass(frozen=True)
class Part(Op):
    """One op of a link row (`seq`: the row's); `last`: the link's last op."""

    seq: int
    last: bool


def wire(rows: Iterable[OutboxOp]) -> list[OutboxOp | Part]:
    """The ops `rows` (in outbox order) send: a link row's parts in its place."""
    ops: list[OutboxOp | Part] = []
    for row in rows:
        if row.action == LINK:
            ops.extend(parts(row))
        else:
            ops.append(row)
    return ops


def parts(link: OutboxOp) -> list[Part]:
    bases = sorted((uuid.UUID(key), version) for key, version in link.fields[BASES].items())
    fields = {key: value for key, value in link.fields.items() if key != BASES}
    first = hlc.parse(link.hlc)
    assert first is not None
    return [Part(uuid.uuid5(link.op_id, str(row_id)), link.entity, row_id, "update", version,
                 fields, link.user_id,
                 str(hlc.Stamp(first.millis, first.counter + place, first.node)),
                 link.created_at, link.seq, place == len(bases) - 1)
            for place, (row_id, version) in enumerate(bases)]


def pending_count(session: Session) -> int:
    """The ops waiting to be pushed, a link row counting as its parts."""
    rows = select(func.count()).select_from(OutboxOp).where(
        OutboxOp.status == "pending", OutboxOp.action != LINK)
    return (session.scalar(rows) or 0) + (session.execute(text(
        f"SELECT count(*) FROM sync_outbox o, {_each(session, BASES)} AS b "
        "WHERE o.status = 'pending' AND o.action = :link"), {"link": LINK}).scalar() or 0)


def linked(session: Session, entity: str, row_ids: list[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
    """Of `row_ids` of `entity`, those a pending link row links, with the fields it sets."""
    links = ("FROM sync_outbox o, {each} AS b WHERE o.entity = :entity "
             "AND o.status = 'pending' AND o.action = :link")
    values = {"entity": entity, "link": LINK}
    names: dict[int, set[str]] = {}
    for seq, key in session.execute(text(
            "SELECT o.seq, b.key " + links.format(each=_each(session, None))), values):
        if key != BASES:
            names.setdefault(seq, set()).add(key)
    if not names or not row_ids:
        return {}
    postgres = session.get_bind().dialect.name == "postgresql"
    keys = {(str(row_id) if postgres else row_id.hex): row_id for row_id in row_ids}
    found: dict[uuid.UUID, set[str]] = {}
    for seq, key in session.execute(text(
            "SELECT o.seq, b.key " + links.format(each=_each(session, BASES))
            + " AND b.key IN :keys").bindparams(bindparam("keys", expanding=True)),
            values | {"keys": list(keys)}):
        found.setdefault(keys[key], set()).update(names[seq])
    return found


def _each(session: Session, field: str | None) -> str:
    """SQL: the (key, value) pairs of the link row o's fields, or of its `field`'s value."""
    if session.get_bind().dialect.name == "postgresql":
        return f"json_each(o.fields -> '{field}')" if field else "json_each(o.fields)"
    return f"json_each(o.fields, '$.{field}')" if field else "json_each(o.fields)"
