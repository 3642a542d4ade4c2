"""The dwelling file's tabs of the later steps: BoQ, agreement and photos (cash-for-work,
monitoring and the history have modules of their own: ui/dwellings/labour_tab.py,
monitoring_tab.py, history_tab.py). Each shows the existing page's model for this one dwelling
and opens the existing editors and dialogs, so an action taken here is the same action as on
the area's page."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain.lease import status_label
from shelter_app.domain.permissions import Action
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus, PhotoTag, Stage
from shelter_app.services.accounts.auth import Actor
from shelter_app.services.agreements.agreements import AgreementInput
from shelter_app.services.agreements.lookup import AgreementRow
from shelter_app.services.boq.boq import BoQView, create_boq
from shelter_app.services.boq.lookup import BoQRow
from shelter_app.services.cases.dwellings import DwellingFile
from shelter_app.ui.agreements.models import AgreementTableModel
from shelter_app.ui.boq.page import BoQTableModel
from shelter_app.ui.columns import fit_titles
from shelter_app.ui.formats import date_text, isolated, money, read_from_right
from shelter_app.ui.labour.base import ListTab
from shelter_app.ui.photos.model import PhotoListModel, Photos, tag_labels
from shelter_app.ui.photos.panel import GalleryView, PhotosPanel
from shelter_app.ui.wrapping import wrapped

class CaseListTab(ListTab):
    """One dwelling's records of an area (its BoQs, its agreements), opened by double-click or
    Enter; the file reloads after anything saved from the record's window."""

    changed = Signal()

    def __init__(self, db: Database, actor: Actor, file: DwellingFile, model: Any, name: str,
                 open_record: Callable[[Any], QDialog], new: tuple[str, Callable[[], None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(db, actor, model, name, parent)
        model.setParent(self)
        self.file = file
        self._open_record = open_record
        self.summary = QLabel()
        self.summary.setObjectName(f"{name}Summary")
        wrapped(self.summary)
        fit_titles(self.table)
        model.modelReset.connect(self._fit_columns)
        self.table.activated.connect(lambda _: self.open_selected())
        self.add_button("open", self.tr("Open…"), True, self.open_selected)
        self.add_button("new", new[0], actor.can(Action.EDIT_CASES), new[1])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(self.button_row)

    def _fit_columns(self) -> None:
        """Each column as wide as its values (one case's few records): a reference is never
        cut ("ADA-2026-00…") nor wrapped ("GAZ-" over "D-000001-B1"); the last takes the rest."""
        for column in range(self.model.columnCount() - 1):
            self.table.resizeColumnToContents(column)

    def enable(self) -> None:
        self.buttons["open"].setEnabled(self.actionable() is not None)

    def refresh(self, reload: bool = True) -> None:
        if reload:
            self.model.reload()
        else:  # read by the model's constructor, before the table was told
            self._fit_columns()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_row(0)
        self.enable()

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.window_ = self._open_record(row)
            self.window_.finished.connect(self.changed)  # (a lambda would hold the tab)
            self.window_.open()

    def act(self, work: Callable[[Database, Actor], Any], said: Callable[[Any], str]) -> None:
        """Write in a worker, the buttons off until its answer (ListTab.in_background); its
        refusal, or what `said` makes of its result, goes to the message line, and the file is
        read again."""
        self.in_background(work, lambda result: self._acted(said(result)))

    def _acted(self, said: str) -> None:
        self.written(said)
        self.changed.emit()


def boq_summary(file: DwellingFile) -> str:
    """The case's BoQs in a line: how many revisions, which is approved and its total."""
    approved = file.approved_boq
    return QCoreApplication.translate("BoQTab", "%n revisions. Approved: {approved}.", "",
                                      file.boq_count).format(
        approved=QCoreApplication.translate("BoQTab", "{ref}, {total}").format(
            ref=isolated(approved[0]), total=isolated(money(approved[1]))) if approved
        else QCoreApplication.translate("BoQTab", "none yet"))


class BoQTab(CaseListTab):
    """The dwelling's BoQ revisions with status and total; a new one for an assessed case."""

    def __init__(self, db: Database, actor: Actor, file: DwellingFile,
                 rows: list[BoQRow] | None = None, parent: QWidget | None = None) -> None:
        """`rows`: the dwelling's BoQs read beforehand (in a worker); else read now."""
        from shelter_app.ui.boq.editor import BoQEditor

        self._drafted = False  # a BoQ drafted here that the file shown does not count yet
        super().__init__(db, actor, file,
                         BoQTableModel(db, actor, dwelling_id=file.id, rows=rows), "fileBoqs",
                         lambda row: BoQEditor(db, actor, row.id, self),
                         (self.tr("New BoQ"), self.new_boq), parent)
        self.add_button("ask", self.tr("Ask to reopen…"),
                        actor.can(Action.SUBMIT_FOR_APPROVAL)
                        and not actor.can(Action.REOPEN_APPROVED), self.ask_reopen)

    def enable(self) -> None:
        super().enable()
        row = self.actionable()
        if "ask" in self.buttons:
            self.buttons["ask"].setEnabled(row is not None
                                           and row.status is ApprovalStatus.APPROVED)
        # one BoQ per case (revisions come from it)
        self.buttons["new"].setEnabled(not self.waiting and not self._drafted
                                       and self.file.stage is not Stage.REGISTERED
                                       and not self.file.boq_count)

    def ask_reopen(self) -> None:
        from shelter_app.domain.reopen import ReopenKind
        from shelter_app.ui.inbox.asking import ask_to_reopen

        ask_to_reopen(self, ReopenKind.BOQ)

    def show_file(self, file: DwellingFile, *, reload: bool = True) -> None:
        """Show `file`; `reload=False`: the list was just read (by the model's constructor)."""
        self.file = file
        self._drafted = False
        self.refresh(reload)
        self.summary.setText(boq_summary(file))

    def new_boq(self) -> None:
        ref = self.file.ref
        self.act(lambda db, actor: create_boq(db, actor, ref), self._drafted_boq)

    def _drafted_boq(self, view: BoQView) -> str:
        self._drafted = True  # until the file, read again, lists it
        return self.tr("{ref} is drafted; open it to add the lines.").format(ref=view.ref)


class AgreementTab(CaseListTab):
    """The dwelling's agreements with their terms and status; each opens the agreement window
    (print, signature, signed scan, activation, end); a new one once the BoQ is approved."""

    def __init__(self, db: Database, actor: Actor, file: DwellingFile,
                 rows: list[AgreementRow] | None = None, parent: QWidget | None = None) -> None:
        """`rows`: the dwelling's agreements read beforehand (in a worker); else read now."""
        from shelter_app.ui.agreements.window import AgreementWindow

        super().__init__(db, actor, file,
                         AgreementTableModel(db, actor, dwelling_id=file.id, rows=rows),
                         "fileAgreements", lambda row: AgreementWindow(db, actor, row.number, self),
                         (self.tr("New agreement…"), self.new_agreement), parent)

    def rows(self) -> list[AgreementRow]:
        return [self.model.row_at(n) for n in range(self.model.rowCount())]

    def show_file(self, file: DwellingFile, *, reload: bool = True) -> None:
        """Show `file`; `reload=False`: the list was just read (by the model's constructor)."""
        self.file = file
        self.refresh(reload)
        rows = self.rows()
        self.summary.setText(read_from_right("\n".join(
            self.tr("{number}: {status}, {start} – {end}, {rent} a month").format(
                number=isolated(row.number), status=status_label(row.status),
                start=isolated(date_text(row.start_date)),
                end=isolated(date_text(row.end_date)), rent=isolated(money(row.monthly_rent)))
            for row in rows)) or self.tr("No agreement yet."))
        open_ = any(row.status in (AgreementStatus.DRAFT, AgreementStatus.PRINTED,
                                   AgreementStatus.SIGNED, AgreementStatus.ACTIVE)
                    for row in rows)
        self.buttons["new"].setEnabled(file.stage is Stage.BOQ_APPROVED and not open_)

    def new_agreement(self) -> None:
        from shelter_app.ui.agreements.forms import AgreementDialog

        values = AgreementInput(term_months=12, start_date=None, monthly_rent="",
                                landlord_ref=self.file.landlord.ref if self.file.landlord
                                else "", payment_day=5)
        self.window_ = AgreementDialog(self.db, self.actor, mode="new", dwelling_ref=self.file.ref,
                                       values=values, parent=self)
        self.window_.accepted.connect(self.changed.emit)
        self.window_.open()


class PhotosTab(QWidget):
    """Before and after side by side, above the whole gallery with its import and tags."""

    def __init__(self, db: Database, actor: Actor, file: DwellingFile, photos: Photos,
                 parent: QWidget | None = None) -> None:
        """`photos`: all the dwelling's photos (`read_photos`, in a worker)."""
        super().__init__(parent)
        self._db = db
        self.panel = PhotosPanel(db, actor, file.id, self, photos)
        labels = tag_labels()
        self.sides: dict[PhotoTag, PhotoListModel] = {}
        side_by_side = QHBoxLayout()
        for tag in (PhotoTag.BEFORE, PhotoTag.AFTER):
            model = PhotoListModel(db, actor, file.id, self)
            model.show(photos.tagged(tag))
            view = GalleryView()
            view.setObjectName(f"photos_{tag.value}")
            view.setModel(model)
            view.setMaximumHeight(190)
            view.activated.connect(lambda index, m=model: self._view(m, index.row()))
            self.sides[tag] = model
            column = QVBoxLayout()
            column.addWidget(QLabel(labels[tag]))
            column.addWidget(view)
            side_by_side.addLayout(column, 1)
        self.panel.changed.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addLayout(side_by_side)
        layout.addWidget(self.panel, 1)

    def refresh(self) -> None:
        for tag, model in self.sides.items():
            model.reload(tag)

    def _view(self, model: PhotoListModel, row: int) -> None:
        from shelter_app.ui.photos.viewer import PhotoViewer

        self.viewer = PhotoViewer(self._db, model.rows, row, self)
        self.viewer.open()
