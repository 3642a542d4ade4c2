"""Shared fixtures: a fresh, migrated database per test, and Qt offscreen.

The schema is created once per session in a template file and copied for each test, so every
test gets its own database in milliseconds.
"""

import gc
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest
import time_machine
from PySide6.QtCore import QLocale, QThreadPool
from sqlalchemy.engine import make_url

from server_dbs import ServerDatabases, server_url
from shelter_app.config import HOME_ENV
from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import open_database


TEST_NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # 12:00 in Türkiye, a Wednesday


@pytest.fixture(autouse=True, scope="session")
def _one_clock() -> Iterator[None]:
    """The whole suite runs on 25 November 2026, whatever the machine's date: the app's one
    clock (shelter_app.domain.clock) reads this moment, and time moves on from it as the suite
    runs. A test that needs another day moves it with the `time_machine` fixture."""
    with time_machine.travel(TEST_NOW, tick=True):
        yield


@pytest.fixture(autouse=True, scope="session")
def _cycles_collected_on_the_main_thread() -> Iterator[None]:
    """As in the app (shelter_app/ui/collector.py): automatic collection is off, so a worker
    thread of one test never frees a widget or timer left in a reference cycle by another."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    from shelter_app.ui.collector import collect_due
    from shelter_app.ui.none_guard import top_up

    yield
    collect_due()
    top_up()  # as the app does (ui/none_guard.py): a test process makes as many Qt calls


@pytest.fixture(autouse=True)
def _no_mnemonics_left() -> Iterator[None]:
    """A test that ran the app's start (create_application) leaves the mnemonic giver
    (ui/mnemonics.py) installed: deleted, so later tests see button texts as built."""
    yield
    import shiboken6
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    giver = app.findChild(QObject, "mnemonicGiver") if app is not None else None
    if giver is not None:
        shiboken6.delete(giver)  # its connections and the buttons' filters go with it


@pytest.fixture(autouse=True)
def _switch_interval_kept() -> Iterator[None]:
    """A test that ran the app's start (create_application) leaves its interpreter switch
    interval (0.5 ms) set: put back, so that a later test's threads take turns as every
    other's, not by whether a test before it in the same worker started the app."""
    before = sys.getswitchinterval()
    yield
    sys.setswitchinterval(before)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's data, logs and default database out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHELTER_APP_HOME", str(home))
    monkeypatch.setenv("SHELTER_APP_LANG", "en")  # messages in the source language, as asserted
    monkeypatch.delenv("SHELTER_APP_DB", raising=False)


@pytest.fixture(autouse=True)
def _every_test_starts_in_one_language() -> Iterator[None]:
    """Whatever an earlier test installed, every test starts alike, so no test's text depends
    on the order the suite runs in: service messages in their English source (no translator),
    amounts in plain Turkish notation and columns by their database names; and, when a Qt
    application runs, the interface in English with its plural forms ("1 window"), laid out
    left to right, numbers in the session's first locale. A test that reads translated or
    plural text installs its language: `speaking` (messages), `in_language` (screens)."""
    from shelter_app.domain import i18n

    _english_interface()
    i18n.install(None)
    i18n.install_formats(None, None)
    i18n.install_names(None, None)
    yield
    i18n.install(None)  # cli.main() installs the console's
    i18n.install_formats(None, None)  # a session fixture set up in the next test's setup (a
    i18n.install_names(None, None)  # sync hub's server threads) must not run the UI's hooks


_FIRST_LOCALE = QLocale()


def _english_interface() -> None:
    """The running application's translators set to English, unless they are (cheap: a test
    without Qt loads nothing, and most tests find English already)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    from shelter_app.ui.language import install_language, interface_language

    if interface_language() != "en" or app.layoutDirection() != Qt.LayoutDirection.LeftToRight:
        install_language(app, "en")
    if QLocale() != _FIRST_LOCALE:
        QLocale.setDefault(_FIRST_LOCALE)


@pytest.fixture
def speaking(monkeypatch: pytest.MonkeyPatch) -> Iterator:
    """`speaking("ar")`: service and command-line messages in that language from now on, with
    its plural forms (as the console shows them: no bidi isolates), until the test ends."""
    from shelter_app.ui.language import LANGUAGE_ENV, install_console_language

    def speak(code: str) -> None:
        monkeypatch.setenv(LANGUAGE_ENV, code)
        assert install_console_language() == code
    yield speak


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    """cli.main() adds a file handler to the root logger; close and drop it after each test."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


@pytest.fixture(scope="session")
def _servers() -> Iterator[ServerDatabases | None]:
    """The PostgreSQL server named by SHELTER_APP_TEST_DB, or None: SQLite files."""
    url = server_url()
    if url is None:
        yield None
        return
    servers = ServerDatabases(url)
    yield servers
    servers.drop_all()


@pytest.fixture(autouse=True)
def _sqlite_only(request: pytest.FixtureRequest, _servers: ServerDatabases | None) -> None:
    """Tests of what only a SQLite file has (its bytes, file backups) skip on PostgreSQL."""
    marker = request.node.get_closest_marker("sqlite_only")
    if marker is not None and _servers is not None:
        pytest.skip(f"SQLite only: {marker.args[0]}")


def _let_go(database: Database, servers: ServerDatabases | None) -> None:
    """Dispose of a test's database, and drop it on a server, once the workers a window left
    have ended: a server drops its connections, and a count still reading would fail."""
    QThreadPool.globalInstance().waitForDone(10_000)
    database.dispose()
    if servers is not None:
        servers.drop(database.url)


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory,
                 _servers: ServerDatabases | None) -> str:
    """An empty database at the newest schema, migrated once per session."""
    if _servers is not None:
        url = _servers.create()
        target = url.render_as_string(hide_password=False)
    else:
        target = str(tmp_path_factory.mktemp("template") / "template.db")
    open_database(target).dispose()
    return target


@pytest.fixture
def db_path(tmp_path: Path, _template_db: str, _servers: ServerDatabases | None) -> Path:
    """An empty database as a SQLite file, for tests of the file itself."""
    if _servers is not None:
        pytest.skip("SQLite only: the test reads or damages the database file")
    path = tmp_path / "shelter.db"
    shutil.copyfile(_template_db, path)
    return path


@pytest.fixture
def db(request: pytest.FixtureRequest, _template_db: str, _servers: ServerDatabases | None
       ) -> Iterator[Database]:
    """An empty database at the newest schema: the file of `db_path`, or a database on the
    SHELTER_APP_TEST_DB server."""
    if _servers is None:
        database = Database(target_url(str(request.getfixturevalue("db_path"))))
    else:
        database = Database(_servers.create(template=make_url(_template_db)))
    yield database
    _let_go(database, _servers)


@dataclass(frozen=True)
class DemoTemplate:
    """The demo database made once per session, the folder of its files (the signed scan), and
    its staff signed in once: every copy has the same ids, and argon2 costs ~0.2 s a sign-in."""

    target: str
    files: Path
    actors: dict


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory,
                   _servers: ServerDatabases | None) -> DemoTemplate:
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.demo.programme import DEMO_PASSWORD, create_demo

    folder = tmp_path_factory.mktemp("demo")
    if _servers is not None:
        target = _servers.create().render_as_string(hide_password=False)
    else:
        target = str(folder / "demo.db")
    home = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(folder / "home")  # a server database keeps files in the home
    try:
        database = open_database(target)
        create_demo(database, 120)
        actors = {name: sign_in(database, name, DEMO_PASSWORD)[0]
                  for name in ("engineer.gaz", "supervisor.gaz", "admin")}
        if database.is_sqlite:
            with database.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        files = database.files_dir
        database.dispose()
    finally:
        if home is None:
            os.environ.pop(HOME_ENV)
        else:
            os.environ[HOME_ENV] = home
    return DemoTemplate(target, files, actors)


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: DemoTemplate,
            _servers: ServerDatabases | None) -> Iterator[Database]:
    """A database with the standard demo data (120 dwellings in six offices)."""
    if _servers is None:
        path = tmp_path / "demo.db"
        shutil.copyfile(_demo_template.target, path)
        database = Database(target_url(str(path)))
    else:
        database = Database(_servers.create(template=make_url(_demo_template.target)))
    if _demo_template.files.is_dir():  # (a server's folder is the home's: a hub may share it)
        shutil.copytree(_demo_template.files, database.files_dir, dirs_exist_ok=True)
    yield database
    _let_go(database, _servers)


@pytest.fixture
def engineer(demo_db: Database, _demo_template: DemoTemplate):
    """The Gaziantep engineer of the demo data, signed in."""
    return _demo_template.actors["engineer.gaz"]


@pytest.fixture
def supervisor(demo_db: Database, _demo_template: DemoTemplate):
    return _demo_template.actors["supervisor.gaz"]


@pytest.fixture
def admin(demo_db: Database, _demo_template: DemoTemplate):
    return _demo_template.actors["admin"]


@pytest.fixture
def in_language(qapp) -> Iterator:
    """`in_language("tr")` shows what is built next in that language; English again after.
    With the application's style, as the app has it (what it does in Arabic depends on it: it
    justifies Qt's own wrapped labels, such as a wizard page's subtitle)."""
    from PySide6.QtCore import QLocale

    from shelter_app.ui.language import install_language
    from shelter_app.ui.style import install_style

    install_style(qapp)
    locale = QLocale()
    yield lambda code: install_language(qapp, code)
    install_language(qapp, "en")
    QLocale.setDefault(locale)
