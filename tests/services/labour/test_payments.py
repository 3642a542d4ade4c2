import csv
import itertools
import uuid
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import func, insert, select

import labour_factories as lf
from shelter_app.data.engine import Database
from shelter_app.data.models import LabourEntry, PaymentBatch, Setting, Timesheet, Worker
from shelter_app.domain import clock
from shelter_app.domain.errors import PermissionDenied, UserError
from shelter_app.domain.stages import ApprovalStatus, BatchStatus, PaymentMethod
from shelter_app.services.labour import payments
from shelter_app.services.labour import timesheets as ts
from shelter_app.services.accounts.auth import SYSTEM
from shelter_app.services.labour.days import DayChange, set_week

EARLY = "Paid before the month ends: the programme closes on 28 November."


@pytest.fixture
def p(db: Database) -> lf.Programme:
    return lf.programme(db)


def approved_week(p: lf.Programme, worker: object, monday: date, portions: list[str],
                  site: str | None = None, reason: str | None = None) -> None:
    set_week(p.db, p.engineer, site or p.site.ref,
             [DayChange(worker, monday + timedelta(days=n), portion)
              for n, portion in enumerate(portions)], override_reason=reason,
             today=date(2026, 12, 31))
    for row in ts.submit_week(p.db, p.engineer, site or p.site.ref, monday):
        ts.approve(p.db, p.supervisor, row.id)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_pay_uses_the_rate_in_force_each_day(p: lf.Programme, tmp_path: Path) -> None:
    worker = lf.worker(p)
    with p.db.write() as session:
        session.add_all([
            Setting(key="cfw.daily_rate", value="1101.01", valid_from=date(2026, 11, 4),
                    office_id=p.office.id),
            Setting(key="cfw.daily_rate", value="999.99", valid_from=date(2026, 11, 6))])
    # Mon 2 .. Fri 6 Nov: 2, 3 at 1101.00 (default); 4, 5 at 1101.01 (the office's row); the
    # 6th at 999.99: the programme's newer row wins over the office's older one
    approved_week(p, worker, date(2026, 11, 2), ["full", "half", "half", "full", "half"])
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    assert batch.total == Decimal("1651.50") + Decimal("1651.52") + Decimal("500.00")
    document = payments.export_payments(p.db, p.supervisor, [batch.id], tmp_path / "p.csv",
                                        fmt="csv")
    assert [(line.days, line.rate, line.amount) for line in document.lines] == [
        (Decimal("0.5"), Decimal("999.99"), Decimal("500.00")),
        (Decimal("1.5"), Decimal("1101.00"), Decimal("1651.50")),
        (Decimal("1.5"), Decimal("1101.01"), Decimal("1651.52"))]
    rows = read_csv(tmp_path / "p.csv")
    assert sum(Decimal(row["amount"].replace(",", ".")) for row in rows) == batch.total


def test_build_export_and_mark_paid(p: lf.Programme, tmp_path: Path) -> None:
    worker = lf.worker(p, full_name="Şükrü Öztürk İğdeli")
    approved_week(p, worker, lf.MONDAY, ["full"] * 5)
    with pytest.raises(PermissionDenied):
        payments.build_batches(p.db, p.engineer, "2026-11")
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    assert (batch.ref, batch.status, batch.total) == ("GAZ-P-202611-1", BatchStatus.DRAFT,
                                                      Decimal("5505.00"))
    with pytest.raises(UserError, match="waits for payment"):
        payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    with pytest.raises(UserError, match="only an exported batch"):
        payments.mark_paid(p.db, p.supervisor, batch.id)
    payments.export_payments(p.db, p.supervisor, [batch.id], tmp_path / "p.xlsx")
    paid = payments.mark_paid(p.db, p.supervisor, batch.id, date(2026, 11, 24))
    assert paid.status is BatchStatus.PAID and paid.paid_at.date() == date(2026, 11, 24)
    (row,) = ts.list_timesheets(p.db, p.engineer)
    assert (row.batch_ref, row.batch_status) == (batch.ref, BatchStatus.PAID)


def test_xlsx_has_numbers_turkish_letters_and_no_formulas(p: lf.Programme,
                                                          tmp_path: Path) -> None:
    names = ["=HYPERLINK(\"http://evil\",\"x\")", "+90 Şükrü", "-Ayşe", "@SUM(A1)",
             "Çağrı Öğüt", "محمد الأحمد"]
    for n, name in enumerate(names):
        site, household = (p.site, p.household_ref) if n == 0 else lf.other_site(p)
        method = PaymentMethod.PTT if n % 2 else PaymentMethod.IBAN
        worker = lf.worker(p, household, full_name=name, payment_method=method)
        approved_week(p, worker, lf.MONDAY, ["full", "half"], site=site.ref)
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    path = tmp_path / "payments.xlsx"
    document = payments.export_payments(p.db, p.supervisor, [batch.id], path)
    book = load_workbook(path)
    assert book.sheetnames == ["Özet - Summary", "Banka (IBAN)", "PTT"]
    seen = {}
    for title in ("Banka (IBAN)", "PTT"):
        sheet = book[title]
        for row in sheet.iter_rows(min_row=2, max_row=sheet.max_row - 1):
            seen[row[2].value] = row
            assert row[2].data_type == "s"
            assert row[-1].data_type == "n" and row[-1].number_format == "#,##0.00"
        total = sheet.cell(row=sheet.max_row, column=sheet.max_column)
        last, column = sheet.max_row - 1, sheet.max_column  # a SUM of the lines above
        letter = "HI"[column - 8]
        assert total.value == f"=SUM({letter}2:{letter}{last})"
        assert total.number_format == "#,##0.00"
        assert sum(Decimal(str(sheet.cell(row=row, column=column).value))
                   for row in range(2, last + 1)) == document.total_for(
            "iban" if title.startswith("Banka") else "ptt")
        setup = sheet.page_setup  # A4 landscape, one page wide, the header on every page
        assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 9, 1)  # 9: A4
        assert sheet.print_title_rows == "$1:$1"
    assert set(seen) == set(names)
    assert seen[names[0]][5].value.startswith("TR")  # the IBAN column, grouped
    amounts = sum(Decimal(str(row[-1].value)) for row in seen.values())
    assert amounts == batch.total == Decimal("1651.50") * 6
    summary = book["Özet - Summary"]  # the sheets' totals, not numbers written once
    assert [summary[cell].value for cell in ("B6", "B7", "B8")] == [
        f"='Banka (IBAN)'!I{book['Banka (IBAN)'].max_row}", f"='PTT'!H{book['PTT'].max_row}",
        "=B6+B7"]
    setup = summary.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 9, 1)


def test_csv_keeps_text_as_text(p: lf.Programme, tmp_path: Path) -> None:
    worker = lf.worker(p, full_name="=cmd|' /C calc'!A0")
    approved_week(p, worker, lf.MONDAY, ["full"])
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    payments.export_payments(p.db, p.supervisor, [batch.id], tmp_path / "bank.csv",
                             fmt="csv", method="iban")
    payments.export_payments(p.db, p.supervisor, [batch.id], tmp_path / "ptt.csv",
                             fmt="csv", method="ptt")
    (row,) = read_csv(tmp_path / "bank.csv")
    assert row["name"] == "'=cmd|' /C calc'!A0"
    assert row["amount"] == "1101,00" and row["days"] == "1,0"  # as Turkish Excel reads
    assert row["iban"].startswith("TR")
    assert read_csv(tmp_path / "ptt.csv") == []
    assert (tmp_path / "bank.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_ids_and_ibans_only_for_roles_that_may_see_them(p: lf.Programme,
                                                        tmp_path: Path) -> None:
    from shelter_app.domain.stages import Role

    worker = lf.worker(p)
    approved_week(p, worker, lf.MONDAY, ["full"])
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    admin = lf.user(p.db, None, "admin", Role.ADMIN)
    with pytest.raises(PermissionDenied):
        payments.payment_list(p.db, admin, [batch.id])
    assert payments.payment_list(p.db, SYSTEM, [batch.id]).total == Decimal("1101.00")
    other = lf.programme(p.db, "ANK")
    with pytest.raises(PermissionDenied):
        payments.payment_list(p.db, other.supervisor, [batch.id])
    assert payments.list_batches(p.db, other.supervisor) == []


def test_a_rate_changed_after_the_batch_is_refused_at_export(p: lf.Programme,
                                                             tmp_path: Path) -> None:
    worker = lf.worker(p)
    approved_week(p, worker, lf.MONDAY, ["full"])
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    with p.db.write() as session:
        session.add(Setting(key="cfw.daily_rate", value="1200.00", valid_from=date(2026, 11, 1)))
    with pytest.raises(UserError, match="was changed afterwards"):
        payments.export_payments(p.db, p.supervisor, [batch.id], tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
    assert payments.list_batches(p.db, p.supervisor)[0].status is BatchStatus.DRAFT


def test_pending_days(p: lf.Programme) -> None:
    worker = lf.worker(p)
    approved_week(p, worker, lf.MONDAY, ["full", "half"])
    assert payments.pending_days(p.db, p.supervisor, "2026-11") == (1, Decimal("1.5"))
    payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    assert payments.pending_days(p.db, p.supervisor, "2026-11") == (0, Decimal(0))


# -- export totals equal approved days x rates, to the kuruş ---------------------------------

_months = itertools.count()


def _insert(db: Database, p: lf.Programme, workers: list[uuid.UUID], month: date,
            days: list[list[int]], rates: list[tuple[int, Decimal]]) -> None:
    """Approved days straight into the tables: this checks the sums, not the logging rules."""
    if not any(rate_day == 1 for rate_day, _ in rates):
        rates = [(1, Decimal("1101.00")), *rates]  # earlier examples' rates end here
    with db.write() as session:
        for day_of_month, rate in rates:
            session.add(Setting(key="cfw.daily_rate", value=str(rate),
                                valid_from=month.replace(day=day_of_month)))
        session.flush()
        sheet_id = uuid.uuid4()
        end = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        session.execute(insert(Timesheet), [{
            "id": sheet_id, "ref": f"T-{sheet_id.hex[:12]}", "dwelling_id": p.site.id,
            "period_start": month, "period_end": end, "status": ApprovalStatus.APPROVED,
            "created_at": clock.now(), "updated_at": clock.now()}])
        rows = [{
            "id": uuid.uuid4(), "worker_id": worker, "dwelling_id": p.site.id,
            "work_date": month.replace(day=abs(code) // 2 + 1),
            "portion": Decimal("1.0") if code >= 0 else Decimal("0.5"),
            "timesheet_id": sheet_id, "created_at": clock.now(),
            "updated_at": clock.now()}
            for worker, codes in zip(workers, days) for code in codes]
        if rows:
            session.execute(insert(LabourEntry), rows)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days=st.lists(st.lists(st.integers(-55, 55), max_size=12, unique_by=lambda c: abs(c) // 2),
                     min_size=1, max_size=4),
       rates=st.lists(st.tuples(st.integers(1, 28), st.one_of(
           st.sampled_from([Decimal("1101.01"), Decimal("866.85")]),  # repeats: one line
           st.integers(50_000, 300_000).map(lambda n: Decimal(n) / 100))),
                      max_size=3, unique_by=lambda pair: pair[0]))
def test_export_total_equals_days_times_rates(p: lf.Programme, tmp_path: Path,
                                              days: list[list[int]],
                                              rates: list[tuple[int, Decimal]]) -> None:
    month = date(2030 + next(_months), 1, 1)
    workers = [lf.worker(p, payment_method=PaymentMethod.PTT) for _ in days]
    _insert(p.db, p, workers, month, days, rates)
    if not any(days):
        return
    (batch,) = payments.build_batches(p.db, p.supervisor, f"{month:%Y-%m}", reason=EARLY)
    path = tmp_path / f"{month:%Y}.csv"
    payments.export_payments(p.db, SYSTEM, [batch.id], path, fmt="csv")
    exported = sum(Decimal(row["amount"].replace(",", ".")) for row in read_csv(path))

    def rate_on(day: int) -> Decimal:
        in_force = [rate for start, rate in sorted(rates) if start <= day]
        return in_force[-1] if in_force else Decimal("1101.00")  # day 1 is always set

    expected = Decimal(0)
    for codes in days:  # per worker: days grouped by rate, each group rounded
        by_rate: dict[Decimal, Decimal] = {}
        for code in codes:
            rate = rate_on(abs(code) // 2 + 1)
            by_rate[rate] = by_rate.get(rate, Decimal(0)) + (1 if code >= 0 else Decimal("0.5"))
        expected += sum((d * r).quantize(Decimal("0.01"), ROUND_HALF_UP)
                        for r, d in by_rate.items())
    assert exported == expected == batch.total
    with p.db.read() as session:
        assert session.scalar(select(PaymentBatch.total).where(PaymentBatch.id == batch.id)
                              ) == expected
        assert session.scalar(select(Worker.id).where(Worker.id == workers[0])) is not None


def test_a_month_not_over_is_paid_only_with_a_reason(p: lf.Programme) -> None:
    from shelter_app.data.models import AuditEvent
    from shelter_app.domain.errors import ValidationError

    approved_week(p, lf.worker(p), lf.MONDAY, ["full"])
    with pytest.raises(ValidationError) as error:  # the suite's today is 25 November
        payments.build_batches(p.db, p.supervisor, "2026-11")
    assert error.value.field == "reason" and "not over yet" in error.value.message
    assert payments.list_batches(p.db, p.supervisor) == []
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    with p.db.read() as session:
        assert EARLY in session.scalars(select(AuditEvent.reason).where(
            AuditEvent.entity_id == batch.id)).all()


def test_each_linked_timesheet_has_its_audit_event_and_outbox_op(p: lf.Programme) -> None:
    """The link is written set-wise by the database, with the same trail as a row-by-row
    update: an event per timesheet (old -> new batch, the reason), an op per timesheet for
    sync (one outbox row standing for them all) with its base version and its own clock stamp
    after the ones before, in the timesheets' id order, the version counted up."""
    from shelter_app.data import outbox
    from shelter_app.data.models import AuditEvent, KnownVersion, OutboxOp
    from shelter_app.services.sync import links

    approved_week(p, lf.worker(p), lf.MONDAY, ["full", "half"])
    site, household = lf.other_site(p)
    approved_week(p, lf.worker(p, household), lf.MONDAY, ["full"], site=site.ref)
    with p.db.read() as session:
        sheets = dict(session.execute(select(Timesheet.id, Timesheet.version).where(
            Timesheet.status == ApprovalStatus.APPROVED)).all())
        last_op = session.scalar(select(func.max(OutboxOp.seq)))
        clock_before = outbox.state(session, outbox.CLOCK)
    assert len(sheets) >= 2
    pulled = max(sheets)  # a timesheet this laptop knows at the server's version 7
    with p.db.write() as session:
        session.add(KnownVersion(entity="timesheets", row_id=pulled, version=7))
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    with p.db.read() as session:
        events = session.execute(select(AuditEvent.entity_id, AuditEvent).where(
            AuditEvent.entity == "timesheets", AuditEvent.action == "update",
            AuditEvent.entity_id.in_(sheets))).all()
        rows = session.scalars(select(OutboxOp).where(
            OutboxOp.seq > last_op, OutboxOp.entity == "timesheets")).all()
        versions = dict(session.execute(select(Timesheet.id, Timesheet.version).where(
            Timesheet.id.in_(sheets))).all())
        clock_after = outbox.state(session, outbox.CLOCK)
    linked = {sheet_id: event for sheet_id, event in events
              if "payment_batch_id" in event.changes}
    assert set(linked) == set(sheets)
    for event in linked.values():
        assert event.changes == {"payment_batch_id": [None, str(batch.id)]}
        assert event.reason == EARLY and event.user_id == p.supervisor.user_id
        assert isinstance(event.id, uuid.UUID)
    assert len({event.id for event in linked.values()}) == len(sheets)
    assert [(row.action, row.row_id, row.status) for row in rows] == [
        (outbox.LINK, batch.id, "pending")]
    ops = links.wire(rows)
    assert [op.row_id for op in ops] == sorted(sheets)
    for op in ops:
        assert op.action == "update" and op.base_version == (7 if op.row_id == pulled else 0)
        assert op.fields == {"payment_batch_id": str(batch.id)}
        assert op.user_id == p.supervisor.user_id
    stamps = [op.hlc for op in ops]
    assert stamps == sorted(set(stamps)) and stamps[0] > (clock_before or "")
    assert len({op.op_id for op in ops}) == len(ops) and ops == links.wire(rows)
    assert clock_after >= stamps[-1]  # later writes of the batch row come after
    assert all(versions[sheet] == version + 1 for sheet, version in sheets.items())


def test_the_link_events_ids_grow_in_the_order_they_are_written(p: lf.Programme) -> None:
    """The link's events get time-ordered ids growing in the order the database writes them
    (appended to the index of ids), though it reads the batch's timesheets in id order from
    their index, not in the order they were made."""
    from sqlalchemy import text

    from shelter_app.data.models import AuditEvent

    site, household = lf.other_site(p)
    workers = {p.site.ref: lf.worker(p), site.ref: lf.worker(p, household)}
    for week in range(4):
        for ref, worker in workers.items():
            approved_week(p, worker, lf.MONDAY + timedelta(weeks=week - 1), ["full"], site=ref)
    payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    order = "ctid" if p.db.engine.dialect.name == "postgresql" else "rowid"
    with p.db.read() as session:
        written = [event.id for event in session.execute(select(AuditEvent).from_statement(
            text(f"SELECT * FROM audit_events ORDER BY {order}"))).scalars()
            if "payment_batch_id" in event.changes]
    assert len(written) == 8
    assert written == sorted(written, key=str)


@pytest.mark.sqlite_only("reads SQLite's statements and page cache")
def test_a_batch_is_linked_without_a_window_function_and_not_read_back(p: lf.Programme) -> None:
    """A month's link writes 25,000 events and 25,000 ops. SQLite numbered each set with a
    window function, which stores every row before numbering it (17 ms a set): the ids are
    read once into a JSON array whose elements come numbered. The pages written fit the page
    cache (a default cache spilled them to the WAL, then read some back), and the batch is
    returned as written, not read again."""
    from sqlalchemy import event

    worker = lf.worker(p)
    for week in range(2):
        approved_week(p, worker, lf.MONDAY + timedelta(weeks=week), ["full"])
    seen: list[tuple[str, int]] = []

    def before(conn: Any, _cursor: object, statement: str, *_args: object) -> None:
        driver = conn.connection.driver_connection
        seen.append((statement, driver.execute("PRAGMA cache_size").fetchone()[0]))

    event.listen(p.db.engine, "before_cursor_execute", before)
    try:
        (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    finally:
        event.remove(p.db.engine, "before_cursor_execute", before)
    link = [(statement, cache) for statement, cache in seen
            if statement.startswith(("INSERT INTO audit_events (id", "INSERT INTO sync_outbox"))
            and "SELECT" in statement]
    assert len(link) == 2
    assert all(" OVER " not in statement and cache <= -65_536 for statement, cache in link)
    total = next(n for n, (statement, _) in enumerate(seen)
                 if statement.startswith("UPDATE payment_batches"))
    assert not any("FROM payment_batches" in statement for statement, _ in seen[total:])
    assert (batch.timesheets, batch.total) == (2, Decimal("2202.00"))
    assert payments.list_batches(p.db, p.supervisor, "2026-11") == [batch]


def test_the_payment_list_reads_the_batch_days_once(p: lf.Programme) -> None:
    """One statement sums the batch's days per worker and rate and joins each worker (a month
    of 5,000 workers is 100,000 entries): a second read of the workers of the batch's entries
    read them all again. The lines, their workers and order as before."""
    from sqlalchemy import event

    site, household = lf.other_site(p)
    second = lf.worker(p, full_name="Şükrü Öztürk")
    first = lf.worker(p, household, full_name="Ayşe Yılmaz", payment_method=PaymentMethod.PTT,
                      iban=None)
    approved_week(p, second, lf.MONDAY, ["full", "half"])
    approved_week(p, first, lf.MONDAY, ["full"], site=site.ref)
    (batch,) = payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(p.db.engine, "before_cursor_execute", seen)
    try:
        document = payments.payment_list(p.db, p.supervisor, [batch.id])
    finally:
        event.remove(p.db.engine, "before_cursor_execute", seen)
    assert len([sql for sql in statements if "sum(labour_entries.portion)" in sql]) == 1
    assert len([sql for sql in statements if "labour_entries" in sql]) <= 2  # and the office
    with p.db.read() as session:
        workers = {row.id: row for row in session.execute(select(
            Worker.id, Worker.ref, Worker.full_name, Worker.payment_method, Worker.iban))}
    assert [(line.worker_ref, line.name, line.household_ref, line.method, line.iban, line.days,
             line.rate) for line in document.lines] == sorted(
        (workers[worker].ref, workers[worker].full_name, household_ref,
         workers[worker].payment_method.value, workers[worker].iban, days, Decimal("1101.00"))
        for worker, household_ref, days in ((second, p.household_ref, Decimal("1.5")),
                                            (first, household, Decimal("1.0"))))
    assert all(type(line.method) is str for line in document.lines)


@pytest.mark.sqlite_only("counts SQLite's steps")
def test_whether_a_timesheet_waits_is_asked_without_listing_the_office(p: lf.Programme) -> None:
    """Before a batch is built, whether a timesheet of the office waits is asked of the
    timesheets, each one's site looked up; listing the office's dwellings first cost the check
    5 ms in a programme of 5,000 sites. The check's steps do not grow with the office's sites."""
    from sqlalchemy import event

    from shelter_app.data.models import Dwelling

    steps: list[int] = []

    def probe_steps(more_sites: int) -> int:
        if more_sites:
            with p.db.write() as session:
                session.execute(insert(Dwelling), [
                    {"id": uuid.uuid4(), "ref": f"GAZ-D-9{n:05d}", "office_id": p.office.id,
                     "province": "Gaziantep", "district": "Şahinbey",
                     "neighbourhood": "Karşıyaka", "street": "Gül Sokak", "building_no": "1"}
                    for n in range(more_sites)])
        site, household = lf.other_site(p)
        approved_week(p, lf.worker(p, household), lf.MONDAY, ["full"], site=site.ref)
        counted = [0]

        def count() -> None:
            counted[0] += 1

        def start(conn: Any, _cursor: object, statement: str, *_args: object) -> None:
            if "LIMIT" in statement and "FROM timesheets" in statement:
                conn.connection.driver_connection.set_progress_handler(count, 1)

        def stop(conn: Any, *_args: object) -> None:
            conn.connection.driver_connection.set_progress_handler(None, 1)

        event.listen(p.db.engine, "before_cursor_execute", start)
        event.listen(p.db.engine, "after_cursor_execute", stop)
        try:
            payments.build_batches(p.db, p.supervisor, "2026-11", reason=EARLY)
        finally:
            event.remove(p.db.engine, "before_cursor_execute", start)
            event.remove(p.db.engine, "after_cursor_execute", stop)
        steps.append(counted[0])
        return counted[0]

    assert 0 < probe_steps(0) and probe_steps(400) < steps[0] + 100
