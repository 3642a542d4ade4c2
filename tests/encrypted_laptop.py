"""A new laptop's encrypted database with an administrator and one case, for the tests of
encryption at rest (services and ui); and the personal data, photo and scan to fill it with."""

import hashlib
from pathlib import Path

import photo_files
from factories import dwelling, office
from sqlalchemy import select, text

from shelter_app.data.migrate import open_database
from shelter_app.data.models import Dwelling, Landlord, Office, Photo
from shelter_app.domain.iban import make_tr_iban
from shelter_app.domain.stages import Role
from shelter_app.data import database_file
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.backup import backup_now
from shelter_app.services.files import PHOTO, SCAN, THUMB, read_stored, store
from shelter_app.services.photos import photos

# quotes, a semicolon and Arabic letters: nothing of it may reach SQL, all of it must unlock
PASSWORD = "a\"b'c; DROP TABLE users;-- كلمة سر"
HEAD = "Fatma Zehra Demirtaş"
IBAN = make_tr_iban("00062", "0000000098765432")
ARABIC = "محمد عبد الرحمن الأحمد"


def make_laptop(path: Path, *, encrypted: bool = True) -> tuple[Path, bytes, auth.Actor, str]:
    """The path, key, administrator (ayse.admin, PASSWORD) and the head of household's ID
    number of a new encrypted database at `path` (closed again); with encrypted=False, a
    database from before encryption (its key is then None)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = database_file.key_for_new(str(path)) if encrypted else None
    assert key is not None or not encrypted
    db = open_database(str(path), key=key)
    admin = auth.create_first_admin(db, "ayse.admin", "Ayşe Kaya", PASSWORD, PASSWORD)
    record = dwelling(db, office(db), head_name=HEAD)
    with db.write() as session:
        session.get(Landlord, record.landlord_id).iban = IBAN
        tckn = session.scalar(text("SELECT head_id_number FROM households"))
    db.dispose()
    return path, key, admin, tckn


def fill_laptop(path: Path, key: bytes | None, admin: auth.Actor, tmp: Path) -> dict[str, bytes]:
    """A second household with an Arabic name, a camera photo on the first dwelling and a
    signed scan naming the household; returns the secrets to look for, by label."""
    db = open_database(str(path), key=key)
    try:
        with db.read() as session:
            office = session.scalars(select(Office)).one()
            ref = session.scalars(select(Dwelling.ref)).first()
        dwelling(db, office, head_name=ARABIC)
        auth.create_user(db, admin, username="mehmet.oz", full_name="Mehmet Öz",
                         role=Role.ENGINEER, office_code=office.code, password="kavun-sergi-42")
        engineer = auth.sign_in(db, "mehmet.oz", "kavun-sergi-42")[0]
        outcome = photos.import_photos(db, engineer, ref, [photo_files.photo(tmp / "wall.jpg")],
                                       workers=0)[0]
        assert outcome.photo_id is not None, outcome.message
        with db.read() as session:
            sha = session.scalars(select(Photo.sha256)).one()
            tckn = session.scalar(text("SELECT head_id_number FROM households LIMIT 1"))
        stored, thumb = read_stored(db, PHOTO, sha), read_stored(db, THUMB, sha)
        scan = b"%PDF-1.4 signed by " + HEAD.encode() + b" " + tckn.encode()
        store(db, SCAN, hashlib.sha256(scan).hexdigest(), scan)
        backup_now(db, SYSTEM)
    finally:
        db.dispose()
    middle = len(stored) // 2
    return {"tckn": tckn.encode(), "iban": IBAN.encode(), "name": HEAD.encode(),
            "arabic": ARABIC.encode(), "arabic-utf16": ARABIC.encode("utf-16-le"),
            "photo header (EXIF/JFIF)": stored[:48], "photo pixels": stored[middle:middle + 48],
            "thumbnail pixels": thumb[len(thumb) // 2:len(thumb) // 2 + 48],
            "scan": scan[:24]}
