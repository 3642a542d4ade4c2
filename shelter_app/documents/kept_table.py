"""A table of fixed texts drawn once per process, like a paragraph (documents.first_codes).

A contract's section headings (two cells and a line under them) and the box saying which
text prevails are tables of texts that are the same in every contract: laying one out and
drawing it cost ~0.2 ms, eight times a contract. In a document whose fonts give the fixed
characters their learnt codes, a table drawn in those characters alone is the same operators
wherever it stands (its place is set around them): its size and drawing are kept, and written
again as they were.
"""

from collections.abc import Hashable
from typing import Any

from reportlab.platypus import Flowable, Spacer, Table

from shelter_app.documents.text import RTLParagraph


class KeptTable(Table):
    """A Table whose size and drawing are kept per process where its document writes kept
    drawings; only one made of text flowables and spaces, never a part of a split one.
    Anything else is laid out and drawn as a Table."""

    _commands: tuple[tuple[Any, ...], ...] = ()
    _kept: tuple[float, float, str] | None = None
    _keyed: Hashable | None = None
    _whole = True

    def setStyle(self, tblstyle: Any) -> None:  # noqa: N802, N803
        super().setStyle(tblstyle)
        commands = tblstyle.getCommands() if hasattr(tblstyle, "getCommands") else tblstyle
        self._commands += tuple(tuple(command) for command in commands)

    def _flowables(self) -> list[Flowable]:
        return [flowable for row in self._cellvalues for cell in row
                for flowable in (cell if isinstance(cell, (list, tuple)) else (cell,))]

    def _key(self, width: float) -> Hashable | None:
        """What the drawing depends on, or None when it cannot be kept."""
        if not self._whole:
            return None
        cells: list[Hashable] = []
        for flowable in self._flowables():
            if isinstance(flowable, RTLParagraph):
                cells.append((type(flowable), flowable.text, flowable.style, flowable.base))
            elif type(flowable) is Spacer:
                cells.append((flowable.width, flowable.height))
            else:
                return None
        return ("table", tuple(cells), tuple(self._argW), tuple(self._argH), self._commands,
                width)

    def _codes(self) -> Any:
        canvas = getattr(self, "canv", None)
        return getattr(canvas._doc, "first_codes", None) if canvas is not None else None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        codes = self._codes()
        self._keyed = self._key(availWidth) if codes is not None else None
        self._kept = codes.drawing(self._keyed) if self._keyed is not None else None
        if self._kept is None:
            return super().wrap(availWidth, availHeight)
        self._width, self._height = self._kept[0], self._kept[1]
        return self._width, self._height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part._whole = False
        return parts

    def draw(self) -> None:
        code = self.canv._code
        if self._kept is not None:
            code.append(self._kept[2])
            return
        start = len(code)
        super().draw()
        codes, key = self._codes(), self._keyed
        if codes is None or key is None:
            return
        code[start:] = ["\n".join(code[start:])]  # the page joins its operators so
        codes.drawn(key, (self._width, self._height, code[-1]), self._drawn_text)

    def _drawn_text(self) -> dict[str, str]:
        """The characters its cells drew, by font."""
        texts: dict[str, str] = {}
        for flowable in self._flowables():
            if isinstance(flowable, RTLParagraph):
                for font, text in flowable.drawn_text().items():
                    texts[font] = texts.get(font, "") + text
        return texts
