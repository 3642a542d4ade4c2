"""Every change of a synced record writes its op in the same transaction as the change and its
audit row: both or neither, whatever stops the write."""

import subprocess
import sys
import textwrap
import pytest
from sqlalchemy import func, select, update

import case_inputs
from shelter_app.data.audit import insert_audited
from shelter_app.data.models import AuditEvent, Household, KnownVersion, LogEntry, OutboxOp, User
from shelter_app.domain import hlc
from shelter_app.domain.ids import make_tckn
from shelter_app.services.accounts.auth import SignInError, sign_in
from shelter_app.services.cases.households import register_household


def _first(db) -> Household:
    with db.read() as session:
        return session.scalar(select(Household).where(Household.ref.like("GAZ-%"))
                              .order_by(Household.ref).limit(1))


def _count(db, model, *where) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def test_a_change_writes_one_op_of_the_changed_fields_against_the_known_version(
        laptop, engineer):
    a = laptop("a")
    household = _first(a.db)
    with a.db.read() as session:
        known = session.scalar(select(KnownVersion.version).where(
            KnownVersion.row_id == household.id))
    with a.db.write(engineer) as session:
        session.get(Household, household.id).phone = "+905321112233"
    [op] = a.outbox()
    assert (op.entity, op.row_id, op.action, op.status) == (
        "households", household.id, "update", "pending")
    assert op.fields == {"phone": "+905321112233"}  # neither version nor updated_at travel
    assert op.base_version == known and known >= 1
    assert op.user_id == engineer.user_id
    assert hlc.parse(op.hlc).node == a.mark
    assert _count(a.db, AuditEvent, AuditEvent.entity_id == household.id) == 1


def test_a_failed_write_leaves_neither_the_change_nor_its_op(laptop, engineer):
    a = laptop("a")
    household = _first(a.db)
    with pytest.raises(RuntimeError), a.db.write(engineer) as session:
        session.get(Household, household.id).phone = "+905321112233"
        session.flush()
        assert _count_in(session) == 1  # written, in the transaction
        raise RuntimeError("the laptop's disk is full")
    taken = register_household(a.db, engineer, case_inputs.household(), confirm=True)
    with pytest.raises(Exception, match="UNIQUE"), a.db.write(engineer) as session:
        session.get(Household, household.id).nationality = "Iraqi"
        session.add(Household(ref=taken, office_id=household.office_id, head_name="Kopya",
                              nationality="Türkiye", protection_status="host_community"))
    assert [op.entity for op in a.outbox()] == ["households"]  # the registration's alone
    assert _first(a.db).phone == household.phone
    assert _first(a.db).nationality == household.nationality
    assert _count(a.db, AuditEvent, AuditEvent.entity_id == household.id) == 0


def _count_in(session) -> int:
    return session.scalar(select(func.count()).select_from(OutboxOp))


def test_a_laptop_killed_in_the_middle_of_a_write_keeps_neither(laptop):
    a = laptop("a")
    household = _first(a.db)
    script = textwrap.dedent(f"""
        import os, signal
        from sqlalchemy import func, select
        from shelter_app.data.engine import Database, target_url
        from shelter_app.data.models import Household, OutboxOp
        db = Database(target_url({str(a.db.path)!r}))
        with db.write() as session:
            session.get(Household, __import__("uuid").UUID({str(household.id)!r})).phone = "1"
            session.flush()
            assert session.scalar(select(func.count()).select_from(OutboxOp)) == 1
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                          check=False)
    assert done.returncode == -9, done.stderr.decode()
    assert a.outbox() == []
    assert _first(a.db).phone == household.phone


def test_bulk_writes_write_an_op_per_row(laptop, engineer):
    a = laptop("a")
    with a.db.read() as session:
        ids = list(session.scalars(select(Household.id).where(Household.ref.like("GAZ-%"))
                                   .order_by(Household.ref).limit(3)))
    with a.db.write(engineer) as session:
        session.execute(update(Household).where(Household.id.in_(ids)).values(
            nationality="Iraqi"))
        first = _first(a.db)
        insert_audited(session, Household, {
            "ref": [f"GAZ-H-{a.mark}0000{n}" for n in (1, 2)],
            "office_id": [first.office_id] * 2, "head_name": ["Toplu 1", "Toplu 2"],
            "head_id_number": [make_tckn(f"71234567{n}") for n in (1, 2)],
            "nationality": ["Türkiye"] * 2, "protection_status": ["host_community"] * 2})
    ops = a.outbox()
    assert sorted((op.action, str(op.row_id)) for op in ops if op.action == "update") == \
        sorted(("update", str(row_id)) for row_id in ids)
    assert all(op.fields == {"nationality": "Iraqi"} for op in ops if op.action == "update")
    creates = [op for op in ops if op.action == "create"]
    assert sorted(op.fields["head_name"] for op in creates) == ["Toplu 1", "Toplu 2"]
    report = a.sync()
    assert report.clean and report.applied == 5


def test_what_one_machine_keeps_for_itself_writes_no_op(laptop):
    a = laptop("a")
    with pytest.raises(SignInError):
        sign_in(a.db, "engineer.gaz", "not the password")
    with a.db.read() as session:
        assert session.scalar(select(User.failed_logins).where(
            User.username == "engineer.gaz")) == 1
    assert a.outbox() == []


def test_a_change_on_the_server_is_logged_there_not_queued(hub, engineer):
    household = _first(hub)
    entries = _count(hub, LogEntry, LogEntry.row_id == household.id)
    queued = _count(hub, OutboxOp)  # the demo's, written before the database became a server
    with hub.write(engineer) as session:
        session.get(Household, household.id).phone = "+905321112233"
    assert _count(hub, OutboxOp) == queued
    with hub.read() as session:
        entry = session.scalar(select(LogEntry).where(LogEntry.row_id == household.id)
                               .order_by(LogEntry.seq.desc()).limit(1))
    assert _count(hub, LogEntry, LogEntry.row_id == household.id) == entries + 1
    assert entry.fields == ["phone"] and entry.row["phone"] == "+905321112233"
    assert entry.version == _first(hub).version
