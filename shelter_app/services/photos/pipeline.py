"""One photo file in, a stored copy and a thumbnail out: the pure part of photo import.

`process_file` runs in worker threads (see services.photos), so it touches no database and no
shared state. A file that cannot be used comes back as a `Refusal` with a reason code, worded
when the message is read.

The pipeline decodes each photo once: `draft()` lets the JPEG decoder shrink by 1/2, 1/4 or 1/8
while decoding (the box must have the photo's aspect ratio, or it does not shrink at all), the
result is resized to 1600 px on the long side, turned upright by its EXIF orientation, encoded,
and the 256 px thumbnail is made from that 1600 px copy. Measured on a 12 MP phone photo:
~70 ms and +23 MB at the peak, against 105-170 ms and +94 MB for transposing the full-size
image first (FIELD_NOTES).

The stored copy carries no EXIF: it is already upright (a viewer must not turn it again) and
its time and position are kept in the database. Its name is the SHA-256 of the stored bytes,
not of the original: backups and `check` verify every stored file against that name, and the
same original always encodes to the same bytes with the same Pillow, so a second import of a
file is still recognised as a duplicate.
"""

import hashlib
import io
import math
import os
import struct
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from PIL import Image, ImageFile, ImageOps

from shelter_app.domain.i18n import translate

STORED_SIZE = 1600  # long side of the stored copy, px
THUMB_SIZE = 256  # long side of the thumbnail, px
STORED_FORMAT = "JPEG"  # of every stored copy and thumbnail: readers name it, never guess it
STORED_QUALITY = 85
THUMB_QUALITY = 80
# Decoders Pillow may use on user files: each extra decoder is extra attack surface. MPO is
# what Pillow calls a phone JPEG that carries a second (depth or preview) picture.
FORMATS = ("JPEG", "PNG", "WEBP")
ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP"}
EXTENSIONS = {".jpg", ".jpeg", ".jpe", ".png", ".webp"}
# Never read a file this large into a decoder; a 12 MP phone JPEG is 3-6 MB.
MAX_FILE_BYTES = 100 * 1024 * 1024
# Camera clocks rarely record their offset; Türkiye keeps UTC+3 all year since 2016.
CAMERA_TIME_ZONE = timezone(timedelta(hours=3))
# Türkiye's bounding box (Gökçeada to Iğdır, Hatay to Sinop), with a small margin.
TURKIYE_LATITUDE = (Decimal("35.8"), Decimal("42.2"))
TURKIYE_LONGITUDE = (Decimal("25.6"), Decimal("44.9"))
NAME_LENGTH = 255  # Photo.original_name's width

_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATE_TAGS = ((0x9003, 0x9011), (0x9004, 0x9012))  # (DateTimeOriginal, its offset), Digitized
_MICRO = Decimal("0.000001")
_BAND = 128  # rows of the stored copy resized at a time

# Pillow warns about pictures above MAX_IMAGE_PIXELS and refuses twice that; _process refuses
# anything above it with a message for the user, so the warning would only repeat that on stderr.
warnings.filterwarnings("ignore", category=Image.DecompressionBombWarning)

# The start of files in formats people often try, to name the format in the refusal.
_SIGNATURES = (
    (b"GIF8", "GIF"), (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP"),
)
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"mif1", b"msf1", b"avif")


class Reason(StrEnum):
    """Why a file was not imported."""

    UNREADABLE = "unreadable"
    EMPTY = "empty"
    TOO_LARGE_FILE = "too_large_file"
    NOT_AN_IMAGE = "not_an_image"
    UNSUPPORTED = "unsupported"
    DAMAGED = "damaged"
    TOO_MANY_PIXELS = "too_many_pixels"


_MESSAGES = {
    Reason.UNREADABLE: lambda: translate("photos", "cannot be read ({detail})."),
    Reason.EMPTY: lambda: translate("photos", "the file is empty; copy it from the camera "
                                              "again."),
    Reason.TOO_LARGE_FILE: lambda: translate("photos", "the file is {detail} MB, more than a "
                                                       "photo can be; choose the photo itself."),
    Reason.NOT_AN_IMAGE: lambda: translate("photos", "this is not a photo (its content is not "
                                                     "JPEG, PNG or WebP), whatever its name "
                                                     "says."),
    Reason.UNSUPPORTED: lambda: translate("photos", "{detail} files are not accepted; save the "
                                                    "photo as JPEG (on an iPhone: Settings > "
                                                    "Camera > Formats > Most Compatible)."),
    Reason.DAMAGED: lambda: translate("photos", "the photo is damaged or incomplete ({detail}); "
                                                "copy it from the camera again."),
    Reason.TOO_MANY_PIXELS: lambda: translate("photos", "the picture has {detail} megapixels, "
                                                        "too many to open safely; save a "
                                                        "smaller copy."),
}


@dataclass(frozen=True)
class Refusal:
    name: str
    reason: Reason
    detail: str = ""

    @property
    def message(self) -> str:
        """The reason in the user's language (call in the process that shows it)."""
        return _MESSAGES[self.reason]().format(detail=self.detail)


@dataclass(frozen=True)
class ProcessedPhoto:
    """What the database needs of one photo, and its two files' contents."""

    name: str
    sha256: str
    stored: bytes = field(repr=False)
    thumbnail: bytes = field(repr=False)
    width: int
    height: int
    taken_at: datetime | None
    latitude: Decimal | None
    longitude: Decimal | None


def display_name(path: str | os.PathLike[str]) -> str:
    """The file's own name, fit for the database and the screen: no folders, valid Unicode
    (a Linux name can hold bytes that are not UTF-8), NFC (macOS hands out NFD), no control
    characters, at most the column's width."""
    name = Path(path).name or str(path)
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    name = "".join(ch for ch in unicodedata.normalize("NFC", name)
                   if unicodedata.category(ch) != "Cc")
    return name[:NAME_LENGTH]


def process_file(path: str | os.PathLike[str]) -> ProcessedPhoto | Refusal:
    """Open, check, orient, shrink and encode one photo file; never raises for a bad file."""
    name = display_name(path)
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            return Refusal(name, Reason.TOO_LARGE_FILE, str(size // (1024 * 1024)))
        if size == 0:
            return Refusal(name, Reason.EMPTY)
        with open(path, "rb") as handle:
            return _process(name, handle)
    except OSError as error:
        return Refusal(name, Reason.UNREADABLE, error.strerror or type(error).__name__)


def _process(name: str, handle: io.BufferedReader) -> ProcessedPhoto | Refusal:
    limit = Image.MAX_IMAGE_PIXELS or 0
    try:
        image = Image.open(handle, formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # the warning arrives as an exception where warnings are errors (the tests)
        return Refusal(name, Reason.TOO_MANY_PIXELS, f"> {limit / 1e6:.0f}")
    except Image.UnidentifiedImageError:
        handle.seek(0)
        known = _format_of(handle.read(16))
        return Refusal(name, Reason.UNSUPPORTED, known) if known else Refusal(
            name, Reason.NOT_AN_IMAGE)
    except (SyntaxError, ValueError, EOFError) as error:  # Pillow's words for a broken header
        return Refusal(name, Reason.DAMAGED, str(error) or type(error).__name__)
    with image:
        if image.format not in ACCEPTED:  # formats= limits the decoders; this is belt and braces
            return Refusal(name, Reason.UNSUPPORTED, str(image.format))
        pixels = image.width * image.height
        if limit and pixels > limit:
            return Refusal(name, Reason.TOO_MANY_PIXELS, f"{pixels / 1e6:.0f}")
        try:
            return _convert(name, image)
        except (OSError, SyntaxError, ValueError, EOFError, IndexError) as error:
            return Refusal(name, Reason.DAMAGED, str(error) or type(error).__name__)


def _convert(name: str, image: ImageFile.ImageFile) -> ProcessedPhoto:
    exif = _exif(image)
    exif_bytes = image.info.get("exif", b"") if exif is not None else b""  # unreadable: ignored
    icc = image.info.get("icc_profile")
    width, height = image.size
    scale = min(1.0, STORED_SIZE / max(width, height))
    box = (max(1, round(width * scale)), max(1, round(height * scale)))
    image.draft("RGB", box)  # a no-op for formats other than JPEG
    upright = _shrink(_rgb(image), box)
    image.close()  # frees the decoded picture before the next copy
    upright.info["exif"] = exif_bytes  # read by exif_transpose; never saved
    ImageOps.exif_transpose(upright, in_place=True)
    stored = _jpeg(upright, STORED_QUALITY, icc)
    stored_width, stored_height = upright.size
    upright.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.BICUBIC, reducing_gap=2.0)
    latitude, longitude = _position(exif)
    return ProcessedPhoto(
        name=name, sha256=hashlib.sha256(stored).hexdigest(), stored=stored,
        thumbnail=_jpeg(upright, THUMB_QUALITY, icc), width=stored_width, height=stored_height,
        taken_at=_taken_at(exif), latitude=latitude, longitude=longitude,
    )


def _shrink(image: Image.Image, size: tuple[int, int]) -> Image.Image:
    """`image` resized to `size`, as a new image, a band of rows at a time.

    Pillow resizes the width first into a scratch image as tall as its source: for a whole
    photo another 10 MB. Bands give the same picture (each reads the rows around it; pixels
    differ by rounding only). Bilinear: after draft() the factor is under 2, where Pillow's
    bilinear (a triangle filter as wide as the factor) looks as good as bicubic and costs a
    third less."""
    if image.size == size:
        return image.copy()
    out = Image.new(image.mode, size)
    step = image.height / size[1]
    for top in range(0, size[1], _BAND):
        rows = min(_BAND, size[1] - top)
        band = image.resize((size[0], rows), Image.Resampling.BILINEAR,
                            box=(0, top * step, image.width, (top + rows) * step))
        out.paste(band, (0, top))
    return out


def make_thumbnail(stored: bytes) -> bytes:
    """A thumbnail remade from a stored copy (backups keep stored copies only)."""
    with Image.open(io.BytesIO(stored), formats=[STORED_FORMAT]) as image:
        image.draft("RGB", (THUMB_SIZE, THUMB_SIZE * image.height // max(1, image.width)))
        thumb = _rgb(image)
        thumb.thumbnail((THUMB_SIZE, THUMB_SIZE), Image.Resampling.BICUBIC, reducing_gap=2.0)
        return _jpeg(thumb, THUMB_QUALITY, image.info.get("icc_profile"))


def _rgb(image: Image.Image) -> Image.Image:
    """The decoded picture in RGB; transparent parts become white, as on paper."""
    if image.mode == "RGB":
        image.load()
        return image
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")


def _jpeg(image: Image.Image, quality: int, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    image.save(out, STORED_FORMAT, quality=quality, icc_profile=icc)
    return out.getvalue()


def _format_of(head: bytes) -> str:
    """The name of a well-known format this file starts with, or "" when it is none of them."""
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "AVIF" if head[8:12] == b"avif" else "HEIC"
    return next((name for magic, name in _SIGNATURES if head.startswith(magic)), "")


def _exif(image: Image.Image) -> Image.Exif | None:
    """The photo's EXIF, or None when it has none or it is unreadable: bad metadata is no
    reason to refuse a good picture."""
    try:
        exif = image.getexif()
        exif.get_ifd(_EXIF_IFD)  # parse the sub-directories now, inside this guard
        exif.get_ifd(_GPS_IFD)
        return exif
    except (OSError, SyntaxError, ValueError, TypeError, KeyError, IndexError, struct.error):
        return None


def _taken_at(exif: Image.Exif | None) -> datetime | None:
    """When the photo was taken, in UTC: DateTimeOriginal (else Digitized) with its offset
    when the camera recorded one, else Türkiye's time."""
    if exif is None:
        return None
    tags = exif.get_ifd(_EXIF_IFD)
    for time_tag, offset_tag in _DATE_TAGS:
        value = _text(tags.get(time_tag))
        try:
            moment = datetime.strptime(value[:19], "%Y:%m:%d %H:%M:%S")
        except ValueError:
            continue
        zone = CAMERA_TIME_ZONE
        offset = _text(tags.get(offset_tag))
        if len(offset) == 6 and offset[0] in "+-" and offset[3] == ":":
            try:
                delta = timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
                zone = timezone(delta if offset[0] == "+" else -delta)
            except ValueError:
                pass
        if moment.year >= 1990:  # an unset camera clock says 1970 or 2000
            return moment.replace(tzinfo=zone).astimezone(UTC)
    return None


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return value.strip("\x00 ") if isinstance(value, str) else ""


def _position(exif: Image.Exif | None) -> tuple[Decimal | None, Decimal | None]:
    """GPS latitude and longitude in degrees (six decimals, ~0.1 m), or None when absent,
    malformed, or 0/0 (a phone without a fix)."""
    if exif is None:
        return None, None
    gps = exif.get_ifd(_GPS_IFD)
    latitude = _degrees(gps.get(2), gps.get(1), "S", 90)
    longitude = _degrees(gps.get(4), gps.get(3), "W", 180)
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        return None, None
    return latitude, longitude


def _degrees(value: object, ref: object, negative: str, bound: int) -> Decimal | None:
    try:
        degrees, minutes, seconds = (float(part) for part in value)  # type: ignore[union-attr]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    total = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(total) or not 0 <= total <= bound:
        return None
    sign = -1 if _text(ref).upper().startswith(negative) else 1
    return Decimal(repr(sign * total)).quantize(_MICRO)


def in_turkiye(latitude: Decimal, longitude: Decimal) -> bool:
    return (TURKIYE_LATITUDE[0] <= latitude <= TURKIYE_LATITUDE[1]
            and TURKIYE_LONGITUDE[0] <= longitude <= TURKIYE_LONGITUDE[1])
