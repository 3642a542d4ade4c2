"""Backups of an encrypted laptop: snapshots and archives stay encrypted with the laptop's key,
verify and restore with it, and refuse clearly without it."""

import zipfile
from pathlib import Path

import pytest

from encrypted_laptop import HEAD, IBAN, make_laptop
from shelter_app.data import keyring
from shelter_app.data.migrate import open_database
from shelter_app.domain.errors import UserError
from shelter_app.services.backup import (backup_now, export_archive, restore_file,
                                         verify_archive, verify_snapshot)

pytestmark = pytest.mark.sqlite_only("the encrypted SQLite file itself")


def _plain(data: bytes, tckn: str) -> bool:
    return any(secret in data for secret in (tckn.encode(), IBAN.encode(), HEAD.encode()))


def test_snapshot_and_archive_are_encrypted_and_restore_with_the_key(tmp_path: Path) -> None:
    path, key, admin, tckn = make_laptop(tmp_path / "shelter.db")
    db = open_database(str(path), key=key)
    snapshot = backup_now(db, admin).path
    archive = export_archive(db, admin, tmp_path / "usb.zip").path
    db.dispose()
    assert snapshot.read_bytes()[:16] != keyring.SQLITE_HEADER
    assert not _plain(snapshot.read_bytes(), tckn)
    with zipfile.ZipFile(archive) as zf:
        assert not any(_plain(zf.read(name), tckn) for name in zf.namelist())
    assert verify_snapshot(snapshot, key).row_counts["households"] == 1
    assert verify_archive(archive, key).row_counts["households"] == 1
    with pytest.raises(UserError, match="encrypted with another laptop's key"):
        verify_archive(archive, keyring.new_key())
    with pytest.raises(UserError, match="encrypted with another laptop's key"):
        verify_snapshot(snapshot)
    result = restore_file(archive, path, admin, key)
    assert result.kept is not None and result.kept.read_bytes()[:16] != keyring.SQLITE_HEADER
    restored = open_database(str(path), key=key)
    with restored.read() as session:
        from sqlalchemy import text

        assert session.execute(text("SELECT head_name FROM households")).scalar() == HEAD
    restored.dispose()
