"""Rows written for the command line: an aligned table for people, CSV and JSON for scripts.

Every format has the same columns in the same order. CSV and JSON carry stored values (a
status as "approved", amounts as "7500.00", dates ISO 8601), the table the interface's labels.
JSON is a list of objects keyed by the column names; amounts are strings, so no cent is lost to
a float. Output is UTF-8 whatever the console's code page, so Turkish and Arabic names survive
a redirect into a file on Windows too.
"""

import csv
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

FORMATS = ("table", "csv", "json")


def plain(value: Any) -> Any:
    """A value as JSON holds it: None, bool, int and str as they are, the rest as text."""
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date | Decimal):
        return str(value)  # date: 2026-11-20, Decimal: 7500.00
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


def text(value: Any) -> str:
    """A value in one CSV cell."""
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def write_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str,
               label: Callable[[Any], str],
               column_labels: Mapping[str, Callable[[Any], str]] | None = None) -> None:
    """Write `rows` (one value per column) to stdout; `label` shows a value in the table,
    `column_labels` a named column's values its own way (days with their one decimal)."""
    _utf8_stdout()
    if fmt == "json":
        json.dump([dict(zip(columns, map(plain, row))) for row in rows], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([text(value) for value in row] for row in rows)
    else:
        shown = [(column_labels or {}).get(column, label) for column in columns]
        _table(list(columns), [[show(value) for show, value in zip(shown, row)]
                               for row in rows])


def _utf8_stdout() -> None:
    """Switch a console's or pipe's text stream to UTF-8 (a StringIO has no encoding to
    switch)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8").lower().replace("-", "")
    if encoding != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


def _table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max([len(name)] + [len(row[n]) for row in rows]) for n, name in enumerate(header)]
    for line in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip())
