"""The dwellings list's first page read with the DB-API alone, before SQLAlchemy has loaded.

At start the list is what the user came for, and loading SQLAlchemy and the models takes most of
the start's CPU; so the first page of a SQLite database is read with the driver meanwhile. The
SQL is not written here by hand: it is the list's own query (services/cases/dwellings.py, no
filter, by reference, from the first row) compiled for SQLite, and a test fails, showing
the new text, when that query changes. Its rows are made as the ORM makes them (ids as UUID,
the stage as Stage); a test compares them with the service's on the demo database.
"""

import uuid
from typing import Any

from shelter_app.domain.stages import Stage
from shelter_app.services.cases.dwelling_row import DwellingRow

# services.cases.dwellings._query("", SortKey.REF, False, 0, limit) compiled for SQLite (each
# line's trailing spaces dropped); its parameters: the limit, then the offset.
SQL = """\
SELECT dwellings.id, dwellings.ref, dwellings.stage, dwellings.province, dwellings.district, households_1.head_name, landlords_1.name
FROM dwellings JOIN (SELECT dwellings.id AS id, dwellings.ref AS sort_key
FROM dwellings
WHERE dwellings.deleted_at IS NULL ORDER BY dwellings.ref ASC, dwellings.ref
 LIMIT ? OFFSET ?) AS anon_1 ON anon_1.id = dwellings.id LEFT OUTER JOIN households AS households_1 ON households_1.id = dwellings.household_id LEFT OUTER JOIN landlords AS landlords_1 ON landlords_1.id = dwellings.landlord_id
WHERE dwellings.deleted_at IS NULL ORDER BY anon_1.sort_key ASC, dwellings.ref"""  # noqa: E501

def first_page(connection: Any, limit: int) -> list[DwellingRow]:
    """The list's first `limit` rows on `connection` (sqlite3 or sqlcipher3; the schema current,
    which the caller checks)."""
    return [DwellingRow(uuid.UUID(id_), ref, Stage(stage), province, district, household,
                        landlord)
            for id_, ref, stage, province, district, household, landlord
            in connection.execute(SQL, (limit, 0))]
