"""The dwellings list's first page read with the DB-API before SQLAlchemy has loaded: the
list's own query, compiled, and the same rows as the service gives."""

import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import update
from sqlalchemy.dialects import sqlite

from shelter_app.data.engine import Database
from shelter_app.data.models import Dwelling
from shelter_app.domain import clock
from shelter_app.services.cases import first_page
from shelter_app.services.cases.dwellings import SortKey, _query, search_dwellings


def test_the_stored_sql_is_the_lists_own_query_compiled() -> None:
    compiled = str(_query("", SortKey.REF, False, 0, 200).compile(dialect=sqlite.dialect()))
    now = "\n".join(line.rstrip() for line in compiled.splitlines())
    assert first_page.SQL == now, (
        "The dwellings list's query changed: set SQL in shelter_app/services/cases/"
        f"first_page.py to this text (each line's trailing spaces dropped):\n{now}")


@pytest.mark.sqlite_only("the first page is read from a laptop's file")
@pytest.mark.parametrize("limit", [200, 7])
def test_the_same_rows_in_the_same_order_as_the_service(demo_db: Database, limit: int) -> None:
    with demo_db.write() as session:  # one dwelling deleted, one without household nor landlord
        session.execute(update(Dwelling).where(Dwelling.ref == "GAZ-D-000002")
                        .values(deleted_at=clock.now()))
        session.execute(update(Dwelling).where(Dwelling.ref == "ADA-D-000003")
                        .values(household_id=None, landlord_id=None))
    expected = search_dwellings(demo_db, limit=limit)
    assert demo_db.path is not None
    connection = sqlite3.connect(demo_db.path)
    try:
        rows = first_page.first_page(connection, limit)
    finally:
        connection.close()
    assert rows == expected
    assert len(rows) == min(limit, 119)
    assert "GAZ-D-000002" not in {row.ref for row in rows}
    assert [row.household for row in rows if row.ref == "ADA-D-000003"] == [None]


def test_reading_it_loads_no_sqlalchemy() -> None:
    code = ("import sys, shelter_app.services.cases.first_page\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
