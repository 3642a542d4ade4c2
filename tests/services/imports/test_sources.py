"""Reading import files: CSV as Turkish Windows Excel writes it, XLSX, Kobo exports, bad files."""

import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from shelter_app.domain import i18n
from shelter_app.services.imports import sources
from shelter_app.services.imports.sources import Cancelled, SourceError
from shelter_app.services.imports.opening import read_source

TURKISH = "ğ ş ı İ ö ü ç Ğ Ş Ö Ü Ç"
ARABIC = "محمد الأحمد"


def write(tmp_path: Path, name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def workbook(tmp_path: Path, name: str, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


# --- CSV: encodings ---------------------------------------------------------------------------

EXCEL_TR = f"Adı Soyadı;İlçe;Alan\r\nAyşe Yılmaz;Şişli;64,5\r\nÇağrı Öztürk;{TURKISH};70\r\n"


def test_turkish_windows_excel_csv_is_detected_as_cp1254_with_a_notice(tmp_path):
    source = read_source(write(tmp_path, "hane.csv", EXCEL_TR, "cp1254"))
    assert (source.format, source.encoding, source.separator) == ("csv", "cp1254", ";")
    assert any("cp1254" in notice for notice in source.notices)
    assert source.main.name == "hane"
    assert source.main.headers == ["Adı Soyadı", "İlçe", "Alan"]
    assert [row.number for row in source.main.rows] == [2, 3]
    assert source.main.rows[0].cells == {"Adı Soyadı": "Ayşe Yılmaz", "İlçe": "Şişli",
                                         "Alan": "64,5"}
    assert source.main.rows[1].cells["İlçe"] == TURKISH
    assert not any(row.problem for row in source.main.rows)


@pytest.mark.parametrize("encoding, expected", [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8")])
def test_utf8_with_and_without_bom(tmp_path, encoding, expected):
    source = read_source(write(tmp_path, "hane.csv", EXCEL_TR, encoding))
    assert source.encoding == expected
    assert source.notices == []
    assert source.main.headers[0] == "Adı Soyadı"  # no BOM glued to the first header
    assert source.main.rows[1].cells["İlçe"] == TURKISH


def test_arabic_text_in_utf8_survives_exactly(tmp_path):
    text = f"الاسم,الهاتف\n{ARABIC},0532 111 22 33\n"
    source = read_source(write(tmp_path, "عربي.csv", text))
    assert source.main.headers == ["الاسم", "الهاتف"]
    assert source.main.rows[0].cells["الاسم"] == ARABIC
    assert source.main.name == "عربي"


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path):
    text = f"Ad\tİlçe\tNot\r\nAyşe\tŞişli\t{ARABIC}\r\n"
    source = read_source(write(tmp_path, "liste.txt", text, "utf-16"))
    assert (source.encoding, source.separator) == ("utf-16", "\t")
    assert source.main.rows[0].cells == {"Ad": "Ayşe", "İlçe": "Şişli", "Not": ARABIC}


def test_an_encoding_override_that_fails_names_the_line(tmp_path):
    path = write(tmp_path, "hane.csv", "Ad;Soyad\nAli;Kaya\nAyşe;Işık\n", "cp1254")
    with pytest.raises(SourceError) as caught:
        read_source(path, encoding="utf-8")
    assert "hane.csv: line 3 cannot be read as utf-8" in caught.value.message
    assert "cp1254" in caught.value.message  # the fix: another encoding
    assert caught.value.field == "file"


def test_an_unknown_encoding_is_refused(tmp_path):
    with pytest.raises(SourceError, match="klingon is not a known encoding"):
        read_source(write(tmp_path, "a.csv", "a;b\n1;2\n"), encoding="klingon")


def test_utf8_read_as_cp1254_gets_a_looks_like_utf8_notice(tmp_path):
    text = "Ad;İlçe\nAyşe Yılmaz;Üsküdar\n"  # no Ş or Ğ: their UTF-8 bytes are not cp1254 at all
    source = read_source(write(tmp_path, "hane.csv", text), encoding="cp1254")
    assert source.main.rows[0].cells["Ad"] == "AyÅŸe YÄ±lmaz"  # mojibake, as asked
    assert any("looks like UTF-8" in notice for notice in source.notices)


# --- CSV: separators and shape ----------------------------------------------------------------

@pytest.mark.parametrize("separator", [",", "\t", ";", "|"])
def test_separator_is_detected(tmp_path, separator):
    lines = [["Ad", "Soyad", "Yaş"], ["Ali", "Kaya", "40"], ["Ayşe", "Işık", "35"]]
    path = write(tmp_path, "a.csv", "".join(separator.join(line) + "\n" for line in lines))
    source = read_source(path)
    assert source.separator == separator
    assert source.main.rows[1].cells == {"Ad": "Ayşe", "Soyad": "Işık", "Yaş": "35"}


def test_separator_override(tmp_path):
    path = write(tmp_path, "a.csv", "A,B;C\n1,2;3\n")
    assert read_source(path, separator=",").main.rows[0].cells == {"A": "1", "B;C": "2;3"}
    assert read_source(path, separator=";").main.rows[0].cells == {"A,B": "1,2", "C": "3"}
    with pytest.raises(SourceError, match="not a separator"):
        read_source(path, separator=":")


def test_mixed_separators_mark_the_rows_that_do_not_fit(tmp_path, speaking):
    speaking("en")  # the counts in English's plural forms, as the app shows them
    text = ("Ad;Soyad;Alan\n"
            "Ali;Kaya;64,5\n"  # a decimal comma is not a separator
            "Ayşe,Işık,70\n"  # pasted from another file
            "Veli;Demir;80;;\n"  # trailing empty cells are harmless
            "Can;Er;90;fazla\n")  # one value too many
    rows = read_source(write(tmp_path, "a.csv", text)).main.rows
    assert [bool(row.problem) for row in rows] == [False, True, False, True]
    assert rows[1].problem == ("Row 3 has 1 value but the header has 3 columns; the file may "
                               "mix separators or have a line break inside a value.")
    assert rows[1].cells == {"Ad": "Ayşe,Işık,70", "Soyad": None, "Alan": None}
    assert "Row 5 has 4 values" in rows[3].problem


def test_title_row_blank_lines_empty_rows_blank_and_repeated_headers(tmp_path):
    text = ("Hane listesi 2026;;;\n"
            "\n"
            "Ad;Soyad;;Ad\n"
            "Ali;Kaya;x;Veli\n"
            ";;;\n"
            "\n"
            "Ayşe;Işık;;Fatma\n"
            ";;;\n")  # trailing empty rows are not counted
    sheet = read_source(write(tmp_path, "a.csv", text)).main
    assert sheet.header_row == 3
    assert sheet.headers == ["Ad", "Soyad", "Column C", "Ad (2)"]
    assert [row.number for row in sheet.rows] == [4, 7]
    assert sheet.empty_rows == 2
    assert sheet.rows[0].cells == {"Ad": "Ali", "Soyad": "Kaya", "Column C": "x", "Ad (2)": "Veli"}
    assert sheet.rows[1].cells["Column C"] is None


def test_a_quoted_value_spanning_lines_is_one_row_as_excel_shows_it(tmp_path):
    text = 'Ad;Adres\nAli;"Atatürk Cad.\nNo: 5"\nVeli;"Menekşe ""Sk."""\n'
    rows = read_source(write(tmp_path, "a.csv", text)).main.rows
    assert [row.number for row in rows] == [2, 3]
    assert rows[0].cells["Adres"] == "Atatürk Cad.\nNo: 5"
    assert rows[1].cells["Adres"] == 'Menekşe "Sk."'


def test_a_file_without_a_header_row_is_refused(tmp_path):
    with pytest.raises(SourceError, match="no header row"):
        read_source(write(tmp_path, "a.csv", "yalnız bir sütun\nAli\n"))


def test_an_unclosed_quote_names_its_line(tmp_path):
    text = 'Ad;Not\nAli;x\nVeli;"açık tırnak\n' + "devam\n" * 25_000  # past csv's 128 KB limit
    with pytest.raises(SourceError, match="value starting on line 3 is longer than 131072"):
        read_source(write(tmp_path, "a.csv", text))


def test_a_nul_character_after_the_first_64_kb_names_its_line(tmp_path):
    text = "Ad;Not\n" + "Ali;x\n" * 20_000 + "Veli;\0\n"
    with pytest.raises(SourceError, match="line 20002 holds binary data"):
        read_source(write(tmp_path, "a.csv", text))


# --- formulas ---------------------------------------------------------------------------------

def test_formula_cells_give_the_row_a_problem_with_the_cell_address(tmp_path):
    csv_rows = read_source(write(tmp_path, "a.csv", "Ad;Toplam\nAli;=1+2\nVeli;-3\n")).main.rows
    assert csv_rows[0].problem == ("Cell B2 holds a formula (=1+2); paste its value instead "
                                   "(Excel: Paste Special › Values).")
    assert csv_rows[1].problem == ""  # a negative number is not a formula
    path = workbook(tmp_path, "a.xlsx", {"Hane": [["Ad", "Alan", "Oda", "Toplam"],
                                                  ["Ali", 3, 4, "=B2*2"], ["Veli", 1, 2, 7]]})
    xlsx_rows = read_source(path).main.rows
    assert "Cell D2 holds a formula (=B2*2)" in xlsx_rows[0].problem
    assert xlsx_rows[0].cells["Toplam"] == "=B2*2"
    assert xlsx_rows[1].problem == ""


def test_excel_error_values_give_the_row_a_problem(tmp_path):
    path = workbook(tmp_path, "a.xlsx", {"Hane": [["Ad", "Alan"], ["Ali", "#N/A"],
                                                  ["Veli", "#N/A yok"]]})
    rows = read_source(path).main.rows
    assert rows[0].problem == ("Cell B2 shows the Excel error #N/A; correct the cell in Excel "
                               "and import again.")
    assert rows[1].problem == ""  # text that merely starts like an error


def test_messages_are_translated_before_values_are_filled_in(tmp_path):
    i18n.install(lambda context, text, *count: "{cell} hücresinde formül var ({formula})."
                 if context == "imports" and text.startswith("Cell {cell}") else text)
    try:
        rows = read_source(write(tmp_path, "a.csv", "Ad;Toplam\nAli;=1+2\n")).main.rows
    finally:
        i18n.install(None)
    assert rows[0].problem == "B2 hücresinde formül var (=1+2)."


# --- XLSX -------------------------------------------------------------------------------------

def test_xlsx_cells_arrive_typed(tmp_path):
    path = workbook(tmp_path, "a.xlsx", {"Hane": [
        ["Başlık", None, None],  # a title row (merged in Excel: one value)
        ["Ad", "Alan", "Tarih", "Zaman", "Evli", "Oran"],
        ["  Ayşe Işık ", 64.5, date(2026, 11, 25), datetime(2026, 11, 25, 9, 30), True, 0.1],
        [ARABIC, 70, None, None, False, 1e-05],
    ]})
    sheet = read_source(path).main
    assert sheet.header_row == 2
    first, second = (row.cells for row in sheet.rows)
    assert first == {"Ad": "Ayşe Işık", "Alan": Decimal("64.5"), "Tarih": date(2026, 11, 25),
                     "Zaman": datetime(2026, 11, 25, 9, 30), "Evli": True,
                     "Oran": Decimal("0.1")}
    assert type(first["Tarih"]) is date
    assert second == {"Ad": ARABIC, "Alan": 70, "Tarih": None, "Zaman": None, "Evli": False,
                      "Oran": Decimal("0.00001")}
    assert type(second["Alan"]) is int


def test_xlsx_reads_every_sheet_with_a_header_in_order(tmp_path):
    path = workbook(tmp_path, "a.xlsx", {
        "Haneler": [["Ad", "Soyad"], ["Ali", "Kaya"], [None, None], ["Veli", "Er"]],
        "Boş": [],
        "Notlar": [["yalnızca bir not"]],
        "Ev sahipleri": [["Ad", "IBAN", None], ["Ayşe", "TR00", "başlıksız"]],
    })
    source = read_source(path)
    assert source.format == "xlsx" and source.encoding is None
    assert [sheet.name for sheet in source.sheets] == ["Haneler", "Ev sahipleri"]
    assert source.main.empty_rows == 1
    assert source.sheet("Ev sahipleri").rows[0].problem.startswith(
        "Row 2 has a value in column C, which has no header")
    assert source.sheet("Boş") is None
    assert source.notices == [("Sheet “Notlar” has no header row (a row naming two or more "
                               "columns); it was not read.")]
    assert not source.is_kobo
    chosen = source.with_main("Ev sahipleri")
    assert chosen.main.name == "Ev sahipleri" and len(chosen.sheets) == 2
    with pytest.raises(SourceError, match="has no sheet 'Notlar'; choose one of: Haneler, "
                                          "Ev sahipleri"):
        source.with_main("Notlar")


def test_kobo_export_with_a_repeat_group(tmp_path):
    path = workbook(tmp_path, "kobo.xlsx", {
        "Hane Anketi": [
            ["household/head_name", "household/size", "_uuid", "_submission_time", "_index"],
            ["Ayşe Işık", 3, "9f1c-1", datetime(2026, 11, 20, 8, 15), 1],
            [ARABIC, 2, "9f1c-2", datetime(2026, 11, 21, 9, 0), 2],
        ],
        "members": [
            ["member/name", "member/age", "_index", "_parent_table_name", "_parent_index"],
            ["Ayşe Işık", 41, 1, "Hane Anketi", 1],
            ["Can Işık", 12, 2, "Hane Anketi", 1],
            ["فاطمة", 30, 3, "Hane Anketi", 2],
        ],
    })
    source = read_source(path)
    assert source.is_kobo
    assert source.main.rows[0].cells["household/head_name"] == "Ayşe Işık"
    members = source.children(source.sheet("members"))
    assert {parent: [row.cells["member/name"] for row in rows]
            for parent, rows in members.items()} == {1: ["Ayşe Işık", "Can Işık"], 2: ["فاطمة"]}
    assert [row.number for row in members[1]] == [2, 3]
    assert {row.cells["_index"] for row in source.main.rows} == set(members)


def test_children_join_on_parent_index_read_from_csv_text_too(tmp_path):
    path = write(tmp_path, "members.csv", "ad,_parent_index\nAli,1\nVeli,1\nCan,2\nxx,\n")
    source = read_source(path)
    assert {key: len(rows) for key, rows in source.children(source.main).items()} == {1: 2, 2: 1}


# --- files that are not what they say ---------------------------------------------------------

def test_a_csv_renamed_to_xlsx_is_read_as_csv_with_a_notice(tmp_path):
    source = read_source(write(tmp_path, "hane.xlsx", EXCEL_TR, "cp1254"))
    assert source.format == "csv"
    assert source.notices[0] == "hane.xlsx is named .xlsx but holds CSV text; it was read as CSV."
    assert source.main.rows[0].cells["İlçe"] == "Şişli"


def test_a_truncated_xlsx_is_refused(tmp_path):
    whole = workbook(tmp_path, "a.xlsx", {"Hane": [["Ad", "Soyad"], ["Ali", "Kaya"]]}).read_bytes()
    path = write(tmp_path, "yarım.xlsx", whole[:len(whole) // 2])
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.message == ("yarım.xlsx is damaged or incomplete; copy it again from "
                                    "where it came from, or export it again.")


@pytest.mark.parametrize("content, message", [
    (b"", "eski.xls is empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old Excel 97-2003 .xls workbook"),
    (b"\x00\x01\x02junk\x00" * 100, "neither text nor an Excel workbook"),
])
def test_files_that_cannot_be_read_are_refused(tmp_path, content, message):
    with pytest.raises(SourceError, match=message):
        read_source(write(tmp_path, "eski.xls", content))


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "fotoğraflar.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("foto.txt", "x")
    with pytest.raises(SourceError, match="zip archive but not an Excel workbook"):
        read_source(path)


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(SourceError, match="yok.csv cannot be opened"):
        read_source(tmp_path / "yok.csv")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_more_rows_than_max_rows_is_refused(tmp_path, monkeypatch, kind):
    monkeypatch.setattr(sources, "MAX_ROWS", 3)
    rows = [["Ad", "No"]] + [[f"Ali {n}", n] for n in range(4)]
    path = (workbook(tmp_path, "a.xlsx", {"Hane": rows}) if kind == "xlsx" else
            write(tmp_path, "a.csv", "".join(f"{a};{b}\n" for a, b in rows)))
    with pytest.raises(SourceError, match="more than 3 rows; split it"):
        read_source(path)
    monkeypatch.setattr(sources, "MAX_ROWS", 4)
    assert len(read_source(path).main.rows) == 4


# --- progress, cancel, size -------------------------------------------------------------------

def test_progress_rises_and_cancel_stops_the_read(tmp_path):
    path = write(tmp_path, "a.csv", "Ad;No\n" + "".join(f"Ali;{n}\n" for n in range(20_000)))
    seen: list[tuple[int, int]] = []
    read_source(path, progress=lambda done, total: seen.append((done, total)))
    size = path.stat().st_size
    assert len(seen) > 3
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})  # strictly rising
    assert seen[-1] == (size, size) and {total for _, total in seen} == {size}

    with pytest.raises(Cancelled):
        read_source(path, cancelled=lambda: True)
    calls = iter(range(1_000))
    with pytest.raises(Cancelled):  # cancelled while reading, not only before it
        read_source(path, cancelled=lambda: next(calls) == 3)


def test_xlsx_progress_and_cancel(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "TICK", 2)
    path = workbook(tmp_path, "a.xlsx", {"Hane": [["Ad", "No"]] + [["Ali", n] for n in range(9)]})
    seen: list[int] = []
    read_source(path, progress=lambda done, total: seen.append(done))
    assert seen == sorted(set(seen)) and len(seen) > 3
    calls = iter(range(100))
    with pytest.raises(Cancelled):
        read_source(path, cancelled=lambda: next(calls) == 2)


def test_a_20_mb_csv_reads_whole(tmp_path):
    """Every row of a big Turkish-Excel file, to the last; its speed is benchmarks' business."""
    row = ("Ayşe Yılmaz;12345678901;Şişli Mah. Atatürk Cad. No: 5 D: 3;0532 111 22 33;"
           "TR33 0006 1005 1978 6457 8413 26;64,5;25.11.2026;evet;Kiracı;{n}\n")  # ~140 bytes
    header = "Ad Soyad;TCKN;Adres;Telefon;IBAN;Alan;Tarih;Engelli;Durum;No\n"
    count = 20_000_000 // len(row.encode())
    path = write(tmp_path, "buyuk.csv",
                 (header + "".join(row.format(n=n) for n in range(count))).encode("cp1254"))
    source = read_source(path)
    assert path.stat().st_size > 19_000_000
    assert source.encoding == "cp1254" and len(source.main.rows) == count
    assert source.main.rows[-1].cells["No"] == str(count - 1)


@pytest.mark.parametrize("cell, expected", [
    (3, 3), ("3", 3), (Decimal("3.0"), 3), ("3.0", 3), (" 3 ", 3),
    (Decimal("3.5"), None), ("3.5", None), (True, None), (None, None), ("", None), ("x", None),
])
def test_whole_reads_kobo_indexes_as_any_tool_writes_them(cell, expected):
    assert sources.whole(cell) == expected
