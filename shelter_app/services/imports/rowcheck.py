"""A row's check: its cells read by field through the value mapping, then the kind's rules.

Checking is a pure function of a row and the import's lookups, and most of an import's work
(about 60% of the CPU of 50,000 households), so a large file's rows are checked in chunks in
worker processes, one per core, while this process matches and saves them in row order. A
worker answers only for the rows that passed with nothing to say: a rejected row, or one with a
warning or a note, is checked again here, where the user's language is installed, so its
message reads exactly as a row checked here would.

The workers' answers are kept while the file read (its Source) lives: the import that follows
its preview asks for the same checks (the same rows, mapping, lookups and day), and takes the
kept answers instead of checking every row again (~4 s of CPU per 50,000 households).
"""

import weakref

from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from itertools import repeat
from typing import Any

from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import PhotoTag
from shelter_app.services.imports.choices import mapped
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.kinds.base import Checked, Key, Kind, Line
from shelter_app.services.imports.mapping import ColumnMap, ValueMap
from shelter_app.services.imports.sources import Cell, Source
from shelter_app.services.processes import cores, in_processes

CHUNK = 2_000  # rows per worker call (~0.3 s of checks): a cancel is heard within a chunk or two

# a row as a worker checks it: its cells by header, its repeat-group rows by sheet
Cells = tuple[Mapping[str, Cell], Mapping[str, list[Mapping[str, Cell]]]]


class Reader:
    """A row's cells by field key, a choice field's through its value mapping: the fields are
    looked up once per import, and each distinct choice cell is mapped once (a 50,000-row file
    holds a few nationalities; mapping every cell again cost ~15% of the row checks)."""

    _MOST = 1_000  # distinct cells remembered per field: more is free text

    def __init__(self, kind: Kind, mapping: ColumnMap, values: ValueMap, kobo: bool) -> None:
        self.columns = [(key, header, choice if choice and choice.choices else None,
                         values.get(key), {})
                        for key, header in mapping.items()
                        for choice in [kind.field(key)]]
        self.kobo = kobo

    def values(self, cells: Mapping[str, Cell]) -> dict[str, Cell]:
        values = {}
        for key, header, choice, chosen, known in self.columns:
            cell = cells.get(header)
            if choice is None:
                values[key] = cell
            elif cell in known:
                values[key] = known[cell]
            else:
                values[key] = mapped(choice, cell, chosen, self.kobo)
                if len(known) < self._MOST:
                    known[cell] = values[key]
        return values


# a worker's answer for a chunk: the field names of its rows' values, and each row's values in
# that order with its keys and photo tag, or None (`check_chunk`)
Answer = tuple[tuple[str, ...], list[tuple[tuple[Any, ...], list[Key], PhotoTag] | None]]


def check_chunk(kind_name: str, lookups: dict[str, Any], mapping: ColumnMap, values: ValueMap,
                kobo: bool, rows: Sequence[Cells]) -> Answer:
    """In a worker: each row that passed with nothing to say, as plain values (`Answer`):
    unpickling Checked objects cost the parent ~1.2 s of CPU per 50,000 rows, their values
    a sixth of that (the parent makes the Checked again, `_unpacked`, each time: the import
    adds to a Checked's keys and photos)."""
    kind = kind_named(kind_name)
    vars(kind).update(lookups)
    reader = Reader(kind, mapping, values, kobo)
    names: tuple[str, ...] | None = None
    found: list[tuple[tuple[Any, ...], list[Key], PhotoTag] | None] = []
    for cells, children in rows:
        try:
            checked = kind.check(Line(reader.values(cells), children))
        except UserError:
            found.append(None)
            continue
        names = names or tuple(checked.values)
        found.append(None if checked.warnings or checked.duplicates or checked.notes
                     or tuple(checked.values) != names
                     else (tuple(checked.values.values()), checked.keys, checked.photo_tag))
    return names or (), found


def _unpacked(answer: Answer) -> list[Checked | None]:
    names, found = answer
    return [None if row is None else Checked(dict(zip(names, row[0], strict=True)),
                                             list(row[1]), photo_tag=row[2]) for row in found]


def prechecked(kind: Kind, mapping: ColumnMap, values: ValueMap, source: Source,
               rows: Sequence[Cells], cancelled: Any = None) -> Iterator[Checked | None]:
    """Each row's check done by a worker (or kept from the last import of `source` that asked
    for the same), in row order, or None for a row to check here (all of them in a file of a
    few chunks, where starting processes would cost more than it saves, and for a kind whose
    checks read the database)."""
    workers = min(cores(), len(rows) // CHUNK)
    if kind.check_reads is None or workers < 2:
        yield from repeat(None, len(rows))
        return
    lookups = {name: getattr(kind, name) for name in kind.check_reads}
    asked = (kind.name, dict(mapping), values, source.is_kobo, lookups, clock.today())
    kept = _kept.get(source, asked)
    if kept is not None:
        for answer in kept:
            yield from _unpacked(answer)
        return
    chunks = ((start, (kind.name, lookups, dict(mapping), values, source.is_kobo,
                       rows[start:start + CHUNK])) for start in range(0, len(rows), CHUNK))
    done: dict[int, Answer | None] = {}
    answers: list[Answer] | None = []
    given = 0
    for start, future in in_processes(check_chunk, chunks, workers, cancelled):
        try:
            done[start] = future.result()
        except BrokenProcessPool:  # a worker died: this process checks those rows
            done[start] = None
        while given in done:
            answer = done.pop(given)
            if answer is None or answers is None:
                answers = None
                yield from repeat(None, len(rows[given:given + CHUNK]))
            else:
                answers.append(answer)
                yield from _unpacked(answer)
            given += CHUNK
    if answers is not None and given >= len(rows):
        _kept.keep(source, asked, answers)
    yield from repeat(None, len(rows) - given)  # cancelled: the runner stops at its next look


class _Kept:
    """The workers' answers of the last import, for the Source they checked (held weakly: a
    file closed takes its answers with it) and what they were asked."""

    def __init__(self) -> None:
        self._source: weakref.ref[Source] | None = None
        self._asked: tuple[Any, ...] = ()
        self._answers: list[Answer] = []

    def get(self, source: Source, asked: tuple[Any, ...]) -> list[Answer] | None:
        if self._source is None or self._source() is not source or self._asked != asked:
            return None
        return self._answers

    def keep(self, source: Source, asked: tuple[Any, ...], answers: list[Answer]) -> None:
        self._source = weakref.ref(source, self._forget)
        self._asked, self._answers = asked, answers

    def _forget(self, gone: "weakref.ref[Source]") -> None:
        if gone is self._source:
            self._source, self._asked, self._answers = None, (), []


_kept = _Kept()
