"""Realistic demo data: offices in the six programme provinces, households, landlords and
dwellings at every stage of the case flow.

Rows go in through bulk INSERTs in one transaction: 100,000 dwellings for a benchmark take
seconds, not minutes, and an interrupted run leaves the database as it was.
"""

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from shelter_app.data import totals
from shelter_app.data.engine import Database
from shelter_app.data.models import (
    Assessment,
    Dwelling,
    DwellingSearchToken,
    Household,
    Landlord,
    Office,
    User,
)
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.ids import make_tckn, make_vkn, make_ykn
from shelter_app.domain.stages import LandlordKind, ProtectionStatus, Role, Stage
from shelter_app.domain.textfold import fold, tokens
from shelter_app.demo.agreements import add_demo_agreements, store_demo_scan
from shelter_app.demo.assessments import DemoAssessor
from shelter_app.demo.closing import close_the_record, share_case_photos
from shelter_app.services.accounts.auth import hash_password
from shelter_app.demo.boq import DemoDwelling, add_demo_boqs
from shelter_app.demo.labour import add_demo_labour
from shelter_app.services.cases.dwellings import token_rows
from shelter_app.services.reference_data import OfficeInfo, demo_names, offices
from shelter_app.services.cases.references import format_ref

# How often each stage occurs; early stages are the most common in a running programme.
STAGE_WEIGHTS = {
    Stage.REGISTERED: 14,
    Stage.ASSESSED: 14,
    Stage.BOQ_DRAFTED: 12,
    Stage.BOQ_APPROVED: 10,
    Stage.AGREEMENT_SIGNED: 10,
    Stage.WORKS_IN_PROGRESS: 16,
    Stage.COMPLETED: 12,
    Stage.MONITORED: 12,
}
BANK_CODES = ("00010", "00012", "00015", "00046", "00062", "00064", "00067", "00111")
CHUNK = 5_000
# Every demo user signs in with this password (see README); never used outside demo data.
DEMO_PASSWORD = "demo-password"
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class DemoSummary:
    offices: int
    households: int
    landlords: int
    dwellings: int


def dwelling_count(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Dwelling)) or 0


def _budget(size: int, number: int) -> Decimal:
    """An office's budget: about 150,000 TL per case it gets, a little more or less by office,
    so the Reports page shows one office near its limit and others with room."""
    cases = max(1, size // len(offices()))
    return Decimal(cases * (125_000 + 15_000 * (number % 4)))


def create_demo(db: Database, size: int = 120, *, seed: int = 2026,
                progress: Progress | None = None, photos: bool = False) -> DemoSummary:
    """Fill an empty database with `size` dwellings and everything they link to; with `photos`,
    also before/after photos of one completed dwelling per office (about a second more)."""
    if size < 1:
        raise UserError(translate("demo", "--size must be at least 1."), field="size")
    existing = dwelling_count(db)
    if existing:
        raise UserError(
            translate(
                "demo",
                "The database already holds %n dwellings; demo data only goes into an empty "
                "database. Use --db to name a new file.", "", existing,
            )
        )
    maker = _Maker(random.Random(seed))
    with db.write() as session:
        office_ids = {office.code: office for office in session.scalars(select(Office))}
        for number, info in enumerate(offices()):
            if info.code not in office_ids:
                office_ids[info.code] = Office(code=info.code, name=info.name,
                                               province=info.province,
                                               budget=_budget(size, number))
                session.add(office_ids[info.code])
        session.flush()
        _add_users(session, office_ids)
        session.flush()
        assessor = DemoAssessor(session, random.Random(seed + 2), maker.now)
        tables: dict[Any, list[dict[str, Any]]] = {  # inserted in this order (foreign keys)
            Household: [], Landlord: [], Dwelling: [], DwellingSearchToken: [], Assessment: []
        }
        landlords_by_office: dict[str, list[dict[str, Any]]] = {}
        staged: list[DemoDwelling] = []  # for the BoQs, inserted after their dwellings
        for number in range(size):
            info = offices()[number % len(offices())]
            seq = number // len(offices()) + 1
            office_id = office_ids[info.code].id
            household = maker.household(info, seq, office_id)
            pool = landlords_by_office.setdefault(info.code, [])
            if not pool or maker.rng.random() < 0.6:
                pool.append(maker.landlord(info, len(pool) + 1, office_id))
                tables[Landlord].append(pool[-1])
            landlord = maker.rng.choice(pool)
            dwelling = maker.dwelling(info, seq, office_id, household["id"], landlord["id"])
            tables[Household].append(household)
            tables[Dwelling].append(dwelling)
            tables[Assessment].extend(assessor.rows(dwelling, household))
            staged.append((dwelling["id"], dwelling["ref"], office_id, dwelling["stage"]))
            words = tokens(
                dwelling["ref"], info.province, dwelling["district"], dwelling["neighbourhood"],
                dwelling["street"], household["head_name"], household["ref"], landlord["name"],
            )
            tables[DwellingSearchToken].extend(token_rows(dwelling["id"], dwelling["ref"], words))
            if len(tables[Dwelling]) >= CHUNK:
                _flush(session, tables)
                if progress:
                    progress(number + 1, size)
        _flush(session, tables)
        add_demo_boqs(session, staged, random.Random(seed + 1), maker.now)
        add_demo_labour(session, staged, random.Random(seed + 2), maker.now, maker.person_name)
        add_demo_agreements(session, staged, random.Random(seed + 5), maker.now)
        close_the_record(session)
        totals.rebuild(session)  # the records above went in bulk, past the flush that keeps them
        if progress:
            progress(size, size)
    store_demo_scan(db)  # the signed demo agreements' scan
    landlords = sum(len(pool) for pool in landlords_by_office.values())
    if photos:
        from shelter_app.demo.sample_photos import add_demo_photos

        add_demo_photos(db, random.Random(seed + 3))
        share_case_photos(db)
    return DemoSummary(len(offices()), size, landlords, size)


def _add_users(session: Any, offices_by_code: dict[str, Office]) -> None:
    """An admin, and an engineer and a supervisor per office, all with DEMO_PASSWORD."""
    existing = set(session.scalars(select(User.username)))
    wanted = [("admin", "Demo Admin", Role.ADMIN, None)]
    for code, office in sorted(offices_by_code.items()):
        wanted.append((f"engineer.{code.lower()}", f"Mühendis {office.province}", Role.ENGINEER,
                       office.id))
        wanted.append((f"supervisor.{code.lower()}", f"Süpervizör {office.province}",
                       Role.SUPERVISOR, office.id))
    password_hash = hash_password(DEMO_PASSWORD)
    for username, full_name, role, office_id in wanted:
        if username not in existing:
            session.add(User(username=username, full_name=full_name, role=role,
                             office_id=office_id, password_hash=password_hash,
                             must_change_password=False))


def _flush(session: Any, tables: dict[Any, list[dict[str, Any]]]) -> None:
    for model, rows in tables.items():
        if rows:
            session.execute(model.__table__.insert(), rows)
            rows.clear()


class _Maker:
    """Builds one realistic row at a time from a seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.names = demo_names()
        self.now = clock.now()

    def digits(self, count: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(count))

    def tckn(self) -> str:
        """A citizen's number: never starting with 99, which marks a foreigner's YKN."""
        return make_tckn(str(self.rng.randint(1, 8)) + self.digits(8))

    def person_name(self, syrian: bool) -> str:
        if syrian and self.rng.random() < 0.25:
            return self.rng.choice(self.names["arabic_script"])
        first, last = ("arabic_latin_first", "arabic_latin_last") if syrian else (
            "turkish_first", "turkish_last")
        return f"{self.rng.choice(self.names[first])} {self.rng.choice(self.names[last])}"

    def household(self, info: OfficeInfo, seq: int, office_id: uuid.UUID) -> dict[str, Any]:
        syrian = self.rng.random() < 0.75
        adults = self.rng.randint(1, 3)
        members = {
            "female_0_17": self.rng.randint(0, 3),
            "male_0_17": self.rng.randint(0, 3),
            "female_18_59": adults // 2 + self.rng.randint(0, 1),
            "male_18_59": adults - adults // 2,
            "female_60_plus": int(self.rng.random() < 0.15),
            "male_60_plus": int(self.rng.random() < 0.1),
        }
        vulnerabilities = self.rng.sample(self.names["vulnerabilities"], self.rng.randint(0, 2))
        return {
            "id": uuid.uuid4(),
            "ref": format_ref(info.code, "household", seq),
            "office_id": office_id,
            "head_name": self.person_name(syrian),
            "head_id_number": make_ykn(self.digits(7)) if syrian else self.tckn(),
            "nationality": "Suriye" if syrian else "Türkiye",
            "protection_status": ProtectionStatus.TEMPORARY if syrian else ProtectionStatus.HOST,
            "phone": "+905" + self.digits(9),
            "members": members,
            "vulnerabilities": vulnerabilities,
            "consent_at": self.now - timedelta(days=self.rng.randint(10, 600)),
        }

    def landlord(self, info: OfficeInfo, seq: int, office_id: uuid.UUID) -> dict[str, Any]:
        company = self.rng.random() < 0.12
        name = self.rng.choice(self.names["companies"]) if company else self.person_name(False)
        return {
            "id": uuid.uuid4(),
            "ref": format_ref(info.code, "landlord", seq),
            "office_id": office_id,
            "kind": LandlordKind.COMPANY if company else LandlordKind.PERSON,
            "name": name,
            "search_key": fold(name),
            "id_number": None if company else self.tckn(),
            "tax_number": make_vkn(self.digits(9)) if company else None,
            "iban": make_tr_iban(self.rng.choice(BANK_CODES), self.digits(16)),
            "phone": "+905" + self.digits(9),
            "address": f"{self.rng.choice(self.names['streets'])} No:{self.rng.randint(1, 90)}, "
                       f"{info.province}",
        }

    def dwelling(self, info: OfficeInfo, seq: int, office_id: uuid.UUID,
                 household_id: uuid.UUID, landlord_id: uuid.UUID) -> dict[str, Any]:
        district = self.rng.choice(sorted(info.districts))
        rooms = self.rng.randint(1, 4)
        return {
            "id": uuid.uuid4(),
            "ref": format_ref(info.code, "dwelling", seq),
            "office_id": office_id,
            "province": info.province,
            "district": district,
            "neighbourhood": self.rng.choice(info.districts[district]),
            "street": self.rng.choice(self.names["streets"]),
            "building_no": str(self.rng.randint(1, 120)),
            "flat_no": str(self.rng.randint(1, 12)) if self.rng.random() < 0.8 else None,
            "latitude": _coordinate(info.lat + self.rng.uniform(-0.05, 0.05)),
            "longitude": _coordinate(info.lon + self.rng.uniform(-0.05, 0.05)),
            "dwelling_type": self.rng.choice(("apartment", "apartment", "house", "basement")),
            "floor_area_m2": Decimal(self.rng.randint(25 + rooms * 10, 40 + rooms * 25)),
            "rooms": rooms,
            "landlord_id": landlord_id,
            "household_id": household_id,
            "stage": self.rng.choices(list(STAGE_WEIGHTS), weights=list(STAGE_WEIGHTS.values()))[0],
        }


def _coordinate(value: float) -> Decimal:
    return Decimal(f"{value:.6f}")
