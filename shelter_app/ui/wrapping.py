"""Labels that wrap their text to their width, every one through `wrapped`.

Qt places a right-aligned, wrapped, right-to-left line as if its width lacked the space it
broke at: the line's last word can stand a few pixels past the label's left edge, at some
widths twenty, and be cut off ("…ثمن المواد لا" on the Reports page). A justified line fills
the width exactly and a paragraph's last line is placed by Qt's text layout, which keeps it
inside; so right to left a wrapped label is justified. `.ci/screens` reports a wrapped label
of the Arabic interface that is neither justified nor centred (ui/screens.clipped).
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

_HORIZONTAL = Qt.AlignmentFlag.AlignHorizontal_Mask
SAFE = Qt.AlignmentFlag.AlignJustify | Qt.AlignmentFlag.AlignHCenter  # lines kept inside


def wrapped(label: QLabel) -> QLabel:
    """`label`, its text wrapped to its width; right to left justified unless centred."""
    label.setWordWrap(True)
    alignment = label.alignment()
    if (QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
            and not alignment & SAFE):
        label.setAlignment(alignment & ~_HORIZONTAL | Qt.AlignmentFlag.AlignJustify)
    return label


def paragraph(text: str) -> QLabel:
    """A label of sentences wrapped to its width, standing at the top of its room."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    return wrapped(label)
