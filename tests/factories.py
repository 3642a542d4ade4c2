"""Small builders for records a test needs, with valid defaults that a test can override."""

import itertools
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, Household, Landlord, Office
from shelter_app.domain.ids import make_tckn
from shelter_app.domain.stages import LandlordKind, ProtectionStatus, Stage
from shelter_app.services.cases.dwellings import reindex

_numbers = itertools.count(1)


def office(db: Database, code: str = "GAZ", **fields: Any) -> Office:
    with db.write() as session:
        record = Office(code=code, name=fields.pop("name", f"{code} office"),
                        province=fields.pop("province", "Gaziantep"), **fields)
        session.add(record)
    return record


def dwelling(db: Database, office_record: Office, *, head_name: str = "Ayşe Yılmaz",
             landlord_name: str = "Mehmet Öztürk", stage: Stage = Stage.REGISTERED,
             **fields: Any) -> Dwelling:
    """A dwelling with its household and landlord, indexed for search."""
    n = next(_numbers)
    with db.write() as session:
        household = Household(
            ref=f"{office_record.code}-H-{n:06d}", office_id=office_record.id,
            head_name=head_name, head_id_number=make_tckn(f"{100000000 + n}"),
            nationality="Türkiye", protection_status=ProtectionStatus.HOST,
            members={"female_18_59": 1},
        )
        landlord = Landlord(
            ref=f"{office_record.code}-L-{n:06d}", office_id=office_record.id,
            kind=LandlordKind.PERSON, name=landlord_name,
        )
        session.add_all([household, landlord])
        session.flush()
        values = {
            "ref": f"{office_record.code}-D-{n:06d}", "office_id": office_record.id,
            "province": office_record.province, "district": "Şahinbey",
            "neighbourhood": "Karşıyaka", "street": "Gül Sokak", "building_no": "5",
            "household_id": household.id, "landlord_id": landlord.id, "stage": stage,
        }
        values.update(fields)
        record = Dwelling(**values)
        session.add(record)
        reindex(session, record)
    return record


def assessed_dwelling(db: Database, office_code: str = "GAZ") -> str:
    """The reference of the first demo dwelling of an office at stage "assessed"."""
    from sqlalchemy import select

    with db.read() as session:
        return session.scalar(
            select(Dwelling.ref).join(Office, Office.id == Dwelling.office_id)
            .where(Office.code == office_code, Dwelling.stage == Stage.ASSESSED)
            .order_by(Dwelling.ref).limit(1))


def activate_on_start(db: Database, actor: Any, number: str) -> Any:
    """Activate an agreement on its start date (not before: domain.lease.check_activation),
    the clock then back where it was."""
    from datetime import UTC, datetime, time

    import time_machine
    from sqlalchemy import select

    from shelter_app.data.models import LeaseAgreement
    from shelter_app.services.agreements.agreements import activate

    with db.read() as session:
        start = session.scalar(select(LeaseAgreement.start_date).where(
            LeaseAgreement.number == number))
    with time_machine.travel(datetime.combine(start, time(9), tzinfo=UTC), tick=False):
        return activate(db, actor, number)


def damage_an_index(source: Path, copy: Path) -> None:
    """Write to `copy` the file `source` with one leaf page of its first index that spans more
    than one page overwritten: SQLite's quick_check reports it, the tables still read."""
    with closing(sqlite3.connect(source)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        roots = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'index' "
                             "AND rootpage > 1 ORDER BY name").fetchall()
    data = bytearray(source.read_bytes())
    for (root,) in roots:
        start = (root - 1) * page_size
        if data[start] == 2:  # an interior index page: its right-most child is a leaf page
            child = int.from_bytes(data[start + 8:start + 12], "big")
            data[(child - 1) * page_size:child * page_size] = b"\xff" * page_size
            break
    else:
        raise AssertionError("no index of the database spans two pages")
    copy.write_bytes(bytes(data))
