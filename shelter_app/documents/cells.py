"""Table cells for people's names in long lists: plain strings, or shaped Arabic.

Plain strings are drawn as they are (no markup to escape, and cheap: documents.styles.
PlainTable). A name in Arabic script needs the Arabic font, shaping and right-to-left order,
so it becomes an RTL paragraph (documents.text.paragraph) in the small style, laid out from the
left of its cell as the Latin names above and below it are.
"""

from reportlab.platypus import Flowable

from shelter_app.documents.fonts import SANS
from shelter_app.documents.styles import styles
from shelter_app.documents.text import has_arabic, paragraph, wrap_plain

SIZE = 7.5  # the "small" style's size


def text_cell(value: str, width: float) -> str | Flowable:
    """`value` fitted to a cell `width` wide (padding already taken off), in SIZE points."""
    if has_arabic(value):
        return paragraph(value, styles()["small"], base="L")
    return wrap_plain(value, SANS, SIZE, width)
