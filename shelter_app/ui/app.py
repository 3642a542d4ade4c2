"""Start the GUI: Qt application, translations hook, crash handling, database, main window."""

import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from shiboken6 import isValid

from shelter_app.config import paths
from shelter_app.domain import i18n
from shelter_app.domain.errors import UserError
from shelter_app.resources import resource
from shelter_app.ui import mnemonics
from shelter_app.ui.collector import collect_on_gui_thread, hold_while_starting
from shelter_app.ui.crash import CrashHandler
from shelter_app.ui.none_guard import guard_none
from shelter_app.ui.style import install_style

if TYPE_CHECKING:
    from shelter_app.data.engine import Database
    from shelter_app.data.migrate import DatabaseDamaged
    from shelter_app.services.accounts.at_start import Checked
    from shelter_app.services.accounts.passwords import Proof
    from shelter_app.services.accounts.auth import Actor
    from shelter_app.ui.main_window import MainWindow

# How long a worker thread may keep running Python before it hands the interpreter to the GUI
# thread that asked for it. The GUI thread takes the interpreter lock back after each call
# into Qt; at Python's default 5 ms, a block that paints a table or builds a page beside a
# worker reading rows waits up to that long each time (a quiet 2-core machine's latency walk:
# worst block 46.3 / 46.2 ms at 5 ms, 32.4 / 41.0 at 0.5 ms).
SWITCH_INTERVAL_S = 0.0005


def create_application(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("shelter_app")
    app.setApplicationDisplayName("Barınak")
    app.setOrganizationName("Barinak")
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    install_style(app)
    collect_on_gui_thread(app)
    guard_none(app)
    mnemonics.install(app)
    i18n.install(QCoreApplication.translate)
    return app


def offer_restore(parent: QWidget, error: "DatabaseDamaged", key: bytes | None = None) -> bool:
    """Ask to replace a damaged database with the newest automatic backup; the damaged file is
    kept aside. True when it was restored and can be opened again."""
    from shelter_app.services.backup import default_folder, latest_backup, recover_damaged

    latest = latest_backup(default_folder(error.path))
    if latest is None:
        return False
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("app", "The database is damaged"),
        QCoreApplication.translate(
            "app", "{message}\n\nRestore the latest backup ({backup})? The damaged file is "
                   "kept aside, not deleted.").format(message=error.message, backup=latest.name),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        kept = recover_damaged(error.path, key)
    except UserError as failure:
        QMessageBox.critical(parent, QCoreApplication.translate("app", "Restore failed"),
                             failure.message)
        return False
    QMessageBox.information(
        parent, QCoreApplication.translate("app", "Backup restored"),
        QCoreApplication.translate("app", "The damaged file was kept as {path}.").format(
            path=kept))
    return True


def load_database_layer() -> None:
    """Import what opening an encrypted laptop's database and signing in use, so their first
    call does not (unlocking itself needs none of it: services.unlocking)."""
    import shelter_app.data.migrate
    import shelter_app.services.accounts.auth
    import shelter_app.services.encryption  # noqa: F401


def unlock(target: str, parent: QWidget
           ) -> "tuple[bytes | None, tuple[str, str] | None, Proof | None] | None":
    """The key of an encrypted database (asked with the sign-in at start), the name and
    password that unlocked it and the password hash the unlocking recomputed (see
    passwords.matches); a database from before encryption encrypted first; a fresh key for a
    database still to be created; no key for a server. None when the user gives up."""
    from shelter_app.data import database_file  # light: the database layer is not loaded yet

    if database_file.needs_conversion(target):  # a database from before encryption
        from shelter_app.ui.auth.encryption import ConversionDialog

        conversion = ConversionDialog(target, parent)
        if conversion.exec() and conversion.key is not None:
            return conversion.key, None, None
        QMessageBox.warning(parent, QCoreApplication.translate("app", "Not encrypted"),
                            QCoreApplication.translate(
                                "app", "{reason}\n\nThe data stays as it was, not encrypted; "
                                       "encrypting is tried again at the next start.").format(
                                reason=conversion.failure or ""))
        return None, None, None
    if not database_file.is_locked(target):
        return database_file.key_for_new(target), None, None
    from shelter_app.ui.auth.encryption import UnlockDialog
    from shelter_app.ui.worker import run_in_background

    # the database layer (SQLAlchemy, the models: about a second of CPU) loads while the
    # password is typed, not on the GUI thread before the dialog shows or after OK; an import
    # that fails here fails again, reported, where OK first uses it
    run_in_background(load_database_layer, lambda _: None, lambda _: None)
    dialog = UnlockDialog(target, parent)
    if not dialog.exec():
        return None
    return dialog.key, dialog.credentials, dialog.proof


def show_recovery_key(db: "Database", actor: "Actor", parent: QWidget) -> None:
    """The first administrator to sign in to an encrypted database without a recovery key
    (a new programme, a new laptop) is shown one, once. The encryption service is imported only
    for an administrator, the dialog's module only when the key is shown: everyone else's
    first rows do not wait for them."""
    from shelter_app.domain.permissions import Action

    if not actor.can(Action.MANAGE_USERS):
        return
    from shelter_app.services import encryption

    if encryption.needs_recovery_key(db):
        from shelter_app.ui.auth.encryption import RecoveryKeyDialog

        RecoveryKeyDialog(encryption.new_recovery_key(db, actor), parent).exec()


def follow_user(window: "MainWindow", db: "Database", actor: "Actor") -> None:
    """At start and after each switch of user: the user's language, automatic backups made as
    them (the previous user's timer stops; the first check waits for the first rows), and
    background sync while someone is signed in."""
    from shelter_app.ui.backup.automatic import AutoBackup
    from shelter_app.ui.language import adopt_user_language
    from shelter_app.ui.sync.background import BackgroundSync

    adopt_user_language(db, actor, window)
    previous = getattr(window, "auto_backup", None)
    if previous is not None:
        previous.timer.stop()
        previous.deleteLater()
    window.auto_backup = AutoBackup(db, actor, window.statusBar(), window)
    window.after_first_rows(window.auto_backup.run_if_due)
    previous_sync = getattr(window, "background_sync", None)
    if previous_sync is not None:
        previous_sync.stop()
        previous_sync.deleteLater()
    if window.sync_runner is not None:
        window.background_sync = BackgroundSync(window.sync_runner, window)


def check_when_shown(window: "MainWindow", db: "Database") -> None:
    """SQLite's scan of a plain file that `open_database(check=False)` skipped, in a worker once
    the first rows show (it takes the file's size in time: not before what the user came for);
    a damaged file is said in a message, and nothing more is written to it."""
    from shelter_app.data.migrate import damage
    from shelter_app.ui.worker import run_in_background, to_crash_handler

    def warn(message: str | None) -> None:
        if message is not None and isValid(window):
            QMessageBox.critical(window, QCoreApplication.translate(
                "app", "The database is damaged"), message)

    window.after_first_rows(lambda: run_in_background(lambda: damage(db), warn,
                                                      to_crash_handler))



def run_gui(target: str) -> int:
    """Show the main window at once, open `target` in the background, then fill the window.

    A database that cannot be opened is explained in a message box and the app exits with 2.
    """
    app = create_application()
    release_collector = hold_while_starting()
    handler = CrashHandler(str(paths().logs / "shelter_app.log"))
    handler.install()
    from shelter_app.domain import collation

    if not collation.ICU:  # said in the log (.ci/frozen looks): lists still sort, less well
        logging.getLogger(__name__).warning(
            "PyICU is missing (pyicu-wheels): names sort by the built-in Turkish alphabet, "
            "Arabic names by code point")
    from shelter_app.ui.language import install_language, machine_language

    install_language(app, machine_language())
    from shelter_app.ui.main_window import MainWindow
    from shelter_app.ui.worker import run_in_background

    window = MainWindow()
    window.show()
    opened: list[Database] = []
    unlocked = unlock(target, window)
    if unlocked is None:
        release_collector()
        return 0
    key, credentials, proof = unlocked
    checked: list[Checked | None] = []  # the sign-in checked at start, once answered

    def check_at_start() -> bool:
        """With the name and password given at start (an encrypted file's unlocking), the
        password is checked and the list's first rows read with the driver alone, before the
        database layer loads (at_start.py): shown once the password proved right, then the
        layer loads and the sign-in service signs in with the check's answer. Not beside the
        check: argon2's four lanes keep both cores of a laptop busy, and the imports held the
        interpreter from the first rows' page (measured: the rows 100 ms of CPU later)."""
        from shelter_app.data.database_file import path_of
        from shelter_app.services.accounts import at_start
        from shelter_app.ui.after_paint import after_paint
        from shelter_app.ui.paged_model import PagedTableModel
        from shelter_app.ui.preload import SIGN_IN, preload

        path = path_of(target)
        if credentials is None or path is None:
            return False

        def arrived(answer: "Checked | None") -> None:
            if answer is not None and answer.right and isValid(window):
                try:
                    window.show_first_rows(answer.rows)
                except Exception as error:  # noqa: BLE001 - the ordinary way, said in the log
                    unforeseen(error)
                    return
            checked.append(answer)
            after_paint(window, load)

        def unforeseen(error: BaseException) -> None:
            """What the check did not foresee on an odd database (a value of another type):
            logged, and the ordinary sign-in answers, which reports what is really wrong; no
            crash dialog before it for the check's own error."""
            logging.getLogger(__name__).warning(
                "The sign-in check at start failed; signing in the ordinary way",
                exc_info=error)
            arrived(None)

        def load() -> None:
            preload(SIGN_IN)
            run_in_background(open_database, attach, refuse)

        window.preload_when_painted = False

        run_in_background(lambda: at_start.check(path, key, *credentials,
                                                 PagedTableModel.PAGE, proof),
                          arrived, unforeseen)
        return True

    def open_database() -> "Database":
        from shelter_app.data.migrate import open_database

        db = open_database(target, key=key, check=False)  # checked once the rows show
        if key is not None:  # a plain file has no files to seal: the service is not imported
            from shelter_app.services.encryption import seal_files

            seal_files(db)  # files still plain from before encryption (a no-op once done)
        return db

    def attach(db: "Database") -> None:
        from shelter_app.services.accounts.auth import has_users, idle_lock_minutes
        from shelter_app.ui.auth.dialogs import identify
        from shelter_app.ui.auth.idle import IdleWatcher

        opened.append(db)
        if not has_users(db):  # a laptop joins its programme's server, or a programme starts
            from shelter_app.ui.sync.enrol import choose_start

            if not choose_start(db, window):
                app.exit(0)
                return
        answer = checked[0] if checked else None
        actor = identify(db, window, credentials=credentials, checked=None if answer is None
                         else (answer.password_hash, answer.right))
        if actor is None:
            app.exit(0)
            return
        show_recovery_key(db, actor, window)
        window.signed_in.connect(lambda who: follow_user(window, db, who))
        window.attach(db, actor)
        window.after_first_rows(release_collector)
        check_when_shown(window, db)
        watcher = IdleWatcher(idle_lock_minutes(db), window)
        watcher.idle.connect(lambda: window.lock() and watcher.resume())

    def refuse(error: BaseException) -> None:
        if not isinstance(error, UserError):
            handler.handle(type(error), error, error.__traceback__)
            app.exit(1)
            return
        from shelter_app.data.migrate import DatabaseDamaged

        if isinstance(error, DatabaseDamaged) and offer_restore(window, error, key):
            run_in_background(open_database, attach, refuse)
            return
        QMessageBox.critical(window, app.translate("app", "Cannot open the database"),
                             error.message)
        app.exit(2)

    if not check_at_start():
        run_in_background(open_database, attach, refuse)
    try:
        return app.exec()
    finally:
        release_collector()
        QThreadPool.globalInstance().waitForDone()  # a backup in flight finishes first
        for db in opened:
            db.dispose()
