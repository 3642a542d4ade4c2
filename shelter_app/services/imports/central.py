"""ODK Central's "CSV ZIP" export read as a Kobo export is: its submissions, their repeat
groups joined by KEY/PARENT_KEY, and the photos under media/."""

import csv
import io
import shutil
import zipfile
from pathlib import Path

from shelter_app.services.imports.sources import (
    Media,
    Row,
    Sheet,
    Source,
    Ticker,
    collect,
    csv_misfit,
    csv_records,
    no_header,
)

# ODK Central's submission metadata columns, read as "__system/<name>" (as Central's own API
# names them) so that "Status" is never taken for a protection status; KEY/PARENT_KEY join
CENTRAL_COLUMNS = ("SubmissionDate", "SubmitterID", "SubmitterName", "AttachmentsPresent",
                   "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
                   "FormVersion")
CENTRAL_SYSTEM = "__system/"


def read_central_zip(path: Path, archive: zipfile.ZipFile, tick: Ticker) -> Source:
    """ODK Central's "CSV ZIP": `<form>.csv`, one `<form>-<repeat>.csv` per repeat group joined
    by KEY/PARENT_KEY, and the photos under `media/`. Read as a Kobo export is: group paths
    ("household-head_name") with "/", the submission's instanceID as `_uuid`, its row as
    `_index`, and each repeat row's `_parent_index` the submission it belongs to (a nested
    repeat's KEY starts with its submission's). The media go to a folder that lives as long as
    the Source (`attachments`)."""
    tables = sorted((name for name in archive.namelist()
                     if name.lower().endswith(".csv") and "/" not in name.strip("/")),
                    key=len)
    if not tables:
        raise no_header(path.name)
    sheets: list[Sheet] = []
    for name in tables:
        with io.TextIOWrapper(archive.open(name), encoding="utf-8-sig", newline="") as text:
            sheet = collect(path, Path(name).stem, csv_records(csv.reader(text), path),
                            csv_misfit(","), tick, sum(len(done.rows) for done in sheets))
        if sheet is not None:
            sheets.append(_central_sheet(sheet))
    if not sheets:
        raise no_header(path.name)
    index = {str(row.cells.get("KEY")): row.cells["_index"] for row in sheets[0].rows}
    for sheet in sheets[1:]:
        for row in sheet.rows:
            submission = str(row.cells.get("PARENT_KEY") or "").split("/", 1)[0]
            row.cells["_parent_index"] = index.get(submission)
        sheet.headers.append("_parent_index")
    for row in sheets[0].rows:
        key = str(row.cells.get("KEY") or row.cells.get("meta/instanceID") or "")
        row.cells["_uuid"] = key.removeprefix("uuid:") or None
    sheets[0].headers.append("_uuid")
    media = _central_media(archive)
    return Source(path, "odk", sheets, notices=[], media=media)


def _central_sheet(sheet: Sheet) -> Sheet:
    """Headers with "/" between groups; the submission's rows numbered in `_index`."""
    renamed = {header: CENTRAL_SYSTEM + header if header in CENTRAL_COLUMNS else header
               if header in ("KEY", "PARENT_KEY") else header.replace("-", "/")
               for header in sheet.headers}
    rows = [Row(row.number, {renamed[h]: v for h, v in row.cells.items()} | {"_index": n},
                row.problem) for n, row in enumerate(sheet.rows, start=1)]
    return Sheet(sheet.name, [*renamed.values(), "_index"], rows, sheet.header_row,
                 sheet.empty_rows)


def _central_media(archive: zipfile.ZipFile) -> Media | None:
    """The ZIP's media/ files in a temporary folder."""
    names = [name for name in archive.namelist()
             if name.startswith("media/") and not name.endswith("/")]
    if not names:
        return None
    media = Media()
    for name in names:
        target = media.folder / Path(name).name
        with archive.open(name) as member, target.open("wb") as out:
            shutil.copyfileobj(member, out)
    return media
