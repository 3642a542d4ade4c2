"""A long ruled table of plain strings, drawn directly: the BoQ's lines.

ReportLab's Table styles every cell command by command, and at each page break builds the rest
of the table again (styles, spans, heights) for the next page: a 200-line BoQ of seven pages
paid for the table about seven times. Here the rows arrive measured (their heights known from
their line counts), a page break slices them, and a page's part draws its shading, text and
rules in three PDF operations, as a Table with a full GRID, repeated header rows and
one-row spans would draw them.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Flowable

from shelter_app.documents.ink import Ink


@dataclass(frozen=True, slots=True)
class Row:
    """One row: a string per cell ("\\n" between lines); with `span` > 1 the first cell covers
    that many columns and the row has that many cells fewer less one. `align` ("LEFT" or
    "RIGHT") overrides the columns' alignment for the whole row."""

    cells: Sequence[str]
    height: float
    lines: int  # of the cell with the most
    bold: bool = False
    shaded: bool = False
    span: int = 1
    align: str | None = None


@dataclass(frozen=True)
class RuledStyle:
    font: str
    bold: str
    size: float
    leading: float
    left: float  # padding
    right: float
    top: float
    rule: float  # line width
    rule_color: Any
    shade: Any
    ink: Any


class RuledTable(Flowable):
    """`header` rows on every page, then as many `rows` as fit; columns `widths` wide, aligned
    by `align` (one per column); centred like a Table (the BoQ's is as wide as the frame
    without its padding)."""

    def __init__(self, header: Sequence[Row], rows: Sequence[Row], widths: Sequence[float],
                 align: Sequence[str], style: RuledStyle) -> None:
        super().__init__()
        self.hAlign = "CENTER"
        self.header, self.rows = header, rows
        self.widths, self.align, self.style = widths, align, style
        self.width = sum(widths)
        self.height = sum(row.height for row in (*header, *rows))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        """As Table.split with repeated header rows: rows while they fit, nothing if not one
        row after the header does."""
        used, fits = 0.0, 0
        for row in (*self.header, *self.rows):
            if used + row.height > available_height:
                break
            used += row.height
            fits += 1
        fits -= len(self.header)
        if fits <= 0:
            return []
        if fits >= len(self.rows):
            return [self]
        return [RuledTable(self.header, self.rows[:fits], self.widths, self.align, self.style),
                RuledTable(self.header, self.rows[fits:], self.widths, self.align, self.style)]

    def draw(self) -> None:
        canvas, style = self.canv, self.style
        rows = (*self.header, *self.rows)
        edges = [0.0]
        for width in self.widths:
            edges.append(edges[-1] + width)
        tops = [self.height]
        for row in rows:
            tops.append(tops[-1] - row.height)
        shaded = [number for number, row in enumerate(rows) if row.shaded]
        if shaded:
            path = canvas.beginPath()
            for number in shaded:
                path.rect(0, tops[number + 1], self.width, rows[number].height)
            canvas.setFillColor(style.shade)
            canvas.drawPath(path, stroke=0, fill=1)
        self._text(rows, edges, tops)
        self._rules(rows, edges, tops)

    def _text(self, rows: Sequence[Row], edges: list[float], tops: list[float]) -> None:
        """Each cell's lines from its top left (or right), in one text object. A column's
        left x is formatted once, a right-aligned text's x once per column and text, a line's
        y once per row; a row of one-column cells in the columns' alignment (most rows) takes
        its cells' places from one list."""
        canvas, style = self.canv, self.style
        text = canvas.beginText()
        text.setFillColor(style.ink)
        ink = Ink(text)
        size, leading = style.size, style.leading
        lefts = [fp_str(edge + style.left) for edge in edges]
        columns = [(lefts[column] if align != "RIGHT" else None, column + 1)
                   for column, align in enumerate(self.align)]
        rights: dict[tuple[int, str, str], str] = {}
        widths = {font: getFont(font).stringWidth for font in (style.font, style.bold)}
        placed: list[tuple[str, str, str]] = []  # (x, y, text) in the font in use
        font = None
        for number, row in enumerate(rows):
            if font != (style.bold if row.bold else style.font):
                if placed:
                    ink.show_each(placed)
                    placed.clear()
                font = style.bold if row.bold else style.font
                ink.font(font, size)
                width = widths[font]
            first = tops[number] - style.top - size
            ys = [fp_str(first - line * leading) for line in range(row.lines)] \
                if row.lines > 1 else [fp_str(first)]
            places = columns if row.span == 1 and row.align is None else self._places(row, lefts)
            for (x, end), cell in zip(places, row.cells, strict=False):
                if not cell:
                    continue
                if "\n" in cell:
                    lines = zip(cell.split("\n"), ys, strict=False)
                else:
                    lines = ((cell, ys[0]),)
                if x is not None:
                    placed += [(x, y, line) for line, y in lines]
                    continue
                for line, y in lines:
                    key = (end, font, line)
                    right = rights.get(key)
                    if right is None:
                        right = rights[key] = fp_str(edges[end] - style.right
                                                     - width(line, size))
                    placed.append((right, y, line))
        ink.show_each(placed)
        canvas.drawText(text)

    def _places(self, row: Row, lefts: list[str]) -> list[tuple[str | None, int]]:
        """(left x, or None to end at the right edge of column `end`; `end`) for each of a
        spanning or realigned row's cells."""
        places = []
        for column in range(len(row.cells)):
            start = 0 if column == 0 else column + row.span - 1
            end = column + row.span if column == 0 else start + 1
            left = (row.align or self.align[start]) != "RIGHT"
            places.append((lefts[start] if left else None, end))
        return places

    def _rules(self, rows: Sequence[Row], edges: list[float], tops: list[float]) -> None:
        """Every row's edges across, the outer sides down, and each inner column edge down
        where no span covers it, in one stroked path with round caps and joins."""
        canvas, style = self.canv, self.style
        ys = [fp_str(y) for y in tops]
        across = fp_str(self.width)
        segments = [f"0 {y} m {across} {y} l" for y in ys]
        spanning = [number for number, row in enumerate(rows) if row.span > 1]
        for column, edge in enumerate(edges):
            x = fp_str(edge)
            start = 0
            inner = 0 < column < len(self.widths)
            for number in [*(n for n in spanning if inner and rows[n].span > column), len(rows)]:
                if number > start:
                    segments.append(f"{x} {ys[start]} m {x} {ys[number]} l")
                start = number + 1
        path = canvas.beginPath()
        path._code += ["n", *segments]  # what moveTo and lineTo write, each number formatted once
        canvas.saveState()
        canvas.setStrokeColor(style.rule_color)
        canvas.setLineWidth(style.rule)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
