"""Font codes a kind of document gives out first, so its fixed texts are the same bytes in each.

ReportLab gives a document's characters their codes in the order it first draws them, so the
same clause was other bytes in each contract, and each contract drew it again (a third of the
render). A `FirstCodes` learns which characters a reference document of the kind draws in each
font, and gives every later document those characters first, in the reference's order, with
the fonts named in a fixed order: those characters then have the same codes, and the fonts the
same names, in every document it starts. A paragraph drawn in them alone is the same operators
wherever it stands (its place is set around them), so it is drawn once per process and written
again as it was (documents.text.RTLParagraph.draw).
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont

KEPT = 4096  # drawings kept per kind of document
SEEN = 16384  # drawings remembered as seen once (a drawing is kept when seen again)


class FirstCodes:
    """The characters each of `fonts` gives codes to first, learnt from the first document
    built with it (`learn`), and the drawings of texts made of them alone (`drawing`)."""

    def __init__(self, fonts: Sequence[str]) -> None:
        self.fonts = tuple(fonts)
        self.first: dict[str, str] | None = None  # the characters in the order of their codes
        self.covered: dict[str, frozenset[str]] = {}
        self.kept: dict[Hashable, Any] = {}
        self.seen: set[Hashable] = set()

    def give(self, doc: Any) -> None:
        """Name the fonts in `doc` and give them the learnt characters' codes, before anything
        is drawn; `doc` then writes kept drawings (once something is learnt)."""
        for name in self.fonts:
            font = getFont(name)
            if self.first is not None:
                font.splitString(self.first[name], doc)
            font._assignState(doc)
            font.getSubsetInternalName(0, doc)
        if self.first is not None:
            doc.first_codes = self

    def learn(self, doc: Any) -> None:
        """The characters `doc` gave codes to, font by font, unless learnt already: call it
        before the document is saved (saving drops the fonts' state)."""
        if self.first is not None:
            return
        first = {}
        for name in self.fonts:
            assigned = getFont(name).state[doc].assignments
            self.covered[name] = frozenset(chr(char) for char, code in assigned.items() if code)
            first[name] = "".join(chr(char) for char, code in sorted(
                assigned.items(), key=lambda item: item[1])
                if code and not (32 <= char < 127 and code == char))  # ASCII: its own code
        self.first = first

    def drawing(self, key: Hashable) -> Any:
        """The drawing kept for `key`, if any."""
        return self.kept.get(key)

    def drawn(self, key: Hashable, drawing: Any, texts: Callable[[], Mapping[str, str]]) -> None:
        """`drawing` drew `texts()` (the characters drawn in each font): kept for `key` the
        second time it is seen, if each font's codes of all those characters are the learnt
        ones. `texts` is called only then: most texts drawn for the first time (a contract's
        values) are never drawn again."""
        if key not in self.seen:
            if len(self.seen) >= SEEN:
                self.seen.clear()
            self.seen.add(key)
        elif len(self.kept) < KEPT and all(set(text) <= self.covered.get(font, frozenset())
                                           for font, text in texts().items()):
            self.kept[key] = drawing
