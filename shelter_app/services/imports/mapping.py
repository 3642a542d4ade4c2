"""Which column fills which field: matched by name, adjustable, saved for the next file.

Headers are compared folded (case, Turkish İ/ı and diacritics ignored; "Adı Soyadı" meets
"adi soyadi"), with punctuation as spaces. A Kobo header `group/question` also matches by its
question name alone. A mapping file is JSON, so a coordinator can prepare one for all
engineers of a programme and keep it beside the export.
"""

import json
import re
from pathlib import Path

from shelter_app.domain.errors import UserError
from shelter_app.domain.i18n import translate
from shelter_app.domain.textfold import fold
from shelter_app.services.imports.kinds.base import Kind

ColumnMap = dict[str, str]  # field key -> header
_PUNCTUATION = re.compile(r"[\W_]+")
FORMAT = "shelter-app import mapping"


def header_name(text: str) -> str:
    """A header or alias as compared: folded words separated by single spaces."""
    return " ".join(_PUNCTUATION.split(fold(text))).strip()


def auto_mapping(kind: Kind, headers: list[str]) -> ColumnMap:
    """Each field's column by key, label (as this app's own lists write it) or alias: the
    full header first, then a Kobo question name."""
    full = {header_name(h): h for h in reversed(headers)}
    question = {header_name(h.rsplit("/", 1)[-1]): h for h in reversed(headers) if "/" in h}
    found: ColumnMap = {}
    taken: set[str] = set()
    for lookup in (full, question):
        for field in kind.fields:
            if field.key in found:
                continue
            for name in (field.key, field.label(), *field.aliases):
                header = lookup.get(header_name(name))
                if header is not None and header not in taken:
                    found[field.key] = header
                    taken.add(header)
                    break
    return found


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


def save_mapping(path: Path, kind: Kind, mapping: ColumnMap) -> None:
    payload = {"format": FORMAT, "kind": kind.name, "columns": dict(sorted(mapping.items()))}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


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
