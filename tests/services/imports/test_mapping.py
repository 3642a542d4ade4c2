"""Columns matched to fields by name (Turkish, English, Kobo), and mapping files."""

import json
from types import SimpleNamespace

import pytest
from import_files import HOUSEHOLD_HEADER

from shelter_app.domain.errors import UserError
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.kinds.base import Field
from shelter_app.services.imports.mapping import (
    auto_mapping,
    load_mapping,
    missing_fields,
    save_mapping,
    shared_columns,
)

HOUSEHOLDS = kind_named("households")
TURKISH = HOUSEHOLD_HEADER.split(";")


def test_turkish_excel_headers_fill_every_field_they_name():
    mapping = auto_mapping(HOUSEHOLDS, TURKISH)
    assert mapping == {
        "head_name": "Adı Soyadı", "id_number": "TC Kimlik No", "nationality": "Uyruk",
        "protection_status": "Koruma Statüsü", "consent_on": "Rıza Tarihi", "phone": "Telefon",
        "members.female_18_59": "Kadın 18-59", "members.male_18_59": "Erkek 18-59",
        "members.female_0_17": "Kız 0-17", "vulnerabilities": "Kırılganlıklar"}
    assert missing_fields(HOUSEHOLDS, mapping) == []


@pytest.mark.parametrize("header", ["ADI SOYADI", "adı soyadı", "Adı  Soyadı", "ADI_SOYADI",
                                    "Adi Soyadi", "Adı / Soyadı", " Adı-Soyadı "])
def test_headers_are_compared_folded(header):
    assert auto_mapping(HOUSEHOLDS, [header, "TC KİMLİK NO"]) == {
        "head_name": header, "id_number": "TC KİMLİK NO"}


def test_english_headers():
    headers = ["Full name", "ID number", "Nationality", "Protection status", "Consent date",
               "Phone number", "Women 18-59", "Men 18-59", "Girls 0-17", "Boys 0-17",
               "Women 60+", "Men 60+", "Vulnerabilities", "Comments"]
    mapping = auto_mapping(HOUSEHOLDS, headers)
    assert mapping == {
        "head_name": "Full name", "id_number": "ID number", "nationality": "Nationality",
        "protection_status": "Protection status", "consent_on": "Consent date",
        "phone": "Phone number", "members.female_18_59": "Women 18-59",
        "members.male_18_59": "Men 18-59", "members.female_0_17": "Girls 0-17",
        "members.male_0_17": "Boys 0-17", "members.female_60_plus": "Women 60+",
        "members.male_60_plus": "Men 60+", "vulnerabilities": "Vulnerabilities"}


def test_kobo_group_question_headers_match_by_their_question_name():
    headers = ["start", "household/head_name", "household/id_number", "household/nationality",
               "household/protection_status", "consent/consent_date", "household/phone",
               "_id", "_uuid", "_submission_time", "_index"]
    mapping = auto_mapping(HOUSEHOLDS, headers)
    assert mapping["head_name"] == "household/head_name"
    assert mapping["consent_on"] == "consent/consent_date"
    assert mapping["phone"] == "household/phone"
    assert set(mapping.values()) <= set(headers) - {"start", "_id", "_uuid", "_index"}


def test_a_whole_header_wins_over_a_kobo_question_name():
    mapping = auto_mapping(HOUSEHOLDS, ["contact/phone", "Telefon", "Adı Soyadı"])
    assert mapping["phone"] == "Telefon"


def test_a_header_fills_one_field_only():
    kind = SimpleNamespace(fields=(Field("first", lambda: "First", ("ad soyad",)),
                                   Field("second", lambda: "Second", ("ad soyad",))))
    assert auto_mapping(kind, ["Ad Soyad", "Not"]) == {"first": "Ad Soyad"}
    # the same name twice: the first column is used, the other stays free
    assert auto_mapping(HOUSEHOLDS, ["Telefon", "TELEFON"]) == {"phone": "Telefon"}


def test_a_mapping_file_round_trips(tmp_path):
    headers = ["Hane Reisi", "Kimlik No", "Ülke", "Statü", "Onam Tarihi", "GSM", "Not"]
    mapping = {"head_name": "Hane Reisi", "id_number": "Kimlik No", "nationality": "Ülke",
               "protection_status": "Statü", "consent_on": "Onam Tarihi", "phone": "GSM"}
    path = tmp_path / "eşleştirme.json"
    save_mapping(path, HOUSEHOLDS, mapping)
    text = path.read_text(encoding="utf-8")
    assert "Ülke" in text and "Onam Tarihi" in text  # readable, not \u escapes
    assert json.loads(text)["kind"] == "households"
    assert load_mapping(path, HOUSEHOLDS, headers) == mapping


def test_a_mapping_saved_from_the_csv_fits_the_xlsx_of_the_same_form(tmp_path):
    path = tmp_path / "m.json"
    save_mapping(path, HOUSEHOLDS, {"head_name": "Adı\r\nSoyadı", "phone": "Cep  Telefonu"})
    assert load_mapping(path, HOUSEHOLDS, ["ADI\nSOYADI", "Cep Telefonu", "Not"]) == {
        "head_name": "ADI\nSOYADI", "phone": "Cep Telefonu"}


def test_fields_a_newer_version_saved_are_left_out(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"format": "shelter-app import mapping", "kind": "households",
                                "columns": {"phone": "Telefon", "shoe_size": "Numara"}}),
                    encoding="utf-8")
    assert load_mapping(path, HOUSEHOLDS, ["Telefon", "Ad"]) == {"phone": "Telefon"}


@pytest.mark.parametrize("content", [
    "not json at all", "[1, 2]", '{"columns": {}}', "",
    json.dumps({"format": "shelter-app import mapping", "kind": "households",
                "columns": ["Telefon"]})])
def test_a_file_that_is_not_a_mapping_is_refused(tmp_path, content):
    path = tmp_path / "m.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match="m.json is not a mapping file of this app") as caught:
        load_mapping(path, HOUSEHOLDS, TURKISH)
    assert caught.value.field == "mapping"


def test_a_missing_mapping_file_is_refused(tmp_path):
    with pytest.raises(UserError, match="yok.json is not a mapping file of this app"):
        load_mapping(tmp_path / "yok.json", HOUSEHOLDS, TURKISH)


def test_a_mapping_for_another_kind_is_refused(tmp_path):
    path = tmp_path / "ev_sahipleri.json"
    save_mapping(path, kind_named("landlords"), {"name": "Adı Soyadı"})
    with pytest.raises(UserError) as caught:
        load_mapping(path, HOUSEHOLDS, TURKISH)
    assert "maps columns for landlords, not for households" in caught.value.message


def test_a_column_the_file_lacks_is_named(tmp_path):
    path = tmp_path / "m.json"
    save_mapping(path, HOUSEHOLDS, {"head_name": "Adı Soyadı", "phone": "Cep Telefonu",
                                    "nationality": "Ülkesi"})
    with pytest.raises(UserError) as caught:
        load_mapping(path, HOUSEHOLDS, TURKISH)
    assert caught.value.message == (
        "The file has no column 'Cep Telefonu', 'Ülkesi' that the mapping m.json names; "
        "adjust the mapping to this file's columns.")
    assert caught.value.field == "mapping"


def test_a_column_chosen_for_two_fields_is_pointed_out():
    mapping = auto_mapping(HOUSEHOLDS, TURKISH)
    assert shared_columns(HOUSEHOLDS, mapping) == []
    mapping["phone"] = mapping["id_number"]
    assert shared_columns(HOUSEHOLDS, mapping) == [
        "The column 'TC Kimlik No' fills ID number (TCKN/YKN), Phone; check that this is meant."]
