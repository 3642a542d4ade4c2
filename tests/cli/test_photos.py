"""`shelter-app import-photos REF FILE... [--tag]`: the import pipeline, one line per file."""

from pathlib import Path

import pytest
from sqlalchemy import select

import photo_files
from shelter_app.cli.main import main
from shelter_app.data.engine import Database, target_url
from shelter_app.data.models import AuditEvent, Photo
from shelter_app.domain.stages import PhotoTag



@pytest.fixture
def database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.db"
    assert main(["demo", "--size", "12", "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def test_import_photos_prints_one_line_per_file(database, tmp_path, capsys):
    good = photo_files.photo(tmp_path / "ön cephe.jpg", seed=1)
    folder = tmp_path / "camera"
    photo_files.photo(folder / "a.jpg", seed=2)
    photo_files.photo(folder / "b.jpg", seed=3, gps=(48.8584, 2.2945))
    text = tmp_path / "notes.jpg"
    text.write_text("not a photo", encoding="utf-8")
    code = main(["import-photos", "GAZ-D-000001", str(good), str(folder), str(text), str(good),
                 "--tag", "after", "--db", str(database)])
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert code == 1  # a file was refused
    assert len(lines) == 5
    assert lines[0] == f"imported: {good}"
    assert lines[1] == f"imported: {folder / 'a.jpg'}"
    assert lines[2].startswith(f"imported: {folder / 'b.jpg'} (warning:")
    assert "outside Türkiye" in lines[2]
    assert lines[3].startswith(f"refused: {text}: this is not a photo")
    assert lines[4].startswith(f"duplicate: {good}: already among")
    assert err.strip() == "3 photos imported, 1 duplicate, 1 photo refused, 0 not imported."
    db = Database(target_url(str(database)))
    try:
        with db.read() as session:
            photos = list(session.scalars(select(Photo)))
            events = list(session.scalars(select(AuditEvent).where(AuditEvent.entity == "photos")))
        assert {photo.tag for photo in photos} == {PhotoTag.AFTER} and len(photos) == 3
        assert len(events) == 3 and {event.user_id for event in events} == {None}
    finally:
        db.dispose()


def test_import_photos_all_good_exits_0_and_unknown_dwelling_is_one_line(database, tmp_path,
                                                                          capsys):
    path = photo_files.photo(tmp_path / "p.jpg")
    assert main(["import-photos", "GAZ-D-000002", str(path), "--db", str(database)]) == 0
    assert capsys.readouterr().out == f"imported: {path}\n"
    code = main(["import-photos", "GAZ-D-999999", str(path), "--db", str(database)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == "shelter-app: No dwelling GAZ-D-999999 exists; check the reference.\n"
