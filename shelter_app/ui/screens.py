"""Render every main screen in every language to PNG, and find text that does not fit.

`python -m shelter_app.ui.screens --db DEMO.db --out /tmp/screens` (what `.ci/screens` runs)
signs in demo users, builds the main window in Turkish, English and Arabic, and saves each
navigation page, the tabs of a dwelling's file and the new-case form. Widgets whose text is
wider than the widget are listed, so a translation that is too long shows up without looking
at hundreds of pictures (look at them anyway: overlap and mirroring need eyes), and so are
columns of numbers that are not end-aligned (ui/number_columns.py).
"""

import argparse
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6 import QtGui
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QStatusBar,
    QWidget,
)

from shelter_app.data.engine import Database
from shelter_app.domain import clock
from shelter_app.domain.errors import UserError
from shelter_app.services.accounts.auth import Actor
from shelter_app.ui.grabbing import PAUSE_MS, loaded, settle, shot
from shelter_app.ui.number_columns import misaligned
from shelter_app.ui.wrapping import SAFE

if TYPE_CHECKING:
    from shelter_app.ui.main_window import MainWindow

TOLERANCE_PX = 2
SPREAD_FILL = 2 / 3  # a justified Arabic line filled less shows gaps inside its words
USERS = ("engineer.gaz", "admin")


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0


def _in_status_bar(widget: QWidget) -> bool:
    """The status bar shows data (the database path) whose length no translation decides."""
    parent = widget.parentWidget()
    return isinstance(parent, QStatusBar)


def clipped(root: QWidget, headers: bool = True) -> list[str]:
    """Labels, buttons, list entries and (with `headers`) column titles under `root` whose text
    needs more room than they have, and wrapped labels of the right-to-left interface that
    `ui.wrapping.wrapped` did not make safe."""
    found = []
    kinds = (QLabel, QPushButton, QCheckBox, QRadioButton)
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not _shown(widget) or _in_status_bar(widget):
            continue
        text = widget.text()
        if not text:
            continue
        if isinstance(widget, QLabel) and widget.wordWrap():
            if widget.heightForWidth(widget.width()) > widget.height() + TOLERANCE_PX:
                found.append(f"{type(widget).__name__} {text!r}: wrapped text cut off")
            if widget.isRightToLeft() and not widget.alignment() & SAFE:
                found.append(f"{type(widget).__name__} {text!r}: wrapped right to left "
                             "unjustified, so its lines may stand past its start (wrapped())")
            elif widget.isRightToLeft() and (fill := _least_filled(widget)) < SPREAD_FILL:
                found.append(f"{type(widget).__name__} {text!r}: a justified line "
                             f"{fill:.0%} full, its letters spread apart")
            continue
        if isinstance(widget, QLabel) and (widget.pixmap() is not None
                                           and not widget.pixmap().isNull()):
            continue
        need = widget.sizeHint().width()
        if need > widget.width() + TOLERANCE_PX:
            found.append(f"{type(widget).__name__} {text!r}: needs {need} px, has "
                         f"{widget.width()}")
    for listing in root.findChildren(QListWidget):
        if not _shown(listing):
            continue
        room = listing.viewport().width()
        for row in range(listing.count()):
            item = listing.item(row)
            need = listing.sizeHintForIndex(listing.indexFromItem(item)).width()
            if need > room + TOLERANCE_PX:
                found.append(f"list entry {item.text()!r}: needs {need} px, has {room}")
    if headers:
        found += _clipped_headers(root)
    return found


def _least_filled(label: QLabel) -> float:
    """How full the emptiest justified line of `label` is (1.0 when none is justified). Qt
    justifies an Arabic line by widening the joins between its letters, not its spaces: a
    line left short by an unbreakable value that went to the next line showed "ب ح ل و ل"
    for "بحلول". A paragraph's last line is not justified."""
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text()))
    if rich or not label.alignment() & Qt.AlignmentFlag.AlignJustify:
        return 1.0
    width = label.contentsRect().width() - 2 * label.margin()
    text = label.text().replace("\n", "\u2028")  # as QLabel lays out a plain text
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    fills = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        end = line.textStart() + line.textLength()
        if end < len(text) and text[end - 1] != "\u2028":
            fills.append(line.naturalTextWidth() / max(width, 1))
    layout.endLayout()
    return min(fills, default=1.0)


def _clipped_headers(root: QWidget) -> list[str]:
    """Column titles wider than their column (the user can widen a column, but should not
    have to just to read its title)."""
    found = []
    for header in root.findChildren(QHeaderView):
        model = header.model()
        if not _shown(header) or header.orientation() != Qt.Orientation.Horizontal or not model:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            title = model.headerData(section, Qt.Orientation.Horizontal)
            need = header.sectionSizeFromContents(section).width()
            if title and need > header.sectionSize(section) + TOLERANCE_PX:
                found.append(f"column {title!r}: needs {need} px, has "
                             f"{header.sectionSize(section)}")
    return found


def _pages(window: "MainWindow") -> Iterator[tuple[str, QWidget]]:
    from shelter_app.ui.lazy_pages import PendingPage

    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        settle()
        while isinstance(window.pages.currentWidget(), PendingPage):  # built a turn later
            settle(20)
        loaded(window.pages.currentWidget())
        yield type(window.pages.currentWidget()).__name__, window


def _dialogs(db: Database, actor: Actor, window: "MainWindow") -> Iterator[tuple[str, QWidget]]:
    from shelter_app.domain.permissions import Action
    from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

    page = window.dwellings
    dialog = None
    for row in range(page.model.rowCount()):  # the first one of the actor's own office
        try:
            dialog = DwellingFileDialog(db, actor, page.model.row_at(row).id, window)
            break
        except UserError:
            continue
    if dialog is None:
        return
    dialog.show()
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        settle()
        loaded(dialog.tabs)  # its records are read in a worker, then it is built
        yield f"file-{type(dialog.tabs.currentWidget()).__name__}", dialog
    dialog.close()
    if actor.can(Action.EDIT_CASES):
        from shelter_app.ui.households.dialogs import RegisterCaseDialog

        form = RegisterCaseDialog(db, actor, window)
        form.show()
        settle()
        yield "form-new-case", form
        form.ok_button.click()  # empty: every problem at its field at once
        settle()
        yield "form-new-case-problems", form
        form.close()
        yield from _import_steps(db, actor, window)


def _case_windows(db: Database, actor: Actor, window: "MainWindow"
                  ) -> Iterator[tuple[str, QWidget]]:
    """Where mixed text shows most: the sign-in dialog, the first agreement's form and window
    (its IBAN, names and dates inside Arabic), the first BoQ's editor, an assessment, photos
    and a week of labour, on the demo's records."""
    from shelter_app.services.agreements.lookup import list_agreements
    from shelter_app.services.boq.lookup import list_boqs
    from shelter_app.ui.agreements.forms import AgreementDialog
    from shelter_app.ui.agreements.window import AgreementWindow
    from shelter_app.ui.auth.dialogs import SignInDialog
    from shelter_app.ui.boq.editor import BoQEditor

    yield from shot("sign-in", SignInDialog(db, window))
    for agreement in list_agreements(db, actor, limit=1):
        shown = AgreementWindow(db, actor, agreement.number, window)
        yield from shot("agreement-form", AgreementDialog(
            db, actor, mode="edit", number=agreement.number, values=shown.view.values,
            parent=window))
        yield from shot("agreement", shown)
    for boq in list_boqs(db, actor, limit=1):
        yield from shot("boq-editor", BoQEditor(db, actor, boq.id, window))
    yield from _assessment_and_photos(db, actor, window)
    yield from _cash_for_work(window)
    from shelter_app.ui.screen_dialogs import more_dialogs

    yield from more_dialogs(db, actor, window)


def _assessment_and_photos(db: Database, actor: Actor, window: "MainWindow"
                           ) -> Iterator[tuple[str, QWidget]]:
    """The assessment form of the first dwelling that can be assessed, and the photo viewer
    on the first dwelling with photos (`.ci/screens` makes its demo with photos)."""
    from shelter_app.services.photos.photos import list_photos
    from shelter_app.ui.assessments.form import AssessmentDialog
    from shelter_app.ui.photos.viewer import BeforeAfterDialog, PhotoViewer

    model = window.dwellings.model
    dwellings = [model.row_at(row).id for row in range(model.rowCount())]
    for dwelling in dwellings:
        try:
            form = AssessmentDialog(db, actor, dwelling, window)
        except UserError:  # a stage or office this actor cannot assess
            continue
        yield from shot("assessment-form", form)
        break
    for dwelling in dwellings:
        try:
            photos = list_photos(db, actor, dwelling)
        except UserError:
            continue
        if photos:
            yield from shot("photo-viewer", PhotoViewer(db, photos, 0, window))
            yield from shot("photos-before-after", BeforeAfterDialog(db, photos, window))
            break


def _cash_for_work(window: "MainWindow") -> Iterator[tuple[str, QWidget]]:
    """The cash-for-work tabs: the daily log on the site and week of the timesheet with the
    most days (a filled labour grid), the timesheets and the payment batches."""
    page = window.cash_for_work
    window.navigation.setCurrentRow(window.pages.indexOf(page))
    timesheets = page.timesheets.model
    if timesheets.rowCount():
        fullest = max((timesheets.row_at(row) for row in range(timesheets.rowCount())),
                      key=lambda row: row.days)
        page.log.open_site(fullest.site_ref)
        page.log.show_week(fullest.period_start)
        loaded(page.log)  # the week is read in a worker
    for index, name in enumerate(("log", "timesheets", "payments")):
        page.tabs.setCurrentIndex(index)
        settle()
        yield f"cash-for-work-{name}", window


def _account_screens(db: Database, actor: Actor, window: "MainWindow"
                     ) -> Iterator[tuple[str, QWidget]]:
    """The lock dialog (with Switch user); for an administrator also the Users page's dialogs,
    the Offices page's, and the first-run wizard's three pages (one refusal shown at its
    field, so the messages' room is seen too)."""
    from shelter_app.domain.permissions import Action
    from shelter_app.ui.auth.dialogs import SignInDialog

    lock = SignInDialog(db, window, locked_user=actor.username)
    yield from shot("lock", lock)
    if not actor.can(Action.MANAGE_USERS):
        return
    from shelter_app.ui.auth.first_run import FirstRunWizard
    from shelter_app.ui.accounts.offices_page import AddOfficeDialog, RenameOfficeDialog
    from shelter_app.ui.accounts.users_page import (
        AddUserDialog,
        ResetPasswordDialog,
        RoleOfficeDialog,
    )

    users = window.users
    engineer = next(users.model.row_at(row) for row in range(users.model.rowCount())
                    if users.model.row_at(row).role == "engineer")
    yield from shot("users-add", AddUserDialog(db, actor, window))
    yield from shot("users-reset-password", ResetPasswordDialog(db, actor, engineer, window))
    yield from shot("users-role-office", RoleOfficeDialog(db, actor, engineer, window))
    add_office = AddOfficeDialog(db, actor, window)
    add_office.office.province.setCurrentIndex(add_office.office.province.findText("Şanlıurfa"))
    yield from shot("offices-add", add_office)
    gaz = window.offices.model.row_at(window.offices.model.row_of("GAZ"))
    yield from shot("offices-rename", RenameOfficeDialog(db, actor, gaz, window))
    wizard = FirstRunWizard(db, window)
    wizard.show()
    settle()
    yield "first-run-1", wizard
    wizard.next()
    step = wizard.offices
    step.office.province.setCurrentIndex(step.office.province.findText("Hatay"))
    step.office.code.setText("HTY")
    step.office.name.setText("Hatay Saha Ofisi")
    step.add_office()
    step.office.province.setCurrentIndex(step.office.province.findText("Gaziantep"))
    step.add_office()  # GAZ is taken in the demo data: the refusal shows at the code
    settle()
    yield "first-run-2", wizard
    step.office.clear()
    wizard.next()
    wizard.administrator.full_name.setText("Ayşe Yönetici")
    settle()
    yield "first-run-3", wizard
    wizard.close()
    wizard.deleteLater()


def _import_steps(db: Database, actor: Actor, window: "MainWindow"
                  ) -> Iterator[tuple[str, QWidget]]:
    """The import dialog's five steps, with a small Turkish Excel CSV (one row rejected)."""
    import tempfile
    from datetime import timedelta

    from shelter_app.domain.ids import make_tckn
    from shelter_app.ui.imports.dialog import ImportDialog

    consent = f"{clock.today() - timedelta(days=7):%d.%m.%Y}"
    text = "".join(f"{line}\r\n" for line in (
        "Adı Soyadı;TC Kimlik No;Uyruk;Koruma Statüsü;Rıza Tarihi;Kadın 18-59;Erkek 18-59",
        f"Şükrü İğdır;{make_tckn('312345678')};Suriye;Geçici koruma;{consent};1;1",
        f"Hatice Kaya;12345678901;Suriye;Geçici koruma;{consent};1;0"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "hane listesi.csv")
        path.write_bytes(text.encode("cp1254"))
        dialog = ImportDialog(db, actor, window)
        dialog.show()
        dialog.file_step.path.setText(str(path))
        dialog.read_file()
        for number in range(1, 6):
            while dialog.busy:
                settle(50)
            yield f"import-{number}", dialog
            dialog.next()
        dialog.close()
        dialog.deleteLater()


def render_screens(db: Database, actors: list[Actor], out: Path,
                   languages: tuple[str, ...] = ("tr", "en", "ar")) -> dict[Path, list[str]]:
    """Save one PNG per screen, language and actor under `out`; {png: clipped texts}."""
    from shelter_app.ui.language import install_language
    from shelter_app.ui.running import current_language
    from shelter_app.ui.main_window import MainWindow

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    out.mkdir(parents=True, exist_ok=True)
    running = current_language()
    report: dict[Path, list[str]] = {}
    try:
        for code in languages:
            install_language(app, code)
            for actor in actors:
                window = MainWindow(db, actor)
                window.show()
                settle(2 * PAUSE_MS)
                shots = itertools.chain(_pages(window), _dialogs(db, actor, window),
                                        _case_windows(db, actor, window),
                                        _account_screens(db, actor, window))
                for number, (title, widget) in enumerate(shots):
                    path = out / f"{code}-{actor.username}-{number:02d}-{title}.png"
                    widget.grab().save(str(path))
                    report[path] = clipped(widget) + misaligned(widget)
                window.close()
                window.deleteLater()
                settle(50)
    finally:
        install_language(app, running)
    return report


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages on stderr, without the offscreen platform's one warning per window."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a demo database (shelter-app demo)")
    parser.add_argument("--out", default="/tmp/screens", type=Path)
    parser.add_argument("--languages", default="tr,en,ar")
    parser.add_argument("--users", default=",".join(USERS))
    args = parser.parse_args(argv)
    from shelter_app.data.engine import target_url
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.ui.app import create_application

    qInstallMessageHandler(_quiet)
    create_application()
    db = Database(target_url(args.db))
    try:
        actors = [sign_in(db, name, DEMO_PASSWORD)[0] for name in args.users.split(",")]
        report = render_screens(db, actors, args.out, tuple(args.languages.split(",")))
    finally:
        db.dispose()
    problems = 0
    for path, found in report.items():
        for text in found:
            problems += 1
            print(f"{path.name}: {text}")
    print(f"{len(report)} screens in {args.out}; {problems} texts do not fit")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
