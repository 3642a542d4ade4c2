"""A large file's rows checked in worker processes: the same outcomes, in row order, as checked
here, and every message still in the user's language (the workers have none installed)."""

import subprocess
import sys

import pytest
from import_files import household_line, turkish_csv

from shelter_app.domain import i18n
from shelter_app.domain.ids import make_ykn
from shelter_app.services.imports import rowcheck
from shelter_app.services.imports.kinds import kind_named
from shelter_app.services.imports.mapping import auto_mapping
from shelter_app.services.imports.runner import Options, run_import
from shelter_app.services.imports.sources import Cancelled
from shelter_app.services.imports.opening import read_source


@pytest.fixture
def in_workers(monkeypatch):
    """Chunks of 3 rows over 2 workers; the chunks the workers were given."""
    given = []
    spread = rowcheck.in_processes

    def spy(function, items, workers, cancelled=None):
        items = list(items)
        given.extend(args[-1] for _, args in items)
        return spread(function, iter(items), workers, cancelled)

    monkeypatch.setattr(rowcheck, "CHUNK", 3)
    monkeypatch.setattr(rowcheck, "cores", lambda: 2)
    monkeypatch.setattr(rowcheck, "in_processes", spy)
    return given


def _outcomes(result):
    return [(o.number, o.status.value, o.message) for o in result.outcomes]


def test_rows_checked_in_workers_import_as_rows_checked_here(demo_db, engineer, tmp_path,
                                                              in_workers, monkeypatch):
    doubtful = make_ykn("1234567")[:-1] + str((int(make_ykn("1234567")[-1]) + 1) % 10)
    lines = [household_line(n) for n in range(40, 50)]
    lines[2] = household_line(42, id="1234")  # rejected
    lines[5] = household_line(45, id=doubtful)  # a warning to confirm
    lines[7] = household_line(40, "Aynı Kişi")  # the same person as row 2
    source = read_source(turkish_csv(tmp_path / "hane.csv", lines))
    options = Options("households", auto_mapping(kind_named("households"),
                                                 source.main.headers))
    i18n.install(lambda context, text, *rest: f"«{text}»" if context == "ids" else text)
    try:
        spread = run_import(demo_db, engineer, source, options, dry_run=True)
        assert len(in_workers) == 4 and sum(map(len, in_workers)) == 10
        monkeypatch.setattr(rowcheck, "cores", lambda: 1)
        here = run_import(demo_db, engineer, source, options, dry_run=True)
    finally:
        i18n.install(None)
    assert len(in_workers) == 4  # one core: no workers the second time
    assert _outcomes(spread) == _outcomes(here)
    messages = dict((number, message) for number, _, message in _outcomes(spread))
    assert messages[4].startswith("TC Kimlik No: «ID number must have 11 digits")
    assert messages[7].startswith("Needs confirmation: «The check digits of foreign ID")
    assert "as row 2" in messages[9]
    assert spread.counts["new"] == 7


def test_a_cancel_while_workers_check_stops_the_import(demo_db, engineer, tmp_path,
                                                        in_workers):
    source = read_source(turkish_csv(tmp_path / "hane.csv",
                                     [household_line(n) for n in range(60, 70)]))
    options = Options("households", auto_mapping(kind_named("households"),
                                                 source.main.headers))
    with pytest.raises(Cancelled):
        run_import(demo_db, engineer, source, options, cancelled=lambda: bool(in_workers))
    assert run_import(demo_db, engineer, source, options).counts["new"] == 10


def test_the_workers_module_leaves_openpyxl_unloaded() -> None:
    """Every row-check worker imports rowcheck and, through the kinds, `sources`; openpyxl
    (~0.2 s to import) is for reading a workbook, which a worker never does."""
    code = ("import sys\nimport shelter_app.services.imports.rowcheck\n"
            "print(sorted(name for name in sys.modules if name.startswith('openpyxl')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert loaded.strip() == "[]"
