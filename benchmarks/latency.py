"""latency: what a person feels, the longest time the GUI thread is blocked (target: no block
over 50 ms in any action), on the programme database (100,000 dwellings, a million labour days;
benchmarks.fixtures.programme_database).

A heartbeat timer ticks every HEARTBEAT_MS on the GUI thread; a tick that comes late by more
than that means the thread was busy (a query, a layout, a paint) and the window froze that
long. A scripted user drives the real main window, as the mouse and keyboard would: signs in,
filters the dwellings letter by letter, opens the heaviest dwelling file, opens a BoQ of 200
lines, edits a quantity, opens the labour grid of the busiest site, switches pages. The walk is
made WALKS times; each action prints its worst block and 99th percentile, and
`latency_gc` the longest cycle collection on the GUI thread (benchmarks/gc_pauses.py).

Baseline of the same run: the heartbeat of the idle window (nothing asked of it) for
IDLE_MS before each walk: what the shared machine's scheduling alone costs the thread (the
window at rest, `_idle_window`).
On a loaded machine a late tick also counts the time the thread waited for a core (or for
the GIL): `busy_ms` is the GUI thread's own CPU time between two ticks, the part of a block
that is the app's work whatever the load, and `worst_busy_ms` that of the worst block itself.
"""

import compileall
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.dwelling_filter import TYPED
from benchmarks.gc_pauses import Collections

HEARTBEAT_MS = 4
KEY_INTERVAL_MS = 200  # a person typing a name: five keys a second
IDLE_MS = 3000
WALKS = 2
TARGET_MS = 50
BOQ_LINES = 200


class Heartbeat:
    """Late ticks of a timer on the GUI thread, filed under the action running."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.blocks: dict[tuple[int, str], list[float]] = defaultdict(list)
        self.busy: dict[tuple[int, str], list[float]] = defaultdict(list)
        self.walk = 0  # the first walk also pays for importing and building each screen
        self.action = "setup"
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(HEARTBEAT_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        cpu = time.thread_time()
        late = (now - self._last) * 1000 - HEARTBEAT_MS
        self.blocks[self.walk, self.action].append(max(0.0, late))
        self.busy[self.walk, self.action].append((cpu - self._last_cpu) * 1000)
        self._last, self._last_cpu = now, cpu

    def stop(self) -> None:
        self._timer.stop()


def _wait(ms: int) -> None:
    """Let the event loop run for `ms` (the user looks at the screen), woken by each event as
    the app's own loop is. QTest.qWait naps 10 ms between two passes over the events: a
    heartbeat falling due in a nap was served up to 10 ms late, a block of the benchmark's
    own on top of any block of the app's (the GUI thread asleep in the nap was 10-20% of the
    wall of the blocks over 25 ms)."""
    from PySide6.QtCore import SLOT, QEventLoop, Qt, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, Qt.TimerType.PreciseTimer, loop, SLOT("quit()"))
    loop.exec()


def _wait_for(ready: Callable[[], bool], what: str, timeout_s: float = 120) -> None:
    deadline = time.perf_counter() + timeout_s
    while not ready():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"latency walk: timed out waiting for {what}")
        _wait(5)


def _settled(page: Any) -> bool:
    """The dwellings list shows the result of what is typed (no query pending)."""
    model = page.model
    return model.filter_text == page.filter_edit.text() and not model.loading


class Walk:
    """The scripted user on one copy of the programme database."""

    def __init__(self, db: Any, heartbeat: Heartbeat, case: Any, boq_id: Any, site: str,
                 username: str) -> None:
        self.db, self.heartbeat = db, heartbeat
        self.case, self.boq_id, self.site, self.username = case, boq_id, site, username
        self.window: Any = None

    def run(self) -> None:
        for name, action in (("sign_in", self.sign_in), ("filter", self.filter),
                             ("dwelling_file", self.dwelling_file), ("boq_open", self.boq_open),
                             ("boq_edit", self.boq_edit), ("labour_grid", self.labour_grid),
                             ("switch_pages", self.switch_pages)):
            self.heartbeat.action = name
            action()
            _wait(100)  # the last paint of the action
        self.heartbeat.action = "closing"
        self.close()

    def sign_in(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from shelter_app.demo.programme import DEMO_PASSWORD
        from shelter_app.ui.lazy_pages import PendingPage
        from shelter_app.ui.main_window import MainWindow

        self.window = MainWindow()
        self.window.show()
        _wait(200)
        # imported where the app imports it, once its window shows and the database is open
        # (ui.app.run_gui), not in the turn that makes the process's first window
        from shelter_app.ui.auth.dialogs import SignInDialog

        dialog = SignInDialog(self.db, self.window)
        dialog.open()
        _wait(200)
        for name, text in (("username", self.username), ("password", DEMO_PASSWORD)):
            dialog.fields[name].setFocus()
            for char in text:
                QTest.keyClick(dialog.fields[name], char)
                _wait(60)
        QTest.keyClick(dialog.fields["password"], Qt.Key.Key_Return)
        _wait_for(lambda: dialog.actor is not None, "the sign-in")
        self.window.attach(self.db, dialog.actor)
        dialog.deleteLater()
        # the page as the user sees it: naming the attribute first would build it at once
        # (and importing its module here would import it on the GUI thread, which the app
        # leaves to a thread while the password is typed, ui/preload.py)
        _wait_for(lambda: not isinstance(self.window.pages.currentWidget(), PendingPage),
                  "the Dwellings page")
        page = self.window.dwellings
        _wait_for(lambda: page.model.rowCount() > 0 and _settled(page), "the first rows")

    def filter(self) -> None:
        from PySide6.QtTest import QTest

        page = self.window.dwellings
        page.filter_edit.setFocus()
        for word in TYPED:
            for char in word:
                QTest.keyClick(page.filter_edit, char)
                _wait(KEY_INTERVAL_MS)
            _wait_for(lambda: _settled(page), f"the rows of {word!r}")
            page.filter_edit.clear()
            _wait_for(lambda: _settled(page), "the whole list again")

    def dwelling_file(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from shelter_app.ui.dwellings.file_dialog import DwellingFileDialog

        page = self.window.dwellings
        page.filter_edit.setText(self.case)
        _wait_for(lambda: _settled(page) and page.model.rowCount() > 0, "the case's row")
        page.table.setFocus()
        page.table.setCurrentIndex(page.model.index(0, 0))
        _wait(100)
        QTest.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the file
        _wait_for(lambda: page.findChild(DwellingFileDialog) is not None, "the file")
        dialog = page.findChild(DwellingFileDialog)
        for tab in range(dialog.tabs.count()):  # the user looks at every tab
            dialog.tabs.setCurrentIndex(tab)
            _wait(150)
        dialog.close()
        dialog.setParent(None)
        dialog.deleteLater()
        page.filter_edit.clear()
        _wait_for(lambda: _settled(page), "the whole list again")

    def boq_open(self) -> None:
        self.window.show_page("boqs")
        _wait(300)
        self.editor = self.window.boqs.open_editor(self.boq_id)
        _wait(300)

    def boq_edit(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        from shelter_app.ui.boq.lines_model import QUANTITY

        table = self.editor.table
        for row in (3, 150):
            table.setFocus()
            table.setCurrentIndex(self.editor.lines.index(row, QUANTITY))
            _wait(100)
            QTest.keyClick(table, Qt.Key.Key_F2)  # edit the cell
            _wait(100)
            editor = table.focusWidget()
            for char in f"{row % 9 + 2},5":
                QTest.keyClick(editor, char)
                _wait(60)
            QTest.keyClick(editor, Qt.Key.Key_Return)
            _wait(300)
        self.editor.close()
        _wait(100)

    def labour_grid(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        self.window.show_page("cash_for_work")
        _wait(300)
        log = self.window.cash_for_work.log
        edit = log.sites.lineEdit()
        edit.setFocus()
        edit.clear()
        for char in self.site:
            QTest.keyClick(edit, char)
            _wait(40)
        QTest.keyClick(edit, Qt.Key.Key_Return)
        _wait_for(lambda: log.model.grid is not None, "the week grid")
        _wait(300)

    def switch_pages(self) -> None:
        """Every page twice (the first showing builds it); filed per page as well."""
        navigation = self.window.navigation
        for _ in range(2):
            for row in range(navigation.count()):
                self.heartbeat.action = f"page {navigation.item(row).text()}"
                navigation.setCurrentRow(row)
                _wait(400)
        self.heartbeat.action = "switch_pages"
        navigation.setCurrentRow(0)

    def close(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool

        self.window.close()
        self.window.deleteLater()
        QThreadPool.globalInstance().waitForDone()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        _wait(50)


def _setup(path: Path) -> tuple[str, Any, str, str]:
    """On a copy of the programme: the heaviest case (ref), a draft BoQ of BOQ_LINES lines in
    its office, the busiest site of works in progress there, and the office's engineer."""
    from sqlalchemy import func, select

    from benchmarks.fixtures import heaviest_case
    from shelter_app.data.engine import Database, target_url
    from shelter_app.data.models import Dwelling, LabourEntry, Office
    from shelter_app.demo.programme import DEMO_PASSWORD
    from shelter_app.domain.stages import Stage
    from shelter_app.services.accounts.auth import sign_in
    from shelter_app.services.boq import boq as service
    from shelter_app.services.boq.catalogue import catalogue_items

    db = Database(target_url(str(path)))
    with db.read() as session:
        case_id, _ = heaviest_case(session)
        ref, office_id = session.execute(
            select(Dwelling.ref, Dwelling.office_id).where(Dwelling.id == case_id)).one()
        code = session.scalar(select(Office.code).where(Office.id == office_id))
        assessed = session.scalar(select(Dwelling.ref).where(
            Dwelling.stage == Stage.ASSESSED, Dwelling.office_id == office_id)
            .order_by(Dwelling.ref).limit(1))
        site = session.scalar(
            select(Dwelling.ref).join(LabourEntry, LabourEntry.dwelling_id == Dwelling.id)
            .where(Dwelling.stage == Stage.WORKS_IN_PROGRESS, Dwelling.office_id == office_id)
            .group_by(Dwelling.ref).order_by(func.count().desc()).limit(1))
    username = f"engineer.{code.lower()}"
    engineer = sign_in(db, username, DEMO_PASSWORD)[0]
    view = service.create_boq(db, engineer, assessed)
    items = catalogue_items(db, view.catalogue_id)
    for number in range(BOQ_LINES):
        service.add_line(db, engineer, view.id, items[number % len(items)].id,
                         f"{1 + number % 37},{number % 100:02d}")
    db.dispose()
    return ref, view.id, site, username


def _idle_window(heartbeat: Heartbeat, walk: int) -> None:
    """The baseline before `walk`: the window at rest for IDLE_MS, as the app is between two
    actions. What the benchmark made before (the programme's setup, the last walk's window)
    is collected first and what outlives it frozen, as the app's start-up objects are
    (ui.collector.hold_while_starting). Left to the collector, the setup was walked by its
    first tick inside the idle window (a young collection of 21,000 objects, 40-70 ms), and
    its modules' objects again by a collection of the middle generation in the first
    sign-in (20-60 ms)."""
    heartbeat.walk, heartbeat.action = walk, "setup"
    gc.collect()
    gc.freeze()
    _wait(50)  # the tick after the collection is filed under the setup, not measured
    heartbeat.action = "idle"
    _wait(IDLE_MS)


def _figure(name: str, walks: list[list[float]], spent: list[list[float]],
            idle: list[float]) -> dict[str, object]:
    """The worst block and p99 of an action over every walk, and its worst in the first walk
    (cold: modules imported, screens built for the first time) and in the later ones (warm).
    `spent` is the GUI thread's CPU in each of those intervals: the worst block's own
    (`worst_busy_ms`) tells the app's work in it from what it waited for."""
    blocks = [block for walk in walks for block in walk]
    busy = [cpu for walk in spent for cpu in walk]
    worst, idle_worst = max(blocks), max(idle)
    ordered = sorted(blocks)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    idle_p99 = sorted(idle)[min(len(idle) - 1, int(len(idle) * 0.99))]
    return {"name": f"latency_{name}", "value": round(worst, 1), "unit": "ms",
            "baseline": round(idle_worst, 1), "ratio": round(worst / idle_worst, 1)
            if idle_worst else None, "target": f"worst block <= {TARGET_MS} ms",
            "p99_ms": round(p99, 1), "baseline_p99_ms": round(idle_p99, 1),
            "blocks_over_target": sum(block > TARGET_MS for block in blocks),
            "heartbeats": len(blocks), "median_ms": round(statistics.median(blocks), 1),
            "busy_ms": round(max(busy), 1),
            "worst_busy_ms": round(busy[blocks.index(worst)], 1),
            "cold_ms": round(max(walks[0]), 1),
            "warm_ms": round(max(max(walk) for walk in walks[1:]), 1) if walks[1:] else None,
            "baseline_is": f"the idle window's heartbeat, {IDLE_MS} ms before each walk"}


def _by_action(intervals: dict[tuple[int, str], list[float]]) -> dict[str, list[list[float]]]:
    """Each action's intervals walk by walk, switch_pages with its pages'."""
    actions: dict[str, list[list[float]]] = defaultdict(lambda: [[] for _ in range(WALKS)])
    for (walk, name), values in intervals.items():
        actions[name][walk] = values
    pages = [[value for name, walks in actions.items() if name.startswith("page ")
              for value in walks[walk]] for walk in range(WALKS)]
    actions["switch_pages"] = [[*walk, *page] for walk, page in
                               zip(actions["switch_pages"], pages, strict=True)]
    return actions


@contextmanager
def _byte_compiled() -> Iterator[None]:
    """The app's modules imported from their byte-code, cached under benchmarks/.cache, as an
    installed app has it (see benchmarks/startup.py). Under a shell that sets
    PYTHONDONTWRITEBYTECODE, the first walk compiled each module as the screens imported it,
    inside the intervals measured (7 ms of the first sign-in's first, for two modules)."""
    from benchmarks.fixtures import PYCACHE

    prefix, dont_write = sys.pycache_prefix, sys.dont_write_bytecode
    sys.pycache_prefix, sys.dont_write_bytecode = str(PYCACHE), False
    try:
        compileall.compile_dir(Path(__file__).resolve().parent.parent / "shelter_app", quiet=1)
        yield
    finally:
        sys.pycache_prefix, sys.dont_write_bytecode = prefix, dont_write


def run() -> list[dict[str, object]]:
    with _byte_compiled():
        return _run()


def _run() -> list[dict[str, object]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from benchmarks.fixtures import programme_database, shared_cache
    from shelter_app.data.engine import Database, target_url
    from shelter_app.ui.app import create_application

    source = programme_database()
    app = QApplication.instance() or create_application()
    with tempfile.TemporaryDirectory(dir=shared_cache(), prefix="latency-") as folder:
        path = Path(folder) / "programme.db"
        shutil.copyfile(source, path)
        case, boq_id, site, username = _setup(path)
        heartbeat = Heartbeat()
        collections = Collections(heartbeat)
        for walk in range(WALKS):
            db = Database(target_url(str(path)))
            _idle_window(heartbeat, walk)
            Walk(db, heartbeat, case, boq_id, site, username).run()
            db.dispose()
        heartbeat.stop()
        collections.stop()
    app.processEvents()
    for intervals in (heartbeat.blocks, heartbeat.busy):
        for walk in range(WALKS):
            intervals.pop((walk, "setup"), None)
    idle, idle_busy = ([value for walk in range(WALKS) for value in intervals.pop((walk, "idle"))]
                       for intervals in (heartbeat.blocks, heartbeat.busy))
    actions, spent = _by_action(heartbeat.blocks), _by_action(heartbeat.busy)
    figures = [_figure(name, walks, spent[name], idle) for name, walks in actions.items()]
    walked = [name for name in actions if name != "closing" and not name.startswith("page ")]

    def whole_walks(intervals: dict[str, list[list[float]]]) -> list[list[float]]:
        return [[value for name in walked for value in intervals[name][walk]]
                for walk in range(WALKS)]

    overall = _figure("walk", whole_walks(actions), whole_walks(spent), idle)
    overall["baseline_busy_ms"] = round(max(idle_busy), 1)
    overall["worst_action"] = max(
        (figure for figure in figures if figure["name"] != "latency_closing"
         and not str(figure["name"]).startswith("latency_page ")),
        key=lambda figure: figure["value"])["name"]
    return [overall, *figures, collections.figure(idle)]
