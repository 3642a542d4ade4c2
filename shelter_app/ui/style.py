"""The application style: the platform's own, with a fix for Turkish letters.

Fusion and Windows draw a tab's text in a rectangle one font-height tall and shift unselected
tabs down, so with DejaVu Sans (Debian's default) the dot of İ and the dots of Ö Ü are cut off:
"İzleme" reads "Izleme", another letter in Turkish. The text gets a little more room above and
below; it stays centred. Only tab bars get that style (`keep_accents`): a Python override of
subElementRect is called for every element of every widget drawn (550 times for one paint of
a table of 20 rows, a fifth of its CPU time), where only the tabs' text needs it.

In a right-to-left view every cell's text is its own direction island (FSI ... PDI): a Latin
value's trailing dot or "…" stays at its end and "-5" keeps its sign in front in Arabic tables.
Done here, where every item view's cells are drawn, rather than in each model. In a
left-to-right application an item view is given, as it is polished, the platform's style without
that override: a Python override costs each call its wrapping (~20 µs) whatever it does, and a
view calls drawControl for every cell (a 200-line table painted in 20 ms of CPU instead of 8).

A wrapped label of the right-to-left interface is justified (ui/wrapping.py): ours where they
are made, Qt's own as they are polished (a wizard page's subtitle) or, in a message box, once Qt
has decided as it shows whether the text wraps.

Page titles and the navigation list carry their own style sheets (`page_title`, NAVIGATION),
not the application: an application-wide sheet, however small, puts every widget under a
QStyleSheetStyle, so that each widget put into another (a page's tab, a page into the window)
had its whole subtree styled again, and every polish and paint went through the sheet's rules.

Date editors are made day-first and left to right where they are created (ui/forms.date_edit),
not by an application-wide event filter: PySide hands such a filter every event of every
object, and creating a Python wrapper type lazily inside it can crash the process.
"""

import itertools
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionViewItem,
    QTabWidget,
    QWidget,
)

from shelter_app.ui.wrapping import SAFE, wrapped

ACCENT_ROOM_PX = 4
Style = TypeVar("Style", bound=QProxyStyle)


class TabTextStyle(QProxyStyle):
    """A tab bar's style: its text with room for the dots above İ and below Ç Ş."""

    def subElementRect(self, element: QStyle.SubElement, option: QStyleOption,
                       widget: QWidget | None = None) -> QRect:
        rect = super().subElementRect(element, option, widget)
        if element == QStyle.SubElement.SE_TabBarTabText:
            return rect.adjusted(0, -ACCENT_ROOM_PX, 0, ACCENT_ROOM_PX)
        return rect


def keep_accents(tabs: QTabWidget) -> QTabWidget:
    """`tabs`, its tab texts with their accents (every tab widget of the app)."""
    tabs.tabBar().setStyle(_tab_style())
    return tabs


_tab_styles: list[TabTextStyle] = []  # one for every tab bar, owned by the application
_plain_styles: list[QProxyStyle] = []  # one for every left-to-right item view


def _tab_style() -> TabTextStyle:
    return _owned(_tab_styles, TabTextStyle)


def _plain_style() -> QProxyStyle:
    """The platform's style without the app's Python overrides."""
    style = QApplication.style()
    base = style.baseStyle() if isinstance(style, QProxyStyle) else style
    return _owned(_plain_styles, lambda: QProxyStyle(base.name()))


def _owned(kept: list[Style], make: Callable[[], Style]) -> Style:
    """The style `kept` holds, made by `make` if none is there yet, owned by the application."""
    if not kept or not shiboken6.isValid(kept[0]):
        style = make()
        style.setParent(QApplication.instance())  # a widget does not own the style it is given
        kept[:] = [style]
    return kept[0]


class _MessageWrapping(QObject):
    """Justifies a message box's text once it wraps: Qt decides that as the box shows, then
    resizes it (a text laid out unwrapped and justified would stand at the left)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QLabel):
            if watched.wordWrap():
                wrapped(watched)
            elif watched.alignment() & Qt.AlignmentFlag.AlignJustify:
                watched.setAlignment(watched.alignment() & ~Qt.AlignmentFlag.AlignJustify
                                     | Qt.AlignmentFlag.AlignLeading)
        return False


_message_wrappings: list[_MessageWrapping] = []


def _room_for_words(box: QMessageBox, label: QLabel) -> None:
    """A wrapping message's label as wide as its longest word (a path) needs: broken at a "/",
    the path's first part stood on a justified line and Qt spread its letters apart ("/ t m p
    / …"). As it shows, Qt wraps a text wider than half the screen (500 px at most) and makes
    the box that wide, or as wide as its layout's minimum when that is more."""
    words = label.text().split()
    layout = box.layout()
    if not words or layout is None:
        return
    natural = label.minimumSizeHint().width()  # unwrapped yet: the whole text's width
    beside = layout.totalMinimumSize().width() - natural  # the icon, spacing and margins
    wrapping_at = min(box.screen().availableGeometry().width() // 2, 500)
    need = max(label.fontMetrics().horizontalAdvance(word) for word in words) + 1  # (a line
    if natural + beside > wrapping_at and need > wrapping_at - beside:  # needs a pixel more)
        label.setMinimumWidth(need)


class AccentSafeStyle(QProxyStyle):
    def polish(self, target: Any) -> Any:  # a widget, the application or a palette
        result = super().polish(target)
        if isinstance(target, QDialogButtonBox):
            _tab_in_place(target)
        if QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight:
            # a view with a style sheet of its own (the navigation) is being polished by the
            # sheet's style: replaced now, that style would be deleted while in use
            if isinstance(target, QAbstractItemView) and not target.styleSheet():
                target.setStyle(_plain_style())
        elif isinstance(target, QLabel) and target.wordWrap() and not target.alignment() & SAFE:
            wrapped(target)  # Qt's own, such as a wizard page's subtitle
        elif isinstance(target, QMessageBox):
            follower = _owned(_message_wrappings, _MessageWrapping)
            for label in target.findChildren(QLabel):
                label.installEventFilter(follower)
                _room_for_words(target, label)
        return result

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,
                    painter: QPainter, widget: QWidget | None = None) -> None:
        if (element == QStyle.ControlElement.CE_ItemViewItem
                and option.direction == Qt.LayoutDirection.RightToLeft
                and isinstance(option, QStyleOptionViewItem)
                and option.text and option.text[0] not in _ISOLATING):
            option = QStyleOptionViewItem(option)
            option.text = f"\u2068{option.text}\u2069"
        super().drawControl(element, option, painter, widget)


def _tab_in_place(box: QDialogButtonBox) -> None:
    """Tab goes through `box`'s buttons in the order they stand, and a dialog that names no
    default button takes the first of them. Qt orders them so as it lays them out, but a box
    laid out before it was put in its dialog kept the order they were made in (Close before
    Copy details); the application's style sheet used to lay each box out again there."""
    layout = box.layout()
    placed = [item.widget() for item in map(layout.itemAt, range(layout.count()))
              if item.widget() is not None]
    for first, second in itertools.pairwise(placed):
        QWidget.setTabOrder(first, second)


_ISOLATING = "\u200e\u200f\u2066\u2067\u2068"  # a text that sets its own direction


PAGE_TITLE = "font-size: 18px; font-weight: 600; padding: 4px 0 8px 0;"
NAVIGATION = "QListWidget { font-size: 14px; } QListWidget::item { padding: 8px 6px; }"


def view_sheet(view: QAbstractItemView, sheet: str) -> None:
    """`view` styled by a `sheet` of its own (the navigation). In a left-to-right application
    it first gets the platform's style, as every other item view does as it is polished
    (AccentSafeStyle.polish cannot give it there: the sheet's style would be deleted while in
    use). The sheet's style then polishes the view and its parts through that style, not the
    Python one, which was handed the view's scroll bar container, a class private to Qt: the
    first such widget of a process makes PySide make every QWidget class it has not made yet
    to look for it (48 enums, 8-15 ms of the GUI thread in the turn of the first window)."""
    if QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight:
        view.setStyle(_plain_style())
    view.setStyleSheet(sheet)


def page_title(label: QLabel) -> QLabel:
    """`label`, set as a page's or a dialog's title."""
    label.setObjectName("pageTitle")
    label.setStyleSheet(PAGE_TITLE)
    return label


def install_style(app: QApplication) -> None:
    """Wrap the application's style once (create_application may run more than once)."""
    if not app.property("accentSafeStyle"):
        app.setStyle(AccentSafeStyle())
        app.setProperty("accentSafeStyle", True)
