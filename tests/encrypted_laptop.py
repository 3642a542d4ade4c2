"""A new laptop's encrypted database with an administrator and one case, for the tests of
encryption at rest (services and ui)."""

from pathlib import Path

from factories import dwelling, office
from sqlalchemy import text

from shelter_app.data.migrate import open_database
from shelter_app.data.models import Landlord
from shelter_app.domain.iban import make_tr_iban
from shelter_app.services import encryption
from shelter_app.services.accounts import auth

# quotes, a semicolon and Arabic letters: nothing of it may reach SQL, all of it must unlock
PASSWORD = "a\"b'c; DROP TABLE users;-- كلمة سر"
HEAD = "Fatma Zehra Demirtaş"
IBAN = make_tr_iban("00062", "0000000098765432")


def make_laptop(path: Path) -> tuple[Path, bytes, auth.Actor, str]:
    """The path, key, administrator (ayse.admin, PASSWORD) and the head of household's ID
    number of a new encrypted database at `path` (closed again)."""
    key = encryption.key_for_new(str(path))
    assert key is not None
    db = open_database(str(path), key=key)
    admin = auth.create_first_admin(db, "ayse.admin", "Ayşe Kaya", PASSWORD, PASSWORD)
    record = dwelling(db, office(db), head_name=HEAD)
    with db.write() as session:
        session.get(Landlord, record.landlord_id).iban = IBAN
        tckn = session.scalar(text("SELECT head_id_number FROM households"))
    db.dispose()
    return path, key, admin, tckn
