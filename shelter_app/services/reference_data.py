"""Reference data shipped in db/reference: programme offices, provinces and districts."""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from shelter_app.resources import find


@dataclass(frozen=True)
class OfficeInfo:
    code: str
    name: str
    province: str
    districts: dict[str, list[str]]
    lat: float
    lon: float


def _load(*parts: str) -> Any:
    return json.loads(find(*parts).read_text(encoding="utf-8"))


@cache
def offices() -> tuple[OfficeInfo, ...]:
    return tuple(OfficeInfo(**item) for item in _load("db", "reference", "provinces.json")["offices"])


@cache
def demo_names() -> dict[str, list[str]]:
    return _load("resources", "demo", "names.json")
