"""Photo import: the pipeline's output, every kind of bad file, duplicates, atomicity, cancel,
and editing a photo's tag, caption and component."""

import errno
import hashlib
import io
import os
import sys
import warnings
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

import photo_files
from photo_files import BOTTOM_LEFT, BOTTOM_RIGHT, TOP_LEFT, TOP_RIGHT, stored_files
from shelter_app.data.models import Assessment, AuditEvent, Dwelling, Photo
from shelter_app.domain.errors import NotFound, PermissionDenied, ValidationError
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.photos import photos
from shelter_app.services import files
from shelter_app.services.files import photo_path, thumbnail_path
from shelter_app.services.photos.pipeline import (
    ProcessedPhoto,
    Reason,
    Refusal,
    display_name,
    process_file,
)
from shelter_app.services.photos.photos import Status, import_photos
from shelter_app.demo.sample_photos import camera_jpeg, wall_picture

REF = "GAZ-D-000001"


def dwelling_id(db, ref: str = REF):
    with db.read() as session:
        return session.scalar(select(Dwelling.id).where(Dwelling.ref == ref))


def live_photos(db) -> list[Photo]:
    with db.read() as session:
        return list(session.scalars(select(Photo).where(Photo.deleted_at.is_(None))))


def assert_store_matches_rows(db) -> None:
    """Exactly a stored copy and a thumbnail per photo row: nothing half-written, no leftovers."""
    with db.read() as session:
        shas = set(session.scalars(select(Photo.sha256)))
    expected = {f"{sha}.jpg" for sha in shas} | {f"{sha}.thumb.jpg" for sha in shas}
    assert stored_files(db.files_dir) == expected


def close(colour, expected, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


# --- the pipeline ---------------------------------------------------------------------------

@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright(tmp_path, orientation):
    path = tmp_path / "q.jpg"
    path.write_bytes(camera_jpeg(photo_files.quadrants(), orientation=orientation))
    result = process_file(path)
    assert isinstance(result, ProcessedPhoto)
    with Image.open(io.BytesIO(result.stored)) as image:
        assert image.size == (400, 300) == (result.width, result.height)
        assert not image.getexif()  # already upright: no orientation for a viewer to re-apply
        for point, colour in (((100, 75), TOP_LEFT), ((300, 75), TOP_RIGHT),
                              ((100, 225), BOTTOM_LEFT), ((300, 225), BOTTOM_RIGHT)):
            assert close(image.getpixel(point), colour), (orientation, point)


def test_a_large_photo_is_stored_at_1600_px_with_a_256_px_thumbnail(tmp_path):
    path = photo_files.photo(tmp_path / "big.jpg", size=(3200, 2400), orientation=6)
    result = process_file(path)
    assert isinstance(result, ProcessedPhoto)
    assert (result.width, result.height) == (1600, 1200)
    with Image.open(io.BytesIO(result.thumbnail)) as thumb:
        assert thumb.size == (256, 192)
    assert result.sha256 == hashlib.sha256(result.stored).hexdigest()


def test_exif_time_is_converted_to_utc_and_gps_read_with_its_hemisphere(tmp_path):
    local = photo_files.photo(tmp_path / "local.jpg", taken_at=datetime(2026, 5, 3, 14, 30))
    result = process_file(local)
    assert isinstance(result, ProcessedPhoto)
    assert result.taken_at == datetime(2026, 5, 3, 11, 30, tzinfo=UTC)  # Türkiye is UTC+3
    assert (result.latitude, result.longitude) == photo_files.GAZIANTEP

    away = tmp_path / "away.jpg"
    away.write_bytes(camera_jpeg(wall_picture((400, 300)), taken_at=datetime(2026, 1, 2, 9, 0),
                                 offset="-05:00", gps=(-33.8688, -151.2093)))
    result = process_file(away)
    assert isinstance(result, ProcessedPhoto)
    assert result.taken_at == datetime(2026, 1, 2, 14, 0, tzinfo=UTC)
    assert (result.latitude, result.longitude) == (Decimal("-33.868800"),
                                                   Decimal("-151.209300"))


def test_missing_or_unset_exif_gives_no_time_and_no_position(tmp_path):
    path = photo_files.photo(tmp_path / "plain.jpg", taken_at=datetime(1970, 1, 1), gps=(0, 0))
    result = process_file(path)
    assert isinstance(result, ProcessedPhoto)
    assert (result.taken_at, result.latitude, result.longitude) == (None, None, None)


def test_png_with_transparency_is_stored_on_white(tmp_path):
    path = tmp_path / "drawing.png"
    image = Image.new("RGBA", (200, 100), (255, 0, 0, 0))
    image.paste((0, 0, 255, 255), (0, 0, 100, 100))
    image.save(path)
    result = process_file(path)
    assert isinstance(result, ProcessedPhoto)
    with Image.open(io.BytesIO(result.stored)) as stored:
        assert close(stored.getpixel((50, 50)), (0, 0, 255))
        assert close(stored.getpixel((150, 50)), (255, 255, 255))


@pytest.mark.parametrize("ignore_warnings", [False, True])
def test_pictures_above_the_pixel_limit_are_refused_whatever_the_warning_filter(
        tmp_path, monkeypatch, ignore_warnings):
    """Pillow only warns between MAX_IMAGE_PIXELS and twice that; the refusal must not depend
    on what the warnings filter does with that warning."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    path = photo_files.photo(tmp_path / "wide.jpg", size=(1200, 1000), orientation=1)
    with warnings.catch_warnings():
        if ignore_warnings:
            warnings.simplefilter("ignore")
        result = process_file(path)
    assert isinstance(result, Refusal) and result.reason is Reason.TOO_MANY_PIXELS
    assert "megapixels" in result.message


def test_display_name_keeps_the_file_name_only_and_valid_text():
    assert display_name("a/b/../c/ön cephe – دار.jpg") == "ön cephe – دار.jpg"
    assert display_name(os.fsdecode(b"/tmp/caf\xe9.jpg")) == "caf\ufffd.jpg"
    assert display_name("/x/line\nbreak.jpg") == "linebreak.jpg"
    assert display_name("/x/" + "y" * 300 + ".jpg") == "y" * 255
    assert display_name("/x/Cafe\u0301.jpg") == "Caf\u00e9.jpg"  # NFD from macOS -> NFC


# --- importing a batch ----------------------------------------------------------------------

def test_import_stores_files_and_rows_and_reads_the_photo_facts(demo_db, engineer, tmp_path):
    paths = [photo_files.photo(tmp_path / f"p{n}.jpg", seed=n) for n in range(3)]
    progress: list[tuple[int, int]] = []
    outcomes = import_photos(demo_db, engineer, REF, paths, tag="during",
                             progress=lambda done, total: progress.append((done, total)))
    assert [o.status for o in outcomes] == [Status.IMPORTED] * 3
    assert [o.name for o in outcomes] == ["p0.jpg", "p1.jpg", "p2.jpg"]
    assert progress[-1] == (3, 3)
    rows = photos.list_photos(demo_db, engineer, dwelling_id(demo_db))
    assert {row.original_name for row in rows} == {"p0.jpg", "p1.jpg", "p2.jpg"}
    row = rows[0]
    assert (row.width, row.height, row.tag) == (400, 300, PhotoTag.DURING)
    assert row.taken_at == datetime(2026, 5, 3, 11, 30, tzinfo=UTC)
    assert (row.latitude, row.longitude) == photo_files.GAZIANTEP
    assert photo_path(demo_db, row.sha256).stat().st_size == live_photos(demo_db)[0].size_bytes
    assert_store_matches_rows(demo_db)
    with demo_db.read() as session:
        events = session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.entity == "photos", AuditEvent.user_id == engineer.user_id))
    assert events == 3


def test_threaded_import_gives_the_same_outcomes_in_input_order(demo_db, engineer, tmp_path):
    paths = [photo_files.photo(tmp_path / f"t{n}.jpg", seed=n) for n in range(7)]
    paths.insert(3, tmp_path / "missing.jpg")
    outcomes = import_photos(demo_db, engineer, REF, paths, workers=2)
    assert [o.path for o in outcomes] == [str(p) for p in paths]
    assert [o.status for o in outcomes] == [Status.IMPORTED] * 3 + [Status.REFUSED] + \
        [Status.IMPORTED] * 4
    assert len(live_photos(demo_db)) == 7
    assert_store_matches_rows(demo_db)


def test_bad_files_are_refused_one_by_one_and_the_rest_imported(demo_db, engineer, tmp_path,
                                                                 monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)  # untouched guard
    good = photo_files.photo(tmp_path / "good.jpg", seed=1)
    (tmp_path / "sub").mkdir()
    dotted = photo_files.photo(tmp_path / "sub" / ".." / "dotted.jpg", seed=2)
    arabic = photo_files.photo(tmp_path / "ön cephe – صورة.jpg", seed=3)
    text = tmp_path / "notes.jpg"
    text.write_text("this is not a photo", encoding="utf-8")
    gif = tmp_path / "anim.gif"
    Image.new("P", (40, 30)).save(gif)
    heic = tmp_path / "IMG_0001.HEIC"
    heic.write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64)
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    bomb = photo_files.png_claiming(tmp_path / "bomb.png", 30_000, 30_000)
    big = photo_files.png_claiming(tmp_path / "big.png", 10_000, 10_000)  # warning range
    cut = photo_files.truncated(tmp_path / "cut.jpg")
    paths = [good, text, cut, bomb, big, gif, heic, empty, dotted, arabic,
             tmp_path / "gone.jpg", good]
    outcomes = {o.name: o for o in import_photos(demo_db, engineer, REF, paths)[:-1]}
    duplicate = import_photos(demo_db, engineer, REF, [good])[0]

    assert {name for name, o in outcomes.items() if o.status is Status.IMPORTED} == {
        "good.jpg", "dotted.jpg", "ön cephe – صورة.jpg"}
    reasons = {name: o.message for name, o in outcomes.items() if o.status is Status.REFUSED}
    assert "not a photo" in reasons["notes.jpg"]
    assert "damaged or incomplete" in reasons["cut.jpg"]
    assert "megapixels" in reasons["bomb.png"] and "megapixels" in reasons["big.png"]
    assert reasons["anim.gif"].startswith("GIF files are not accepted")
    assert reasons["IMG_0001.HEIC"].startswith("HEIC files are not accepted")
    assert "empty" in reasons["empty.jpg"]
    assert "cannot be read" in reasons["gone.jpg"]
    assert duplicate.status is Status.DUPLICATE and "good.jpg" in duplicate.message
    names = {row.original_name for row in live_photos(demo_db)}
    assert names == {"good.jpg", "dotted.jpg", "ön cephe – صورة.jpg"}
    assert_store_matches_rows(demo_db)


def test_the_same_file_twice_in_one_batch_is_imported_once(demo_db, engineer, tmp_path):
    first = photo_files.photo(tmp_path / "a.jpg", seed=5)
    copy = tmp_path / "copy of a.jpg"
    copy.write_bytes(first.read_bytes())
    outcomes = import_photos(demo_db, engineer, REF, [first, copy])
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.DUPLICATE]
    assert "a.jpg" in outcomes[1].message
    assert len(live_photos(demo_db)) == 1


def test_a_file_name_that_is_not_utf8_is_imported_under_a_readable_name(demo_db, engineer,
                                                                        tmp_path):
    if sys.platform != "linux":
        pytest.skip("only Linux file names can hold bytes that are not UTF-8")
    raw = os.path.join(os.fsencode(tmp_path), b"caf\xe9.jpg")
    photo_files.photo(Path(os.fsdecode(raw)))
    outcome = import_photos(demo_db, engineer, REF, [os.fsdecode(raw)])[0]
    assert outcome.status is Status.IMPORTED
    assert live_photos(demo_db)[0].original_name == "caf\ufffd.jpg"


def test_gps_outside_turkiye_is_a_warning_not_a_refusal(demo_db, engineer, tmp_path):
    paris = photo_files.photo(tmp_path / "paris.jpg", gps=(48.8584, 2.2945))
    outcome = import_photos(demo_db, engineer, REF, [paris])[0]
    assert outcome.status is Status.IMPORTED
    assert len(outcome.warnings) == 1 and "outside Türkiye" in outcome.warnings[0]
    assert live_photos(demo_db)[0].latitude == Decimal("48.858400")


def test_a_photo_already_on_another_dwelling_is_imported_with_a_warning(demo_db, engineer,
                                                                        tmp_path):
    path = photo_files.photo(tmp_path / "shared.jpg")
    import_photos(demo_db, engineer, "GAZ-D-000002", [path])
    outcome = import_photos(demo_db, engineer, REF, [path])[0]
    assert outcome.status is Status.IMPORTED
    assert any("GAZ-D-000002" in warning for warning in outcome.warnings)
    assert len(stored_files(demo_db.files_dir)) == 2  # one stored copy and thumbnail, shared


def test_a_removed_photo_can_be_imported_again(demo_db, engineer, tmp_path):
    path = photo_files.photo(tmp_path / "again.jpg")
    first = import_photos(demo_db, engineer, REF, [path])[0]
    photos.remove_photo(demo_db, engineer, first.photo_id)
    assert photos.list_photos(demo_db, engineer, dwelling_id(demo_db)) == []
    assert import_photos(demo_db, engineer, REF, [path])[0].status is Status.IMPORTED
    assert photo_path(demo_db, live_photos(demo_db)[0].sha256).is_file()


# --- failures and cancel --------------------------------------------------------------------

def test_disk_full_mid_batch_keeps_earlier_photos_and_leaves_nothing_half_written(
        demo_db, engineer, tmp_path, monkeypatch):
    paths = [photo_files.photo(tmp_path / f"d{n}.jpg", seed=n) for n in range(5)]
    real = files.write_atomically
    calls = []

    def failing(path, data, *, durable=True):
        calls.append(path)
        if len(calls) == 4:  # the second photo's thumbnail, after its stored copy was written
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data, durable=durable)

    monkeypatch.setattr(files, "write_atomically", failing)
    outcomes = import_photos(demo_db, engineer, REF, paths, workers=0)  # a photo per batch
    assert [o.status for o in outcomes] == [Status.IMPORTED, Status.REFUSED] + \
        [Status.SKIPPED] * 3
    assert "No space left on device" in outcomes[1].message
    assert "stopped" in outcomes[2].message
    assert [row.original_name for row in live_photos(demo_db)] == ["d0.jpg"]
    assert_store_matches_rows(demo_db)


def test_a_failing_transaction_removes_the_files_it_wrote(demo_db, engineer, tmp_path,
                                                          monkeypatch):
    paths = [photo_files.photo(tmp_path / f"f{n}.jpg", seed=n) for n in range(3)]
    real = photos._warnings

    def failing(photo, other_ref):
        if photo.name == "f1.jpg":
            raise RuntimeError("simulated crash inside the transaction")
        return real(photo, other_ref)

    monkeypatch.setattr(photos, "_warnings", failing)
    with pytest.raises(RuntimeError, match="simulated"):
        import_photos(demo_db, engineer, REF, paths, workers=0)  # a photo per batch
    assert [row.original_name for row in live_photos(demo_db)] == ["f0.jpg"]
    assert_store_matches_rows(demo_db)


@pytest.mark.parametrize("workers", [0, 2])
def test_cancel_stops_cleanly_and_keeps_what_was_imported(demo_db, engineer, tmp_path,
                                                          workers):
    paths = [photo_files.photo(tmp_path / f"c{n}.jpg", seed=n) for n in range(12)]
    progress: list[int] = []
    outcomes = import_photos(demo_db, engineer, REF, paths, workers=workers,
                             progress=lambda done, total: progress.append(done),
                             cancelled=lambda: len(progress) >= 1)
    imported = [o for o in outcomes if o.status is Status.IMPORTED]
    skipped = [o for o in outcomes if o.status is Status.SKIPPED]
    assert 1 <= len(imported) < 12 and len(imported) + len(skipped) == 12
    assert all("cancelled" in o.message for o in skipped)
    assert len(live_photos(demo_db)) == len(imported)
    assert_store_matches_rows(demo_db)


# --- who may do what ------------------------------------------------------------------------

def test_permissions_and_office_scope(demo_db, engineer, admin, tmp_path):
    path = photo_files.photo(tmp_path / "p.jpg")
    with pytest.raises(PermissionDenied):
        import_photos(demo_db, admin, REF, [path])
    with pytest.raises(PermissionDenied, match="another office"):
        import_photos(demo_db, engineer, "ADA-D-000001", [path])
    with pytest.raises(NotFound):
        import_photos(demo_db, engineer, "GAZ-D-999999", [path])
    with pytest.raises(ValidationError) as error:
        import_photos(demo_db, engineer, REF, [path], tag="later")
    assert error.value.field == "tag"
    assert live_photos(demo_db) == [] and stored_files(demo_db.files_dir) == set()


# --- editing --------------------------------------------------------------------------------

def test_update_photo_tags_captions_and_links_an_assessment_component(demo_db, engineer,
                                                                     tmp_path):
    outcome = import_photos(demo_db, engineer, REF, [photo_files.photo(tmp_path / "e.jpg")])[0]
    with demo_db.write() as session:
        mine = Assessment(dwelling_id=dwelling_id(demo_db), assessed_on=date(2026, 5, 3))
        other = Assessment(dwelling_id=dwelling_id(demo_db, "GAZ-D-000002"),
                           assessed_on=date(2026, 5, 4))
        session.add_all([mine, other])
    row = photos.update_photo(demo_db, engineer, outcome.photo_id, tag="after",
                              caption="  Yeni  pencere,\n salon ", component="windows",
                              assessment_id=mine.id)
    assert (row.tag, row.caption, row.component, row.assessment_id) == (
        PhotoTag.AFTER, "Yeni pencere, salon", "windows", mine.id)
    for fields, field in (({"component": "garden"}, "component"),
                          ({"caption": "x" * 501}, "caption"),
                          ({"assessment_id": other.id}, "assessment"),
                          ({"tag": "someday"}, "tag")):
        with pytest.raises(ValidationError) as error:
            photos.update_photo(demo_db, engineer, outcome.photo_id,
                                **{"tag": "before", **fields})
        assert error.value.field == field
    again = photos.list_photos(demo_db, engineer, dwelling_id(demo_db))[0]
    assert (again.tag, again.caption, again.component) == (PhotoTag.AFTER,
                                                           "Yeni pencere, salon", "windows")
    choices = photos.assessment_dates(demo_db, engineer, dwelling_id(demo_db))
    assert (mine.id, mine.assessed_on) in choices
    assert other.id not in {assessment_id for assessment_id, _ in choices}


def test_list_photos_orders_before_during_after_then_by_time(demo_db, engineer, tmp_path):
    for tag, hour in (("after", 9), ("before", 11), ("before", 8), ("during", 10)):
        path = photo_files.photo(tmp_path / f"{tag}{hour}.jpg", seed=hour,
                                 taken_at=datetime(2026, 5, 3, hour))
        import_photos(demo_db, engineer, REF, [path], tag=tag)
    rows = photos.list_photos(demo_db, engineer, dwelling_id(demo_db))
    assert [row.original_name for row in rows] == ["before8.jpg", "before11.jpg",
                                                   "during10.jpg", "after9.jpg"]
    only = photos.list_photos(demo_db, engineer, dwelling_id(demo_db), tag=PhotoTag.BEFORE)
    assert len(only) == 2


# --- files ----------------------------------------------------------------------------------

def test_a_missing_thumbnail_is_made_again_from_the_stored_copy(demo_db, engineer, tmp_path):
    outcome = import_photos(demo_db, engineer, REF, [photo_files.photo(tmp_path / "t.jpg")])[0]
    sha = live_photos(demo_db)[0].sha256
    thumbnail_path(demo_db, sha).unlink()
    data = photos.thumbnail_bytes(demo_db, sha)
    assert data == thumbnail_path(demo_db, sha).read_bytes() and outcome.photo_id
    with Image.open(io.BytesIO(data)) as thumb:
        assert thumb.size == (256, 192)
    photo_path(demo_db, sha).unlink()
    thumbnail_path(demo_db, sha).unlink()
    assert photos.thumbnail_bytes(demo_db, sha) is None


@pytest.mark.sqlite_only("backups copy the SQLite file")
def test_backups_and_check_accept_imported_photos(demo_db, engineer, tmp_path):
    """The row's SHA-256 is the stored file's: backups verify every photo against it."""
    from shelter_app.services.backup import backup_now
    from shelter_app.services.integrity import check_database

    import_photos(demo_db, engineer, REF, [photo_files.photo(tmp_path / "b.jpg")])
    result = backup_now(demo_db, engineer, tmp_path / "backups")
    assert result.photos_copied == 1 and result.manifest.missing_photos == ()
    assert check_database(demo_db) == []


def test_expand_paths_finds_photos_in_folders_and_keeps_named_files(tmp_path):
    folder = tmp_path / "camera"
    (folder / "DCIM" / "100").mkdir(parents=True)
    (folder / ".thumbs").mkdir()
    for name in ("DCIM/100/b.JPG", "DCIM/100/a.jpeg", "DCIM/100/clip.mp4", "x.heic",
                 "._x.jpg", ".thumbs/t.jpg", "index.txt"):
        (folder / name).write_bytes(b"x")
    named = tmp_path / "report.pdf"
    assert photos.expand_paths([folder, named]) == [
        folder / "DCIM/100/a.jpeg", folder / "DCIM/100/b.JPG", folder / "x.heic", named]


def test_demo_photos_pair_before_and_after_views(db):
    from shelter_app.demo.programme import create_demo
    from shelter_app.services.integrity import check_database

    create_demo(db, 36, photos=True)
    rows = live_photos(db)
    assert rows and len(rows) % 4 == 0  # two views, before and after, per closed dwelling
    by_view = {(row.dwelling_id, row.component): {row.tag} for row in rows}
    for row in rows:
        by_view[(row.dwelling_id, row.component)].add(row.tag)
    assert all(tags == {PhotoTag.BEFORE, PhotoTag.AFTER} for tags in by_view.values())
    assert all(row.taken_at and row.latitude and row.caption for row in rows)
    # an office's other closed cases show the same stored files (a picture and its thumbnail)
    assert len(stored_files(db.files_dir)) == 2 * len({row.sha256 for row in rows})
    assert check_database(db) == []


def test_nonsense_exif_values_do_not_refuse_a_good_picture(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 42  # no such orientation
    exif.get_ifd(0x8769)[0x9003] = "0000:00:00 00:00:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (37.0, 4.0)  # two numbers where three belong
    gps[3], gps[4] = "E", (200.0, 0.0, 0.0)  # beyond 180 degrees
    path = tmp_path / "odd_exif.jpg"
    photo_files.quadrants().save(path, "JPEG", exif=exif)
    result = process_file(path)
    assert isinstance(result, ProcessedPhoto)
    assert (result.width, result.height) == (400, 300)
    assert (result.taken_at, result.latitude, result.longitude) == (None, None, None)


def test_importing_again_repairs_a_damaged_stored_copy(demo_db, engineer, tmp_path):
    path = photo_files.photo(tmp_path / "r.jpg")
    first = import_photos(demo_db, engineer, REF, [path])[0]
    stored = photo_path(demo_db, live_photos(demo_db)[0].sha256)
    good = stored.read_bytes()
    stored.write_bytes(good[:100])  # a disk error, or someone's editor
    photos.remove_photo(demo_db, engineer, first.photo_id)
    assert import_photos(demo_db, engineer, REF, [path])[0].status is Status.IMPORTED
    assert stored.read_bytes() == good
