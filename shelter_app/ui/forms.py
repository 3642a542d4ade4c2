"""A base for the bigger case forms: each field has its message right under it.

The subclass builds its widgets, registers each with `add_field(name, widget)` (the name is the
`field` a service's ValidationError gives), and implements `collect()` (the typed values) and
`save(values, confirm)` (the service call). OK, Ctrl+S or Enter in a one-line field saves
(Enter in a table or a multi-line field never does):

- a UserError shows its message at the field it names (or under the form), focuses that field
  and leaves the dialog open: nothing was saved;
- NeedsConfirmation shows each warning at its field and renames OK to "Save anyway"; pressing
  it again with the same values saves with confirm=True. Changing a value asks again.
- NeedsSupervisor (an ID number already on another person), or InvalidInput's `duplicates`
  beside the other problems, shows the refusal at its field and offers "Supervisor's
  confirmation…": a supervisor gives the reason (and signs in, unless signed in already), then
  the form saves with `self.supervisor` set, the warnings shown with the refusal counting as
  seen. Changing an ID the supervisor confirmed drops it; other fields may be corrected.
"""

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import InvalidInput, NeedsConfirmation, NeedsSupervisor, UserError
from shelter_app.domain.permissions import Action
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.changes import notify
from shelter_app.ui.formats import date_edit_format, typed_in_reading_order
from shelter_app.ui.wrapping import wrapped

if TYPE_CHECKING:  # imported where a supervisor confirms: the sync indicator, built at sign-in,
    # takes only this module's styles
    from shelter_app.services.cases.duplicate_ids import SupervisorConfirmation

# the tallest a window opens: a 1366×768 laptop keeps 728 px above the task bar, less the title
# bar (tests/ui/test_window_sizes.py)
TALLEST = 690
ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = "color: #8a5a00;"


class DateEdit(QDateEdit):
    """Tab leaves the date for the next field (Qt's QDateEdit steps through day, month and
    year first: three Tabs per date); arrows and typing still move between the parts."""

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt's name
        return QWidget.focusNextPrevChild(self, forward)


def date_edit(day: date | QDate | None = None) -> QDateEdit:
    """A date field as every form has it: a calendar to pick from, the app's day-first format
    (05.11.2026, not Qt's Turkish 5.11.2026) and left to right even in Arabic, where Qt would
    put the year first ("2026.11.25") beside lists that show 25.11.2026."""
    edit = DateEdit(day if isinstance(day, QDate) else QDate(day) if day else
                    QDate(clock.today()))
    edit.setCalendarPopup(True)
    edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # before the format: Qt orders
    edit.setDisplayFormat(date_edit_format())  # the sections by the direction at that moment
    return edit


def _reserve_line(label: QLabel, form: QFormLayout) -> None:
    """A field's message keeps one line of room while empty (it doubles as the space between
    rows), so showing it after Save does not push the fields below down; a long message still
    wraps onto more lines."""
    label.setFixedHeight(label.fontMetrics().lineSpacing())
    label.setProperty("reserved", True)
    form.setVerticalSpacing(0)


class CaseForm(QDialog):
    db: Database
    actor: Actor

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.fields: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self._pending: Any = None  # the values whose warnings the user has seen
        self.supervisor: SupervisorConfirmation | None = None  # passed by save() when set
        self._supervised: Any = None  # the typed IDs the supervisor confirmed
        self._refused: Any = None  # the typed IDs refused as on another record
        self._refused_values: Any = None  # the whole form as it was refused
        self._seen: set[tuple[str, str]] = set()  # the warnings shown with the refusal
        self.scroll: QScrollArea | None = None  # set by forms taller than a laptop screen
        self.error = self._message_label("formError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._ok_text = self.tr("Save")
        self.ok_button.setText(self._ok_text)
        self.supervisor_button = self.buttons.addButton(
            self.tr("Supervisor's &confirmation…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.supervisor_button.setAutoDefault(False)
        self.supervisor_button.hide()
        self.supervisor_button.clicked.connect(self.ask_supervisor)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.ok_button.setDefault(True)  # once in the dialog, so Enter in a field saves
        self.ok_button.setToolTip(self.tr("Save (Ctrl+S)"))
        QShortcut(QKeySequence.StandardKey.Save, self, self._submit)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter in a table or a multi-line field never saves the form: a table moves to the
        next row, text fields keep their own Enter (a new line)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            focused = self.focusWidget()
            if isinstance(focused, QAbstractItemView):
                following = focused.currentIndex().siblingAtRow(focused.currentIndex().row() + 1)
                if following.isValid():
                    focused.setCurrentIndex(following)
                return
            if isinstance(focused, QPlainTextEdit | QTextEdit):
                return
        super().keyPressEvent(event)

    def _message_label(self, name: str, *, hidden: bool = True) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        wrapped(label)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if hidden:  # (never shown here: a widget without a parent would become a window)
            label.hide()
        return label

    def add_field(self, name: str, widget: QWidget, form: QFormLayout | None = None,
                  label: str = "") -> QLabel:
        """Register `widget` as field `name` and return its message label; with `form`, also
        add it as a row with the message row under it."""
        widget.setObjectName(name)
        self.fields[name] = widget
        if isinstance(widget, QLineEdit):
            typed_in_reading_order(widget)
        message = self._message_label(f"{name}Message", hidden=form is None)
        self.messages[name] = message
        if form is not None:
            form.addRow(label, widget)
            form.addRow("", message)
            _reserve_line(message, form)
        return message

    def place_message(self, name: str, layout: Any) -> None:
        """Put field `name`'s message into `layout` (for fields not in a QFormLayout)."""
        layout.addWidget(self.messages[name])

    # --- subclass API ----------------------------------------------------------------------

    def collect(self) -> Any:
        """The typed values, as the service takes them."""
        raise NotImplementedError

    def save(self, values: Any, confirm: bool) -> None:
        raise NotImplementedError

    def field_for(self, name: str) -> tuple[QWidget | None, QLabel | None]:
        """The widget and message label of a field a service named; subclasses map dynamic
        names (table cells such as "room.2.height_m") here."""
        return self.fields.get(name), self.messages.get(name)

    # --- saving ----------------------------------------------------------------------------

    def clear_messages(self) -> None:
        for label in [*self.messages.values(), self.error]:
            label.clear()
            if label.property("reserved"):
                label.setFixedHeight(label.fontMetrics().lineSpacing())
            else:
                label.hide()

    def _submit(self, seen: set[tuple[str, str]] | None = None) -> None:
        """Save; `seen`: warnings the user has seen, confirmed if they are all there are."""
        self.clear_messages()
        values = self.collect()
        if self.supervisor is not None and self._typed_ids(
                values, self._supervised[0]) != self._supervised:
            self.supervisor = None
        self.supervisor_button.hide()
        try:
            confirm = self._pending is not None and values == self._pending
            try:
                self.save(values, confirm)
            except NeedsConfirmation as warning:
                if confirm or not seen or not set(warning.warnings) <= seen:
                    raise
                self.save(values, True)
        except NeedsSupervisor as refusal:
            self._refuse(values, refusal.duplicates, refusal.warnings, [])
            return
        except NeedsConfirmation as warning:
            self._pending = values
            self._show_all(warning.warnings, WARNING_STYLE)
            self.ok_button.setText(self.tr("Save anyway"))
            return
        except InvalidInput as errors:  # every problem at its field, the first one focused
            self._pending = None
            self.ok_button.setText(self._ok_text)
            if errors.duplicates:
                self._refuse(values, errors.duplicates, errors.warnings, errors.problems)
                return
            self._show_all(errors.warnings, WARNING_STYLE, focus=False)
            self._show_all(errors.problems, ERROR_STYLE)
            return
        except UserError as error:
            self._pending = None
            self.ok_button.setText(self._ok_text)
            self._show_all([(error.field, error.message)], ERROR_STYLE)
            return
        notify()  # saved: every list showing such data reloads
        self.accept()

    def _refuse(self, values: Any, duplicates: list[tuple[str, str]],
                warnings: list[tuple[str, str]], problems: list[tuple[str | None, str]]
                ) -> None:
        """Show an ID found on other records at its field, beside the other problems and
        warnings, and offer the supervisor's confirmation."""
        self._refused_values = values
        self._refused = self._typed_ids(values, [field for field, _ in duplicates])
        self._seen = set(warnings)
        self._show_all(warnings, WARNING_STYLE, focus=False)
        self._show_all([*problems, *duplicates], ERROR_STYLE)
        self.supervisor_button.show()

    def _typed_ids(self, values: Any, fields: list[str]) -> tuple[list[str], Any]:
        """What a supervisor's confirmation holds for: the text of the refused ID fields (the
        rest of the form may still be corrected), or the whole form when one is not typed."""
        typed = []
        for field in fields:
            widget, _ = self.field_for(field)
            if not isinstance(widget, QLineEdit):
                return fields, values
            typed.append(widget.text().strip())
        return fields, typed

    def ask_supervisor(self) -> None:
        """A supervisor confirms the ID refused at the last Save; saved again at once (the
        other warnings shown with the refusal count as seen)."""
        dialog = SupervisorDialog(self.db, self.actor, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.supervisor, self._supervised = dialog.confirmation, self._refused
        self._pending = self._refused_values
        self._submit(self._seen)

    def _show_all(self, messages: Sequence[tuple[str | None, str]], style: str, *,
                  focus: bool = True) -> None:
        """Show each message at its field; focus the first field that has a widget (again at
        the end: showing a later one may select a table cell, whose open editor takes focus)."""
        first = None
        for field, message in messages:
            if self._show(field, message, style, focus=focus):
                focus = False
                first = self.focusWidget()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show(self, field: str | None, message: str, style: str, *, focus: bool) -> bool:
        """Show `message` at `field` (under the form when none); True when it focused it."""
        widget, label = self.field_for(field or "")
        if label is None:
            label = self.error
        label.setStyleSheet(style)
        label.setText(label.text() + ("\n" if label.text() else "") + message)
        label.show()
        if label.property("reserved"):  # exactly the lines the message needs, no blank block
            label.setFixedHeight(max(label.fontMetrics().lineSpacing(),
                                     label.heightForWidth(label.width())))
        if widget is None or not focus:
            return False
        self._reveal(label)
        self._reveal(widget)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        return True

    def _reveal(self, widget: QWidget) -> None:
        """Bring a field scrolled out of sight into view."""
        if self.scroll is not None:
            self.scroll.ensureWidgetVisible(widget)


class SupervisorDialog(CaseForm):
    """A supervisor's confirmation of an ID number registered on two people: the reason, and
    the supervisor's user name and password unless a supervisor is signed in."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Supervisor's confirmation"), parent)
        self.db, self.actor = db, actor
        self.confirmation: SupervisorConfirmation | None = None
        note = QLabel(self.tr("Another record has this ID number. A supervisor may confirm "
                              "that both records are right; the reason is kept in the audit "
                              "trail."))
        wrapped(note)
        self.body.addWidget(note)
        rows = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. the landlord also works on the site"))
        self.add_field("reason", self.reason, rows, self.tr("&Reason"))
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        if actor.can(Action.CONFIRM_DUPLICATE_IDS):
            rows.addRow(self.tr("Supervisor"), QLabel(actor.full_name))
        else:
            self.add_field("username", self.username, rows, self.tr("Supervisor's &user name"))
            self.add_field("password", self.password, rows, self.tr("&Password"))
        self.body.addLayout(rows)
        self._ok_text = self.tr("Confirm")
        self.ok_button.setText(self._ok_text)
        self.reason.setFocus()
        self.resize(520, 240)

    def collect(self) -> tuple[str, str, str]:
        return self.reason.text(), self.username.text(), self.password.text()

    def save(self, values: tuple[str, str, str], confirm: bool) -> None:
        from shelter_app.services.cases.duplicate_ids import supervisor_confirmation

        reason, username, password = values
        self.confirmation = supervisor_confirmation(self.db, self.actor, reason,
                                                    username=username, password=password)
