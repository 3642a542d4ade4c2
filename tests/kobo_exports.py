"""Shelter assessment exports laid out as KoboToolbox and ODK Central write them.

The layouts were taken from running Kobo's export library (formpack, with the server's options:
group prefixes "/", select_multiple as names plus one 0/1 column per choice, copy fields
`_id … _tags`, `_index`, media `…_URL` columns) and from ODK Central's CSV ZIP (one CSV per
table joined by KEY/PARENT_KEY, group paths with "-", photos under media/). One form: the
household, its address, two components' condition on the form's scale 1 very poor … 4 good, the
decision, a `rooms` repeat group with a photo per room, and notes.

SUBMISSIONS: an Arabic name, Turkish letters, two rooms both called "Yatak odası", a submission
with an empty repeat (no rooms), notes with ";" and a line break, and one invalid submission
(an ID number whose check digits fail).
"""

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from photo_files import photo

from shelter_app.domain.ids import make_tckn

FORMHUB = "8f2d6a51c3b94e0c9a7e1d2b3c4d5e6f"
OWNER = "shelter_gaz"
BAD_ID = "12345678901"

# (xml name, Turkish label) of each question, with its group (xml, Turkish) or None
QUESTIONS = [
    ("household", "Hane", "head_name", "Hane reisi adı soyadı"),
    ("household", "Hane", "id_number", "Kimlik numarası"),
    ("household", "Hane", "nationality", "Uyruk"),
    ("household", "Hane", "legal_status", "Yasal statü"),
    ("household", "Hane", "hh_size", "Hane büyüklüğü"),
    ("household", "Hane", "vulnerabilities", "Kırılganlıklar"),
    ("household", "Hane", "consent", "Rıza verildi mi?"),
    ("household", "Hane", "consent_date", "Rıza tarihi"),
    ("address", "Adres", "province", "İl"),
    ("address", "Adres", "district", "İlçe"),
    ("address", "Adres", "neighbourhood", "Mahalle"),
    ("address", "Adres", "street", "Sokak"),
    ("address", "Adres", "building_no", "Bina no"),
    ("condition", "Durum", "roof", "Çatı"),
    ("condition", "Durum", "windows", "Pencereler"),
    ("decision", "Karar", "eligible", "Uygun mu?"),
    ("decision", "Karar", "reason", "Gerekçe"),
    (None, None, "notes", "Notlar"),
]
VULNERABILITIES = {"disability": "Engellilik", "older_person": "Yaşlı birey"}
LABELS = {  # choice name -> Turkish label
    "suriye": "Suriye", "turkiye": "Türkiye", "temporary_protection": "Geçici koruma",
    "citizen": "T.C. vatandaşı", "residence_permit": "İkamet izni", "yes": "Evet", "no": "Hayır",
    "sanliurfa": "Şanlıurfa", "gaziantep": "Gaziantep",
    "1": "Çok kötü", "2": "Kötü", "3": "Orta", "4": "İyi", **VULNERABILITIES,
}
METADATA = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
            "_submitted_by", "__version__", "_tags", "_index"]


def _uuid(n: int) -> str:
    return f"a1b2c3d4-0000-4000-8000-{n:012d}"


def submissions(copies: int = 1) -> list[dict]:
    """Four submissions; the third is invalid (its ID number fails the check digits). More
    `copies` (benchmarks) repeat them as other households, without photos."""
    base = _base()
    found = list(base)
    for copy in range(1, copies):
        for n, sub in enumerate(base):
            found.append({**sub, "head_name": f"{sub['head_name']} {copy}",
                          "id_number": sub["id_number"] if sub["id_number"] == BAD_ID
                          else make_tckn(f"{200000000 + copy * 10 + n:09d}"),
                          "rooms": [(name, length, "") for name, length, _ in sub["rooms"]]})
    return found


def _base() -> list[dict]:
    return [
        {"head_name": "عبد الرحمن الحلبي", "id_number": make_tckn("991000001"),
         "nationality": "suriye", "legal_status": "temporary_protection", "hh_size": "6",
         "vulnerabilities": "disability older_person", "province": "sanliurfa",
         "district": "Haliliye", "neighbourhood": "Bamyasuyu", "street": "1453. Sokak",
         "building_no": "12", "roof": "1", "windows": "4", "eligible": "yes",
         "reason": "Çatı akıyor; pencereler sağlam.",
         "notes": "Çatı akıyor; pencere kırık.\nİkinci satır: ev sahibi onayladı.",
         "rooms": [("Yatak odası", "3.5", "oda 1.jpg"), ("Yatak odası", "3.1", "oda2.jpg"),
                   ("Salon", "4.2", "salon.jpg")]},
        {"head_name": "Gülşen Çağlar Işık", "id_number": make_tckn("100000002"),
         "nationality": "turkiye", "legal_status": "citizen", "hh_size": "3",
         "vulnerabilities": "", "province": "gaziantep", "district": "Şahinbey",
         "neighbourhood": "Güneykent", "street": "Özgürlük Cd.", "building_no": "7",
         "roof": "3", "windows": "2", "eligible": "no", "reason": "Konut iyi durumda.",
         "notes": "", "rooms": []},  # an empty repeat
        {"head_name": "Ayşe Öztürk", "id_number": BAD_ID, "nationality": "suriye",
         "legal_status": "residence_permit", "hh_size": "4", "vulnerabilities": "",
         "province": "gaziantep", "district": "Şehitkamil", "neighbourhood": "Karşıyaka",
         "street": "Atatürk Blv.", "building_no": "3", "roof": "2", "windows": "2",
         "eligible": "yes", "reason": "Nem.", "notes": "", "rooms": [("Mutfak", "2.5", "")]},
        {"head_name": "İbrahim Şahin", "id_number": make_tckn("100000004"),
         "nationality": "suriye", "legal_status": "residence_permit", "hh_size": "2",
         "vulnerabilities": "older_person", "province": "gaziantep", "district": "Şahinbey",
         "neighbourhood": "Yeşilevler", "street": "Gül Sk.", "building_no": "21",
         "roof": "2", "windows": "3", "eligible": "yes", "reason": "Pencere değişmeli.",
         "notes": "", "rooms": [("Oda", "3.0", "oda3.jpg")]},
    ]


def _value(sub: dict, name: str, labels: bool) -> str:
    value = sub.get(name, "")
    if name == "consent":
        value = "yes"
    if name == "consent_date":
        value = "2026-11-20"
    if not labels or name in ("head_name", "id_number", "hh_size", "district", "neighbourhood",
                              "street", "building_no", "reason", "notes", "consent_date"):
        return value
    if name == "vulnerabilities":
        return " ".join(LABELS[part] for part in value.split())
    return LABELS.get(value, value)


def _main_row(n: int, sub: dict, labels: bool) -> tuple[list[str], list]:
    headers, values = ["start", "end", "today"], ["2026-11-20T09:00:00.000+03:00",
                                                  "2026-11-20T09:40:00.000+03:00", "2026-11-20"]
    for group, group_tr, name, label in QUESTIONS:
        title = label if labels else name
        group_title = group_tr if labels else group
        headers.append(f"{group_title}/{title}" if group else title)
        values.append(_value(sub, name, labels))
        if name == "vulnerabilities":  # formpack's multiple_select="both"
            for choice, choice_tr in VULNERABILITIES.items():
                headers.append(f"{group_title}/{title}/{choice_tr if labels else choice}")
                values.append("1" if choice in sub[name].split() else "0" if sub[name] else "")
    headers += METADATA
    values += [100 + n, _uuid(n), "2026-11-20T07:00:00", "", "", "submitted_via_web", "eng1",
               "vX1", "", n]
    return headers, values


ROOM_HEADERS = ("room_name", "Oda adı"), ("length", "Uzunluk (m)"), ("width", "Genişlik (m)"), \
    ("height", "Yükseklik (m)"), ("room_photo", "Oda fotoğrafı")


def kobo_xlsx(path: Path, labels: bool = False, copies: int = 1) -> Path:
    """Kobo's XLSX export: XML names (`labels` False) or the Turkish labels."""
    book = Workbook()
    main = book.active
    main.title = "Konut değerlendirme"
    rooms = book.create_sheet("rooms")
    group = "Odalar" if labels else "rooms"
    rooms.append([f"{group}/{tr if labels else name}" for name, tr in ROOM_HEADERS]
                 + [f"{group}/{'Oda fotoğrafı' if labels else 'room_photo'}_URL", "_index",
                    "_parent_table_name", "_parent_index", "_submission__id",
                    "_submission__uuid"])
    child = 0
    for n, sub in enumerate(submissions(copies), start=1):
        headers, values = _main_row(n, sub, labels)
        if n == 1:
            main.append(headers)
        main.append(values)
        for name, length, file in sub["rooms"]:
            child += 1
            url = (f"https://kc.kobotoolbox.org/media/original?media_file={OWNER}/attachments/"
                   f"{FORMHUB}/{_uuid(n)}/{file}") if file else ""
            rooms.append([name, length, "3.0", "2.6", file, url, child, main.title, n, 100 + n,
                          _uuid(n)])
    book.save(path)
    return path


def kobo_csv(path: Path, copies: int = 1) -> Path:
    """Kobo's CSV export: ";" between values, every value quoted, no repeat groups."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    for n, sub in enumerate(submissions(copies), start=1):
        headers, values = _main_row(n, sub, False)
        if n == 1:
            writer.writerow(headers)
        writer.writerow(values)
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def kobo_attachments(folder: Path) -> Path:
    """The attachments download: `<owner>/attachments/<formhub uuid>/<_uuid>/<file>`; Kobo
    writes spaces in names as "_". Camera JPEGs lying sideways with EXIF orientation 6. The
    last submission's photo is missing."""
    for n, sub in enumerate(submissions()[:3], start=1):
        for seed, (_, _, file) in enumerate(sub["rooms"]):
            if file:
                photo(folder / OWNER / "attachments" / FORMHUB / _uuid(n) /
                      file.replace(" ", "_"), seed=n * 10 + seed)
    return folder


def central_zip(path: Path, copies: int = 1) -> Path:
    """ODK Central's CSV ZIP of the same form: `<form>.csv`, `<form>-rooms.csv`, media/."""
    form = "konut_degerlendirme"
    main, rooms = io.StringIO(), io.StringIO()
    main_writer, rooms_writer = csv.writer(main), csv.writer(rooms)
    rooms_writer.writerow([name for name, _ in ROOM_HEADERS] + ["PARENT_KEY", "KEY"])
    with zipfile.ZipFile(path, "w") as archive:
        for n, sub in enumerate(submissions(copies), start=1):
            key = f"uuid:{_uuid(n)}"
            headers = ["SubmissionDate", "start", "end", "today"]
            values = ["2026-11-20T07:00:00.000Z", "2026-11-20T09:00:00.000+03:00",
                      "2026-11-20T09:40:00.000+03:00", "2026-11-20"]
            for group, _, name, _ in QUESTIONS:
                headers.append(f"{group}-{name}" if group else name)
                values.append(_value(sub, name, False))
            headers += ["meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
                        "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState",
                        "DeviceID", "Edits", "FormVersion"]
            values += [key, key, "5", "eng1", "1", "1", "", "", "", "0", "vX1"]
            if n == 1:
                main_writer.writerow(headers)
            main_writer.writerow(values)
            for index, (name, length, file) in enumerate(sub["rooms"], start=1):
                rooms_writer.writerow([name, length, "3.0", "2.6", file, key,
                                       f"{key}/rooms[{index}]"])
                if file and n <= 3:  # the fourth submission's photo is missing
                    picture = photo(path.parent / "odk-media" / file, seed=n * 10 + index)
                    archive.write(picture, f"media/{file}")
        archive.writestr(f"{form}.csv", main.getvalue())
        archive.writestr(f"{form}-rooms.csv", rooms.getvalue())
    return path
