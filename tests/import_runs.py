"""Running an import in a test: a table written as Excel's CSV, the run with names matched
automatically, and the row counts that show whether the database changed."""

import csv
import io
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from shelter_app.data.engine import Database
from shelter_app.data.models import (
    AuditEvent,
    Dwelling,
    DwellingSearchToken,
    ExternalKey,
    Household,
    Landlord,
    Worker,
)
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.mapping import auto_mapping
from shelter_app.services.imports.runner import ImportResult, Options, run_import
from shelter_app.services.imports.sources import Source
from shelter_app.services.imports.opening import read_source

_TABLES = (Household, Landlord, Worker, Dwelling, DwellingSearchToken, ExternalKey, AuditEvent)


def table_csv(path: Path, rows: list[list[str]], encoding: str = "cp1254",
              separator: str = ";") -> Path:
    """`rows` (the header first) as Excel's CSV writes them: CRLF, quotes where needed."""
    text = io.StringIO()
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def options(source: Source, kind: str, **changes: Any) -> Options:
    return Options(kind, auto_mapping(kind_named(kind), source.main.headers), **changes)


def run(db: Database, actor: Actor, path: Path, kind: str, *, dry_run: bool = False,
        **changes: Any) -> ImportResult:
    """Read `path` and import it as `kind` with the columns matched by name."""
    source = read_source(path)
    return run_import(db, actor, source, options(source, kind, **changes), dry_run=dry_run)


def messages(result: ImportResult) -> dict[int, str]:
    """Row number -> message, for the rejected rows."""
    return {outcome.number: outcome.message for outcome in result.outcomes
            if outcome.status == "rejected"}


def table_counts(db: Database) -> dict[str, int]:
    """Rows per table an import writes: equal before and after means nothing was saved."""
    with db.read() as session:
        return {table.__tablename__: session.scalar(select(func.count()).select_from(table)) or 0
                for table in _TABLES}
