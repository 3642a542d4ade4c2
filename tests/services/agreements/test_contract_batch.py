"""A batch of contracts spread over worker processes: the same files as printed in-process,
progress per file, a failure named, a cancel that stops the workers and leaves whole files."""

import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import event, select

from shelter_app.data.models import LeaseAgreement
from shelter_app.domain.stages import Role
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.agreements import output
from shelter_app.services.agreements.lookup import agreement_numbers
from shelter_app.services.processes import in_processes

ACTOR = replace(SYSTEM, role=Role.ENGINEER)


@pytest.fixture
def two_workers(monkeypatch):
    """Processes from the second contract on, two of them whatever the machine's cores."""
    monkeypatch.setattr(output, "PER_WORKER", 1)
    monkeypatch.setattr(output, "cores", lambda: 2)


def text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(path.read_bytes())).pages)


def test_workers_write_every_contract_as_this_process_does(demo_db, tmp_path, two_workers):
    numbers = agreement_numbers(demo_db, ACTOR)[:5]
    reports = []
    result = output.print_contracts(demo_db, ACTOR, tmp_path / "batch", numbers=numbers,
                                    languages="tr+ar",
                                    progress=lambda *report: reports.append(report))
    assert sorted(path.stem for path in result.written) == sorted(numbers)
    assert (result.failed, result.cancelled) == ([], False)
    assert sorted(path.name for path in (tmp_path / "batch").iterdir()) == sorted(
        f"{number}.pdf" for number in numbers)  # no temporary file left
    assert [done for done, _, _ in reports] == [1, 2, 3, 4, 5]
    assert {total for _, total, _ in reports} == {5}
    assert sorted(number for _, _, number in reports) == sorted(numbers)
    output.print_contract(demo_db, ACTOR, numbers[0], tmp_path / "alone.pdf", "tr+ar")
    assert text(tmp_path / "batch" / f"{numbers[0]}.pdf") == text(tmp_path / "alone.pdf")
    assert multiprocessing.active_children() == []  # the workers have ended


def test_each_contract_that_fails_is_named_and_the_others_are_printed(demo_db, tmp_path,
                                                                     two_workers):
    numbers = agreement_numbers(demo_db, ACTOR)[:4]
    folder = tmp_path / "batch"
    (folder / f"{numbers[1]}.pdf").mkdir(parents=True)  # the worker cannot write over it
    result = output.print_contracts(demo_db, ACTOR, folder,
                                    numbers=[*numbers, "GAZ-2026-9999"])
    failed = dict(result.failed)
    assert sorted(failed) == sorted(["GAZ-2026-9999", numbers[1]])
    assert failed[numbers[1]].startswith(f"Cannot write {folder / numbers[1]}.pdf: ")
    assert "GAZ-2026-9999" in failed["GAZ-2026-9999"]
    assert sorted(path.stem for path in result.written) == sorted({*numbers} - {numbers[1]})


def test_a_batch_reads_its_agreements_in_a_few_queries_whatever_their_count(
        demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "cores", lambda: 1)  # in this process
    monkeypatch.setattr(output, "write_contract", lambda *args: None)  # reading only
    numbers = agreement_numbers(demo_db, ACTOR)
    counted = []

    def queries(count: int) -> int:
        statements = []
        event.listen(demo_db.engine, "before_cursor_execute", count_one := (
            lambda *args: statements.append(args[2])))
        try:
            result = output.print_contracts(demo_db, ACTOR, tmp_path / str(count),
                                            numbers=numbers[:count], languages="tr+ar")
        finally:
            event.remove(demo_db.engine, "before_cursor_execute", count_one)
        counted.append(len(result.written))
        return len(statements)

    assert queries(2) <= queries(20) <= 10  # a query per kind of row, not per agreement
    assert counted == [2, 20]


def test_cancel_stops_the_workers_and_leaves_only_whole_files(demo_db, tmp_path, two_workers):
    numbers = agreement_numbers(demo_db, ACTOR)[:12]
    reports = []
    result = output.print_contracts(demo_db, ACTOR, tmp_path / "batch", numbers=numbers,
                                    progress=lambda *report: reports.append(report),
                                    cancelled=lambda: bool(reports))
    assert result.cancelled
    assert 1 <= len(result.written) < len(numbers)
    files = sorted((tmp_path / "batch").iterdir())
    assert files == sorted(result.written)  # each file written is reported, and whole
    assert all(path.read_bytes().rstrip().endswith(b"%%EOF") for path in files)
    assert multiprocessing.active_children() == []


def test_a_worker_is_handed_a_few_contracts_at_once(demo_db, tmp_path, two_workers,
                                                    monkeypatch):
    """Each hand-over costs this process thread wake-ups beside the workers' rendering; what
    a cancel lets end (two bundles a worker) stays under a quarter of the batch. A worker
    that dies fails each contract of its bundle by name."""
    handed = []

    def in_this_process(function, items, workers, cancelled=None, warm=None):
        assert warm == "shelter_app.services.agreements.contract_preload"
        for numbers, (jobs,) in items:
            handed.append(numbers)
            future = Future()
            if len(handed) == 2:
                future.set_exception(BrokenProcessPool("killed"))
            else:  # as if written
                future.set_result([None] * len(jobs))
            yield numbers, future

    monkeypatch.setattr(output, "in_processes", in_this_process)
    every = agreement_numbers(demo_db, ACTOR)
    reports = []
    for count, sizes in ((66, [4] * 16 + [2]), (40, [2] * 20), (12, [1] * 12)):
        handed.clear()
        reports.clear()
        result = output.print_contracts(demo_db, ACTOR, tmp_path / "batch",
                                        numbers=every[:count],
                                        progress=lambda *report: reports.append(report))
        assert [len(bundle) for bundle in handed] == sizes
        assert [number for number, _ in result.failed] == handed[1]
        assert all("stopped unexpectedly" in why for _, why in result.failed)
        assert [path.stem for path in result.written] == [
            number for bundle in handed[:1] + handed[2:] for number in bundle]
        assert [(done, number) for done, _, number in reports] == list(
            enumerate(every[:count], 1))


def test_the_workers_fork_server_starts_them_warm():
    """What each worker did before its first contract (the fonts, the tr+ar codes learnt from
    the reference contract) is done once in the fork server, which imports this module; its
    objects are frozen, so no worker's collection walks them."""
    probe = ("import gc\n"
             "from shelter_app.documents.contract import contract_codes\n"
             "from shelter_app.documents.fonts import register_fonts\n"
             "import shelter_app.services.agreements.contract_preload\n"
             "print(register_fonts.cache_info().currsize, contract_codes.cache_info().currsize,"
             " gc.get_freeze_count() > 10000)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["1", "1", "True"]


def test_a_worker_that_dies_fails_its_item_by_name():
    outcomes = dict(in_processes(os._exit, [("first", (3,))], workers=1))
    with pytest.raises(BrokenProcessPool):
        outcomes["first"].result()
    assert multiprocessing.active_children() == []


def test_an_office_engineer_s_batch_prints_their_own_and_names_another_office_s(
        demo_db, tmp_path, monkeypatch):
    monkeypatch.setattr(output, "cores", lambda: 1)  # in this process
    with demo_db.read() as session:
        offices = dict(session.execute(
            select(LeaseAgreement.number, LeaseAgreement.office_id)).all())
    own = min(offices)
    other = min(number for number, office in offices.items() if office != offices[own])
    engineer = replace(ACTOR, office_id=offices[own])
    result = output.print_contracts(demo_db, engineer, tmp_path / "batch",
                                    numbers=[own, other])
    assert [path.stem for path in result.written] == [own]
    assert [number for number, _ in result.failed] == [other]
    assert "belongs to another office" in dict(result.failed)[other]
