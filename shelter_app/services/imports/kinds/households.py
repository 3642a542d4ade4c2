"""Households from a beneficiary list or a Kobo registration form.

Members come either as one column per age band or, from Kobo, as a repeat group with each
person's sex and age, counted into the bands. Vulnerabilities are one list column (codes,
English or Turkish names, Kobo's space-separated select_multiple) or one yes/no column each.
A household is the same one when its head's ID number is.
"""

import uuid
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from shelter_app.data import totals
from shelter_app.data.audit import insert_audited
from shelter_app.data.models import Dwelling, Household, Landlord, Office, Worker
from shelter_app.domain.errors import ValidationError
from shelter_app.domain.household import (
    MEMBER_KEYS,
    NATIONALITIES,
    UNSPECIFIED,
    VULNERABILITIES,
    member_label,
    nationality_label,
)
from shelter_app.domain.household import vulnerability_label as _vulnerability
from shelter_app.domain.i18n import translate
from shelter_app.domain.stages import ProtectionStatus
from shelter_app.domain.textfold import fold
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.cases.access import office_for_new_case
from shelter_app.services.cases.duplicate_ids import registered_as
from shelter_app.services.cases.households import HouseholdInput, clean_household
from shelter_app.services.cases.references import device_mark, format_ref, next_number
from shelter_app.services.imports.kinds.base import (
    Checked,
    Choices,
    Field,
    Key,
    Kind,
    Line,
    changed,
    choices,
    people_by_id,
    question_name,
)
from shelter_app.services.imports.sources import Cell
from shelter_app.services.imports.values import (
    as_choice,
    as_date,
    as_flag,
    as_list,
    as_text,
)

_STATUS = choices({
    ProtectionStatus.TEMPORARY: ("temporary protection", "geçici koruma", "gk", "gecici"),
    ProtectionStatus.INTERNATIONAL: ("international protection", "uluslararası koruma", "uk",
                                     "refugee", "mülteci", "asylum seeker", "sığınmacı"),
    ProtectionStatus.HOST: ("host community", "host", "ev sahibi topluluk", "tc vatandaşı",
                            "t.c. vatandaşı", "türk vatandaşı", "vatandaş", "citizen",
                            "turkish citizen", "مواطن تركي", "مواطن"),
    ProtectionStatus.OTHER: ("other", "diğer", "residence permit", "ikamet izni", "ikamet",
                             "إقامة"),
})
_STATUS.update(choices({
    ProtectionStatus.TEMPORARY: ("حماية مؤقتة", "kimlik", "temporary"),
    ProtectionStatus.INTERNATIONAL: ("حماية دولية", "international"),
}))
# how Kobo choice lists and their labels write the nationalities the form offers
_NATIONALITY_NAMES = choices({
    "Suriye": ("syria", "syrian", "suriyeli", "سوريا", "سوري", "syr"),
    "Türkiye": ("turkey", "turkiye", "turkish", "türk", "tc", "تركيا", "تركي", "tur"),
    "Afganistan": ("afghanistan", "afghan", "afgan", "أفغانستان", "afg"),
    "Irak": ("iraq", "iraqi", "iraklı", "العراق", "عراقي", "irq"),
    "İran": ("iran", "iranian", "iranlı", "إيران", "irn"),
    "Somali": ("somalia", "somali", "somalili", "الصومال", "som"),
})
_VULNERABILITY = choices({
    "disability": ("engelli", "engellilik", "disabled"),
    "chronic_illness": ("chronic illness", "kronik hastalık", "kronik"),
    "older_person": ("older person", "elderly", "yaşlı", "yaşlı birey"),
    "female_headed": ("female headed household", "female headed", "kadın hane reisi"),
    "child_headed": ("child headed household", "child headed", "çocuk hane reisi"),
    "pregnant_lactating": ("pregnant", "lactating", "pregnant or lactating woman", "hamile",
                           "emziren", "hamile veya emziren"),
})
_BANDS = {
    "female_0_17": ("kız 0 17", "girls", "female 0 17", "kız çocuk"),
    "male_0_17": ("erkek 0 17", "boys", "male 0 17", "erkek çocuk"),
    "female_18_59": ("kadın 18 59", "women", "female 18 59", "kadın"),
    "male_18_59": ("erkek 18 59", "men", "male 18 59", "erkek"),
    "female_60_plus": ("kadın 60", "women 60", "female 60 plus", "yaşlı kadın"),
    "male_60_plus": ("erkek 60", "men 60", "male 60 plus", "yaşlı erkek"),
}
_SEX = choices({"female": ("f", "k", "kadın", "kız", "woman", "girl"),
                "male": ("m", "e", "erkek", "man", "boy")})
_SEX_HEADERS = {"sex", "gender", "cinsiyet", "cinsiyeti"}
_AGE_HEADERS = {"age", "yas", "yasi"}


FIELDS = (
    Field("head_name", lambda: translate("imports", "Head of household"),
          ("ad soyad", "adı soyadı", "hane reisi", "hane reisi adı soyadı", "head of household",
           "head name", "name", "full name", "isim"), required=True),
    Field("id_number", lambda: translate("imports", "ID number (TCKN/YKN)"),
          ("tc kimlik no", "tckn", "kimlik no", "ykn", "yabancı kimlik no", "id number", "id no",
           "tc no", "kimlik numarası", "head id number"), required=True),
    Field("nationality", lambda: translate("imports", "Nationality"),
          ("uyruk", "uyruğu", "nationality", "ülke", "الجنسية"), required=True,
          choices=Choices(lambda: [(n, nationality_label(n)) for n in NATIONALITIES],
                          lambda: _NATIONALITY_NAMES)),
    Field("protection_status", lambda: translate("imports", "Protection status"),
          ("koruma statüsü", "statü", "protection status", "legal status", "status",
           "yasal statü", "yasal durum", "legal_status", "الوضع القانوني"), required=True,
          choices=Choices(lambda: [(s.value, s.label) for s in ProtectionStatus],
                          lambda: _STATUS)),
    Field("consent_on", lambda: translate("imports", "Consent date"),
          ("rıza tarihi", "onam tarihi", "açık rıza tarihi", "consent date", "consent on",
           "consent"), required=True),
    Field("phone", lambda: translate("imports", "Phone"), ("telefon", "tel", "cep telefonu", "gsm", "phone", "mobile",
                                     "phone number")),
    *(Field(f"members.{key}", (lambda key=key: member_label(key)), _BANDS[key])
      for key in MEMBER_KEYS),
    Field("household_size", lambda: translate("imports", "Household size"),
          ("hane büyüklüğü", "hane nüfusu", "hanedeki kişi sayısı", "household size", "hh size",
           "hh_size", "family size", "حجم الأسرة")),
    Field("vulnerabilities", lambda: translate("imports", "Vulnerabilities"),
          ("kırılganlıklar", "özel ihtiyaçlar", "vulnerabilities", "vulnerability"),
          choices=Choices(lambda: [(code, _vulnerability(code)) for code in VULNERABILITIES],
                          lambda: _VULNERABILITY, multiple=True)),
    *(Field(f"vulnerability.{code}", (lambda code=code: _vulnerability(code)),
            (f"vulnerabilities {code}", code.replace("_", " ")))
      for code in VULNERABILITIES),
)

# the field keys a row is read by, made once (every row asks for each)
_BAND_FIELDS = tuple((key, f"members.{key}") for key in MEMBER_KEYS)
_FLAG_FIELDS = tuple((code, f"vulnerability.{code}") for code in VULNERABILITIES)


class Households(Kind):
    name = "households"
    entity = Household.__tablename__
    fields = FIELDS
    check_reads = ("elsewhere",)

    def label(self) -> str:
        return translate("imports", "households")

    def prepare(self, session: Session, actor: Actor, office: Office | None
                ) -> dict[Key, uuid.UUID]:
        self.office = office_for_new_case(session, actor, office)
        rows = session.execute(select(Household.head_id_number, Household.id, Household.ref)
                               .where(Household.deleted_at.is_(None),
                                      Household.head_id_number.is_not(None))).all()
        self.refs = {record_id: ref for _, record_id, ref in rows}  # a re-import names them all
        self.elsewhere = people_by_id(session, (Landlord, Landlord.id_number),
                                      (Worker, Worker.id_number))
        return {("id_number", number): record_id for number, record_id, _ in rows}

    def check(self, line: Line) -> Checked:
        data = HouseholdInput(
            head_name=as_text(line.get("head_name")),
            id_number=as_text(line.get("id_number")),
            nationality=_nationality(as_text(line.get("nationality"))),
            protection_status=as_choice(
                line.get("protection_status"), "protection_status", _STATUS,
                lambda: ", ".join(status.value for status in ProtectionStatus)) or "",
            consent_on=as_date(line.get("consent_on"), "consent_on"),
            members=_members(line),
            size=as_text(line.get("household_size")),
            vulnerabilities=_vulnerabilities(line),
            phone=as_text(line.get("phone")),
        )
        values, warnings = clean_household(data)
        messages = [message for _, message in warnings]
        notes = []
        if values["members"].keys() == {UNSPECIFIED}:
            notes.append(translate(
                "imports", "Only the household's size is given (%n people); its members by "
                           "sex and age can be added in the household form.", "",
                values["members"][UNSPECIFIED]))
        duplicates = [registered_as(self.elsewhere[values["head_id_number"]])] \
            if values["head_id_number"] in self.elsewhere else []
        return Checked(values, [("id_number", values["head_id_number"])], messages, duplicates,
                       notes=notes)

    def create(self, session: Session, rows: list[Checked]) -> list[tuple[uuid.UUID, str]]:
        if not rows:
            return []
        code = self.office.code
        first = next_number(session, Household.ref, code, "household")
        mark = device_mark(session)
        refs = [format_ref(code, "household", first + n, mark) for n in range(len(rows))]
        values = [row.values for row in rows]
        columns = {name: [row[name] for row in values] for name in values[0]}
        # the kept totals written with each row (data.totals): a new household has no
        # agreement yet, so it reaches no one and no other total changes
        ids = insert_audited(session, Household, {
            **columns, "office_id": [self.office.id] * len(rows), "ref": refs,
            **totals.households_columns(columns["members"], columns["vulnerabilities"])})
        return list(zip(ids, refs, strict=True))

    def update(self, session: Session, record_id: uuid.UUID, row: Checked) -> bool:
        return changed(session, session.get(Household, record_id), row.values,
                       Dwelling.household_id)

    def office_of(self, session: Session, record_id: uuid.UUID) -> uuid.UUID | None:
        return session.scalar(select(Household.office_id).where(Household.id == record_id))

    def describe(self, session: Session, record_id: uuid.UUID) -> str:
        return self.refs.get(record_id) or session.scalar(
            select(Household.ref).where(Household.id == record_id)) or ""


def _nationality(text: str) -> str:
    """The nationality as the household form stores it, when it is one the form offers."""
    return _NATIONALITY_NAMES.get(fold(text)) or _NATIONALITY_NAMES.get(
        fold(text).replace(" ", "_")) or text


def _members(line: Line) -> Mapping[str, int | str]:
    """The band columns, or the Kobo members repeat group counted into bands."""
    bands = {key: as_text(line.get(column)) for key, column in _BAND_FIELDS}
    if any(bands.values()):
        return bands
    people = [person for rows in line.children.values() for person in rows
              if _SEX_HEADERS & {question_name(h) for h in person}]
    counts = dict.fromkeys(MEMBER_KEYS, 0)
    for person in people:
        sex = as_choice(_pick(person, _SEX_HEADERS), "members.sex", _SEX, lambda: "female, male")
        age_text = as_text(_pick(person, _AGE_HEADERS))
        if sex is None or not age_text.isdigit():
            raise ValidationError(translate(
                "imports", "Each household member needs a sex (female/male) and an age in whole "
                           "years; '{sex}', '{age}' is not that.").format(
                sex=as_text(_pick(person, _SEX_HEADERS)), age=age_text),
                field=f"members.{MEMBER_KEYS[2]}")
        age = int(age_text)
        band = "0_17" if age < 18 else "18_59" if age < 60 else "60_plus"
        counts[f"{sex}_{band}"] += 1
    return counts


def _pick(row: Mapping[str, Cell], names: set[str]) -> Cell:
    return next((value for header, value in row.items() if question_name(header) in names), None)


def _vulnerabilities(line: Line) -> list[str]:
    cell = line.get("vulnerabilities")
    whole = _VULNERABILITY.get(fold(as_text(cell)))  # one name of several words
    codes = [whole] if whole else [
        as_choice(item, "vulnerabilities", _VULNERABILITY, lambda: ", ".join(VULNERABILITIES))
        for item in as_list(cell)]
    codes += [code for code, key in _FLAG_FIELDS if as_flag(line.get(key), key)]
    return [code for code in codes if code]
