"""T12: a KVKK erasure reaches every copy. Done on the server, it leaves no copy of the person's
name, ID number or photos on a laptop after its sync, nor on a laptop that takes it by USB
receipt (the database file, its WAL and the files folder searched byte by byte); done on a
laptop, it clears the server's change log and audit trail. The audit keeps that it happened."""

import json
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Text, cast, func, or_, select
from sync_fixtures import take_photos

from shelter_app.data.models import (
    AuditEvent,
    Conflict,
    Dwelling,
    Erasure,
    Household,
    LabourEntry,
    LeaseAgreement,
    LogEntry,
    Worker,
)
from shelter_app.services.privacy.erasure import SCRUBBED, pseudonymise_person
from shelter_app.services.privacy.people import OPEN_AGREEMENTS, PSEUDONYM
from shelter_app.services.cases.households import household_view, update_household
from shelter_app.services.files import photo_path, thumbnail_path
from shelter_app.services.photos.photos import list_photos, update_photo
from shelter_app.services.sync import packages


def erasable_household(db) -> tuple[str, str, str, str]:
    """A Gaziantep household with a dwelling, no open agreement and no labour days: its ref,
    name, ID number and dwelling ref."""
    with db.read() as session:
        busy = select(LeaseAgreement.household_id).where(
            LeaseAgreement.status.in_(OPEN_AGREEMENTS))
        working = select(Worker.household_id).join(LabourEntry,
                                                   LabourEntry.worker_id == Worker.id)
        row = session.execute(
            select(Household.ref, Household.head_name, Household.head_id_number, Dwelling.ref)
            .join(Dwelling, Dwelling.household_id == Household.id)
            .where(Household.ref.like("GAZ-%"), Household.head_id_number.is_not(None),
                   Household.id.not_in(busy), Household.id.not_in(working))
            .order_by(Household.ref).limit(1)).one()
    return row[0], row[1], row[2], row[3]


def named_photos(machine, engineer, folder: Path, dwelling: str, name: str) -> list[str]:
    """Two photos of the dwelling, one captioned with the person's name."""
    shas = take_photos(machine.db, engineer, 2, folder, ref=dwelling)
    with machine.db.read() as session:
        dwelling_id = session.scalar(select(Dwelling.id).where(Dwelling.ref == dwelling))
    first = list_photos(machine.db, engineer, dwelling_id)[0]
    update_photo(machine.db, engineer, first.id, tag=first.tag, caption=f"{name} ve evi")
    return shas


def as_stored(word: str) -> set[str]:
    """A word as text columns hold it, and as JSON columns do (non-ASCII letters escaped)."""
    return {word, json.dumps(word)[1:-1]}


def leftovers(db, words: list[str], shas: list[str]) -> list[str]:
    """Where any of `words` or the photos still stand in the laptop's files, byte by byte."""
    words = [form for word in words for form in as_stored(word)]
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")  # as a running app would
    db.dispose()
    path = db.path
    found = []
    files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-journal"),
             *(p for p in db.files_dir.rglob("*") if p.is_file())]
    for file in files:
        if not file.exists():
            continue
        data = file.read_bytes()
        found += [f"{word} in {file.name}" for word in words if word.encode() in data]
    for sha in shas:
        found += [str(p) for p in (photo_path(db, sha), thumbnail_path(db, sha)) if p.exists()]
    return found


def test_an_erasure_on_the_server_leaves_no_copy_on_a_laptop(laptop, hub, engineer, admin,
                                                             tmp_path):
    online, offline = laptop("a"), laptop("b")
    ref, name, id_number, dwelling = erasable_household(hub)
    shas = named_photos(online, engineer, tmp_path, dwelling, name)
    online.sync()
    offline.sync()  # it holds the person and the photos too, then goes offline
    assert all(photo_path(offline.db, sha).is_file() for sha in shas)

    pseudonymise_person(hub, admin, "household", ref, "person_asked",
                                f"{name} asked at the office, ID {id_number}")
    assert not photo_path(hub, shas[0]).exists()

    online.sync()
    assert leftovers(online.db, [name, id_number], shas) == []

    package = tmp_path / "b.barinak"
    packages.export_package(offline.db, package)
    packages.take_receipt(offline.db, packages.import_package(hub, package.read_bytes()))
    assert leftovers(offline.db, [name, id_number], shas) == []

    with hub.read() as session:
        erasure = session.scalars(select(Erasure)).one()
        assert (erasure.reason_code, erasure.reason, erasure.created_by) == (
            "person_asked", "*** asked at the office, ID ***", admin.user_id)
        assert not session.scalar(select(func.count()).select_from(LogEntry).where(
            cast(LogEntry.row, Text).contains(id_number)))


def test_an_erasure_on_a_laptop_clears_the_servers_log_and_trail(laptop, hub, engineer, admin,
                                                                 tmp_path, statements):
    machine = laptop("a")
    ref, name, id_number, dwelling = erasable_household(hub)
    named_photos(machine, engineer, tmp_path, dwelling, name)
    machine.sync()
    with hub.read() as session:  # the server's log and trail hold the caption now
        assert session.scalar(select(func.count()).select_from(LogEntry).where(or_(
            *(cast(LogEntry.row, Text).contains(form, autoescape=True)
              for form in as_stored(name)))))

    pseudonymise_person(machine.db, admin, "household", ref, "person_asked")
    statements.clear()
    assert machine.sync().clean
    # the administrator's changes of the records it names are allowed by the erasure, read
    # once for the push, not once per change
    assert len(machine_changes := _pushed(hub, admin)) > 3
    assert sum(sql.startswith("SELECT erasures.records") for sql in statements) == 1, \
        machine_changes
    with hub.read() as session:
        for table, column in ((LogEntry, cast(LogEntry.row, Text)),
                              (AuditEvent, cast(AuditEvent.changes, Text))):
            for word in (*as_stored(name), id_number):
                assert not session.scalar(select(func.count()).select_from(table).where(
                    column.contains(word, autoescape=True))), (table, word)
        assert session.scalar(select(Household.head_name).where(Household.ref == ref)) == \
            PSEUDONYM.format(ref=ref)


def test_an_erasure_scrubs_the_values_of_conflicts_over_the_persons_fields(
        laptop, hub, engineer, admin, tmp_path):
    a, b = laptop("a"), laptop("b")
    ref, name, id_number, _ = erasable_household(hub)
    before = household_view(a.db, engineer, ref).as_input()
    update_household(a.db, engineer, ref, replace(before, phone="+905321112233"), confirm=True)
    update_household(b.db, engineer, ref, replace(before, phone="+905329998877"), confirm=True)
    assert a.sync().clean
    assert b.sync().conflicts == 1
    phones = ["+905321112233", "+905329998877"]
    with b.db.read() as session:  # the laptop holds both numbers in its conflict record
        assert session.scalars(select(Conflict.ours)).one() == phones[1]

    pseudonymise_person(hub, admin, "household", ref, "retention_ended")
    a.sync()
    b.sync()
    for machine in (a, b):
        assert leftovers(machine.db, [name, id_number, *phones], []) == [], machine.name
    with hub.read() as session:
        conflict = session.scalars(select(Conflict)).one()
        assert (conflict.field, conflict.ours, conflict.theirs) == (
            "phone", SCRUBBED, SCRUBBED)
        for phone in phones:
            assert not session.scalar(select(func.count()).select_from(LogEntry).where(
                cast(LogEntry.row, Text).contains(phone, autoescape=True))), phone


def _pushed(hub, actor) -> list[tuple[str, str]]:
    """The records `actor` changed through sync on the hub (its change log)."""
    with hub.read() as session:
        return session.execute(select(LogEntry.entity, LogEntry.row_id).where(
            LogEntry.user_id == actor.user_id, LogEntry.device_id.is_not(None))).all()
