"""Output piped into a reader that stops early (`shelter-app list ... | head`) ends quietly:
no BrokenPipeError traceback on stderr."""

import os
import subprocess
import sys

import pytest
from server_dbs import target

from shelter_app.data.engine import Database


@pytest.mark.parametrize("argv", [["list", "dwellings"],
                                  ["list", "dwellings", "--format", "csv"],
                                  ["list", "workers", "--format", "json"]])
def test_a_reader_that_has_gone_gets_no_traceback(demo_db: Database, argv: list[str]) -> None:
    """The pipe's reading end is closed before the first write: what `head -n 1` leaves for
    every line after the first, without depending on timing."""
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run([sys.executable, "-m", "shelter_app", *argv, "--db",
                                 target(demo_db)], stdout=write, stderr=subprocess.PIPE,
                                timeout=120, env=os.environ.copy())
    finally:
        os.close(write)
    assert result.stderr.decode() == ""
    assert result.returncode == 1  # as Python's documentation does on EPIPE
