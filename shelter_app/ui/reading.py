"""Arabic sentences laid out right to left whatever their values hold.

A translated sentence gets its values by `.format` after translation, and a label takes its
direction and alignment from the sentence's first strong letter. So each Arabic translation,
as it is looked up, gets every `{placeholder}` its own direction island (FSI ... PDI: "Ltd."
keeps its dot, "-5" its sign, a Latin reference its place) and, when it does not open with
an Arabic letter ("{ref} — {status}", "IBAN المؤجر"), a RIGHT-TO-LEFT MARK in front of each
line, so the label, heading or message box reads from the right and aligns right. Done where
translations are read, once, rather than by each translator in each entry.
"""

import re

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QPlainTextEdit

_PLACEHOLDER = re.compile(r"(?<![\u2066\u2067\u2068])\{[A-Za-z_][A-Za-z_0-9]*\}")  # not isolated
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_RLM = "\u200f"


def right_to_left(text: str) -> str:
    """`text` (an Arabic translation) with isolated placeholders, each line read from the right."""
    if not _ARABIC.search(text) and "{" not in text:  # "IBAN", "0532 123 45 67": no sentence
        return text
    text = _PLACEHOLDER.sub(lambda match: f"\u2068{match.group(0)}\u2069", text)
    return "\n".join(line if not line or _ARABIC.match(line) or line[0] == _RLM
                     else _RLM + line for line in text.split("\n"))


class RightToLeftTranslator(QTranslator):
    """The Arabic translator: each translation as `right_to_left` writes it."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        found = super().translate(context, source, disambiguation, n)
        # None, not "": Qt takes an empty (not null) answer as a translation and asks no other
        # translator (a subclass's tr() looks in its own context first: "Save" went blank)
        return right_to_left(found) if found else None  # type: ignore[return-value]


def align_to_reading(pane: QPlainTextEdit) -> None:
    """A text pane's lines at the side the interface reads from: Qt aligns a plain text pane
    left even in a right-to-left window (the assessment details read right to left, at left)."""
    if pane.isRightToLeft():
        option = pane.document().defaultTextOption()
        option.setAlignment(Qt.AlignmentFlag.AlignRight)
        pane.document().setDefaultTextOption(option)
