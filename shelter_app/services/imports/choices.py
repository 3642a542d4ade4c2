"""The value-mapping step: each choice column's values as the file writes them (Kobo's choice
names such as `sanliurfa`, or labels in any of the form's languages) -> the app's stored value.

Values are suggested by name (folded, punctuation as spaces), the user confirms or changes them,
and the result is saved with the column mapping. A value of a Kobo or ODK export that has no
app value is refused, never stored as written. An ordinal scale (a component's condition) is
never guessed from numbers: the form's 1 may be the best or the worst, so numbers need the
direction chosen (`scale_values`) or each value mapped by hand; words ("Çok kötü", "Good") say
their direction and are suggested.
"""

from collections.abc import Iterable, Mapping
from functools import cache, lru_cache

from shelter_app.domain.errors import ValidationError
from shelter_app.domain.i18n import translate
from shelter_app.services.imports.kinds.base import Choices, Field, Kind
from shelter_app.services.imports.mapping import ColumnMap, ValueMap, header_name
from shelter_app.services.imports.sources import Cell, Sheet
from shelter_app.services.imports.values import as_list, as_text

MAX_VALUES = 200  # distinct values listed per column: more is free text, not a choice

WORST_FIRST, BEST_FIRST = "worst-first", "best-first"


def choice_fields(kind: Kind, mapping: ColumnMap) -> list[Field]:
    """The mapped fields whose values are one of a list."""
    return [field for field in kind.fields if field.choices is not None and field.key in mapping]


def parts(choices: Choices, text: str) -> list[str]:
    """A cell's values: itself, or a list's items. Kobo's select_multiple separates them by
    spaces, also in a labels export where a label has spaces itself ("Engellilik Yaşlı birey"):
    the longest known names are taken first."""
    if not choices.multiple:
        return [text] if text else []
    if any(mark in text for mark in ",;\n"):
        return as_list(text)
    names = _names(choices)
    words, found, start = text.split(), [], 0
    while start < len(words):
        end = next((end for end in range(len(words), start, -1)
                    if header_name(" ".join(words[start:end])) in names), start + 1)
        found.append(" ".join(words[start:end]))
        start = end
    return found


def distinct_values(sheet: Sheet, header: str, choices: Choices) -> list[str]:
    """The column's values in the order they first appear (each item of a list)."""
    seen: dict[str, None] = {}
    for row in sheet.rows:
        for value in parts(choices, as_text(row.cells.get(header))):
            if value and value not in seen:
                seen[value] = None
                if len(seen) >= MAX_VALUES:
                    return list(seen)
    return list(seen)


@cache
def _names(choices: Choices) -> dict[str, str]:
    """Every name of a choice as compared (folded, punctuation as spaces) -> stored value;
    made once per field: a file's every cell is looked up in it."""
    return {header_name(name): stored for name, stored in choices.names().items()}


def suggest(choices: Choices, values: Iterable[str]) -> dict[str, str]:
    """The app value each file value names ("" when none, and for any number on a scale)."""
    return {value: _suggestion(choices, value) for value in values}


@lru_cache(maxsize=4096)
def _suggestion(choices: Choices, value: str) -> str:
    """One value's suggestion, remembered: every cell of a choice column asks, and a file's
    50,000 rows hold a few distinct answers (folding each again cost ~20% of an import)."""
    if choices.scale and value.strip().isdigit():
        return ""
    return _names(choices).get(header_name(value), "")


def suggested_values(kind: Kind, sheet: Sheet, mapping: ColumnMap,
                     saved: ValueMap | None = None) -> ValueMap:
    """Every choice column's values with the saved app value, else the suggested one."""
    found: ValueMap = {}
    for field in choice_fields(kind, mapping):
        assert field.choices is not None
        values = distinct_values(sheet, mapping[field.key], field.choices)
        chosen = (saved or {}).get(field.key, {})
        found[field.key] = {value: chosen.get(value) or guess
                            for value, guess in suggest(field.choices, values).items()}
    return found


def scale_values(choices: Choices, values: Iterable[str], direction: str) -> dict[str, str]:
    """The form's numbers 1…n onto the app's n levels, as the user said: WORST_FIRST when the
    form's 1 is the worst state, BEST_FIRST when it is the best."""
    stored = [value for value, _ in choices.options()]  # the app's, best first
    numbers = sorted({int(v) for v in values if v.strip().isdigit()})
    if not set(numbers) <= set(range(1, len(stored) + 1)):
        raise ValidationError(translate(
            "imports", "The form's scale has the values {values}, not 1 to {levels}; map each "
                       "to the app's levels by hand.").format(
            values=", ".join(map(str, numbers)), levels=len(stored)), field="scale")
    ordered = stored if direction == BEST_FIRST else stored[::-1]
    return {str(n): ordered[n - 1] for n in numbers}


def scale_text(choices: Choices, chosen: Mapping[str, str]) -> str:
    """"source 1 = … → app 4 Failed …": the direction as the preview shows it."""
    labels = dict(choices.options())
    parts = [f"{value} → {app} {labels.get(app, '')}".strip()
             for value, app in sorted(chosen.items(), key=lambda item: item[0]) if app]
    return translate("imports", "form {pairs}").format(pairs=", ".join(parts)) if parts else ""


def mapped(field: Field, cell: Cell, chosen: Mapping[str, str] | None, strict: bool) -> Cell:
    """The cell as the app's value: through the user's value mapping, else the suggestion.
    `strict` (a Kobo/ODK export): a value with neither is refused, never stored raw."""
    choices = field.choices
    if choices is None:
        return cell
    text = as_text(cell)
    if not text:
        return cell
    items = parts(choices, text)
    guesses = suggest(choices, items)
    out = []
    for part in items:
        value = (chosen or {}).get(part) or guesses[part]
        if not value and strict:
            raise ValidationError(_unmapped(field, part), field=field.key)
        out.append(value or part)
    return ", ".join(out) if choices.multiple else out[0]


def _unmapped(field: Field, value: str) -> str:
    assert field.choices is not None
    if field.choices.scale and value.strip().isdigit():
        return translate("imports", "'{value}' is a number on the form's scale, and whether 1 "
                                    "is the best or the worst state is not written in the file; "
                                    "choose the direction in the values step (command line: "
                                    "--scale).").format(value=value)
    return translate("imports", "'{value}' has no value in this app; choose one for it in the "
                                "values step (or in the mapping file's \"values\").").format(
        value=value)


def with_direction(kind: Kind, sheet: Sheet, mapping: ColumnMap, values: ValueMap,
                   direction: str) -> ValueMap:
    """`values` with every scale column's numbers mapped in `direction` (the command line's
    --scale, the values step's buttons); words and values already chosen are kept."""
    found = {key: dict(chosen) for key, chosen in values.items()}
    for field in choice_fields(kind, mapping):
        assert field.choices is not None
        if field.choices.scale:
            numbers = [value for value in distinct_values(sheet, mapping[field.key],
                                                          field.choices) if value.isdigit()]
            scaled = scale_values(field.choices, numbers, direction)
            found[field.key] = {**scaled, **{k: v for k, v in found.get(field.key, {}).items()
                                             if v and k not in scaled}}
    return found
