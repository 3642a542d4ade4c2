"""The application style: the platform's own, with two fixes for Turkish and Arabic.

- Fusion and Windows draw a tab's text in a rectangle one font-height tall and shift unselected
  tabs down, so with DejaVu Sans (Debian's default) the dot of İ and the dots of Ö Ü are cut
  off: "İzleme" reads "Izleme", another letter in Turkish. The text gets a little more room
  above and below; it stays centred.
- In a right-to-left interface a date editor puts the year first ("2026.11.25") while every
  list and label shows "25.11.2026" (the digits and dates of Turkish papers): date and time
  editors stay left to right, and a date editor left at the locale's default format shows the
  app's (ui/formats.py: 05.11.2026, not Qt's Turkish 5.11.2026).
"""

from PySide6.QtCore import QEvent, QLocale, QObject, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDateTimeEdit,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QWidget,
)

from shelter_app.ui.formats import date_edit_format

ACCENT_ROOM_PX = 4


class AccentSafeStyle(QProxyStyle):
    def subElementRect(self, element: QStyle.SubElement, option: QStyleOption,
                       widget: QWidget | None = None) -> QRect:
        rect = super().subElementRect(element, option, widget)
        if element == QStyle.SubElement.SE_TabBarTabText:
            return rect.adjusted(0, -ACCENT_ROOM_PX, 0, ACCENT_ROOM_PX)
        return rect


class DateEditFormat(QObject):
    """Sets each date editor's format as it is first shown (an application event filter: a
    Python override of QStyle.polish crashes PySide at exit)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Polish and isinstance(watched, QDateTimeEdit):
            _left_to_right(watched)
        return False


def _left_to_right(edit: QDateTimeEdit) -> None:
    shown = edit.displayFormat()  # as written; Qt reorders its sections for RTL
    wanted = shown
    if type(edit) is QDateEdit and shown == QLocale().dateFormat(QLocale.FormatType.ShortFormat):
        wanted = date_edit_format()  # Qt's Turkish default omits the day's zero
    if edit.isRightToLeft() or wanted != shown:
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        edit.setDisplayFormat("")  # the same format again would be ignored
        edit.setDisplayFormat(wanted)


def install_style(app: QApplication) -> None:
    """Wrap the application's style once (create_application may run more than once)."""
    if not app.property("accentSafeStyle"):
        app.setStyle(AccentSafeStyle())
        app.installEventFilter(DateEditFormat(app))
        app.setProperty("accentSafeStyle", True)
