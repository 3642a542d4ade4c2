"""The price catalogue: the shipped version, search, versions, withdrawal and XLSX in and out."""

from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from shelter_app.data.models import PriceCatalogue, PriceItem
from shelter_app.domain.errors import PermissionDenied, UserError, ValidationError
from shelter_app.services.boq import catalogue as service

D = Decimal


def seeded(db):
    with db.write() as session:
        return service.seed_catalogue(session)


def test_the_shipped_catalogue_is_seeded_once_with_three_languages(db):
    first = seeded(db)
    assert seeded(db) == first
    items = service.catalogue_items(db, first)
    assert len(items) == len(service.reference_catalogue()["items"]) >= 20
    codes = {i.code for i in items}
    assert {"YAL-EPS-05", "YAL-XPS-08", "YAL-TY-05", "SIV-TAMIR", "BOY-IC", "PEN-PVC-M2",
            "PEN-SOKUM", "KAP-CELIK", "KAP-IC", "CAT-AKINTI", "GEN-MOLOZ-M3"} <= codes
    eps = next(i for i in items if i.code == "YAL-EPS-05")
    assert "ısı yalıtımı" in eps.description_tr and "عزل" in eps.description_ar
    assert eps.unit == "m²" and eps.kdv_rate == D("20") and eps.unit_price > 0
    assert all(i.unit_price == i.unit_price.quantize(D("0.01")) for i in items)
    with db.read() as session:
        assert session.scalar(select(PriceCatalogue.published)) is True


@pytest.mark.parametrize("text, code", [("eps 8", "YAL-EPS-08"), ("TASYUNU 8", "YAL-TY-08"),
                                        ("çelik", "KAP-CELIK"), ("celik", "KAP-CELIK"),
                                        ("steel door", "KAP-CELIK"), ("نافذة PVC", "PEN-PVC-M2")])
def test_items_are_found_by_code_or_words_in_any_language(db, text, code):
    items = service.catalogue_items(db, seeded(db))
    assert code in [match.item.code for match in service.rank_items(items, text, "tr")]


@pytest.mark.parametrize("language, rank", [("tr", 1), ("en", 2), ("ar", 2)])
def test_words_of_the_users_language_rank_first(db, language, rank):
    """'boya ic' means interior paint: exterior paint only holds 'ic' inside 'silicone'."""
    items = service.catalogue_items(db, seeded(db))
    matches = service.rank_items(items, "boya ic", language)
    assert [m.item.code for m in matches[:2]] == ["BOY-IC", "BOY-DIS"]
    assert matches[0].language == "tr" and matches[0].rank[0] == rank
    assert service.clear_first(matches)


def test_code_first_then_the_users_language_then_the_others(db):
    items = service.catalogue_items(db, seeded(db))
    by_code = service.rank_items(items, "eps 8", "en")
    assert by_code[0].item.code == "YAL-EPS-08" and by_code[0].language is None
    door = service.rank_items(items, "steel door", "tr")[0]
    assert (door.item.code, door.language) == ("KAP-CELIK", "en")
    several = service.rank_items(items, "boya", "tr")  # three paints, none better
    assert len(several) == 3 and not service.clear_first(several)


def test_only_administrators_edit_the_catalogue(demo_db, engineer, admin):
    with demo_db.read() as session:
        current = service.current_catalogue_id(session)
    with pytest.raises(PermissionDenied):
        service.new_version(demo_db, engineer, "2026-07", date(2026, 7, 1), current)
    draft = service.new_version(demo_db, admin, "2026-07", date(2026, 7, 1), current)
    assert not draft.published and draft.items == len(service.catalogue_items(demo_db, current))


def test_a_published_version_is_frozen_and_a_draft_is_edited(demo_db, admin):
    with demo_db.read() as session:
        current = service.current_catalogue_id(session)
    published = service.catalogue_items(demo_db, current)[0]
    with pytest.raises(UserError, match="published"):
        service.set_unit_price(demo_db, admin, published.id, "1.500,00")
    draft = service.new_version(demo_db, admin, "2026-07", date(2026, 7, 1), current)
    item = service.catalogue_items(demo_db, draft.id)[0]
    assert service.set_unit_price(demo_db, admin, item.id, "1.500,50").unit_price == D("1500.50")
    with pytest.raises(ValidationError) as refused:
        service.set_unit_price(demo_db, admin, item.id, "-3")
    assert refused.value.field == "unit_price"
    with pytest.raises(ValidationError, match="exists"):
        service.new_version(demo_db, admin, "2026-07", date(2026, 8, 1))
    service.publish(demo_db, admin, draft.id)
    with demo_db.read() as session:
        assert service.current_catalogue_id(session, date(2026, 7, 2)) == draft.id
        assert service.current_catalogue_id(session, date(2026, 6, 30)) == current
    assert service.catalogue_items(demo_db, current)[0].unit_price == published.unit_price


def test_withdrawing_an_item_is_allowed_on_a_published_version(demo_db, admin):
    with demo_db.read() as session:
        current = service.current_catalogue_id(session)
    item = service.catalogue_items(demo_db, current)[0]
    assert service.set_withdrawn(demo_db, admin, item.id, True).withdrawn


def test_xlsx_export_writes_numbers_and_text_safely_and_imports_back(demo_db, admin, tmp_path):
    with demo_db.write(admin) as session:
        current = service.current_catalogue_id(session)
        session.execute(PriceItem.__table__.update().where(PriceItem.code == "GEN-PRIZ")
                        .values(description_en='=HYPERLINK("http://x","click")'))
    path = tmp_path / "katalog.xlsx"
    assert service.export_xlsx(demo_db, current, path) == len(
        service.catalogue_items(demo_db, current))
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert header == list(service.XLSX_HEADERS)
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    price = rows["YAL-EPS-05"][6]
    assert price.data_type == "n" and isinstance(price.value, int | float)
    assert price.number_format == "#,##0.00"
    injected = rows["GEN-PRIZ"][3]
    assert injected.data_type == "s" and injected.value.startswith("=HYPERLINK")
    assert "ı" in rows["YAL-EPS-05"][2].value and "عزل" in rows["YAL-EPS-05"][4].value
    imported = service.import_xlsx(demo_db, admin, path, "2027-01", date(2027, 1, 1))
    again = {i.code: i for i in service.catalogue_items(demo_db, imported.id)}
    before = {i.code: i for i in service.catalogue_items(demo_db, current)}
    assert set(again) == set(before)
    assert again["YAL-EPS-05"].unit_price == before["YAL-EPS-05"].unit_price
    assert again["GEN-PRIZ"].description_en.startswith("=HYPERLINK")


def _sheet(path, rows):
    workbook = Workbook()
    workbook.active.append(list(service.XLSX_HEADERS))
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)


@pytest.mark.parametrize("row, words", [
    (["X-1", "insulation", "tr", "en", "ar", "m²", -5, 20, ""], "more than zero"),
    (["X-1", "kitchen", "tr", "en", "ar", "m²", 5, 20, ""], "category 'kitchen'"),
    (["X-1", "roof", "", "en", "ar", "m²", 5, 20, ""], "description_tr is empty"),
    (["X-1", "roof", "tr", "en", "ar", "m²", "beş", 20, ""], "not a number"),
    (["X-1", "roof", "tr", "en", "ar", "m²", 5.555, 20, ""], "two decimals"),
    (["X-1", "roof", "tr", "en", "ar", "m²", 5, 120, ""], "not a percentage"),
])
def test_a_bad_row_refuses_the_whole_import_naming_its_row(demo_db, admin, tmp_path, row,
                                                           words):
    path = tmp_path / "bad.xlsx"
    _sheet(path, [["OK-1", "roof", "tr", "en", "ar", "m²", 10, 20, ""], row])
    with demo_db.read() as session:
        before = session.scalar(select(func.count()).select_from(PriceCatalogue))
    with pytest.raises(UserError) as refused:
        service.import_xlsx(demo_db, admin, path, "bad", date(2027, 1, 1))
    assert "Row 3" in refused.value.message and words in refused.value.message
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(PriceCatalogue)) == before


def test_a_file_that_is_not_a_spreadsheet_is_refused(demo_db, admin, tmp_path):
    path = tmp_path / "not.xlsx"
    path.write_text("hello")
    with pytest.raises(UserError, match="Cannot read"):
        service.import_xlsx(demo_db, admin, path, "x", date(2027, 1, 1))
