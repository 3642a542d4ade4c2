"""`shelter-app person export|erase|due`, run in-process through cli.main."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import factories
import pytest
from server_dbs import target
from sqlalchemy import select
from cli_runner import run

from shelter_app.cli.main import main
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    Dwelling,
    Household,
    Landlord,
    LeaseAgreement,
)
from shelter_app.domain.stages import AgreementStatus

HEAD = "محمد الأحمد"
LANDLORD = "Hüseyin Güneş"




@pytest.fixture
def old_case(db: Database) -> Dwelling:
    """A case closed in 2017: registered 2015, agreement ended, long past five years."""
    dwelling = factories.dwelling(db, factories.office(db), head_name=HEAD,
                                  landlord_name=LANDLORD)
    long_ago = datetime(2015, 3, 1, tzinfo=UTC)
    with db.write() as session:
        household = session.get_one(Household, dwelling.household_id)
        landlord = session.get_one(Landlord, dwelling.landlord_id)
        household.created_at = household.consent_at = landlord.created_at = long_ago
        session.add(LeaseAgreement(
            number="GAZ-A-000001", office_id=household.office_id, dwelling_id=dwelling.id,
            landlord_id=dwelling.landlord_id, household_id=household.id,
            status=AgreementStatus.ENDED, term_months=12, start_date=date(2016, 1, 1),
            end_date=date(2017, 1, 1), monthly_rent=Decimal("3000.00")))
    return dwelling


def household_ref(db: Database, dwelling: Dwelling) -> str:
    with db.read() as session:
        return session.get_one(Household, dwelling.household_id).ref


def test_export_writes_the_person_to_a_json_file(db: Database, old_case: Dwelling,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    ref = household_ref(db, old_case)
    out = tmp_path / "export.json"
    code, stdout, err = run(capsys, "person", "export", "household", ref, "--out", str(out),
                            "--db", target(db))
    assert (code, err) == (0, "")
    assert stdout == f"Wrote household {ref} to {out}; linked records: 2, audit events: 4.\n"
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["head_name"] == HEAD
    assert [a["number"] for a in data["linked"]["lease_agreements"]] == ["GAZ-A-000001"]
    with db.read() as session:
        assert session.scalar(select(AuditEvent.entity).where(AuditEvent.action == "export")) \
            == "households"


def test_erase_pseudonymises_and_the_person_leaves_the_due_list(
    db: Database, old_case: Dwelling, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = household_ref(db, old_case)
    code, stdout, err = run(capsys, "person", "due", "--db", target(db))
    assert (code, err) == (0, "")
    assert [line.split()[:3] for line in stdout.splitlines()] == [
        ["household", ref, "2017-01-01"], ["landlord", ref.replace("-H-", "-L-"), "2017-01-01"]]
    assert HEAD in stdout

    code, stdout, err = run(capsys, "person", "erase", "household", ref, "--reason",
                            "retention_ended", "--db", target(db))
    assert (code, err) == (0, "")
    assert stdout.startswith(f'Pseudonymised household {ref} as "Pseudonymised {ref}"; people: 1, '
                             "dwellings reindexed: 1,")
    with db.read() as session:
        assert session.get_one(Household, old_case.household_id).head_name == \
            f"Pseudonymised {ref}"

    code, stdout, _ = run(capsys, "person", "due", "--db", target(db))
    assert code == 0 and ref not in stdout and LANDLORD in stdout


def test_due_with_no_one_due(db: Database,
                             capsys: pytest.CaptureFixture[str]) -> None:
    factories.dwelling(db, factories.office(db))
    code, stdout, _ = run(capsys, "person", "due", "--db", target(db))
    assert (code, stdout) == (0, "No one is due for erasure.\n")


def test_erase_with_a_blank_reason_is_a_one_line_user_error(
    db: Database, old_case: Dwelling, capsys: pytest.CaptureFixture[str]
) -> None:
    ref = household_ref(db, old_case)
    code, stdout, err = run(capsys, "person", "erase", "household", ref, "--reason", " ",
                            "--db", target(db))
    assert (code, stdout) == (2, "")
    assert err.startswith("shelter-app: Choose the reason") and "person_asked" in err
    assert err.count("\n") == 1
    with db.read() as session:
        assert session.get_one(Household, old_case.household_id).head_name == HEAD


def test_erase_without_a_reason_is_refused_by_the_parser(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        main(["person", "erase", "household", "GAZ-H-000001", "--db", target(db)])
    assert refused.value.code == 2
    assert "--reason" in capsys.readouterr().err


def test_an_unknown_reference_is_a_one_line_user_error(
    db: Database, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "x.json"
    code, _, err = run(capsys, "person", "export", "landlord", "GAZ-L-424242", "--out", str(out),
                       "--db", target(db))
    assert code == 2
    assert err == "shelter-app: No landlord GAZ-L-424242 exists; check the reference.\n"
    assert not out.exists()


def test_the_parser_names_every_erasure_reason() -> None:
    from shelter_app.cli.people import ERASURE_REASONS
    from shelter_app.services.privacy.erasure import ErasureReason

    assert ERASURE_REASONS == [reason.value for reason in ErasureReason]
