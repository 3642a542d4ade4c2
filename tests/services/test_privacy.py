"""KVKK: IDs shown by role, consent, one person's export, pseudonymisation with a scrubbed audit
trail, and the list of people whose retention period has run out."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

import factories
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    Dwelling,
    Erasure,
    Household,
    LabourEntry,
    Landlord,
    LeaseAgreement,
    MonitoringVisit,
    Office,
    PaymentBatch,
    Setting,
    Timesheet,
    User,
    Worker,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import NotFound, PermissionDenied, UserError, ValidationError
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import AgreementStatus, BatchStatus, PaymentMethod, Role
from shelter_app.services.accounts.auth import SYSTEM, Actor
from shelter_app.services.cases.dwellings import search_dwellings
from shelter_app.services.privacy.erasure import MAX_NOTE, pseudonymise_person
from shelter_app.services.privacy.export import export_person, write_person_export
from shelter_app.services.privacy.people import PersonKind, record_consent, shown_iban, shown_id
from shelter_app.services.privacy.retention import ErasureCandidate, due_for_erasure

ARABIC_HEAD = "فاطمة الزهراء الحسن"
TURKISH_WORKER = "Şükrü Çağlar Öğüt"
LANDLORD = "Mehmet Öztürk"
PHONE = "+905321234567"
LANDLORD_PHONE = "+905559876543"
WORKER_ID = make_tckn("523456789")
LANDLORD_ID = make_tckn("612345678")
LANDLORD_IBAN = make_tr_iban("00061", "0519786457841326")
WORKER_IBAN = make_tr_iban("00062", "1111222233334444")
LONG_AGO = datetime(2015, 3, 1, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Case:
    """One household's case: its dwelling, landlord, a worker, an agreement and a paid day."""

    household: Household
    landlord: Landlord
    dwelling: Dwelling
    worker: Worker
    agreement: LeaseAgreement


def make_case(db: Database, office: Office, *, head_name: str = ARABIC_HEAD,
              landlord_name: str = LANDLORD, status: AgreementStatus = AgreementStatus.ENDED,
              started: date = date(2024, 1, 1), paid: bool = True,
              created_at: datetime | None = None) -> Case:
    dwelling = factories.dwelling(db, office, head_name=head_name, landlord_name=landlord_name)
    with db.write() as session:
        household = session.get_one(Household, dwelling.household_id)
        landlord = session.get_one(Landlord, dwelling.landlord_id)
        household.phone = PHONE
        household.vulnerabilities = ["disability"]
        landlord.id_number, landlord.iban = LANDLORD_ID, LANDLORD_IBAN
        landlord.phone = LANDLORD_PHONE
        landlord.address = "Gül Sokak No:7, Gaziantep"
        if created_at is not None:
            household.created_at = landlord.created_at = household.consent_at = created_at
        worker = Worker(ref=household.ref.replace("-H-", "-W-"), household_id=household.id,
                        full_name=TURKISH_WORKER, id_number=WORKER_ID,
                        birth_date=date(1990, 5, 12), payment_method=PaymentMethod.IBAN,
                        iban=WORKER_IBAN, work_permit_number="WP-778899",
                        extra={"note": "left hand injury"})
        agreement = LeaseAgreement(
            number=household.ref.replace("-H-", "-A-"), office_id=office.id,
            dwelling_id=dwelling.id, landlord_id=landlord.id, household_id=household.id,
            status=status, term_months=12, start_date=started,
            end_date=started + timedelta(days=365), monthly_rent=Decimal("4500.00"),
            payment_iban=LANDLORD_IBAN)
        session.add_all([worker, agreement])
        session.flush()
        batch = PaymentBatch(ref=household.ref.replace("-H-", "-P-"), period="2024-02",
                             status=BatchStatus.PAID if paid else BatchStatus.DRAFT)
        session.add(batch)
        session.flush()
        sheet = Timesheet(ref=household.ref.replace("-H-", "-T-"), dwelling_id=dwelling.id,
                          period_start=started, period_end=started + timedelta(days=13),
                          payment_batch_id=batch.id)
        session.add(sheet)
        session.flush()
        session.add_all([
            LabourEntry(worker_id=worker.id, dwelling_id=dwelling.id, timesheet_id=sheet.id,
                        work_date=started + timedelta(days=2), portion=Decimal("0.5"),
                        task="painting"),
            MonitoringVisit(agreement_id=agreement.id, due_on=started + timedelta(days=90),
                            rent_paid=Decimal("4500.00"), notes="all well"),
        ])
    return Case(household, landlord, dwelling, worker, agreement)


def make_actor(db: Database, role: Role, office: Office | None) -> Actor:
    with db.write() as session:
        user = User(username=f"{role.value}.{office.code if office else 'all'}".lower(),
                    full_name=f"Test {role.value}", role=role,
                    office_id=office.id if office else None)
        session.add(user)
    return Actor(user.id, user.username, user.full_name, role, user.office_id)


@pytest.fixture
def gaz(db: Database) -> Office:
    return factories.office(db, "GAZ", province="Gaziantep")


@pytest.fixture
def case(db: Database, gaz: Office) -> Case:
    return make_case(db, gaz)


@pytest.fixture
def engineer(db: Database, gaz: Office) -> Actor:
    return make_actor(db, Role.ENGINEER, gaz)


@pytest.fixture
def supervisor(db: Database, gaz: Office) -> Actor:
    return make_actor(db, Role.SUPERVISOR, gaz)


@pytest.fixture
def admin(db: Database) -> Actor:
    return make_actor(db, Role.ADMIN, None)


def household_row(db: Database, ref: str) -> dict[str, object]:
    with db.read() as session:
        household = session.scalars(select(Household).where(Household.ref == ref)).one()
        return {c.key: getattr(household, c.key) for c in Household.__table__.columns}


def landlord_row(db: Database, ref: str) -> dict[str, object]:
    with db.read() as session:
        landlord = session.scalars(select(Landlord).where(Landlord.ref == ref)).one()
        return {c.key: getattr(landlord, c.key) for c in Landlord.__table__.columns}


def trail_text(db: Database) -> str:
    """Every audit event's changes and reason, as one text to search for leftovers."""
    with db.read() as session:
        events = session.execute(select(AuditEvent.changes, AuditEvent.reason)).all()
    return json.dumps([list(event) for event in events], ensure_ascii=False)


def export_events(db: Database) -> list[AuditEvent]:
    with db.read() as session:
        return list(session.scalars(select(AuditEvent).where(AuditEvent.action == "export")))


def refs_found(db: Database, text: str) -> list[str]:
    return [row.ref for row in search_dwellings(db, text, limit=None)]


# --- shown by role ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
def test_case_workers_see_clear_ids_and_ibans(role: Role) -> None:
    actor = Actor(None, "x", "X", role, None)
    assert shown_id(actor, LANDLORD_ID) == LANDLORD_ID
    assert shown_iban(actor, LANDLORD_IBAN) == "TR33 0006 1005 1978 6457 8413 26"


def test_the_administrator_sees_masked_ids_and_ibans() -> None:
    actor = Actor(None, "x", "X", Role.ADMIN, None)
    assert shown_id(actor, "12345678946") == "12*******46"
    assert shown_iban(actor, LANDLORD_IBAN) == "TR33 **** **** **** **** **13 26"


def test_no_value_shows_empty() -> None:
    assert shown_id(SYSTEM, None) == shown_iban(SYSTEM, "") == ""


# --- consent ---------------------------------------------------------------------------------


def test_consent_is_stored_as_the_start_of_that_day_in_utc(db: Database, case: Case,
                                                           engineer: Actor) -> None:
    record_consent(db, engineer, case.household.ref.lower(), date(2025, 4, 30))
    assert household_row(db, case.household.ref)["consent_at"] == datetime(2025, 4, 30,
                                                                            tzinfo=UTC)


def test_consent_in_the_future_is_refused_and_nothing_changes(db: Database, case: Case,
                                                               engineer: Actor) -> None:
    before = household_row(db, case.household.ref)
    tomorrow = clock.today() + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        record_consent(db, engineer, case.household.ref, tomorrow)
    assert refused.value.field == "consent_on"
    assert f"{tomorrow:%d.%m.%Y}" in refused.value.message and "future" in refused.value.message
    assert household_row(db, case.household.ref) == before


def test_consent_needs_a_role_that_edits_cases(db: Database, case: Case, admin: Actor) -> None:
    before = household_row(db, case.household.ref)
    with pytest.raises(PermissionDenied, match="edit cases"):
        record_consent(db, admin, case.household.ref, date(2025, 1, 1))
    assert household_row(db, case.household.ref) == before


def test_consent_for_another_office_is_refused(db: Database, case: Case) -> None:
    other = make_actor(db, Role.ENGINEER, factories.office(db, "ANK", province="Ankara"))
    with pytest.raises(PermissionDenied, match="another office"):
        record_consent(db, other, case.household.ref, date(2025, 1, 1))


def test_consent_for_an_unknown_household(db: Database, gaz: Office, engineer: Actor) -> None:
    with pytest.raises(NotFound, match="No household GAZ-H-999999"):
        record_consent(db, engineer, "GAZ-H-999999", date(2025, 1, 1))


# --- export ----------------------------------------------------------------------------------


def test_household_export_holds_the_person_and_every_linked_record(
    db: Database, case: Case, supervisor: Actor
) -> None:
    record_consent(db, make_actor(db, Role.ENGINEER, None), case.household.ref,
                   date(2025, 2, 3))
    data = export_person(db, supervisor, "household", case.household.ref)
    person = data["person"]
    assert (data["kind"], data["ref"], data["exported_by"]) == (
        "household", case.household.ref, supervisor.username)
    assert person["head_name"] == ARABIC_HEAD
    assert person["head_id_number"] == case.household.head_id_number
    assert person["members"] == {"female_18_59": 1}
    assert person["vulnerabilities"] == ["disability"]
    assert person["consent_at"] == "2025-02-03T00:00:00+00:00"
    linked = data["linked"]
    assert [d["ref"] for d in linked["dwellings"]] == [case.dwelling.ref]
    assert [w["full_name"] for w in linked["workers"]] == [TURKISH_WORKER]
    assert [a["number"] for a in linked["lease_agreements"]] == [case.agreement.number]
    assert linked["lease_agreements"][0]["monthly_rent"] == "4500.00"
    assert linked["lease_agreements"][0]["start_date"] == "2024-01-01"
    assert [e["portion"] for e in linked["labour_entries"]] == ["0.5"]
    assert [v["notes"] for v in linked["monitoring_visits"]] == ["all well"]
    assert linked["assessments"] == [] and linked["photos"] == []


def test_a_household_export_masks_the_landlords_iban(db: Database, case: Case,
                                                     supervisor: Actor) -> None:
    data = export_person(db, supervisor, "household", case.household.ref)
    text = json.dumps(data, ensure_ascii=False)
    assert data["linked"]["lease_agreements"][0]["payment_iban"] == (
        "TR33 **** **** **** **** **13 26")
    assert LANDLORD_IBAN not in text
    assert WORKER_IBAN in text  # the household's own member


def test_the_export_includes_the_audit_trail_of_those_records(db: Database, case: Case,
                                                              supervisor: Actor) -> None:
    data = export_person(db, supervisor, "household", case.household.ref)
    about = {(event["entity"], event["action"]) for event in data["audit_trail"]}
    assert {("households", "create"), ("households", "update"), ("workers", "create"),
            ("dwellings", "create"), ("lease_agreements", "create"),
            ("labour_entries", "create")} <= about
    created = next(e for e in data["audit_trail"]
                   if (e["entity"], e["action"]) == ("households", "create"))
    assert created["changes"]["head_name"] == [None, ARABIC_HEAD]
    assert created["by"] == "system"


def test_the_export_is_itself_audited(db: Database, case: Case, supervisor: Actor) -> None:
    export_person(db, supervisor, "landlord", case.landlord.ref)
    [event] = export_events(db)
    assert (event.entity, event.entity_id, event.user_id) == (
        "landlords", case.landlord.id, supervisor.user_id)
    later = export_person(db, supervisor, "landlord", case.landlord.ref)
    assert [e["action"] for e in later["audit_trail"]].count("export") == 1


def test_landlord_export_holds_their_dwellings_and_agreements(db: Database, case: Case,
                                                              supervisor: Actor) -> None:
    data = export_person(db, supervisor, "landlord", case.landlord.ref)
    assert data["person"]["name"] == LANDLORD
    assert data["person"]["iban"] == LANDLORD_IBAN
    assert [d["ref"] for d in data["linked"]["dwellings"]] == [case.dwelling.ref]
    assert data["linked"]["lease_agreements"][0]["payment_iban"] == LANDLORD_IBAN
    assert "workers" not in data["linked"]
    assert ARABIC_HEAD not in json.dumps(data, ensure_ascii=False)


def test_worker_export_holds_their_labour_days(db: Database, case: Case,
                                               supervisor: Actor) -> None:
    data = export_person(db, supervisor, "worker", case.worker.ref)
    assert data["person"]["full_name"] == TURKISH_WORKER
    assert data["person"]["birth_date"] == "1990-05-12"
    assert [e["work_date"] for e in data["linked"]["labour_entries"]] == ["2024-01-03"]


def test_the_export_file_is_readable_utf8_json(db: Database, case: Case, supervisor: Actor,
                                               tmp_path: Path) -> None:
    out = tmp_path / "person.json"
    data = write_person_export(db, supervisor, "household", case.household.ref, out)
    raw = out.read_bytes()
    assert ARABIC_HEAD.encode() in raw and TURKISH_WORKER.encode() in raw
    assert b"\\u" not in raw
    assert json.loads(raw.decode("utf-8")) == data
    assert not (tmp_path / "person.json.part").exists()
    assert len(export_events(db)) == 1


def test_an_export_that_cannot_be_written_is_not_audited(db: Database, case: Case,
                                                         supervisor: Actor,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "person.json"
    with pytest.raises(UserError, match="Cannot write") as refused:
        write_person_export(db, supervisor, "household", case.household.ref, out)
    assert refused.value.field == "out_path"
    assert export_events(db) == []


def test_an_engineer_may_not_export(db: Database, case: Case, engineer: Actor) -> None:
    with pytest.raises(PermissionDenied, match="export a person's data"):
        export_person(db, engineer, "household", case.household.ref)
    assert export_events(db) == []


def test_an_unknown_kind_is_named(db: Database, case: Case) -> None:
    with pytest.raises(ValidationError, match="'tenant' is not a kind of person") as refused:
        export_person(db, SYSTEM, "tenant", case.household.ref)
    assert refused.value.field == "kind"


# --- pseudonymisation ------------------------------------------------------------------------


def test_pseudonymising_a_household_removes_its_personal_data(db: Database, case: Case,
                                                              admin: Actor) -> None:
    result = pseudonymise_person(db, admin, "household", case.household.ref, "retention_ended")
    ref = case.household.ref
    assert (result.kind, result.name, result.people, result.dwellings) == (
        PersonKind.HOUSEHOLD, f"Pseudonymised {ref}", 2, 1)
    row = household_row(db, ref)
    assert row["head_name"] == f"Pseudonymised {ref}"
    assert row["head_id_number"] is row["phone"] is row["consent_at"] is None
    assert row["members"] == {"female_18_59": 1} and row["nationality"] == "Türkiye"
    with db.read() as session:
        worker = session.get_one(Worker, case.worker.id)
        dwelling = session.get_one(Dwelling, case.dwelling.id)
        agreement = session.get_one(LeaseAgreement, case.agreement.id)
        days = session.scalar(select(func.sum(LabourEntry.portion)))
    assert worker.full_name == f"Pseudonymised {case.worker.ref}"
    assert (worker.id_number, worker.iban, worker.work_permit_number, worker.extra) == (
        "", None, None, {})
    assert worker.birth_date == date(1990, 1, 1)
    assert dwelling.household_id == case.household.id
    assert agreement.household_id == case.household.id
    assert agreement.monthly_rent == Decimal("4500.00") and days == Decimal("0.5")


def test_pseudonymising_scrubs_the_old_values_from_the_audit_trail(db: Database, case: Case,
                                                                   admin: Actor) -> None:
    old = [ARABIC_HEAD, case.household.head_id_number, PHONE, TURKISH_WORKER, WORKER_ID,
           WORKER_IBAN, "1990-05-12", "WP-778899", "left hand injury"]
    assert all(value in trail_text(db) for value in old)
    record_consent(db, make_actor(db, Role.ENGINEER, None), case.household.ref,
                   date(2025, 2, 3))
    result = pseudonymise_person(db, admin, "household", case.household.ref, "retention_ended")
    text = trail_text(db)
    assert [value for value in old if value in text] == []
    assert result.audit_events == 5  # each of household and worker: create, this; + phone
    with db.read() as session:
        created = session.scalars(select(AuditEvent).where(
            AuditEvent.entity_id == case.household.id, AuditEvent.action == "create")).one()
        erased = session.scalars(select(AuditEvent).where(
            AuditEvent.entity_id == case.household.id, AuditEvent.reason.is_not(None))).one()
    assert created.changes["head_name"] == [None, "***"]
    assert created.changes["nationality"] == [None, "Türkiye"]  # kept: not erased
    assert erased.reason == "the retention period ended" and erased.user_id == admin.user_id
    assert erased.changes["head_name"] == ["***", f"Pseudonymised {case.household.ref}"]
    # when consent was given is proof of lawful processing, not an identifier: kept
    assert erased.changes["consent_at"] == ["2025-02-03T00:00:00+00:00", None]


def test_pseudonymising_reindexes_the_search(db: Database, gaz: Office, admin: Actor) -> None:
    case = make_case(db, gaz, head_name="İbrahim Kaya", landlord_name="Zeynep Aksoy")
    assert refs_found(db, "ibrahim") == [case.dwelling.ref]
    pseudonymise_person(db, admin, "household", case.household.ref, "person_asked")
    assert refs_found(db, "ibrahim") == []
    assert refs_found(db, "pseudonymised") == [case.dwelling.ref]
    assert refs_found(db, "zeynep") == [case.dwelling.ref]  # the landlord is untouched
    pseudonymise_person(db, admin, "landlord", case.landlord.ref, "person_asked")
    assert refs_found(db, "zeynep") == []


def test_pseudonymising_a_landlord_removes_their_iban_from_agreements_too(
    db: Database, case: Case, admin: Actor
) -> None:
    pseudonymise_person(db, admin, "landlord", case.landlord.ref, "retention_ended")
    row = landlord_row(db, case.landlord.ref)
    assert row["name"] == f"Pseudonymised {case.landlord.ref}"
    assert [row[k] for k in ("id_number", "tax_number", "iban", "phone", "address")] == [None] * 5
    with db.read() as session:
        agreement = session.get_one(LeaseAgreement, case.agreement.id)
    assert agreement.payment_iban is None and agreement.landlord_id == case.landlord.id
    text = trail_text(db)
    assert [v for v in (LANDLORD, LANDLORD_ID, LANDLORD_IBAN, LANDLORD_PHONE) if v in text] == []
    assert ARABIC_HEAD in text  # the household was not erased


@pytest.mark.parametrize(("reason", "note", "field"), [
    ("", "", "reason"), ("   ", "", "reason"), ("retention ended", "", "reason"),
    ("other", " ", "note"), ("person_asked", "x" * (MAX_NOTE + 1), "note")])
def test_pseudonymising_needs_a_reason_from_the_list(db: Database, case: Case, admin: Actor,
                                                     reason: str, note: str,
                                                     field: str) -> None:
    before = household_row(db, case.household.ref)
    with pytest.raises(ValidationError) as refused:
        pseudonymise_person(db, admin, "household", case.household.ref, reason, note)
    assert refused.value.field == field
    assert household_row(db, case.household.ref) == before


def test_the_erasure_note_keeps_neither_the_name_nor_numbers(db: Database, case: Case,
                                                            admin: Actor) -> None:
    with db.read() as session:
        head = session.get_one(Household, case.household.id)
        name, id_number, phone = head.head_name, head.head_id_number, head.phone
    note = f"{name.upper()} asked by phone ({phone}), ID {id_number}; other number 0532 111 2233"
    pseudonymise_person(db, admin, "household", case.household.ref, "person_asked", note)
    with db.read() as session:
        erasure = session.scalars(select(Erasure)).one()
        events = session.scalars(select(AuditEvent.reason).where(
            AuditEvent.reason.is_not(None))).all()
    assert erasure.reason_code == "person_asked"
    assert erasure.reason == "*** asked by phone (***), ID ***; other number ***"
    assert events and all(reason == f"the person asked for erasure: {erasure.reason}"
                          for reason in events)


@pytest.mark.parametrize("role", [Role.ENGINEER, Role.SUPERVISOR])
def test_only_an_admin_may_pseudonymise(db: Database, case: Case, gaz: Office,
                                        role: Role) -> None:
    actor = make_actor(db, role, gaz)
    before, trail = household_row(db, case.household.ref), trail_text(db)
    with pytest.raises(PermissionDenied, match="erase or pseudonymise"):
        pseudonymise_person(db, actor, "household", case.household.ref, "retention_ended")
    assert household_row(db, case.household.ref) == before
    assert trail_text(db) == trail


def test_an_open_agreement_prevents_pseudonymising(db: Database, gaz: Office,
                                                   admin: Actor) -> None:
    case = make_case(db, gaz, status=AgreementStatus.ACTIVE)
    before = landlord_row(db, case.landlord.ref)
    with pytest.raises(UserError, match=f"agreement {case.agreement.number}, which is still open"):
        pseudonymise_person(db, admin, "landlord", case.landlord.ref, "retention_ended")
    assert landlord_row(db, case.landlord.ref) == before


def test_unpaid_labour_days_prevent_pseudonymising(db: Database, gaz: Office,
                                                   admin: Actor) -> None:
    case = make_case(db, gaz, paid=False)
    before = household_row(db, case.household.ref)
    with pytest.raises(UserError, match="1 labour days? not yet paid"):  # plural by language
        pseudonymise_person(db, admin, "household", case.household.ref, "retention_ended")
    assert household_row(db, case.household.ref) == before


# --- retention -------------------------------------------------------------------------------


def test_an_old_closed_case_is_due_and_a_recent_one_is_not(db: Database, gaz: Office,
                                                           admin: Actor) -> None:
    old = make_case(db, gaz, started=date(2016, 1, 1), created_at=LONG_AGO)
    make_case(db, gaz, started=date(2024, 1, 1))
    due = due_for_erasure(db, admin, today=date(2026, 6, 1))
    assert due == [
        ErasureCandidate(PersonKind.HOUSEHOLD, old.household.ref, ARABIC_HEAD, date(2016, 12, 31)),
        ErasureCandidate(PersonKind.LANDLORD, old.landlord.ref, LANDLORD, date(2016, 12, 31)),
    ]


def test_retention_runs_from_the_end_of_the_last_agreement(db: Database, gaz: Office,
                                                           admin: Actor) -> None:
    make_case(db, gaz, started=date(2021, 1, 1), created_at=LONG_AGO)  # ends 2022-01-01
    assert due_for_erasure(db, admin, today=date(2026, 12, 31)) == []
    assert len(due_for_erasure(db, admin, today=date(2027, 1, 2))) == 2


def test_an_open_agreement_keeps_an_old_case_off_the_list(db: Database, gaz: Office,
                                                          admin: Actor) -> None:
    make_case(db, gaz, started=date(2016, 1, 1), created_at=LONG_AGO,
              status=AgreementStatus.ACTIVE)
    assert due_for_erasure(db, admin, today=date(2026, 6, 1)) == []


def test_a_pseudonymised_person_is_no_longer_due(db: Database, gaz: Office,
                                                 admin: Actor) -> None:
    old = make_case(db, gaz, started=date(2016, 1, 1), created_at=LONG_AGO)
    pseudonymise_person(db, admin, "household", old.household.ref, "retention_ended")
    due = due_for_erasure(db, admin, today=date(2026, 6, 1))
    assert [(c.kind, c.ref) for c in due] == [(PersonKind.LANDLORD, old.landlord.ref)]


def test_an_offices_own_retention_period_applies(db: Database, gaz: Office,
                                                 admin: Actor) -> None:
    make_case(db, gaz, started=date(2016, 1, 1), created_at=LONG_AGO)
    with db.write() as session:
        session.add(Setting(key="privacy.retention_years", value=20, office_id=gaz.id))
    assert due_for_erasure(db, admin, today=date(2026, 6, 1)) == []


def test_only_an_admin_sees_who_is_due(db: Database, gaz: Office, supervisor: Actor) -> None:
    with pytest.raises(PermissionDenied):
        due_for_erasure(db, supervisor)
