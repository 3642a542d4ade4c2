"""The command line's counts in each language's plural forms (issue 20, item 3)."""

import pytest

from shelter_app.domain import i18n


@pytest.mark.parametrize(("code", "counts", "expected"), [
    ("en", (1, 2), ["1 record", "2 records"]),
    ("tr", (1, 5), ["1 kayıt", "5 kayıt"]),
    ("ar", (0, 1, 2, 3, 11, 100),
     ["لا سجلات", "سجل واحد", "سجلان", "3 سجلات", "11 سجلًا", "100 سجل"]),
])
def test_the_console_speaks_each_languages_plural_forms(monkeypatch, code, counts, expected):
    from shelter_app.ui.language import LANGUAGE_ENV, install_console_language

    monkeypatch.setenv(LANGUAGE_ENV, code)
    try:
        assert install_console_language() == code
        assert [i18n.translate("cli", "%n records", "", count) for count in counts] \
            == expected
    finally:
        i18n.install(None)


@pytest.fixture
def console(monkeypatch):
    """`console("ar")` speaks the console's language `code` until the test ends."""
    from shelter_app.ui.language import LANGUAGE_ENV, install_console_language

    def speak(code: str) -> None:
        monkeypatch.setenv(LANGUAGE_ENV, code)
        assert install_console_language() == code
    yield speak
    i18n.install(None)


def _isolates_out(text: str) -> str:
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069")


@pytest.mark.parametrize(("code", "expected"), [
    ("en", ["Created 1 dwelling, 2 households and 11 landlords in 3 offices in 1.5 s (x.db).",
            "1 photo imported, 2 duplicates, 0 photos refused, 3 not imported.",
            "Sent 1 change (2 applied, 0 in conflict, 11 refused); received 3 changes."]),
    ("tr", ["3 ofis genelinde 1 konut, 2 hane ve 11 kiraya veren 1.5 sn'de oluşturuldu (x.db).",
            "1 fotoğraf içe aktarıldı, 2 yinelenen, 0 fotoğraf reddedildi, 3 içe aktarılmadı.",
            "1 değişiklik gönderildi (2 uygulandı, 0 çakışmada, 11 reddedildi); 3 değişiklik "
            "alındı."]),
    ("ar", ["أُنشئ مسكن واحد وأسرتان و11 مؤجرًا في 3 مكاتب خلال 1.5 ث (x.db).",
            "استُوردت صورة واحدة، مكررتان، لم تُرفض أي صورة، 3 صور لم تُستورد.",
            "أُرسل تعديل واحد (طُبّق تعديلان، لا تعديلات في تعارض، رُفض 11 تعديلًا)؛ واستُلم 3 "
            "تعديلات."]),
])
def test_a_line_of_several_counts_gives_each_count_its_own_plural(console, capsys, code,
                                                                   expected):
    from shelter_app.cli.maintenance import created_text
    from shelter_app.cli.photos import tally_text
    from shelter_app.cli.sync import _print_report
    from shelter_app.demo.programme import DemoSummary
    from shelter_app.services.sync.wire import Report

    console(code)
    lines = [created_text(DemoSummary(offices=3, households=2, landlords=11, dwellings=1), 1.5,
                          "x.db"),
             tally_text(imported=1, duplicates=2, refused=0, skipped=3)]
    _print_report(Report(pushed=1, applied=2, conflicts=0, refused=11, pulled=3))
    lines.append(capsys.readouterr().out.splitlines()[0])
    assert [_isolates_out(line) for line in lines] == expected


def test_the_imports_tally_in_arabic(console):
    from shelter_app.cli.imports import outcome_text
    from shelter_app.services.imports.runner import ImportResult

    console("ar")
    result = ImportResult("households", [], committed=True, empty_rows=2, photos_imported=11,
                          photos_missing=1)
    assert _isolates_out(outcome_text(result)) == (
        "لم يُستورد أي صف، لم يُحدَّث أي صف، لم يُتخطَّ أي صف (لا صفوف دون تغيير)، "
        "لم يُرفض أي صف؛ تم تجاهل صفين فارغين. استُوردت 11 صورةً، صورة واحدة غير موجودة.")


@pytest.mark.parametrize(("code", "length", "expected"), [
    ("en", 2, "The name is too long: 2 characters, at most 1."),
    ("tr", 2, "Bu name çok uzun: 2 karakter, en çok 1 olabilir."),
    ("ar", 2, "name طويل جدًا: حرفان، والحد الأقصى 1."),
    ("ar", 11, "name طويل جدًا: 11 حرفًا، والحد الأقصى 1."),
])
def test_a_services_count_in_a_sentence_takes_its_plural(console, code, length, expected):
    from shelter_app.domain.credentials import check_password
    from shelter_app.domain.errors import ValidationError
    from shelter_app.domain.fields import text

    console(code)
    with pytest.raises(ValidationError) as refused:
        text("x" * length, field="name", label="name", most=1)
    assert _isolates_out(refused.value.message) == expected
    with pytest.raises(ValidationError) as short:
        check_password("a", min_length=2)
    assert _isolates_out(short.value.message) == {
        "en": "The password needs at least 2 characters.",
        "tr": "Parola en az 2 karakter olmalıdır.",
        "ar": "يجب أن تتكون كلمة المرور من حرفين على الأقل."}[code]


@pytest.mark.parametrize(("code", "field", "table"), [
    ("tr", "çalışma günü", "ofis kayıtlarını"),
    ("ar", "تاريخ العمل", "سجلات «مكتب»"),
])
def test_a_refusal_on_the_console_names_fields_and_records_in_its_language(console, capsys,
                                                                           code, field, table):
    """A server (names as the database spells them) refuses; `sync` prints it as read here."""
    import uuid

    from shelter_app.cli.sync import _print_report
    from shelter_app.domain.stages import Role
    from shelter_app.services.sync import reasons, rules
    from shelter_app.services.sync.wire import Report

    refusals = [i18n.translate("sync", "{table}, {field}: {reason}").format(
        table=i18n.table_text("labour_entries"), field=i18n.field_text("work_date"),
        reason="?")]
    with pytest.raises(rules.Refused) as admin_only:
        rules._check_admin_table(rules.Author(uuid.uuid4(), Role.ENGINEER, None, True),
                                 "offices", None, {"name": "x"})
    refusals.append(admin_only.value.message)
    console(code)
    _print_report(Report(refused=2, reasons=[
        reasons.said(reasons.stored(refusal, reasons.key_of(refusal))) for refusal in refusals]))
    out = _isolates_out(capsys.readouterr().out)
    assert field in out and table in out
    assert "work_date" not in out and "offices" not in out


@pytest.mark.parametrize(("code", "raw", "expected"), [
    ("en", "1,5", "'1,5' has 1 decimal place; at most 0 are allowed."),
    ("tr", "1,55", "'1,55' 2 ondalık basamak içeriyor; en çok 0 basamağa izin verilir."),
    ("ar", "1,5", "يحتوي '1,5' على منزلة عشرية واحدة؛ والمسموح 0 على الأكثر."),
    ("ar", "1,55", "يحتوي '1,55' على منزلتين عشريتين؛ والمسموح 0 على الأكثر."),
    ("ar", "1,555", "يحتوي '1,555' على 3 منازل عشرية؛ والمسموح 0 على الأكثر."),
    ("ar", "1," + "5" * 11, "يحتوي '1,55555555555' على 11 منزلةً عشرية؛ والمسموح 0 على الأكثر."),
])
def test_a_numbers_decimal_places_take_their_plural(console, code, raw, expected):
    from shelter_app.domain.errors import ValidationError
    from shelter_app.domain.money import parse_decimal

    console(code)
    with pytest.raises(ValidationError) as refused:
        parse_decimal(raw, field="amount", places=0)
    assert _isolates_out(refused.value.message) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "The office's name is too long: at most 120 characters."),
    ("ar", "اسم المكتب طويل جدًا: 120 حرفًا على الأكثر."),
])
def test_a_names_most_characters_take_their_plural(console, code, expected):
    from shelter_app.domain.errors import ValidationError
    from shelter_app.services.accounts.offices import NAME_MAX, _clean_name  # 120

    console(code)
    with pytest.raises(ValidationError) as refused:
        _clean_name("x" * (NAME_MAX + 1))
    assert _isolates_out(refused.value.message) == expected
