"""The smaller dialogs `.ci/screens` renders beside the main windows (ui/screens.py): an
agreement's signature, monitoring visit and contract preview, the landlords and a landlord's
form, a worker's form, an engineer's request to reopen a timesheet, the backup page's restore
questions, a KoboToolbox export in the import dialog, a household member, a photo's details,
the supervisor's confirmation, the cases behind a report bar, an office's budget, the crash
dialog, the unlock and change-password forms and the first start's sync, each on the demo's
own records.

Dialogs that the app opens through Qt's static helpers (QInputDialog.getMultiLineText,
QMessageBox.question…) are caught as they open, shown and grabbed, then answered "Cancel", so
the picture is the very dialog a user meets.
"""

import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QInputDialog, QMessageBox, QWidget

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.domain.stages import AgreementStatus, ApprovalStatus
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.grabbing import settle, shot

if TYPE_CHECKING:
    from shelter_app.ui.main_window import MainWindow

Shots = Iterator[tuple[str, QWidget]]


@contextmanager
def caught(owner: type, name: str, make: Callable[..., QDialog], answer: Any
           ) -> Iterator[list[QDialog]]:
    """While open, `owner.name` (a static dialog helper) builds its dialog with `make`, keeps
    it in the list yielded, and returns `answer` as if the user had cancelled."""
    dialogs: list[QDialog] = []
    original = getattr(owner, name)

    def instead(*args: Any, **kwargs: Any) -> Any:
        dialogs.append(make(*args, **kwargs))
        return answer

    setattr(owner, name, instead)
    try:
        yield dialogs
    finally:
        setattr(owner, name, original)


def _input(parent: QWidget, title: str, label: str, *rest: Any, multiline: bool = False,
           **kwargs: Any) -> QDialog:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    if multiline:
        dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    return dialog


def _question(parent: QWidget, title: str, text: str, buttons: Any = None,
              default: Any = None) -> QDialog:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    if buttons is not None:
        box.setStandardButtons(buttons)
    return box


def agreement_dialogs(db: Database, actor: Actor, window: "MainWindow") -> Shots:
    """A printed agreement's signature form, an active one's visit form and contract preview,
    the landlords and the first landlord's form."""
    from shelter_app.services.agreements.landlords import list_landlords
    from shelter_app.services.agreements.lookup import list_agreements
    from shelter_app.services.agreements.output import print_contract
    from shelter_app.ui.agreements.forms import LandlordDialog, SignatureDialog, VisitDialog
    from shelter_app.ui.agreements.page import LandlordsDialog
    from shelter_app.ui.agreements.preview import ContractPreview
    from shelter_app.domain.permissions import Action
    from shelter_app.ui.formats import typed_number

    waiting = [agreement for status in (AgreementStatus.PRINTED, AgreementStatus.DRAFT)
               for agreement in list_agreements(db, actor, status=status, limit=1)]
    for agreement in waiting[:1]:  # the signed paper comes back for a printed one
        yield from shot("agreement-signature", SignatureDialog(db, actor, agreement.number,
                                                               window))
    for agreement in list_agreements(db, actor, status=AgreementStatus.ACTIVE, limit=1):
        visit = VisitDialog(db, actor, agreement.number,
                            typed_number(agreement.monthly_rent, 2), window)
        visit.notes.setPlainText("Kira zamanında ödeniyor; kiraya veren (Mehmet Öztürk) "
                                 "çatıdaki işten memnun.")
        yield from shot("agreement-visit", visit)
        if not actor.can(Action.VIEW_PERSONAL_IDS):  # the contract carries them
            continue
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder, f"{agreement.number}.pdf")
            print_contract(db, actor, agreement.number, target)
            preview = ContractPreview(target, agreement.number, window)
            preview.resize(760, 690)
            preview.show()
            settle(1000)  # QPdfView paints its pages in the background: the grab was blank
            yield from shot("contract-preview", preview)
    yield from shot("landlords", LandlordsDialog(db, actor, window))
    for landlord in list_landlords(db, actor, limit=1):
        yield from shot("landlord-form", LandlordDialog(db, actor, ref=landlord.ref,
                                                        parent=window))


def labour_dialogs(db: Database, actor: Actor, window: "MainWindow") -> Shots:
    """A worker's form filled for the first worker's household, and the engineer's request
    to reopen an approved timesheet."""
    from shelter_app.services.labour.workers import list_workers
    from shelter_app.ui.inbox.asking import ask_to_reopen
    from shelter_app.ui.labour.worker_dialog import WorkerDialog

    for worker in list_workers(db, actor, limit=1):
        form = WorkerDialog(db, actor, worker.household_ref, window)
        form.full_name.setText("Muhammed Emin El-Halebi")
        form.iban.setText("TR33 0006 1005 1978 6457 8413 26")
        form.work_permit_number.setText("2026-GAZ-014523")
        form.skills.setText("boya, sıva")
        yield from shot("worker-form", form)
    tab = window.cash_for_work.timesheets
    tab.model.reload()
    rows = [tab.model.row_at(row) for row in range(tab.model.rowCount())]
    approved = [row for row, line in enumerate(rows) if line.status == ApprovalStatus.APPROVED]
    if approved:
        tab.table.setCurrentIndex(tab.model.index(approved[0], 0))
        with caught(QInputDialog, "getMultiLineText",
                    lambda *args, **kwargs: _input(*args, multiline=True, **kwargs),
                    ("", False)) as asked:
            from shelter_app.domain.reopen import ReopenKind

            ask_to_reopen(tab, ReopenKind.TIMESHEET)
        for dialog in asked:
            yield from shot("reopen-request", dialog)


def backup_dialogs(window: "MainWindow") -> Shots:
    """The Backups page's questions before a restore: replace the database with this backup?
    and, for another laptop's archive, its recovery key."""
    from PySide6.QtWidgets import QFileDialog

    page = getattr(window, "backups", None)
    if page is None:
        return
    chosen = str(Path(page.folder, f"shelter-{clock.today() - timedelta(days=1):%Y%m%d}.zip"))
    with caught(QFileDialog, "getOpenFileName", lambda *args, **kwargs: QDialog(),
                (chosen, "")), \
            caught(QMessageBox, "question", _question, QMessageBox.StandardButton.No) as asked:
        page.restore()
    for dialog in asked:
        yield from shot("backup-restore", dialog)
    page._chosen = Path(chosen)
    with caught(QInputDialog, "getText", _input, ("", False)) as asked:
        page._ask_recovery_key()
    for dialog in asked:
        yield from shot("backup-recovery-key", dialog)


def kobo_import(db: Database, actor: Actor, window: "MainWindow") -> Shots:
    """The import dialog's steps on a KoboToolbox XLSX export (XML names, a repeat group of
    rooms on its own sheet, an Arabic name and Turkish letters)."""
    from openpyxl import Workbook

    from shelter_app.domain.ids import make_tckn
    from shelter_app.ui.imports.dialog import ImportDialog

    book = Workbook()
    main = book.active
    main.title = "Konut değerlendirme"
    main.append(["start", "today", "household/head_name", "household/id_number",
                 "household/nationality", "household/legal_status", "household/hh_size",
                 "household/consent", "household/consent_date",
                 "address/province", "address/district", "address/neighbourhood",
                 "address/street", "address/building_no", "_id", "_uuid", "_submission_time",
                 "_index"])
    day = f"{clock.today() - timedelta(days=5):%Y-%m-%d}"
    people = [("عبد الرحمن الحلبي", "991000001", "suriye", "temporary_protection", "6",
               "sanliurfa", "Haliliye", "Bamyasuyu", "1453. Sokak", "12"),
              ("Gülşen Çağlar Işık", "100000002", "turkiye", "citizen", "3", "gaziantep",
               "Şahinbey", "Güneykent", "Özgürlük Cd.", "7"),
              ("İbrahim Şahin", "100000004", "suriye", "residence_permit", "2", "gaziantep",
               "Şehitkamil", "Karşıyaka", "Atatürk Blv.", "3")]
    for n, (name, number, nation, status, size, *address) in enumerate(people, start=1):
        main.append([f"{day}T09:00:00.000+03:00", day, name, make_tckn(number), nation, status,
                     size, "yes", day, *address, 100 + n, f"a1b2c3d4-0000-4000-8000-{n:012d}",
                     f"{day}T07:00:00", n])
    rooms = book.create_sheet("rooms")
    rooms.append(["rooms/room_name", "rooms/length", "rooms/width", "_index",
                  "_parent_table_name", "_parent_index"])
    for n, (room, length, parent) in enumerate((("Yatak odası", "3.5", 1), ("Salon", "4.2", 1),
                                                ("Mutfak", "2.5", 3)), start=1):
        rooms.append([room, length, "3.0", n, main.title, parent])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "konut_degerlendirme.xlsx")
        book.save(path)
        dialog = ImportDialog(db, actor, window)
        dialog.show()
        dialog.file_step.path.setText(str(path))
        dialog.read_file()
        while dialog.busy:
            settle(50)
        dialog.file_step.kind.setCurrentIndex(dialog.file_step.kind.findData("cases"))
        for number in range(1, 6):
            while dialog.busy:
                settle(50)
            settle()
            yield f"kobo-import-{number}", dialog
            dialog.next()
        dialog.close()
        dialog.deleteLater()


def case_dialogs(db: Database, actor: Actor, window: "MainWindow") -> Shots:
    """A new member typed into the first household's register, the details of the first dwelling's
    last photo, the household's and a dwelling's edit forms, a photo import's summary, the
    supervisor's confirmation with its reason typed, and the cases behind the Reports page's
    first stage bar."""
    from shelter_app.services.cases.households import list_households
    from shelter_app.services.photos.photos import list_photos
    from shelter_app.services.reports.cases import Bar
    from shelter_app.ui.forms import SupervisorDialog
    from shelter_app.ui.households.dialogs import EditDwellingDialog, EditHouseholdDialog
    from shelter_app.ui.households.members import MemberDialog
    from shelter_app.ui.photos.panel import PhotoDetailsDialog
    from shelter_app.ui.reports.cases import BarCasesDialog

    model = window.dwellings.model
    rows = [model.row_at(row) for row in range(model.rowCount())]
    for household in list_households(db, actor, limit=1):  # the demo's have no members
        member = MemberDialog(db, actor, household.ref, None, window)
        member.latin_name.setText("Fatma El-Halebi")
        member.arabic_name.setText("فاطمة الحلبي")
        member.sex.setCurrentIndex(member.sex.findData("female"))
        member.age.setText("67")
        member.relation.setCurrentIndex(member.relation.findData("parent"))
        yield from shot("household-member", member)
    for row in rows:
        try:
            photos = list_photos(db, actor, row.id)
        except UserError:
            continue
        if photos:
            yield from shot("photo-details", PhotoDetailsDialog(db, actor, photos[-1], window))
            break
    for household in list_households(db, actor, limit=1):
        yield from shot("household-edit", EditHouseholdDialog(db, actor, household.ref, window))
    for row in rows:  # a dwelling with photos: their positions are offered
        try:
            edit = EditDwellingDialog(db, actor, row.ref, window)
        except UserError:
            continue
        if edit.photo_position.count() > 1:
            yield from shot("dwelling-edit", edit)
            yield from photo_import_summary(db, actor, row.id, window)
            break
        edit.deleteLater()
    confirm = SupervisorDialog(db, actor, window)
    confirm.reason.setText("Kiraya veren aynı zamanda şantiyede usta olarak çalışıyor")
    yield from shot("supervisor-confirmation", confirm)
    yield from shot("bar-cases", BarCasesDialog(db, actor, Bar("stages", None, "registered"),
                                                office=None, first=None, last=None,
                                                parent=window))


def photo_import_summary(db: Database, actor: Actor, dwelling: uuid.UUID,
                         window: "MainWindow") -> Shots:
    """The summary a photo import ends with when files were refused: a HEIC from an iPhone
    and a PDF among twelve photos from a camera, shown as the dwelling's photos panel shows it."""
    from shelter_app.services.photos.photos import ImportOutcome, Status
    from shelter_app.services.photos.pipeline import Reason, Refusal
    from shelter_app.ui.photos.panel import PhotosPanel

    folder = Path(tempfile.gettempdir(), "DCIM")
    refused = [Refusal("IMG_4521.HEIC", Reason.UNSUPPORTED, "HEIC"),
               Refusal("kira sözleşmesi taranmış.pdf", Reason.NOT_AN_IMAGE)]
    outcomes = [ImportOutcome(str(folder / f"DSC_{n:04d}.JPG"), f"DSC_{n:04d}.JPG",
                              Status.IMPORTED) for n in range(1031, 1043)]
    outcomes += [ImportOutcome(str(folder / refusal.name), refusal.name, Status.REFUSED,
                               refusal.message) for refusal in refused]
    panel = PhotosPanel(db, actor, dwelling, window)
    panel._imported(outcomes)
    if panel.summary_dialog is not None:
        yield from shot("photo-import-summary", panel.summary_dialog)
    panel.deleteLater()


def account_dialogs(db: Database, actor: Actor, window: "MainWindow") -> Shots:
    """The change of one's own password, the unlock of an encrypted database (user name typed)
    and the crash dialog with a real traceback; for an administrator the first office's
    budget and the first start's sync under way, then failed."""
    from shelter_app.domain.permissions import Action
    from shelter_app.ui.auth.dialogs import ChangePasswordDialog
    from shelter_app.ui.auth.encryption import UnlockDialog
    from shelter_app.ui.crash import CrashDialog

    yield from shot("change-password", ChangePasswordDialog(db, actor, window, forced=False))
    unlock = UnlockDialog(str(Path.home() / ".local/share/shelter_app/shelter.db"), window)
    unlock.fields["username"].setText(actor.username)
    yield from shot("unlock", unlock)
    try:
        {"sahin": 1}["şahin"]
    except KeyError:
        import traceback

        details = traceback.format_exc()
    yield from shot("crash", CrashDialog(
        details, str(Path.home() / ".local/state/shelter_app/log/shelter_app.log"), window))
    if not actor.can(Action.MANAGE_OFFICES):
        return
    from shelter_app.services.sync.wire import unreachable
    from shelter_app.ui.accounts.offices_page import BudgetDialog
    from shelter_app.ui.sync.enrol import StartDialog

    offices = window.offices.model
    yield from shot("budget", BudgetDialog(db, actor, offices.row_at(0), window))
    start = StartDialog(db, window)
    start.runner.sync = lambda manual: None  # no server: the sync's progress is shown as said
    start.form.server_url.setText("https://sync.barinak-programi.org.tr")
    start.show()
    start._sync()
    start._progressed("pull", 12480, 0)
    settle()
    yield "first-start-sync", start
    start._failed(unreachable(TimeoutError("timed out")).message, True)
    settle()
    yield "first-start-sync-failed", start
    start.close()
    start.deleteLater()


def more_dialogs(db: Database, actor: Actor, window: "MainWindow") -> Shots:
    yield from agreement_dialogs(db, actor, window)
    yield from case_dialogs(db, actor, window)
    yield from account_dialogs(db, actor, window)
    yield from labour_dialogs(db, actor, window)
    yield from backup_dialogs(window)
    yield from kobo_import(db, actor, window)

