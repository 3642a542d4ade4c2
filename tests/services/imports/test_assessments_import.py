"""Assessments from a KoboToolbox export: repeat groups for rooms and openings, photos from the
attachments folder, the score as the form computes it, and nothing twice."""

from decimal import Decimal

from import_files import kobo_assessments
from photo_files import photo
from sqlalchemy import func, select

from shelter_app.data.models import Assessment, Dwelling, Photo
from shelter_app.domain.stages import Stage
from shelter_app.services.imports.choices import BEST_FIRST, with_direction
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.mapping import auto_mapping
from shelter_app.services.imports.runner import Options, Status, run_import
from shelter_app.services.imports.opening import read_source

UUID_1 = "0f6a4c1e-1111-4a4a-9b9b-000000000001"
UUID_2 = "0f6a4c1e-1111-4a4a-9b9b-000000000002"


def _registered(db, count: int) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(Dwelling.ref).where(
            Dwelling.ref.startswith("GAZ-"), Dwelling.stage == Stage.REGISTERED,
            Dwelling.deleted_at.is_(None)).order_by(Dwelling.ref).limit(count)))


def _export(tmp_path, refs):
    folder = tmp_path / "attachments" / "engineer_gaz" / "attachments" / "a1b2c3"
    photo(folder / UUID_1 / "1700000001.jpg", seed=1)
    photo(folder / UUID_2 / "1700000001.jpg", seed=2)  # same name, another submission
    return kobo_assessments(tmp_path / "degerlendirme.xlsx", [
        {"ref": refs[0], "day": "2026-11-19", "uuid": UUID_1, "photo": "1700000001.jpg",
         "rooms": [("Salon", "4,2", "3.5", "2,6", "7,7"), ("Yatak odası", 3, 3, "2,6", "")],
         "openings": [("Salon", "pencere", "1,2", "1,4", 2), ("Salon", "door", "0,9", 2, 1)]},
        {"ref": refs[1], "day": "2026-11-20", "uuid": UUID_2, "photo": "1700000001.jpg",
         "rooms": [("Oda", 4, 4, "2,5", "")]},
    ])


def _options(source, tmp_path, **changes):
    """The export's 1…4 are the app's scale (1 good): said explicitly, as the dialog asks."""
    kind = kind_named("assessments")
    mapping = auto_mapping(kind, source.main.headers)
    values = with_direction(kind, source.main, mapping, {}, BEST_FIRST)
    return Options("assessments", mapping, attachments=tmp_path / "attachments", values=values,
                   **changes)


def test_a_kobo_assessment_export_imports_rooms_openings_and_photos(demo_db, engineer,
                                                                     tmp_path):
    refs = _registered(demo_db, 2)
    source = read_source(_export(tmp_path, refs))
    options = _options(source, tmp_path)
    assert options.mapping["condition.walls_insulation"] == "conditions/walls_insulation"
    assert options.mapping["assessed_on"] == "today"
    result = run_import(demo_db, engineer, source, options)
    assert result.counts["new"] == 2, [o.message for o in result.outcomes]
    assert result.photos_imported == 2 and result.photos_missing == 0
    with demo_db.read() as session:
        first = session.scalar(select(Assessment).join(Dwelling).where(Dwelling.ref == refs[0]))
        rooms = first.measurements["rooms"]
        assert [room["name"] for room in rooms] == ["Salon", "Yatak odası"]
        assert Decimal(rooms[0]["length_m"]) == Decimal("4.2")
        assert [o["kind"] for o in rooms[0]["openings"]] == ["window", "door"]
        assert rooms[0]["openings"][0]["count"] == 2
        assert first.conditions["windows"]["score"] == 4
        assert first.eligibility_reason == "Duvarlarda nem ve küf; pencereler kırık."
        assert first.priority_score > 0
        photos = session.scalar(select(func.count()).select_from(Photo).join(Dwelling).where(
            Dwelling.ref.in_(refs)))
    assert photos == 2  # one per submission: the same file name in two folders


def test_the_same_export_again_adds_no_assessment_and_no_photo(demo_db, engineer, tmp_path):
    refs = _registered(demo_db, 2)
    path = _export(tmp_path, refs)
    run_import(demo_db, engineer, read_source(path), _options(read_source(path), tmp_path))
    again = run_import(demo_db, engineer, read_source(path),
                       _options(read_source(path), tmp_path, update_duplicates=True))
    assert again.counts["unchanged"] == 2 and again.counts["new"] == 0
    assert again.photos_imported == 0
    with demo_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Assessment).join(Dwelling).where(
            Dwelling.ref.in_(refs))) == 2


def test_an_unknown_dwelling_and_a_missing_photo_are_reported(demo_db, engineer, tmp_path):
    refs = _registered(demo_db, 1)
    path = kobo_assessments(tmp_path / "k.xlsx", [
        {"ref": "GAZ-D-999999", "day": "2026-11-19", "uuid": UUID_1},
        {"ref": refs[0], "day": "2026-11-19", "uuid": UUID_2, "photo": "missing.jpg"},
    ])
    source = read_source(path)
    result = run_import(demo_db, engineer, source, _options(source, tmp_path))
    first, second = result.outcomes
    assert first.status is Status.REJECTED and "GAZ-D-999999" in first.message
    assert first.message.startswith("dwelling/ref: ")
    assert second.status is Status.NEW and "missing.jpg" in second.message
    assert result.photos_missing == 1
