"""Generated photos for demo data, tests and benchmarks: a room's wall with a window, as a
camera would save it (pixels stored sideways plus an EXIF orientation, time and GPS), and the
demo dwellings' before/after photos (`shelter-app demo --photos`).

A "before" wall is stained and cracked, an "after" wall freshly painted, so a before/after
comparison shows what it is for. `grain` blends in sensor-like noise so that a 12 MP file has a
real photo's size (3-5 MB) and decoding cost; a flat drawing compresses to almost nothing.
"""

import io
import random
import tempfile
from datetime import datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw
from sqlalchemy import select

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling, User
from shelter_app.domain import clock
from shelter_app.domain.stages import PhotoTag, Role, Stage

# The pixel operation that undoes each EXIF orientation (a camera stores the inverse).
_STORE_AS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
_WALLS = {PhotoTag.BEFORE: (150, 140, 120), PhotoTag.DURING: (200, 195, 185),
          PhotoTag.AFTER: (235, 225, 200)}


def wall_picture(size: tuple[int, int], tag: PhotoTag = PhotoTag.BEFORE, *, seed: int = 0,
                 grain: float = 0.0) -> Image.Image:
    """The picture as it should look, upright: a wall with a window and a floor."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, _WALLS[tag])
    draw = ImageDraw.Draw(image)
    floor = int(height * 0.8)
    draw.rectangle((0, floor, width, height), fill=(110, 80, 55))
    left, top = int(width * (0.3 + rng.uniform(-0.1, 0.1))), int(height * 0.2)
    right, bottom = left + int(width * 0.35), int(height * 0.6)
    frame = (90, 70, 60) if tag is PhotoTag.BEFORE else (245, 245, 245)
    draw.rectangle((left, top, right, bottom), fill=(140, 180, 220), outline=frame,
                   width=max(2, width // 60))
    draw.line(((left + right) // 2, top, (left + right) // 2, bottom), fill=frame,
              width=max(2, width // 90))
    if tag is PhotoTag.BEFORE:
        for _ in range(6):  # damp stains and cracks
            x, y = rng.randrange(width), rng.randrange(floor)
            r = rng.randrange(width // 30 + 1, width // 8 + 2)
            draw.ellipse((x - r, y - r // 2, x + r, y + r // 2), fill=(110, 105, 85))
            draw.line([(x + rng.randint(-r, r), y + rng.randint(-r, r)) for _ in range(4)],
                      fill=(60, 55, 50), width=max(1, width // 400))
    for _ in range(40):  # small marks so every seed makes a different picture
        x, y = rng.randrange(width), rng.randrange(height)
        draw.rectangle((x, y, x + width // 100 + 1, y + height // 100 + 1),
                       fill=tuple(rng.randrange(256) for _ in range(3)))
    if grain:
        noise = Image.effect_noise(size, 40).convert("RGB")
        image = Image.blend(image, noise, grain)
    return image


def camera_jpeg(picture: Image.Image, *, orientation: int = 1,
                taken_at: datetime | None = None,
                gps: tuple[Decimal | float, Decimal | float] | None = None,
                quality: int = 90, offset: str | None = None) -> bytes:
    """`picture` saved as a camera would: pixels stored turned by the inverse of
    `orientation`, with the orientation, DateTimeOriginal (local time, `offset` if given) and
    GPS in EXIF."""
    stored = picture.transpose(_STORE_AS[orientation]) if orientation in _STORE_AS else picture
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Shelter Demo Camera"
    if taken_at is not None:
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = taken_at.strftime("%Y:%m:%d %H:%M:%S")
        if offset:
            sub[0x9011] = offset
    if gps is not None:
        gps_ifd = exif.get_ifd(0x8825)
        for ref_tag, value_tag, value, refs in ((1, 2, gps[0], "NS"), (3, 4, gps[1], "EW")):
            number = float(value)
            gps_ifd[ref_tag] = refs[number < 0]
            gps_ifd[value_tag] = _dms(abs(number))
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round((value - degrees - minutes / 60) * 3600, 4)
    return float(degrees), float(minutes), seconds


# (component, caption) of the demo photo pairs: the same view before and after the works.
_DEMO_VIEWS = (("walls_insulation", "Dış cephe, kuzey duvarı"), ("windows", "Salon penceresi"))
DEMO_PHOTO_SIZE = (1024, 768)


def add_demo_photos(db: Database, rng: random.Random) -> int:
    """Before and after photos of the first completed dwelling of each office, imported through
    the real pipeline by that office's engineer; returns how many. ~1 s for six offices."""
    from shelter_app.services.accounts.auth import Actor
    from shelter_app.services.photos.photos import import_photos, update_photo

    with db.read() as session:
        cases = session.execute(
            select(Dwelling.ref, Dwelling.latitude, Dwelling.longitude, User)
            .join(User, (User.office_id == Dwelling.office_id) & (User.role == Role.ENGINEER))
            .where(Dwelling.stage.in_([Stage.COMPLETED, Stage.MONITORED]))
            .order_by(Dwelling.ref)).all()
    first = {}
    for ref, latitude, longitude, user in cases:
        first.setdefault(user.office_id, (ref, latitude, longitude, user))
    count = 0
    with tempfile.TemporaryDirectory() as folder:
        for ref, latitude, longitude, user in first.values():
            actor = Actor(user.id, user.username, user.full_name, user.role, user.office_id)
            seeds = [rng.randrange(1 << 30) for _ in _DEMO_VIEWS]  # the same view after
            taken = datetime.combine(clock.today() - timedelta(days=240), time(10)) + timedelta(
                days=rng.randint(0, 60))  # EXIF time: the camera's wall clock
            for tag, when in ((PhotoTag.BEFORE, taken), (PhotoTag.AFTER, taken + timedelta(
                    days=rng.randint(30, 90)))):
                paths = []
                for number, seed in enumerate(seeds):
                    path = Path(folder, f"IMG_{when:%Y%m%d}_{ref}_{number}.jpg")
                    gps = (float(latitude or 0) + rng.uniform(-2e-4, 2e-4),
                           float(longitude or 0) + rng.uniform(-2e-4, 2e-4)) if latitude else None
                    path.write_bytes(camera_jpeg(
                        wall_picture(DEMO_PHOTO_SIZE, tag, seed=seed), orientation=6,
                        taken_at=when + timedelta(minutes=number), gps=gps, quality=85))
                    paths.append(path)
                outcomes = import_photos(db, actor, ref, paths, tag=tag, workers=0)
                for outcome, (component, caption) in zip(outcomes, _DEMO_VIEWS):
                    if outcome.photo_id is not None:
                        update_photo(db, actor, outcome.photo_id, tag=tag, caption=caption,
                                     component=component)
                        count += 1
    return count
