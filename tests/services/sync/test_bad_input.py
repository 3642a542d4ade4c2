"""What the server refuses, whole or op by op: each refusal says what is wrong, is logged, and
leaves the database as it was."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, or_, select

from services.sync.machines import counts, differences, post, synced_data
from shelter_app.data import totals
from shelter_app.data.models import Dwelling
from shelter_app.domain import clock
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.sync import devices, protocol, wire
from shelter_app.domain.errors import UserError
from shelter_app.services.backup import backup_now
from shelter_app.services.sync.client import LaptopWiped
from shelter_app.services.sync.status import sync_status


def op(entity: str, row_id, fields: dict, user, *, action: str = "update", base: int = 1,
       hlc: str = "1795597200000-00000-A", op_id: str | None = None) -> dict:
    return {"op_id": op_id or str(uuid.uuid4()), "entity": entity, "row_id": str(row_id),
            "action": action, "base_version": base, "fields": fields,
            "user_id": str(user.user_id), "hlc": hlc, "created_at": clock.now().isoformat()}


@pytest.fixture
def dwelling(hub) -> tuple[uuid.UUID, int]:
    """A Gaziantep dwelling's id and its version on the server."""
    with hub.read() as session:
        row = session.execute(select(Dwelling.id, Dwelling.version).where(
            Dwelling.ref.like("GAZ-%")).order_by(Dwelling.ref).limit(1)).one()
    return row.id, row.version


@pytest.fixture
def unchanged(hub):
    """Asserts at the end that the hub's records and its sync bookkeeping did not change."""
    data, before = synced_data(hub), counts(hub)
    yield
    assert differences(data, synced_data(hub)) == []
    assert counts(hub) == before


def _refused(response, status: int, kind: str, words: str, caplog) -> None:
    assert response.status_code == status, response.text
    answer = response.json()
    assert answer["error"] == kind
    assert words in answer["message"]
    logged = [r.getMessage() for r in caplog.records if r.name == "shelter_app.server"]
    assert any(words in message for message in logged), logged


NOT_REQUESTS = [
    (b'{"schema": "0006", "ops": [', "not valid JSON"),
    (b"\xff\xfe{}", "not valid JSON"),
    (b"[1, 2]", "must be a JSON object"),
    (b'{"ops": []}', "does not say its schema revision"),
]


def test_a_message_that_is_not_a_request_is_refused(token, http, unchanged, caplog):
    for body, words in NOT_REQUESTS:
        _refused(post(http, "/v1/push", body, token), 400, "message", words, caplog)


MALFORMED = [
    (lambda o: o | {"entity": "secrets"}, "unknown table secrets"),
    (lambda o: o | {"fields": {"salary": 1}}, "unknown field salary of dwellings"),
    (lambda o: o | {"fields": {"version": 9}}, "unknown field version"),
    (lambda o: o | {"fields": {"updated_at": "2026-11-25T09:00:00+00:00"}},
     "unknown field updated_at"),
    (lambda o: o | {"action": "drop"}, "unknown action drop"),
    (lambda o: o | {"base_version": -1}, "base_version"),
    (lambda o: o | {"row_id": "not-a-uuid"}, "must be UUIDs"),
    (lambda o: o | {"created_at": "2026-11-25T09:00:00"}, "a UTC time"),
    (lambda o: o | {"hlc": "yesterday"}, "clock stamp"),
    (lambda o: "an op", "not an object"),
]


def test_a_malformed_op_refuses_the_whole_request(token, http, dwelling, engineer, unchanged,
                                                  caplog):
    good = op("dwellings", dwelling[0], {"street": "Yeni Sokak"}, engineer, base=dwelling[1])
    for mangle, words in MALFORMED:
        bad = mangle(op("dwellings", dwelling[0], {"flat_no": "9"}, engineer, base=dwelling[1]))
        response = post(http, "/v1/push", {"ops": [good, bad]}, token)
        _refused(response, 400, "message", words, caplog)
        assert "Op 2" in response.json()["message"]


def test_an_op_id_twice_in_one_request_is_refused(token, http, dwelling, engineer, unchanged,
                                                  caplog):
    first = op("dwellings", dwelling[0], {"street": "Yeni Sokak"}, engineer, base=dwelling[1])
    again = first | {"fields": {"street": "Eski Sokak"}}
    _refused(post(http, "/v1/push", {"ops": [first, again]}, token), 400, "message",
             "appears twice", caplog)


def test_too_many_ops_in_one_request_are_refused(token, http, dwelling, engineer, unchanged,
                                                 caplog, monkeypatch):
    monkeypatch.setattr(protocol, "MAX_OPS", 3)
    ops = [op("dwellings", dwelling[0], {"street": f"Sokak {n}"}, engineer, base=dwelling[1])
           for n in range(4)]
    _refused(post(http, "/v1/push", {"ops": ops}, token), 400, "message",
             "at most 3 are accepted", caplog)


def test_a_body_over_the_size_limit_is_refused_before_it_is_read(
        token, http, dwelling, engineer, unchanged, caplog, monkeypatch):
    monkeypatch.setattr(protocol, "MAX_BODY", 4_000)
    ops = [op("dwellings", dwelling[0], {"street": "x" * 100}, engineer, base=dwelling[1])
           for _ in range(40)]
    _refused(post(http, "/v1/push", {"ops": ops}, token), 413, "message", "over the limit",
             caplog)

    def chunks():  # no Content-Length: the server counts what arrives
        yield b'{"schema": "0006", "ops": ['
        for _ in range(100):
            yield b'"' + b"x" * 100 + b'", '
        yield b"1]}"

    response = http.post("/v1/push", content=chunks(), headers={
        "Authorization": f"Bearer {token}", "content-type": "application/json"})
    assert response.status_code == 413 and "over the limit" in response.json()["message"]


def test_a_forged_token_is_refused(token, http, dwelling, engineer, unchanged, caplog):
    ops = [op("dwellings", dwelling[0], {"street": "Yeni Sokak"}, engineer, base=dwelling[1])]
    _refused(post(http, "/v1/push", {"ops": ops}, "forged-token"), 403, "device",
             "does not know this laptop", caplog)
    _refused(post(http, "/v1/push", {"ops": ops}), 403, "device", "not enrolled", caplog)
    _refused(post(http, "/v1/pull", {"cursor": 0}, "forged-token"), 403, "device",
             "does not know this laptop", caplog)


def test_a_revoked_laptop_is_refused_and_erases_its_copy(laptop, hub, http, dwelling, engineer,
                                                         unchanged, caplog):
    a = laptop("a")
    with a.db.write(engineer) as session:
        session.get(Dwelling, dwelling[0]).street = "Yeni Sokak"
    path = a.db.path
    assert path is not None
    a.db.files_dir.mkdir(parents=True, exist_ok=True)
    (a.db.files_dir / "scan").write_bytes(b"a signed scan")
    backup_now(a.db, SYSTEM)
    devices.revoke_device(hub, SYSTEM, "a")
    ops = [op("dwellings", dwelling[0], {"street": "Yeni Sokak"}, engineer, base=dwelling[1])]
    _refused(post(http, "/v1/push", {"ops": ops}, a.token), 403, "revoked", "revoked", caplog)
    with pytest.raises(LaptopWiped, match="revoked this laptop .* has been erased"):
        a.sync()
    left = [p.name for p in path.parent.iterdir() if p.name.startswith(path.stem)]
    assert left == []  # database, WAL, files and backups
    with pytest.raises(UserError, match="was erased"):  # and nothing creates it anew
        sync_status(a.db)
    assert not path.exists()


def test_a_used_or_unknown_enrolment_code_is_refused(hub, http, unchanged, caplog):
    _, code = devices.add_device(hub, SYSTEM, "c", "GAZ")
    assert post(http, "/v1/enrol", {"code": code}).status_code == 200
    _refused(post(http, "/v1/enrol", {"code": code}), 403, "device", "already used", caplog)
    _refused(post(http, "/v1/enrol", {"code": 12}), 400, "message", "enrolment code", caplog)


def test_a_laptop_on_another_schema_is_refused_before_anything_is_applied(
        token, http, dwelling, engineer, unchanged, caplog):
    ops = [op("dwellings", dwelling[0], {"street": "Yeni Sokak"}, engineer, base=dwelling[1])]
    for schema, words in [("0099", "newer than the server's"),
                          ("0005", "update the app on this laptop")]:
        response = post(http, "/v1/push", {"ops": ops}, token, schema=schema)
        _refused(response, 409, "schema", words, caplog)
        assert "Nothing was applied" in response.json()["message"]
        _refused(post(http, "/v1/pull", {"cursor": 0}, token, schema=schema), 409, "schema",
                 words, caplog)


def test_the_client_on_a_newer_schema_keeps_its_work_and_says_why(
        laptop, hub, dwelling, engineer, unchanged, monkeypatch):
    a = laptop("a")
    with a.db.write(engineer) as session:
        session.get(Dwelling, dwelling[0]).street = "Yeni Sokak"
    monkeypatch.setattr(wire, "HEAD_REVISION", "0099")  # what the laptop says it runs
    with pytest.raises(protocol.SchemaMismatch, match="server must be updated first"):
        a.sync()
    status = sync_status(a.db)
    assert status.pending == 1 and "0099" in status.last_error


UNFIT = [
    ({"rooms": 2 ** 70}, "rooms"),
    ({"rooms": "3"}, "a whole number is expected"),
    ({"floor_area_m2": "1e20"}, "floor_area_m2"),
    ({"floor_area_m2": "NaN"}, "a finite number"),
    ({"street": "Gül\x00Sokak"}, "street"),
    ({"street": "x" * 161}, "at most 160 characters"),
    ({"stage": "demolished"}, "one of registered"),
    ({"deleted_at": "0001-01-01T00:00:00+14:00"}, "deleted_at"),
    ({"deleted_at": "2026-11-25 09:00"}, "with its zone"),
    ({"street": None}, "a value is required"),
    ({"landlord_id": str(uuid.uuid4())}, "refused this change"),
]


def test_values_that_do_not_fit_are_refused_each_alone_and_the_rest_applies(
        token, hub, http, dwelling, engineer, caplog):
    data, before = synced_data(hub), counts(hub)
    ops = [op("dwellings", dwelling[0], fields, engineer, base=dwelling[1])
           for fields, _ in UNFIT]
    ops.append(op("dwellings", dwelling[0], {"flat_no": "7"}, engineer, base=dwelling[1]))
    response = post(http, "/v1/push", {"ops": ops}, token)
    assert response.status_code == 200, response.text
    *refused, applied = response.json()["results"]
    logged = " ".join(r.getMessage() for r in caplog.records
                      if r.name == "shelter_app.services.sync.apply")
    for (fields, words), answer in zip(UNFIT, refused, strict=True):
        assert answer["status"] == "refused", fields
        assert words in answer["reason"], (fields, answer["reason"])
        assert answer["op_id"] in logged
    assert applied["status"] == "applied"
    after = synced_data(hub)
    changed = data["dwellings"][str(dwelling[0])] | {"flat_no": "7"}
    assert after["dwellings"][str(dwelling[0])] == changed
    data["dwellings"][str(dwelling[0])] = changed
    assert differences(data, after) == []
    assert counts(hub)["sync_log"] == before["sync_log"] + 1


def test_the_author_must_be_a_user_the_server_knows(token, hub, http, dwelling, engineer,
                                                   caplog):
    data = synced_data(hub)
    stranger = op("dwellings", dwelling[0], {"street": "Yeni Sokak"}, engineer,
                  base=dwelling[1]) | {"user_id": str(uuid.uuid4())}
    nobody = stranger | {"op_id": str(uuid.uuid4()), "user_id": None}
    results = post(http, "/v1/push", {"ops": [stranger, nobody]}, token).json()["results"]
    assert [r["status"] for r in results] == ["refused", "refused"]
    assert "does not know the user" in results[0]["reason"]
    assert "names no user" in results[1]["reason"]
    assert differences(data, synced_data(hub)) == []


def test_a_bad_pull_cursor_is_refused(token, http, caplog):
    _refused(post(http, "/v1/pull", {"cursor": -1}, token), 400, "message",
             "whole numbers", caplog)
    _refused(post(http, "/v1/pull", {"cursor": "0"}, token), 400, "message",
             "whole numbers", caplog)




def test_the_case_rules_refuse_a_labour_day_outside_the_works_and_an_early_activation(
        token, hub, http, engineer):
    from shelter_app.data.models import LabourEntry, LeaseAgreement, Timesheet
    from shelter_app.domain.stages import AgreementStatus, ApprovalStatus

    data = synced_data(hub)
    with hub.read() as session:
        entry = session.execute(
            select(LabourEntry.id, LabourEntry.version, LeaseAgreement.signed_on)
            .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
            .join(LeaseAgreement, LeaseAgreement.dwelling_id == Dwelling.id)
            .outerjoin(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
            .where(Dwelling.ref.like("GAZ-%"), LeaseAgreement.signed_on.is_not(None),
                   or_(Timesheet.id.is_(None), Timesheet.status != ApprovalStatus.APPROVED))
            .limit(1)).one()
        agreement = session.execute(
            select(LeaseAgreement.id, LeaseAgreement.version, LeaseAgreement.start_date)
            .join(Dwelling, Dwelling.id == LeaseAgreement.dwelling_id)
            .where(Dwelling.ref.like("GAZ-%"), LeaseAgreement.status == AgreementStatus.SIGNED,
                   LeaseAgreement.start_date > clock.today()).limit(1)).one_or_none()
    early = entry.signed_on.replace(year=entry.signed_on.year - 1).isoformat()
    ops = [op("labour_entries", entry.id, {"work_date": early}, engineer, base=entry.version)]
    if agreement is not None:
        ops.append(op("lease_agreements", agreement.id, {"status": "active"}, engineer,
                      base=agreement.version))
    results = post(http, "/v1/push", {"ops": ops}, token).json()["results"]
    assert [r["status"] for r in results] == ["refused"] * len(ops)
    assert "before the agreement" in results[0]["reason"]
    if agreement is not None:
        assert "starts on" in results[1]["reason"]
    assert differences(data, synced_data(hub)) == []


def test_a_labour_day_counts_the_agreement_signed_in_the_same_push(token, hub, http, engineer):
    """Offline, an engineer records the signing and logs the first days; one push brings both,
    and the day is inside the works the push itself opens."""
    from shelter_app.data.models import LabourEntry, LeaseAgreement, Timesheet
    from shelter_app.domain.stages import ApprovalStatus

    with hub.read() as session:
        row = session.execute(
            select(LabourEntry.id, LabourEntry.version, LeaseAgreement.id.label("agreement"),
                   LeaseAgreement.version.label("agreement_version"), LeaseAgreement.signed_on)
            .join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
            .join(LeaseAgreement, LeaseAgreement.dwelling_id == Dwelling.id)
            .outerjoin(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
            .where(Dwelling.ref.like("GAZ-%"), LeaseAgreement.signed_on.is_not(None),
                   or_(Timesheet.id.is_(None), Timesheet.status != ApprovalStatus.APPROVED))
            .limit(1)).one()
        signings = session.scalar(select(func.count()).select_from(LeaseAgreement).where(
            LeaseAgreement.dwelling_id == session.scalar(
                select(LabourEntry.dwelling_id).where(LabourEntry.id == row.id)),
            LeaseAgreement.signed_on.is_not(None)))
    if signings != 1:
        pytest.skip("the demo's site has more than one signed agreement")
    signed = row.signed_on - timedelta(days=30)
    ops = [op("lease_agreements", row.agreement, {"signed_on": signed.isoformat()}, engineer,
              base=row.agreement_version),
           # out of its timesheet, whose period the day leaves (the laptop logs it anew)
           op("labour_entries", row.id, {"work_date": (signed + timedelta(days=1)).isoformat(),
                                         "timesheet_id": None}, engineer, base=row.version)]
    results = post(http, "/v1/push", {"ops": ops}, token).json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"], results
    with hub.read() as session:
        assert session.get(LabourEntry, row.id).work_date == signed + timedelta(days=1)
        assert totals.stale(session) == []  # the days per office and day moved with it


def test_a_reopen_request_pushed_as_decided_by_an_engineer_is_refused(token, hub, http,
                                                                      engineer):
    from shelter_app.data.models import BoQ, ReopenRequest
    from shelter_app.domain.stages import ApprovalStatus
    from shelter_app.services.reopen_requests import ask_reopen

    with hub.read() as session:
        boq_id = session.scalar(select(BoQ.id).join(Dwelling, Dwelling.id == BoQ.dwelling_id)
                                .where(Dwelling.ref.like("GAZ-%"),
                                       BoQ.status == ApprovalStatus.APPROVED).limit(1))
    asked = ask_reopen(hub, engineer, "boq", boq_id, "Wrong window size")
    with hub.read() as session:
        version = session.get(ReopenRequest, asked.id).version
    data = synced_data(hub)
    ops = [op("reopen_requests", asked.id, {"status": "approved"}, engineer, base=version)]
    (result,) = post(http, "/v1/push", {"ops": ops}, token).json()["results"]
    assert result["status"] == "refused" and "Only a supervisor" in result["reason"]
    assert differences(data, synced_data(hub)) == []


def _approved_timesheet(hub):
    from shelter_app.data.models import Timesheet
    from shelter_app.domain.stages import ApprovalStatus

    with hub.read() as session:
        return session.execute(
            select(Timesheet).join(Dwelling, Dwelling.id == Timesheet.dwelling_id)
            .where(Dwelling.ref.like("GAZ-%"), Timesheet.status == ApprovalStatus.APPROVED,
                   Timesheet.payment_batch_id.is_(None))
            .limit(1)).scalar_one()


def test_a_timesheet_reopened_offline_by_a_supervisor_is_applied_not_by_an_engineer(
        token, hub, http, engineer, supervisor):
    """A supervisor reopens an approved timesheet on a laptop (timesheets.unlock: returned,
    out of its draft batch); the server takes it, and refuses the same from an engineer."""
    from shelter_app.data.models import Timesheet

    sheet = _approved_timesheet(hub)
    fields = {"status": "returned", "return_reason": "Days of 3 May missing",
              "payment_batch_id": None}
    (refused,) = post(http, "/v1/push", {"ops": [op("timesheets", sheet.id, fields, engineer,
                                                     base=sheet.version)]}, token).json()["results"]
    assert refused["status"] == "refused" and "Only a supervisor" in refused["reason"]
    (applied,) = post(http, "/v1/push", {"ops": [op("timesheets", sheet.id, fields, supervisor,
                                                     base=sheet.version)]}, token).json()["results"]
    assert applied["status"] == "applied", applied
    with hub.read() as session:
        assert session.get(Timesheet, sheet.id).status.value == "returned"


def test_a_timesheet_reopened_offline_after_its_batch_went_to_finance_is_refused(
        token, hub, http, supervisor):
    from shelter_app.data.models import PaymentBatch
    from shelter_app.domain.stages import BatchStatus

    sheet = _approved_timesheet(hub)
    with hub.write(SYSTEM) as session:
        batch = session.scalars(select(PaymentBatch).limit(1)).one()
        batch.status = BatchStatus.EXPORTED
        session.get(type(sheet), sheet.id).payment_batch_id = batch.id
    data = synced_data(hub)
    fields = {"status": "returned", "return_reason": "Wrong rate", "payment_batch_id": None}
    (result,) = post(http, "/v1/push", {"ops": [op("timesheets", sheet.id, fields, supervisor,
                                                    base=sheet.version + 1)]},
                     token).json()["results"]
    assert result["status"] == "refused" and "went to finance" in result["reason"], result
    assert differences(data, synced_data(hub)) == []


def test_a_labour_day_pushed_into_a_timesheet_of_another_site_or_period_is_refused(
        token, hub, http, engineer):
    """Payment sums read a day through its timesheet, so a day goes only into a timesheet of
    its own site and period, and a timesheet keeps the site and period it was made for."""
    from shelter_app.data.models import LabourEntry, Timesheet
    from shelter_app.domain.stages import ApprovalStatus

    with hub.read() as session:
        sheet = session.execute(
            select(Timesheet).join(Dwelling, Dwelling.id == Timesheet.dwelling_id)
            .where(Dwelling.ref.like("GAZ-%"), Timesheet.status == ApprovalStatus.DRAFT)
            .order_by(Timesheet.ref).limit(1)).scalar_one()
        open_day = (Timesheet.status != ApprovalStatus.APPROVED) | Timesheet.id.is_(None)
        days = (select(LabourEntry).join(Dwelling, Dwelling.id == LabourEntry.dwelling_id)
                .outerjoin(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
                .where(Dwelling.ref.like("GAZ-%"), LabourEntry.deleted_at.is_(None), open_day)
                .order_by(LabourEntry.work_date, LabourEntry.id).limit(1))
        elsewhere = session.execute(days.where(
            LabourEntry.dwelling_id != sheet.dwelling_id)).scalar_one()
        outside = session.execute(days.where(LabourEntry.dwelling_id == sheet.dwelling_id, ~(
            LabourEntry.work_date.between(sheet.period_start, sheet.period_end)))).scalar_one()
    data = synced_data(hub)
    ops = [op("labour_entries", elsewhere.id, {"timesheet_id": str(sheet.id)}, engineer,
              base=elsewhere.version),
           op("labour_entries", outside.id, {"timesheet_id": str(sheet.id)}, engineer,
              base=outside.version),
           op("timesheets", sheet.id, {"dwelling_id": str(elsewhere.dwelling_id)}, engineer,
              base=sheet.version),
           op("timesheets", sheet.id, {"period_end": str(sheet.period_end + timedelta(1))},
              engineer, base=sheet.version)]
    results = post(http, "/v1/push", {"ops": ops}, token).json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 4, results
    assert f"so it cannot be in timesheet {sheet.ref}" in results[0]["reason"]
    assert f"is outside timesheet {sheet.ref}" in results[1]["reason"]
    assert all(f"Timesheet {sheet.ref} keeps the site and period" in r["reason"]
               for r in results[2:])
    assert differences(data, synced_data(hub)) == []


def test_a_labour_day_pushed_into_an_approved_timesheet_is_refused_from_an_engineer(
        token, hub, http, engineer, supervisor):
    """An approved timesheet's days are what was approved and will be paid: a day put into it
    is refused as a change of it would be, unless a supervisor (who may reopen it) sends it."""
    from shelter_app.data.models import LabourEntry

    sheet = _approved_timesheet(hub)
    with hub.read() as session:
        worker = session.scalar(select(LabourEntry.worker_id).where(
            LabourEntry.timesheet_id == sheet.id).order_by(LabourEntry.id).limit(1))
    data = synced_data(hub)

    def new_day(user) -> dict:  # type: ignore[no-untyped-def]
        return op("labour_entries", uuid.uuid4(), {
            "worker_id": str(worker), "dwelling_id": str(sheet.dwelling_id),
            "work_date": str(sheet.period_start), "portion": "0.5",
            "timesheet_id": str(sheet.id)}, user, action="create", base=0)

    (refused,) = post(http, "/v1/push", {"ops": [new_day(engineer)]}, token).json()["results"]
    assert refused["status"] == "refused" and "approved and locked" in refused["reason"]
    assert differences(data, synced_data(hub)) == []
    (applied,) = post(http, "/v1/push", {"ops": [new_day(supervisor)]}, token).json()["results"]
    assert applied["status"] == "applied", applied
