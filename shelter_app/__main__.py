"""`python -m shelter_app` behaves like the `shelter-app` command (also the frozen build's entry).

Guarded: a spawned worker process (services.processes) imports this module again under another
name, and in the frozen build freeze_support() turns such a start into the worker's loop."""

import multiprocessing
import sys

from shelter_app.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
