"""Alt+letter mnemonics on every button, in every language, with no two alike in a window.

Writing "&" into ~80 button texts in three languages would still clash within a window as soon
as a translation changes, so the letters are given when a window is activated or a page (a tab,
a stacked page) is shown: each button that has none gets the first free letter of a word of its
text, else any free letter, among the mnemonics its window shows (buttons, labels with a buddy,
the menu bar). A mnemonic written in a text is kept.

A button whose text changes later ("Save" becoming "Save anyway") gets one when it is next
painted: Qt has no event for a new text, and a button is painted before anyone sees it. One
shown later than its window (a BoQ's "Submit for approval", once its status is read) gets one
as it shows, among the letters still free (once per event-loop turn and window: a second button
shown in the same turn gets its letter when painted; one shown with a letter needs none). A pane
made again with other data (the evidence beside the next BoQ) takes the letters of the one it
replaces (`hand_over`). Each button remembers the text it was
looked at for, so one with no free letter is not looked at again at every paint.

Only what needs it is watched: the application's window activation, each stacked widget's page
changes (a signal) and each button's events (a filter on the button). An application event
filter would be a Python call for every event of every object, about a quarter of the GUI
thread's time while a screen is built.
"""

import re
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
_SEEN = "mnemonicSeenText"  # a button's property: the text it was last given a letter for
_WATCHED = "mnemonicWatched"  # a stacked widget's property: its page changes give letters
_GIVEN_THIS_TURN = "mnemonicGivenThisTurn"  # a window's property: a button's Show gave


def mnemonic(text: str) -> str | None:
    """The letter after a single "&" in `text` ("&&" is a literal ampersand), folded."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].casefold()
        index += 2
    return None


def _plain(text: str) -> str:
    """`text` without its mnemonic's "&" ("&&", a literal ampersand, stays)."""
    return re.sub("&(.)", lambda match: match.group(1) if match.group(1) != "&" else "&&",
                  text)


def _shown_in(window: QWidget, kind: type[QWidget]) -> list:
    """The widgets of `kind` in `window` (not in a window inside it) shown with it."""
    return [widget for widget in window.findChildren(kind)
            if widget.window() is window and widget.isVisibleTo(window)]


def taken(window: QWidget) -> list[str]:
    """The mnemonics `window` shows, one entry per widget or menu (repeats are clashes)."""
    letters = [mnemonic(button.text()) for button in _shown_in(window, QAbstractButton)]
    letters += [mnemonic(label.text()) for label in _shown_in(window, QLabel)
                if label.buddy() is not None]
    for bar in _shown_in(window, QMenuBar):
        letters += [mnemonic(action.text()) for action in bar.actions()]
    return [letter for letter in letters if letter]


def _with_mnemonic(text: str, used: set[str]) -> str | None:
    """`text` with "&" before its first free letter, word starts first; None if none is free."""
    starts = [i for i, char in enumerate(text) if char.isalnum() and (i == 0 or
                                                                      not text[i - 1].isalnum())]
    others = [i for i, char in enumerate(text) if char.isalnum() and i not in starts]
    for index in starts + others:
        if text[index].casefold() not in used:
            return f"{text[:index]}&{text[index:]}"
    return None


def give(window: QWidget) -> None:
    """A free mnemonic for each shown button of `window` that has none, push buttons first."""
    used = set(taken(window))
    buttons = sorted(_shown_in(window, QAbstractButton),
                     key=lambda button: not isinstance(button, QPushButton))
    for button in buttons:
        if not button.text() or "&" in button.text():
            continue
        button.setProperty(_SEEN, button.text())
        text = _with_mnemonic(button.text(), used)
        if text is not None:
            button.setText(text)
            used.add(text[text.index("&") + 1].casefold())


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

    def hand_over(self, old: QWidget, new: QWidget) -> bool:
        """`new`, a pane made again with other data in place of `old` (the evidence beside the
        next BoQ), takes the letters of `old`'s buttons of the same text: no walk of the whole
        window at each arrival. False, and nothing changed, when one of `new`'s buttons has no
        such twin: then the window is to be given its letters."""
        twins = {_plain(button.text()): button for button in old.findChildren(QAbstractButton)}
        buttons = new.findChildren(QAbstractButton)
        if any(button.text() not in twins for button in buttons):
            return False
        for button in buttons:
            twin = twins[button.text()]
            button.setText(twin.text())
            button.setProperty(_SEEN, twin.property(_SEEN))
            button.installEventFilter(self)  # a later text of its own gets a letter too
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # only buttons are watched; the event's type asked once (PySide builds an enum member
        # for each ask)
        kind = event.type()
        if kind == _PAINT and isinstance(watched, QAbstractButton):
            text = watched.text()
            if text and "&" not in text and watched.property(_SEEN) != text:
                watched.setProperty(_SEEN, text)  # (give skips it if it is not shown)
                self.give(watched.window())
        elif kind == _SHOW and isinstance(watched, QAbstractButton) and "&" not in watched.text():
            window = watched.window()  # one giving per turn for the buttons shown in it
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
