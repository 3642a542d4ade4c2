"""The sync verbs: device add/list/revoke on the server's database, enrol and sync on laptops,
and the approval round trip driven by the command line between two laptops and a server."""

import re
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from cli_runner import run
from server_dbs import target
from sqlalchemy import select
from sync_server import free_port, serving

from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import HEAD_REVISION
from shelter_app.data.models import Dwelling, PriceItem
from shelter_app.domain.stages import ApprovalStatus, Stage
from shelter_app.services.boq import approval
from shelter_app.services.boq import boq as boqs
from shelter_app.services.sync import serving as hub_setup


@pytest.fixture
def hub(demo_db: Database) -> Database:
    hub_setup.prepare(demo_db)
    return demo_db


def _code(capsys, hub: Database, name: str, office: str = "GAZ") -> str:
    code, out, err = run(capsys, "device", "add", name, "--office", office, "--db", target(hub))
    assert code == 0, err
    found = re.search(r"enrol SERVER_URL (\S+)", out)
    assert found, out
    return found.group(1)


def test_device_add_list_and_revoke(capsys, hub):
    _code(capsys, hub, "gaziantep-3")
    code, out, _ = run(capsys, "device", "list", "--format", "csv", "--db", target(hub))
    assert code == 0
    assert out.splitlines()[0] == "name,mark,office,enrolled,revoked,last_seen"
    assert out.splitlines()[1].startswith("gaziantep-3,A,GAZ,")
    code, out, _ = run(capsys, "device", "revoke", "gaziantep-3", "--db", target(hub))
    assert code == 0 and "gaziantep-3" in out
    code, _, err = run(capsys, "device", "add", "x", "--office", "XYZ", "--db", target(hub))
    assert code == 2 and "XYZ" in err


def test_approval_round_trip_by_command_line(capsys, hub, tmp_path: Path, engineer,
                                             supervisor):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    with serving(hub) as url:
        for laptop, name in ((a, "laptop-a"), (b, "laptop-b")):
            code, out, err = run(capsys, "enrol", url, _code(capsys, hub, name), "--db",
                                 str(laptop))
            assert code == 0, err
            assert name in out
            code, out, err = run(capsys, "sync", "--db", str(laptop))
            assert code == 0, err
            assert re.search(r"received [1-9]\d*", out), out

        laptop_a = Database(target_url(str(a)))
        with laptop_a.read() as session:
            ref = session.scalar(select(Dwelling.ref).where(Dwelling.stage == Stage.ASSESSED)
                                 .order_by(Dwelling.ref).limit(1))
            item = session.scalar(select(PriceItem.id).order_by(PriceItem.code).limit(1))
        view = boqs.create_boq(laptop_a, engineer, ref)
        boqs.add_line(laptop_a, engineer, view.id, item, Decimal("2"))
        approval.submit(laptop_a, engineer, view.id, confirm=True)
        code, out, _ = run(capsys, "sync", "--db", str(a))
        assert code == 0 and "0 refused" in out

        run(capsys, "sync", "--db", str(b))
        laptop_b = Database(target_url(str(b)))
        assert boqs.boq_view(laptop_b, supervisor, view.id).status == ApprovalStatus.SUBMITTED
        approval.approve(laptop_b, supervisor, view.id, confirm=True)
        code, _, _ = run(capsys, "sync", "--db", str(b))
        assert code == 0
        code, _, _ = run(capsys, "sync", "--db", str(a))
        assert code == 0
        assert boqs.boq_view(laptop_a, engineer, view.id).status == ApprovalStatus.APPROVED
        laptop_a.dispose()
        laptop_b.dispose()


def test_sync_without_enrolment_or_server_says_what_to_do(capsys, tmp_path: Path, hub):
    laptop = tmp_path / "lonely.db"
    code, _, err = run(capsys, "sync", "--db", str(laptop))
    assert code == 2 and "enrol" in err
    code, _, err = run(capsys, "enrol", "ftp://nowhere", "AB-CD", "--db", str(laptop))
    assert code == 2 and "ftp://nowhere" in err
    port = free_port()  # nothing listens there
    code, _, err = run(capsys, "enrol", f"http://127.0.0.1:{port}", "AB-CD", "--db",
                       str(laptop))
    assert code == 2 and "cannot be reached" in err


def test_serve_verb_answers_laptops(hub: Database):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "shelter_app", "serve", "--db", target(hub), "--port",
         str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/v1/hello", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.05)
        else:
            raise AssertionError("serve did not answer")
        assert answer.json()["schema"] == HEAD_REVISION
        refused = httpx.post(f"http://127.0.0.1:{port}/v1/push", content=b"{not json",
                             timeout=5)
        assert refused.status_code == 400 and "JSON" in refused.json()["message"]
    finally:
        process.terminate()
        process.communicate(timeout=10)
