"""`print boq --photos`: each kind of work's newest before and after photos, paired and
captioned on pages of their own after the BoQ."""

import subprocess
from io import BytesIO

from factories import assessed_dwelling
from PIL import Image
from pypdf import PdfReader

from shelter_app.domain.assessment import COMPONENTS
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.boq import boq as service
from shelter_app.services.boq.output import PHOTO_KINDS, boq_document, print_boq
from shelter_app.services.photos.photos import import_photos, update_photo


def photo(folder, name: str, colour: str, size=(1200, 800)):
    path = folder / name
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


def tag_photos(db, engineer, ref: str, folder, shots) -> None:
    """Import one photo per (tag, component, caption, colour) of `shots` and tag it so."""
    for number, (tag, component, caption, colour) in enumerate(shots):
        (outcome,) = import_photos(db, engineer, ref, [photo(folder, f"p{number}.jpg", colour)],
                                   tag=tag, workers=0)
        update_photo(db, engineer, outcome.photo_id, tag=tag, caption=caption,
                     component=component)


def test_before_and_after_photos_are_paired_on_their_own_pages(demo_db, engineer, tmp_path):
    ref = assessed_dwelling(demo_db)
    view = service.create_boq(demo_db, engineer, ref)
    shots = [(PhotoTag.BEFORE, "doors", "Kırık kapı", "red"),
             (PhotoTag.AFTER, "doors", "Yeni çelik kapı", "green"),
             (PhotoTag.BEFORE, "roof", "", "blue")]
    tag_photos(demo_db, engineer, ref, tmp_path, shots)
    document = boq_document(demo_db, engineer, view.id, photos=True)
    pairs = {pair.title[0]: pair for pair in document.photos}
    assert set(pairs) == {"Kapılar", "Çatı"}
    # these files have no EXIF time: the caption alone, not "— — Kırık kapı"
    assert pairs["Kapılar"].before.caption == "Kırık kapı"
    assert pairs["Kapılar"].after.caption == "Yeni çelik kapı"
    assert pairs["Çatı"].before.caption == "—" and pairs["Çatı"].after is None
    with Image.open(BytesIO(pairs["Kapılar"].before.data)) as picture:
        assert max(picture.size) == 900  # sharp on paper, not a 15 mm thumbnail
    assert boq_document(demo_db, engineer, view.id).photos == []

    out = tmp_path / "boq.pdf"
    print_boq(demo_db, engineer, view.id, out, photos=True)
    pages = PdfReader(out).pages
    assert len(pages[0].images) == 0  # the lines' pages hold no pictures
    assert sum(len(page.images) for page in pages) == 3
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")
    photo_page = next(page for page in text if "Fotoğraflar" in page)
    assert "Önce" in photo_page and "Sonra" in photo_page and "Yeni çelik kapı" in photo_page
    assert "Hazırlayan" not in photo_page


def test_every_kind_a_user_tags_prints_under_its_name(demo_db, engineer, tmp_path):
    """Photos of water and sanitation, electricity and heating never printed (only the five
    kinds of work had a photo kind): every component a user can tag prints, under its name."""
    assert set(PHOTO_KINDS) == set(COMPONENTS)
    ref = assessed_dwelling(demo_db)
    view = service.create_boq(demo_db, engineer, ref)
    shots = [(PhotoTag.BEFORE, "water_sanitation", "Sızdıran boru", "navy"),
             (PhotoTag.AFTER, "electricity", "Yeni sigorta kutusu", "orange"),
             (PhotoTag.BEFORE, "heating", "مدفأة معطلة", "brown"),
             (PhotoTag.AFTER, "windows", "", "teal")]
    tag_photos(demo_db, engineer, ref, tmp_path, shots)
    document = boq_document(demo_db, engineer, view.id, photos=True, english=True)
    assert [pair.title for pair in document.photos] == [
        ("Pencereler", "Windows"), ("Su ve sıhhi tesisat", "Water and sanitation"),
        ("Elektrik", "Electricity"), ("Isınma", "Heating")]
    out = tmp_path / "boq.pdf"
    print_boq(demo_db, engineer, view.id, out, photos=True, english=True)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Su ve sıhhi tesisat / Water and sanitation" in text
    assert "Isınma / Heating" in text and "Yeni sigorta kutusu" in text
    assert sum(len(page.images) for page in PdfReader(out).pages) == 4
