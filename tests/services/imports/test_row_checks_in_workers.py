"""A large file's rows checked in worker processes: the same outcomes, in row order, as checked
here, and every message still in the user's language (the workers have none installed)."""

import subprocess
import sys
from datetime import timedelta

import pytest
from import_files import household_line, tckn, turkish_csv

from shelter_app.domain import clock, i18n
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


def test_the_import_after_its_preview_takes_the_previews_checks(demo_db, engineer, tmp_path,
                                                               in_workers):
    lines = [household_line(n) for n in range(70, 80)]
    lines[4] = household_line(74, id="1234")  # rejected: checked here, each time
    source = read_source(turkish_csv(tmp_path / "hane.csv", lines))
    options = Options("households", auto_mapping(kind_named("households"),
                                                 source.main.headers))
    preview = run_import(demo_db, engineer, source, options, dry_run=True)
    assert len(in_workers) == 4
    result = run_import(demo_db, engineer, source, options)
    assert len(in_workers) == 4  # no row given to a worker again
    assert _outcomes(result) == _outcomes(preview) and result.counts["new"] == 9
    again = run_import(demo_db, engineer, read_source(source.path), options)  # read anew
    assert len(in_workers) == 8 and again.counts["skipped"] == 9


def test_rows_are_checked_again_when_what_the_checks_read_changed(demo_db, engineer, tmp_path,
                                                                  in_workers, time_machine):
    from sqlalchemy import select

    from shelter_app.data.models import Landlord

    source = read_source(turkish_csv(tmp_path / "hane.csv",
                                     [household_line(n) for n in range(80, 90)]))
    options = Options("households", auto_mapping(kind_named("households"),
                                                 source.main.headers))
    for _ in range(2):  # the second preview takes the first one's checks
        assert run_import(demo_db, engineer, source, options, dry_run=True).counts["new"] == 10
    assert len(in_workers) == 4
    with demo_db.write() as session:  # a landlord registered with row 4's ID number since
        landlord = session.scalar(select(Landlord).where(Landlord.ref.startswith("GAZ")))
        landlord.id_number = tckn(82)
    checked = run_import(demo_db, engineer, source, options, dry_run=True)
    assert len(in_workers) == 8
    assert checked.outcomes[2].message.startswith("Needs a supervisor: This ID number is "
                                                  f"already registered as {landlord.ref}")
    time_machine.move_to(clock.now() + timedelta(days=1))  # dates are checked against today
    assert run_import(demo_db, engineer, source, options).counts["new"] == 9
    assert len(in_workers) == 12


def test_the_workers_module_leaves_openpyxl_unloaded() -> None:
    """Every row-check worker imports rowcheck and, through the kinds, `sources`; openpyxl
    (~0.2 s to import) is for reading a workbook, which a worker never does."""
    code = ("import sys\nimport shelter_app.services.imports.rowcheck\n"
            "print(sorted(name for name in sys.modules if name.startswith('openpyxl')))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout
    assert loaded.strip() == "[]"
