"""Run the benchmarks and print one JSON object per figure.

    .venv/bin/python benchmarks/run.py [names...]

Each line: {"name", "value", "unit", "baseline", "ratio", "target"} (plus details). The demo
databases they need are built on first use and cached in benchmarks/.cache.
"""

import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = {
    "startup": "benchmarks.startup",
    "dwelling_filter": "benchmarks.dwelling_filter",
    "boq_recalc": "benchmarks.boq",
    "boq_pdf": "benchmarks.boq",
    "backup": "benchmarks.backup",
    "photo_import": "benchmarks.photo_import",
    "photo_batch": "benchmarks.photo_import",
    "gallery": "benchmarks.gallery",
    "payment_batch": "benchmarks.cash_for_work",
    "week_grid": "benchmarks.cash_for_work",
    "contract_pdf": "benchmarks.contract",
    "contract_batch": "benchmarks.contract",
    "import_households": "benchmarks.imports",
    "import_kobo": "benchmarks.kobo",
    "sync_initial": "benchmarks.sync",
    "sync_day": "benchmarks.sync",
    "sync_apply": "benchmarks.sync",
    "dashboard": "benchmarks.dashboard",
    "encryption": "benchmarks.encryption",
    "case_file": "benchmarks.case_file",
    "latency": "benchmarks.latency",
    "sync_photos": "benchmarks.sync_files",
    "sync_package": "benchmarks.sync_files",
}


def main(argv: list[str]) -> int:
    names = argv or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}",
              file=sys.stderr)
        return 2
    for module in dict.fromkeys(BENCHMARKS[name] for name in names):  # one run per module
        for figure in importlib.import_module(module).run():
            print(json.dumps(figure, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
