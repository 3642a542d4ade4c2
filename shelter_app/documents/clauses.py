"""The contract's texts as editable templates, one file per language (resources/contracts/).

A programme's lawyer changes the wording there, not in Python. Each file holds:

- `@key: text` lines: the title, table labels and value phrases;
- `## N. Title` lines, each starting clause N; `## N. Title [condition]` prints the clause only
  when the condition holds (rent_free, deposit, renewal);
- the clause's text below its heading (a blank line separates paragraphs);
- `{name}` placeholders, filled with the agreement's values;
- `<!-- ... -->` comments.

Every language must have the same labels, clause numbers, conditions and placeholders (a test
checks it), so the translation printed under a Turkish clause is always that clause's.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from shelter_app.resources import resource

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LABEL = re.compile(r"^@([\w.]+):\s*(.*)$")
_HEADING = re.compile(r"^##\s+(\d+)\.\s+(.*?)(?:\s+\[(\w+)\])?\s*$")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Plural forms that a language may give for `value.months.*` (CLDR categories).
PLURAL_FORMS = ("one", "two", "few", "many", "other")


@dataclass(frozen=True)
class Clause:
    number: int
    title: str
    paragraphs: tuple[str, ...]
    condition: str | None = None


@dataclass(frozen=True)
class ClauseBook:
    """One language's texts."""

    language: str
    labels: Mapping[str, str]
    clauses: tuple[Clause, ...]

    def label(self, key: str, **values: object) -> str:
        return fill(self.labels[key], values)

    def months(self, count: int) -> str:
        """"12 ay", "12 months", "12 شهرا": the count with the language's plural form."""
        form = plural_form(self.language, count)
        key = f"value.months.{form}"
        return self.label(key if key in self.labels else "value.months.other", n=count)


def plural_form(language: str, count: int) -> str:
    if count == 1:
        return "one"
    if language != "ar":
        return "other"
    if count == 2:
        return "two"
    if 3 <= count % 100 <= 10:
        return "few"
    return "many" if 11 <= count % 100 <= 99 else "other"


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text))


def fill(template: str, values: Mapping[str, object]) -> str:
    """`template` with each {name} replaced by str(values[name]); values are never parsed
    again, so a brace in a name prints as it is."""
    return _PLACEHOLDER.sub(lambda match: str(values[match.group(1)]), template)


def parse_book(source: str, language: str) -> ClauseBook:
    labels: dict[str, str] = {}
    clauses: list[Clause] = []
    heading: re.Match[str] | None = None
    body: list[str] = []

    def finish() -> None:
        if heading is not None:
            paragraphs = "\n".join(body).strip().split("\n\n")
            clauses.append(Clause(int(heading.group(1)), heading.group(2).strip(),
                                  tuple(" ".join(p.split()) for p in paragraphs if p.strip()),
                                  heading.group(3)))

    for line in _COMMENT.sub("", source).splitlines():
        if heading is None and (label := _LABEL.match(line)):
            labels[label.group(1)] = label.group(2).strip()
        elif match := _HEADING.match(line):
            finish()
            heading, body = match, []
        elif heading is not None:
            body.append(line.strip())
        elif line.strip():
            raise ValueError(f"clauses_{language}.md: text outside a clause: {line!r}")
    finish()
    return ClauseBook(language, labels, tuple(clauses))


@cache
def clause_book(language: str) -> ClauseBook:
    """The texts of `language` ("tr", "ar", "en"), read once per process."""
    path = resource("contracts", f"clauses_{language}.md")
    return parse_book(path.read_text(encoding="utf-8"), language)
