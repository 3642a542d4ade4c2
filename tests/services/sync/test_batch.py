"""A pushed batch is decided set-wise (a few queries for a thousand ops) and gives exactly what
deciding its ops one at a time gives: applied, merged, in conflict, refused by a rule, or
refused by the database, in which case the rest of the batch still goes through."""

import uuid

from sqlalchemy import func, select

from services.sync.machines import counts, differences, enrolled, synced_data
from shelter_app.data.models import Conflict, Dwelling, Household, LogEntry
from shelter_app.data.replication import NOT_SENT, TABLES, encode, synced_columns
from shelter_app.domain import clock
from shelter_app.services.sync.apply import apply_batch
from shelter_app.services.sync.protocol import Op

STAMP = "1795597200000-00000-A"


def _households(hub, prefix: str, count: int) -> list[dict]:
    table = TABLES["households"]
    with hub.read() as session:
        return [dict(row._mapping) for row in session.execute(
            select(table).where(table.c.ref.like(f"{prefix}-%")).order_by(table.c.ref)
            .limit(count))]


def _op(row: dict | uuid.UUID, fields: dict, user, *, action: str = "update",
        base: int | None = None) -> Op:
    row_id = row if isinstance(row, uuid.UUID) else row["id"]
    version = 0 if isinstance(row, uuid.UUID) else row["version"]
    return Op(uuid.uuid4(), "households", row_id, action,
              version if base is None else base, fields, user.user_id, STAMP, clock.now())


def _new_household(like: dict, ref: str) -> dict:
    """A copy of `like` under `ref`, without its head's ID number (another's is refused)."""
    return {name: encode(like[name]) for name in synced_columns("households")
            if name not in NOT_SENT} | {"ref": ref, "head_id_number": None}


def _batch(hub, twin_hub, engineer) -> list[Op]:
    """A batch touching rows twice, with a bad value, a reference already taken, a row of
    another office, a conflict, a record made then edited, and a purge the database refuses;
    both hubs see the same edit by another laptop first."""
    h = _households(hub, "GAZ", 6)
    [ankara] = _households(hub, "ANK", 1)
    for database in (hub, twin_hub):  # another laptop changed h[3]'s phone since our base
        apply_batch(database, enrolled(database, "other"),
                    [_op(h[3], {"phone": "+905550000000"}, engineer)])
    new = uuid.uuid4()
    return [
        _op(h[0], {"phone": "+905321112233"}, engineer),
        _op(h[0], {"phone": "9" * 17}, engineer),  # too long: refused by its column
        _op(uuid.uuid4(), _new_household(h[1], h[1]["ref"]), engineer, action="create"),
        _op(h[2], {"nationality": "Iraqi"}, engineer),
        _op(ankara, {"phone": "+905329998877"}, engineer),  # another office's row
        _op(h[3], {"phone": "+905321234567", "nationality": "Afghan"}, engineer),  # conflict
        _op(new, _new_household(h[4], "GAZ-H-BATCH1"), engineer, action="create"),
        _op(new, {"phone": "+905327654321"}, engineer, base=1),
        _op(h[5], {}, engineer, action="purge"),  # its dwelling still refers to it
    ]


def _answers(outcomes) -> list[tuple]:
    return [(o.status, o.reason, o.version,
             {k: v for k, v in o.row.items() if k != "updated_at"} if o.row else None)
            for o in outcomes]


def _conflicts(hub) -> list[tuple]:
    with hub.read() as session:
        return sorted(session.execute(select(
            Conflict.entity, Conflict.row_id, Conflict.field, Conflict.ours, Conflict.theirs))
            .all())


def test_a_batch_decided_set_wise_answers_and_writes_as_op_by_op(hub, twin_hub, engineer):
    ops = _batch(hub, twin_hub, engineer)
    device, twin_device = enrolled(hub, "batch"), enrolled(twin_hub, "batch")

    together = apply_batch(hub, device, ops)
    one_by_one = [apply_batch(twin_hub, twin_device, [op])[0] for op in ops]

    assert [o.status for o in together] == [
        "applied", "refused", "refused", "applied", "refused", "conflict", "applied",
        "applied", "refused"]
    assert "at most 16 characters" in together[1].reason
    assert "database refused" in together[2].reason  # the set-wise write fell back op by op
    assert "database refused" in together[8].reason
    assert "another office" in together[4].reason
    assert together[7].version == 2
    assert _answers(together) == _answers(one_by_one)
    records = [entity for entity in TABLES if entity != "sync_conflicts"]  # new ids each
    assert differences(synced_data(hub, entities=records),
                       synced_data(twin_hub, entities=records)) == []
    assert _conflicts(hub) == _conflicts(twin_hub) != []
    assert counts(hub) == counts(twin_hub)
    with hub.read() as session:
        assert session.scalar(select(Household.phone).where(Household.id == ops[0].row_id)) \
            == "+905321112233"
        assert session.scalar(select(func.count()).select_from(Dwelling).where(
            Dwelling.household_id == ops[8].row_id)) == 1


def test_a_batch_of_edits_is_decided_in_a_few_queries_however_long(hub, engineer, statements):
    device = enrolled(hub, "many")
    rows = _households(hub, "GAZ", 1_000)
    assert len(rows) >= 20
    ops = [_op(row, {"nationality": f"Ülke {n}"}, engineer) for n, row in enumerate(rows)]
    statements.clear()
    assert {o.status for o in apply_batch(hub, device, ops)} == {"applied"}
    assert len(statements) <= 25, statements
    with hub.read() as session:
        assert session.scalar(select(func.count()).select_from(Household).where(
            Household.nationality.like("Ülke %"))) == len(rows)


def test_the_change_log_holds_each_row_as_the_database_stores_it(hub, engineer):
    """The change log's rows of an applied batch are built from the decisions, not read back
    (PostgreSQL): they must be what a read gives, a number at its column's scale."""
    device = enrolled(hub, "log")
    table = TABLES["dwellings"]
    with hub.read() as session:
        rows = [dict(row._mapping) for row in session.execute(
            select(table).where(table.c.ref.like("GAZ-%")).order_by(table.c.ref).limit(2))]
    ops = [Op(uuid.uuid4(), "dwellings", row["id"], "update", row["version"],
              {"floor_area_m2": area, "street": "Atatürk Cd."}, engineer.user_id, STAMP,
              clock.now()) for row, area in zip(rows, ["75", "80.5"], strict=True)]
    assert {o.status for o in apply_batch(hub, device, ops)} == {"applied"}
    with hub.read() as session:
        stored = {row.id: row._mapping for row in session.execute(
            select(table).where(table.c.id.in_([row["id"] for row in rows])))}
        logged = {entry.row_id: entry.row for entry in session.scalars(
            select(LogEntry).where(LogEntry.device_id == device.id))}
    assert [logged[row["id"]]["floor_area_m2"] for row in rows] == ["75.00", "80.50"]
    assert logged == {row_id: {name: encode(row[name]) for name in synced_columns("dwellings")}
                      | {"id": str(row_id)} for row_id, row in stored.items()}
