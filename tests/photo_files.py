"""Photo files for tests: camera-like JPEGs, and the bad files a batch must survive."""

import struct
import zlib
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw

from shelter_app.domain.stages import PhotoTag
from shelter_app.demo.sample_photos import camera_jpeg, wall_picture

#: The colours of the four quadrants of `quadrants()`, as seen upright.
TOP_LEFT, TOP_RIGHT = (220, 30, 30), (30, 200, 30)
BOTTOM_LEFT, BOTTOM_RIGHT = (30, 30, 220), (230, 220, 40)
GAZIANTEP = (Decimal("37.066200"), Decimal("37.383300"))


def quadrants(size: tuple[int, int] = (400, 300)) -> Image.Image:
    """An upright picture whose every turn or flip shows: four coloured quadrants."""
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for (left, top), colour in (((0, 0), TOP_LEFT), ((1, 0), TOP_RIGHT),
                                ((0, 1), BOTTOM_LEFT), ((1, 1), BOTTOM_RIGHT)):
        draw.rectangle((left * width // 2, top * height // 2, (left + 1) * width // 2,
                        (top + 1) * height // 2), fill=colour)
    return image


def photo(path: Path, *, seed: int = 0, size: tuple[int, int] = (400, 300),
          orientation: int = 6, taken_at: datetime | None = datetime(2026, 5, 3, 14, 30),
          gps: tuple[Decimal | float, Decimal | float] | None = GAZIANTEP,
          tag: PhotoTag = PhotoTag.BEFORE) -> Path:
    """A small camera JPEG (sideways pixels + EXIF orientation, time and GPS) at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(camera_jpeg(wall_picture(size, tag, seed=seed), orientation=orientation,
                                 taken_at=taken_at, gps=gps))
    return path


def png_claiming(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header claims `width` x `height`: a decompression bomb's shape."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + chunk(b"IEND", b""))
    return path


def truncated(path: Path, seed: int = 99) -> Path:
    data = camera_jpeg(wall_picture((400, 300), seed=seed))
    path.write_bytes(data[: len(data) // 2])
    return path


def stored_files(files_dir: Path) -> set[str]:
    """Every file under the photos store, by name (temporary files included, to catch them)."""
    root = files_dir / "photos"
    return {path.name for path in root.rglob("*") if path.is_file()} if root.exists() else set()
