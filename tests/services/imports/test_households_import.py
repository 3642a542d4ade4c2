"""Importing households: the form's rules per row, duplicates never stored twice, one
transaction, counts that add up."""

from pathlib import Path

import openpyxl
import pytest
from import_files import household_line, kobo_households, tckn, turkish_csv
from sqlalchemy import func, select

from shelter_app.data.models import AuditEvent, ExternalKey, Household
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.mapping import auto_mapping
from shelter_app.services.imports.runner import Options, run_import
from shelter_app.services.imports.sources import Cancelled
from shelter_app.services.imports.opening import read_source


def _options(source, **changes) -> Options:
    return Options("households", auto_mapping(kind_named("households"), source.main.headers),
                   **changes)


def _households(db) -> list[Household]:
    with db.read() as session:
        return list(session.scalars(select(Household).where(
            Household.ref.like("GAZ-H-9%") | Household.head_name.like("%Şahin%")
            | Household.head_name.like("Ayşe%") | Household.head_name.like("İbrahim%"))))


def test_a_turkish_excel_csv_imports_with_every_value_as_typed(demo_db, engineer, tmp_path):
    path = turkish_csv(tmp_path / "hane.csv", [
        household_line(1, "İbrahim Çağlar Öztürk"),
        household_line(2, "Ayşe Ğülşen", vulnerabilities="Kronik hastalık, yaşlı"),
    ])
    source = read_source(path)
    options = _options(source)
    assert options.mapping["consent_on"] == "Rıza Tarihi"
    result = run_import(demo_db, engineer, source, options)
    assert result.committed and result.counts["new"] == 2, result.outcomes
    by_name = {h.head_name: h for h in _households(demo_db)}
    first = by_name["İbrahim Çağlar Öztürk"]
    assert first.head_id_number == tckn(1)
    assert first.members["female_18_59"] == 1 and first.members["female_0_17"] == 2
    assert first.phone == "+905321234567"
    assert first.consent_at.date().isoformat() == "2026-11-03"
    assert by_name["Ayşe Ğülşen"].vulnerabilities == ["chronic_illness", "older_person"]
    assert result.outcomes[0].ref.startswith("GAZ-H-")
    with demo_db.read() as session:  # the bulk insert is audited like a form's save
        events = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity_id == first.id, AuditEvent.action == "create"))
    assert events == 1


def test_importing_the_same_file_twice_changes_nothing(demo_db, engineer, tmp_path):
    source = read_source(turkish_csv(tmp_path / "hane.csv", [household_line(3),
                                                             household_line(4)]))
    assert run_import(demo_db, engineer, source, _options(source)).counts["new"] == 2
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(AuditEvent))
    again = run_import(demo_db, engineer, source, _options(source))
    assert again.counts["new"] == 0 and again.counts["skipped"] == 2
    assert "already registered as GAZ-H-" in again.outcomes[0].message
    updated = run_import(demo_db, engineer, source, _options(source, update_duplicates=True))
    assert updated.counts["unchanged"] == 2
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_update_changes_only_what_differs(demo_db, engineer, tmp_path):
    first = read_source(turkish_csv(tmp_path / "a.csv", [household_line(5)]))
    run_import(demo_db, engineer, first, _options(first))
    source = read_source(turkish_csv(tmp_path / "b.csv", [household_line(5, "Ayşe Kaya")]))
    result = run_import(demo_db, engineer, source, _options(source, update_duplicates=True))
    assert result.counts["updated"] == 1
    assert [h.head_name for h in _households(demo_db) if h.head_id_number == tckn(5)] == \
        ["Ayşe Kaya"]


def test_bad_rows_are_rejected_with_the_column_and_the_rest_imported(demo_db, engineer,
                                                                     tmp_path):
    source = read_source(turkish_csv(tmp_path / "hane.csv", [
        household_line(6),
        household_line(7, id="1234"),
        household_line(8, consent="31.02.2026"),
        household_line(6, "Aynı Kişi"),
        household_line(9, status="turist"),
    ]))
    result = run_import(demo_db, engineer, source, _options(source))
    assert result.counts == {"new": 1, "updated": 0, "unchanged": 0, "skipped": 0,
                             "rejected": 4}
    messages = {outcome.number: outcome.message for outcome in result.outcomes}
    assert messages[3].startswith("TC Kimlik No: ID number must have 11 digits")
    assert "Rıza Tarihi" in messages[4] and "31.02.2026" in messages[4]
    assert "as row 2" in messages[5]
    assert "turist" in messages[6] and "temporary_protection" in messages[6]


def test_all_or_nothing_saves_nothing_when_a_row_is_rejected(demo_db, engineer, tmp_path):
    source = read_source(turkish_csv(tmp_path / "hane.csv", [household_line(10),
                                                             household_line(11, id="x")]))
    before = len(_households(demo_db))
    result = run_import(demo_db, engineer, source, _options(source, all_or_nothing=True))
    assert not result.committed and "all or nothing" in result.note
    assert len(_households(demo_db)) == before


def test_dry_run_and_cancel_leave_the_database_as_it_was(demo_db, engineer, tmp_path):
    source = read_source(turkish_csv(tmp_path / "hane.csv",
                                     [household_line(n) for n in range(20, 320)]))
    before = len(_households(demo_db))
    preview = run_import(demo_db, engineer, source, _options(source), dry_run=True)
    assert preview.counts["new"] == 300 and not preview.committed
    calls = []
    with pytest.raises(Cancelled):
        run_import(demo_db, engineer, source, _options(source),
                   progress=lambda done, total: calls.append(done),
                   cancelled=lambda: len(calls) > 1)
    assert len(_households(demo_db)) == before


def test_a_kobo_export_counts_the_members_repeat_group(demo_db, engineer, tmp_path):
    path = kobo_households(tmp_path / "kobo.xlsx", {
        1: [("female", 34), ("male", 36), ("female", 8), ("male", 67)],
        2: [("female", 61)],
    })
    source = read_source(path)
    assert source.is_kobo
    result = run_import(demo_db, engineer, source, _options(source))
    assert result.counts["new"] == 2, result.outcomes
    first = next(h for h in _households(demo_db) if h.head_name == "Fatma Şahin 1")
    assert first.members == {"female_0_17": 1, "male_0_17": 0, "female_18_59": 1,
                             "male_18_59": 1, "female_60_plus": 0, "male_60_plus": 1}
    assert first.vulnerabilities == ["chronic_illness", "older_person"]
    with demo_db.read() as session:
        keys = set(session.scalars(select(ExternalKey.key)))
    assert "5b0c1d2e-0000-4000-8000-000000000001" in keys
    again = run_import(demo_db, engineer, read_source(path), _options(source))
    assert again.counts["skipped"] == 2


def test_kobo_indexes_written_as_decimals_still_join_the_repeat_group(demo_db, engineer,
                                                                    tmp_path):
    """A Kobo export re-saved by a spreadsheet or pandas writes `_index` as "1.0"."""
    path = kobo_households(tmp_path / "kobo.xlsx", {1: [("female", 34), ("male", 8)]})
    book = openpyxl.load_workbook(path)
    main, members = book.worksheets
    main.cell(2, main.max_column).value = "1.0"
    members.cell(2, 4).value = members.cell(3, 4).value = "1.0"
    book.save(path)
    source = read_source(path)
    result = run_import(demo_db, engineer, source, _options(source))
    assert result.counts["new"] == 1, result.outcomes
    head = next(h for h in _households(demo_db) if h.head_name == "Fatma Şahin 1")
    assert (head.members["female_18_59"], head.members["male_0_17"]) == (1, 1)


def test_an_administrator_may_not_import_cases(demo_db, admin, tmp_path: Path):
    from shelter_app.domain.errors import PermissionDenied

    source = read_source(turkish_csv(tmp_path / "hane.csv", [household_line(30)]))
    with pytest.raises(PermissionDenied):
        run_import(demo_db, admin, source, _options(source))


def test_a_head_whose_id_is_a_landlords_needs_a_supervisor_as_in_the_form(
        demo_db, engineer, supervisor, tmp_path):
    from shelter_app.data.models import AuditEvent, Household, Landlord
    from shelter_app.domain.errors import PermissionDenied
    from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation

    with demo_db.read() as session:
        number, ref = session.execute(select(Landlord.id_number, Landlord.ref).where(
            Landlord.id_number.is_not(None), Landlord.ref.startswith("GAZ"))).first()
    source = read_source(turkish_csv(tmp_path / "hane.csv", [household_line(0, id=number),
                                                             household_line(1)]))
    # accepting warnings is not enough: the row is refused, with the reason, the other imported
    refused = run_import(demo_db, engineer, source, _options(source, accept_warnings=True),
                         dry_run=True)
    assert [o.status for o in refused.outcomes] == ["rejected", "new"]
    assert refused.outcomes[0].message.startswith(
        f"Needs a supervisor: This ID number is already registered as {ref}.")
    with pytest.raises(PermissionDenied):  # an engineer cannot confirm
        run_import(demo_db, engineer, source, _options(
            source, supervisor=SupervisorConfirmation(engineer, "trust me")))
    confirmation = SupervisorConfirmation(supervisor, "the landlord rents a flat himself")
    accepted = run_import(demo_db, engineer, source, _options(source, supervisor=confirmation))
    assert accepted.counts["new"] == 2
    assert accepted.outcomes[0].message.startswith(
        f"confirmed by supervisor supervisor.gaz: This ID number is already registered as {ref}")
    with demo_db.read() as session:
        event = session.scalar(select(AuditEvent).join(
            Household, Household.id == AuditEvent.entity_id).where(
            Household.head_id_number == number, AuditEvent.action == "create"))
    assert event.user_id == engineer.user_id
    assert event.reason == ("import of hane.csv; Same ID as another record, confirmed by "
                            "supervisor supervisor.gaz: the landlord rents a flat himself")
    again = run_import(demo_db, engineer, source, _options(source))  # the same person now
    assert again.counts["skipped"] == 2 and again.counts["rejected"] == 0
