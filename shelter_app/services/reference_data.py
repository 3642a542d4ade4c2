"""Reference data shipped in db/reference: programme offices, provinces and districts."""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from shelter_app.domain.textfold import turkish_sort_key
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


@cache
def provinces() -> tuple[str, ...]:
    """The 81 provinces of Türkiye: the programme offices' provinces first (in the order of
    the reference offices), then the others in Turkish alphabetical order."""
    every = _load("db", "reference", "provinces.json")["provinces"]
    first = list(dict.fromkeys(info.province for info in offices()))
    return tuple(first + sorted((name for name in every if name not in first),
                                key=turkish_sort_key))
