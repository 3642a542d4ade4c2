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
"""

import unicodedata

from bidi import get_display

_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
_PAIRED = {"(": ")", "[": "]", "{": "}"}
_CLOSING = {closing: opening for opening, closing in _PAIRED.items()}
_UNPAIRED = {"«": "»", "»": "«", "‹": "›", "›": "‹"}
_MIRROR = {**_PAIRED, **_CLOSING, **_UNPAIRED}
# Paired brackets (BidiBrackets.txt) that user text does not use: stand-ins for real pairs.
_STAND_INS = [(chr(code), chr(code + 1))
              for code in (*range(0x27E6, 0x27F0, 2), *range(0x2983, 0x2999, 2))]
_PLACEHOLDER = 0x2E30  # 32 neutral (ON), unmirrored punctuation marks from here on


def isolate(value: str) -> str:
    """`value` to be placed in a sentence of the other direction (first-strong isolate)."""
    return f"\u2068{value}\u2069"


def strip_isolates(text: str) -> str:
    return text.translate(_ISOLATES)


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


def display(line: str, base: str) -> str:
    """`line` (shaped, logical order) in display order, brackets mirrored, isolates removed."""
    chars = list(line)
    stand_ins = iter(_STAND_INS)
    pairs: list[tuple[str, str, str, str]] = []  # stand-in opening, closing; the originals
    open_at: list[int] = []
    lone: list[int] = []
    for index, char in enumerate(line):
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
        hidden.append(_MIRROR[line[index]] if right_to_left else line[index])
        chars[index] = chr(_PLACEHOLDER + number)
    shown = list(get_display("".join(chars), base_dir=base))
    for stand_open, stand_close, opening, closing in pairs:
        at_open, at_close = shown.index(stand_open), shown.index(stand_close)
        reversed_ = at_close < at_open  # right to left: draw both mirrored
        shown[at_open] = _MIRROR[opening] if reversed_ else opening
        shown[at_close] = _MIRROR[closing] if reversed_ else closing
    text = "".join(shown)
    for number, char in enumerate(hidden):
        text = text.replace(chr(_PLACEHOLDER + number), char)
    return strip_isolates(text)
