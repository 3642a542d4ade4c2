"""The command line's counts in each language's plural forms (issue 20, item 3)."""

import pytest

from shelter_app.domain import i18n


@pytest.mark.parametrize(("code", "counts", "expected"), [
    ("en", (1, 2), ["1 record", "2 records"]),
    ("tr", (1, 5), ["1 kayıt", "5 kayıt"]),
    ("ar", (0, 1, 2, 3, 11, 100),
     ["لا سجلات", "سجل واحد", "سجلان", "3 سجلات", "11 سجلًا", "100 سجل"]),
])
def test_the_console_speaks_each_languages_plural_forms(speaking, code, counts, expected):
    speaking(code)
    assert [i18n.translate("cli", "%n records", "", count) for count in counts] == expected


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
            "المُرسَل: تعديل واحد (طُبّق تعديلان، لا تعديلات في تعارض، رُفض 11 تعديلًا)؛ "
            "المُستلَم: 3 تعديلات."]),
])
def test_a_line_of_several_counts_gives_each_count_its_own_plural(speaking, capsys, code,
                                                                   expected):
    from shelter_app.cli.maintenance import created_text
    from shelter_app.cli.photos import tally_text
    from shelter_app.cli.sync import _print_report
    from shelter_app.demo.programme import DemoSummary
    from shelter_app.services.sync.wire import Report

    speaking(code)
    lines = [created_text(DemoSummary(offices=3, households=2, landlords=11, dwellings=1), 1.5,
                          "x.db"),
             tally_text(imported=1, duplicates=2, refused=0, skipped=3)]
    _print_report(Report(pushed=1, applied=2, conflicts=0, refused=11, pulled=3))
    lines.append(capsys.readouterr().out.splitlines()[0])
    assert [_isolates_out(line) for line in lines] == expected


def test_the_imports_tally_in_arabic(speaking):
    from shelter_app.cli.imports import outcome_text
    from shelter_app.services.imports.runner import ImportResult

    speaking("ar")
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
def test_a_services_count_in_a_sentence_takes_its_plural(speaking, code, length, expected):
    from shelter_app.domain.credentials import check_password
    from shelter_app.domain.errors import ValidationError
    from shelter_app.domain.fields import text

    speaking(code)
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
def test_a_refusal_on_the_console_names_fields_and_records_in_its_language(speaking, capsys,
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
    speaking(code)
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
def test_a_numbers_decimal_places_take_their_plural(speaking, code, raw, expected):
    from shelter_app.domain.errors import ValidationError
    from shelter_app.domain.money import parse_decimal

    speaking(code)
    with pytest.raises(ValidationError) as refused:
        parse_decimal(raw, field="amount", places=0)
    assert _isolates_out(refused.value.message) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "The office's name is too long: at most 120 characters."),
    ("ar", "اسم المكتب طويل جدًا: 120 حرفًا على الأكثر."),
])
def test_a_names_most_characters_take_their_plural(speaking, code, expected):
    from shelter_app.domain.errors import ValidationError
    from shelter_app.services.accounts.offices import NAME_MAX, _clean_name  # 120

    speaking(code)
    with pytest.raises(ValidationError) as refused:
        _clean_name("x" * (NAME_MAX + 1))
    assert _isolates_out(refused.value.message) == expected


@pytest.mark.parametrize(("code", "counts", "expected"), [
    ("en", (1, 7), ["The code works once, for 1 day.", "The code works once, for 7 days."]),
    ("tr", (1, 7), ["Kod yalnızca bir kez ve 1 gün boyunca geçerlidir.",
                    "Kod yalnızca bir kez ve 7 gün boyunca geçerlidir."]),
    ("ar", (1, 2, 3, 11, 100), ["يصلح الرمز لمرة واحدة فقط، ولمدة يوم واحد.",
                                "يصلح الرمز لمرة واحدة فقط، ولمدة يومين.",
                                "يصلح الرمز لمرة واحدة فقط، ولمدة 3 أيام.",
                                "يصلح الرمز لمرة واحدة فقط، ولمدة 11 يومًا.",
                                "يصلح الرمز لمرة واحدة فقط، ولمدة 100 يوم."]),
])
def test_a_new_devices_code_says_its_days_in_each_languages_plural(
        capsys, demo_db, monkeypatch, code, counts, expected):
    """`shelter-app device add` ends with how long the code lasts (devices.CODE_DAYS)."""
    from cli_runner import run
    from server_dbs import target

    from shelter_app.services.sync import devices, serving

    serving.prepare(demo_db)
    monkeypatch.setenv("SHELTER_APP_LANG", code)
    said = []
    for number, count in enumerate(counts):
        monkeypatch.setattr(devices, "CODE_DAYS", count)
        exit_code, out, err = run(capsys, "device", "add", f"laptop-{number}", "--office", "GAZ",
                                  "--db", target(demo_db))
        assert exit_code == 0, err
        said.append(_isolates_out(out.strip().splitlines()[-1]))
    assert said == expected


@pytest.mark.parametrize(("code", "counts", "expected"), [
    ("en", (1, 2), ["Logging existing records: 1 so far, now household.",
                    "Logging existing records: 2 so far, now household."]),
    ("tr", (1, 2), ["Mevcut kayıtlar değişiklik günlüğüne yazılıyor: şimdiye dek 1, şimdi hane.",
                    "Mevcut kayıtlar değişiklik günlüğüne yazılıyor: şimdiye dek 2, şimdi hane."]),
    ("ar", (1, 2, 3, 11, 100), [
        f"جارٍ قيد السجلات الموجودة في سجل التغييرات: {many} حتى الآن، والآن أسرة."
        for many in ("سجل واحد", "سجلان", "3 سجلات", "11 سجلًا", "100 سجل")]),
])
def test_a_new_servers_logging_counts_records_in_each_languages_plural(
        speaking, capsys, code, counts, expected):
    """`shelter-app serve` says how many existing records it has logged, table by table."""
    from shelter_app.cli import sync

    speaking(code)
    for count in counts:
        sync._logging("households", count)
    assert _isolates_out(capsys.readouterr().err).splitlines() == expected


@pytest.mark.parametrize(("code", "most", "expected"), [
    ("en", 1, "List at most 1 skill."),
    ("en", 12, "List at most 12 skills."),
    ("tr", 12, "En çok 12 beceri yazın."),
    ("ar", 1, "اذكر مهارة واحدة على الأكثر."),
    ("ar", 2, "اذكر مهارتين على الأكثر."),
    ("ar", 3, "اذكر 3 مهارات على الأكثر."),
    ("ar", 11, "اذكر 11 مهارةً على الأكثر."),
    ("ar", 100, "اذكر 100 مهارة على الأكثر."),
])
def test_a_workers_most_skills_take_their_plural(speaking, monkeypatch, code, most, expected):
    from shelter_app.domain.errors import ValidationError
    from shelter_app.services.labour import workers

    speaking(code)
    monkeypatch.setattr(workers, "MAX_SKILLS", most)
    with pytest.raises(ValidationError) as refused:
        workers._skills([f"skill {number}" for number in range(most + 1)])
    assert _isolates_out(refused.value.message) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("en", "Wrote ADA-2026-0001 to out; 1 could not be printed."),
    ("tr", "ADA-2026-0001 out klasörüne yazıldı; 1 tanesi basılamadı."),
    ("ar", "تمت كتابة ADA-2026-0001 في out؛ وتعذّرت طباعة عقد واحد."),
])
def test_contracts_that_could_not_be_printed_are_counted_in_the_sentence(speaking, code,
                                                                         expected):
    speaking(code)
    said = i18n.translate("cli", "Wrote {contracts} to {path}; %n could not be printed.", "",
                          1).format(contracts="ADA-2026-0001", path="out")
    assert _isolates_out(said) == expected
