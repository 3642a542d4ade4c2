"""Random edits, deletions, new records, conflict resolutions and syncs in random orders on
three laptops: once the laptops have synced in turn twice, the server and the three laptops hold the
same data (Hypothesis's stateful testing; each example starts from a fresh hub and laptops)."""

import itertools
import shutil

import httpx
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from sqlalchemy import select
from sqlalchemy.engine import make_url

from services.sync.machines import Laptop, differences, office_id, synced_data
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import Conflict, Household
from shelter_app.domain import clock
from shelter_app.services.sync import client, conflicts
from shelter_app.services.sync.wire import Report
from sync_server import serving as serve

NAMES = ["a", "b", "c"]
CHANGED = ["households", "sync_conflicts"]  # what the rules change (the rest stays as it was)
PHONES = ["+905321112233", "+905329998877", None]
NATIONALITIES = ["Türkiye", "Syrian", "Iraqi"]


@pytest.fixture
def machines(_hub_template, _servers, tmp_path_factory, engineer, supervisor):
    """A factory of fresh hubs and laptops for each example, and what is left to tidy."""
    made = itertools.count()
    dropped = []

    def fresh():
        folder = tmp_path_factory.mktemp("example")
        if _servers is None:
            shutil.copyfile(_hub_template.target, folder / "hub.db")
            hub = Database(target_url(str(folder / "hub.db")))
        else:
            hub = Database(_servers.create(template=make_url(_hub_template.target)))
            dropped.append(hub.url)
        laptops = {}
        for name in NAMES:
            path = folder / f"{name}.db"
            shutil.copyfile(_hub_template.laptops[(name, "GAZ")], path)
            laptops[name] = Database(target_url(str(path)))
        return next(made), hub, laptops

    yield fresh, engineer, supervisor
    for url in dropped:
        _servers.drop(url)


class Convergence(RuleBasedStateMachine):
    fresh = engineer = supervisor = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.number, self.hub, dbs = self.fresh()
        self.serving = serve(self.hub)
        url = self.serving.__enter__()
        self.gaz = office_id(self.hub, "GAZ")
        self.laptops = {name: Laptop(name, db, httpx.Client(base_url=url, timeout=60),
                                     self.gaz) for name, db in dbs.items()}
        with self.hub.read() as session:
            self.rows = list(session.scalars(select(Household.id).where(
                Household.office_id == self.gaz).order_by(Household.ref).limit(2)))
        self.created = itertools.count(1)

    def _live(self, name: str, index: int) -> Household | None:
        """The laptop's household chosen by `index`, unless it has none or it is deleted."""
        with self.laptops[name].db.read() as session:
            row = session.get(Household, self.rows[index % len(self.rows)])
        return row if row is not None and row.deleted_at is None else None

    @rule(name=st.sampled_from(NAMES), index=st.integers(0, 20),
          phone=st.sampled_from(PHONES), nationality=st.sampled_from(NATIONALITIES + [None]))
    def edit(self, name, index, phone, nationality):
        row = self._live(name, index)
        if row is None:
            return
        with self.laptops[name].db.write(self.engineer) as session:
            record = session.get(Household, row.id)
            record.phone = phone
            if nationality is not None:
                record.nationality = nationality

    @rule(name=st.sampled_from(NAMES), index=st.integers(0, 20))
    def delete(self, name, index):
        row = self._live(name, index)
        if row is not None:
            with self.laptops[name].db.write(self.engineer) as session:
                session.get(Household, row.id).deleted_at = clock.now()

    @rule(name=st.sampled_from(NAMES))
    def create(self, name):
        machine = self.laptops[name]
        record = Household(
            ref=f"GAZ-H-{machine.mark}{next(self.created):05d}", office_id=self.gaz,
            head_name=f"Yeni {name}", nationality="Türkiye",
            protection_status="host_community", members={"adults": 2})
        with machine.db.write(self.engineer) as session:
            session.add(record)
            session.flush()
            self.rows.append(record.id)

    @rule(name=st.sampled_from(NAMES))
    def sync(self, name):
        self.laptops[name].sync()

    @rule(name=st.sampled_from(NAMES), index=st.integers(0, 20),
          phone=st.sampled_from(PHONES), nationality=st.sampled_from(NATIONALITIES + [None]))
    def sync_while_editing(self, name, index, phone, nationality):
        """A sync running beside the user: a change saved between its push and its pull
        waits for the next sync, and the pull keeps it on the screen."""
        machine, report = self.laptops[name], Report()
        client._push(machine.db, machine.http, machine.token, report, None, lambda: False)
        self.edit(name, index, phone, nationality)
        client._pull(machine.db, machine.http, machine.token, report, None, lambda: False)

    @rule(name=st.sampled_from(NAMES), pick=st.sampled_from(["ours", "theirs", "base"]))
    def resolve(self, name, pick):
        db = self.laptops[name].db
        for seen in conflicts.list_conflicts(db, self.supervisor)[:1]:
            conflicts.resolve(db, self.supervisor, seen.id, getattr(seen, pick))

    @invariant()
    def nothing_is_refused(self):
        for machine in self.laptops.values():
            assert all(op.status != "refused" for op in machine.outbox()), machine.name

    def teardown(self):
        try:
            for name in NAMES + NAMES[:-1]:  # all reaches the server, then every laptop
                report = self.laptops[name].sync()
                assert report.refused == 0, report.reasons
            expected = synced_data(self.hub, self.gaz, CHANGED)
            for machine in self.laptops.values():
                assert all(op.status != "pending" for op in machine.outbox())
                assert differences(expected, machine.data(CHANGED)) == [], machine.name
            with self.hub.read() as session:  # and conflicts were what made them differ
                assert session.scalar(select(Conflict.id).where(
                    Conflict.row_id.not_in(self.rows))) is None
        finally:
            for machine in self.laptops.values():
                machine.http.close()
                machine.db.dispose()
            self.serving.__exit__(None, None, None)
            self.hub.dispose()


@pytest.mark.timeout(360)  # 15 examples of ten syncs: ~60 s alone, past 120 s on a busy machine
def test_any_edits_in_any_sync_order_converge(machines, _servers):
    fresh, Convergence.engineer, Convergence.supervisor = machines
    Convergence.fresh = staticmethod(fresh)
    run_state_machine_as_test(Convergence, settings=settings(
        # a PostgreSQL hub makes each example about twice as slow: fewer of them there
        max_examples=15 if _servers is None else 8, stateful_step_count=10, deadline=None,
        # a failure shows its ten steps as they came: shrinking fresh hubs outlasts the timeout
        database=None, phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]))
