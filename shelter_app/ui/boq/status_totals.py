"""The BoQ editor's status and totals: the heading, notes, take-off and buttons that the BoQ's
status and the user's role call for, and the totals and warnings worked out again at each
change. Mixed into BoQEditor, whose widgets it fills.

Its words keep the editor's translation context ("BoQEditor"): the translations are looked up
by the context of the code that asks, and a mixin's `self.tr` would be extracted under its own
class name while the running editor asks under its class's.
"""

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from shelter_app.domain.boq import compute_totals
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import ApprovalStatus
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.boq import boq as service
from shelter_app.services.boq.catalogue import ItemRow
from shelter_app.ui.boq.lines_model import LinesModel
from shelter_app.ui.formats import listed, measure, money, number, typed_number, unit_text

translate = QCoreApplication.translate
WARNING_LINES = 4  # the warnings' box scrolls beyond


class StatusAndTotals:
    """What the BoQ's status and totals show in the editor (`_show_status`, `update_totals`)."""

    actor: Actor
    view: "service.BoQView"
    items: "list[ItemRow]"
    lines: LinesModel
    heading: QLabel
    info: QLabel
    notice: QLabel
    items_view: QListView
    contingency: QLineEdit
    takeoff_box: QGroupBox
    takeoff_model: Any  # the editor's take-off list: its `rows`, `set_rows`
    totals_rows: QWidget
    totals_form: QFormLayout
    warnings: QPlainTextEdit
    buttons: dict[str, QPushButton]
    gross: QLabel
    _total_titles: list[str] | None
    _amounts: list[QLabel]

    def _show_status(self, view: "service.BoQView", items: "list[ItemRow]", takeoff: Any
                     ) -> None:
        """All but the lines and the catalogue's items: heading, notes, take-off, totals and
        the buttons the status and role allow."""
        self.view = view
        self.setWindowTitle(  # type: ignore[attr-defined] - the editor is a QDialog
            translate("BoQEditor", "Bill of quantities {ref}").format(ref=view.ref))
        self.heading.setText(translate("BoQEditor", "{ref} — {status}").format(
            ref=view.ref, status=service.status_label(view.status)))
        self.info.setText(translate("BoQEditor", "Dwelling {dwelling}, {address}. Household: "
                                                 "{household}. Price list {catalogue}.").format(
            dwelling=view.dwelling_ref, address=view.address,
            household=view.household_name or translate("BoQEditor", "none"),
            catalogue=view.catalogue_label))
        notes = []
        if view.status is ApprovalStatus.RETURNED and view.return_reason:
            notes.append(translate("BoQEditor", "Returned by {name}: {reason}").format(
                name=view.decided_by or "?", reason=view.return_reason))
        if view.previous_ref:
            notes.append(translate("BoQEditor", "Changes since {ref}: {changes}").format(
                ref=view.previous_ref, changes=self._changes_text()))
        self.notice.setText("\n".join(notes))
        self.notice.setVisible(bool(notes))
        editable = service.may_edit(view, self.actor)
        self.items_view.setVisible(editable)
        self.contingency.setReadOnly(not editable)
        self.contingency.setText(typed_number(view.contingency_pct))
        self.items = items
        self.takeoff_model.set_rows(takeoff)
        self.takeoff_box.setVisible(editable and bool(self.takeoff_model.rows))
        self._show_totals(view)  # its rows made and shown now, not with the lines
        can = self.actor.can
        status = view.status
        self.buttons["submit"].setVisible(editable and can(Action.SUBMIT_FOR_APPROVAL))
        for name in ("approve", "return"):
            self.buttons[name].setVisible(status is ApprovalStatus.SUBMITTED
                                          and can(Action.APPROVE))
        self.buttons["revise"].setVisible(status is ApprovalStatus.APPROVED and view.is_latest
                                          and can(Action.REOPEN_APPROVED))

    def _changes_text(self) -> str:
        parts = []
        for change in self.view.changes:
            if change.old and change.new:
                parts.append(translate("BoQEditor", "{code} {old} → {new} {unit}").format(
                    code=change.code, old=measure(change.old.quantity, change.old.unit),
                    new=measure(change.new.quantity, change.new.unit),
                    unit=unit_text(change.new.unit)))
            elif change.new:
                parts.append(translate("BoQEditor", "+ {code}").format(code=change.code))
            else:
                parts.append(translate("BoQEditor", "− {code}").format(code=change.code))
        return listed(parts, "; ") or translate("BoQEditor", "none")

    def update_totals(self) -> None:
        """Totals of the lines shown, worked out in memory at each change."""
        self._show_totals(replace(self.view, lines=tuple(self.lines.lines)))

    def _show_totals(self, view: "service.BoQView") -> None:
        """The form's rows are made again only when its rows change (a category or VAT rate
        comes or goes); otherwise only the amounts' texts change, which is what a quantity
        edit needs."""
        totals = compute_totals([line.priced for line in view.lines], view.contingency_pct)
        rows = [*((category.label, amount, False) for category, amount in
                  totals.subtotals.items()),
                (translate("BoQEditor", "Works"), totals.works, True),
                (translate("BoQEditor", "Contingency"), totals.contingency, False),
                (translate("BoQEditor", "Total excl. VAT"), totals.net, True),
                *((translate("BoQEditor", "VAT {rate}%").format(rate=number(rate, None)), kdv,
                   False) for rate, (_, kdv) in totals.kdv.items()),
                (translate("BoQEditor", "Total incl. VAT"), totals.gross, True)]
        titles = [title for title, _, _ in rows]
        if titles != self._total_titles:
            self._total_titles = titles
            self.totals_rows.hide()  # the new labels shown with it, in one pass (totals_rows)
            while self.totals_form.rowCount():
                self.totals_form.removeRow(0)
            self._amounts = []
            for title, _, bold in rows:
                self._amounts.append(_amount(bold))
                self.totals_form.addRow(title, self._amounts[-1])
            self.gross = self._amounts[-1]
            self.gross.setObjectName("grossTotal")
            self.totals_rows.show()
        for label, (_, amount, _) in zip(self._amounts, rows, strict=True):
            label.setText(money(amount))
        warnings = view.warnings(totals)
        text = "\n".join(f"⚠ {text}" for text in warnings)
        if text != self.warnings.toPlainText():
            self.warnings.setPlainText(text)
        self.warnings.setVisible(bool(warnings))


def totals_rows() -> tuple[QWidget, QFormLayout]:
    """The totals' rows, on a widget of their own that is hidden while they are made again (a
    category or a VAT rate came or went): their labels then show with it, in one pass. Added
    to the shown editor, each label was shown on its own (queued by the layout), the 22 of a
    BoQ's arrival ~8 ms of the GUI thread in the turn that shows its status."""
    rows = QWidget()
    form = QFormLayout(rows)
    form.setContentsMargins(0, 0, 0, 0)
    return rows, form


def warnings_box(lines: int) -> QPlainTextEdit:
    """The BoQ's warnings, in a box `lines` lines tall that scrolls: a BoQ can have dozens,
    and a label holding them all made the editor taller than the screen, laid out and painted
    whole again (window resized) whenever one came or went."""
    box = QPlainTextEdit()
    box.setObjectName("boqWarnings")
    box.setReadOnly(True)
    box.setFrameShape(QFrame.Shape.NoFrame)
    palette = box.palette()  # a style sheet would restyle its scroll bar too
    palette.setColor(QPalette.ColorRole.Text, QColor("#a35200"))
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    box.setPalette(palette)
    margins = box.contentsMargins()
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 2 * int(box.document()
                       .documentMargin()) + margins.top() + margins.bottom())
    box.hide()
    return box


def _amount(bold: bool) -> QLabel:
    label = QLabel()
    label.setAlignment(Qt.AlignmentFlag.AlignRight)
    if bold:
        label.setStyleSheet("font-weight: 600;")
    return label

