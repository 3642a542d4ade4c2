"""Which column fills which field: matched by name, adjustable, saved for the next file.

Headers are compared folded (case, Turkish İ/ı and diacritics ignored; "Adı Soyadı" meets
"adi soyadi"), with punctuation as spaces. A Kobo header `group/question` (XML names, or labels
in any of the form's languages with the groups' labels before them) also matches by its
question alone. Kobo's and ODK Central's metadata columns (`_status`, `_notes`, `_uuid`, media
`…_URL`, KEY…) are never answers and never match. Each match says why, for the preview.
A mapping file is JSON: the columns and the value mapping of the choice fields
(services.imports.choices), so a coordinator can prepare one for all engineers of a programme
and keep it beside the export.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.textfold import fold
from shelter_app.services.imports.kinds.base import Kind
from shelter_app.services.imports.central import CENTRAL_SYSTEM

ColumnMap = dict[str, str]  # field key -> header
ValueMap = dict[str, dict[str, str]]  # field key -> {value in the file: the app's value}
_PUNCTUATION = re.compile(r"[\W_]+")
FORMAT = "shelter-app import mapping"
# Kobo's submission metadata (formpack's copy fields and the repeat sheets' join columns) and
# the phone's own metadata questions: never an answer to a question of the form
_KOBO_METADATA = {"_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
                  "_submitted_by", "__version__", "_version_", "_tags", "_index", "_parent_index",
                  "_parent_table_name", "_attachments", "_geolocation", "_xform_id_string",
                  "_media_all_received", "_total_media", "start", "end", "deviceid",
                  "username", "simserial", "subscriberid", "phonenumber", "audit", "instanceid",
                  "instanceID", "formhub/uuid", "KEY", "PARENT_KEY"}


@dataclass(frozen=True)
class Match:
    """A column chosen for a field by name, and why (shown in the mapping preview)."""

    header: str
    reason: str


def is_metadata(header: str) -> bool:
    """Whether a column is export metadata rather than an answer."""
    question = header.rsplit("/", 1)[-1]
    return (question in _KOBO_METADATA or header in _KOBO_METADATA
            or header.startswith(("meta/", "_submission_", CENTRAL_SYSTEM))
            or question.startswith("_submission_") or header.endswith("_URL"))


def header_name(text: str) -> str:
    """A header or alias as compared: folded words separated by single spaces."""
    return " ".join(_PUNCTUATION.split(fold(text))).strip()


def auto_mapping(kind: Kind, headers: list[str]) -> ColumnMap:
    """Each field's column by key, label (as this app's own lists write it) or alias: the
    full header first, then a Kobo question name."""
    return {key: match.header for key, match in auto_matches(kind, headers).items()}


def auto_matches(kind: Kind, headers: list[str]) -> dict[str, Match]:
    """`auto_mapping` with the reason of each match."""
    answers = [h for h in headers if not is_metadata(h)]
    full = {header_name(h): h for h in reversed(answers)}
    question = {header_name(h.rsplit("/", 1)[-1]): h for h in reversed(answers) if "/" in h}
    found: dict[str, Match] = {}
    taken: set[str] = set()
    for lookup in (full, question):
        for field in kind.fields:
            if field.key in found:
                continue
            for name in (field.key, field.label(), *field.aliases):
                header = lookup.get(header_name(name))
                if header is not None and header not in taken:
                    found[field.key] = Match(header, _reason(header, name, lookup is question))
                    taken.add(header)
                    break
    return found


def _reason(header: str, name: str, by_question: bool) -> str:
    if by_question:
        group, _, asked = header.rpartition("/")
        if header_name(asked) == header_name(name):
            return translate("imports", "question “{question}” of the group “{group}”").format(
                question=asked, group=group)
        return translate("imports", "question “{question}” of the group “{group}”, as "
                                    "“{name}”").format(question=asked, group=group, name=name)
    return translate("imports", "the column is called “{name}”").format(name=name)


def why_unmatched(header: str) -> str:
    """Why a column fills no field, for the preview."""
    if is_metadata(header):
        return translate("imports", "export metadata (submission, version, media link), not an "
                                    "answer")
    return translate("imports", "no field of this kind is called so; choose it by hand if it "
                                "fills one")


def missing_fields(kind: Kind, mapping: ColumnMap) -> list[str]:
    """Labels of the required fields no column fills."""
    return [field.label() for field in kind.fields if field.required and field.key not in mapping]


def shared_columns(kind: Kind, mapping: ColumnMap) -> list[str]:
    """A line for each column chosen for more than one field: usually a slip in the mapping."""
    fields: dict[str, list[str]] = {}
    for field in kind.fields:
        if field.key in mapping:
            fields.setdefault(mapping[field.key], []).append(field.label())
    return [translate("imports", "The column '{column}' fills {fields}; check that this is "
                                 "meant.").format(column=column, fields=", ".join(labels))
            for column, labels in fields.items() if len(labels) > 1]


def save_mapping(path: Path, kind: Kind, mapping: ColumnMap, values: ValueMap | None = None
                 ) -> None:
    payload = {"format": FORMAT, "kind": kind.name, "columns": dict(sorted(mapping.items())),
               "values": {key: dict(sorted(chosen.items()))
                          for key, chosen in sorted((values or {}).items()) if chosen}}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def load_values(path: Path, kind: Kind) -> ValueMap:
    """The value mapping saved with a mapping (an older file has none: {})."""
    payload = _payload(path)
    values = payload.get("values") or {}
    known = {field.key for field in kind.fields}
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise UserError(translate("imports", "{path} is not a mapping file of this app; save one "
                                             "from the import dialog.").format(path=path),
                        field="mapping")
    return {key: {str(source): str(app) for source, app in chosen.items()}
            for key, chosen in values.items() if key in known}


def _payload(path: Path) -> dict:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(payload, dict):
            raise TypeError(type(payload).__name__)
    except (OSError, ValueError, TypeError) as error:
        raise UserError(translate("imports", "{path} is not a mapping file of this app ({error}); "
                                             "save one from the import dialog.").format(
            path=path, error=error), field="mapping") from None
    return payload


def load_mapping(path: Path, kind: Kind, headers: list[str]) -> ColumnMap:
    """A saved mapping for `kind`; a column the file lacks is a message, not a silent gap."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        columns = payload["columns"] if payload.get("format") == FORMAT else None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise UserError(translate("imports", "{path} is not a mapping file of this app ({error}); "
                                             "save one from the import dialog.").format(
            path=path, error=error), field="mapping") from None
    if not isinstance(columns, dict):
        raise UserError(translate("imports", "{path} is not a mapping file of this app; save one "
                                             "from the import dialog.").format(path=path),
                        field="mapping")
    if payload.get("kind") != kind.name:
        raise UserError(translate("imports", "{path} maps columns for {other}, not for {kind}; "
                                             "choose the mapping saved for {kind}.").format(
            path=path, other=payload.get("kind"), kind=kind.name), field="mapping")
    known = {field.key for field in kind.fields}
    # the same column as another export writes it ("Adı\nSoyadı" from XLSX, "Adı Soyadı" in CSV)
    alike = {header_name(header): header for header in reversed(headers)}
    found = {key: header if header in headers else alike.get(header_name(str(header)))
             for key, header in columns.items() if key in known}
    absent = sorted(str(columns[key]) for key, header in found.items() if header is None)
    if absent:
        raise UserError(translate("imports", "The file has no column {columns} that the mapping "
                                             "{path} names; adjust the mapping to this file's "
                                             "columns.").format(
            columns=", ".join(f"'{name}'" for name in absent), path=path.name), field="mapping")
    return {key: header for key, header in found.items() if header is not None}
