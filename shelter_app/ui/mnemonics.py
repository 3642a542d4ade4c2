"""Alt+letter mnemonics on every button, in every language, with no two alike in a window.

Writing "&" into ~80 button texts in three languages would still clash within a window as soon
as a translation changes, so the letters are given when a window is activated or a page (a tab,
a stacked page) is shown: each button that has none gets the first free letter of a word of its
text, else any free letter, among the mnemonics its window shows (buttons, labels with a buddy,
the menu bar). A mnemonic written in a text is kept.

A button whose text changes later ("Save" becoming "Save anyway") is looked at when it is next
painted (Qt has no event for a new text, and a button is painted before anyone sees it); one
shown later than its window (a BoQ's "Submit for approval", shown once its status is read) as
it shows (once per event-loop turn and window; a second button shown in the same turn is looked
at when painted). Each time, the letters the giver wrote are given again from the buttons' own texts in
one order (push buttons first, as built), so what a button gets does not depend on which others
happened to be shown first: the main action kept no letter when the others had taken them all.
Each button remembers the text it was given a letter for.

Only what needs it is watched: the application's window activation, each stacked widget's page
changes (a signal) and each button's events (a filter on the button). An application event
filter would be a Python call for every event of every object, about a quarter of the GUI
thread's time while a screen is built.
"""

from functools import partial

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenuBar,
    QPushButton,
    QStackedWidget,
    QWidget,
)

_PAINT = QEvent.Type.Paint
_SHOW = QEvent.Type.Show
_NAME = "mnemonicGiver"
_SEEN = "mnemonicSeenText"  # a button's property: its own text, last given a letter for
_GIVEN = "mnemonicGivenText"  # a button's property: that text with the letter the giver wrote
_GIVEN_THIS_TURN = "mnemonicGivenThisTurn"  # a window's property: its buttons' Show gave
_WATCHED = "mnemonicWatched"  # a stacked widget's property: its page changes give letters


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" in `text` ("&&" is a literal ampersand), folded."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].casefold()
        index += 2
    return None


def _shown_in(window: QWidget, kind: type[QWidget]) -> list:
    """The widgets of `kind` in `window` (not in a window inside it) shown with it."""
    return [widget for widget in window.findChildren(kind)
            if widget.window() is window and widget.isVisibleTo(window)]


def taken_outside_buttons(window: QWidget) -> list[str]:
    """The mnemonics of `window`'s shown labels with a buddy and of its menu bars."""
    letters = [mnemonic(label.text()) for label in _shown_in(window, QLabel)
               if label.buddy() is not None]
    for bar in _shown_in(window, QMenuBar):
        letters += [mnemonic(action.text()) for action in bar.actions()]
    return [letter for letter in letters if letter]


def taken(window: QWidget) -> list[str]:
    """The mnemonics `window` shows, one entry per widget or menu (repeats are clashes)."""
    letters = [mnemonic(button.text()) for button in _shown_in(window, QAbstractButton)]
    return [letter for letter in letters if letter] + taken_outside_buttons(window)


def _with_mnemonic(text: str, used: set[str]) -> str | None:
    """`text` with "&" before its first free letter, word starts first; None if none is free."""
    starts = [i for i, char in enumerate(text) if char.isalnum() and (i == 0 or
                                                                      not text[i - 1].isalnum())]
    others = [i for i, char in enumerate(text) if char.isalnum() and i not in starts]
    for index in starts + others:
        if text[index].casefold() not in used:
            return f"{text[:index]}&{text[index:]}"
    return None


def _ours(button: QAbstractButton) -> bool:
    """Whether `button`'s letter is one the giver wrote (not one written in its text)."""
    return button.property(_GIVEN) == button.text()


def give(window: QWidget) -> None:
    """A free mnemonic for each shown button of `window`, push buttons first: the letters the
    giver wrote are given again from the buttons' own texts; a letter written in a text, a
    label's and a menu's are kept."""
    buttons = sorted(_shown_in(window, QAbstractButton),
                     key=lambda button: not isinstance(button, QPushButton))
    used = {mnemonic(button.text()) for button in buttons if not _ours(button)}
    used.update(taken_outside_buttons(window))
    for button in buttons:
        own = button.property(_SEEN) if _ours(button) else button.text()
        if not own or "&" in own:
            continue
        button.setProperty(_SEEN, own)
        text = _with_mnemonic(own, used)
        if text is not None:
            used.add(text[text.index("&") + 1].casefold())
        if (text or own) != button.text():
            button.setText(text or own)
        button.setProperty(_GIVEN, text)


class _Giver(QObject):
    """Gives the letters of a window when it is activated, when one of its stacked widgets
    shows a page, and when one of its buttons is painted with a text not looked at yet."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app, objectName=_NAME)
        app.focusWindowChanged.connect(self._activated)

    def _activated(self) -> None:
        window = QApplication.activeWindow()
        if window is not None:
            self.give(window)

    def _page_shown(self) -> None:
        stack = self.sender()
        if isinstance(stack, QStackedWidget) and stack.isVisible():
            self.give(stack.window())

    def give(self, window: QWidget) -> None:
        """Letters for `window`'s shown buttons, and its stacks and buttons watched from now
        on (those built since the last time too; hidden buttons as well, for when they show)."""
        give(window)
        for stack in window.findChildren(QStackedWidget):
            if not stack.property(_WATCHED):
                stack.setProperty(_WATCHED, True)
                stack.currentChanged.connect(self._page_shown)
        for button in window.findChildren(QAbstractButton):
            button.installEventFilter(self)  # (once: installing again only moves it first)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # only buttons are watched; the event's type asked once (PySide builds an enum member
        # for each ask)
        kind = event.type()
        if kind == _PAINT and isinstance(watched, QAbstractButton):
            text = watched.text()
            if text and "&" not in text and watched.property(_SEEN) != text:
                watched.setProperty(_SEEN, text)  # (give skips it if it is not shown)
                self.give(watched.window())
        elif kind == _SHOW and isinstance(watched, QAbstractButton):
            window = watched.window()  # one giving per turn for all the buttons shown in it
            if not window.property(_GIVEN_THIS_TURN):
                window.setProperty(_GIVEN_THIS_TURN, True)
                QTimer.singleShot(0, window, partial(window.setProperty, _GIVEN_THIS_TURN, False))
                self.give(window)
        return False


def install(app: QApplication) -> QObject:
    """Give mnemonics from now on (once per application); returns the giver (deleting it
    undoes it)."""
    giver = app.findChild(_Giver, _NAME)
    if giver is None:
        giver = _Giver(app)
    return giver
