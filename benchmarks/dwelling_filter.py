"""One filter keystroke on 100,000 dwellings: the model re-queried for each prefix typed."""

import os
import statistics
import time

from benchmarks.fixtures import programme_database

#: What a user types, one keystroke at a time: names, a place without Turkish letters, a ref.
TYPED = ["ibrahim", "sanliurfa", "ahmet yil", "kecioren", "GAZ-D-0012", "fatma"]


def run() -> list[dict[str, object]]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from shelter_app.data.engine import Database, target_url
    from shelter_app.ui.dwellings.model import DwellingTableModel

    app = QApplication.instance() or QApplication([])
    db = Database(target_url(str(programme_database())))
    model = DwellingTableModel(db)
    timings = []
    for word in TYPED:
        for end in range(1, len(word) + 1):
            started = time.perf_counter()
            model.set_filter(word[:end])
            timings.append((time.perf_counter() - started) * 1000)
            app.processEvents()
        model.set_filter("")
    db.dispose()
    median = statistics.median(timings)
    worst = max(timings)
    return [
        {"name": "dwelling_filter", "value": round(median, 1), "unit": "ms", "baseline": None,
         "ratio": None, "target": "<= 30 ms median", "keystrokes": len(timings),
         "max_ms": round(worst, 1)},
    ]
