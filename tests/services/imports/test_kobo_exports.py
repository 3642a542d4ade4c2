"""Real KoboToolbox and ODK Central exports import without editing (issue #19): the export
library's layouts (tests/kobo_exports.py), matched by name, their choice names and Turkish
labels mapped to the app's values, the scale's direction said, rooms with their photos."""

import pytest
from import_runs import table_counts
from kobo_exports import BAD_ID, central_zip, kobo_attachments, kobo_csv, kobo_xlsx
from sqlalchemy import func, select

from shelter_app.data.models import Assessment, Dwelling, Household, Photo
from shelter_app.services.imports.choices import (
    BEST_FIRST,
    WORST_FIRST,
    suggested_values,
    with_direction,
)
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.mapping import (
    auto_matches,
    load_mapping,
    load_values,
    missing_fields,
    save_mapping,
)
from shelter_app.services.imports.runner import MISSING, Options, Status, run_import
from shelter_app.services.imports.opening import read_source

ARABIC = "عبد الرحمن الحلبي"
NOTES = "Çatı akıyor; pencere kırık.\nİkinci satır: ev sahibi onayladı."


def _run(db, actor, source, kind_name, attachments=None, direction=None, dry_run=False,
         **changes):
    kind = kind_named(kind_name)
    mapping = {key: m.header for key, m in auto_matches(kind, source.main.headers).items()}
    assert missing_fields(kind, mapping) == []
    values = suggested_values(kind, source.main, mapping)
    if direction:
        values = with_direction(kind, source.main, mapping, values, direction)
    options = Options(kind_name, mapping, values=values,
                      attachments=attachments or source.attachments, **changes)
    return run_import(db, actor, source, options, dry_run=dry_run)


def _rejected(result):
    return {o.number: o.message for o in result.outcomes if o.status is Status.REJECTED}


def _import_both(db, actor, source, attachments=None, direction=WORST_FIRST):
    cases = _run(db, actor, source, "cases")
    assessments = _run(db, actor, source, "assessments", attachments, direction)
    return cases, assessments


def _rows(db) -> tuple[int, int]:
    """Assessments and photos: with table_counts, every table an import writes."""
    with db.read() as session:
        return (session.scalar(select(func.count()).select_from(Assessment)),
                session.scalar(select(func.count()).select_from(Photo)))


def _check_imported(db, cases, assessments, *, rooms=True):
    assert cases.counts["new"] == 3 and assessments.counts["new"] == 3, (
        _rejected(cases), _rejected(assessments))
    # exactly the invalid submission, with its row, column and reason
    [(row, message)] = _rejected(cases).items()
    assert row == 4 and "id_number" in message.split(":")[0].lower() or "Kimlik" in message
    assert BAD_ID in message or "check" in message.lower() or "kontrol" in message.lower()
    assert list(_rejected(assessments)) == [4]
    with db.read() as session:
        head = session.scalar(select(Household).where(Household.head_name == ARABIC))
        assert head is not None  # byte-exact
        assert head.nationality == "Suriye" and head.protection_status == "temporary_protection"
        assert head.vulnerabilities == ["disability", "older_person"]
        assert head.members == {"unspecified": 6}
        dwelling = session.scalar(select(Dwelling).where(Dwelling.household_id == head.id))
        assert dwelling.province == "Şanlıurfa"
        assessment = session.scalar(select(Assessment).where(
            Assessment.dwelling_id == dwelling.id))
        conditions = assessment.conditions
        assert conditions["roof"]["score"] == 4 and conditions["windows"]["score"] == 1
        assert assessment.notes == NOTES
        citizen = session.scalar(select(Household).where(
            Household.head_name == "Gülşen Çağlar Işık"))
        assert citizen.protection_status == "host_community"
        if rooms:
            names = [room["name"] for room in assessment.measurements["rooms"]]
            assert names == ["Yatak odası", "Yatak odası (2)", "Salon"]
            photos = session.scalars(select(Photo).where(Photo.dwelling_id == dwelling.id)
                                     .order_by(Photo.caption)).all()
            assert [p.caption for p in photos] == ["Salon", "Yatak odası", "Yatak odası"]
            assert all(p.assessment_id == assessment.id for p in photos)
            assert all((p.width, p.height) == (400, 300) for p in photos)  # upright


def test_kobo_xlsx_with_xml_names_imports_as_cases_with_assessments_rooms_and_photos(
        demo_db, engineer, tmp_path):
    source = read_source(kobo_xlsx(tmp_path / "kobo.xlsx"))
    folder = kobo_attachments(tmp_path / "attachments")
    cases, assessments = _import_both(demo_db, engineer, source, folder)
    _check_imported(demo_db, cases, assessments)
    assert [(n.row, n.name, n.status) for n in assessments.photos] == [
        (2, "oda 1.jpg", "imported"), (2, "oda2.jpg", "imported"),
        (2, "salon.jpg", "imported"), (5, "oda3.jpg", MISSING)]
    assert assessments.photos_imported == 3 and assessments.photos_missing == 1
    before = table_counts(demo_db), _rows(demo_db)
    again_cases, again = _import_both(demo_db, engineer, source, folder)
    assert again_cases.counts["new"] == again.counts["new"] == 0
    assert {n.status for n in again.photos} == {"duplicate", MISSING}
    assert (table_counts(demo_db), _rows(demo_db)) == before  # re-import adds nothing


def test_kobo_xlsx_with_turkish_labels_needs_no_direction(demo_db, engineer, tmp_path):
    """Labels say the scale's direction ("Çok kötü", "İyi"), and "T.C. vatandaşı" is known."""
    source = read_source(kobo_xlsx(tmp_path / "kobo-tr.xlsx", labels=True))
    folder = kobo_attachments(tmp_path / "attachments")
    _check_imported(demo_db, *_import_both(demo_db, engineer, source, folder, direction=None))


def test_odk_central_csv_zip_imports_as_the_kobo_export_does(demo_db, engineer, tmp_path):
    source = read_source(central_zip(tmp_path / "central.zip"))
    assert source.format == "odk" and [s.name for s in source.sheets] == [
        "konut_degerlendirme", "konut_degerlendirme-rooms"]
    cases, assessments = _import_both(demo_db, engineer, source)
    _check_imported(demo_db, cases, assessments)
    assert assessments.photos_imported == 3


def test_kobo_semicolon_csv_keeps_line_breaks_and_excel_row_numbers(demo_db, engineer,
                                                                    tmp_path):
    source = read_source(kobo_csv(tmp_path / "kobo.csv"))
    assert [row.number for row in source.main.rows] == [2, 3, 4, 5]
    _check_imported(demo_db, *_import_both(demo_db, engineer, source), rooms=False)


def test_numbers_on_a_scale_are_refused_without_a_direction(demo_db, engineer, tmp_path):
    source = read_source(kobo_xlsx(tmp_path / "kobo.xlsx"))
    _run(demo_db, engineer, source, "cases")
    result = _run(demo_db, engineer, source, "assessments")
    assert result.counts["new"] == 0
    assert all("condition/roof" in message and "direction" in message
               for row, message in _rejected(result).items() if row != 4)
    best = _run(demo_db, engineer, source, "assessments", direction=BEST_FIRST, dry_run=True)
    assert best.counts["new"] == 3  # said either way, it imports as said


def test_metadata_is_never_an_answer_and_each_match_says_why(tmp_path):
    source = read_source(kobo_xlsx(tmp_path / "kobo.xlsx"))
    matches = auto_matches(kind_named("cases"), source.main.headers)
    assert matches["protection_status"].header == "household/legal_status"
    assert all(not m.header.startswith("_") or "gps" in m.header for m in matches.values())
    assert "legal_status" in matches["protection_status"].reason
    notes = auto_matches(kind_named("assessments"), source.main.headers)["notes"]
    assert notes.header == "notes"


def test_the_value_mapping_is_saved_with_the_columns_and_reused(tmp_path):
    source = read_source(kobo_xlsx(tmp_path / "kobo.xlsx"))
    kind = kind_named("cases")
    mapping = {key: m.header for key, m in auto_matches(kind, source.main.headers).items()}
    values = suggested_values(kind, source.main, mapping)
    assert values["protection_status"] == {"temporary_protection": "temporary_protection",
                                           "citizen": "host_community",
                                           "residence_permit": "other"}
    values["protection_status"]["residence_permit"] = "international_protection"
    path = tmp_path / "mapping.json"
    save_mapping(path, kind, mapping, values)
    assert load_mapping(path, kind, source.main.headers) == mapping
    saved = load_values(path, kind)
    again = suggested_values(kind, source.main, mapping, saved)
    assert again["protection_status"]["residence_permit"] == "international_protection"
    assert again["province"] == {"sanliurfa": "Şanlıurfa", "gaziantep": "Gaziantep"}


@pytest.mark.parametrize(("size", "accepted"), [("1", True), ("30", True), ("31", False),
                                                 ("0", False)])
def test_a_household_size_alone_is_checked(demo_db, engineer, tmp_path, size, accepted):
    from import_files import tckn
    from import_runs import run, table_csv
    path = table_csv(tmp_path / "hane.csv", [
        ["Adı Soyadı", "TC Kimlik No", "Uyruk", "Koruma Statüsü", "Rıza Tarihi",
         "Hane büyüklüğü"],
        ["Ayşe Yılmaz", tckn(77), "Suriye", "Geçici koruma", "03.11.2026", size]])
    result = run(demo_db, engineer, path, "households")
    outcome = result.outcomes[0]
    assert (outcome.status is Status.NEW) == accepted, outcome.message
    if accepted:
        assert "size" in outcome.message.lower() or "büyüklüğü" in outcome.message
    else:
        assert "Hane büyüklüğü" in outcome.message and "30" in outcome.message


def test_the_report_lists_every_photo_and_the_refused_row(demo_db, engineer, tmp_path):
    from openpyxl import load_workbook

    from shelter_app.services.imports.report import write_report

    source = read_source(kobo_xlsx(tmp_path / "kobo.xlsx"))
    _run(demo_db, engineer, source, "cases")
    result = _run(demo_db, engineer, source, "assessments",
                  kobo_attachments(tmp_path / "attachments"), WORST_FIRST)
    report = tmp_path / "report.xlsx"
    write_report(report, source, result)
    book = load_workbook(report)
    photos = [row for row in book.worksheets[-1].iter_rows(values_only=True)][1:]
    assert [(row[0], row[1]) for row in photos] == [
        (2, "oda 1.jpg"), (2, "oda2.jpg"), (2, "salon.jpg"), (5, "oda3.jpg")]
    assert "attachments" in photos[-1][2]
