"""Shared fixtures: a fresh, migrated database per test, and Qt offscreen.

The schema is created once per session in a template file and copied for each test, so every
test gets its own database in milliseconds.
"""

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import open_database


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep every test's data, logs and default database out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHELTER_APP_HOME", str(home))
    monkeypatch.setenv("SHELTER_APP_LANG", "en")  # messages in the source language, as asserted
    monkeypatch.delenv("SHELTER_APP_DB", raising=False)


@pytest.fixture(autouse=True)
def _plain_message_formats() -> None:
    """Amounts in service messages in plain Turkish notation, whatever language an earlier
    test installed (install_language sets them to the interface's)."""
    from shelter_app.domain import i18n

    i18n.install_formats(None, None)


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
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    open_database(str(path)).dispose()
    return path


@pytest.fixture
def db_path(tmp_path: Path, _template_db: Path) -> Path:
    path = tmp_path / "shelter.db"
    shutil.copyfile(_template_db, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """An empty database at the newest schema."""
    database = Database(target_url(str(db_path)))
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from shelter_app.services.demo import create_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(str(path))
    create_demo(database, 120)
    with database.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, _demo_template: Path) -> Iterator[Database]:
    """A database with the standard demo data (120 dwellings in six offices)."""
    path = tmp_path / "demo.db"
    shutil.copyfile(_demo_template, path)
    files = _demo_template.with_name(_demo_template.stem + "-files")  # the signed scan
    if files.is_dir():
        shutil.copytree(files, path.with_name(path.stem + "-files"))
    database = Database(target_url(str(path)))
    yield database
    database.dispose()


def _demo_actor(db: Database, username: str):
    from shelter_app.services.auth import sign_in
    from shelter_app.services.demo import DEMO_PASSWORD

    return sign_in(db, username, DEMO_PASSWORD)[0]


@pytest.fixture
def engineer(demo_db: Database):
    """The Gaziantep engineer of the demo data, signed in."""
    return _demo_actor(demo_db, "engineer.gaz")


@pytest.fixture
def supervisor(demo_db: Database):
    return _demo_actor(demo_db, "supervisor.gaz")


@pytest.fixture
def admin(demo_db: Database):
    return _demo_actor(demo_db, "admin")


@pytest.fixture
def in_language(qapp) -> Iterator:
    """`in_language("tr")` shows what is built next in that language; English again after."""
    from PySide6.QtCore import QLocale

    from shelter_app.ui.language import install_language

    locale = QLocale()
    yield lambda code: install_language(qapp, code)
    install_language(qapp, "en")
    QLocale.setDefault(locale)
