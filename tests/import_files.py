"""Import files as the field sends them: Turkish Excel CSVs and a KoboToolbox XLSX export."""

from pathlib import Path

from openpyxl import Workbook

from shelter_app.domain.ids import make_tckn

HOUSEHOLD_HEADER = ("Adı Soyadı;TC Kimlik No;Uyruk;Koruma Statüsü;Rıza Tarihi;Telefon;"
                    "Kadın 18-59;Erkek 18-59;Kız 0-17;Kırılganlıklar")


def tckn(n: int) -> str:
    return make_tckn(f"{100000000 + n:09d}")


def household_line(n: int, name: str = "Ayşe Yılmaz", **overrides: str) -> str:
    values = {"name": name, "id": tckn(n), "nationality": "Suriye",
              "status": "Geçici koruma", "consent": "03.11.2026", "phone": "0532 123 45 67",
              "women": "1", "men": "1", "girls": "2", "vulnerabilities": "engelli"}
    values.update(overrides)
    return ";".join(values.values())


def turkish_csv(path: Path, lines: list[str], encoding: str = "cp1254") -> Path:
    """What Excel's "CSV (semicolon)" writes on a Turkish Windows: cp1254, CRLF."""
    path.write_bytes(("\r\n".join([HOUSEHOLD_HEADER, *lines]) + "\r\n").encode(encoding))
    return path


def kobo_households(path: Path, people: dict[int, list[tuple[str, int]]]) -> Path:
    """A KoboToolbox XLSX export of a household form with a `members` repeat group: the
    main sheet has `group/question` headers and `_uuid`/`_index`; the repeat group's sheet
    joins by `_parent_index`."""
    book = Workbook()
    main = book.active
    main.title = "Hane kaydı"
    main.append(["start", "household/head_name", "household/id_number", "household/nationality",
                 "household/protection_status", "consent/consent_date", "household/phone",
                 "household/vulnerabilities", "_id", "_uuid", "_submission_time", "_index"])
    members = book.create_sheet("members")
    members.append(["members/sex", "members/age", "_index", "_parent_index",
                    "_parent_table_name", "_submission__uuid"])
    child = 0
    for index, persons in people.items():
        uuid = f"5b0c1d2e-0000-4000-8000-{index:012d}"
        main.append(["2026-11-20T09:00:00.000+03:00", f"Fatma Şahin {index}", tckn(500 + index),
                     "Syria", "temporary_protection", "2026-11-20", "+905321234567",
                     "chronic_illness older_person", 1000 + index, uuid,
                     "2026-11-20T10:00:00", index])
        for sex, age in persons:
            child += 1
            members.append([sex, age, child, index, "Hane kaydı", uuid])
    book.save(path)
    return path


def kobo_assessments(path: Path, visits: list[dict[str, object]]) -> Path:
    """A KoboToolbox XLSX export of an assessment form: conditions and decision on the main
    sheet, `rooms` and `openings` repeat groups on their own sheets, a photo question with its
    `_URL` twin. Each visit: ref, day, uuid, rooms [(name, length, width, height, exterior)], openings
    [(room, kind, width, height, count)], photo (file name or "")."""
    book = Workbook()
    main = book.active
    main.title = "Konut değerlendirme"
    main.append(["start", "today", "dwelling/ref", "dwelling/occupants",
                 "conditions/walls_insulation", "conditions/roof", "conditions/windows",
                 "conditions/damp_mould", "decision/eligible", "decision/reason",
                 "photos/photo_front", "photos/photo_front_URL", "_id", "_uuid",
                 "_submission_time", "_index"])
    rooms = book.create_sheet("rooms")
    rooms.append(["rooms/room_name", "rooms/length", "rooms/width", "rooms/height",
                  "rooms/exterior_m", "_index",
                  "_parent_index", "_parent_table_name", "_submission__uuid"])
    openings = book.create_sheet("openings")
    openings.append(["openings/room", "openings/kind", "openings/width", "openings/height",
                     "openings/count", "_index", "_parent_index", "_parent_table_name",
                     "_submission__uuid"])
    room_index = opening_index = 0
    for index, visit in enumerate(visits, start=1):
        photo = str(visit.get("photo", ""))
        main.append(["2026-11-20T09:00:00.000+03:00", visit["day"], visit["ref"],
                     visit.get("occupants", 5), 3, 2, 4, 3, "yes",
                     "Duvarlarda nem ve küf; pencereler kırık.", photo,
                     f"https://kf.kobotoolbox.org/media/{photo}" if photo else "",
                     2000 + index, visit["uuid"], "2026-11-20T10:00:00", index])
        for name, length, width, height, exterior in visit.get("rooms", []):
            room_index += 1
            rooms.append([name, length, width, height, exterior, room_index, index,
                          "Konut değerlendirme", visit["uuid"]])
        for room, kind, width, height, count in visit.get("openings", []):
            opening_index += 1
            openings.append([room, kind, width, height, count, opening_index, index,
                             "Konut değerlendirme", visit["uuid"]])
    book.save(path)
    return path
