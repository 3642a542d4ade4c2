"""The audit trail written by the session: every write through Database.write is recorded in the
same transaction, with each field's old and new value, JSON-safe, secrets masked."""

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.orm import load_only

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import AuditEvent, Dwelling, Household, Office, User, Worker
from shelter_app.domain.stages import PaymentMethod, Role, Stage
from shelter_app.services.accounts.auth import Actor

SECRET_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2VjcmV0c2FsdA$c2VjcmV0aGFzaHZhbHVl"
NEW_SECRET_HASH = "$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3c2VjcmV0aGFzaA"


def events(db: Database, entity_id: uuid.UUID | None = None) -> list[AuditEvent]:
    """Committed events, oldest first, read in a fresh session."""
    with db.read() as session:
        query = select(AuditEvent).order_by(AuditEvent.created_at, AuditEvent.id)
        if entity_id is not None:
            query = query.where(AuditEvent.entity_id == entity_id)
        return list(session.scalars(query))


def event_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(AuditEvent)) or 0


def raw_changes(db: Database) -> list[Any]:
    """The changes column as stored: text that must parse as JSON."""
    with db.engine.connect() as conn:
        return [json.loads(text) for (text,) in
                conn.exec_driver_sql("SELECT CAST(changes AS TEXT) FROM audit_events").all()]


@pytest.fixture
def actor(db: Database) -> Actor:
    """A real user row (audit events point at users.id), written by the system."""
    with db.write() as session:
        user = User(username="engineer.gaz", full_name="Ayşe Yılmaz", role=Role.ENGINEER,
                    password_hash=None)
        session.add(user)
    return Actor(user.id, user.username, user.full_name, user.role, None)


@pytest.fixture
def office(db: Database, actor: Actor) -> Office:
    with db.write(actor) as session:
        record = Office(code="GAZ", name="Gaziantep Ofisi", province="Gaziantep")
        session.add(record)
    return record


def test_create_writes_one_create_event(db: Database, actor: Actor) -> None:
    before = event_count(db)
    with db.write(actor) as session:
        record = Office(code="GAZ", name="Gaziantep Ofisi", province="Gaziantep")
        session.add(record)
    assert event_count(db) == before + 1
    [event] = events(db, record.id)
    assert event.action == "create"
    assert event.entity == "offices"
    assert event.entity_id == record.id
    assert event.user_id == actor.user_id
    assert event.created_by == actor.user_id
    assert event.reason is None
    assert event.changes == {
        "id": [None, str(record.id)],
        "code": [None, "GAZ"],
        "name": [None, "Gaziantep Ofisi"],
        "province": [None, "Gaziantep"],
    }
    with db.read() as session:
        assert session.get(Office, record.id).created_by == actor.user_id


def test_created_by_given_explicitly_is_kept(db: Database, actor: Actor) -> None:
    someone = uuid.uuid4()
    with db.write(actor) as session:
        record = Office(code="GAZ", name="Gaziantep", province="Gaziantep", created_by=someone)
        session.add(record)
    with db.read() as session:
        assert session.get(Office, record.id).created_by == someone
    assert events(db, record.id)[0].user_id == actor.user_id


def test_update_records_only_the_changed_fields(db: Database, actor: Actor,
                                                office: Office) -> None:
    with db.write(actor) as session:
        record = session.get(Office, office.id)
        record.name = "Gaziantep Saha Ofisi"
        record.province = "Kilis"
        record.code = "GAZ"  # the same value: no change
    create, update = events(db, office.id)
    assert create.action == "create"
    assert update.action == "update"
    assert update.user_id == actor.user_id
    assert update.changes == {
        "name": ["Gaziantep Ofisi", "Gaziantep Saha Ofisi"],
        "province": ["Gaziantep", "Kilis"],
    }
    with db.read() as session:
        stored = session.get(Office, office.id)
        assert stored.version == 2  # the bookkeeping changed, but is not in the trail
        assert stored.updated_at > stored.created_at


def test_setting_the_same_value_writes_no_event(db: Database, actor: Actor,
                                                office: Office) -> None:
    before = event_count(db)
    with db.write(actor) as session:
        record = session.get(Office, office.id)
        record.name = "Gaziantep Ofisi"
    assert event_count(db) == before


def test_bookkeeping_columns_stay_out_of_the_trail(db: Database, actor: Actor,
                                                  office: Office) -> None:
    touched = datetime(2030, 1, 1, tzinfo=UTC)
    before = event_count(db)
    with db.write(actor) as session:
        session.get(Office, office.id).updated_at = touched  # alone: nothing to tell
    assert event_count(db) == before
    with db.write(actor) as session:
        record = session.get(Office, office.id)
        record.updated_at = touched
        record.created_at = touched
        record.created_by = uuid.uuid4()
        record.name = "Gaziantep Saha Ofisi"
    assert events(db, office.id)[-1].changes == {
        "name": ["Gaziantep Ofisi", "Gaziantep Saha Ofisi"]}


def test_soft_delete_is_a_delete_event(db: Database, actor: Actor, office: Office) -> None:
    when = datetime(2026, 3, 2, 12, 30, tzinfo=UTC)
    with db.write(actor) as session:
        session.get(Office, office.id).deleted_at = when
    last = events(db, office.id)[-1]
    assert last.action == "delete"
    assert last.changes == {"deleted_at": [None, when.isoformat()]}
    # undoing it is an update, not a delete
    with db.write(actor) as session:
        session.get(Office, office.id).deleted_at = None
    last = events(db, office.id)[-1]
    assert last.action == "update"
    assert last.changes == {"deleted_at": [when.isoformat(), None]}


def test_hard_delete_is_a_purge_event(db: Database, actor: Actor, office: Office) -> None:
    with db.write(actor) as session:
        session.delete(session.get(Office, office.id))
    last = events(db, office.id)[-1]
    assert last.action == "purge"
    assert last.entity == "offices"
    assert last.user_id == actor.user_id


def test_password_hash_never_enters_the_trail(db: Database, actor: Actor) -> None:
    with db.write(actor) as session:
        user = User(username="supervisor.gaz", full_name="Mehmet Öztürk", role=Role.SUPERVISOR,
                    password_hash=SECRET_HASH)
        session.add(user)
    with db.write(actor) as session:
        stored = session.get(User, user.id)
        stored.password_hash = NEW_SECRET_HASH
        stored.must_change_password = False
    create, update = events(db, user.id)
    assert create.changes["password_hash"] == [None, "***"]
    assert create.changes["username"] == [None, "supervisor.gaz"]
    assert update.changes == {"password_hash": ["***", "***"],
                              "must_change_password": [True, False]}
    stored_text = json.dumps(raw_changes(db))
    for secret in (SECRET_HASH, NEW_SECRET_HASH, "c2VjcmV0aGFzaHZhbHVl", "argon2"):
        assert secret not in stored_text


def test_a_real_password_never_enters_the_trail(db: Database,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from shelter_app.services.accounts import auth

    monkeypatch.setattr(auth, "_hasher", PasswordHasher(time_cost=1, memory_cost=8,
                                                        parallelism=1))
    admin = auth.create_first_admin(db, "root", "Root Admin", "a-long-password",
                                    "a-long-password")
    auth.change_password(db, admin, "a-long-password", "another-password", "another-password")
    with db.read() as session:
        password_hash = session.get(User, admin.user_id).password_hash
    stored_text = json.dumps(raw_changes(db))
    assert "***" in stored_text
    for secret in (password_hash, "a-long-password", "another-password", "$argon2"):
        assert secret not in stored_text
    assert [event.action for event in events(db, admin.user_id)] == ["create", "update"]
    assert events(db, admin.user_id)[1].user_id == admin.user_id


def test_reason_is_stored_on_every_event_of_the_write(db: Database, actor: Actor,
                                                      office: Office) -> None:
    reason = "Ev sahibi IBAN'ı düzeltti / landlord corrected the IBAN"
    with db.write(actor, reason=reason) as session:
        session.get(Office, office.id).name = "Yeni Ad"
        extra = Office(code="KLS", name="Kilis Ofisi", province="Kilis")
        session.add(extra)
    assert events(db, office.id)[-1].reason == reason
    assert events(db, extra.id)[-1].reason == reason
    # the next write without a reason does not inherit it
    with db.write(actor) as session:
        session.get(Office, office.id).name = "Başka Ad"
    assert events(db, office.id)[-1].reason is None


def test_an_error_rolls_back_the_record_and_its_event(db: Database, actor: Actor) -> None:
    before = event_count(db)
    with pytest.raises(RuntimeError, match="boom"), db.write(actor) as session:
        record = Office(code="GAZ", name="Gaziantep", province="Gaziantep")
        session.add(record)
        session.flush()
        # the event exists inside the transaction...
        assert session.scalar(select(func.count()).select_from(AuditEvent)
                              .where(AuditEvent.entity_id == record.id)) == 1
        raise RuntimeError("boom")
    # ...and is gone with the record
    assert event_count(db) == before
    with db.read() as session:
        assert session.get(Office, record.id) is None


def test_an_error_rolls_back_an_update_and_its_event(db: Database, actor: Actor,
                                                     office: Office) -> None:
    before = event_count(db)
    with pytest.raises(RuntimeError), db.write(actor) as session:
        session.get(Office, office.id).name = "Never saved"
        session.flush()
        raise RuntimeError("boom")
    assert event_count(db) == before
    with db.read() as session:
        assert session.get(Office, office.id).name == "Gaziantep Ofisi"


def test_writes_without_an_actor_are_audited_as_the_system(db: Database) -> None:
    with db.write() as session:
        record = Office(code="GAZ", name="Gaziantep", province="Gaziantep")
        session.add(record)
    [event] = events(db, record.id)
    assert event.action == "create"
    assert event.user_id is None
    assert event.created_by is None
    with db.read() as session:
        assert session.get(Office, record.id).created_by is None


def test_reading_writes_no_event(db: Database, office: Office) -> None:
    before = event_count(db)
    with db.read() as session:
        session.get(Office, office.id).name = "changed in a read session"
        session.flush()  # a read session is never committed, and never audited
    assert event_count(db) == before


def test_values_are_stored_json_safe(db: Database, actor: Actor) -> None:
    gaz = factories.office(db, "GAZ")
    consent = datetime(2026, 1, 15, 8, 30, tzinfo=UTC)
    with db.write(actor) as session:
        household = Household(ref="GAZ-H-900001", office_id=gaz.id, head_name="Ayşe Yılmaz",
                              nationality="Suriye", protection_status="temporary_protection",
                              members={"female_18_59": 1, "male_0_4": 2},
                              vulnerabilities=["disability"], consent_at=consent)
        session.add(household)
        session.flush()
        dwelling = Dwelling(ref="GAZ-D-900001", office_id=gaz.id, province="Gaziantep",
                            district="Şahinbey", neighbourhood="Karşıyaka", street="Gül Sokak",
                            building_no="5", household_id=household.id, stage=Stage.ASSESSED,
                            latitude=Decimal("37.066200"), floor_area_m2=Decimal("84.50"),
                            rooms=3)
        worker = Worker(ref="GAZ-W-900001", household_id=household.id, full_name="Ali Veli",
                        id_number="99123456780", birth_date=date(1990, 5, 17),
                        payment_method=PaymentMethod.PTT)
        session.add_all([dwelling, worker])
    for stored in raw_changes(db):  # parses as JSON
        for pair in stored.values():
            assert isinstance(pair, list) and len(pair) == 2

    household_changes = events(db, household.id)[0].changes
    assert household_changes["consent_at"] == [None, "2026-01-15T08:30:00+00:00"]
    assert household_changes["members"] == [None, {"female_18_59": 1, "male_0_4": 2}]
    assert household_changes["vulnerabilities"] == [None, ["disability"]]
    assert household_changes["office_id"] == [None, str(gaz.id)]
    assert household_changes["protection_status"] == [None, "temporary_protection"]

    dwelling_changes = events(db, dwelling.id)[0].changes
    assert dwelling_changes["latitude"] == [None, "37.066200"]
    assert dwelling_changes["floor_area_m2"] == [None, "84.50"]
    assert dwelling_changes["stage"] == [None, "assessed"]
    assert dwelling_changes["household_id"] == [None, str(household.id)]
    assert dwelling_changes["rooms"] == [None, 3]

    worker_changes = events(db, worker.id)[0].changes
    assert worker_changes["birth_date"] == [None, "1990-05-17"]
    assert worker_changes["payment_method"] == [None, "ptt"]

    with db.write(actor) as session:
        stored = session.get(Dwelling, dwelling.id)
        stored.latitude = Decimal("37.1")
        stored.stage = Stage.BOQ_DRAFTED
        session.get(Worker, worker.id).birth_date = date(1991, 1, 2)
    update = events(db, dwelling.id)[-1].changes
    assert set(update) == {"latitude", "stage"}
    old, new = update["latitude"]
    assert isinstance(old, str) and Decimal(old) == Decimal("37.0662")
    assert new == "37.1"
    assert update["stage"] == ["assessed", "boq_drafted"]
    assert events(db, worker.id)[-1].changes == {"birth_date": ["1990-05-17", "1991-01-02"]}


def test_turkish_and_arabic_text_survives_exactly(db: Database, actor: Actor) -> None:
    gaz = factories.office(db, "GAZ")
    record = factories.dwelling(db, gaz, head_name="Ayşe Yılmaz")
    household_id = record.household_id
    for name in ("Şükrü Çağlar", "محمد الأحمد", "İĞÜŞÖÇ ığüşöç"):
        with db.write(actor) as session:
            session.get(Household, household_id).head_name = name
    history = [event.changes["head_name"] for event in events(db, household_id)]
    assert history == [
        [None, "Ayşe Yılmaz"],
        ["Ayşe Yılmaz", "Şükrü Çağlar"],
        ["Şükrü Çağlar", "محمد الأحمد"],
        ["محمد الأحمد", "İĞÜŞÖÇ ığüşöç"],
    ]


def test_create_and_update_in_one_transaction(db: Database, actor: Actor) -> None:
    with db.write(actor) as session:
        record = Office(code="GAZ", name="Gaziantep", province="Gaziantep")
        session.add(record)
        session.flush()
        record.name = "Gaziantep Ofisi"
    create, update = events(db, record.id)
    assert (create.action, update.action) == ("create", "update")
    assert create.changes["name"] == [None, "Gaziantep"]
    assert update.changes == {"name": ["Gaziantep", "Gaziantep Ofisi"]}


def test_create_event_records_values_set_by_defaults(db: Database, actor: Actor) -> None:
    with db.write(actor) as session:
        user = User(username="supervisor.gaz", full_name="Mehmet Öztürk", role=Role.SUPERVISOR)
        session.add(user)
    with db.read() as session:
        stored = session.get(User, user.id)
        assert (stored.active, stored.failed_logins, stored.language,
                stored.must_change_password) == (True, 0, "tr", True)
    changes = events(db, user.id)[0].changes
    assert changes.get("active") == [None, True]
    assert changes.get("failed_logins") == [None, 0]
    assert changes.get("language") == [None, "tr"]
    assert changes.get("must_change_password") == [None, True]


def test_update_of_an_unloaded_column_records_the_real_old_value(db: Database, actor: Actor,
                                                                 office: Office) -> None:
    with db.write(actor) as session:
        record = session.scalar(select(Office).where(Office.id == office.id)
                                .options(load_only(Office.code)))
        record.name = "Gaziantep Saha Ofisi"
    assert events(db, office.id)[-1].changes == {
        "name": ["Gaziantep Ofisi", "Gaziantep Saha Ofisi"]}


def test_a_bulk_update_is_audited_or_refused(db: Database, actor: Actor, office: Office) -> None:
    before = event_count(db)
    try:
        with db.write(actor) as session:
            session.execute(update(Office).where(Office.id == office.id).values(name="Bulk"))
    except Exception:  # refusing is as good as auditing
        with db.read() as session:
            assert session.get(Office, office.id).name == "Gaziantep Ofisi"
        return
    assert event_count(db) == before + 1
    assert events(db, office.id)[-1].changes == {"name": ["Gaziantep Ofisi", "Bulk"]}


def test_a_bulk_update_of_a_json_column_is_audited(db: Database, actor: Actor,
                                                   office: Office) -> None:
    from shelter_app.data.models import Household

    with db.write(actor) as session:
        household = Household(ref="GAZ-H-000001", office_id=office.id, head_name="Ayşe Yılmaz",
                              nationality="Suriye", protection_status="temporary_protection",
                              members={"female_18_59": 1}, vulnerabilities=[])
        session.add(household)
    with db.write(actor) as session:
        session.execute(update(Household).where(Household.id == household.id)
                        .values(vulnerabilities=["disability"]))
    assert events(db, household.id)[-1].changes == {"vulnerabilities": [[], ["disability"]]}


@pytest.mark.parametrize(("numbers", "phones"), [
    (("12345678950", None), (None, "+905321112233")),  # empty in some rows
    (("12345678950", "98765432108"), (None, None)),  # one set in every row, one in none
])
def test_bulk_creates_get_the_events_and_ops_the_flush_would_write(
        db: Database, actor: Actor, office: Office, numbers: tuple[str | None, ...],
        phones: tuple[str | None, ...]) -> None:
    """insert_audited has the database build each create event and outbox op (SQL, one
    statement each): the same values as Python's json_value and encode, empty columns left out
    of the event (row by row, or a column empty in every row not named), the new rows only."""
    from shelter_app.data.audit import _QUIET, json_value, insert_audited
    from shelter_app.data.models import OutboxOp
    from shelter_app.data.replication import NOT_SENT, encode, synced_columns

    factories.dwelling(db, office)  # earlier records: no event or op of them is written again
    rows = [{"ref": f"GAZ-H-90000{n}", "office_id": office.id, "head_name": name,
             "head_id_number": number, "nationality": "Suriye",
             "protection_status": "temporary_protection", "phone": phone,
             "members": {"female_18_59": 1, "male_0_17": n}, "vulnerabilities": vulnerabilities,
             "consent_at": consent, "search_key": name.lower(), "disabled": n == 1}
            for n, (name, number, phone, vulnerabilities, consent) in enumerate((
                ("Ayşe \"Yılmaz\" \\ ø", numbers[0], phones[0], [],
                 datetime(2026, 1, 15, 8, 30, tzinfo=UTC)),
                ("محمد الأحمد", numbers[1], phones[1], ["disability", "older_person"],
                 datetime(2026, 3, 1, 23, 59, 59, 123456, tzinfo=UTC))))]
    with db.write(actor, reason="bulk") as session:
        events_before = session.scalar(select(func.count()).select_from(AuditEvent))
        ops_before = session.scalar(select(func.count()).select_from(OutboxOp))
        ids = insert_audited(session, Household, {key: [row[key] for row in rows]
                                                  for key in rows[0]})
    with db.read() as session:  # the bookkeeping the records were given
        stored = {record.id: record for record in session.scalars(
            select(Household).where(Household.id.in_(ids)))}
    rows = [row | {"id": row_id} | {key: getattr(stored[row_id], key) for key in _QUIET}
            for row, row_id in zip(rows, ids, strict=True)]
    expected_events = {row["id"]: {key: [None, json_value(value)] for key, value in row.items()
                                   if key not in _QUIET and value is not None} for row in rows}
    columns = synced_columns("households")
    expected_ops = {row["id"]: {key: encode(value) for key, value in row.items()
                                if key in columns and key not in NOT_SENT} for row in rows}
    with db.read() as session:
        written = session.scalars(select(AuditEvent).where(
            AuditEvent.entity_id.in_(expected_events))).all()
        ops = session.scalars(select(OutboxOp).where(OutboxOp.row_id.in_(expected_ops))).all()
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == events_before + 2
        assert session.scalar(select(func.count()).select_from(OutboxOp)) == ops_before + 2
    assert {event.entity_id: event.changes for event in written} == expected_events
    assert {(event.action, event.entity, event.user_id, event.reason) for event in written} == {
        ("create", "households", actor.user_id, "bulk")}
    assert {op.row_id: op.fields for op in ops} == expected_ops
    assert {(op.action, op.base_version, op.user_id) for op in ops} == {
        ("create", 0, actor.user_id)}
    assert len({op.hlc for op in ops}) == 2


def test_a_supervisors_confirmation_goes_with_bulk_created_ops(db: Database, actor: Actor,
                                                               office: Office) -> None:
    """An import of an ID already on other people, confirmed by a supervisor: each op of the
    rows it creates carries the confirmation, as the flush's ops do, for the server to check."""
    from shelter_app.data.audit import insert_audited
    from shelter_app.data.base import CONFIRMED_BY
    from shelter_app.data.models import OutboxOp

    supervisor = str(uuid.uuid4())
    with db.write(actor) as session:
        session.info[CONFIRMED_BY] = supervisor
        insert_audited(session, Household, {
            "ref": ["GAZ-H-900001"], "office_id": [office.id], "head_name": ["Ayşe Yılmaz"],
            "nationality": ["Suriye"], "protection_status": ["temporary_protection"]})
    with db.read() as session:
        (op,) = session.scalars(select(OutboxOp).where(OutboxOp.entity == "households"))
    assert op.fields[CONFIRMED_BY] == supervisor and op.fields["head_name"] == "Ayşe Yılmaz"


def test_a_set_wise_update_writes_the_events_and_ops_of_a_row_by_row_one(
        db: Database, actor: Actor, office: Office) -> None:
    """update_matching has the database write each row's update event and outbox op (one link
    row standing for the ops, sent as them): the same as the ORM's bulk UPDATE writes one by one
    in Python (ids, times and stamps aside), the ops' stamps growing with their order in the
    outbox. The events' ids are version 7 UUIDs that grow in the order the rows are written,
    so they are appended to the index of ids."""
    from shelter_app.data.audit import update_matching
    from shelter_app.data.models import Dwelling, Landlord, OutboxOp
    from shelter_app.data.outbox import LINK
    from shelter_app.services.sync import links

    dwellings = [factories.dwelling(db, office, landlord_id=None).id for _ in range(6)]
    with db.write(actor) as session:
        landlords = [Landlord(ref=f"GAZ-L-90000{n}", office_id=office.id, kind="person",
                              name="Mehmet Öztürk") for n in (1, 2)]
        session.add_all(landlords)
    with db.read() as session:
        events_before = set(session.scalars(select(AuditEvent.id)))
        ops_before = session.scalar(select(func.max(OutboxOp.seq)))
    with db.write(actor, reason="link") as session:  # row by row: the ORM's bulk UPDATE
        session.execute(update(Dwelling).where(Dwelling.id.in_(dwellings[:3])).values(
            landlord_id=landlords[0].id, version=Dwelling.version + 1)
            .execution_options(synchronize_session=False))
    with db.write(actor, reason="link") as session:
        assert update_matching(session, Dwelling, Dwelling.id.in_(dwellings[3:]),
                               "landlord_id", landlords[1].id) == 3
    postgres = db.engine.dialect.name == "postgresql"
    with db.read() as session:
        written = session.execute(select(AuditEvent).from_statement(text(
            f"SELECT * FROM audit_events ORDER BY {'ctid' if postgres else 'rowid'}"))
            ).scalars().all()
        ops = session.scalars(select(OutboxOp).where(OutboxOp.seq > ops_before)
                              .order_by(OutboxOp.seq)).all()
    written = [event for event in written if event.id not in events_before]

    def event_row(event: AuditEvent, landlord: Landlord) -> tuple[Any, ...]:
        return (event.action, event.entity, event.user_id, event.created_by, event.version,
                event.reason, event.deleted_at, json.dumps(event.changes).replace(
                    str(landlord.id), "LANDLORD"))

    def op_row(op: Any, landlord: Landlord) -> tuple[Any, ...]:
        return (op.entity, op.action, op.base_version, op.user_id,
                json.dumps(op.fields).replace(str(landlord.id), "LANDLORD"))

    old_events, new_events = written[:3], written[3:]
    assert [{event.entity_id for event in events} for events in (old_events, new_events)] == [
        set(dwellings[:3]), set(dwellings[3:])]
    assert sorted(event_row(event, landlords[0]) for event in old_events) == sorted(
        event_row(event, landlords[1]) for event in new_events)
    old_ops, (link,) = ops[:3], ops[3:]
    assert (link.action, link.row_id, link.status) == (LINK, landlords[1].id, "pending")
    assert all((op.status, op.reason) == ("pending", None) for op in old_ops)
    new_ops = links.wire([link])
    assert {op.row_id for op in new_ops} == set(dwellings[3:])
    assert sorted(op_row(op, landlords[0]) for op in old_ops) == sorted(
        op_row(op, landlords[1]) for op in new_ops)
    stamps = [op.hlc for op in old_ops + new_ops]
    assert stamps == sorted(stamps) and len(set(stamps)) == 6
    ids = [event.id for event in new_events]
    assert all(row_id.version == 7 and row_id.variant == uuid.RFC_4122 for row_id in ids)
    assert ids == sorted(ids, key=str) and len(set(ids)) == 3
