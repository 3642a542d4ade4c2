"""Putting one line of shaped Arabic (or Turkish with Arabic in it) into display order.

python-bidi (the Rust unicode-bidi) orders the characters by the Unicode bidi algorithm but
leaves mirroring to the renderer: a bracket at a right-to-left level must be drawn as its
mirror image, or "(IBAN)" in an Arabic line prints as ")IBAN(". ReportLab draws glyphs as
given, so the mirroring is done here:

- each bracket pair matched within the line is swapped for a pair of rare brackets of its own
  (same bidi behaviour, rule N0) while the line is reordered; a pair that then shows its
  closing bracket first is at a right-to-left level and is drawn mirrored;
- a bracket without its partner on the line (a parenthesis split by a line break), and « »,
  which the algorithm never pairs, take the direction of the strong letters around them
  (rules N1/N2); they wait behind neutral placeholders while the line is reordered.

User values placed in a sentence of the other direction are wrapped with `isolate`, so that a
name such as "Öztürk & Oğulları <Ltd>" keeps its own order inside Arabic text.

A displayed right-to-left line is drawn run by run in reading order (`runs`), so that a reader
of the text layer that follows the drawing order within a line (pypdf) reads the line as
written, not its runs from left to right.
"""

import re
import unicodedata
from functools import cache

from bidi import get_display

_ISOLATE_MARKS = "\u2066\u2067\u2068\u2069"
_ISOLATES = dict.fromkeys(map(ord, _ISOLATE_MARKS))
_PAIRED = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {closing: opening for opening, closing in _PAIRED.items()}
_UNPAIRED = {"«": "»", "»": "«", "‹": "›", "›": "‹"}
_MIRROR = {**_PAIRED, **_CLOSING, **_UNPAIRED}
# Paired brackets (BidiBrackets.txt) that user text does not use: stand-ins for real pairs.
_STAND_INS = [(chr(code), chr(code + 1))
              for code in (*range(0x27E6, 0x27F0, 2), *range(0x2983, 0x2999, 2))]
_PLACEHOLDER = 0x2E30  # 32 neutral (ON), unmirrored punctuation marks from here on
# A bracket drawn mirrored is written as a private-use stand-in: the Arabic fonts print it as
# the mirror image and their text layer reads it as the bracket itself (documents.shaped_font),
# so an extractor that puts the run back in reading order gets "(" where "(" was typed.
MIRRORED = {chr(0xF8E0 + number): (_MIRROR[char], char)
            for number, char in enumerate(_MIRROR)}
_DRAWN_MIRRORED = {char: stand_in for stand_in, (_, char) in MIRRORED.items()}


def isolate(value: str) -> str:
    """`value` to be placed in a sentence of the other direction (first-strong isolate)."""
    return f"\u2068{value}\u2069"


def strip_isolates(text: str) -> str:
    return text.translate(_ISOLATES)


@cache
def _strong(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else None


def base_direction(text: str) -> str:
    """"R" when the first letter is Arabic (or Hebrew), else "L" (rule P2): a Turkish sentence
    with an Arabic name in it still reads left to right."""
    return next((kind for kind in map(_strong, text) if kind), "R")


def _side(line: str, index: int, step: int, base: str) -> str:
    """The direction of the nearest strong letter from `index` towards `step`, else the base."""
    index += step
    while 0 <= index < len(line):
        kind = _strong(line[index])
        if kind:
            return kind
        index += step
    return base


_BRACKETS = re.compile("[" + re.escape("".join(_MIRROR)) + "]")


def display(line: str, base: str) -> str:
    """`line` (shaped, logical order) in display order, brackets mirrored; the isolate marks
    stay for `runs` (they have no glyph: strip them before measuring or drawing)."""
    chars = list(line)
    stand_ins = iter(_STAND_INS)
    pairs: list[tuple[str, str, str, str]] = []  # stand-in opening, closing; the originals
    open_at: list[int] = []
    lone: list[int] = []
    for found in _BRACKETS.finditer(line):  # the only characters looked at here
        index, char = found.start(), found.group()
        if char in _PAIRED:
            open_at.append(index)
        elif char in _CLOSING and open_at and line[open_at[-1]] == _CLOSING[char]:
            start = open_at.pop()
            stand_in = next(stand_ins, None)
            if stand_in is not None:
                chars[start], chars[index] = stand_in
                pairs.append((*stand_in, line[start], char))
        elif char in _CLOSING or char in _UNPAIRED:
            lone.append(index)
    hidden: list[str] = []
    for number, index in enumerate(sorted(lone + open_at)[:32]):
        opening = line[index] in _PAIRED or line[index] in "«‹"
        inner = _side(line, index, 1 if opening else -1, base)
        outer = _side(line, index, -1 if opening else 1, base)
        right_to_left = inner == "R" if inner == outer else base == "R"
        hidden.append(_DRAWN_MIRRORED[line[index]] if right_to_left else line[index])
        chars[index] = chr(_PLACEHOLDER + number)
    shown = list(get_display("".join(chars), base_dir=base))
    for stand_open, stand_close, opening, closing in pairs:
        at_open, at_close = shown.index(stand_open), shown.index(stand_close)
        reversed_ = at_close < at_open  # right to left: draw both mirrored
        shown[at_open] = _DRAWN_MIRRORED[opening] if reversed_ else opening
        shown[at_close] = _DRAWN_MIRRORED[closing] if reversed_ else closing
    text = "".join(shown)
    for number, char in enumerate(hidden):
        text = text.replace(chr(_PLACEHOLDER + number), char)
    return text


def shown(line: str) -> str:
    """`line` from `display` with each mirrored-bracket stand-in as the bracket printed."""
    return "".join(MIRRORED[char][0] if char in MIRRORED else char for char in line)


_NUMBER_JOINERS = ("CS", "ES")  # "15.000,00", "5/3", "1-2" between digits stay one number


@cache
def _kind(char: str) -> str:
    """A character's bidi class, Arabic letters "R", numbers "N", private use "ON"."""
    kind = unicodedata.bidirectional(char)
    return ("R" if kind in ("R", "AL") else "N" if kind in ("EN", "AN") else
            "ON" if unicodedata.category(char) == "Co" else kind)


class _Kinds(dict[int, str]):
    """A translate table from a character to its kind as one letter: "R", "L", "N" (a
    number), "j" (a number joiner), "o" (any other neutral); filled as characters come."""

    def __missing__(self, code: int) -> str:
        kind = _kind(chr(code))
        letter = self[code] = (kind if kind in ("R", "L", "N") else
                               "j" if kind in _NUMBER_JOINERS else "o")
        return letter


_KINDS = _Kinds()
_JOINED = re.compile("(?<=N)j(?=N)")
# neutrals between two letters of the direction other than the base's take it; any other
# neutral takes the base direction (a number counts as right to left)
_BETWEEN = {"R": re.compile("(?<=L)[jo]+(?=L)"), "L": re.compile("(?<=[RN])[jo]+(?=[RN])")}
_TO_BASE = {"R": str.maketrans("jo", "RR"), "L": str.maketrans("jo", "LL")}
_RUNS = re.compile("R+|L+|N+")
_MARKS = re.compile(f"[{_ISOLATE_MARKS}]")


def _classes(line: str, base: str) -> str:
    """"R", "L" or "N" (a number) for each character of a displayed line (no isolates in it),
    the text layer's stand-ins (private use) neutral like the brackets they stand for, other
    neutrals resolved as rules W4, N1 and N2 do: between two of the same kind they take it
    (a number counting as right to left), else the base direction. One letter a character,
    by str.translate and regular expressions: a loop over the characters in Python was half
    of drawing a line of values."""
    kinds = line.translate(_KINDS)
    # rule W4: a joiner between digits joins them; W7: a number in a left-to-right line
    # reads with it (and joins nothing: the digit before it is already "L")
    kinds = kinds.replace("N", "L") if base == "L" else _JOINED.sub("N", kinds)
    other = "L" if base == "R" else "R"
    kinds = _BETWEEN[base].sub(lambda neutrals: other * len(neutrals.group()), kinds)
    return kinds.translate(_TO_BASE[base])


def _spans(line: str, offset: int, base: str) -> list[tuple[int, int]]:
    """The direction runs of a stretch without isolates, left to right, spaces at their ends
    left out (they print nothing)."""
    spans: list[tuple[int, int]] = []
    for run in _RUNS.finditer(_classes(line, base)):
        first, index = run.span()
        text = line[first:index]
        left = first + len(text) - len(text.lstrip(" "))
        right = index - (len(text) - len(text.rstrip(" ")))
        if left < right:
            spans.append((offset + left, offset + right))
    return spans


def _isolated(line: str, start: int, end: int) -> list[tuple[int, int]]:
    """The runs of an isolated value in its own reading order."""
    inner = "R" if _right_to_left(line[start:end]) else "L"
    return [span for group in _groups(line, start, end, inner) for span in group]


def _groups(line: str, start: int, end: int, base: str) -> list[list[tuple[int, int]]]:
    """Runs of line[start:end] grouped (an isolated value is one group), groups in reading
    order. Seen left to right, an isolate in a right-to-left stretch shows its closing mark
    first; a mark without its partner is an isolate cut by a line break."""
    opening, closing = ("\u2069", "\u2066\u2067\u2068") if base == "R" else (
        "\u2066\u2067\u2068", "\u2069")
    groups: list[list[tuple[int, int]]] = []
    index = outside = start
    while (mark := _MARKS.search(line, index, end)) is not None:
        index = mark.start()
        if line[index] in opening:
            groups += [[span] for span in _spans(line[outside:index], outside, base)]
            depth, close = 1, index + 1
            while (inner := _MARKS.search(line, close, end)) is not None:
                close = inner.start()
                depth += 1 if line[close] in opening else -1
                if depth == 0:
                    break
                close += 1
            else:
                close = end
            groups.append(_isolated(line, index + 1, close))
            index = outside = close + 1
        else:  # an isolate from the line before ends here
            groups.append(_isolated(line, outside, index))
            index = outside = index + 1
    groups += [[span] for span in _spans(line[outside:end], outside, base)]
    return groups[::-1] if base == "R" else groups


def runs(line: str, base: str) -> list[tuple[int, int]]:
    """(start, end) of each run of the displayed `line` (isolate marks still in it) that reads
    in one direction, in reading order: from the right when `base` is "R". A value isolated in
    the line is read as a whole, in its own direction. Right-to-left runs next to each other
    (an Arabic value in Arabic text) are one run: drawn apart, a reader that turns each run
    around would put the second before the first."""
    spans: list[tuple[int, int]] = []
    for start, end in (span for group in _groups(line, 0, len(line), base) for span in group):
        if spans and end <= spans[-1][0] and _right_to_left(line[start:end]) \
                and _right_to_left(line[spans[-1][0]:spans[-1][1]]) \
                and not line[end:spans[-1][0]].strip(" " + _ISOLATE_MARKS):
            spans[-1] = (start, spans[-1][1])
        else:
            spans.append((start, end))
    return spans


def _right_to_left(text: str) -> bool:
    return "R" in text.translate(_KINDS)
