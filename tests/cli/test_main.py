"""The command line, run in-process through cli.main (a subprocess only where it must be)."""

import csv
import hashlib
import io
import os
import subprocess
import sys
from pathlib import Path

import factories
import pytest
from cli_runner import run

from shelter_app import __version__
from shelter_app.cli.main import main
from shelter_app.config import paths
from shelter_app.data.engine import Database, target_url
from shelter_app.domain.stages import Stage

PROVINCES = {"Adana", "Gaziantep", "Ankara", "Kilis", "Mersin", "Şanlıurfa"}
TURKISH = set("şŞğĞıİöÖüÜçÇ")


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def demo30(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "cli.db"
    code, out, err = run(capsys, "demo", "--size", "30", "--db", str(path))
    assert (code, err) == (0, "")
    assert "Created 30 dwellings" in out and str(path) in out
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.strip() == f"shelter-app {__version__}"


def test_python_dash_m_version() -> None:
    result = subprocess.run([sys.executable, "-m", "shelter_app", "--version"],
                            capture_output=True, text=True, timeout=60, env=os.environ.copy())
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"shelter-app {__version__}"


def test_list_csv_after_demo(demo30: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "dwellings", "--format", "csv", "--db", str(demo30))
    assert (code, err) == (0, "")
    rows = csv_rows(out)
    assert rows[0] == ["ref", "stage", "province", "district", "household", "landlord"]
    body = rows[1:]
    assert len(body) == 30
    assert all(len(row) == 6 for row in body)
    assert len({row[0] for row in body}) == 30
    assert {row[1] for row in body} <= {stage.value for stage in Stage}
    assert {row[2] for row in body} == PROVINCES  # "Şanlıurfa" intact
    assert any(TURKISH & set(row[3] + row[4] + row[5]) for row in body)
    assert all(row[4] and row[5] for row in body)
    assert [row[0] for row in body] == sorted(row[0] for row in body)


def test_list_table_format(demo30: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "dwellings", "--db", str(demo30))
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["ref", "stage", "province", "district", "household", "landlord"]
    assert len(lines) == 31
    assert all(line.split()[0].count("-D-") == 1 for line in lines[1:])


def test_list_filter_with_folded_turkish(demo30: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "dwellings", "--filter", "sanliurfa", "--format", "csv",
                       "--db", str(demo30))
    assert code == 0
    body = csv_rows(out)[1:]
    assert len(body) == 5  # 30 dwellings over six offices
    assert {row[2] for row in body} == {"Şanlıurfa"}
    assert all(row[0].startswith("SUR-D-") for row in body)


def test_list_filter_without_match(demo30: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "dwellings", "--filter", "zzzz nothing", "--format",
                       "csv", "--db", str(demo30))
    assert code == 0
    assert csv_rows(out) == [["ref", "stage", "province", "district", "household", "landlord"]]


def test_check_a_sound_database(demo30: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", "--db", str(demo30))
    assert (code, err) == (0, "")
    # the demo's older labour days against the works window are listed, not a failure
    assert out.strip().splitlines()[-1] == f"{demo30}: no problems found."
    assert all(line.startswith("  ") for line in out.strip().splitlines()[1:-1])


def test_check_reports_each_problem_and_exits_1(
    demo30: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = Database(target_url(str(demo30)))
    try:
        with db.engine.begin() as conn:
            dwelling = conn.exec_driver_sql("SELECT id FROM dwellings LIMIT 1").scalar()
            for n in range(2):
                conn.exec_driver_sql(
                    "INSERT INTO photos (id, dwelling_id, sha256, size_bytes, width, height, tag,"
                    " created_at, updated_at, version) VALUES (?, ?, ?, 1, 1, 1, 'before',"
                    " '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)",
                    (f"{n:032x}", dwelling, f"{n}" * 64))
    finally:
        db.dispose()
    code, out, err = run(capsys, "check", "--db", str(demo30))
    assert code == 1
    lines = [line for line in out.strip().splitlines() if not line.startswith("  ")]
    assert len(lines) == 3  # the two missing files, then the heading of the rule breaches
    assert all("is missing" in line for line in lines[:2])
    assert "no problems" not in out


@pytest.fixture
def damaged(demo30: Path, tmp_path: Path) -> Path:
    """A copy of a real database with 8 KiB in the middle overwritten."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(demo30)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(demo30.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\xff" * 8192
    path = tmp_path / "damaged.db"
    path.write_bytes(bytes(data))
    return path


def test_check_a_damaged_database(damaged: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sha256(damaged)
    code, out, err = run(capsys, "check", "--db", str(damaged))
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(f"shelter-app: The database {damaged} is damaged")
    assert "restore the latest backup" in err
    assert sha256(damaged) == before


@pytest.fixture
def damaged_index(demo30: Path, tmp_path: Path) -> Path:
    """A copy whose damage SQLite's quick_check reports page by page (it stops at the first
    error for a damaged table page, but lists every bad index page)."""
    path = tmp_path / "damaged-index.db"
    factories.damage_an_index(demo30, path)
    return path


def test_check_a_database_with_a_damaged_index(
    damaged_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(damaged_index)
    code, out, err = run(capsys, "check", "--db", str(damaged_index))
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert err.startswith(f"shelter-app: The database {damaged_index} is damaged")
    assert sha256(damaged_index) == before


def test_check_a_database_with_a_damaged_index_prints_one_line(
    damaged_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", "--db", str(damaged_index))
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err


def test_demo_twice_is_a_one_line_user_error(
    demo30: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sha256(demo30)
    code, out, err = run(capsys, "demo", "--size", "5", "--db", str(demo30))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("shelter-app: ") and "already holds 30 dwellings" in lines[0]
    assert "Traceback" not in err
    assert sha256(demo30) == before


def test_demo_if_empty_on_a_filled_database_does_nothing(
    demo30: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "demo", "--if-empty", "--size", "5", "--db", str(demo30))
    assert (code, out, err) == (0, "", "")
    _, listing, _ = run(capsys, "list", "dwellings", "--format", "csv", "--db", str(demo30))
    assert len(csv_rows(listing)) == 31


def test_demo_size_zero_is_a_user_error(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--size", "0", "--db", str(tmp_path / "x.db"))
    assert code == 2
    assert err.strip() == "shelter-app: --size must be at least 1."


@pytest.mark.parametrize("before_verb", [True, False], ids=["db-before-verb", "db-after-verb"])
def test_db_option_before_or_after_the_verb(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            before_verb: bool) -> None:
    path = tmp_path / "where.db"
    argv = (["--db", str(path), "demo", "--size", "6"] if before_verb
            else ["demo", "--size", "6", "--db", str(path)])
    code, _, _ = run(capsys, *argv)
    assert code == 0
    assert path.is_file()
    assert not paths().default_db.exists()
    code, out, _ = run(capsys, "list", "dwellings", "--format", "csv", "--db", str(path))
    assert code == 0 and len(csv_rows(out)) == 7


def test_shelter_app_db_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from_env = tmp_path / "from-env.db"
    monkeypatch.setenv("SHELTER_APP_DB", str(from_env))
    code, out, _ = run(capsys, "demo", "--size", "6")
    assert code == 0 and str(from_env) in out
    assert from_env.is_file()
    assert not paths().default_db.exists()

    given = tmp_path / "given.db"  # --db wins over the environment
    code, out, _ = run(capsys, "demo", "--size", "6", "--db", str(given))
    assert code == 0 and str(given) in out


def test_default_database_is_in_the_data_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--size", "6")
    assert code == 0
    assert paths().default_db.is_file()
    assert str(paths().default_db) in out


def test_migrate_reports_the_schema(demo30: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from shelter_app.data.migrate import HEAD_REVISION

    code, out, _ = run(capsys, "migrate", "--db", str(demo30))
    assert code == 0
    assert out.strip() == f"{demo30} is at schema {HEAD_REVISION}."


def test_a_folder_as_database_is_a_user_error(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--db", str(tmp_path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "is a folder" in err


def test_cli_logs_to_the_user_log_folder(demo30: Path) -> None:
    log = paths().logs / "shelter_app.log"
    assert log.is_file()
    assert "created schema" in log.read_text(encoding="utf-8")


def test_main_twice_in_one_process_leaks_no_log_file(
    demo30: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert main(["check", "--db", str(demo30)]) == 0
        assert main(["check", "--db", str(demo30)]) == 0
        gc.collect()
    capsys.readouterr()
    leaks = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaks == []


@pytest.mark.parametrize("argv", [["--db", "gui.db"], ["--db=gui.db"]])
def test_the_gui_starts_without_the_verbs_modules(argv: list[str], tmp_path: Path) -> None:
    """Start-up time: no verb, so no verb group (printing pulls in the documents) is imported
    and no parser is built; run_gui gets the --db target."""
    script = (
        "import sys\n"
        "from shelter_app.ui import app\n"
        "app.run_gui = lambda target: print(target) or 0\n"
        "from shelter_app.cli.main import main\n"
        f"code = main({argv!r})\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('shelter_app.cli.')))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=tmp_path, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    target, imported = result.stdout.splitlines()
    assert target.endswith("gui.db")
    assert imported == "0 ['shelter_app.cli.main', 'shelter_app.cli.verbs']"
