"""Photos, thumbnails, scans and the photo copies of backups sealed at rest on an encrypted
laptop: nothing of them readable in its folders, everything readable through services.files,
plain files from before sealed at start (a kill midway loses nothing), an archive restored on
another laptop with the first laptop's recovery key, and no staff name in the key file."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from encrypted_laptop import PASSWORD, fill_laptop, make_laptop
from sqlalchemy import select

from shelter_app.data import keyring
from shelter_app.data.migrate import open_database
from shelter_app.data.models import Photo
from shelter_app.services import encryption, files, unlocking
from shelter_app.services.accounts import auth
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.backup import export_archive, restore_file
from shelter_app.services.files import PHOTO, THUMB, read_stored
from shelter_app.services.photos import photos

pytestmark = pytest.mark.sqlite_only("the encrypted laptop's own folders")


def _found(folder: Path, secrets: dict[str, bytes]) -> list[str]:
    """Every (file, secret) where a secret's bytes appear: db, WAL, files, backups, key file."""
    hits = []
    for file in sorted(folder.rglob("*")):
        if file.is_file():
            data = file.read_bytes()
            hits += [f"{file.relative_to(folder)}: {label}" for label, secret in secrets.items()
                     if secret in data]
    return hits


def test_byte_search_finds_nothing_in_the_laptops_folders(tmp_path: Path) -> None:
    path, key, admin, _tckn = make_laptop(tmp_path / "laptop" / "shelter.db")
    secrets = fill_laptop(path, key, admin, tmp_path)
    assert _found(path.parent, secrets) == []
    assert {p.name for p in path.parent.iterdir()} >= {"shelter-files", "shelter-backups"}


def test_the_byte_search_does_find_plain_files(tmp_path: Path) -> None:
    """The search above can fail: on a plain laptop it finds the photo and the scan."""
    path, _key, admin, _tckn = make_laptop(tmp_path / "laptop" / "shelter.db", encrypted=False)
    hits = _found(path.parent, fill_laptop(path, None, admin, tmp_path))
    for label in ("photo pixels", "photo header (EXIF/JFIF)", "thumbnail pixels", "scan"):
        assert any(hit.endswith(label) for hit in hits), (label, hits)


def test_files_open_only_through_the_storage_module_with_the_key(tmp_path: Path) -> None:
    path, key, admin, _tckn = make_laptop(tmp_path / "shelter.db")
    fill_laptop(path, key, admin, tmp_path)
    db = open_database(str(path), key=key)
    with db.read() as session:
        sha = session.scalars(select(Photo.sha256)).one()
    on_disk = files.photo_path(db, sha).read_bytes()
    plain = read_stored(db, PHOTO, sha)
    assert on_disk.startswith(files.MAGIC) and plain[:2] == b"\xff\xd8"
    assert hashlib.sha256(plain).hexdigest() == sha  # named by its plain bytes
    assert photos.thumbnail_bytes(db, sha)[:2] == b"\xff\xd8"
    moved = files.thumbnail_path(db, sha)
    moved.write_bytes(on_disk)  # a sealed file under another name does not open
    with pytest.raises(files.DamagedFile):
        read_stored(db, THUMB, sha)
    db.dispose()
    other = open_database(str(path), key=key)
    other.key = keyring.new_key()  # another laptop's key
    with pytest.raises(files.DamagedFile):
        read_stored(other, PHOTO, sha)
    other.dispose()


_KILL = """
import os, sys
from shelter_app.data.migrate import open_database
from shelter_app.domain.stages import Role
from shelter_app.services import encryption, files
key = bytes.fromhex(sys.argv[2])
real, calls = files.write_atomically, []
def dying(path, data, *, durable=True):
    calls.append(path)
    if len(calls) == 3:  # two files sealed, the third half-written
        path.with_name("." + path.name + ".x.tmp").write_bytes(data[:10])
        os._exit(9)
    real(path, data, durable=durable)
files.write_atomically = dying
encryption.seal_files(open_database(sys.argv[1], key=key))
"""


def test_plain_files_from_before_are_sealed_at_start_and_a_kill_loses_nothing(
        tmp_path: Path) -> None:
    path, _key, admin, _tckn = make_laptop(tmp_path / "shelter.db", encrypted=False)
    secrets = fill_laptop(path, None, admin, tmp_path)
    key = encryption.convert(str(path))  # seals the files as it converts; then undo that
    db = open_database(str(path), key=key)
    named = [(kind, sha) for _p, kind, sha in files._named(db.files_dir)]
    plain = {item: read_stored(db, *item) for item in named}
    for kind, sha in named:
        files.stored_path(db, kind, sha).write_bytes(plain[(kind, sha)])
    files.unmark_sealed(db.files_dir)
    db.dispose()
    assert len(named) == 3
    child = subprocess.run([sys.executable, "-c", _KILL, str(path), key.hex()],
                           env=dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path)),
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 9, child.stderr
    db = open_database(str(path), key=key)
    sealed = [files.stored_path(db, *item).read_bytes().startswith(files.MAGIC)
              for item in named]
    assert sealed.count(True) == 2  # killed midway: some sealed, the rest still plain
    assert {item: read_stored(db, *item) for item in named} == plain  # all readable
    assert encryption.seal_files(db) == 1  # the next start finishes the job
    assert {item: read_stored(db, *item) for item in named} == plain
    assert not list(db.files_dir.rglob("*.tmp")) and encryption.seal_files(db) == 0
    db.dispose()
    assert _found(tmp_path, secrets) == []


def test_archive_restored_on_another_laptop_with_the_recovery_key(tmp_path: Path) -> None:
    path_a, key_a, admin, _tckn = make_laptop(tmp_path / "a" / "shelter.db")
    fill_laptop(path_a, key_a, admin, tmp_path)
    db = open_database(str(path_a), key=key_a)
    recovery = encryption.new_recovery_key(db, admin)
    with db.read() as session:
        sha = session.scalars(select(Photo.sha256)).one()
    photo = read_stored(db, PHOTO, sha)
    archive = export_archive(db, admin, tmp_path / "backup.zip").path
    db.dispose()

    path_b, key_b, _admin_b, _ = make_laptop(tmp_path / "b" / "shelter.db")  # a fresh laptop
    with pytest.raises(encryption.UserError, match="recovery key"):
        restore_file(archive, path_b, SYSTEM, key_b)
    with pytest.raises(encryption.WrongSecret):
        restore_file(archive, path_b, SYSTEM, key_b, recovery="AAAA-" * 7 + "AAAA")
    result = restore_file(archive, path_b, SYSTEM, key_b, recovery=recovery)
    assert result.key == key_a
    assert unlocking.unlock(str(path_b), "ayse.admin", PASSWORD) == key_a  # users sign in
    db = open_database(str(path_b), key=key_a)
    assert auth.sign_in(db, "ayse.admin", PASSWORD)[0].username == "ayse.admin"
    assert read_stored(db, PHOTO, sha) == photo  # photos open
    assert files.photo_path(db, sha).read_bytes().startswith(files.MAGIC)
    db.dispose()


def test_the_key_file_names_no_user_and_old_ones_are_rewritten(tmp_path: Path) -> None:
    path, key, _admin, _tckn = make_laptop(tmp_path / "shelter.db")
    keys = keyring.keyring_path(path)
    assert b"ayse" not in keys.read_bytes()
    assert unlocking.unlock(str(path), "Ayse.Admin ", PASSWORD) == key
    with pytest.raises(encryption.WrongSecret):
        unlocking.unlock(str(path), "mehmet", PASSWORD)
    data = json.loads(keys.read_text())  # as a key file from before names were hidden
    data["users"] = {"ayse.admin": next(iter(data["users"].values()))}
    data["format"] = 1
    keys.write_text(json.dumps(data))
    assert unlocking.unlock(str(path), "ayse.admin", PASSWORD) == key
    db = open_database(str(path), key=key)
    encryption.seal_files(db)  # what every start runs
    db.dispose()
    assert b"ayse" not in keys.read_bytes() and keyring.names_hidden(path)
    assert unlocking.unlock(str(path), "ayse.admin", PASSWORD) == key
