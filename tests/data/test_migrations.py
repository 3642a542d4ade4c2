"""Opening a database safely: the schema the migrations build, and every file we must refuse.

"Refused" always means two things here: a DatabaseOpenError whose message says why, and the
file's bytes exactly as they were (the user's data is never touched by a failed open).
"""

import hashlib
import os
import re
import sqlite3
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

from shelter_app.data import migrate
from shelter_app.data.engine import Database, target_url
from shelter_app.data.migrate import DatabaseOpenError, open_database
from shelter_app.data.models import Base, KnownVersion


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_diff(db: Database) -> list[object]:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": True}
        )
        return list(compare_metadata(context, Base.metadata))


def set_revision(path: Path, revision: str) -> None:
    """Rewrite alembic_version of a database at rest (WAL checkpointed, no -wal left)."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def table_counts(path: Path) -> dict[str, int]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name in names}


@pytest.fixture
def demo_file(tmp_path: Path) -> Iterator[Path]:
    """A real database with some demo data, WAL checkpointed and closed: all bytes in one file."""
    from shelter_app.demo.programme import create_demo

    path = tmp_path / "real.db"
    db = open_database(str(path))
    create_demo(db, 60)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    assert not Path(f"{path}-wal").exists()
    yield path


# --- the schema ------------------------------------------------------------------------------


def test_migrations_on_an_empty_file_build_exactly_the_models(tmp_path: Path) -> None:
    db = Database(target_url(str(tmp_path / "migrated.db")))
    try:
        with db.engine.begin() as conn:
            command.upgrade(migrate._alembic_config(conn), "head")
        assert schema_diff(db) == []
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
    finally:
        db.dispose()


def test_new_database_schema_from_create_all_matches_the_models(db: Database) -> None:
    """open_database builds a new file with create_all + stamp, not with the migrations; both
    paths must give the same schema, or new and upgraded laptops would differ."""
    assert schema_diff(db) == []


def test_head_revision_constant_is_alembics_head() -> None:
    assert migrate.HEAD_REVISION == migrate.alembic_head()
    assert migrate.HEAD_REVISION in migrate.known_revisions()


# --- opening a good database -----------------------------------------------------------------


def test_open_database_creates_the_schema_and_stamps_head(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"  # the folder is created too
    db = open_database(str(path))
    try:
        assert path.is_file()
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        db.dispose()


def test_opening_twice_is_idempotent(tmp_path: Path) -> None:
    import factories

    path = tmp_path / "twice.db"
    first = open_database(str(path))
    factories.office(first, "ADA", province="Adana")
    with first.engine.connect() as conn:
        tables = sorted(inspect(conn).get_table_names())
    first.dispose()

    second = open_database(str(path))
    try:
        assert migrate.current_revision(second) == migrate.HEAD_REVISION
        with second.engine.connect() as conn:
            assert sorted(inspect(conn).get_table_names()) == tables
            assert conn.exec_driver_sql("SELECT code FROM offices").scalars().all() == ["ADA"]
            assert conn.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar() == 1
    finally:
        second.dispose()
    assert not list(tmp_path.glob("*before-upgrade*")), "no backup for a current database"


def test_an_empty_zero_byte_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    db = open_database(str(path))
    try:
        assert migrate.current_revision(db) == migrate.HEAD_REVISION
    finally:
        db.dispose()


# --- refusing what is not ours ---------------------------------------------------------------


def test_a_database_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    set_revision(db_path, "9999_future")
    before = sha256(db_path)
    with pytest.raises(DatabaseOpenError, match="newer version") as raised:
        open_database(str(db_path))
    assert "9999_future" in str(raised.value)
    assert sha256(db_path) == before


@pytest.mark.parametrize(
    "content",
    [
        b"ref,stage\nGAZ-D-000001,registered\n",
        bytes(range(256)) * 40,
        b"SQLite format 2\x00" + b"\x00" * 1000,
    ],
    ids=["text", "random-bytes", "almost-sqlite-header"],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(DatabaseOpenError, match="not a Barınak database"):
        open_database(str(path))
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_damaged_database_is_refused_untouched(demo_file: Path) -> None:
    data = bytearray(demo_file.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\xff" * 8192
    demo_file.write_bytes(bytes(data))
    before = sha256(demo_file)
    with pytest.raises(DatabaseOpenError, match="damaged") as raised:
        open_database(str(demo_file))
    assert "restore the latest backup" in str(raised.value)
    assert sha256(demo_file) == before


def test_a_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode = WAL")  # so that opening cannot change the header
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.execute("INSERT INTO contacts VALUES ('Ayşe', '+905551112233')")
        conn.commit()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = sha256(path)
    with pytest.raises(DatabaseOpenError, match="not a Barınak database"):
        open_database(str(path))
    assert sha256(path) == before
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("contacts",)]


def test_a_rollback_journal_sqlite_file_of_another_program_keeps_its_bytes(
    tmp_path: Path,
) -> None:
    """Opening must not switch a foreign file to WAL (that rewrites header bytes 18-19)."""
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn:  # default journal_mode=DELETE
        conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        conn.commit()
    before = path.read_bytes()
    with pytest.raises(DatabaseOpenError, match="not a Barınak database"):
        open_database(str(path))
    after = path.read_bytes()
    changed = [i for i, (a, b) in enumerate(zip(before, after, strict=True)) if a != b]
    assert changed == []


def test_a_rollback_journal_database_from_a_newer_version_keeps_its_bytes(
    db_path: Path,
) -> None:
    """A newer app may have left its file in rollback-journal mode; it must stay so."""
    set_revision(db_path, "9999_future")
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    before = sha256(db_path)
    with pytest.raises(DatabaseOpenError, match="newer version"):
        open_database(str(db_path))
    assert sha256(db_path) == before


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "shelter.db"
    folder.mkdir()
    with pytest.raises(DatabaseOpenError, match="is a folder"):
        open_database(str(folder))
    assert list(folder.iterdir()) == []


# --- a folder we may not write to ------------------------------------------------------------

NOBODY = 65534


def _venv_usable_by(uid: int) -> str | None:
    """None when `uid` can run this interpreter and import the app; else the reason why not."""
    import subprocess

    try:
        result = subprocess.run(
            [sys.executable, "-c", "import shelter_app.cli.main"],
            user=uid, env={"PATH": os.environ.get("PATH", "")}, cwd="/",
            capture_output=True, text=True, timeout=60,
        )
    except OSError as error:
        return f"{sys.executable} is not executable by uid {uid}: {error}"
    if result.returncode != 0:
        return f"uid {uid} cannot import shelter_app: {result.stderr.strip()[-300:]}"
    return None


def _run_cli_as(uid: int, argv: list[str], home: Path) -> tuple[int, str, str]:
    """Run cli.main(argv) as `uid`: in a subprocess when that user can read the venv, otherwise
    in a forked child that drops to `uid` (the interpreter and modules are already loaded)."""
    import subprocess

    import shelter_app
    from shelter_app.cli.main import main

    env = {"PATH": os.environ.get("PATH", ""), "SHELTER_APP_HOME": str(home),
           "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(Path(shelter_app.__file__).parents[1])}
    if _venv_usable_by(uid) is None:
        result = subprocess.run(
            [sys.executable, "-m", "shelter_app", *argv], user=uid, env=env, cwd="/",
            capture_output=True, text=True, timeout=60,
        )
        return result.returncode, result.stdout, result.stderr
    if not hasattr(os, "fork"):
        pytest.skip(f"{sys.executable} is not usable by uid {uid} and os.fork is unavailable")
    # Load every module the run needs while still root: the child may not read the venv.
    warm = Path(tempfile.mkdtemp(dir=home.parent))
    main(["--db", str(warm / "warm.db"), "migrate"])
    out, err = home / "stdout.txt", home / "stderr.txt"
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 99
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
            os.environ.update(env)
            sys.stdout = open(out, "w", encoding="utf-8")  # noqa: SIM115
            sys.stderr = open(err, "w", encoding="utf-8")  # noqa: SIM115
            code = main(argv)
        except BaseException:
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code if isinstance(code, int) else 98)
    _, status = os.waitpid(pid, 0)
    return (os.waitstatus_to_exitcode(status), out.read_text(encoding="utf-8"),
            err.read_text(encoding="utf-8"))


def test_a_folder_without_write_permission_is_refused_with_one_line(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        folder = tmp_path / "readonly"
        folder.mkdir()
        folder.chmod(0o555)
        try:
            with pytest.raises(DatabaseOpenError, match="permission denied"):
                open_database(str(folder / "shelter.db"))
            assert list(folder.iterdir()) == []
        finally:
            folder.chmod(0o755)
        return

    # Root ignores permission bits, so run as nobody in a folder tree nobody can reach.
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        base.chmod(0o755)
        readonly = base / "readonly"
        readonly.mkdir()
        readonly.chmod(0o555)
        home = base / "home"
        home.mkdir()
        home.chmod(0o777)
        code, stdout, stderr = _run_cli_as(
            NOBODY, ["--db", str(readonly / "shelter.db"), "migrate"], home
        )
        assert code == 2, (stdout, stderr)
        assert "Traceback" not in stderr
        lines = stderr.strip().splitlines()
        assert len(lines) == 1, stderr
        assert "permission denied" in lines[0]
        assert str(readonly / "shelter.db") in lines[0]
        assert list(readonly.iterdir()) == []
    finally:
        import shutil

        shutil.rmtree(base, ignore_errors=True)


# --- backups ---------------------------------------------------------------------------------


def test_backup_before_upgrade_is_a_consistent_copy(tmp_path: Path) -> None:
    """The copy is taken from a live database whose last writes are still in the WAL."""
    from shelter_app.demo.programme import create_demo

    path = tmp_path / "shelter.db"
    db = open_database(str(path))
    # Another connection stays open (like the GUI's), so closing the writer does not checkpoint.
    with closing(sqlite3.connect(path)) as other:
        other.execute("SELECT count(*) FROM offices").fetchone()
        try:
            create_demo(db, 12)
            assert Path(f"{path}-wal").stat().st_size > 0  # rows not yet in the main file
            backup = migrate.backup_before_upgrade(path)
        finally:
            db.dispose()
    expected = table_counts(path)
    assert backup.parent == path.parent
    assert re.fullmatch(r"shelter\.before-upgrade-\d{8}T\d{6}Z\.db", backup.name)
    assert migrate.quick_check(backup) is None
    assert table_counts(backup) == expected
    assert expected["dwellings"] == 12 and expected["offices"] == 6
    copy = open_database(str(backup))
    try:
        assert migrate.current_revision(copy) == migrate.HEAD_REVISION
    finally:
        copy.dispose()


def test_copy_sqlite_copies_every_row(demo_file: Path, tmp_path: Path) -> None:
    dest = tmp_path / "copy.db"
    before = sha256(demo_file)
    migrate.copy_sqlite(demo_file, dest)
    assert table_counts(dest) == table_counts(demo_file)
    assert sha256(demo_file) == before


def test_a_database_at_the_first_revision_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    """Like a laptop still on the first release: its file is copied aside, then migrated."""
    from alembic import command

    from shelter_app.data.migrate import HEAD_REVISION, _alembic_config, current_revision
    from shelter_app.data.engine import Database, target_url

    path = tmp_path / "old.db"
    old = Database(target_url(str(path)))
    with old.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
    old.dispose()
    db = open_database(str(path))
    try:
        assert current_revision(db) == HEAD_REVISION == "0022"
    finally:
        db.dispose()
    backups = list(tmp_path.glob("old.before-upgrade-*.db"))
    assert len(backups) == 1
    copy = Database(target_url(str(backups[0])))
    assert current_revision(copy) == "0001"
    copy.dispose()


def test_0018_0019_fill_the_reports_totals_as_the_app_keeps_them(demo_db: Database) -> None:
    """Migrations 0018 and 0019 fill boqs.approved_on, boq_value_totals, reach_totals and
    lease_agreements.open_visit_due on an existing database (SQLite or PostgreSQL) exactly as
    data.totals keeps them at each write."""
    from alembic import command

    from shelter_app.data import totals
    from shelter_app.data.migrate import _alembic_config

    with demo_db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0017")
    with demo_db.engine.begin() as conn:
        assert "reach_totals" not in inspect(conn).get_table_names()
        command.upgrade(_alembic_config(conn), "head")
    with demo_db.read() as session:
        assert totals.stale(session) == []
        assert session.execute(text("SELECT COUNT(*) FROM reach_totals")).scalar_one() > 0
        assert session.execute(text("SELECT COUNT(*) FROM boq_value_totals")).scalar_one() > 0
        assert session.execute(text("SELECT COUNT(open_visit_due) FROM lease_agreements")
                               ).scalar_one() > 0


def test_0020_keeps_the_known_versions_in_a_without_rowid_table(db: Database) -> None:
    """Migration 0020 remakes sync_versions WITHOUT ROWID on SQLite with its rows (on
    PostgreSQL it changes nothing); down and up again keep them too, and a new file has the
    table as the migrated one."""
    import uuid

    from alembic import command

    from shelter_app.data.migrate import _alembic_config

    rows = {("households", uuid.uuid4()): 3, ("dwellings", uuid.uuid4()): 1}
    with db.write() as session:
        session.add_all([KnownVersion(entity=entity, row_id=row_id, version=version)
                         for (entity, row_id), version in rows.items()])

    def kept() -> dict[tuple[str, uuid.UUID], int]:
        with db.read() as session:
            return {(v.entity, v.row_id): v.version for v in session.scalars(select(KnownVersion))}

    def without_rowid() -> bool:
        with db.engine.connect() as conn:
            return "WITHOUT ROWID" in conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'sync_versions'").scalar_one()

    if db.is_sqlite:
        assert without_rowid()  # as create_all makes it for a new file
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0019")
    assert kept() == rows
    if db.is_sqlite:
        assert not without_rowid()
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert kept() == rows
    if db.is_sqlite:
        assert without_rowid()
    assert schema_diff(db) == []


def test_0021_leaves_room_on_labour_entries_pages_on_postgresql(db: Database) -> None:
    """A new database and a migrated one both keep 15 % of each labour_entries page free on
    PostgreSQL (an update of a synced day stays on its page); SQLite has no fill factor."""
    from alembic import command

    from shelter_app.data.migrate import _alembic_config

    if db.is_sqlite:
        pytest.skip("SQLite has no fill factor")

    def options() -> list[str] | None:
        with db.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT reloptions FROM pg_class WHERE relname = 'labour_entries'").scalar_one()

    assert options() == ["fillfactor=85"]
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0020")
    assert options() is None
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert options() == ["fillfactor=85"]


def test_0022_reads_a_batchs_timesheets_and_days_from_indexes_alone(db: Database) -> None:
    """Migration 0022 widens the index of timesheets by batch to hold their ids and the index
    of labour days by timesheet to hold what a batch's sum reads: on SQLite that sum reads no
    timesheet and no labour day row. Down and up again, and a new file, have the same indexes."""
    import uuid

    from alembic import command
    from sqlalchemy import func

    from shelter_app.data.migrate import _alembic_config
    from shelter_app.data.models import LabourEntry, Timesheet

    def indexes() -> dict[str, list[str]]:
        with db.engine.connect() as conn:
            found = inspect(conn)
            return {index["name"]: index["column_names"]
                    for table in ("timesheets", "labour_entries")
                    for index in found.get_indexes(table)
                    if {"payment_batch_id", "timesheet_id"} & set(index["column_names"])}

    new = {"ix_timesheets_payment_batch_ids": ["payment_batch_id", "id"],
           "ix_labour_entries_timesheet_days": ["timesheet_id", "deleted_at", "worker_id",
                                                "portion", "work_date"]}
    assert indexes() == new
    with db.engine.begin() as conn:
        command.downgrade(_alembic_config(conn), "0021")
    assert indexes() == {"ix_timesheets_payment_batch_id": ["payment_batch_id"],
                         "ix_labour_entries_timesheet_id": ["timesheet_id"]}
    with db.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    assert indexes() == new
    assert schema_diff(db) == []
    if not db.is_sqlite:
        return
    days = (select(LabourEntry.worker_id, func.sum(LabourEntry.portion))
            .join(Timesheet, Timesheet.id == LabourEntry.timesheet_id)
            .where(Timesheet.payment_batch_id == uuid.uuid4(),
                   LabourEntry.deleted_at.is_(None), LabourEntry.work_date >= "2026-10-01")
            .group_by(LabourEntry.worker_id))
    with db.engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {days.compile(conn, compile_kwargs={'literal_binds': True})}")]
    assert [step for step in plan if "timesheets" in step or "labour_entries" in step] == [
        "SEARCH timesheets USING COVERING INDEX ix_timesheets_payment_batch_ids "
        "(payment_batch_id=?)",
        "SEARCH labour_entries USING COVERING INDEX ix_labour_entries_timesheet_days "
        "(timesheet_id=? AND deleted_at=?)"]
