"""Ids bound a few hundred at a time: a statement with thousands of bound ids passes SQLite's
limit of bound parameters and makes PostgreSQL plan a long list."""

from collections.abc import Iterator
from typing import Any

CHUNK = 500


def chunks(items: list[Any]) -> Iterator[list[Any]]:
    """`items` in slices of at most CHUNK."""
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
