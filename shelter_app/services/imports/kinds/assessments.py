"""Assessments collected on phones with KoboToolbox/ODK (or typed into a sheet).

One row is one visit: the dwelling (its reference, or its household's reference or head's ID
number), the date, the occupants, a 1-4 condition per component, the decision and its reason.
Kobo repeat groups give the rooms (name, length, width, height) and openings (room, window or
door, width, height, count); photo columns name files in the attachments folder, which go to the
dwelling. The score is computed with the settings of the assessment's day, as the form does.
An assessment is the same one when the dwelling and the day are, or the Kobo submission is.
"""

import uuid
from collections.abc import Mapping
from dataclasses import replace

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from shelter_app.data.models import Assessment, Dwelling, Household, Office
from shelter_app.domain.assessment import (
    COMPONENTS,
    SCORES,
    component_label,
    score_label,
)
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import PhotoTag
from shelter_app.domain.takeoff import OpeningInput, OpeningKind, RoomInput
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.assessments.assessments import (
    AssessmentInput,
    assessment_values,
    check_assessment,
    check_stage,
)
from shelter_app.services.cases.access import in_office
from shelter_app.services.imports.kinds.base import (
    Checked,
    Choices,
    Field,
    Key,
    Kind,
    Line,
    changed,
    choices,
    question_name,
)
from shelter_app.services.imports.sources import Cell
from shelter_app.services.imports.values import (
    NO,
    YES,
    as_choice,
    as_date,
    as_flag,
    as_text,
)

# the app's scale, 1 good … 4 failed, as words in English, Turkish and Arabic: a label export's
# words say their direction; numbers never do (services.imports.choices)
_SCORE = choices({"1": ("good", "iyi", "sağlam", "very good", "çok iyi", "جيدة", "جيد"),
                  "2": ("fair", "orta", "minor repairs", "average", "متوسطة", "متوسط"),
                  "3": ("poor", "kötü", "major repairs", "bad", "سيئة", "سيء"),
                  "4": ("failed", "çok kötü", "unsafe", "missing", "yok", "very poor",
                        "very bad", "سيئة جدا", "سيء جدا")})
_FLAG = {**dict.fromkeys(YES, "yes"), **dict.fromkeys(NO, "no")}
_SCALE = Choices(lambda: [(str(score), score_label(score)) for score in SCORES],
                 lambda: _SCORE, scale=True)
_YES_NO = Choices(lambda: [("yes", translate("imports", "Yes")),
                           ("no", translate("imports", "No"))], lambda: _FLAG)
_COMPONENT_NAMES = {
    "walls_insulation": ("duvarlar ve yalıtım", "duvar", "yalıtım", "walls", "insulation"),
    "roof": ("çatı", "السقف"), "windows": ("pencereler", "pencere", "النوافذ"),
    "doors": ("kapılar", "kapı"),
    "damp_mould": ("nem ve küf", "nem", "küf", "damp", "mould", "mold"),
    "water_sanitation": ("su ve sıhhi tesisat", "su", "sıhhi tesisat", "water", "sanitation"),
    "electricity": ("elektrik",), "heating": ("ısınma", "isitma", "heating"),
}
_OPENING = choices({OpeningKind.WINDOW: ("pencere",), OpeningKind.DOOR: ("kapı",)})
_ROOM = {"name": {"name", "room", "oda", "oda_adi", "room_name", "اسم_الغرفة"},
         "length": {"length", "length_m", "uzunluk", "uzunluk_m", "boy", "الطول"},
         "width": {"width", "width_m", "genislik", "genislik_m", "en", "العرض"},
         "height": {"height", "height_m", "yukseklik", "yukseklik_m", "الارتفاع"},
         "exterior": {"exterior", "exterior_m", "dis_cephe", "dis_duvar"},
         "kind": {"kind", "type", "tur", "tip", "opening_kind"},
         "count": {"count", "adet", "sayi"}}

FIELDS = (
    Field("dwelling_ref", lambda: translate("imports", "Dwelling (reference, or household)"),
          ("konut", "konut no", "dosya no", "dwelling", "dwelling ref", "dwelling reference",
           "hane", "household", "hane reisi tc", "head id number", "id number", "tc kimlik no",
           "kimlik no", "kimlik numarası", "رقم الهوية"), required=True),
    Field("assessed_on", lambda: translate("imports", "Assessment date"),
          ("değerlendirme tarihi", "ziyaret tarihi", "tarih", "assessment date", "assessed on",
           "visit date", "date", "today"), required=True),
    Field("occupants", lambda: translate("imports", "Occupants"),
          ("kişi sayısı", "hanede yaşayan kişi sayısı", "occupants", "people", "persons",
           "hane büyüklüğü", "household size", "hh size", "حجم الأسرة"),
          required=True),
    *(Field(f"condition.{code}", (lambda code=code: component_label(code)),
            (code, code.replace("_", " "), *_COMPONENT_NAMES[code]), choices=_SCALE)
      for code in COMPONENTS),
    Field("eligible", lambda: translate("imports", "Eligible"),
          ("uygun", "uygun mu", "uygunluk", "eligible", "eligibility", "uygun mu?"),
          choices=_YES_NO),
    Field("eligibility_reason", lambda: translate("imports", "Reason for the decision"),
          ("gerekçe", "karar gerekçesi", "reason", "eligibility reason", "decision reason"),
          required=True),
    Field("is_final", lambda: translate("imports", "Final assessment"),
          ("son değerlendirme", "final", "final assessment", "is final"), choices=_YES_NO),
    Field("notes", lambda: translate("imports", "Notes"), ("notlar", "açıklama", "notes",
                                                           "comments", "remarks", "ملاحظات")),
)


class Assessments(Kind):
    name = "assessments"
    entity = Assessment.__tablename__
    fields = FIELDS
    repeat_photos = True

    def label(self) -> str:
        return translate("imports", "assessments")

    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        self.session, self.actor = session, actor
        return {_visit(dwelling_id, day): record_id for record_id, dwelling_id, day in
                session.execute(select(Assessment.id, Assessment.dwelling_id,
                                       Assessment.assessed_on)
                                .where(Assessment.deleted_at.is_(None)))}

    def check(self, line: Line) -> Checked:
        dwelling = self._dwelling(as_text(line.get("dwelling_ref")))
        rooms, openings = _measurements(line.children)
        eligible = as_flag(line.get("eligible"), "eligible")
        data = AssessmentInput(
            assessed_on=as_date(line.get("assessed_on"), "assessed_on"),
            occupants=as_text(line.get("occupants")),
            conditions={code: (_score(line.get(f"condition.{code}"), code), "")
                        for code in COMPONENTS},
            eligible=eligible, eligibility_reason=as_text(line.get("eligibility_reason")),
            rooms=rooms, openings=openings,
            is_final=bool(as_flag(line.get("is_final"), "is_final")),
            notes=as_text(line.get("notes")))
        typed = check_assessment(data)
        check_stage(dwelling, data.is_final)
        values, _, _ = assessment_values(self.session, dwelling, typed)
        values["dwelling_id"] = dwelling.id
        return Checked(values, [_visit(dwelling.id, typed.assessed_on)],
                       photo_tag=PhotoTag.AFTER if data.is_final else PhotoTag.BEFORE)

    def _dwelling(self, text: str) -> Dwelling:
        """The dwelling by its reference, or the live dwelling of a household named by
        reference or head's ID number (the newest, when it moved)."""
        wanted = "".join(text.split()).upper()
        dwelling = None
        if wanted:
            dwelling = self.session.scalar(
                select(Dwelling).outerjoin(Household, Household.id == Dwelling.household_id)
                .where(or_(Dwelling.ref == wanted, Household.ref == wanted,
                           Household.head_id_number == wanted), Dwelling.deleted_at.is_(None))
                .order_by(Dwelling.created_at.desc()).limit(1))
        if dwelling is None:
            raise ValidationError(translate(
                "imports", "No dwelling '{value}' is registered; give the dwelling's reference "
                           "(GAZ-D-000123), or its household's reference or head's ID "
                           "number.").format(value=text), field="dwelling_ref")
        in_office(self.actor, dwelling.office_id, dwelling.ref)
        return dwelling

    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        created = []
        for row in rows:
            record = Assessment(assessor_id=self.actor.user_id, **row.values)
            session.add(record)
            session.flush()
            created.append((record.id, self.describe(session, record.id)))
        return created

    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        return changed(session, session.get(Assessment, record_id), row.values)

    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        found = session.execute(select(Dwelling.ref, Assessment.assessed_on)
                                .join(Dwelling, Dwelling.id == Assessment.dwelling_id)
                                .where(Assessment.id == record_id)).first()
        return f"{found[0]} {found[1]:%d.%m.%Y}" if found else ""

    def key_label(self, key: Key) -> str:
        return translate("imports", "assessment of the same dwelling on the same day")

    def photo_target(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return session.scalar(select(Assessment.dwelling_id).where(Assessment.id == record_id))

    def photo_assessment(self, record_id: uuid.UUID) -> uuid.UUID | None:
        return record_id

    def caption(self, cells: Mapping[str, Cell]) -> str:
        return room_caption(cells)


def _visit(dwelling_id: uuid.UUID, day: object) -> Key:
    return ("visit", f"{dwelling_id}|{day}")


def _score(cell: Cell, code: str) -> int | None:
    found = as_choice(cell, f"condition.{code}", _SCORE, lambda: "1, 2, 3, 4")
    return int(found) if found else None


def _measurements(children: Mapping[str, list[Mapping[str, Cell]]]
                  ) -> tuple[list[RoomInput], list[OpeningInput]]:
    """Rooms and openings from Kobo repeat groups, told apart by their questions: an
    opening has a kind (window/door), a room a length."""
    rooms, openings = [], []
    for rows in children.values():
        for row in rows:
            cells = {question_name(header): value for header, value in row.items()}

            def cell(name: str, cells: dict[str, Cell] = cells) -> str:
                return as_text(next((cells[q] for q in _ROOM[name] if q in cells), None))

            if any(q in cells for q in _ROOM["kind"]):
                kind = as_choice(cell("kind"), "opening.kind", _OPENING, lambda: "window, door")
                openings.append(OpeningInput(cell("name"), OpeningKind(kind or "window"),
                                             cell("width"), cell("height"),
                                             cell("count") or "1",
                                             as_flag(cell("exterior"), "exterior") is not False))
            elif any(q in cells for q in _ROOM["length"]):
                rooms.append(RoomInput(cell("name"), cell("length"), cell("width"),
                                       cell("height"), cell("exterior")))
    return _named_apart(rooms), openings


def _named_apart(rooms: list[RoomInput]) -> list[RoomInput]:
    """Two rooms of one name (two bedrooms) become "Yatak odası" and "Yatak odası (2)": the
    assessment tells rooms apart by name. An opening naming them is in the first."""
    seen: dict[str, int] = {}
    named = []
    for room in rooms:
        key = room.name.strip().casefold()
        seen[key] = seen.get(key, 0) + 1
        named.append(replace(room, name=f"{room.name.strip()} ({seen[key]})")
                     if key and seen[key] > 1 else room)
    return named


def room_caption(cells: Mapping[str, Cell]) -> str:
    """The room a repeat row's photo shows, by its name question ("" for other rows)."""
    return next((as_text(value) for header, value in cells.items()
                 if question_name(header) in _ROOM["name"]), "")
